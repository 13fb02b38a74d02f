package org.unroll.session;

import java.util.List;
import java.util.Optional;
import org.unroll.engine.Activation;
import org.unroll.engine.CellType;
import org.unroll.engine.Datasets;
import org.unroll.engine.EarlyStopping;
import org.unroll.engine.GateActivation;
import org.unroll.engine.InitScheme;
import org.unroll.engine.OptimizerKind;
import org.unroll.engine.ValidationSplit;

/**
 * The settings of the book's chapter-5 training scripts, first and second edition, as
 * {@link TrainingSetup}s: {@code unroll train --preset NAME} and the Training tab's Preset menu fill
 * their settings from here. Each preset names the script its numbers were read from; ADR 0023 lists
 * them and what could not be carried over (numpy's random numbers, the PyTorch variants' default
 * initialisation of biases and of the output layer).
 *
 * <p>First edition (詳解ディープラーニング, TensorFlow・Keras; repository
 * {@code yusugomori/deeplearning-tensorflow-keras}, folder {@code 5/keras}): Keras 2.0's layers
 * with {@code kernel_initializer = N(0, 0.01²)} on the recurrent and the Dense layer, Keras's
 * defaults otherwise (orthogonal recurrent kernel, zero biases, {@code unit_forget_bias=True},
 * {@code hard_sigmoid} gates, the GRU's reset gate before the recurrent product), Adam lr 0.001,
 * β 0.9/0.999, MSE. Sine: a random 10 % held out, early stopping on the validation loss with
 * patience 10, batch 10, at most 500 epochs. Adding problem: T = 200, 10,000 sequences, all of them
 * trained on (the script fits on {@code X, Y} without validation data), early stopping on the
 * training loss with patience 100, batch 100, at most 1,000 epochs.
 *
 * <p>Second edition (詳解ディープラーニング 第2版, Keras/TensorFlow/PyTorch; repository
 * {@code yusugomori/deeplearning-keras-tf2-torch}, folder {@code 5}): 50 units, Glorot normal input
 * and orthogonal recurrent weights, sigmoid gates, Adam with AMSGrad lr 0.001, β 0.9/0.999, the
 * last 20 % held out ({@code train_test_split(…, test_size=0.2, shuffle=False)}), batch 100. Sine:
 * early stopping on the validation loss with patience 10, at most 1,000 epochs. Adding problem
 * (LSTM and GRU; the edition has no simple-RNN adding script): 500 epochs, no early stopping. The
 * Keras variant's GRU has its reset gate after the product ({@code reset_after=True}, as PyTorch).
 */
public final class BookPresets {

    /**
     * One preset.
     *
     * @param name the name on the command line and in the menu ({@code book2-sine-lstm})
     * @param edition 1 or 2
     * @param source the script the numbers come from: repository and file
     * @param setup the settings
     */
    public record Preset(String name, int edition, String source, TrainingSetup setup) {

        /** A one-line summary: the name, task, cell, H, optimiser, lr, batch, epochs, split, stopping. */
        public String summary() {
            TrainingSetup s = setup;
            String task = s.task() == TrainingSetup.Task.SINE ? "sine"
                    : "adding T=" + s.addingLength() + " N=" + s.addingCount();
            ValidationSplit v = s.validation();
            String val = v.fraction() == 0 ? "no validation"
                    : "validation " + Math.round(v.fraction() * 100) + "% " + (v.shuffled() ? "random" : "last");
            EarlyStopping es = s.earlyStopping();
            String stop = es.enabled() ? "early stopping " + es.monitor().key() + " patience " + es.patience()
                    : "no early stopping";
            return String.format(java.util.Locale.ROOT, "%s: %s %s H=%d init=%s %s lr=%s batch=%d epochs=%d %s, %s%s",
                    name, task, s.cell().key(), s.hidden(), s.init().key(), s.optimizer().key(), s.learningRate(),
                    s.batch(), s.epochs(), val, stop,
                    s.cell() != CellType.RNN && s.gateActivation() != GateActivation.SIGMOID
                            ? ", gates " + s.gateActivation().key() : "");
        }
    }

    private static final String REPO1 = "yusugomori/deeplearning-tensorflow-keras";
    private static final String REPO2 = "yusugomori/deeplearning-keras-tf2-torch";

