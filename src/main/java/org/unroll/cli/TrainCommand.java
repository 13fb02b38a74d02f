package org.unroll.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.unroll.engine.Activation;
import org.unroll.engine.Batch;
import org.unroll.engine.Bptt;
import org.unroll.engine.Case;
import org.unroll.engine.CaseFile;
import org.unroll.engine.CellType;
import org.unroll.engine.Dataset;
import org.unroll.engine.Datasets;
import org.unroll.engine.EpochResult;
import org.unroll.engine.Limits;
import org.unroll.engine.LossKind;
import org.unroll.engine.ModelConfig;
import org.unroll.engine.OptimizerKind;
import org.unroll.engine.Parallel;
import org.unroll.engine.Sequence;
import org.unroll.engine.Trace;
import org.unroll.engine.Trainer;
import org.unroll.engine.TrainingConfig;
import org.unroll.engine.Weights;
import org.unroll.session.TrainingSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code train}: trains a network on one of the book's tasks (or a CSV file) and writes it, with one
 * validation sequence, as a case file.
 */
@Command(name = "train", mixinStandardHelpOptions = true, description = {"Train a network on the book's noisy sine, the adding problem or a CSV file.",
        "Writes the trained network with one sample sequence (and its expected block) as a case file.",
        "The last lines are val_mse=<number> and seconds=<training time>."})
final class TrainCommand implements Callable<Integer> {

    /**
     * The defaults of {@code train}: the book's setting (noisy sine, LSTM with 20 units, Adam 0.001,
     * batch 10, 100 epochs, no clipping, full BPTT, seed 0, forget-gate bias 0; the adding problem
     * at T = 200 with 10,000 sequences; CSV windows of 25).
     */
    static final TrainingSetup BOOK = TrainingSetup.defaults().toBuilder()
            .task(TrainingSetup.Task.SINE)
            .addingLength(200)
            .addingCount(10_000)
            .cell(CellType.LSTM)
            .hidden(20)
            .optimizer(OptimizerKind.ADAM)
            .learningRate(0.001)
            .batch(10)
            .epochs(100)
            .clip(0)
            .truncation(0)
            .seed(0)
            .activation(Activation.TANH)
            .forgetBias(0)
            .window(Datasets.SINE_WINDOW)
            .build();

    @Mixin
    TrainingOptions training = new TrainingOptions(BOOK);

    @Option(names = "--epochs", description = "Epochs (default ${DEFAULT-VALUE}).")
    int epochs = BOOK.epochs();

    @Option(names = {"-o", "--output"}, paramLabel = "MODEL.json", description = "Write the trained network as a case file here.")
    Path output;

    @Option(names = "--threads", paramLabel = "N", description = {"Threads a mini-batch's shards of 50 sequences run on "
            + "(default: every processor). Changes the speed, never the numbers."})
    Integer threads;

    /** Checks the options and builds the data and the configuration (nothing is trained). */
    TrainingOptions.Prepared prepare() {
        org.unroll.session.BookPresets.Preset preset = training.preset();
        if (preset != null && !training.given("--epochs")) {
            epochs = preset.setup().epochs();
        }
        Options.range("--epochs", epochs, 1, 1_000_000);
        if (threads != null) {
            Options.range("--threads", threads, 1, Limits.MAX_THREADS);
        }
        return training.prepare(epochs, null, null);
    }

