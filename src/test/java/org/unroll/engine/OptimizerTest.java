package org.unroll.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class OptimizerTest {

    private static final ModelConfig CFG = ModelConfig.of(CellType.LSTM, 2, 3, 1);

    /** Weights whose i-th scalar (over all blocks) is f(i). */
    private static Weights filled(java.util.function.IntToDoubleFunction f) {
        Weights w = Weights.zeros(CFG);
        int k = 0;
        for (var b : w.blocks()) {
            for (int j = 0; j < b.data.length; j++) {
                b.data[j] = f.applyAsDouble(k++);
            }
        }
        return w;
    }

    private static Weights params() {
        return filled(i -> 0.1 * Math.sin(i + 1));
    }

    private static Weights gradient() {
        return filled(i -> (i % 3 == 0 ? -1 : 1) * (0.001 + 0.37 * ((i * 7) % 11)));
    }

    private static Weights step(OptimizerKind kind, double lr, Weights params, Weights... grads) {
        Optimizer opt = Optimizer.create(kind, lr, params.layout());
        for (Weights g : grads) {
            opt.step(params, g);
        }
        return params;
    }

    @Test
    void sgdStepIsExact() {
        Weights p0 = params();
        Weights g = gradient();
        Weights p = step(OptimizerKind.SGD, 0.05, p0.copy(), g);
        for (int i = 0; i < p.blocks().size(); i++) {
            for (int j = 0; j < p.block(i).data.length; j++) {
                assertEquals(p0.block(i).data[j] - 0.05 * g.block(i).data[j], p.block(i).data[j], 0.0);
            }
        }
    }

    @Test
    void momentumAccumulatesVelocity() {
        Weights p0 = params();
        Weights g = gradient();
        Weights p = step(OptimizerKind.MOMENTUM, 0.1, p0.copy(), g, g);
        for (int i = 0; i < p.blocks().size(); i++) {
            for (int j = 0; j < p.block(i).data.length; j++) {
                double gj = g.block(i).data[j];
                double expected = p0.block(i).data[j] - 0.1 * gj - 0.1 * (0.9 * gj + gj);
                assertEquals(expected, p.block(i).data[j], 1e-15);
            }
        }
    }

    @Test
    void adamAndAmsgradFirstStepIsLearningRateTimesSign() {
        for (OptimizerKind kind : new OptimizerKind[] {OptimizerKind.ADAM, OptimizerKind.AMSGRAD}) {
            Weights p0 = params();
            Weights g = gradient();
            Weights p = step(kind, 0.01, p0.copy(), g);
            for (int i = 0; i < p.blocks().size(); i++) {
                for (int j = 0; j < p.block(i).data.length; j++) {
                    double expected = p0.block(i).data[j] - 0.01 * Math.signum(g.block(i).data[j]);
                    assertEquals(expected, p.block(i).data[j], 0.01 * 1e-4, kind + " block " + i);
                }
            }
        }
    }

    @Test
    void amsgradStepsAreSmallerOnceTheGradientShrinks() {
        Weights big = filled(i -> 1.0);
        Weights small = filled(i -> 0.01);
        Weights p0 = params();
        Weights adam = step(OptimizerKind.ADAM, 0.01, p0.copy(), big, small);
        Weights ams = step(OptimizerKind.AMSGRAD, 0.01, p0.copy(), big, small);
        double afterFirst = step(OptimizerKind.ADAM, 0.01, p0.copy(), big).block(0).data[0];
        double adamSecond = afterFirst - adam.block(0).data[0];
        double amsSecond = afterFirst - ams.block(0).data[0]; // AMSGrad's first step equals Adam's
        assertTrue(amsSecond > 0 && amsSecond < adamSecond, adamSecond + " vs " + amsSecond);
        // Adam, second step by hand: m = 0.9·0.1 + 0.1·0.01, v = 0.999·0.001 + 0.001·1e-4
        double m = 0.9 * 0.1 + 0.1 * 0.01;
        double v = 0.999 * 0.001 + 0.001 * 1e-4;
        double expected = 0.01 / (1 - 0.81) * m / (Math.sqrt(v) / Math.sqrt(1 - 0.999 * 0.999) + 1e-8);
        assertEquals(expected, adamSecond, 1e-12);
    }

    @Test
    void stepDoesNotModifyTheGradient() {
        for (OptimizerKind kind : OptimizerKind.values()) {
            Weights g = gradient();
            Weights before = g.copy();
            step(kind, 0.1, params(), g, g);
            for (int i = 0; i < g.blocks().size(); i++) {
                assertArrayEquals(before.block(i).data, g.block(i).data, kind.key());
            }
        }
    }

    @Test
    void stepAllocatesNothing() {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (OptimizerKind kind : OptimizerKind.values()) {
            Weights p = params();
            Weights g = gradient();
            Optimizer opt = Optimizer.create(kind, 1e-6, p.layout());
            for (int i = 0; i < 20_000; i++) {
                opt.step(p, g);
            }
            long before = bean.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 1000; i++) {
                opt.step(p, g);
            }
            long allocated = bean.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < 1000, kind + " allocated " + allocated + " bytes in 1000 steps");
        }
    }

    @Test
    void rejectsAnotherLayout() {
        Optimizer opt = Optimizer.create(OptimizerKind.ADAM, 0.1, ParamLayout.of(CFG));
        Weights other = Weights.zeros(ModelConfig.of(CellType.GRU, 2, 3, 1));
        assertThrows(IllegalArgumentException.class, () -> opt.step(other, other));
        assertThrows(IllegalArgumentException.class,
                () -> Optimizer.create(OptimizerKind.SGD, 0, ParamLayout.of(CFG)));
        assertThrows(IllegalArgumentException.class,
                () -> Optimizer.create(OptimizerKind.SGD, Double.NaN, ParamLayout.of(CFG)));
    }

    @Test
    void clippingLeavesTheNormAtMaxNorm() {
        Weights g = gradient();
        double norm = g.norm();
        assertTrue(norm > 1);
        Weights before = g.copy();
        assertEquals(norm, Optimizer.clipByGlobalNorm(g, 0.5), 0.0);
        assertEquals(0.5, g.norm(), 1e-12);
        // direction kept
        double ratio = g.block(0).data[1] / before.block(0).data[1];
        assertEquals(0.5 / norm, ratio, 1e-12);
    }

    @Test
    void noClippingBelowTheLimitOrWhenDisabled() {
        for (double maxNorm : new double[] {1e9, 0, -1, Double.POSITIVE_INFINITY}) {
            Weights g = gradient();
            Weights before = g.copy();
            Optimizer.clipByGlobalNorm(g, maxNorm);
            for (int i = 0; i < g.blocks().size(); i++) {
                assertArrayEquals(before.block(i).data, g.block(i).data, "maxNorm " + maxNorm);
            }
        }
    }

    @Test
    void kindKeys() {
        for (OptimizerKind k : OptimizerKind.values()) {
            assertSame(k, OptimizerKind.fromKey(k.key()));
            assertSame(k, OptimizerKind.fromKey(k.key().toUpperCase(java.util.Locale.ROOT)));
        }
        assertEquals("amsgrad", OptimizerKind.AMSGRAD.key());
        assertNull(OptimizerKind.fromKey("rmsprop"));
    }
}
