package org.unroll.engine;

import java.util.Map;

/**
 * The errors of one backward run through steps lo..hi ({@link Bptt#backwardWindow}): per delta
 * quantity an array indexed by step t (null outside [lo, hi]), and what flows out of the range
 * into h(lo − 1) and c(lo − 1) — dh0 and dc0 when lo = 1. Immutable: every getter copies.
 */
public final class WindowErrors {

    private final int lo;
    private final int hi;
    private final Map<Quantity, double[][]> errors;
    private final double[] boundaryH;
    private final double[] boundaryC;

    WindowErrors(int lo, int hi, Map<Quantity, double[][]> errors, double[] boundaryH, double[] boundaryC) {
        this.lo = lo;
        this.hi = hi;
        this.errors = Map.copyOf(errors);
        this.boundaryH = boundaryH;
        this.boundaryC = boundaryC;
    }

    public int lo() {
        return lo;
    }

    public int hi() {
        return hi;
    }

    /** A quantity's error at step t, a copy, or null when outside the range or not computed. */
    public double[] get(Quantity q, int t) {
        double[][] a = errors.get(q);
        return a == null || t < lo || t > hi || a[t] == null ? null : a[t].clone();
    }

    /** ∂/∂h(lo − 1) through the range (a copy). */
    public double[] boundaryH() {
        return boundaryH.clone();
    }

    /** ∂/∂c(lo − 1) through the range (a copy), or null without a cell state. */
    public double[] boundaryC() {
        return boundaryC == null ? null : boundaryC.clone();
    }
}
