package org.unroll.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The builder: its defaults, each value by name, and the record's validation kept. */
class TrainingConfigTest {

    private static final ModelConfig MODEL = ModelConfig.of(CellType.LSTM, 1, 8, 1);

    @Test
    void theDefaultsAreTheTrainingTabs() {
        TrainingConfig c = TrainingConfig.builder(MODEL).build();
        assertEquals(MODEL, c.model());
        assertEquals(LossKind.MSE, c.loss());
        assertEquals(OptimizerKind.ADAM, c.optimizer());
        assertEquals(0.01, c.learningRate());
        assertEquals(10, c.batchSize());
        assertEquals(200, c.epochs());
        assertEquals(1.0, c.clipNorm());
        assertNull(c.truncate(), "full BPTT");
        assertEquals(1, c.seed());
        assertEquals(1.0, c.forgetBias());
    }

    @Test
    void everyValueIsSetByName() {
        ModelConfig gru = ModelConfig.of(CellType.GRU, 2, 3, 1);
        TrainingConfig c = TrainingConfig.builder(MODEL).model(gru).loss(LossKind.SSE).optimizer(OptimizerKind.SGD)
                .learningRate(0.5).batchSize(3).epochs(7).clipNorm(0).truncate(4).seed(9).forgetBias(-2).build();
        assertEquals(new TrainingConfig(gru, LossKind.SSE, OptimizerKind.SGD, 0.5, 3, 7, 0, 4, 9, -2), c);
    }

    @Test
    void toBuilderKeepsEveryValue() {
        TrainingConfig c = TrainingConfig.builder(MODEL).optimizer(OptimizerKind.AMSGRAD).learningRate(0.002)
                .batchSize(5).epochs(3).clipNorm(2).truncate(6).seed(4).forgetBias(0).build();
        assertEquals(c, c.toBuilder().build());
        TrainingConfig other = c.toBuilder().epochs(11).build();
        assertEquals(11, other.epochs());
        assertEquals(c, other.toBuilder().epochs(3).build());
    }

    @Test
    void buildValidatesAsTheRecordDoes() {
        TrainingConfig.Builder b = TrainingConfig.builder(MODEL);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.truncate(0).build()).getMessage()
                .contains("truncate"));
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.builder(MODEL).learningRate(0).build());
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.builder(MODEL).batchSize(0).build());
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.builder(MODEL).epochs(-1).build());
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.builder(MODEL).clipNorm(Double.NaN).build());
        assertThrows(IllegalArgumentException.class,
                () -> TrainingConfig.builder(MODEL).forgetBias(Double.POSITIVE_INFINITY).build());
        assertThrows(NullPointerException.class, () -> TrainingConfig.builder(null).build());
        assertThrows(NullPointerException.class, () -> TrainingConfig.builder(MODEL).loss(null).build());
    }
}
