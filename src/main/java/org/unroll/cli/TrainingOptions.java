package org.unroll.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.unroll.engine.Activation;
import org.unroll.engine.GateActivation;
import org.unroll.engine.CellType;
import org.unroll.engine.Dataset;
import org.unroll.engine.EarlyStopping;
import org.unroll.engine.InitScheme;
import org.unroll.engine.Limits;
import org.unroll.engine.TrainingConfig;
import org.unroll.engine.ValidationSplit;
import org.unroll.session.BookPresets;
import org.unroll.session.TrainingSetup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The training options, declared once and mixed into every command that trains ({@code train},
 * {@code export --train-epochs}): the same names, the same checks and the same meaning in each,
 * turned into a {@link TrainingSetup} and from it the {@link TrainingConfig}, as the app's Training
 * tab does. Each command gives its own defaults (a {@code TrainingSetup}); {@code --help} shows them.
 *
 * <p>{@code --truncate} has one meaning everywhere, the engine's: left out, full BPTT (the
 * configuration's {@code truncate} is null); {@code --truncate K} with K ≥ 1, truncated BPTT
 * through K steps. There is no number for "full": {@code --truncate 0} is an error.
 */
final class TrainingOptions {

    /** The help of {@code --truncate}, the same in every command. */
    static final String TRUNCATE_HELP = "Truncated BPTT through K steps, K >= 1; leave it out for full BPTT"
            + " (the default).";

    @Option(names = "--task", description = "sine, adding or csv:FILE (default ${DEFAULT-VALUE}).")
    String task;

    @Option(names = "--cell", description = "rnn, lstm or gru (default ${DEFAULT-VALUE}).")
    String cell;

    @Option(names = "--hidden", description = "Hidden units H (default ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--batch", description = "Mini-batch size (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--optimizer", description = "sgd, momentum, adam or amsgrad (default ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", description = "Learning rate (default ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--clip", description = "Clip the gradient's global norm to this; 0 = off (default ${DEFAULT-VALUE}).")
    double clip;

    @Option(names = "--truncate", paramLabel = "K", description = TRUNCATE_HELP)
    Integer truncate;

    @Option(names = "--seed", description = "Seed of the data, weights and shuffles (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--activation", description = "tanh, sigmoid, relu or linear (default ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--gate-activation", description = "LSTM and GRU gates: sigmoid or hard_sigmoid, Keras 2's "
            + "clip(0.2x + 0.5, 0, 1) (default ${DEFAULT-VALUE}).")
    String gateActivation;

    @Option(names = "--forget-bias", description = "Initial LSTM forget-gate bias (default ${DEFAULT-VALUE}).")
    double forgetBias;

    @Option(names = "--steps", description = "Adding problem: sequence length T (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--samples", description = "Adding problem: number of sequences (default ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--window", description = "CSV: window length (default ${DEFAULT-VALUE}).")
    int window;

    // ---- the books' presets and what they need (ADR 0023) ----

    @Option(names = "--preset", paramLabel = "NAME", description = "The settings of one of the book's scripts"
            + " (book1-sine-lstm, book2-adding-gru, …; 'list' lists them); options given beside it override its values.")
    String preset;

    @Option(names = "--init", description = "Initial weights: glorot_uniform, normal (the first edition's"
            + " N(0, 0.01)) or glorot_normal (the second edition's) (default ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--validation", paramLabel = "F", description = "Fraction held out for validation, 0 to 0.9"
            + " (default ${DEFAULT-VALUE}).")
    double validation;

    @Option(names = "--validation-split", description = "random (a seeded shuffle) or last (the last samples,"
            + " as train_test_split(shuffle=False)) (default ${DEFAULT-VALUE}).")
    String validationSplit;

    @Option(names = "--patience", description = "Early stopping: stop after this many epochs without a lower"
            + " monitored loss; 0 = off (default ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--monitor", description = "Early stopping watches val_loss or loss (default ${DEFAULT-VALUE}).")
    String monitor;

    @Option(names = "--reset-after", arity = "0..1", description = "GRU: the reset gate after the recurrent product"
            + " (Keras 2.3+ and PyTorch) (default ${DEFAULT-VALUE}).")
    boolean resetAfter;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /**
     * The options with a command's defaults (picocli shows them in {@code --help} and restores them
     * before each parse).
     *
     * @param defaults the command's defaults; its epochs and CSV file are not used
     */
    TrainingOptions(TrainingSetup defaults) {
        task = defaults.task().name().toLowerCase(Locale.ROOT);
        cell = defaults.cell().key();
        hidden = defaults.hidden();
        batch = defaults.batch();
        optimizer = defaults.optimizer().key();
        lr = defaults.learningRate();
        clip = defaults.clip();
        truncate = defaults.truncation() > 0 ? defaults.truncation() : null;
        seed = defaults.seed();
        activation = defaults.activation().key();
        gateActivation = defaults.gateActivation().key();
        forgetBias = defaults.forgetBias();
        steps = defaults.addingLength();
        samples = defaults.addingCount();
        window = defaults.window();
        init = defaults.init().key();
        validation = defaults.validation().fraction();
        validationSplit = defaults.validation().shuffled() ? "random" : "last";
        patience = defaults.earlyStopping().patience();
        monitor = defaults.earlyStopping().monitor().key();
        resetAfter = defaults.resetAfter();
    }

