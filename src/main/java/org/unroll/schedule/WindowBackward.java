package org.unroll.schedule;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.unroll.engine.Activation;
import org.unroll.engine.CellType;
import org.unroll.engine.ModelConfig;
import org.unroll.engine.Trace;
import org.unroll.engine.Weights;
import org.unroll.graph.Node;
import org.unroll.graph.NodeKind;

/**
 * Backpropagation through a range of steps [lo, hi], recomputed from a trace's forward values and
 * the weights: the errors of one truncated-BPTT window (∂E_s/∂· for the loss term s, through steps
 * s, s-1, …, s-k+1), which the trace does not keep. The same equations as the engine's, written
 * per element; with the range 1..T and every output error injected it reproduces full BPTT (the
 * tests check both). Immutable after construction.
 */
final class WindowBackward {

    private final ModelConfig cfg;
    private final CellType cell;
    private final Activation act;
    private final int hid;
    private final double[][] dq;
    private final double[][] wy;
    private final Map<String, double[][]> wh = new HashMap<>();
    private final Map<String, double[]> peep = new HashMap<>();
    private final Map<String, double[][]> fwd = new HashMap<>();
    private final double[][] hs;
    private final double[][] cs;

    /**
     * @param trace a trace with a backward pass (not modified)
     * @param w the weights of the forward pass (not modified; copied)
     */
    WindowBackward(Trace trace, Weights w) {
        this.cfg = trace.config();
        this.cell = cfg.cell();
        this.act = cfg.activation();
        this.hid = cfg.hiddenSize();
        this.dq = trace.delta("dq");
        this.wy = w.get("Wy");
        int steps = trace.length();
        hs = new double[steps + 1][];
        for (int t = 0; t <= steps; t++) {
            hs[t] = trace.hidden(t);
        }
        if (cell == CellType.LSTM) {
            cs = new double[steps + 1][];
            for (int t = 0; t <= steps; t++) {
                cs[t] = trace.cell(t);
            }
        } else {
            cs = null;
        }
        if (cell == CellType.RNN) {
            wh.put("", w.get("Wh"));
            fwd.put("p", trace.forward("p"));
        } else {
            for (String g : cell.gateNames()) {
                wh.put(g, w.get("Wh_" + g));
                fwd.put(g, trace.forward(g));
                fwd.put("pre_" + g, trace.forward("pre_" + g));
            }
        }
        if (cfg.peephole()) {
            for (String g : List.of("i", "f", "o")) {
                peep.put(g, w.getVector("p_" + g));
            }
        }
        if (cell == CellType.GRU && cfg.resetAfter()) {
            double[][] aux = new double[steps][];
            for (int t = 1; t <= steps; t++) {
                aux[t - 1] = trace.gruAux(t);
            }
            fwd.put("aux", aux);
        }
    }

    /** The errors of one backward run, by delta key and step. */
    static final class Result {
        final int lo;
        final int hi;
        /** key ("dh", "dc", "dp", "dpre_g") to an array indexed by step (null outside [lo, hi]). */
        final Map<String, double[][]> d = new HashMap<>();
        /** ∂/∂h(lo-1) and ∂/∂c(lo-1) through the range: dh0, dc0 when lo = 1. */
        double[] boundaryH;
        double[] boundaryC;

        Result(int lo, int hi) {
            this.lo = lo;
            this.hi = hi;
        }

        double[][] of(String key, int steps) {
            return d.computeIfAbsent(key, k -> new double[steps + 1][]);
        }

        /**
         * A node's error in this run, or null if outside it ({@code dq} is not recomputed: it is
         * the trace's).
         */
        double[] get(Node n) {
            String k = n.deltaKey();
            if (k == null) {
                return null;
            }
            int t = n.step();
            if (n.kind() == NodeKind.INITIAL_STATE) {
                double[] b = k.equals("dc0") ? boundaryC : boundaryH;
                return lo == 1 && b != null ? b.clone() : null;
            }
            double[][] a = d.get(k);
            return a == null || t >= a.length || a[t] == null ? null : a[t].clone();
        }
    }

    /**
     * Runs backward from step {@code hi} down to {@code lo}.
     *
     * @param lo first step (≥ 1)
     * @param hi last step (≤ T)
     * @param inject the steps whose output error e_o(t) enters (all for full BPTT, only s for
     *               the window of E_s)
     */
    Result run(int lo, int hi, IntPredicate inject) {
        int steps = dq.length;
        Result r = new Result(lo, hi);
        double[] dhNext = new double[hid];
        double[] dcNext = new double[hid];
        double[][] dh = r.of("dh", steps);
        for (int t = hi; t >= lo; t--) {
            double[] d = dhNext.clone();
            if (inject.test(t)) {
                double[] e = dq[t - 1];
                for (int o = 0; o < e.length; o++) {
                    for (int j = 0; j < hid; j++) {
                        d[j] += wy[o][j] * e[o];
                    }
                }
            }
            dh[t] = d;
            switch (cell) {
                case RNN -> dhNext = rnn(r, t, d);
                case LSTM -> {
                    double[][] pair = lstm(r, t, d, dcNext);
                    dhNext = pair[0];
                    dcNext = pair[1];
                }
                case GRU -> dhNext = gru(r, t, d);
                default -> throw new IllegalStateException();
            }
        }
        r.boundaryH = dhNext;
        if (cell == CellType.LSTM) {
            r.boundaryC = dcNext;
        }
        return r;
    }

