package org.unroll.session;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-epoch training and validation losses of one training run, in epoch order (index 0 holds
 * epoch 1). Thread-safe: the training thread appends while another thread reads; every read returns
 * an immutable copy, so readers never see a list change under them.
 */
public final class LossHistory {

    private final List<Double> train = new ArrayList<>();
    private final List<Double> validation = new ArrayList<>();

    /** An empty history. */
    public LossHistory() {
    }

    /**
     * Appends one epoch's losses.
     *
     * @param trainLoss the epoch's mean training loss
     * @param validationLoss the validation loss after the epoch (NaN when there is no validation set)
     */
    public synchronized void add(double trainLoss, double validationLoss) {
        train.add(trainLoss);
        validation.add(validationLoss);
    }

    /** Removes every entry. */
    public synchronized void clear() {
        train.clear();
        validation.clear();
    }

    /** How many epochs are recorded. */
    public synchronized int size() {
        return train.size();
    }

    /** The training losses, epoch 1 first (an immutable copy). */
    public synchronized List<Double> train() {
        return List.copyOf(train);
    }

    /** The validation losses, epoch 1 first, NaN where there was no validation set (an immutable copy). */
    public synchronized List<Double> validation() {
        return List.copyOf(validation);
    }

    /** An independent copy of this history (this one is not modified). */
    public synchronized LossHistory copy() {
        LossHistory h = new LossHistory();
        h.train.addAll(train);
        h.validation.addAll(validation);
        return h;
    }
}
