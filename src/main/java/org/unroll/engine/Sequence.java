package org.unroll.engine;

/**
 * One input sequence with its targets and initial state, as a case file holds it. Immutable by
 * convention: the arrays are never modified by the engine; callers must not modify them either.
 *
 * @param inputs T×I
 * @param targets T entries, each null (no loss at that step) or a vector of length O
 * @param h0 initial hidden state (length H)
 * @param c0 initial cell state (length H; zeros for RNN and GRU)
 */
public record Sequence(double[][] inputs, double[][] targets, double[] h0, double[] c0) {

    /** T, the number of time steps. */
    public int length() {
        return inputs.length;
    }

    /** A sequence with zero initial states. */
    public static Sequence of(double[][] inputs, double[][] targets, int hiddenSize) {
        return new Sequence(inputs, targets, new double[hiddenSize], new double[hiddenSize]);
    }

    /** Whether step t (0-based) has a target. */
    public boolean hasTarget(int t) {
        return targets[t] != null;
    }
}