    private double[] rnn(Result r, int t, double[] dh) {
        double[] p = fwd.get("p")[t - 1];
        double[] h = hs[t];
        double[] dp = new double[hid];
        for (int j = 0; j < hid; j++) {
            dp[j] = dh[j] * act.derivative(p[j], h[j]);
        }
        r.of("dp", dq.length)[t] = dp;
        return mulT(wh.get(""), dp, new double[hid]);
    }

    private double[][] lstm(Result r, int t, double[] dh, double[] dcNext) {
        int steps = dq.length;
        double[] ig = fwd.get("i")[t - 1];
        double[] fg = fwd.get("f")[t - 1];
        double[] og = fwd.get("o")[t - 1];
        double[] ag = fwd.get("a")[t - 1];
        double[] pa = fwd.get("pre_a")[t - 1];
        double[] c = cs[t];
        double[] cp = cs[t - 1];
        double[] dpi = new double[hid];
        double[] dpf = new double[hid];
        double[] dpo = new double[hid];
        double[] dpa = new double[hid];
        double[] dc = new double[hid];
        double[] carry = new double[hid];
        boolean ph = cfg.peephole();
        for (int j = 0; j < hid; j++) {
            double ac = act.apply(c[j]);
            dpo[j] = dh[j] * ac * og[j] * (1 - og[j]);
            double dcv = dh[j] * og[j] * act.derivative(c[j], ac) + dcNext[j];
            if (ph) {
                dcv += dpo[j] * peep.get("o")[j];
            }
            dc[j] = dcv;
            dpi[j] = dcv * ag[j] * ig[j] * (1 - ig[j]);
            dpf[j] = dcv * cp[j] * fg[j] * (1 - fg[j]);
            dpa[j] = dcv * ig[j] * act.derivative(pa[j], ag[j]);
            carry[j] = dcv * fg[j] + (ph ? dpi[j] * peep.get("i")[j] + dpf[j] * peep.get("f")[j] : 0.0);
        }
        r.of("dc", steps)[t] = dc;
        r.of("dpre_i", steps)[t] = dpi;
        r.of("dpre_f", steps)[t] = dpf;
        r.of("dpre_o", steps)[t] = dpo;
        r.of("dpre_a", steps)[t] = dpa;
        double[] next = new double[hid];
        mulT(wh.get("i"), dpi, next);
        mulT(wh.get("f"), dpf, next);
        mulT(wh.get("o"), dpo, next);
        mulT(wh.get("a"), dpa, next);
        return new double[][] {next, carry};
    }

    private double[] gru(Result r, int t, double[] dh) {
        int steps = dq.length;
        double[] rg = fwd.get("r")[t - 1];
        double[] zg = fwd.get("z")[t - 1];
        double[] ag = fwd.get("a")[t - 1];
        double[] pa = fwd.get("pre_a")[t - 1];
        double[] hp = hs[t - 1];
        double[] dpr = new double[hid];
        double[] dpz = new double[hid];
        double[] dpa = new double[hid];
        for (int j = 0; j < hid; j++) {
            dpz[j] = dh[j] * (hp[j] - ag[j]) * zg[j] * (1 - zg[j]);
            dpa[j] = dh[j] * (1 - zg[j]) * act.derivative(pa[j], ag[j]);
        }
        double[] next = new double[hid];
        if (!cfg.resetAfter()) {
            double[] drh = mulT(wh.get("a"), dpa, new double[hid]);
            for (int j = 0; j < hid; j++) {
                dpr[j] = drh[j] * hp[j] * rg[j] * (1 - rg[j]);
                next[j] = dh[j] * zg[j] + drh[j] * rg[j];
            }
        } else {
            double[] aux = fwd.get("aux")[t - 1];
            double[] dhha = new double[hid];
            for (int j = 0; j < hid; j++) {
                dpr[j] = dpa[j] * aux[j] * rg[j] * (1 - rg[j]);
                dhha[j] = dpa[j] * rg[j];
                next[j] = dh[j] * zg[j];
            }
            mulT(wh.get("a"), dhha, next);
        }
        mulT(wh.get("r"), dpr, next);
        mulT(wh.get("z"), dpz, next);
        r.of("dpre_r", steps)[t] = dpr;
        r.of("dpre_z", steps)[t] = dpz;
        r.of("dpre_a", steps)[t] = dpa;
        return next;
    }

    /** out += mᵀ v, for m in case shape (rows × cols, v of length rows). */
    private static double[] mulT(double[][] m, double[] v, double[] out) {
        for (int r = 0; r < m.length; r++) {
            double vr = v[r];
            double[] row = m[r];
            for (int c = 0; c < row.length; c++) {
                out[c] += row[c] * vr;
            }
        }
        return out;
    }
}
