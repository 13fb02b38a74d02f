package org.unroll.ui.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.unroll.engine.Activation;
import org.unroll.engine.Case;
import org.unroll.engine.CaseException;
import org.unroll.engine.CaseFile;
import org.unroll.engine.CellType;
import org.unroll.engine.Dataset;
import org.unroll.engine.Datasets;
import org.unroll.engine.GateActivation;
import org.unroll.engine.Initializer;
import org.unroll.engine.LossKind;
import org.unroll.engine.ModelConfig;
import org.unroll.engine.OutputActivation;
import org.unroll.engine.Sequence;
import org.unroll.engine.Weights;

/**
 * The model panel: a network's shape, the loss, the seed and an input sequence (one of the book's
 * tasks, or numbers typed or pasted), turned into a case with seeded untrained weights
 * ({@link Initializer#create}). The form's fields are plain properties the panel binds to; the
 * case itself is built off the JavaFX thread from a snapshot of them ({@link #caseBuilder()}).
 */
public final class ModelPanelViewModel {

    /** Where the input sequence comes from. */
    public enum Task {
        SINE, ADDING, TYPED
    }

    private final ObjectProperty<CellType> cell = new SimpleObjectProperty<>(CellType.RNN);
    private final StringProperty inputSize = new SimpleStringProperty("1");
    private final StringProperty hiddenSize = new SimpleStringProperty("3");
    private final StringProperty outputSize = new SimpleStringProperty("1");
    private final StringProperty steps = new SimpleStringProperty("25");
    private final ObjectProperty<Activation> activation = new SimpleObjectProperty<>(Activation.TANH);
    private final ObjectProperty<OutputActivation> outputActivation = new SimpleObjectProperty<>(OutputActivation.LINEAR);
    private final ObjectProperty<LossKind> loss = new SimpleObjectProperty<>(LossKind.MSE);
    private final StringProperty seed = new SimpleStringProperty("1");
    private final StringProperty truncate = new SimpleStringProperty("");
    private final ObjectProperty<Task> task = new SimpleObjectProperty<>(Task.SINE);
    private final StringProperty numbers = new SimpleStringProperty("0.0\n0.5\n1.0\n0.5\n0.0\n-0.5\n-1.0\n-0.5\n0.0");
    private final BooleanProperty peephole = new SimpleBooleanProperty(false);
    private final BooleanProperty resetAfter = new SimpleBooleanProperty(false);
    private final ObjectProperty<GateActivation> gateActivation = new SimpleObjectProperty<>(GateActivation.SIGMOID);
    private final ReadOnlyBooleanWrapper sizesFixed = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyBooleanWrapper stepsFixed = new ReadOnlyBooleanWrapper(false);

    private final ReadOnlyIntegerWrapper built = new ReadOnlyIntegerWrapper();
    private final ReadOnlyObjectWrapper<ModelConfig> unmatched = new ReadOnlyObjectWrapper<>();

    private final BiConsumer<Callable<Case>, Runnable> show;

    /** A panel whose Build goes nowhere (tests of the form). */
    public ModelPanelViewModel() {
        this((c, done) -> { });
    }

    /**
     * @param show shows a case built off the JavaFX thread by the work given, then runs the
     *     {@code Runnable} once it is shown (the main view-model's build); not run on a problem
     */
    public ModelPanelViewModel(BiConsumer<Callable<Case>, Runnable> show) {
        this.show = java.util.Objects.requireNonNull(show);
        task.addListener((o, a, t) -> applyTask(t));
        numbers.addListener((o, a, n) -> {
            if (task.get() == Task.TYPED) {
                applyTask(Task.TYPED);
            }
        });
        applyTask(task.get());
    }

    private void applyTask(Task t) {
        switch (t) {
            case SINE -> {
                inputSize.set("1");
                outputSize.set("1");
            }
            case ADDING -> {
                inputSize.set("2");
                outputSize.set("1");
            }
            case TYPED -> {
                try {
                    double[][] rows = parseNumbers(numbers.get());
                    int cols = rows.length == 0 ? 1 : rows[0].length;
                    inputSize.set(Integer.toString(cols));
                    outputSize.set(Integer.toString(cols));
                    steps.set(Integer.toString(Math.max(0, rows.length - 1)));
                } catch (IllegalArgumentException e) {
                    // shown when the user builds
                }
            }
            default -> throw new IllegalStateException();
        }
        sizesFixed.set(true);
        stepsFixed.set(t == Task.TYPED);
    }

    public ObjectProperty<CellType> cellProperty() {
        return cell;
    }

    public StringProperty inputSizeProperty() {
        return inputSize;
    }

    public StringProperty hiddenSizeProperty() {
        return hiddenSize;
    }

    public StringProperty outputSizeProperty() {
        return outputSize;
    }

    public StringProperty stepsProperty() {
        return steps;
    }

    public ObjectProperty<Activation> activationProperty() {
        return activation;
    }

    public ObjectProperty<OutputActivation> outputActivationProperty() {
        return outputActivation;
    }

