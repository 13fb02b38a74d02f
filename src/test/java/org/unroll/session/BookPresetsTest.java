package org.unroll.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.unroll.engine.CellType;
import org.unroll.engine.Dataset;
import org.unroll.engine.EarlyStopping;
import org.unroll.engine.GateActivation;
import org.unroll.engine.InitScheme;
import org.unroll.engine.LossKind;
import org.unroll.engine.ModelConfig;
import org.unroll.engine.OptimizerKind;
import org.unroll.engine.TrainingConfig;
import org.unroll.engine.ValidationSplit;

/**
 * Each preset builds the configuration its book script uses (the numbers as read from the scripts,
 * ADR 0023): cell, H, gates, initialisation, optimiser, η, batch, epochs, validation split, early
 * stopping; and the data the script trains on (sizes of the training and validation sets).
 */
class BookPresetsTest {

    /** One row of the table in ADR 0023 and the README. */
    record Row(String name, String task, CellType cell, int hidden, GateActivation gates, InitScheme init,
               OptimizerKind optimizer, int batch, int epochs, double validation, boolean shuffled, int patience,
               EarlyStopping.Monitor monitor, long seed, boolean resetAfter, String file) {
    }

    private static final EarlyStopping.Monitor VAL = EarlyStopping.Monitor.VALIDATION_LOSS;
    private static final EarlyStopping.Monitor LOSS = EarlyStopping.Monitor.TRAINING_LOSS;
    private static final GateActivation SIG = GateActivation.SIGMOID;
    private static final GateActivation HARD = GateActivation.HARD_SIGMOID;

    static final List<Row> TABLE = List.of(
            new Row("book1-sine-rnn", "sine", CellType.RNN, 20, SIG, InitScheme.NORMAL, OptimizerKind.ADAM, 10, 500,
                    0.1, true, 10, VAL, 0, false, "5/keras/00_sin_simple_rnn_keras.py"),
            new Row("book1-sine-lstm", "sine", CellType.LSTM, 30, HARD, InitScheme.NORMAL, OptimizerKind.ADAM, 10, 500,
                    0.1, true, 10, VAL, 0, false, "5/keras/01_sin_lstm_keras.py"),
            new Row("book1-sine-gru", "sine", CellType.GRU, 60, HARD, InitScheme.NORMAL, OptimizerKind.ADAM, 10, 500,
                    0.1, true, 10, VAL, 123, false, "5/keras/02_sin_gru_keras.py"),
            new Row("book1-adding-rnn", "adding", CellType.RNN, 100, SIG, InitScheme.NORMAL, OptimizerKind.ADAM, 100,
                    1000, 0, true, 100, LOSS, 0, false, "5/keras/03_adding_problem_simple_rnn_keras.py"),
            new Row("book1-adding-lstm", "adding", CellType.LSTM, 100, HARD, InitScheme.NORMAL, OptimizerKind.ADAM, 100,
                    1000, 0, true, 100, LOSS, 0, false, "5/keras/04_adding_problem_lstm_keras.py"),
            new Row("book1-adding-gru", "adding", CellType.GRU, 100, HARD, InitScheme.NORMAL, OptimizerKind.ADAM, 100,
                    1000, 0, true, 100, LOSS, 0, false, "5/keras/05_adding_problem_gru_keras.py"),
            new Row("book2-sine-rnn", "sine", CellType.RNN, 50, SIG, InitScheme.GLOROT_NORMAL, OptimizerKind.AMSGRAD,
                    100, 1000, 0.2, false, 10, VAL, 123, false, "5/01_sin_rnn_keras.py"),
            new Row("book2-sine-lstm", "sine", CellType.LSTM, 50, SIG, InitScheme.GLOROT_NORMAL, OptimizerKind.AMSGRAD,
                    100, 1000, 0.2, false, 10, VAL, 123, false, "5/04_sin_lstm_keras.py"),
            new Row("book2-sine-gru", "sine", CellType.GRU, 50, SIG, InitScheme.GLOROT_NORMAL, OptimizerKind.AMSGRAD,
                    100, 1000, 0.2, false, 10, VAL, 123, true, "5/10_sin_gru_keras.py"),
            new Row("book2-adding-lstm", "adding", CellType.LSTM, 50, SIG, InitScheme.GLOROT_NORMAL,
                    OptimizerKind.AMSGRAD, 100, 500, 0.2, false, 0, VAL, 123, false,
                    "5/09_adding_problem_lstm_torch.py"),
            new Row("book2-adding-gru", "adding", CellType.GRU, 50, SIG, InitScheme.GLOROT_NORMAL,
                    OptimizerKind.AMSGRAD, 100, 500, 0.2, false, 0, VAL, 123, true,
                    "5/15_adding_problem_gru_torch.py"));

