package org.unroll.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * Every per-step quantity of one sequence through one network: the forward values, the errors of
 * BPTT, and the parameter gradients, keyed by {@link Quantity} (parameters by their case names);
 * which quantities there are is the {@link Cell}'s to say. Immutable: every array
 * handed out is a copy, so a trace can be passed to another thread as a snapshot.
 *
 * <p>Per-step arrays are T×dim: row {@code t-1} holds time step {@code t}.
 */
public final class Trace {

    private final ModelConfig config;
    private final Cell cell;
    private final LossKind lossKind;
    private final int length;
    private final double loss;
    private final Integer truncate;
    private final boolean hasBackward;
    private final double[][] inputs;
    private final double[][] targets;
    private final double[] h0;
    private final double[] c0;
    private final Map<Quantity, double[][]> forward;
    private final Map<Quantity, double[][]> deltas;
    private final Map<Quantity, double[]> initialDeltas;
    private final Map<String, double[][]> grads;

    private Trace(Builder b) {
        this.config = b.config;
        this.cell = b.cell;
        this.lossKind = b.lossKind;
        this.length = b.length;
        this.loss = b.loss;
        this.truncate = b.truncate;
        this.hasBackward = b.hasBackward;
        this.inputs = b.inputs;
        this.targets = b.targets;
        this.h0 = b.h0;
        this.c0 = b.c0;
        this.forward = Collections.unmodifiableMap(b.forward);
        this.deltas = Collections.unmodifiableMap(b.deltas);
        this.initialDeltas = Collections.unmodifiableMap(b.initialDeltas);
        this.grads = Collections.unmodifiableMap(b.grads);
    }

    private static final class Builder {
        ModelConfig config;
        Cell cell;
        LossKind lossKind;
        int length;
        double loss;
        Integer truncate;
        boolean hasBackward;
        double[][] inputs;
        double[][] targets;
        double[] h0;
        double[] c0;
        final Map<Quantity, double[][]> forward = new LinkedHashMap<>(); // the cell's order: the case format's
        final Map<Quantity, double[][]> deltas = new LinkedHashMap<>();
        final Map<Quantity, double[]> initialDeltas = new LinkedHashMap<>();
        final Map<String, double[][]> grads = new LinkedHashMap<>();
    }

    /** Rows {@code seq} of matrices m[offset..offset+T), columns [from, from+width). */
    private static double[][] rows(DMatrixRMaj[] m, int offset, int len, int seq, int from, int width) {
        double[][] r = new double[len][width];
        for (int k = 0; k < len; k++) {
            DMatrixRMaj x = m[k + offset];
            System.arraycopy(x.data, seq * x.numCols + from, r[k], 0, width);
        }
        return r;
    }

    private static double[] row(DMatrixRMaj m, int seq) {
        double[] r = new double[m.numCols];
        System.arraycopy(m.data, seq * m.numCols, r, 0, m.numCols);
        return r;
    }

    static Trace capture(Bptt e, int seq) {
        ModelConfig cfg = e.config();
        Cell cell = e.cell();
        int tn = e.lastLength();
        if (seq < 0 || seq >= e.lastBatchSize()) {
            throw new IllegalArgumentException("no sequence " + seq + " in the batch");
        }
        Builder b = new Builder();
        b.config = cfg;
        b.cell = cell;
        b.lossKind = e.lossKind();
        b.length = tn;
        b.loss = e.loss();
        b.hasBackward = e.backwardDone();
        b.truncate = e.lastTruncate();
        Batch batch = e.lastBatch();
        b.inputs = rows(batch.x, 0, tn, seq, 0, cfg.inputSize());
        b.targets = new double[tn][];
        for (int k = 0; k < tn; k++) {
            if (batch.y[k] != null) {
                b.targets[k] = row(batch.y[k], seq);
            }
        }
        b.h0 = row(batch.h0, seq);
        b.c0 = row(batch.c0, seq);
        for (Quantity q : cell.forwardQuantities()) {
            b.forward.put(q, e.rowsOf(q, seq));
        }
        if (b.hasBackward) {
            boolean full = b.truncate == null;
            for (Quantity q : cell.deltaQuantities(full)) {
                b.deltas.put(q, e.rowsOf(q, seq));
            }
            if (full) {
                b.initialDeltas.put(Quantity.DH0, row(e.initialHiddenError(), seq));
                if (cfg.hasCellState()) {
                    b.initialDeltas.put(Quantity.DC0, row(e.initialCellError(), seq));
                }
            }
            Weights g = e.lastGrad();
            for (ParamSpec p : g.layout().params()) {
                b.grads.put(p.name(), g.get(p.name()));
            }
        }
        return new Trace(b);
    }

