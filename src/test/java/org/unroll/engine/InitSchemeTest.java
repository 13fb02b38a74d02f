package org.unroll.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.MatrixFeatures_DDRM;
import org.junit.jupiter.api.Test;

/**
 * The books' initialisation schemes (ADR 0023), seeded: the first edition's N(0, 0.01²) input and
 * output weights, the second edition's Glorot normal input weights over the fused kernel, both
 * with the recurrent matrices of all gates orthogonal as one stack; zero biases but the forget
 * gate's; and the default scheme unchanged.
 */
class InitSchemeTest {

    private static final List<ModelConfig> CONFIGS = List.of(
            ModelConfig.of(CellType.RNN, 20, 50, 1),
            ModelConfig.of(CellType.LSTM, 20, 50, 1),
            ModelConfig.of(CellType.GRU, 20, 50, 1),
            ModelConfig.of(CellType.GRU, 20, 50, 1).withResetAfter(true),
            ModelConfig.of(CellType.LSTM, 2, 30, 1).withPeephole(true));

    private static List<Double> entries(Weights w, String prefix) {
        List<Double> out = new ArrayList<>();
        for (ParamSpec p : w.layout().params()) {
            if (p.name().equals(prefix) || p.name().startsWith(prefix + "_")) {
                for (double[] row : w.get(p.name())) {
                    for (double v : row) {
                        out.add(v);
                    }
                }
            }
        }
        return out;
    }

