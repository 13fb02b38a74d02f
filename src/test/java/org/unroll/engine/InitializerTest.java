package org.unroll.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.MatrixFeatures_DDRM;
import org.junit.jupiter.api.Test;

class InitializerTest {

    private static final List<ModelConfig> CONFIGS = List.of(
            ModelConfig.of(CellType.RNN, 3, 7, 2),
            ModelConfig.of(CellType.LSTM, 3, 20, 2),
            ModelConfig.of(CellType.LSTM, 3, 5, 2).withPeephole(true),
            ModelConfig.of(CellType.GRU, 3, 6, 2),
            ModelConfig.of(CellType.GRU, 3, 6, 2).withResetAfter(true));

    @Test
    void recurrentMatricesAreOrthogonal() {
        for (ModelConfig cfg : CONFIGS) {
            Weights w = Initializer.create(cfg, 42, 1.0);
            for (ParamSpec p : w.layout().params()) {
                if (!p.name().startsWith("Wh")) {
                    continue;
                }
                DMatrixRMaj q = new DMatrixRMaj(w.get(p.name()));
                DMatrixRMaj qtq = new DMatrixRMaj(q.numCols, q.numCols);
                CommonOps_DDRM.multTransA(q, q, qtq);
                DMatrixRMaj qqt = new DMatrixRMaj(q.numRows, q.numRows);
                CommonOps_DDRM.multTransB(q, q, qqt);
                assertTrue(MatrixFeatures_DDRM.isIdentity(qtq, 1e-12), cfg.cell() + " " + p.name() + " QᵀQ");
                assertTrue(MatrixFeatures_DDRM.isIdentity(qqt, 1e-12), cfg.cell() + " " + p.name() + " QQᵀ");
            }
        }
    }

    @Test
    void sameSeedGivesIdenticalWeightsBitForBit() {
        for (ModelConfig cfg : CONFIGS) {
            Weights a = Initializer.create(cfg, 1234, 1.0);
            Weights b = Initializer.create(cfg, 1234, 1.0);
            for (int i = 0; i < a.blocks().size(); i++) {
                assertArrayEquals(a.block(i).data, b.block(i).data, cfg.cell() + " block " + i);
            }
        }
    }

    @Test
    void differentSeedsGiveDifferentWeights() {
        for (ModelConfig cfg : CONFIGS) {
            Weights a = Initializer.create(cfg, 1, 1.0);
            Weights b = Initializer.create(cfg, 2, 1.0);
            for (String name : List.of(cfg.cell() == CellType.RNN ? "Wx" : "Wx_a",
                    cfg.cell() == CellType.RNN ? "Wh" : "Wh_a", "Wy")) {
                assertFalse(Arrays.deepEquals(a.get(name), b.get(name)), cfg.cell() + " " + name);
            }
        }
    }

    @Test
    void initializeOverwritesEverything() {
        ModelConfig cfg = ModelConfig.of(CellType.LSTM, 2, 4, 1).withPeephole(true);
        Weights w = Weights.zeros(cfg);
        for (DMatrixRMaj b : w.blocks()) {
            CommonOps_DDRM.fill(b, 7.0);
        }
        Initializer.initialize(w, 5, 1.0);
        Weights fresh = Initializer.create(cfg, 5, 1.0);
        for (int i = 0; i < w.blocks().size(); i++) {
            assertArrayEquals(fresh.block(i).data, w.block(i).data);
        }
    }

    @Test
    void glorotLimitsBiasesAndForgetBias() {
        for (ModelConfig cfg : CONFIGS) {
            Weights w = Initializer.create(cfg, 9, 1.5);
            int in = cfg.inputSize();
            int h = cfg.hiddenSize();
            int o = cfg.outputSize();
            for (ParamSpec p : w.layout().params()) {
                double[][] m = w.get(p.name());
                if (p.name().startsWith("Wx")) {
                    assertWithin(m, Math.sqrt(6.0 / (in + h)), p.name());
                } else if (p.name().equals("Wy")) {
                    assertWithin(m, Math.sqrt(6.0 / (h + o)), p.name());
                } else if (!p.name().startsWith("Wh")) {
                    double expected = p.name().equals("b_f") ? 1.5 : 0.0;
                    for (double[] row : m) {
                        assertEquals(expected, row[0], cfg.cell() + " " + p.name());
                    }
                }
            }
        }
    }

    private static void assertWithin(double[][] m, double limit, String name) {
        double max = 0;
        for (double[] row : m) {
            for (double v : row) {
                max = Math.max(max, Math.abs(v));
            }
        }
        assertTrue(max <= limit, name + " exceeds the Glorot limit");
        assertTrue(max > limit / 4, name + " looks too small for U(-l, l)");
    }
}