    public ModelConfig config() {
        return config;
    }

    public LossKind lossKind() {
        return lossKind;
    }

    /** T. */
    public int length() {
        return length;
    }

    /** E for this sequence's batch (for a single sequence, its loss). */
    public double loss() {
        return loss;
    }

    /** k of truncated BPTT, or null for full BPTT. */
    public Integer truncate() {
        return truncate;
    }

    /** Whether BPTT was run (deltas and gradients present). */
    public boolean hasBackward() {
        return hasBackward;
    }

    /** Whether the per-step deltas of full BPTT (dh, dc, dh0, dc0) are present. */
    public boolean hasFullDeltas() {
        return hasBackward && truncate == null;
    }

    /** The cell's definition (what it records, its gradient rules). */
    public Cell cell() {
        return cell;
    }

    /** The forward quantities present that the case format names, in its order. */
    public List<Quantity> forwardQuantities() {
        return forward.keySet().stream().filter(Quantity::inCase).toList();
    }

    /** The per-step error quantities present that the case format names. */
    public List<Quantity> deltaQuantities() {
        return deltas.keySet().stream().filter(Quantity::inCase).toList();
    }

    /** The case keys of {@link #forwardQuantities()}, for case files. */
    public List<String> forwardKeys() {
        return forwardQuantities().stream().map(Quantity::key).toList();
    }

    /** The case keys of {@link #deltaQuantities()}, for case files. */
    public List<String> deltaKeys() {
        return deltaQuantities().stream().map(Quantity::key).toList();
    }

    /** The parameter names with gradients, in case order. */
    public List<String> gradKeys() {
        return List.copyOf(grads.keySet());
    }

    /** Whether this trace holds a quantity (forward, per-step error or initial error). */
    public boolean has(Quantity q) {
        return forward.containsKey(q) || deltas.containsKey(q) || initialDeltas.containsKey(q);
    }

    /** A forward quantity, T×dim (a copy). */
    public double[][] forward(Quantity q) {
        return copy(require(forward, q));
    }

    /** A forward quantity at step t (1-based), a copy. */
    public double[] forward(Quantity q, int t) {
        return require(forward, q)[t - 1].clone();
    }

    /** A per-step error, T×dim (a copy). */
    public double[][] delta(Quantity q) {
        return copy(require(deltas, q));
    }

    /** A per-step error at step t (1-based), a copy. */
    public double[] delta(Quantity q, int t) {
        return require(deltas, q)[t - 1].clone();
    }

    /** dh0 or dc0 (a copy), or null when absent. */
    public double[] initialDelta(Quantity q) {
        double[] v = initialDeltas.get(q);
        return v == null ? null : v.clone();
    }

    /** A parameter's gradient in case shape (vectors as n×1), a copy. */
    public double[][] grad(String name) {
        return copy(require(grads, name));
    }

    /** x(t), t 1-based, a copy. */
    public double[] input(int t) {
        return inputs[t - 1].clone();
    }

    /** The target at step t (1-based), or null. */
    public double[] target(int t) {
        return targets[t - 1] == null ? null : targets[t - 1].clone();
    }

    public double[] h0() {
        return h0.clone();
    }

    public double[] c0() {
        return c0.clone();
    }

    /** h(t) for t = 0..T. */
    public double[] hidden(int t) {
        return t == 0 ? h0.clone() : forward(Quantity.H, t);
    }

    /** c(t) for t = 0..T (LSTM). */
    public double[] cell(int t) {
        return t == 0 ? c0.clone() : forward(Quantity.C, t);
    }

