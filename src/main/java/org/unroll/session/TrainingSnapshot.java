package org.unroll.session;

import java.time.Duration;
import java.util.Objects;
import org.unroll.engine.Trace;
import org.unroll.engine.Weights;

/**
 * What a {@link TrainingRun} looked like after an epoch (or when it halted). Safe to hand to another
 * thread: the weights are a private copy that nobody else holds, and {@link Trace} is immutable.
 * Receivers must not modify {@link #weights()}.
 *
 * @param state the run's state when the snapshot was taken
 * @param message the failure message when {@code state} is FAILED, else null
 * @param epoch the epochs completed (0 before the first)
 * @param epochs the epochs configured in total
 * @param trainLoss the last epoch's mean training loss (NaN before the first epoch)
 * @param validationLoss the validation loss after the last epoch (NaN before the first epoch or
 *     without a validation set)
 * @param gradNorm the last epoch's mean gradient norm before clipping (NaN before the first epoch)
 * @param elapsed the training time so far, paused time excluded
 * @param remaining the estimated training time left: elapsed per epoch so far times the epochs
 *     left ({@link Duration#ZERO} when done; null when not yet estimable, before the first epoch)
 * @param weights a copy of the weights after the epoch
 * @param sampleIndex which sequence {@code trace} shows (an index into the validation set, or into
 *     the training set when there is no validation set)
 * @param trace the chosen sequence traced (forward and full BPTT) with {@code weights}; null when
 *     the snapshot was not meant for plots (see {@link TrainingRun#addEpochListener}) or when
 *     tracing failed (diverged weights)
 * @param last whether training halted with this snapshot (paused, stopped, done or failed)
 */
public record TrainingSnapshot(TrainingRun.State state, String message, int epoch, int epochs, double trainLoss,
                               double validationLoss, double gradNorm, Duration elapsed, Duration remaining,
                               Weights weights, int sampleIndex, Trace trace, boolean last) {

    public TrainingSnapshot {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(weights, "weights");
    }

    /** Whether {@link #trace()} is present. */
    public boolean hasTrace() {
        return trace != null;
    }

    /** Training speed so far: epochs per second of training time (NaN before any time has passed). */
    public double epochsPerSecond() {
        return elapsed.isZero() ? Double.NaN : epoch / (elapsed.toNanos() / 1e9);
    }

    /** The fraction of the configured epochs completed, 0 … 1 (1 when 0 epochs are configured). */
    public double progress() {
        return epochs == 0 ? 1 : Math.min(1, (double) epoch / epochs);
    }
}
