package org.unroll.charts;

import org.unroll.engine.Quantity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.jfree.data.xy.XYSeries;
import org.junit.jupiter.api.Test;
import org.unroll.engine.CellType;
import org.unroll.engine.ModelConfig;
import org.unroll.engine.Sequence;
import org.unroll.engine.Trace;
import org.unroll.engine.TrainingConfig;
import org.unroll.engine.LossKind;
import org.unroll.engine.OptimizerKind;
import org.unroll.engine.Weights;
import org.unroll.session.TrainingRun;

/** The book's point in a plot: a simple RNN with small recurrent weights forgets its past. */
class VanishingGradientTest {

    static final int T = 50;
    static final int H = 4;

    static double[][] random(SplittableRandom rnd, int rows, int cols, double scale) {
        double[][] m = new double[rows][cols];
        for (double[] r : m) {
            for (int j = 0; j < cols; j++) {
                r[j] = scale * (2 * rnd.nextDouble() - 1);
            }
        }
        return m;
    }

    @Test
    void hiddenErrorNormsShrinkGoingBackInTime() {
        ModelConfig model = ModelConfig.of(CellType.RNN, 1, H, 1);
        SplittableRandom rnd = new SplittableRandom(11);
        Weights w = Weights.zeros(model);
        w.set("Wx", random(rnd, H, 1, 1.0));
        w.set("Wh", random(rnd, H, H, 0.1)); // ‖Wh‖₂ ≤ ‖Wh‖_F ≤ 0.4 < 1
        w.set("Wy", random(rnd, 1, H, 1.0));
        double[][] x = random(rnd, T, 1, 1.0);
        double[][] y = new double[T][];
        y[T - 1] = new double[] {1.0}; // one target, at the last step: all the error starts at T
        Sequence seq = Sequence.of(x, y, H);
        TrainingConfig cfg = TrainingConfig.builder(model).loss(LossKind.MSE).optimizer(OptimizerKind.SGD)
                .learningRate(0.1).batchSize(1).epochs(1).clipNorm(0).seed(1).forgetBias(0).build();
        Trace trace = TrainingRun.trace(cfg, seq, w);

        XYSeries norms = GradientFlow.hiddenNorms(trace);
        assertEquals(T, norms.getItemCount());
        for (int t = 1; t < T; t++) {
            double earlier = norms.getY(t - 1).doubleValue();
            double later = norms.getY(t).doubleValue();
            assertTrue(earlier < later, "‖∂E/∂h(" + t + ")‖ = " + earlier + " should be below ‖∂E/∂h(" + (t + 1)
                    + ")‖ = " + later);
            assertTrue(earlier > 0);
        }
        assertTrue(norms.getY(0).doubleValue() < 1e-15 * norms.getY(T - 1).doubleValue(),
                "vanished over 50 steps: " + norms.getY(0) + " vs " + norms.getY(T - 1));

        // a direct computation: dh(T) = Wyᵀ dq(T); dh(t) = Whᵀ (dh(t+1) ⊙ (1 − h(t+1)²))
        double[][] wh = w.get("Wh");
        double[] wy = w.get("Wy")[0];
        double dq = trace.delta(Quantity.DQ, T)[0];
        double[] dh = new double[H];
        for (int j = 0; j < H; j++) {
            dh[j] = wy[j] * dq;
        }
        for (int t = T; t >= 1; t--) {
            assertEquals(norm(dh), norms.getY(t - 1).doubleValue(), 1e-12 * norm(dh));
            double[] h = trace.hidden(t);
            double[] dp = new double[H];
            for (int j = 0; j < H; j++) {
                dp[j] = dh[j] * (1 - h[j] * h[j]);
            }
            double[] prev = new double[H];
            for (int i = 0; i < H; i++) {
                for (int j = 0; j < H; j++) {
                    prev[i] += wh[j][i] * dp[j];
                }
            }
            dh = prev;
        }
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
