package org.unroll.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.unroll.engine.BpttPropertiesTest.Setup;
import org.unroll.engine.GradientCheckSweepTest.CellOption;
import org.unroll.engine.GradientCheckSweepTest.LossOutput;
import org.unroll.testing.Seeded;

/**
 * The batched engine's own paths (ADR 0035), taken from {@link Kernels#BLAS_MIN_ROWS} rows on: the
 * LSTM's vectorised σ and tanh with the input product added after the recurrent one, the small
 * weight gradients summed step by step, the one-column output product. A batch still equals the
 * mean of its sequences to rounding, and the vectorised functions stay within a few units in the
 * last place of the scalar ones.
 */
class BatchedEngineTest {

    /** A setup (two times in three the LSTM or the reset-before GRU with tanh and σ gates: the vectorised paths) and a batch of 16–50. */
    record Batched(Setup s, int batch, int k) {
    }

    @TestFactory
    Stream<DynamicTest> aBatchedEngineGivesTheMeanOfItsSequences() {
        return Seeded.cases("aBatchedEngineGivesTheMeanOfItsSequences", 24, g -> {
            Setup any = BpttPropertiesTest.setup(g);
            int path = g.between(0, 2);
            Setup s = path < 2
                    ? new Setup(path == 0 ? CellOption.LSTM : CellOption.GRU, Activation.TANH, any.lossOutput(),
                            any.inputSize(), g.between(1, 6), any.outputSize(), any.steps(), any.seed())
                    : any;
            return new Batched(s, g.between(Kernels.BLAS_MIN_ROWS, 50), g.between(0, 8));
        }, b -> aBatchedEngineGivesTheMeanOfItsSequences(b.s(), b.batch(), b.k()));
    }

    @TestFactory
    Stream<DynamicTest> withoutOpenBlasToo() {
        return Seeded.cases("batchedWithoutOpenBlas", 8, g -> new Batched(new Setup(
                g.between(0, 1) == 0 ? CellOption.LSTM : CellOption.GRU_RESET_AFTER, Activation.TANH,
                g.oneOf(LossOutput.class), g.between(1, 4), g.between(4, 6), g.between(1, 3), g.between(1, 6),
                g.anyLong()), g.between(Kernels.BLAS_MIN_ROWS, 40), g.between(0, 3)), b -> {
                    NativeBlas.setEnabled(false);
                    try {
                        aBatchedEngineGivesTheMeanOfItsSequences(b.s(), b.batch(), b.k());
                    } finally {
                        NativeBlas.setEnabled(true); // as ShardedBatchTest leaves it
                    }
                });
    }

