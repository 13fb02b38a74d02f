package org.unroll.graph;

import org.unroll.engine.Quantity;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.unroll.engine.Case;
import org.unroll.engine.LossKind;
import org.unroll.engine.Trace;
import org.unroll.engine.Weights;
import org.unroll.schedule.TestCases;

class TraceValuesTest {

    static List<Path> cases() {
        return TestCases.referenceFiles();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void valuesByNodeAreTheTraces(Path file) {
        Case c = TestCases.read(file);
        Trace tr = c.compute();
        UnrolledGraph g = UnrolledGraph.of(tr);
        TraceValues v = new TraceValues(tr, c.weights());
        for (Node n : g.nodes()) {
            switch (n.kind()) {
                case INPUT -> assertArrayEquals(tr.input(n.step()), v.value(n));
                case INITIAL_STATE -> assertArrayEquals(n.key().equals("h0") ? tr.h0() : tr.c0(), v.value(n));
                case PRE, GATE, CELL, HIDDEN, OUTPUT_PRE, OUTPUT ->
                        assertArrayEquals(tr.forward(Quantity.fromKey(n.key()), n.step()), v.value(n), n.label());
                case LOSS -> assertArrayEquals(new double[] {tr.loss()}, v.value(n));
                case LOSS_TERM -> assertEquals(1, v.value(n).length);
                case PARAMETER -> {
                    assertThrows(IllegalArgumentException.class, () -> v.value(n));
                    assertArrayEquals(c.weights().get(n.key()), v.matrix(n));
                    assertArrayEquals(tr.grad(n.key()), v.gradient(n));
                    assertNull(v.delta(n));
                }
                default -> throw new AssertionError();
            }
            if (n.deltaKey() == null) {
                assertNull(v.delta(n), n.label());
            } else if (n.kind() == NodeKind.INITIAL_STATE) {
                double[] d = tr.initialDelta(Quantity.fromKey(n.deltaKey()));
                if (d == null) {
                    assertNull(v.delta(n));
                } else {
                    assertArrayEquals(d, v.delta(n));
                }
            } else if (tr.deltaKeys().contains(n.deltaKey())) {
                assertArrayEquals(tr.delta(Quantity.fromKey(n.deltaKey()), n.step()), v.delta(n), n.label());
            } else {
                assertNull(v.delta(n), n.label() + ": truncated traces keep no " + n.deltaKey());
                assertNotNull(tr.truncate());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void lossTermsSumToTheLoss(Path file) {
        Case c = TestCases.read(file);
        Trace tr = c.compute();
        TraceValues v = new TraceValues(tr, c.weights());
        UnrolledGraph g = UnrolledGraph.of(tr);
        double sum = 0;
        for (int t = 1; t <= tr.length(); t++) {
            if (tr.target(t) == null) {
                assertEquals(0.0, v.lossTerm(t));
            } else {
                double e = v.value(g.node("E_t", t))[0];
                assertEquals(v.lossTerm(t), e);
                sum += e;
            }
        }
        assertEquals(tr.loss(), sum, 1e-12 * Math.abs(tr.loss()));
    }

    @Test
    void sseTermIsHalfTheSquaredError() {
        Case c = TestCases.read(TestCases.referenceFiles().stream()
                .filter(p -> p.getFileName().toString().startsWith("rnn-sigmoid-many-to-many-sse")).findFirst()
                .orElseThrow());
        assertEquals(LossKind.SSE, c.loss());
        Trace tr = c.compute();
        TraceValues v = new TraceValues(tr, c.weights());
        for (int t = 1; t <= tr.length(); t++) {
            double[] y = tr.forward(Quantity.Y, t);
            double[] tg = tr.target(t);
            double e = 0;
            for (int k = 0; k < y.length; k++) {
                e += 0.5 * (y[k] - tg[k]) * (y[k] - tg[k]);
            }
            assertEquals(e, v.lossTerm(t), 1e-15);
        }
    }

    @Test
    void weightsAreCopiedAndMustMatch() {
        Case c = TestCases.read(TestCases.referenceFiles().get(0));
        Trace tr = c.compute();
        Weights w = c.weights().copy();
        TraceValues v = new TraceValues(tr, w);
        Node p = UnrolledGraph.of(tr).parameters().get(0);
        double[][] before = v.matrix(p);
        w.zero();
        assertArrayEquals(before, v.matrix(p), "later changes to the weights do not show");
        v.matrix(p)[0][0] = 42;
        assertArrayEquals(before, v.matrix(p), "copies are handed out");
        Case other = TestCases.read(TestCases.referenceFiles().get(TestCases.referenceFiles().size() - 1));
        assertThrows(IllegalArgumentException.class, () -> new TraceValues(tr, other.weights()));
    }
}
