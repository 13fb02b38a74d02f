package org.unroll.session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The per-epoch training and validation losses of one training run, in epoch order (index 0 holds
 * epoch 1). Thread-safe: the training thread appends while another thread reads; every read returns
 * an immutable copy, so readers never see a list change under them. Held as primitive arrays (16 bytes
 * an epoch); what a live plot draws is {@link #plotted(int)}, at most a fixed number of points however
 * long the run (ADR 0028).
 */
public final class LossHistory {

    private double[] train = new double[64];
    private double[] validation = new double[64];
    private int size;

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
        if (size == train.length) {
            train = Arrays.copyOf(train, size * 2);
            validation = Arrays.copyOf(validation, size * 2);
        }
        train[size] = trainLoss;
        validation[size] = validationLoss;
        size++;
    }

    /** Removes every entry. */
    public synchronized void clear() {
        train = new double[64];
        validation = new double[64];
        size = 0;
    }

    /** How many epochs are recorded. */
    public synchronized int size() {
        return size;
    }

    /** The training losses, epoch 1 first (an immutable copy). */
    public synchronized List<Double> train() {
        return list(train, size);
    }

    /** The validation losses, epoch 1 first, NaN where there was no validation set (an immutable copy). */
    public synchronized List<Double> validation() {
        return list(validation, size);
    }

    private static List<Double> list(double[] a, int n) {
        List<Double> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add(a[i]);
        }
        return java.util.Collections.unmodifiableList(l);
    }

    /** An independent copy of this history (this one is not modified). */
    public synchronized LossHistory copy() {
        LossHistory h = new LossHistory();
        h.train = Arrays.copyOf(train, Math.max(64, size));
        h.validation = Arrays.copyOf(validation, Math.max(64, size));
        h.size = size;
        return h;
    }

    /**
     * What a plot draws: at most {@code maxPoints} epochs (and always the last one), evenly spaced over
     * the run, so that a plot redrawn live stays the same size however long the run goes on.
     *
     * @param maxPoints the most points (at least 3)
     * @return the epochs (1-based) and their losses, of the same moment
     */
    public synchronized Plotted plotted(int maxPoints) {
        int m = Math.max(3, maxPoints);
        int stride = size <= m ? 1 : (size - 1 + m - 3) / (m - 2);
        int n = size == 0 ? 0 : (size - 1) / stride + 1 + ((size - 1) % stride == 0 ? 0 : 1);
        int[] epochs = new int[n];
        double[] tr = new double[n];
        double[] va = new double[n];
        int k = 0;
        for (int i = 0; i < size; i += stride) {
            epochs[k] = i + 1;
            tr[k] = train[i];
            va[k] = validation[i];
            k++;
        }
        if (k < n) { // the last epoch, always drawn
            epochs[k] = size;
            tr[k] = train[size - 1];
            va[k] = validation[size - 1];
        }
        return new Plotted(epochs, tr, va);
    }

    /** A plot's points: the epochs (1-based), the training and validation losses at them. */
    public record Plotted(int[] epochs, double[] train, double[] validation) {
    }
}
