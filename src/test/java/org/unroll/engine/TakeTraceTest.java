package org.unroll.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Bptt#takeTrace} (ADR 0032): the workspace handed over to the trace gives the same numbers
 * as the copying {@link Bptt#trace}, for every cell, full and truncated BPTT, and the engine runs
 * again afterwards.
 */
class TakeTraceTest {

    private static void assertSame(Trace a, Trace b, String what) {
        assertEquals(a.loss(), b.loss(), what);
        assertEquals(a.forwardQuantities(), b.forwardQuantities(), what);
        for (Quantity q : a.forwardQuantities()) {
            assertArrayEquals(a.forward(q), b.forward(q), what + " " + q);
        }
        assertEquals(a.deltaQuantities(), b.deltaQuantities(), what);
        for (Quantity q : a.deltaQuantities()) {
            assertArrayEquals(a.delta(q), b.delta(q), what + " " + q);
        }
        assertEquals(a.gradKeys(), b.gradKeys(), what);
        for (String g : a.gradKeys()) {
            assertArrayEquals(a.grad(g), b.grad(g), what + " " + g);
        }
        for (int t = 1; t <= a.length(); t++) {
            assertArrayEquals(a.input(t), b.input(t), what);
            assertArrayEquals(a.target(t), b.target(t), what);
        }
    }

    @Test
    void theTakenTraceIsTheCopiedOneAndTheEngineRunsAgain() {
        List<ModelConfig> configs = List.of(ModelConfig.of(CellType.RNN, 2, 3, 2), ModelConfig.of(CellType.LSTM, 2, 3, 1),
                ModelConfig.of(CellType.LSTM, 1, 4, 2).withPeephole(true), ModelConfig.of(CellType.GRU, 3, 2, 1),
                ModelConfig.of(CellType.GRU, 1, 3, 1).withResetAfter(true));
        Random rnd = new Random(7);
        for (ModelConfig cfg : configs) {
            for (Integer truncate : new Integer[] {null, 2}) {
                int steps = 6;
                double[][] x = new double[steps][cfg.inputSize()];
                double[][] y = new double[steps][];
                for (int t = 0; t < steps; t++) {
                    for (int i = 0; i < cfg.inputSize(); i++) {
                        x[t][i] = rnd.nextGaussian();
                    }
                    if (t % 2 == 1) {
                        y[t] = new double[cfg.outputSize()];
                        y[t][0] = rnd.nextGaussian();
                    }
                }
                Sequence seq = Sequence.of(x, y, cfg.hiddenSize());
                Weights w = Initializer.create(cfg, 3, 1.0);
                String what = cfg + " truncate=" + truncate;

                Bptt copying = new Bptt(cfg, LossKind.MSE);
                copying.forward(w, Batch.of(seq));
                copying.backward(w, truncate, new Weights(w.layout()));
                Trace expected = copying.trace(0);

                Bptt taking = new Bptt(cfg, LossKind.MSE);
                for (int run = 0; run < 2; run++) {
                    taking.forward(w, Batch.of(seq));
                    taking.backward(w, truncate, new Weights(w.layout()));
                    assertSame(expected, taking.takeTrace(), what + " run " + run);
                    assertThrows(IllegalStateException.class, () -> taking.trace(0), "handed over: a pass first");
                }
                taking.forward(w, Batch.of(seq));
                taking.backward(w, truncate, new Weights(w.layout()));
                assertSame(expected, taking.trace(0), what + " after taking");
            }
        }
    }
}
