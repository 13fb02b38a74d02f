package org.unroll.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.unroll.engine.Activation;
import org.unroll.engine.CellType;
import org.unroll.engine.Dataset;
import org.unroll.engine.Datasets;
import org.unroll.engine.ModelConfig;
import org.unroll.engine.OptimizerKind;
import org.unroll.engine.TrainingConfig;

/** The Training tab's form as one value: its defaults are the builder's, and it is changed by name. */
class TrainingSetupTest {

    private static final Dataset SINE = Datasets.noisySine(1);

    @Test
    void theTabsDefaultsAreTheBuildersDefaults() {
        TrainingSetup d = TrainingSetup.defaults();
        TrainingConfig c = d.config(SINE);
        assertEquals(TrainingConfig.builder(ModelConfig.of(CellType.LSTM, 1, 8, 1)).build(), c);
        assertEquals(Activation.TANH, d.activation());
        assertEquals(1.0, d.forgetBias());
        assertEquals(Datasets.SINE_WINDOW, d.window());
    }

    @Test
    void zeroTruncationIsFullBpttAndKIsK() {
        assertNull(TrainingSetup.defaults().config(SINE).truncate());
        assertEquals(5, TrainingSetup.defaults().toBuilder().truncation(5).build().config(SINE).truncate());
    }

    @Test
    void everyValueIsSetByName() {
        Path csv = Path.of("x.csv");
        TrainingSetup s = TrainingSetup.defaults().toBuilder().task(TrainingSetup.Task.CSV).addingLength(7)
                .addingCount(9).csv(csv).cell(CellType.GRU).hidden(3).optimizer(OptimizerKind.SGD).learningRate(0.5)
                .batch(4).epochs(6).clip(0).truncation(2).seed(8).activation(Activation.RELU).forgetBias(0)
                .window(11).build();
        assertEquals(new TrainingSetup(TrainingSetup.Task.CSV, 7, 9, csv, CellType.GRU, 3, OptimizerKind.SGD, 0.5, 4,
                6, 0, 2, 8, Activation.RELU, 0, 11, org.unroll.engine.GateActivation.SIGMOID), s);
        assertEquals(s, s.toBuilder().build());
        assertEquals(12, s.withEpochs(12).epochs());
        TrainingConfig c = s.config(SINE);
        assertEquals(ModelConfig.of(CellType.GRU, 1, 3, 1).withActivation(Activation.RELU), c.model());
        assertEquals(0.0, c.forgetBias());
    }
}