    /**
     * The preset named by {@code --preset}, or null when none was given.
     *
     * @throws UserError for {@code list} or an unknown name: one line listing the presets
     */
    BookPresets.Preset preset() {
        if (preset == null) {
            return null;
        }
        return BookPresets.find(preset).orElseThrow(() -> new UserError("--preset: "
                + (preset.equals("list") ? "" : "unknown preset '" + preset + "'; ") + "one of "
                + String.join(", ", BookPresets.names())));
    }

    /**
     * Takes a preset's values for every option the command line did not give (so options given
     * beside {@code --preset} override it).
     *
     * @param p the preset's settings (not modified)
     */
    private void applyPreset(TrainingSetup p) {
        if (!given("--task")) {
            task = p.task().name().toLowerCase(Locale.ROOT);
        }
        if (!given("--cell")) {
            cell = p.cell().key();
        }
        if (!given("--hidden")) {
            hidden = p.hidden();
        }
        if (!given("--batch")) {
            batch = p.batch();
        }
        if (!given("--optimizer")) {
            optimizer = p.optimizer().key();
        }
        if (!given("--lr")) {
            lr = p.learningRate();
        }
        if (!given("--clip")) {
            clip = p.clip();
        }
        if (!given("--truncate")) {
            truncate = p.truncation() > 0 ? p.truncation() : null;
        }
        if (!given("--seed")) {
            seed = p.seed();
        }
        if (!given("--activation")) {
            activation = p.activation().key();
        }
        if (!given("--gate-activation")) {
            gateActivation = p.gateActivation().key();
        }
        if (!given("--forget-bias")) {
            forgetBias = p.forgetBias();
        }
        if (!given("--steps")) {
            steps = p.addingLength();
        }
        if (!given("--samples")) {
            samples = p.addingCount();
        }
        if (!given("--window")) {
            window = p.window();
        }
        if (!given("--init")) {
            init = p.init().key();
        }
        if (!given("--validation")) {
            validation = p.validation().fraction();
        }
        if (!given("--validation-split")) {
            validationSplit = p.validation().shuffled() ? "random" : "last";
        }
        if (!given("--patience")) {
            patience = p.earlyStopping().patience();
        }
        if (!given("--monitor")) {
            monitor = p.earlyStopping().monitor().key();
        }
        if (!given("--reset-after")) {
            resetAfter = p.resetAfter();
        }
    }

    /** The Training tab's defaults. */
    TrainingOptions() {
        this(TrainingSetup.defaults());
    }

