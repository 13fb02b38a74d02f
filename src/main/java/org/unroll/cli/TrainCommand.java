package org.unroll.cli;

import java.io.IOException;
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
import org.unroll.engine.Sequence;
import org.unroll.engine.Trace;
import org.unroll.engine.Trainer;
import org.unroll.engine.TrainingConfig;
import org.unroll.engine.Weights;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code train}: trains a network on one of the book's tasks (or a CSV file) and writes it, with one
 * validation sequence, as a case file.
 */
@Command(name = "train", mixinStandardHelpOptions = true, description = {"Train a network on the book's noisy sine, the adding problem or a CSV file.",
        "Writes the trained network with one sample sequence (and its expected block) as a case file.",
        "The last lines are val_mse=<number> and seconds=<training time>."})
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--task", defaultValue = "sine", description = "sine, adding or csv:FILE (default ${DEFAULT-VALUE}).")
    String task;

    @Option(names = "--cell", defaultValue = "lstm", description = "rnn, lstm or gru (default ${DEFAULT-VALUE}).")
    String cell;

    @Option(names = "--hidden", defaultValue = "20", description = "Hidden units H (default ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--epochs", defaultValue = "100", description = "Epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", defaultValue = "10", description = "Mini-batch size (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--optimizer", defaultValue = "adam", description = "sgd, momentum, adam or amsgrad (default ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", defaultValue = "0.001", description = "Learning rate (default ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--clip", defaultValue = "0", description = "Clip the gradient's global norm to this; 0 = off (default ${DEFAULT-VALUE}).")
    double clip;

    @Option(names = "--truncate", description = "Truncated BPTT through k steps (default: full BPTT).")
    Integer truncate;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the data, weights and shuffles (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--activation", defaultValue = "tanh", description = "tanh, sigmoid, relu or linear (default ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--forget-bias", defaultValue = "0", description = "Initial LSTM forget-gate bias (default ${DEFAULT-VALUE}).")
    double forgetBias;

    @Option(names = "--steps", defaultValue = "200", description = "Adding problem: sequence length T (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--samples", defaultValue = "10000", description = "Adding problem: number of sequences (default ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--window", defaultValue = "25", description = "CSV: window length (default ${DEFAULT-VALUE}).")
    int window;

    @Option(names = {"-o", "--output"}, paramLabel = "MODEL.json", description = "Write the trained network as a case file here.")
    Path output;

    @Override
    public Integer call() {
        CellType ct = Options.cell("--cell", cell);
        OptimizerKind opt = Options.optimizer("--optimizer", optimizer);
        Activation act = Activation.fromKey(activation);
        if (act == null) {
            throw new UserError("--activation: expected tanh, sigmoid, relu or linear, got " + activation);
        }
        Options.range("--hidden", hidden, 1, Limits.MAX_SIZE);
        Options.range("--epochs", epochs, 1, 1_000_000);
        Options.range("--batch", batch, 1, 100_000);
        Options.learningRate("--lr", lr);
        Options.clip("--clip", clip);
        if (truncate != null) {
            Options.range("--truncate", truncate, 1, Limits.MAX_STEPS);
        }
        if (!Double.isFinite(forgetBias)) {
            throw new UserError("--forget-bias: expected a finite number, got " + forgetBias);
        }
        Dataset data = dataset();
        ModelConfig model = new ModelConfig(ct, data.inputSize(), hidden, data.outputSize(), act,
                org.unroll.engine.OutputActivation.LINEAR, false, false);
        int length = data.train()[0].length();
        long bytes = Limits.traceBytes(model, length, Math.min(batch, data.train().length));
        if (bytes > Limits.MAX_TRACE_BYTES) {
            throw new UserError("--hidden/--batch: T=" + length + " needs about " + (bytes >> 20)
                    + " MiB of workspace; the engine's limit is " + (Limits.MAX_TRACE_BYTES >> 20) + " MiB");
        }
        TrainingConfig cfg = new TrainingConfig(model, LossKind.MSE, opt, lr, batch, epochs, clip, truncate, seed, forgetBias);
        Trainer trainer = new Trainer(cfg, data);
        System.out.printf(Locale.ROOT, "train %s %s H=%d epochs=%d batch=%d %s lr=%s clip=%s truncate=%s seed=%d train=%d val=%d T=%d%n",
                data.name(), ct.key(), hidden, epochs, batch, opt.key(), lr, clip > 0 ? clip : "off",
                truncate == null ? "full" : truncate, seed, data.train().length, data.validation().length, length);
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
        double val = trainer.validationLoss();
        if (output != null) {
            writeModel(trainer, model);
        }
        System.out.printf(Locale.ROOT, "val_mse=%.5f%n", val);
        System.out.printf(Locale.ROOT, "seconds=%.3f%n", seconds);
        return 0;
    }

    private Dataset dataset() {
        String t = task.toLowerCase(Locale.ROOT);
        if (t.equals("sine")) {
            return Datasets.noisySine(seed);
        }
        if (t.equals("adding")) {
            Options.range("--steps", steps, 2, Limits.MAX_STEPS);
            Options.range("--samples", samples, 2, 10_000_000);
            long scalars = (long) steps * samples * 3;
            if (scalars > 200_000_000L) {
                throw new UserError("--steps/--samples: " + steps + "×" + samples + " sequences are too large to hold in memory");
            }
            return Datasets.addingProblem(steps, samples, seed);
        }
        if (task.startsWith("csv:")) {
            Path f = Path.of(task.substring(4));
            Options.range("--window", window, 1, Limits.MAX_STEPS);
            try {
                return Datasets.fromCsv(f, window, seed);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            } catch (java.nio.file.NoSuchFileException e) {
                throw new UserError(f + ": no such file");
            } catch (IOException e) {
                throw new UserError(f + ": cannot read: " + e.getMessage());
            }
        }
        throw new UserError("--task: expected sine, adding or csv:FILE, got " + task);
    }

    private void writeModel(Trainer trainer, ModelConfig model) {
        Dataset d = trainer.dataset();
        Sequence sample = d.validation().length > 0 ? d.validation()[0] : d.train()[0];
        Weights w = trainer.weights().copy();
        Case c = new Case(d.name() + "-" + model.cell().key() + "-trained",
                "Trained by 'unroll train' on " + d.name() + " (" + trainer.epoch() + " epochs, seed " + seed
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
