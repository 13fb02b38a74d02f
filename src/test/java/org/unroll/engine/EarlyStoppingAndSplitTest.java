package org.unroll.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The validation split (a seeded random fraction, or the last samples as
 * {@code train_test_split(shuffle=False)} takes them) and early stopping on the validation loss
 * (ADR 0023).
 */
class EarlyStoppingAndSplitTest {

    @Test
    void theUnshuffledSplitHoldsOutTheLastTwentyPercent() {
        Dataset all = Datasets.noisySine(4, new ValidationSplit(0, true));
        assertEquals(176, all.train().length);
        assertEquals(0, all.validation().length);
        Dataset d = Datasets.noisySine(4, new ValidationSplit(0.2, false));
        // sklearn: n_test = ceil(0.2 · 176) = 36, n_train = 140
        assertEquals(140, d.train().length);
        assertEquals(36, d.validation().length);
        for (int i = 0; i < 140; i++) {
            assertArrayEquals(all.train()[i].inputs()[0], d.train()[i].inputs()[0], "training window " + i);
        }
        for (int i = 0; i < 36; i++) {
            assertArrayEquals(all.train()[140 + i].inputs()[0], d.validation()[i].inputs()[0], "validation window " + i);
        }
        Dataset adding = Datasets.addingProblem(5, 10, 2, new ValidationSplit(0.2, false));
        Dataset addingAll = Datasets.addingProblem(5, 10, 2, new ValidationSplit(0, false));
        assertEquals(8, adding.train().length);
        assertArrayEquals(addingAll.train()[8].inputs()[0], adding.validation()[0].inputs()[0]);
        assertArrayEquals(addingAll.train()[9].inputs()[0], adding.validation()[1].inputs()[0]);
    }

    @Test
    void theDefaultSplitIsTheSeededRandomTenPercentAsBefore() {
        assertEquals(ValidationSplit.DEFAULT, new ValidationSplit(0.1, true));
        Dataset a = Datasets.noisySine(3);
        Dataset b = Datasets.noisySine(3, ValidationSplit.DEFAULT);
        assertEquals(18, a.validation().length);
        for (int i = 0; i < a.validation().length; i++) {
            assertEquals(a.validation()[i].inputs().length, b.validation()[i].inputs().length);
            assertArrayEquals(a.validation()[i].inputs()[0], b.validation()[i].inputs()[0]);
        }
        // a random split is not the last windows
        Dataset none = Datasets.noisySine(3, new ValidationSplit(0, true));
        boolean last = true;
        for (int i = 0; i < 18; i++) {
            last &= a.validation()[i].inputs()[0][0] == none.train()[158 + i].inputs()[0][0];
        }
        assertFalse(last);
        assertEquals(2, new ValidationSplit(0.2, true).count(10));
        assertEquals(1, new ValidationSplit(0.01, false).count(10), "at least one");
        assertEquals(9, new ValidationSplit(0.99, false).count(10), "at least one stays for training");
        assertThrows(IllegalArgumentException.class, () -> new ValidationSplit(1, false));
    }

    /** A run whose weights cannot move: SGD with η = 1e-300 leaves every weight as it was. */
    private static TrainingConfig frozen(int epochs, EarlyStopping es) {
        return TrainingConfig.builder(ModelConfig.of(CellType.RNN, 2, 3, 1))
                .optimizer(OptimizerKind.SGD).learningRate(1e-300).clipNorm(0).batchSize(4).epochs(epochs)
                .earlyStopping(es).build();
    }

    @Test
    void earlyStoppingStopsAfterPatienceEpochsWithoutImprovement() {
        Dataset data = Datasets.addingProblem(4, 20, 1);
        Trainer t = new Trainer(frozen(100, EarlyStopping.onValidationLoss(3)), data);
        List<EpochResult> seen = new ArrayList<>();
        t.runEpochs(100, seen::add);
        // epoch 1 sets the best; 2, 3, 4 do not lower it: done after epoch 4
        assertEquals(4, seen.size());
        for (EpochResult r : seen) {
            assertEquals(seen.get(0).validationLoss(), r.validationLoss(), 0, "the weights do not move");
        }
        assertTrue(t.isDone());
        assertTrue(t.stoppedEarly());
        assertEquals(4, t.stoppedEarlyAt());
        assertEquals(4, t.epoch());
        String m = t.earlyStopMessage();
        assertTrue(m.startsWith("stopped early at epoch 4: the validation loss has not improved for 3 epochs"), m);
        assertTrue(m.endsWith("at epoch 1)"), m);
        IllegalStateException e = assertThrows(IllegalStateException.class, t::runEpoch);
        assertEquals("training is done: " + m, e.getMessage());
    }

    @Test
    void withoutEarlyStoppingOrWithImprovementEveryEpochRuns() {
        Dataset data = Datasets.addingProblem(4, 20, 1);
        Trainer off = new Trainer(frozen(6, EarlyStopping.OFF), data);
        off.runEpochs(100, null);
        assertEquals(6, off.epoch());
        assertFalse(off.stoppedEarly());
        assertNull(off.earlyStopMessage());
        // patience larger than the epochs left: the run ends at its epochs, not "early"
        Trainer patient = new Trainer(frozen(3, EarlyStopping.onValidationLoss(5)), data);
        patient.runEpochs(100, null);
        assertEquals(3, patient.epoch());
        assertFalse(patient.stoppedEarly());
        // a learning network: the validation loss falls at first, so nothing stops at epoch 1 + patience
        TrainingConfig learning = TrainingConfig.builder(ModelConfig.of(CellType.LSTM, 1, 4, 1))
                .learningRate(0.01).epochs(4).earlyStopping(EarlyStopping.onValidationLoss(1)).build();
        Trainer l = new Trainer(learning, Datasets.noisySine(1));
        List<EpochResult> seen = new ArrayList<>();
        l.runEpochs(4, seen::add);
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i).validationLoss() < seen.get(i - 1).validationLoss() || l.stoppedEarly());
        }
        assertEquals(l.stoppedEarly() ? l.stoppedEarlyAt() : 4, seen.size());
    }

    @Test
    void earlyStoppingOnTheTrainingLossNeedsNoValidationSet() {
        Dataset none = Datasets.addingProblem(4, 12, 1, new ValidationSplit(0, true));
        assertEquals(0, none.validation().length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(frozen(10, EarlyStopping.onValidationLoss(2)), none));
        assertTrue(e.getMessage().contains("needs a validation set"), e.getMessage());
        // one batch of all 12 sequences, the weights frozen: the training loss cannot go down either
        // (up to the summation order of the shuffled batch, which may lower it in the last bits)
        TrainingConfig cfg = frozen(50, new EarlyStopping(2, EarlyStopping.Monitor.TRAINING_LOSS)).toBuilder()
                .batchSize(12).build();
        Trainer t = new Trainer(cfg, none);
        t.runEpochs(50, null);
        assertTrue(t.stoppedEarly(), "stopped at " + t.epoch());
        assertTrue(t.earlyStopMessage().contains("the training loss has not improved for 2 epochs"));
        assertTrue(Double.isNaN(t.validationLoss()));
    }
}