    @Test
    void everyPresetIsInTheTableInOrder() {
        assertEquals(TABLE.stream().map(Row::name).toList(), BookPresets.names());
    }

    @Test
    void eachPresetBuildsTheConfigurationOfItsScript() throws Exception {
        for (Row r : TABLE) {
            BookPresets.Preset p = BookPresets.find(r.name()).orElseThrow();
            TrainingSetup s = p.setup();
            assertEquals(r.name().startsWith("book1") ? 1 : 2, p.edition());
            assertTrue(p.source().contains(r.file()), p.source());
            assertTrue(p.source().startsWith(r.name().startsWith("book1") ? "yusugomori/deeplearning-tensorflow-keras "
                    : "yusugomori/deeplearning-keras-tf2-torch "), p.source());
            assertEquals(r.task().equals("sine") ? TrainingSetup.Task.SINE : TrainingSetup.Task.ADDING, s.task());
            // the configuration the trainer gets, on a small stand-in of the task's data
            Dataset small = s.toBuilder().addingCount(20).addingLength(6).build().dataset();
            TrainingConfig c = s.config(small);
            ModelConfig m = c.model();
            assertEquals(r.cell(), m.cell(), r.name());
            assertEquals(r.hidden(), m.hiddenSize(), r.name());
            assertEquals(r.task().equals("sine") ? 1 : 2, m.inputSize());
            assertEquals(1, m.outputSize());
            assertEquals(org.unroll.engine.Activation.TANH, m.activation());
            assertEquals(org.unroll.engine.OutputActivation.LINEAR, m.outputActivation());
            assertEquals(r.gates(), m.gateActivation(), r.name());
            assertEquals(r.resetAfter(), m.resetAfter(), r.name());
            assertFalse(m.peephole());
            assertEquals(LossKind.MSE, c.loss());
            assertEquals(r.init(), c.init(), r.name());
            assertEquals(r.optimizer(), c.optimizer(), r.name());
            assertEquals(0.001, c.learningRate(), 0, r.name());
            assertEquals(r.batch(), c.batchSize(), r.name());
            assertEquals(r.epochs(), c.epochs(), r.name());
            assertEquals(0.0, c.clipNorm(), 0, "no clipping in any script");
            assertEquals(null, c.truncate(), "full BPTT");
            assertEquals(r.seed(), c.seed(), "the script's np.random.seed");
            assertEquals(1.0, c.forgetBias(), 0, "Keras's unit_forget_bias=True");
            assertEquals(new EarlyStopping(r.patience(), r.monitor()), c.earlyStopping(), r.name());
            assertEquals(new ValidationSplit(r.validation(), r.shuffled()), s.validation(), r.name());
        }
    }

    @Test
    void eachPresetTrainsOnTheScriptsData() throws Exception {
        for (Row r : TABLE) {
            TrainingSetup s = BookPresets.find(r.name()).orElseThrow().setup();
            if (r.task().equals("sine")) {
                Dataset d = s.dataset();
                // 176 windows of 25; the first edition holds out N − int(0.9 N) = 18 at random,
                // the second the last ceil(0.2 N) = 36
                assertEquals(25, d.train()[0].length());
                assertEquals(r.validation() == 0.1 ? 158 : 140, d.train().length, r.name());
                assertEquals(r.validation() == 0.1 ? 18 : 36, d.validation().length, r.name());
            } else {
                // T = 200, N = 10,000: the first edition fits on all of them, the second on 8,000
                assertEquals(200, s.addingLength());
                assertEquals(10_000, s.addingCount());
                assertEquals(r.validation() == 0 ? 0 : 2000, s.validation().count(10_000), r.name());
            }
        }
    }

    @Test
    void aPresetSaysWhatItIs() {
        String line = BookPresets.find("book2-sine-lstm").orElseThrow().summary();
        assertEquals("book2-sine-lstm: sine lstm H=50 init=glorot_normal amsgrad lr=0.001 batch=100 epochs=1000"
                + " validation 20% last, early stopping val_loss patience 10", line);
        assertEquals("book1-adding-lstm: adding T=200 N=10000 lstm H=100 init=normal adam lr=0.001 batch=100"
                        + " epochs=1000 no validation, early stopping loss patience 100, gates hard_sigmoid",
                BookPresets.find("book1-adding-lstm").orElseThrow().summary());
        assertTrue(BookPresets.find("book2-adding-rnn").isEmpty(), "the second edition has no RNN adding script");
    }
}