    /** Whether the command line gave this option (rather than its default). */
    boolean given(String option) {
        return mixee != null && mixee.commandLine() != null && mixee.commandLine().getParseResult() != null
                && mixee.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** A training run's inputs: the setup, its data and the configuration built from both. */
    record Prepared(TrainingSetup setup, Dataset data, TrainingConfig config) {
    }

    /**
     * Checks every option, reads or makes the task's data and builds the configuration.
     *
     * @param epochs the epochs to train (checked by the command: each names its own option)
     * @param cellIfNotGiven the cell when {@code --cell} was not given (null: the default)
     * @param hiddenIfNotGiven H when {@code --hidden} was not given (null: the default)
     * @throws UserError naming the option (or the CSV file) when a value is not valid
     */
    Prepared prepare(int epochs, CellType cellIfNotGiven, Integer hiddenIfNotGiven) {
        BookPresets.Preset p = preset();
        if (p != null) {
            applyPreset(p.setup());
        }
        boolean fixed = p != null; // a preset's cell and size win over the case's
        CellType ct = cellIfNotGiven != null && !fixed && !given("--cell") ? cellIfNotGiven
                : Options.cell("--cell", cell);
        int h = hiddenIfNotGiven != null && !fixed && !given("--hidden") ? hiddenIfNotGiven : hidden;
        Activation act = Activation.fromKey(activation);
        if (act == null) {
            throw new UserError("--activation: expected tanh, sigmoid, relu or linear, got " + activation);
        }
        GateActivation gates = GateActivation.fromKey(gateActivation);
        if (gates == null) {
            throw new UserError("--gate-activation: expected sigmoid or hard_sigmoid, got " + gateActivation);
        }
        if (gates != GateActivation.SIGMOID && ct == CellType.RNN && (p == null || given("--gate-activation"))) {
            throw new UserError("--gate-activation: " + gates.key() + " applies to an lstm or a gru, not an rnn");
        }
        TrainingSetup.Builder b = TrainingSetup.defaults().toBuilder()
                .cell(ct)
                .hidden(h)
                .optimizer(Options.optimizer("--optimizer", optimizer))
                .learningRate(lr)
                .batch(batch)
                .epochs(epochs)
                .clip(clip)
                .truncation(truncate == null ? 0 : truncate)
                .seed(seed)
                .activation(act)
                .gateActivation(gates)
                .forgetBias(forgetBias)
                .addingLength(steps)
                .addingCount(samples)
                .window(window)
                .init(initScheme())
                .validation(validationSplit())
                .earlyStopping(earlyStopping())
                .resetAfter(resetAfter);
        if (resetAfter && ct != CellType.GRU && (p == null || given("--reset-after"))) {
            throw new UserError("--reset-after: applies to a gru, not an " + ct.key());
        }
        Options.range("--hidden", h, 1, Limits.MAX_SIZE);
        Options.range("--batch", batch, 1, 100_000);
        Options.learningRate("--lr", lr);
        Options.clip("--clip", clip);
        Options.truncate("--truncate", truncate);
        if (!Double.isFinite(forgetBias)) {
            throw new UserError("--forget-bias: expected a finite number, got " + forgetBias);
        }
        Path csv = task(b);
        TrainingSetup setup = b.build();
        Dataset data;
        try {
            data = setup.dataset();
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        } catch (NoSuchFileException e) {
            throw new UserError(csv + ": no such file");
        } catch (IOException e) {
            throw new UserError(csv + ": cannot read: " + e.getMessage());
        }
        TrainingConfig config = setup.config(data);
        int length = data.train()[0].length();
        long bytes = Limits.traceBytes(config.model(), length, Math.min(batch, data.train().length));
        if (bytes > Limits.MAX_TRACE_BYTES) {
            throw new UserError("--hidden/--batch: T=" + length + " needs about " + (bytes >> 20)
                    + " MiB of workspace; the engine's limit is " + (Limits.MAX_TRACE_BYTES >> 20) + " MiB");
        }
        return new Prepared(setup, data, config);
    }

    private InitScheme initScheme() {
        InitScheme s = InitScheme.fromKey(init);
        if (s == null) {
            throw new UserError("--init: expected glorot_uniform, normal or glorot_normal, got " + init);
        }
        return s;
    }

    private ValidationSplit validationSplit() {
        if (!(validation >= 0 && validation <= 0.9)) {
            throw new UserError("--validation: expected a fraction from 0 to 0.9, got " + validation);
        }
        String k = validationSplit.toLowerCase(Locale.ROOT);
        if (!k.equals("random") && !k.equals("last")) {
            throw new UserError("--validation-split: expected random or last, got " + validationSplit);
        }
        return new ValidationSplit(validation, k.equals("random"));
    }

    private EarlyStopping earlyStopping() {
        Options.range("--patience", patience, 0, 1_000_000);
        EarlyStopping.Monitor m = EarlyStopping.Monitor.fromKey(monitor);
        if (m == null) {
            throw new UserError("--monitor: expected val_loss or loss, got " + monitor);
        }
        if (patience > 0 && m == EarlyStopping.Monitor.VALIDATION_LOSS && validation == 0) {
            throw new UserError("--patience: early stopping on val_loss needs a validation set (--validation above 0,"
                    + " or --monitor loss)");
        }
        return new EarlyStopping(patience, m);
    }

    /** Sets the task (and checks its own options); returns the CSV file of the CSV task, else null. */
    private Path task(TrainingSetup.Builder b) {
        String t = task.toLowerCase(Locale.ROOT);
        if (t.equals("sine")) {
            b.task(TrainingSetup.Task.SINE).csv(null);
            return null;
        }
        if (t.equals("adding")) {
            Options.range("--steps", steps, 2, Limits.MAX_STEPS);
            Options.range("--samples", samples, 2, 10_000_000);
            long scalars = (long) steps * samples * 3;
            if (scalars > 200_000_000L) {
                throw new UserError("--steps/--samples: " + steps + "×" + samples
                        + " sequences are too large to hold in memory");
            }
            b.task(TrainingSetup.Task.ADDING).csv(null);
            return null;
        }
        if (task.startsWith("csv:") && task.length() > 4) {
            Options.range("--window", window, 1, Limits.MAX_STEPS);
            Path f;
            try {
                f = Path.of(task.substring(4));
            } catch (java.nio.file.InvalidPathException e) {
                throw new UserError("--task: not a file name: " + task.substring(4));
            }
            b.task(TrainingSetup.Task.CSV).csv(f);
            return f;
        }
        throw new UserError("--task: expected sine, adding or csv:FILE, got " + task);
    }
}
