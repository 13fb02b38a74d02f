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
import org.unroll.engine.Readable;
import org.unroll.engine.Trainer;
import org.unroll.engine.TrainingConfig;
import org.unroll.engine.Weights;
import org.unroll.session.Checkpoint;
import org.unroll.session.CheckpointException;
import org.unroll.session.LossHistory;
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
        "The last lines are val_mse=<number> and seconds=<training time>.",
        "--checkpoint FILE saves the run every N epochs (atomically) and at the end; --resume FILE continues it",
        "to the same bits as an uninterrupted run."})
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

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "Save the run's state here every N epochs"
            + " (--checkpoint-every), at the end and on Ctrl+C; --resume continues it.")
    Path checkpoint;

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "Epochs between checkpoints (default "
            + Checkpoint.DEFAULT_EVERY + "; needs --checkpoint or --resume).")
    Integer checkpointEvery;

    @Option(names = "--resume", paramLabel = "FILE", description = "Continue the run saved in this checkpoint (its"
            + " settings and data; --epochs sets the total, default the checkpoint's); it goes on saving there unless"
            + " --checkpoint names another file.")
    Path resume;


    @Option(names = "--plot", paramLabel = "FILE", description = {"Write the run's loss curves (training and validation "
            + "loss per epoch, log axis) as a picture: .png, .svg or .pdf."})
    Path plot;

    @Option(names = "--plot-against", paramLabel = "LOG", description = {"With --plot: also draw another run's validation "
            + "loss from its printed output (lines 'epoch K … val_loss V', as the book's PyTorch scripts print)."})
    Path plotAgainst;

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

    /** The run to train: new from the options, or continued from a checkpoint. */
    private record Plan(TrainingSetup setup, Checkpoint.DataId dataId, Trainer trainer, LossHistory history,
                        int epochs, long elapsedBefore) {
    }

    private Plan plan() {
        if (checkpointEvery != null) {
            if (checkpoint == null && resume == null) {
                throw new UserError("--checkpoint-every: needs --checkpoint FILE (or --resume FILE)");
            }
            Options.range("--checkpoint-every", checkpointEvery, 1, 1_000_000);
        }
        if (resume == null) {
            TrainingOptions.Prepared p = prepare();
            Checkpoint.DataId id;
            try {
                id = Checkpoint.DataId.of(p.setup(), p.data());
            } catch (java.io.IOException e) {
                throw new UserError(p.setup().csv() + ": cannot read: " + e.getMessage());
            }
            return new Plan(p.setup(), id, new Trainer(p.config(), p.data()), new LossHistory(), epochs, 0);
        }
        if (threads != null) {
            Options.range("--threads", threads, 1, Limits.MAX_THREADS);
        }
        // every training option (the mixin's): the checkpoint decides them all
        if (spec != null && spec.mixins().containsKey("training")) {
            for (picocli.CommandLine.Model.OptionSpec o : spec.mixins().get("training").options()) {
                if (training.given(o.longestName())) {
                    throw new UserError(o.longestName() + ": the checkpoint " + resume + " holds the run's settings;"
                            + " leave " + o.longestName() + " out");
                }
            }
        }
        Checkpoint c;
        Dataset data;
        try {
            c = Checkpoint.read(resume);
            data = c.dataset();
        } catch (CheckpointException e) {
            throw new UserError(resume + ": " + e.getMessage());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserError(resume + ": no such file");
        } catch (java.io.IOException e) {
            throw new UserError(resume + ": cannot read: " + e.getMessage());
        }
        int total = given("--epochs") ? epochs : c.config().epochs();
        Options.range("--epochs", total, 1, 1_000_000);
        Trainer t;
        try {
            t = c.trainer(data, total);
        } catch (CheckpointException e) {
            throw new UserError(resume + ": " + e.getMessage() + (e.path().isEmpty() ? "; give a larger --epochs" : ""));
        }
        System.out.println("resume " + resume + " at epoch " + c.epoch());
        return new Plan(c.setup(), c.data(), t, c.history(), total, c.elapsedNanos());
    }

    private boolean given(String option) {
        return spec != null && spec.commandLine() != null && spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if ("list".equals(training.preset)) {
            for (org.unroll.session.BookPresets.Preset bp : org.unroll.session.BookPresets.all()) {
                System.out.println(bp.summary());
                System.out.println("    from " + bp.source());
            }
            return 0;
        }
        // loads beside the data's generation, not inside the training's clock (PyTorch's scripts
        // load their libraries at import, before theirs)
        org.unroll.engine.NativeBlas.preload();
        Plan plan = plan(); // checks --threads too
        // the files the run will write: refused now, not after the training (a FIFO, a folder …)
        Cases.checkTarget(output);
        Cases.checkTarget(checkpoint != null ? checkpoint : resume);
        Cases.checkTarget(plot);
        if (threads != null) {
            Parallel.setThreads(threads);
        }
        Trainer trainer = plan.trainer();
        TrainingConfig cfg = trainer.config();
        if (output != null) {
            checkModelFits(trainer, cfg);
        }
        if (plot != null) {
            // the plot is drawn from a session of one sample, which has the event limit: say so now,
            // not after the run (ADR 0031)
            Sequence sample = trainer.dataset().train()[0];
            boolean[] targets = new boolean[sample.length()];
            for (int t = 0; t < targets.length; t++) {
                targets[t] = sample.targets()[t] != null;
            }
            try {
                org.unroll.schedule.Schedule.requireWithinLimit(
                        org.unroll.graph.UnrolledGraph.of(cfg.model(), sample.length(), targets), cfg.truncate(), true);
            } catch (org.unroll.schedule.Schedule.TooLong e) {
                throw new UserError("--plot: " + e.getMessage());
            }
        }
        Dataset data = trainer.dataset();
        ModelConfig model = cfg.model();
        int total = plan.epochs();
        int length = data.train()[0].length();
        Path save = checkpoint != null ? checkpoint : resume;
        int every = checkpointEvery != null ? checkpointEvery : Checkpoint.DEFAULT_EVERY;
        System.out.printf(Locale.ROOT, "train %s %s H=%d epochs=%d batch=%d %s lr=%s clip=%s truncate=%s seed=%d train=%d val=%d T=%d%n",
                data.name(), model.cell().key(), model.hiddenSize(), total, cfg.batchSize(), cfg.optimizer().key(),
                Readable.number(cfg.learningRate()), cfg.clipNorm() > 0 ? Readable.number(cfg.clipNorm()) : "off",
                cfg.truncate() == null ? "full" : cfg.truncate(), cfg.seed(), data.train().length,
                data.validation().length, length);
        if (training.preset != null || cfg.init() != org.unroll.engine.InitScheme.GLOROT_UNIFORM
                || cfg.earlyStopping().enabled()
                || !plan.setup().validation().equals(org.unroll.engine.ValidationSplit.DEFAULT)) {
            org.unroll.engine.ValidationSplit v = plan.setup().validation();
            System.out.printf(Locale.ROOT, "%sinit=%s validation=%s early_stopping=%s%n",
                    training.preset != null ? "preset " + training.preset + ": " : "", cfg.init().key(),
                    v.fraction() == 0 ? "none" : v.fraction() + (v.shuffled() ? " random" : " last"),
                    cfg.earlyStopping().enabled()
                            ? cfg.earlyStopping().monitor().key() + " patience " + cfg.earlyStopping().patience() : "off");
        }
        Progress progress = Progress.forConsole(total, trainer.epoch());
        LossHistory history = plan.history();
        org.unroll.engine.NativeBlas.available(); // waits for the preload
        long t0 = System.nanoTime();
        Saver saver = save == null ? null : new Saver(save, plan, t0);
        try {
            if (saver != null) {
                // before the exit hook that deletes this process's temporaries: the last save is one
                saver.cancelHook = org.unroll.engine.Temporaries.atExit(saver.hook);
            }
            trainer.runEpochs(total - trainer.epoch(), r -> {
                history.add(r.trainLoss(), r.validationLoss());
                progress.update(r, System.nanoTime() - t0);
                if (saver != null && (r.epoch() % every == 0 || saver.interrupted)) {
                    saver.save();
                }
            });
            if (saver != null && saver.savedEpoch != trainer.epoch()) {
                saver.save();
            }
        } catch (Trainer.Diverged e) {
            progress.finish();
            throw new UserError(diverged(e, trainer, cfg, saver));
        } finally {
            if (saver != null) {
                saver.release();
            }
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
        if (plot != null) {
            writePlot(trainer, cfg, history);
        }
        if (saver != null) {
            System.out.println("checkpoint " + save + " at epoch " + trainer.epoch());
        }
        System.out.printf(Locale.ROOT, "val_mse=%.5f%n", val);
        System.out.printf(Locale.ROOT, "seconds=%.3f%n", seconds);
        return 0;
    }

    /** The divergence in the command line's words: the options to change, and where the last good state is. */
    private String diverged(Trainer.Diverged e, Trainer trainer, TrainingConfig cfg, Saver saver) {
        StringBuilder sb = new StringBuilder("training diverged at epoch ").append(e.epoch()).append(": ")
                .append(e.what());
        if (output != null && trainer.epoch() > 0) {
            try {
                writeModel(trainer, cfg);
                sb.append("; wrote the weights of epoch ").append(trainer.epoch()).append(" to ").append(output);
            } catch (UserError ignored) {
                // the last good weights cannot be traced either: say nothing about a file
            }
        }
        if (saver != null && saver.savedEpoch >= 0) {
            sb.append("; ").append(saver.file).append(" holds epoch ").append(saver.savedEpoch);
        }
        sb.append("; lower the learning rate (now --lr ").append(Readable.number(e.learningRate())).append(')');
        sb.append(e.clipped()
                ? " or clip the gradient norm harder (now --clip " + Readable.number(e.clipNorm()) + ", try --clip "
                        + Readable.number(e.suggestedClip()) + ")"
                : " or clip the gradient norm (--clip 1)");
        return sb.toString();
    }

    /**
     * Writes the checkpoint between epochs, and on Ctrl+C: the shutdown hook asks the training loop
     * to save after the epoch under way and waits for it (at most {@link #CTRL_C_WAIT_SECONDS}
     * seconds; then the last checkpoint written stands).
     */
    private static final class Saver {
        static final int CTRL_C_WAIT_SECONDS = 30;
        final Path file;
        final Plan plan;
        final long t0;
        final Runnable hook;
        Runnable cancelHook = () -> { };
        final java.util.concurrent.CountDownLatch saved = new java.util.concurrent.CountDownLatch(1);
        volatile boolean interrupted;
        volatile boolean finished;
        int savedEpoch = -1;

        Saver(Path file, Plan plan, long t0) {
            this.file = file;
            this.plan = plan;
            this.t0 = t0;
            this.hook = () -> {
                if (finished) {
                    return;
                }
                interrupted = true;
                try {
                    saved.await(CTRL_C_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
        }

        void save() {
            Trainer t = plan.trainer();
            Checkpoint c = Checkpoint.of(plan.setup(), plan.dataId(), t, plan.history(),
                    plan.elapsedBefore() + System.nanoTime() - t0);
            Cases.write(file, c::writeTo);
            savedEpoch = t.epoch();
            if (interrupted) {
                System.out.println();
                System.out.println("interrupted: " + file + " holds epoch " + savedEpoch + "; --resume " + file
                        + " continues");
                System.out.flush();
                saved.countDown();
            }
        }

        /** Training is over: the hook has nothing to wait for. */
        void release() {
            finished = true;
            saved.countDown();
            cancelHook.run(); // no effect once the JVM is shutting down (Ctrl+C)
        }
    }


    /**
     * {@code --plot}: the run's training and validation loss per epoch, and with --plot-against the
     * other run's validation loss, drawn as the Compare tab's loss plot is (log axis), to a picture.
     */
    private void writePlot(Trainer trainer, TrainingConfig cfg, LossHistory history) {
        org.jfree.data.xy.XYSeriesCollection curves = org.unroll.charts.LossSeries.of(history);
        if (plotAgainst != null) {
            curves.addSeries(againstSeries(plotAgainst));
        }
        org.unroll.export.Format f;
        try {
            f = org.unroll.export.Format.fromFileName(plot);
        } catch (IllegalArgumentException e) {
            throw new UserError("--plot: " + e.getMessage());
        }
        if (f != org.unroll.export.Format.PNG && f != org.unroll.export.Format.SVG && f != org.unroll.export.Format.PDF) {
            throw new UserError("--plot: a picture is written as .png, .svg or .pdf, not " + plot.getFileName());
        }
        ModelConfig model = cfg.model();
        Dataset d = trainer.dataset();
        Sequence sample = d.validation().length > 0 ? d.validation()[0] : d.train()[0];
        Case c = new Case(d.name() + "-" + model.cell().key() + "-trained", "", model, trainer.weights().copy(), sample,
                LossKind.MSE, cfg.truncate(), null);
        try {
            org.unroll.export.ExportRequest request = new org.unroll.export.ExportRequest(
                    org.unroll.export.ExportView.COMPARE_LOSS, f, 1280, 720, 1, Locale.ENGLISH,
                    d.name() + " · " + model.cell().key() + " · " + trainer.epoch() + " epochs", null, false, -1, -1,
                    org.unroll.export.ExportRequest.DEFAULT_DELAY, null, org.unroll.graph.Notation.BOOK,
                    org.unroll.view.Presentation.DESKTOP);
            org.unroll.view.Session session = org.unroll.view.Session.compute(c, null);
            org.unroll.export.Exporter.write(request, new org.unroll.export.ExportSource(session, null, null,
                    java.util.Map.of(org.unroll.charts.Plots.COMPARE_LOSS, curves)), plot);
        } catch (java.io.IOException | IllegalArgumentException | IllegalStateException e) {
            throw new UserError(org.unroll.export.ExportErrors.describe(e, plot));
        }
        System.out.println("wrote " + plot);
    }

    private static final java.util.regex.Pattern AGAINST_LINE = java.util.regex.Pattern.compile(
            "^\\s*epoch[ :]*(\\d+)\\b.*?\\bval_loss[ =:]+([-+0-9.eE]+|nan|inf)", java.util.regex.Pattern.CASE_INSENSITIVE);

    /** The other run's validation loss by epoch, from its printed lines; one line names what is wrong. */
    static org.jfree.data.xy.XYSeries againstSeries(Path log) {
        String name = log.getFileName() == null ? log.toString() : log.getFileName().toString();
        org.jfree.data.xy.XYSeries s = new org.jfree.data.xy.XYSeries("validation (" + name + ")", true, false);
        java.util.List<String> lines;
        try {
            // checked before it is opened (a FIFO or a device is refused unopened), bounded (ADR 0031)
            lines = org.unroll.engine.InputFile.readLines(log, org.unroll.engine.Limits.MAX_FILE_BYTES);
        } catch (org.unroll.engine.InputFile.Refused e) {
            throw new UserError("--plot-against: " + log + ": " + e.getMessage());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserError("--plot-against: " + log + ": no such file");
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            throw new UserError("--plot-against: cannot read " + log + ": " + e.getMessage());
        }
        for (String line : lines) {
            java.util.regex.Matcher m = AGAINST_LINE.matcher(line);
            if (m.find()) {
                try {
                    double v = Double.parseDouble(m.group(2));
                    if (Double.isFinite(v) && v > 0) {
                        s.addOrUpdate(Integer.parseInt(m.group(1)), v);
                    }
                } catch (NumberFormatException ignored) {
                    // not a number after all: the line is not an epoch's line
                }
            }
        }
        if (s.getItemCount() == 0) {
            throw new UserError("--plot-against: " + log + " has no line 'epoch K … val_loss V'");
        }
        return s;
    }

    /**
     * Refuses up front, in one line, a run whose model could not be written as a case file Unroll
     * reads (ADR 0031): the case is written with the untrained weights, whose numbers print as
     * long as trained ones, to a stream that only counts, and stops at the limit.
     */
    private void checkModelFits(Trainer trainer, TrainingConfig cfg) {
        ModelAndTrace m = modelCase(trainer, cfg);
        try {
            CaseFile.write(m.kase(), m.trace(), java.io.OutputStream.nullOutputStream());
        } catch (CaseFile.TooLarge e) {
            throw new UserError(output + ": the trained model cannot be written: " + e.getMessage()
                    + "; train a smaller network (--hidden)");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private record ModelAndTrace(Case kase, Trace trace) {
    }

    private void writeModel(Trainer trainer, TrainingConfig cfg) {
        ModelAndTrace m = modelCase(trainer, cfg);
        Cases.requireFinite(output, m.trace());
        Cases.write(output, out -> CaseFile.write(m.kase(), m.trace(), out));
        System.out.println("wrote " + output);
    }

    /** The case -o writes: the network with one validation sequence and its expected block. */
    private static ModelAndTrace modelCase(Trainer trainer, TrainingConfig cfg) {
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
        return new ModelAndTrace(c, b.trace(0));
    }

    /** A progress bar on a terminal, plain lines otherwise. */
    abstract static class Progress {
        final int epochs;

        Progress(int epochs) {
            this.epochs = epochs;
        }

        /** The epoch the run (re)started from, for the time left. */
        int first;

        static Progress forConsole(int epochs, int first) {
            Progress p = System.console() != null ? new Bar(epochs) : new Lines(epochs);
            p.first = first;
            return p;
        }

        abstract void update(EpochResult r, long elapsedNanos);

        void finish() {
        }

        String eta(EpochResult r, long elapsedNanos) {
            double left = elapsedNanos / 1e9 / Math.max(1, r.epoch() - first) * (epochs - r.epoch());
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
                System.out.printf(Locale.ROOT, "epoch %d/%d loss=%s val=%s t=%.1fs left=%s%n", r.epoch(), epochs,
                        Readable.number(r.trainLoss()), Readable.number(r.validationLoss()), elapsedNanos / 1e9,
                        eta(r, elapsedNanos));
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
            // the carriage return as a byte: printed text has its control characters escaped (Terminal)
            System.out.write('\r');
            System.out.printf(Locale.ROOT, "[%s] epoch %d/%d loss %-9s val %-9s left %s   ", bar, r.epoch(), epochs,
                    Readable.number(r.trainLoss()), Readable.number(r.validationLoss()), eta(r, elapsedNanos));
            System.out.flush();
        }

        @Override
        void finish() {
            System.out.println();
        }
    }
}
