package org.unroll.engine;

import java.util.Locale;
import java.util.Objects;

/**
 * When a {@link Trainer} stops before its configured epochs: after {@code patience} epochs in a
 * row in which the monitored loss did not go below the best seen so far (strictly lower counts as
 * better, as Keras's {@code EarlyStopping} with {@code min_delta=0}). The weights are those of the
 * last epoch run (Keras's default {@code restore_best_weights=False}; the books restore nothing).
 *
 * @param patience the epochs without improvement that stop training; 0: never stop early
 * @param monitor which loss is watched
 */
public record EarlyStopping(int patience, Monitor monitor) {

    /** No early stopping. */
    public static final EarlyStopping OFF = new EarlyStopping(0, Monitor.VALIDATION_LOSS);

    /** The loss watched. */
    public enum Monitor {
        /** The validation loss after each epoch (Keras's {@code monitor='val_loss'}). */
        VALIDATION_LOSS("val_loss"),
        /** The epoch's mean training loss (Keras's {@code monitor='loss'}). */
        TRAINING_LOSS("loss");

        private final String key;

        Monitor(String key) {
            this.key = key;
        }

        /** Keras's name: {@code val_loss} or {@code loss}. */
        public String key() {
            return key;
        }

        /**
         * Parses Keras's name, ignoring case.
         *
         * @return the monitor, or null when the key is unknown
         */
        public static Monitor fromKey(String key) {
            String k = key.toLowerCase(Locale.ROOT);
            for (Monitor m : values()) {
                if (m.key.equals(k)) {
                    return m;
                }
            }
            return null;
        }
    }

    public EarlyStopping {
        Objects.requireNonNull(monitor, "monitor");
        if (patience < 0) {
            throw new InvalidInput(Message.of("problem.training.patience", patience));
        }
    }

    /** Early stopping on the validation loss with this patience (0: off). */
    public static EarlyStopping onValidationLoss(int patience) {
        return new EarlyStopping(patience, Monitor.VALIDATION_LOSS);
    }

    /** Whether training can stop early (patience ≥ 1). */
    public boolean enabled() {
        return patience > 0;
    }
}
