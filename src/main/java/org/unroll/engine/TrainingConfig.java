package org.unroll.engine;

import java.util.Objects;

/**
 * Everything a {@link Trainer} needs besides the data. Immutable.
 *
 * @param model the network's shape; its input and output sizes must match the dataset
 * @param loss the loss minimised (and reported for validation)
 * @param optimizer the optimiser
 * @param learningRate η, a positive finite number
 * @param batchSize B, sequences per mini-batch (the last batch of an epoch may be smaller)
 * @param epochs how many epochs {@link Trainer#isDone()} waits for, at least 0
 * @param clipNorm the largest global gradient norm; {@code <= 0} or infinite means no clipping
 * @param truncate null for full BPTT, or k ≥ 1 for truncated BPTT (see {@link Bptt#backward})
 * @param seed the seed of the initial weights and of the epoch shuffles
 * @param forgetBias the initial LSTM forget-gate bias (ignored for RNN and GRU)
 */
public record TrainingConfig(ModelConfig model, LossKind loss, OptimizerKind optimizer, double learningRate,
                             int batchSize, int epochs, double clipNorm, Integer truncate, long seed,
                             double forgetBias) {

    public TrainingConfig {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(optimizer, "optimizer");
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a positive finite number, got " + learningRate);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must be >= 0, got " + epochs);
        }
        if (Double.isNaN(clipNorm)) {
            throw new IllegalArgumentException("clip norm must be a number");
        }
        if (truncate != null && truncate < 1) {
            throw new IllegalArgumentException("truncate must be >= 1, got " + truncate);
        }
        if (!Double.isFinite(forgetBias)) {
            throw new IllegalArgumentException("forget bias must be finite, got " + forgetBias);
        }
    }
}