    private static void aBatchedEngineGivesTheMeanOfItsSequences(Setup s, int batch, int k) {
        Integer truncate = k == 0 ? null : k;
        Case base = s.build();
        ModelConfig cfg = base.config();
        SplittableRandom rnd = new SplittableRandom(s.seed() ^ 0x2545F4914F6CDD1DL);
        Sequence[] seqs = new Sequence[batch];
        seqs[0] = base.sequence();
        for (int b = 1; b < batch; b++) {
            seqs[b] = BpttPropertiesTest.sequenceLike(base.sequence(), cfg, s.lossOutput(), rnd);
        }
        double meanLoss = 0;
        Trace[] singles = new Trace[batch];
        for (int b = 0; b < batch; b++) {
            singles[b] = new Case(base.name(), base.description(), cfg, base.weights(), seqs[b], base.loss(), truncate,
                    null).compute();
            meanLoss += singles[b].loss() / batch;
        }
        Bptt e = new Bptt(cfg, base.loss());
        Weights g = Weights.zeros(cfg);
        double loss = e.forward(base.weights(), Batch.of(seqs, 0, batch, null));
        e.backward(base.weights(), truncate, g);
        assertClose(meanLoss, loss, "batch loss");
        for (ParamSpec p : ParamLayout.of(cfg).params()) {
            double[][] got = g.get(p.name());
            for (int r = 0; r < got.length; r++) {
                for (int j = 0; j < got[r].length; j++) {
                    double mean = 0;
                    for (Trace t : singles) {
                        mean += t.grad(p.name())[r][j] / batch;
                    }
                    assertClose(mean, got[r][j], "grad " + p.name() + "[" + r + "][" + j + "]");
                }
            }
        }
        for (int b = 0; b < batch; b += 7) {
            Trace tb = e.trace(b);
            for (Quantity q : e.cell().forwardQuantities()) {
                double[][] want = singles[b].forward(q);
                double[][] got = tb.forward(q);
                for (int t = 0; t < want.length; t++) {
                    if (want[t] == null) {
                        continue;
                    }
                    for (int j = 0; j < want[t].length; j++) {
                        assertClose(want[t][j], got[t][j], "sequence " + b + " " + q + "[" + t + "][" + j + "]");
                    }
                }
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> aLeanEngineGivesTheBitsOfAFullOne() {
        return Seeded.cases("aLeanEngineGivesTheBitsOfAFullOne", 24, g -> {
            Setup any = BpttPropertiesTest.setup(g);
            Setup s = g.between(0, 1) == 0
                    ? new Setup(CellOption.LSTM, Activation.TANH, any.lossOutput(), any.inputSize(), any.hiddenSize(),
                            any.outputSize(), any.steps(), any.seed())
                    : any;
            return new Batched(s, g.between(1, 50), g.between(0, 8));
        }, b -> aLeanEngineGivesTheBitsOfAFullOne(b.s(), b.batch(), b.k()));
    }

    private static void aLeanEngineGivesTheBitsOfAFullOne(Setup s, int batch, int k) {
        Integer truncate = k == 0 ? null : k;
        Case base = s.build();
        ModelConfig cfg = base.config();
        SplittableRandom rnd = new SplittableRandom(s.seed() ^ 0x61C8864680B583EBL);
        Sequence[] seqs = new Sequence[batch];
        seqs[0] = base.sequence();
        for (int b = 1; b < batch; b++) {
            seqs[b] = BpttPropertiesTest.sequenceLike(base.sequence(), cfg, s.lossOutput(), rnd);
        }
        Bptt full = new Bptt(cfg, base.loss());
        Bptt lean = new Bptt(cfg, base.loss(), true);
        for (int pass = 0; pass < 2; pass++) { // twice: the second pass reuses the lean engine's arrays
            Weights gf = Weights.zeros(cfg);
            Weights gl = Weights.zeros(cfg);
            double lf = full.forward(base.weights(), Batch.of(seqs, 0, batch, null));
            full.backward(base.weights(), pass == 0 ? truncate : null, gf);
            double ll = lean.forward(base.weights(), Batch.of(seqs, 0, batch, null));
            lean.backward(base.weights(), pass == 0 ? truncate : null, gl);
            assertEquals(Double.doubleToRawLongBits(lf), Double.doubleToRawLongBits(ll), "loss");
            for (ParamSpec p : ParamLayout.of(cfg).params()) {
                double[][] want = gf.get(p.name());
                double[][] got = gl.get(p.name());
                for (int r = 0; r < want.length; r++) {
                    for (int j = 0; j < want[r].length; j++) {
                        assertEquals(Double.doubleToRawLongBits(want[r][j]), Double.doubleToRawLongBits(got[r][j]),
                                "pass " + pass + " grad " + p.name() + "[" + r + "][" + j + "]: " + want[r][j] + " against " + got[r][j]);
                    }
                }
            }
        }
        assertThrows(IllegalStateException.class, () -> lean.trace(0));
        assertThrows(IllegalStateException.class, lean::takeTrace);
    }

    private static void assertClose(double want, double got, String what) {
        if (!(Math.abs(want - got) <= 1e-12 * Math.abs(want) + 1e-12)) {
            fail(String.format("%s: want %.17g, got %.17g", what, want, got));
        }
    }

    @Test
    void theVectorisedSigmoidAndTanhAreWithinAFewUlpOfTheScalarOnes() {
        SplittableRandom rnd = new SplittableRandom(35);
        int n = 20_000;
        double[] x = new double[n];
        double[] scale = new double[n];
        for (int i = 0; i < n; i++) {
            // magnitudes from 1e-12 to 1e3, both signs; every third value a tanh
            x[i] = (rnd.nextBoolean() ? 1 : -1) * Math.pow(10, rnd.nextDouble(-12, 3));
            scale[i] = i % 3 == 0 ? -2.0 : -1.0;
        }
        double[] y = new double[n];
        VecMath.sigmoidOrTanh(x, scale, y, new double[n], n);
        double[] th = new double[n];
        VecMath.tanh(x, th, new double[n], n);
        double worstSig = 0;
        double worstTanh = 0;
        for (int i = 0; i < n; i++) {
            double want = scale[i] == -2.0 ? Activation.tanh(x[i]) : Activation.sigmoid(x[i]);
            double wantTanh = Activation.tanh(x[i]);
            assertEquals(th[i], scale[i] == -2.0 ? y[i] : th[i], "tanh both ways at " + x[i]);
            if (want != 0 && Math.abs(want) > 1e-300) {
                double rel = Math.abs(y[i] - want) / Math.abs(want);
                if (scale[i] == -2.0) {
                    worstTanh = Math.max(worstTanh, rel);
                } else {
                    worstSig = Math.max(worstSig, rel);
                }
            }
            worstTanh = Math.max(worstTanh, Math.abs(th[i] - wantTanh) / Math.abs(wantTanh));
        }
        assertTrue(worstSig <= 1.5e-15, "σ: worst relative error " + worstSig);
        assertTrue(worstTanh <= 2.5e-15, "tanh: worst relative error " + worstTanh);
    }

    @Test
    void theVectorisedFunctionsSaturateAsTheScalarOnesDo() {
        double[] x = {0.0, 20, -20, 40, -40, 354, -354, 400, -400, 709, -709, 1e6, -1e6,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        int n = x.length;
        double[] sig = new double[n];
        double[] allSig = new double[n];
        java.util.Arrays.fill(allSig, -1.0);
        VecMath.sigmoidOrTanh(x, allSig, sig, new double[n], n);
        double[] th = new double[n];
        VecMath.tanh(x, th, new double[n], n);
        for (int i = 0; i < n; i++) {
            double s = Activation.sigmoid(x[i]);
            double t = Activation.tanh(x[i]);
            if (Double.isNaN(x[i])) {
                assertTrue(Double.isNaN(sig[i]) && Double.isNaN(th[i]), "NaN stays NaN");
                continue;
            }
            // below e^−708 the vectorised σ stops at 2^−1022 (about 1e−308) where the scalar one goes on to 0
            assertTrue(Math.abs(sig[i] - s) <= 1e-15 * s + 2.3e-308, "σ(" + x[i] + ") = " + sig[i] + ", scalar " + s);
            assertTrue(Math.abs(th[i] - t) <= 1e-15 * Math.abs(t), "tanh(" + x[i] + ") = " + th[i] + ", scalar " + t);
        }
        assertEquals(0.5, sig[0]);
        assertEquals(0.0, th[0]);
        assertEquals(1.0, th[3]);
        assertEquals(-1.0, th[4]);
    }

    @Test
    void aOneColumnProductHasTheBitsOfTheGeneralLoop() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int trial = 0; trial < 200; trial++) {
            int m = 1 + rnd.nextInt(60);
            int k = 1 + rnd.nextInt(40);
            DMatrixRMaj a = new DMatrixRMaj(m, k);
            DMatrixRMaj bm = new DMatrixRMaj(k, 1);
            for (int i = 0; i < a.data.length; i++) {
                a.data[i] = rnd.nextInt(4) == 0 ? 0.0 : rnd.nextGaussian();
            }
            for (int i = 0; i < k; i++) {
                bm.data[i] = rnd.nextGaussian();
            }
            Kernels.Rows b = new Kernels.Rows().copyOf(bm);
            boolean add = rnd.nextBoolean();
            DMatrixRMaj c = new DMatrixRMaj(m, 1);
            for (int i = 0; i < m; i++) {
                c.data[i] = rnd.nextGaussian();
            }
            double[] want = new double[m];
            for (int i = 0; i < m; i++) {
                double[] tmp = {add ? c.data[i] : 0.0};
                Kernels.accumulate(a.data, i * k, k, b.rows, 0, tmp, 1);
                want[i] = tmp[0];
            }
            Kernels.mult(a, b, c, add, new double[1]);
            for (int i = 0; i < m; i++) {
                assertEquals(Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(c.data[i]),
                        "row " + i + " of " + m + "×" + k + ": " + want[i] + " against " + c.data[i]);
            }
        }
    }

    @Test
    void aOneInputProductHasTheBitsOfTheGeneralLoop() {
        // x·Wx with one input (the noisy sine): m × 1 · 1 × n, zeros in x (skipped) and in W
        SplittableRandom rnd = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            int m = 2 + rnd.nextInt(60);
            int n = 1 + rnd.nextInt(90);
            DMatrixRMaj a = new DMatrixRMaj(m, 1);
            DMatrixRMaj bm = new DMatrixRMaj(1, n);
            for (int i = 0; i < m; i++) {
                a.data[i] = rnd.nextInt(4) == 0 ? (rnd.nextBoolean() ? 0.0 : -0.0) : rnd.nextGaussian();
            }
            for (int j = 0; j < n; j++) {
                bm.data[j] = rnd.nextInt(5) == 0 ? -0.0 : rnd.nextGaussian();
            }
            Kernels.Rows b = new Kernels.Rows().copyOf(bm);
            boolean add = rnd.nextBoolean();
            DMatrixRMaj c = new DMatrixRMaj(m, n);
            for (int i = 0; i < c.data.length; i++) {
                c.data[i] = rnd.nextInt(6) == 0 ? -0.0 : rnd.nextGaussian();
            }
            double[] want = new double[m * n];
            for (int i = 0; i < m; i++) {
                double[] tmp = new double[n];
                if (add) {
                    System.arraycopy(c.data, i * n, tmp, 0, n);
                }
                Kernels.accumulate(a.data, i, 1, b.rows, 0, tmp, n);
                System.arraycopy(tmp, 0, want, i * n, n);
            }
            Kernels.mult(a, b, c, add, new double[n]);
            for (int i = 0; i < want.length; i++) {
                assertEquals(Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(c.data[i]),
                        "entry " + i + " of " + m + "×1·1×" + n + (add ? " (adding)" : "") + ": " + want[i]
                                + " against " + c.data[i]);
            }
        }
    }

    @Test
    void onlyBatchedEnginesTakeTheVectorisedPath() {
        ModelConfig cfg = ModelConfig.of(CellType.LSTM, 2, 3, 1);
        Cell cell = Cell.of(cfg);
        Workspace ws = new Workspace(cfg);
        for (int b : List.of(1, 2, Kernels.BLAS_MIN_ROWS - 1)) {
            ws.b = b;
            assertEquals(false, cell.addsInput(ws), "B = " + b);
        }
        ws.b = Kernels.BLAS_MIN_ROWS;
        assertEquals(true, cell.addsInput(ws));
        ws.b = 50;
        assertEquals(false, Cell.of(cfg.withPeephole(true)).addsInput(ws), "peepholes keep the scalar loop");
        assertEquals(false, Cell.of(cfg.withGateActivation(GateActivation.HARD_SIGMOID)).addsInput(ws));
        assertEquals(false, Cell.of(cfg.withActivation(Activation.RELU)).addsInput(ws));
    }
}
