package org.unroll.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * Every per-step quantity of one sequence through one network: the forward values, the errors of
 * BPTT, and the parameter gradients, keyed as the case format keys them. Immutable: every array
 * handed out is a copy, so a trace can be passed to another thread as a snapshot.
 *
 * <p>Per-step arrays are T×dim: row {@code t-1} holds time step {@code t}.
 */
public final class Trace {

    private final ModelConfig config;
    private final LossKind lossKind;
    private final int length;
    private final double loss;
    private final Integer truncate;
    private final boolean hasBackward;
    private final double[][] inputs;
    private final double[][] targets;
    private final double[] h0;
    private final double[] c0;
    private final Map<String, double[][]> forward;
    private final Map<String, double[][]> deltas;
    private final Map<String, double[]> initialDeltas;
    private final Map<String, double[][]> grads;
    private final double[][] aux;
    private final double[][] daux;

    private Trace(Builder b) {
        this.config = b.config;
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
        this.aux = b.aux;
        this.daux = b.daux;
    }

    private static final class Builder {
        ModelConfig config;
        LossKind lossKind;
        int length;
        double loss;
        Integer truncate;
        boolean hasBackward;
        double[][] inputs;
        double[][] targets;
        double[] h0;
        double[] c0;
        final Map<String, double[][]> forward = new LinkedHashMap<>();
        final Map<String, double[][]> deltas = new LinkedHashMap<>();
        final Map<String, double[]> initialDeltas = new LinkedHashMap<>();
        final Map<String, double[][]> grads = new LinkedHashMap<>();
        double[][] aux;
        double[][] daux;
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
        int tn = e.lastLength();
        if (seq < 0 || seq >= e.lastBatchSize()) {
            throw new IllegalArgumentException("no sequence " + seq + " in the batch");
        }
        int hh = cfg.hiddenSize();
        int out = cfg.outputSize();
        Builder b = new Builder();
        b.config = cfg;
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
        b.forward.put("h", rows(e.hidden(), 1, tn, seq, 0, hh));
        b.forward.put("q", rows(e.outputsQ(), 0, tn, seq, 0, out));
        b.forward.put("y", rows(e.outputsY(), 0, tn, seq, 0, out));
        List<String> gates = cfg.cell().gateNames();
        switch (cfg.cell()) {
            case RNN -> b.forward.put("p", rows(e.preActivations(), 0, tn, seq, 0, hh));
            case LSTM -> {
                b.forward.put("c", rows(e.cells(), 1, tn, seq, 0, hh));
                for (int g = 0; g < 4; g++) {
                    b.forward.put(gates.get(g), rows(e.gates(), 0, tn, seq, g * hh, hh));
                }
                for (int g = 0; g < 4; g++) {
                    b.forward.put("pre_" + gates.get(g), rows(e.preActivations(), 0, tn, seq, g * hh, hh));
                }
            }
            case GRU -> {
                for (int g = 0; g < 3; g++) {
                    b.forward.put(gates.get(g), rows(e.gates(), 0, tn, seq, g * hh, hh));
                }
                for (int g = 0; g < 3; g++) {
                    b.forward.put("pre_" + gates.get(g), rows(e.preActivations(), 0, tn, seq, g * hh, hh));
                }
                b.aux = rows(e.auxiliary(), 0, tn, seq, 0, hh);
            }
            default -> throw new IllegalStateException();
        }
        if (b.hasBackward) {
            b.deltas.put("dq", rows(e.outputErrors(), 0, tn, seq, 0, out));
            boolean full = b.truncate == null;
            if (full) {
                b.deltas.put("dh", rows(e.hiddenErrors(), 0, tn, seq, 0, hh));
            }
            switch (cfg.cell()) {
                case RNN -> b.deltas.put("dp", rows(e.preErrors(), 0, tn, seq, 0, hh));
                case LSTM -> {
                    if (full) {
                        b.deltas.put("dc", rows(e.cellErrors(), 0, tn, seq, 0, hh));
                    }
                    for (int g = 0; g < 4; g++) {
                        b.deltas.put("dpre_" + gates.get(g), rows(e.preErrors(), 0, tn, seq, g * hh, hh));
                    }
                }
                case GRU -> {
                    for (int g = 0; g < 3; g++) {
                        b.deltas.put("dpre_" + gates.get(g), rows(e.preErrors(), 0, tn, seq, g * hh, hh));
                    }
                    b.daux = rows(e.auxErrors(), 0, tn, seq, 0, hh);
                }
                default -> throw new IllegalStateException();
            }
            if (full) {
                b.initialDeltas.put("dh0", row(e.initialHiddenError(), seq));
                if (cfg.cell() == CellType.LSTM) {
                    b.initialDeltas.put("dc0", row(e.initialCellError(), seq));
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

    /** The forward keys present, in the case format's order. */
    public List<String> forwardKeys() {
        return List.copyOf(forward.keySet());
    }

    /** The per-step delta keys present. */
    public List<String> deltaKeys() {
        return List.copyOf(deltas.keySet());
    }

    /** The parameter names with gradients, in case order. */
    public List<String> gradKeys() {
        return List.copyOf(grads.keySet());
    }

    /** A forward quantity, T×dim (a copy). */
    public double[][] forward(String key) {
        return copy(require(forward, key));
    }

    /** A forward quantity at step t (1-based), a copy. */
    public double[] forward(String key, int t) {
        return require(forward, key)[t - 1].clone();
    }

    /** A per-step delta, T×dim (a copy). */
    public double[][] delta(String key) {
        return copy(require(deltas, key));
    }

    /** A per-step delta at step t (1-based), a copy. */
    public double[] delta(String key, int t) {
        return require(deltas, key)[t - 1].clone();
    }

    /** dh0 or dc0 (a copy), or null when absent. */
    public double[] initialDelta(String key) {
        double[] v = initialDeltas.get(key);
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
        return t == 0 ? h0.clone() : forward("h", t);
    }

    /** c(t) for t = 0..T (LSTM). */
    public double[] cell(int t) {
        return t == 0 ? c0.clone() : forward("c", t);
    }

    /**
     * GRU only: the vector the recurrent weight Wh_a multiplies or produces at step t — r(t)⊙h(t-1)
     * when resetAfter is false, Wh_a h(t-1) + bh_a when it is true.
     */
    public double[] gruAux(int t) {
        return aux[t - 1].clone();
    }

    /**
     * The term that step t adds to a shared parameter's gradient (the book's e_h(t) x(t)ᵀ and its
     * kin), in case shape. Summed over t = 1..T these give {@link #grad(String)} (for a trace of a
     * single sequence).
     */
    public double[][] gradientTerm(String name, int t) {
        if (!hasBackward) {
            throw new IllegalStateException("no backward pass in this trace");
        }
        ParamLayout lay = ParamLayout.of(config);
        ParamSpec spec = lay.param(name);
        if (spec == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        int k = t - 1;
        if (name.equals("Wy")) {
            return outer(deltas.get("dq")[k], forward.get("h")[k]);
        }
        if (name.equals("by")) {
            return column(deltas.get("dq")[k]);
        }
        String gate = name.contains("_") ? name.substring(name.indexOf('_') + 1) : "";
        double[] dp = switch (config.cell()) {
            case RNN -> deltas.get("dp")[k];
            default -> name.equals("bh_a") ? daux[k] : deltas.get("dpre_" + gate)[k];
        };
        if (name.startsWith("Wx")) {
            return outer(dp, inputs[k]);
        }
        if (name.startsWith("Wh")) {
            if (config.cell() == CellType.GRU && gate.equals("a")) {
                return config.resetAfter() ? outer(daux[k], hidden(t - 1)) : outer(dp, aux[k]);
            }
            return outer(dp, hidden(t - 1));
        }
        if (name.startsWith("b")) {
            return column(dp);
        }
        if (name.startsWith("p_")) {
            double[] cc = gate.equals("o") ? cell(t) : cell(t - 1);
            double[][] r = new double[dp.length][1];
            for (int j = 0; j < dp.length; j++) {
                r[j][0] = dp[j] * cc[j];
            }
            return r;
        }
        throw new IllegalArgumentException("no per-step term for " + name);
    }

    /**
     * The first quantity holding a NaN or an infinity, as {@code "forward.h[3][1]"}, or null when
     * every number is finite (an overflow shows here before it reaches a file or the screen).
     */
    public String firstNonFinite() {
        if (!Double.isFinite(loss)) {
            return "loss";
        }
        for (Map.Entry<String, Map<String, double[][]>> part : List.of(Map.entry("forward", forward),
                Map.entry("deltas", deltas), Map.entry("grads", grads))) {
            for (Map.Entry<String, double[][]> e : part.getValue().entrySet()) {
                double[][] m = e.getValue();
                for (int r = 0; r < m.length; r++) {
                    for (int c = 0; c < m[r].length; c++) {
                        if (!Double.isFinite(m[r][c])) {
                            return part.getKey() + "." + e.getKey() + "[" + r + "][" + c + "]";
                        }
                    }
                }
            }
        }
        for (Map.Entry<String, double[]> e : initialDeltas.entrySet()) {
            for (int j = 0; j < e.getValue().length; j++) {
                if (!Double.isFinite(e.getValue()[j])) {
                    return "deltas." + e.getKey() + "[" + j + "]";
                }
            }
        }
        return null;
    }

    /** The memory the trace's arrays take, in bytes (8 per number, headers not counted). */
    public long sizeInBytes() {
        long n = 0;
        for (Map<String, double[][]> m : List.of(forward, deltas, grads)) {
            for (double[][] a : m.values()) {
                n += count(a);
            }
        }
        for (double[] v : initialDeltas.values()) {
            n += v.length;
        }
        n += count(inputs) + count(targets) + count(aux) + count(daux) + h0.length + c0.length;
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

    private static double[][] copy(double[][] m) {
        double[][] r = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            r[i] = m[i] == null ? null : m[i].clone();
        }
        return r;
    }

    private static <V> V require(Map<String, V> m, String key) {
        V v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no " + key + " in this trace");
        }
        return v;
    }
}
