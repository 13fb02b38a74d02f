package org.unroll.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A trainer's state carried over exactly (resume equals uninterrupted), and divergence. */
class TrainerStateTest {

    /** A small subset of the noisy sine: 30 training sequences, 5 for validation. */
    static Dataset tiny() {
        Dataset d = Datasets.noisySine(3);
        return new Dataset("tiny sine", java.util.Arrays.copyOf(d.train(), 30), java.util.Arrays.copyOf(d.validation(), 5),
                1, 1);
    }

    static TrainingConfig config(CellType cell, OptimizerKind opt, int epochs) {
        return TrainingConfig.builder(ModelConfig.of(cell, 1, 3, 1)).optimizer(opt).learningRate(0.05).batchSize(7)
                .epochs(epochs).clipNorm(cell == CellType.GRU ? 0.5 : 0).seed(11).build();
    }

    static void assertSameBits(Weights a, Weights b) {
        assertEquals(a.blocks().size(), b.blocks().size());
        for (int i = 0; i < a.blocks().size(); i++) {
            double[] x = a.block(i).data;
            double[] y = b.block(i).data;
            assertEquals(x.length, y.length);
            for (int j = 0; j < x.length; j++) {
                assertEquals(Double.doubleToRawLongBits(x[j]), Double.doubleToRawLongBits(y[j]),
                        "block " + i + "[" + j + "]: " + x[j] + " vs " + y[j]);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"RNN, SGD", "LSTM, MOMENTUM", "GRU, ADAM", "LSTM, AMSGRAD"})
    void sixEpochsStraightEqualThreeThenResumedThree(CellType cell, OptimizerKind opt) {
        Dataset data = tiny();
        Trainer straight = new Trainer(config(cell, opt, 6), data);
        List<EpochResult> all = new ArrayList<>();
        straight.runEpochs(6, all::add);

        Trainer first = new Trainer(config(cell, opt, 6), data);
        List<EpochResult> parts = new ArrayList<>();
        first.runEpochs(3, parts::add);
        Trainer.State saved = first.state();
        Trainer second = new Trainer(config(cell, opt, 6), data);
        second.restore(saved);
        assertEquals(3, second.epoch());
        second.runEpochs(3, parts::add);

        assertEquals(all, parts); // records: every loss and norm equal (Double.equals: bit for bit)
        for (int i = 0; i < 6; i++) {
            assertTrue(all.get(i).trainLoss() == parts.get(i).trainLoss());
            assertTrue(all.get(i).validationLoss() == parts.get(i).validationLoss());
        }
        assertSameBits(straight.weights(), second.weights());
        Optimizer.State a = straight.state().optimizer();
        Optimizer.State b = second.state().optimizer();
        assertEquals(a.steps(), b.steps());
        assertEquals(a.moments().keySet(), b.moments().keySet());
        for (String k : a.moments().keySet()) {
            assertTrue(java.util.Arrays.deepEquals(a.moments().get(k), b.moments().get(k)), k);
        }
    }

    /** Early stopping's count carries over: the resumed run stops at the same epoch with the same weights. */
    @Test
    void earlyStoppingResumesWhereItWas() {
        TrainingConfig cfg = config(CellType.RNN, OptimizerKind.ADAM, 200).toBuilder().learningRate(0.1)
                .earlyStopping(EarlyStopping.onValidationLoss(2)).build();
        Trainer straight = new Trainer(cfg, tiny());
        List<EpochResult> all = new ArrayList<>();
        straight.runEpochs(200, all::add);
        assertTrue(straight.stoppedEarly(), "the test needs a run that stops early");
        int stop = straight.epoch();
        assertTrue(stop >= 3, "stopped at " + stop);
        Trainer first = new Trainer(cfg, tiny());
        List<EpochResult> parts = new ArrayList<>();
        first.runEpochs(stop - 1, parts::add);
        Trainer second = new Trainer(cfg, tiny());
        second.restore(first.state());
        second.runEpochs(200, parts::add);
        assertEquals(all, parts);
        assertTrue(second.stoppedEarly());
        assertEquals(straight.earlyStopMessage(), second.earlyStopMessage());
        assertSameBits(straight.weights(), second.weights());
    }

    @Test
    void theStateIsACopy() {
        Trainer t = new Trainer(config(CellType.LSTM, OptimizerKind.ADAM, 4), tiny());
        t.runEpochs(1, null);
        Trainer.State s = t.state();
        double before = s.weights().block(0).data[0];
        t.runEpochs(1, null);
        assertEquals(before, s.weights().block(0).data[0]);
        assertEquals(1, s.epoch());
        assertEquals(t.state().optimizer().moments().keySet(), java.util.Set.of("m", "v"));
    }

    @Test
    void restoreRefusesARunTrainerAndOtherShapesAndOtherData() {
        Trainer t = new Trainer(config(CellType.RNN, OptimizerKind.ADAM, 4), tiny());
        t.runEpochs(2, null);
        Trainer.State s = t.state();
        Trainer ran = new Trainer(config(CellType.RNN, OptimizerKind.ADAM, 4), tiny());
        ran.runEpochs(1, null);
        assertThrows(IllegalStateException.class, () -> ran.restore(s));
        Trainer gru = new Trainer(config(CellType.GRU, OptimizerKind.ADAM, 4), tiny());
        assertThrows(IllegalArgumentException.class, () -> gru.restore(s));
        Trainer otherSeed = new Trainer(config(CellType.RNN, OptimizerKind.ADAM, 4).toBuilder().seed(12).build(), tiny());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> otherSeed.restore(s)).getMessage()
                .contains("does not replay"));
        Trainer sgd = new Trainer(config(CellType.RNN, OptimizerKind.SGD, 4), tiny());
        assertThrows(IllegalArgumentException.class, () -> sgd.restore(s));
    }

    /** A linear RNN with plain SGD at a large η: one step an epoch, fine for two epochs, then it blows up (at epoch 3). */
    static TrainingConfig diverging(double lr) {
        return TrainingConfig.builder(ModelConfig.of(CellType.RNN, 1, 3, 1).withActivation(Activation.LINEAR))
                .optimizer(OptimizerKind.SGD).learningRate(lr).batchSize(30).epochs(50).clipNorm(0).seed(11).build();
    }

    static final double DIVERGING_LR = 0.01;

    @Test
    void divergenceStopsNamesItsParameterAndKeepsTheLastGoodWeights() {
        Trainer t = new Trainer(diverging(DIVERGING_LR), tiny());
        List<Weights> after = new ArrayList<>();
        Trainer.Diverged e = assertThrows(Trainer.Diverged.class,
                () -> t.runEpochs(50, r -> after.add(t.weights().copy())));
        assertTrue(e.epoch() >= 2, "diverged at epoch " + e.epoch() + ": " + e.getMessage());
        assertEquals(e.epoch() - 1, t.epoch());
        assertEquals(e.epoch() - 1, after.size());
        assertSameBits(after.get(after.size() - 1), t.weights());
        assertNotNull(e.parameter());
        assertTrue(t.weights().layout().params().stream().anyMatch(p -> p.name().equals(e.parameter())));
        assertTrue(e.getMessage().startsWith("training diverged at epoch " + e.epoch() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("(largest gradient: " + e.parameter() + ", norm "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; the weights of epoch " + (e.epoch() - 1) + " are kept; lower the learning"
                + " rate (now 0.01) or clip the gradient norm (e.g. at 1)"), e.getMessage());
        assertTrue(e.getMessage().length() < 300, e.getMessage());
        assertSame(e, assertThrows(Trainer.Diverged.class, t::runEpoch));
        assertThrows(IllegalStateException.class, t::state);
    }

    @Test
    void readableNumbers() {
        assertEquals("0.0123457", Readable.number(0.0123456789));
        assertEquals("12345.7", Readable.number(12345.67));
        assertEquals("1.20e+305", Readable.number(1.2e305));
        assertEquals("-3.00e-07", Readable.number(-3e-7));
        assertEquals("NaN", Readable.number(Double.NaN));
        assertEquals("inf", Readable.number(Double.POSITIVE_INFINITY));
        assertEquals("0", Readable.number(0));
        assertEquals("1.00e+06", Readable.number(999999.99));
    }
}
