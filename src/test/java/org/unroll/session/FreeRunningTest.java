package org.unroll.session;

import org.unroll.engine.Quantity;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.unroll.engine.CellType;
import org.unroll.engine.Datasets;
import org.unroll.engine.Initializer;
import org.unroll.engine.ModelConfig;
import org.unroll.engine.Sequence;
import org.unroll.engine.TrainingConfig;
import org.unroll.engine.Weights;

class FreeRunningTest {

    static final ModelConfig MODEL = ModelConfig.of(CellType.LSTM, 1, 4, 1);
    static final Weights W = Initializer.create(MODEL, 5, 1.0);
    static final TrainingConfig CFG = TrainingRunTest.sine(1);

    /** y(T) of a forward pass over {@code values}, computed independently through a trace. */
    private static double next(double[] values) {
        double[][] in = new double[values.length][];
        double[][] tg = new double[values.length][];
        for (int t = 0; t < values.length; t++) {
            in[t] = new double[] {values[t]};
        }
        tg[values.length - 1] = new double[] {0};
        return TrainingRun.trace(TrainingConfig.builder(MODEL).loss(CFG.loss()).optimizer(CFG.optimizer())
                        .learningRate(0.1).batchSize(1).epochs(1).clipNorm(0).seed(1).forgetBias(1.0).build(),
                Sequence.of(in, tg, 4), W).forward(Quantity.Y, values.length)[0];
    }

    @Test
    void feedsItsOwnOutputsBackOnGrowingWindows() {
        double[] seed = Arrays.copyOf(Datasets.noisySineSeries(1), 25);
        double[] seedCopy = seed.clone();
        double[] out = FreeRunning.continueSine(W, MODEL, seed, 3);
        assertArrayEquals(seedCopy, seed, 0.0, "the seed is not modified");
        assertEquals(3, out.length);
        double[] series = seed;
        for (int k = 0; k < 3; k++) {
            assertEquals(next(series), out[k], 0.0);
            series = Arrays.copyOf(series, series.length + 1);
            series[series.length - 1] = out[k];
        }
    }

    @Test
    void slidingWindowsUseTheLastValuesOnly() {
        double[] seed = Arrays.copyOf(Datasets.noisySineSeries(1), 30);
        double[] out = FreeRunning.continueSine(W, MODEL, seed, 2, 25);
        assertEquals(next(Arrays.copyOfRange(seed, 5, 30)), out[0], 0.0);
        double[] second = Arrays.copyOf(Arrays.copyOfRange(seed, 6, 30), 25);
        second[24] = out[0];
        assertEquals(next(second), out[1], 0.0);
        assertTrue(Double.isFinite(out[1]));
    }

    @Test
    void rejectsWrongShapes() {
        assertThrows(IllegalArgumentException.class,
                () -> FreeRunning.continueSine(W, ModelConfig.of(CellType.LSTM, 2, 4, 1), new double[] {1}, 1));
        assertThrows(IllegalArgumentException.class,
                () -> FreeRunning.continueSine(W, ModelConfig.of(CellType.GRU, 1, 4, 1), new double[] {1}, 1));
        assertThrows(IllegalArgumentException.class, () -> FreeRunning.continueSine(W, MODEL, new double[0], 1));
        assertEquals(0, FreeRunning.continueSine(W, MODEL, new double[] {1}, 0).length);
    }
}
