package org.unroll.engine;

import org.ejml.data.DMatrixRMaj;

/**
 * B sequences of the same length T, stacked for the engine: {@code x[t]} is B×I, {@code y[t]} is
 * B×O or null where no sequence of the batch has a target at step t (all sequences of a batch share
 * the target mask). Not modified by the engine.
 */
public final class Batch {
    final int length;
    final int size;
    final DMatrixRMaj[] x;
    final DMatrixRMaj[] y;
    final DMatrixRMaj h0;
    final DMatrixRMaj c0;

    private Batch(int length, int size, DMatrixRMaj[] x, DMatrixRMaj[] y, DMatrixRMaj h0, DMatrixRMaj c0) {
        this.length = length;
        this.size = size;
        this.x = x;
        this.y = y;
        this.h0 = h0;
        this.c0 = c0;
    }

    /** T. */
    public int length() {
        return length;
    }

    /** B. */
    public int size() {
        return size;
    }

    /** A batch of one sequence. {@code s} is not modified. */
    public static Batch of(Sequence s) {
        return of(new Sequence[] {s}, 0, 1, null);
    }

    /**
     * Stacks {@code count} sequences taken from {@code all} at positions {@code order[from..from+count)}
     * (or {@code from..from+count} when {@code order} is null). None is modified.
     *
     * @throws IllegalArgumentException if lengths or target masks differ
     */
    public static Batch of(Sequence[] all, int from, int count, int[] order) {
        Sequence first = all[order == null ? from : order[from]];
        int t = first.length();
        int in = first.inputs()[0].length;
        int hs = first.h0().length;
        int out = -1;
        for (double[] tg : first.targets()) {
            if (tg != null) {
                out = tg.length;
                break;
            }
        }
        DMatrixRMaj[] x = new DMatrixRMaj[t];
        DMatrixRMaj[] y = new DMatrixRMaj[t];
        for (int k = 0; k < t; k++) {
            x[k] = new DMatrixRMaj(count, in);
            if (first.targets()[k] != null) {
                y[k] = new DMatrixRMaj(count, out);
            }
        }
        DMatrixRMaj h0 = new DMatrixRMaj(count, hs);
        DMatrixRMaj c0 = new DMatrixRMaj(count, hs);
        for (int b = 0; b < count; b++) {
            Sequence s = all[order == null ? from + b : order[from + b]];
            if (s.length() != t) {
                throw new IllegalArgumentException("sequences of a batch must have the same length");
            }
            double[][] xs = s.inputs();
            double[][] ys = s.targets();
            for (int k = 0; k < t; k++) {
                if (in == 1) {
                    // one input (the sine, and the stepper's cases): a store, not a copy call
                    x[k].data[b] = xs[k][0];
                } else {
                    System.arraycopy(xs[k], 0, x[k].data, b * in, in);
                }
                if ((ys[k] == null) != (y[k] == null)) {
                    throw new IllegalArgumentException("sequences of a batch must share the target mask");
                }
                if (y[k] != null) {
                    if (out == 1) {
                        y[k].data[b] = ys[k][0];
                    } else {
                        System.arraycopy(ys[k], 0, y[k].data, b * out, out);
                    }
                }
            }
            System.arraycopy(s.h0(), 0, h0.data, b * hs, hs);
            if (s.c0() != null) {
                System.arraycopy(s.c0(), 0, c0.data, b * hs, hs);
            }
        }
        return new Batch(t, count, x, y, h0, c0);
    }

    /** Number of steps with a target (|S|). */
    public int targetCount() {
        int n = 0;
        for (DMatrixRMaj m : y) {
            if (m != null) {
                n++;
            }
        }
        return n;
    }
}