    /** A forward quantity at step t of 0..T, with x(t) and the initial states h(0), c(0). */
    private double[] at(Quantity q, int t) {
        return switch (q) {
            case X -> input(t);
            case H -> hidden(t);
            case C -> cell(t);
            default -> forward(q, t);
        };
    }

    /**
     * The term that step t adds to a shared parameter's gradient (the book's e_h(t) x(t)ᵀ and its
     * kin), in case shape, by the cell's {@linkplain Cell#rule gradient rule}. Summed over
     * t = 1..T these give {@link #grad(String)} (for a trace of a single sequence).
     */
    public double[][] gradientTerm(String name, int t) {
        if (!hasBackward) {
            throw new IllegalStateException("no backward pass in this trace");
        }
        GradientRule r = cell.rule(name);
        if (r == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        double[] d = require(deltas, r.delta())[t - 1];
        return switch (r.kind()) {
            case OUTER -> outer(d, at(r.input(), t + r.shift()));
            case SUM -> column(d);
            case DIAGONAL -> {
                double[] u = at(r.input(), t + r.shift());
                double[][] m = new double[d.length][1];
                for (int j = 0; j < d.length; j++) {
                    m[j][0] = d[j] * u[j];
                }
                yield m;
            }
        };
    }

    /**
     * The first quantity holding a NaN or an infinity, as {@code "forward.h[3][1]"}, or null when
     * every number is finite (an overflow shows here before it reaches a file or the screen).
     */
    public String firstNonFinite() {
        if (!Double.isFinite(loss)) {
            return "loss";
        }
        for (Map.Entry<String, Map<?, double[][]>> part : List.<Map.Entry<String, Map<?, double[][]>>>of(
                Map.entry("forward", forward), Map.entry("deltas", deltas), Map.entry("grads", grads))) {
            for (Map.Entry<?, double[][]> e : part.getValue().entrySet()) {
                double[][] m = e.getValue();
                for (int r = 0; r < m.length; r++) {
                    for (int c = 0; c < m[r].length; c++) {
                        if (!Double.isFinite(m[r][c])) {
                            Object k = e.getKey();
                            return part.getKey() + "." + (k instanceof Quantity q ? q.key() : k) + "[" + r + "][" + c + "]";
                        }
                    }
                }
            }
        }
        for (Map.Entry<Quantity, double[]> e : initialDeltas.entrySet()) {
            for (int j = 0; j < e.getValue().length; j++) {
                if (!Double.isFinite(e.getValue()[j])) {
                    return "deltas." + e.getKey().key() + "[" + j + "]";
                }
            }
        }
        return null;
    }

    /** The memory the trace's arrays take, in bytes (8 per number, headers not counted). */
    public long sizeInBytes() {
        long n = 0;
        for (Map<?, double[][]> m : List.<Map<?, double[][]>>of(forward, deltas, grads)) {
            for (double[][] a : m.values()) {
                n += count(a);
            }
        }
        for (double[] v : initialDeltas.values()) {
            n += v.length;
        }
        n += count(inputs) + count(targets) + h0.length + c0.length;
        return 8 * n;
    }

    private static long count(double[][] a) {
        long n = 0;
        if (a != null) {
            for (double[] r : a) {
                n += r == null ? 0 : r.length;
            }
        }
        return n;
    }

    private static double[][] outer(double[] a, double[] b) {
        double[][] r = new double[a.length][b.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                r[i][j] = a[i] * b[j];
            }
        }
        return r;
    }

    private static double[][] column(double[] v) {
        double[][] r = new double[v.length][1];
        for (int i = 0; i < v.length; i++) {
            r[i][0] = v[i];
        }
        return r;
    }

    private static double[][] require(Map<String, double[][]> m, String key) {
        double[][] v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no " + key + " in this trace");
        }
        return v;
    }

    private static double[][] copy(double[][] m) {
        double[][] r = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            r[i] = m[i] == null ? null : m[i].clone();
        }
        return r;
    }

    private static <V> V require(Map<Quantity, V> m, Quantity key) {
        V v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no " + key.key() + " in this trace");
        }
        return v;
    }
}