    public ObjectProperty<LossKind> lossProperty() {
        return loss;
    }

    public StringProperty seedProperty() {
        return seed;
    }

    public StringProperty truncateProperty() {
        return truncate;
    }

    public ObjectProperty<Task> taskProperty() {
        return task;
    }

    public StringProperty numbersProperty() {
        return numbers;
    }

    public BooleanProperty peepholeProperty() {
        return peephole;
    }

    public BooleanProperty resetAfterProperty() {
        return resetAfter;
    }

    /** The gates' squash of an LSTM or GRU: sigmoid, or Keras 2's hard sigmoid (ignored for the RNN). */
    public ObjectProperty<GateActivation> gateActivationProperty() {
        return gateActivation;
    }

    /**
     * Makes the form follow the session shown: a case opened, trained or built shows its network in
     * the form (see {@link #showCase}), never the values of the case before it.
     *
     * @param session the main window's session
     */
    public void follow(javafx.beans.value.ObservableValue<org.unroll.view.Session> session) {
        session.addListener((o, a, s) -> {
            if (s != null) {
                showCase(s.kase());
            }
        });
        if (session.getValue() != null) {
            showCase(session.getValue().kase());
        }
    }

    /**
     * Shows a case's network in the form: the cell and its options ({@link #showOptions}), H, T,
     * the loss and truncation k. The input sequence becomes the task whose sizes are the case's (the
     * form's own when it fits, else the noisy sine for I = O = 1, the adding problem for I = 2,
     * O = 1); when no task has the case's I and O, the form keeps its task and
     * {@link #unmatchedProperty()} holds the case's network, so the panel can say that Build makes
     * the task's sizes. The seed stays the form's (a case carries weights, not a seed).
     */
    public void showCase(Case k) {
        ModelConfig c = k.config();
        showOptions(c);
        Task fit = fits(task.get(), c) ? task.get()
                : fits(Task.SINE, c) ? Task.SINE : fits(Task.ADDING, c) ? Task.ADDING : null;
        if (fit != null) {
            task.set(fit);
        }
        hiddenSize.set(Integer.toString(c.hiddenSize()));
        if (task.get() != Task.TYPED) {
            steps.set(Integer.toString(k.sequence().length()));
        }
        loss.set(k.loss());
        truncate.set(k.truncate() == null ? "" : k.truncate().toString());
        unmatched.set(fit == null ? c : null);
    }

    /** Whether a task builds a network of this one's input and output sizes. */
    private boolean fits(Task t, ModelConfig c) {
        return switch (t) {
            case SINE -> c.inputSize() == 1 && c.outputSize() == 1;
            case ADDING -> c.inputSize() == 2 && c.outputSize() == 1;
            case TYPED -> c.inputSize() == c.outputSize() && Integer.toString(c.inputSize()).equals(inputSize.get());
        };
    }

    /**
     * The network of the case shown when no input sequence of the form has its I and O (the panel
     * says so), else null.
     */
    public ReadOnlyObjectProperty<ModelConfig> unmatchedProperty() {
        return unmatched.getReadOnlyProperty();
    }

    /** How many of the form's builds have been shown (the window shows the inspector after one). */
    public ReadOnlyIntegerProperty builtProperty() {
        return built.getReadOnlyProperty();
    }

    /** Sets the form's network options from a network. */
    public void showOptions(ModelConfig c) {
        cell.set(c.cell());
        activation.set(c.activation());
        outputActivation.set(c.outputActivation());
        peephole.set(c.peephole());
        resetAfter.set(c.resetAfter());
        gateActivation.set(c.gateActivation());
    }

    /** Whether I and O follow from the task (always, for now: the task fixes them). */
    public ReadOnlyBooleanProperty sizesFixedProperty() {
        return sizesFixed.getReadOnlyProperty();
    }

    /** Whether T follows from the typed numbers. */
    public ReadOnlyBooleanProperty stepsFixedProperty() {
        return stepsFixed.getReadOnlyProperty();
    }

    /**
     * Shows the built-in mini case of the form's cell for hand work ({@code builtin:mini-rnn},
     * {@code -lstm}, {@code -gru}: T ≤ 3, H = 2, weights with one decimal), read off the JavaFX thread;
     * the form then follows it like any case shown.
     */
    public void shrink() {
        String name = org.unroll.session.BuiltinCases.mini(cell.get() == null ? CellType.RNN : cell.get());
        show.accept(() -> org.unroll.session.BuiltinCases.load(name), () -> built.set(built.get() + 1));
    }

    /** Builds the form's case (off the JavaFX thread) and shows it; a problem is shown instead. */
    public void build() {
        show.accept(caseBuilder(), () -> built.set(built.get() + 1));
    }

    /**
     * A snapshot of the form as work that builds the case: call it off the JavaFX thread. The
     * work throws {@link IllegalArgumentException} or {@link CaseException} with a message naming
     * the field or the case's JSON path when the form does not make a valid case.
     */
    public Callable<Case> caseBuilder() {
        Form f = new Form(cell.get(), inputSize.get(), hiddenSize.get(), outputSize.get(), steps.get(),
                activation.get(), outputActivation.get(), loss.get(), seed.get(), truncate.get(), task.get(),
                numbers.get(), peephole.get(), resetAfter.get(), gateActivation.get());
        return f::build;
    }