    private static double std(List<Double> xs) {
        double mean = xs.stream().mapToDouble(d -> d).average().orElseThrow();
        double ss = 0;
        for (double x : xs) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / xs.size());
    }

    @Test
    void theDefaultSchemeIsTheInitializerAsBeforeBitForBit() {
        for (ModelConfig cfg : CONFIGS) {
            Weights a = Initializer.create(cfg, 7, 1.0);
            Weights b = Initializer.create(cfg, 7, 1.0, InitScheme.GLOROT_UNIFORM);
            for (int i = 0; i < a.blocks().size(); i++) {
                assertArrayEquals(a.block(i).data, b.block(i).data, cfg.cell() + " block " + i);
            }
        }
        TrainingConfig c = TrainingConfig.builder(CONFIGS.get(1)).build();
        assertEquals(InitScheme.GLOROT_UNIFORM, c.init());
        assertEquals(EarlyStopping.OFF, c.earlyStopping());
    }

    @Test
    void firstEditionInputAndOutputWeightsAreNormalWithStandardDeviationOneHundredth() {
        for (ModelConfig cfg : CONFIGS) {
            Weights w = Initializer.create(cfg, 11, 1.0, InitScheme.NORMAL);
            List<Double> wx = entries(w, "Wx");
            assertEquals(cfg.cell().gateCount() * cfg.hiddenSize() * cfg.inputSize(), wx.size());
            // n ≥ 1000 draws: the sample std is within 10 % of σ far beyond 5 sigma
            assertEquals(0.01, std(wx), 0.001, cfg.cell() + " Wx");
            double mean = wx.stream().mapToDouble(d -> d).average().orElseThrow();
            assertEquals(0, mean, 0.01 * 5 / Math.sqrt(wx.size()), "mean");
            // plain, not truncated: a few draws beyond 2σ (4.55 % of them expected)
            long beyond = wx.stream().filter(v -> Math.abs(v) > 0.02).count();
            assertTrue(beyond > 0.02 * wx.size() && beyond < 0.08 * wx.size(), "beyond 2σ: " + beyond);
            List<Double> wy = entries(w, "Wy");
            assertEquals(cfg.hiddenSize() * cfg.outputSize(), wy.size());
            assertTrue(wy.stream().allMatch(v -> Math.abs(v) < 0.06), "Wy is N(0, 0.01²) too");
        }
        // the output weights' std, on a wider output
        Weights wide = Initializer.create(ModelConfig.of(CellType.RNN, 1, 40, 40), 3, 1.0, InitScheme.NORMAL);
        assertEquals(0.01, std(entries(wide, "Wy")), 0.001);
    }

    @Test
    void secondEditionInputWeightsAreGlorotNormalOverTheFusedKernel() {
        for (ModelConfig cfg : CONFIGS) {
            Weights w = Initializer.create(cfg, 5, 1.0, InitScheme.GLOROT_NORMAL);
            int g = cfg.cell().gateCount();
            double sigma = Math.sqrt(2.0 / (cfg.inputSize() + g * cfg.hiddenSize()));
            List<Double> wx = entries(w, "Wx");
            assertEquals(sigma, std(wx), 0.1 * sigma, cfg.cell() + " Wx std √(2/(I+G·H))");
            // Keras's GlorotNormal: truncated at two of its (pre-scaling) standard deviations
            double bound = 2 * sigma / Initializer.TRUNCATED_STD;
            assertTrue(wx.stream().allMatch(v -> Math.abs(v) <= bound), "truncated at ±" + bound);
            // the output layer: Keras's Dense default, Glorot uniform U(±√(6/(H+O)))
            double limit = Math.sqrt(6.0 / (cfg.hiddenSize() + cfg.outputSize()));
            List<Double> wy = entries(w, "Wy");
            assertTrue(wy.stream().allMatch(v -> Math.abs(v) <= limit));
            assertTrue(wy.stream().anyMatch(v -> Math.abs(v) > limit / 2), "spread over the interval");
        }
    }

    @Test
    void theBooksRecurrentWeightsAreOneOrthogonalStackAndBiasesStartAtZero() {
        for (InitScheme s : List.of(InitScheme.NORMAL, InitScheme.GLOROT_NORMAL)) {
            for (ModelConfig cfg : CONFIGS) {
                Weights w = Initializer.create(cfg, 9, 1.0, s);
                int h = cfg.hiddenSize();
                int g = cfg.cell().gateCount();
                // [Wh_1; …; Wh_G] (G·H × H), as PyTorch's weight_hh_l0 and the transpose of Keras's
                // recurrent_kernel: orthonormal columns, Σ_g Wh_gᵀ Wh_g = I
                DMatrixRMaj stack = new DMatrixRMaj(g * h, h);
                int row = 0;
                for (ParamSpec p : w.layout().params()) {
                    if (p.block() == w.layout().whBlock()) {
                        double[][] m = w.get(p.name());
                        assertEquals(h, m.length);
                        for (double[] r : m) {
                            for (int c = 0; c < h; c++) {
                                stack.set(row, c, r[c]);
                            }
                            row++;
                        }
                    }
                }
                assertEquals(g * h, row);
                DMatrixRMaj sts = new DMatrixRMaj(h, h);
                CommonOps_DDRM.multTransA(stack, stack, sts);
                assertTrue(MatrixFeatures_DDRM.isIdentity(sts, 1e-12), s + " " + cfg.cell() + " WᵀW = I");
                for (ParamSpec p : w.layout().params()) {
                    boolean weight = p.block() == w.layout().wxBlock() || p.block() == w.layout().whBlock()
                            || p.block() == w.layout().wyBlock();
                    if (weight) {
                        continue;
                    }
                    double expected = p.name().equals("b_f") && cfg.cell() == CellType.LSTM ? 1.0 : 0.0;
                    for (double[] r : w.get(p.name())) {
                        for (double v : r) {
                            assertEquals(expected, v, 0, s + " " + p.name());
                        }
                    }
                }
            }
        }
    }

    @Test
    void theSimpleRnnsRecurrentMatrixIsSquareOrthogonal() {
        ModelConfig rnn = ModelConfig.of(CellType.RNN, 1, 20, 1);
        for (InitScheme s : List.of(InitScheme.NORMAL, InitScheme.GLOROT_NORMAL)) {
            DMatrixRMaj q = new DMatrixRMaj(Initializer.create(rnn, 1, 1.0, s).get("Wh"));
            DMatrixRMaj qqt = new DMatrixRMaj(20, 20);
            CommonOps_DDRM.multTransB(q, q, qqt);
            assertTrue(MatrixFeatures_DDRM.isIdentity(qqt, 1e-12));
        }
    }

    @Test
    void everySchemeIsSeededAndKeyed() {
        ModelConfig cfg = CONFIGS.get(1);
        for (InitScheme s : InitScheme.values()) {
            Weights a = Initializer.create(cfg, 21, 1.0, s);
            Weights b = Initializer.create(cfg, 21, 1.0, s);
            for (int i = 0; i < a.blocks().size(); i++) {
                assertArrayEquals(a.block(i).data, b.block(i).data);
            }
            assertEquals(s, InitScheme.fromKey(s.key().toUpperCase()));
        }
        assertEquals(null, InitScheme.fromKey("he"));
    }
}
