package org.unroll.engine;

import java.util.Objects;

/**
 * A named regression task: training and validation sequences with their input and output sizes.
 * The sequences are shared, never copied; nobody modifies them.
 *
 * <p>The sequences {@link Datasets} builds do not know the network, so their initial states
 * {@code h0} and {@code c0} are empty placeholders; {@link #withHiddenSize(int)} gives them zero
 * states of a network's hidden size before they go into a {@link Batch}.
 *
 * @param name a human-readable name ("noisy sine", a file name …)
 * @param train the training sequences (at least one)
 * @param validation the held-out sequences (possibly empty)
 * @param inputSize I, the width of every input row
 * @param outputSize O, the width of every target
 */
public record Dataset(String name, Sequence[] train, Sequence[] validation, int inputSize, int outputSize) {

    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        if (train.length == 0) {
            throw new IllegalArgumentException(name + ": no training sequences");
        }
        if (inputSize < 1 || outputSize < 1) {
            throw new IllegalArgumentException(name + ": sizes must be >= 1");
        }
    }

    /**
     * The same data with every sequence's initial states replaced by zero vectors of length
     * {@code hiddenSize} (one shared zero array; inputs and targets are shared, not copied).
     *
     * @param hiddenSize H of the network that will read the sequences
     * @return a new dataset; this one is unchanged
     */
    public Dataset withHiddenSize(int hiddenSize) {
        double[] zero = new double[hiddenSize];
        return new Dataset(name, withState(train, zero), withState(validation, zero), inputSize, outputSize);
    }

    private static Sequence[] withState(Sequence[] seqs, double[] zero) {
        Sequence[] out = new Sequence[seqs.length];
        for (int i = 0; i < seqs.length; i++) {
            out[i] = new Sequence(seqs[i].inputs(), seqs[i].targets(), zero, zero);
        }
        return out;
    }
}