    /** The form's values, frozen. */
    record Form(CellType cell, String inputSize, String hiddenSize, String outputSize, String steps,
                Activation activation, OutputActivation outputActivation, LossKind loss, String seed,
                String truncate, Task task, String numbers, boolean peephole, boolean resetAfter,
                GateActivation gateActivation) {

        Case build() throws CaseException {
            int h = whole("H", hiddenSize, 1, 64);
            long s = seedValue(seed);
            Integer k = truncate == null || truncate.isBlank() ? null : whole("k", truncate, 1, 100_000);
            Sequence seq;
            int in;
            int out;
            String what;
            switch (task) {
                case SINE -> {
                    int t = whole("T", steps, 1, Datasets.SINE_LENGTH - 1);
                    double[] f = Datasets.noisySineSeries(s);
                    double[][] x = new double[t][];
                    for (int i = 0; i < t; i++) {
                        x[i] = new double[] {f[i]};
                    }
                    double[][] y = new double[t][];
                    y[t - 1] = new double[] {f[t]};
                    seq = Sequence.of(x, y, h);
                    in = 1;
                    out = 1;
                    what = "noisy sine, the first " + t + " values predict the next";
                }
                case ADDING -> {
                    int t = whole("T", steps, 2, 1000);
                    Dataset d = Datasets.addingProblem(t, 2, s);
                    Sequence first = d.train()[0];
                    seq = Sequence.of(first.inputs(), first.targets(), h);
                    in = 2;
                    out = 1;
                    what = "adding problem, T = " + t;
                }
                case TYPED -> {
                    double[][] rows = parseNumbers(numbers);
                    if (rows.length < 2) {
                        throw new IllegalArgumentException("numbers: at least two rows are needed (each row predicts the next)");
                    }
                    int t = rows.length - 1;
                    double[][] x = new double[t][];
                    double[][] y = new double[t][];
                    for (int i = 0; i < t; i++) {
                        x[i] = rows[i];
                        y[i] = rows[i + 1];
                    }
                    seq = Sequence.of(x, y, h);
                    in = rows[0].length;
                    out = in;
                    what = "typed numbers, each row predicts the next";
                }
                default -> throw new IllegalStateException();
            }
            ModelConfig cfg = new ModelConfig(cell, in, h, out, activation, outputActivation,
                    peephole && cell == CellType.LSTM, resetAfter && cell == CellType.GRU)
                    .withGateActivation(cell == CellType.RNN || gateActivation == null ? GateActivation.SIGMOID
                            : gateActivation);
            Weights w = Initializer.create(cfg, s, cell == CellType.LSTM ? 1.0 : 0.0);
            Case c = new Case(cell.key() + "-" + task.name().toLowerCase(Locale.ROOT),
                    "Built in the model panel: " + what + "; untrained weights, seed " + s + ".",
                    cfg, w, seq, loss, k, null);
            return validated(c);
        }
    }

    /** The case after a write-and-read round trip, so every rule of the case format is checked. */
    static Case validated(Case c) throws CaseException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            CaseFile.write(c, null, bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        CaseFile.parse(bytes.toByteArray());
        return c;
    }

    static int whole(String name, String text, int lo, int hi) {
        int v;
        try {
            v = Integer.parseInt(text == null ? "" : text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": expected a whole number, got \"" + text + "\"");
        }
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(name + ": expected a whole number in " + lo + ".." + hi + ", got " + v);
        }
        return v;
    }

    static long seedValue(String text) {
        try {
            return Long.parseLong(text == null ? "" : text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("seed: expected a whole number, got \"" + text + "\"");
        }
    }

    /**
     * Rows of numbers: one time step per line, columns separated by spaces, tabs, commas or
     * semicolons; blank lines skipped; every row as wide as the first.
     */
    public static double[][] parseNumbers(String text) {
        List<double[]> rows = new ArrayList<>();
        String[] lines = (text == null ? "" : text).split("\\R");
        for (int ln = 0; ln < lines.length; ln++) {
            String line = lines[ln].trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split("[\\s,;]+");
            double[] row = new double[cells.length];
            for (int c = 0; c < cells.length; c++) {
                try {
                    row[c] = Double.parseDouble(cells[c]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("numbers, line " + (ln + 1) + ": \"" + cells[c] + "\" is not a number");
                }
                if (!Double.isFinite(row[c])) {
                    throw new IllegalArgumentException("numbers, line " + (ln + 1) + ": " + cells[c] + " is not finite");
                }
            }
            if (!rows.isEmpty() && row.length != rows.get(0).length) {
                throw new IllegalArgumentException("numbers, line " + (ln + 1) + ": " + row.length
                        + " columns, but the first row has " + rows.get(0).length);
            }
            rows.add(row);
        }
        return rows.toArray(new double[0][]);
    }
}
