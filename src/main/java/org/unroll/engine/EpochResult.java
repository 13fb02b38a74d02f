package org.unroll.engine;

/**
 * What one training epoch measured.
 *
 * @param epoch the epoch's number, 1 for the first
 * @param trainLoss the mean training loss over the epoch's sequences, each measured before its
 *     mini-batch's update
 * @param validationLoss the loss on the validation set after the epoch (the training loss kind,
 *     so the validation MSE when training with MSE); NaN when there is no validation set
 * @param gradNorm the mean over the epoch's mini-batches of the global gradient norm before clipping
 */
public record EpochResult(int epoch, double trainLoss, double validationLoss, double gradNorm) {
}
