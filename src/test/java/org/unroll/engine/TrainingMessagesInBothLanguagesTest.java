package org.unroll.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.unroll.view.Messages;

/**
 * The training configuration's and the trainer's refusals in both languages (ADR 0044): still an
 * {@link IllegalArgumentException} whose {@code getMessage()} is the English of before (the command
 * line's), and an {@link InvalidInput} that the Training tab's failure line says in Japanese.
 */
class TrainingMessagesInBothLanguagesTest {

    private static final ModelConfig MODEL = ModelConfig.of(CellType.LSTM, 1, 4, 1);

    @Test
    void aLearningRateRefusalKeepsItsEnglishAndIsSaidInJapanese() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingConfig.builder(MODEL).learningRate(-0.5).build());
        assertEquals("learning rate must be a positive finite number, got -0.5", e.getMessage());
        InvalidInput in = invalidInput(e);
        assertEquals("problem.training.learningRate", in.message().key());
        assertEquals("学習率は正の有限の数でなければなりません（実際は -0.5）", in.getMessage(Locale.JAPANESE));
        assertEquals(e.getMessage(), in.getMessage(Locale.ENGLISH));
        // the Training tab's failure line formats the exception in the window's language
        assertEquals("学習できません：学習率は正の有限の数でなければなりません（実際は -0.5）",
                Messages.format(Messages.bundle(Locale.JAPANESE), "training.failed", e));
        assertEquals("Cannot train: learning rate must be a positive finite number, got -0.5",
                Messages.format(Messages.bundle(Locale.ENGLISH), "training.failed", e));
    }

    @Test
    void theTrainersSizeRefusalQuotesTheDatasetAsBefore() {
        Dataset sine = Datasets.noisySine(1);
        ModelConfig two = ModelConfig.of(CellType.RNN, 2, 3, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(TrainingConfig.builder(two).build(), sine));
        assertEquals("the model has 2 inputs and 1 outputs, but '" + sine.name() + "' has 1 and 1", e.getMessage());
        String ja = invalidInput(e).getMessage(Locale.JAPANESE);
        assertEquals("モデルの入力は 2 個、出力は 1 個ですが、'" + sine.name() + "' は入力 1 個、出力 1 個です", ja);
    }

    @Test
    void theOtherChecksKeepTheirEnglish() {
        assertEquals("validation fraction must be in [0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> new ValidationSplit(1.0, true)).getMessage());
        assertEquals("patience must be >= 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> EarlyStopping.onValidationLoss(-1)).getMessage());
        assertEquals("truncate must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> TrainingConfig.builder(MODEL).truncate(0).build())
                        .getMessage());
    }

    private static InvalidInput invalidInput(Throwable e) {
        assertTrue(e instanceof InvalidInput, e.getClass().getName());
        return (InvalidInput) e;
    }
}