    @Override
    public Integer call() {
        if ("list".equals(training.preset)) {
            for (org.unroll.session.BookPresets.Preset bp : org.unroll.session.BookPresets.all()) {
                System.out.println(bp.summary());
                System.out.println("    from " + bp.source());
            }
            return 0;
        }
        TrainingOptions.Prepared p = prepare();
        Dataset data = p.data();
        TrainingConfig cfg = p.config();
        ModelConfig model = cfg.model();
        int length = data.train()[0].length();
        if (threads != null) {
            Parallel.setThreads(threads);
        }
        Trainer trainer = new Trainer(cfg, data);
        System.out.printf(Locale.ROOT, "train %s %s H=%d epochs=%d batch=%d %s lr=%s clip=%s truncate=%s seed=%d train=%d val=%d T=%d%n",
                data.name(), model.cell().key(), model.hiddenSize(), epochs, cfg.batchSize(), cfg.optimizer().key(),
                cfg.learningRate(), cfg.clipNorm() > 0 ? cfg.clipNorm() : "off",
                cfg.truncate() == null ? "full" : cfg.truncate(), cfg.seed(), data.train().length,
                data.validation().length, length);
        if (training.preset != null || cfg.init() != org.unroll.engine.InitScheme.GLOROT_UNIFORM
                || cfg.earlyStopping().enabled() || !p.setup().validation().equals(org.unroll.engine.ValidationSplit.DEFAULT)) {
            org.unroll.engine.ValidationSplit v = p.setup().validation();
            System.out.printf(Locale.ROOT, "%sinit=%s validation=%s early_stopping=%s%n",
                    training.preset != null ? "preset " + training.preset + ": " : "", cfg.init().key(),
                    v.fraction() == 0 ? "none" : v.fraction() + (v.shuffled() ? " random" : " last"),
                    cfg.earlyStopping().enabled()
                            ? cfg.earlyStopping().monitor().key() + " patience " + cfg.earlyStopping().patience() : "off");
        }
        Progress progress = Progress.forConsole(epochs);
        long t0 = System.nanoTime();
        try {
            trainer.runEpochs(epochs, r -> progress.update(r, System.nanoTime() - t0));
        } catch (IllegalStateException e) {
            progress.finish();
            throw new UserError(e.getMessage());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        progress.finish();
        if (trainer.stoppedEarly()) {
            System.out.println(trainer.earlyStopMessage());
        }
        double val = trainer.validationLoss();
        if (output != null) {
            writeModel(trainer, cfg);
        }
        System.out.printf(Locale.ROOT, "val_mse=%.5f%n", val);
        System.out.printf(Locale.ROOT, "seconds=%.3f%n", seconds);
        return 0;
    }

    private void writeModel(Trainer trainer, TrainingConfig cfg) {
        ModelConfig model = cfg.model();
        Integer truncate = cfg.truncate();
        Dataset d = trainer.dataset();
        Sequence sample = d.validation().length > 0 ? d.validation()[0] : d.train()[0];
        Weights w = trainer.weights().copy();
        Case c = new Case(d.name() + "-" + model.cell().key() + "-trained",
                "Trained by 'unroll train' on " + d.name() + " (" + trainer.epoch() + " epochs, seed " + cfg.seed()
                        + "); the sequence is one validation sample.",
                model, w, sample, LossKind.MSE, truncate, null);
        Bptt b = new Bptt(model, LossKind.MSE);
        b.forward(w, Batch.of(sample));
        b.backward(w, truncate, Weights.zeros(model));
        Trace tr = b.trace(0);
        Cases.requireFinite(output, tr);
        Cases.write(output, out -> CaseFile.write(c, tr, out));
        System.out.println("wrote " + output);
    }

    /** A progress bar on a terminal, plain lines otherwise. */
    abstract static class Progress {
        final int epochs;

        Progress(int epochs) {
            this.epochs = epochs;
        }

        static Progress forConsole(int epochs) {
            return System.console() != null ? new Bar(epochs) : new Lines(epochs);
        }

        abstract void update(EpochResult r, long elapsedNanos);

        void finish() {
        }

        String eta(EpochResult r, long elapsedNanos) {
            double left = elapsedNanos / 1e9 / r.epoch() * (epochs - r.epoch());
            return left >= 60 ? String.format(Locale.ROOT, "%dm%02ds", (long) left / 60, (long) left % 60)
                    : String.format(Locale.ROOT, "%.1fs", left);
        }
    }

    static final class Lines extends Progress {
        private final int every;

        Lines(int epochs) {
            super(epochs);
            this.every = Math.max(1, epochs / 20);
        }

        @Override
        void update(EpochResult r, long elapsedNanos) {
            if (r.epoch() % every == 0 || r.epoch() == epochs || r.epoch() == 1) {
                System.out.printf(Locale.ROOT, "epoch %d/%d loss=%.6f val=%.6f left=%s%n", r.epoch(), epochs,
                        r.trainLoss(), r.validationLoss(), eta(r, elapsedNanos));
            }
        }
    }

    static final class Bar extends Progress {
        Bar(int epochs) {
            super(epochs);
        }

        @Override
        void update(EpochResult r, long elapsedNanos) {
            int width = 30;
            int done = (int) ((long) width * r.epoch() / epochs);
            String bar = "#".repeat(done) + "-".repeat(width - done);
            System.out.printf(Locale.ROOT, "\r[%s] epoch %d/%d loss %.6f val %.6f left %s   ", bar, r.epoch(), epochs,
                    r.trainLoss(), r.validationLoss(), eta(r, elapsedNanos));
            System.out.flush();
        }

        @Override
        void finish() {
            System.out.println();
        }
    }
}