    private static final List<Preset> ALL = List.of(
            book1("sine", CellType.RNN, 20, 0, "5/keras/00_sin_simple_rnn_keras.py"),
            book1("sine", CellType.LSTM, 30, 0, "5/keras/01_sin_lstm_keras.py"),
            book1("sine", CellType.GRU, 60, 123, "5/keras/02_sin_gru_keras.py"),
            book1("adding", CellType.RNN, 100, 0, "5/keras/03_adding_problem_simple_rnn_keras.py"),
            book1("adding", CellType.LSTM, 100, 0, "5/keras/04_adding_problem_lstm_keras.py"),
            book1("adding", CellType.GRU, 100, 0, "5/keras/05_adding_problem_gru_keras.py"),
            book2("sine", CellType.RNN, "5/01_sin_rnn_keras.py, 5/03_sin_rnn_torch.py"),
            book2("sine", CellType.LSTM, "5/04_sin_lstm_keras.py, 5/06_sin_lstm_torch.py"),
            book2("sine", CellType.GRU, "5/10_sin_gru_keras.py, 5/12_sin_gru_torch.py"),
            book2("adding", CellType.LSTM, "5/07_adding_problem_lstm_keras.py, 5/09_adding_problem_lstm_torch.py"),
            book2("adding", CellType.GRU, "5/13_adding_problem_gru_keras.py, 5/15_adding_problem_gru_torch.py"));

    private BookPresets() {
    }

    /** Every preset, first edition first, then by task and cell (RNN, LSTM, GRU). */
    public static List<Preset> all() {
        return ALL;
    }

    /** The names of every preset, in {@link #all()}'s order. */
    public static List<String> names() {
        return ALL.stream().map(Preset::name).toList();
    }

    /**
     * The preset of a name.
     *
     * @param name a name such as {@code book1-sine-lstm} (exact, lower case)
     * @return the preset, or empty when there is none of that name
     */
    public static Optional<Preset> find(String name) {
        return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    private static TrainingSetup.Builder common(String task, CellType cell, int hidden) {
        boolean sine = task.equals("sine");
        return TrainingSetup.defaults().toBuilder()
                .task(sine ? TrainingSetup.Task.SINE : TrainingSetup.Task.ADDING)
                .addingLength(200)
                .addingCount(10_000)
                .csv(null)
                .cell(cell)
                .hidden(hidden)
                .learningRate(0.001)
                .clip(0)
                .truncation(0)
                .activation(Activation.TANH)
                .forgetBias(1.0) // Keras's unit_forget_bias=True (read for the LSTM only)
                .window(Datasets.SINE_WINDOW);
    }

    private static Preset book1(String task, CellType cell, int hidden, long seed, String file) {
        boolean sine = task.equals("sine");
        TrainingSetup s = common(task, cell, hidden)
                .optimizer(OptimizerKind.ADAM)
                .batch(sine ? 10 : 100)
                .epochs(sine ? 500 : 1000)
                .seed(seed)
                .init(InitScheme.NORMAL)
                .gateActivation(cell == CellType.RNN ? GateActivation.SIGMOID : GateActivation.HARD_SIGMOID)
                .validation(sine ? ValidationSplit.DEFAULT : new ValidationSplit(0, true))
                .earlyStopping(sine ? EarlyStopping.onValidationLoss(10)
                        : new EarlyStopping(100, EarlyStopping.Monitor.TRAINING_LOSS))
                .resetAfter(false)
                .build();
        return new Preset("book1-" + task + "-" + cell.key(), 1, REPO1 + " " + file, s);
    }

    private static Preset book2(String task, CellType cell, String files) {
        boolean sine = task.equals("sine");
        TrainingSetup s = common(task, cell, 50)
                .optimizer(OptimizerKind.AMSGRAD)
                .batch(100)
                .epochs(sine ? 1000 : 500)
                .seed(123)
                .init(InitScheme.GLOROT_NORMAL)
                .gateActivation(GateActivation.SIGMOID)
                .validation(new ValidationSplit(0.2, false))
                .earlyStopping(sine ? EarlyStopping.onValidationLoss(10) : EarlyStopping.OFF)
                .resetAfter(cell == CellType.GRU)
                .build();
        return new Preset("book2-" + task + "-" + cell.key(), 2, REPO2 + " " + files, s);
    }
}
