package org.unroll.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The LSTM, gates in fused block order i, f, o, a (a = the candidate):
 * <pre>
 * i = gate(pre_i),  pre_i = Wx_i x + Wh_i h(t−1) + b_i [+ p_i ⊙ c(t−1)]
 * f = gate(pre_f),  pre_f = Wx_f x + Wh_f h(t−1) + b_f [+ p_f ⊙ c(t−1)]
 * a = f(pre_a),     pre_a = Wx_a x + Wh_a h(t−1) + b_a
 * c = i ⊙ a + f ⊙ c(t−1)
 * o = gate(pre_o),  pre_o = Wx_o x + Wh_o h(t−1) + b_o [+ p_o ⊙ c(t)]
 * h = o ⊙ f(c)
 * </pre>
 * Back, per unit: δo = ∂E/∂h ⊙ f(c) ⊙ gate′(pre_o); e_c = ∂E/∂h ⊙ o ⊙ f′(c) + e_c(t+1)-part
 * [+ δo ⊙ p_o]; δi = e_c ⊙ a ⊙ gate′(pre_i); δf = e_c ⊙ c(t−1) ⊙ gate′(pre_f);
 * δa = e_c ⊙ i ⊙ f′(pre_a); to step t−1: e_c ⊙ f [+ δi ⊙ p_i + δf ⊙ p_f] and Σ_g Wh_gᵀ δg.
 */
final class LstmCell extends GatedCell {

    private static final List<Quantity> GATES = List.of(Quantity.I, Quantity.F, Quantity.O, Quantity.A);
    private static final List<Quantity> PRES = List.of(Quantity.PRE_I, Quantity.PRE_F, Quantity.PRE_O, Quantity.PRE_A);
    private static final List<Quantity> DPRES =
            List.of(Quantity.DPRE_I, Quantity.DPRE_F, Quantity.DPRE_O, Quantity.DPRE_A);

    LstmCell(ModelConfig cfg) {
        super(cfg, GATES, PRES);
    }

    @Override
    public List<Quantity> forwardQuantities() {
        List<Quantity> q = new ArrayList<>(List.of(Quantity.H, Quantity.Q, Quantity.Y, Quantity.C));
        q.addAll(GATES);
        q.addAll(PRES);
        return q;
    }

    @Override
    public List<Quantity> deltaQuantities(boolean full) {
        List<Quantity> q = new ArrayList<>(full ? List.of(Quantity.DQ, Quantity.DH, Quantity.DC) : List.of(Quantity.DQ));
        q.addAll(DPRES);
        return q;
    }

    @Override
    public List<Quantity> stepQuantities() {
        List<Quantity> q = new ArrayList<>(PRES);
        q.addAll(GATES);
        q.add(Quantity.C);
        q.add(Quantity.H);
        return q;
    }

    @Override
    public List<Wire> wiring() {
        List<Wire> w = new ArrayList<>();
        String[] names = {"i", "f", "o", "a"};
        for (int g = 0; g < 4; g++) {
            affineWires(w, names[g], PRES.get(g));
        }
        if (cfg.peephole()) {
            w.add(Wire.prev(Quantity.C, "p_i", Quantity.PRE_I));
            w.add(Wire.prev(Quantity.C, "p_f", Quantity.PRE_F));
            w.add(Wire.in(Quantity.C, "p_o", Quantity.PRE_O));
        }
        for (int g = 0; g < 4; g++) {
            w.add(Wire.plain(PRES.get(g), GATES.get(g)));
        }
        w.add(Wire.plain(Quantity.I, Quantity.C));
        w.add(Wire.plain(Quantity.A, Quantity.C));
        w.add(Wire.plain(Quantity.F, Quantity.C));
        w.add(new Wire(Quantity.C, -1, null, Quantity.C));
        w.add(Wire.plain(Quantity.C, Quantity.H));
        w.add(Wire.plain(Quantity.O, Quantity.H));
        return w;
    }

    @Override
    public List<String> parameterGates() {
        return List.of("i", "f", "o", "a");
    }

    @Override
    public ExtraBlock extraBlock() {
        return cfg.peephole() ? new ExtraBlock("p", List.of("p_i", "p_f", "p_o")) : null;
    }

    @Override
    List<GradientRule> cellRules() {
        List<GradientRule> r = new ArrayList<>();
        String[] names = {"i", "f", "o", "a"};
        for (int g = 0; g < 4; g++) {
            affineRules(r, names[g], DPRES.get(g));
        }
        if (cfg.peephole()) {
            // i and f read c(t−1); o reads c(t)
            r.add(GradientRule.diagonal("p_i", Quantity.DPRE_I, Quantity.C, -1));
            r.add(GradientRule.diagonal("p_f", Quantity.DPRE_F, Quantity.C, -1));
            r.add(GradientRule.diagonal("p_o", Quantity.DPRE_O, Quantity.C, 0));
        }
        return r;
    }

    @Override
    Slot cellSlot(Quantity q) {
        return switch (q) {
            case C -> new Slot(Workspace.Field.C, 1, 0, hid);
            case DC -> new Slot(Workspace.Field.DC, 0, 0, hid);
            case I, F, O, A -> new Slot(Workspace.Field.GATE, 0, GATES.indexOf(q) * hid, hid);
            case PRE_I, PRE_F, PRE_O, PRE_A -> new Slot(Workspace.Field.PRE, 0, PRES.indexOf(q) * hid, hid);
            case DPRE_I, DPRE_F, DPRE_O, DPRE_A -> new Slot(Workspace.Field.DPRE, 0, DPRES.indexOf(q) * hid, hid);
            default -> null;
        };
    }

    @Override
    void prepareForward(Workspace ws, Weights w) {
        ws.whRows.copyOf(w.block(1));
        ws.bias = w.block(2).data;
        ws.extra = cfg.peephole() ? w.block(w.layout().extraBlock()).data : null;
    }

    /**
     * Whether a step runs the batched path (ADR 0035): σ gates, tanh, no peepholes, and at least
     * {@link Kernels#BLAS_MIN_ROWS} rows (never a batch-1 path, whose bits stay as they were).
     */
    private boolean batched(Workspace ws) {
        return sigmoidGates && act == Activation.TANH && !cfg.peephole() && ws.b >= Kernels.BLAS_MIN_ROWS;
    }

    @Override
    boolean addsInput(Workspace ws) {
        return batched(ws);
    }

    @Override
    boolean backwardReadsPre(Workspace ws) {
        return !batched(ws);
    }

    @Override
    void forward(Workspace ws, int k) {
        boolean sig = sigmoidGates;
        var p = ws.pre[k];
        int gh = ws.gh;
        if (batched(ws)) {
            Kernels.mult(ws.h[k], ws.whRows, p, false, ws.tmpRow);
            addInputAndBias(ws, k);
            forwardBatched(ws, k);
            return;
        }
        Kernels.mult(ws.h[k], ws.whRows, p, true, ws.tmpRow);
        addBias(p.data, ws.bias, ws.b, gh);
        double[] pd = p.data;
        double[] gd = ws.gate[k].data;
        double[] cp = ws.c[k].data;
        double[] cn = ws.c[k + 1].data;
        double[] ac = ws.actC[k].data;
        double[] hn = ws.h[k + 1].data;
        double[] peep = ws.extra;
        int hh = hid;
        for (int b = 0; b < ws.b; b++) {
            int o = b * gh;
            int s = b * hh;
            for (int j = 0; j < hh; j++) {
                double cprev = cp[s + j];
                double pi = pd[o + j];
                double pf = pd[o + hh + j];
                if (peep != null) {
                    pi += peep[j] * cprev;
                    pf += peep[hh + j] * cprev;
                    pd[o + j] = pi;
                    pd[o + hh + j] = pf;
                }
                double ig = (sig ? Activation.sigmoid(pi) : gateFn.apply(pi));
                double fg = (sig ? Activation.sigmoid(pf) : gateFn.apply(pf));
                double ag = act.apply(pd[o + 3 * hh + j]);
                double cc = ig * ag + fg * cprev;
                double po = pd[o + 2 * hh + j];
                if (peep != null) {
                    po += peep[2 * hh + j] * cc;
                    pd[o + 2 * hh + j] = po;
                }
                double og = (sig ? Activation.sigmoid(po) : gateFn.apply(po));
                double a2 = act.apply(cc);
                gd[o + j] = ig;
                gd[o + hh + j] = fg;
                gd[o + 2 * hh + j] = og;
                gd[o + 3 * hh + j] = ag;
                cn[s + j] = cc;
                ac[s + j] = a2;
                hn[s + j] = og * a2;
            }
        }
    }

    /** pre[k] += b + x(t)·Wx, row by row through a scratch row (so each pass vectorises). */
    private static void addInputAndBias(Workspace ws, int k) {
        double[] pd = ws.pre[k].data;
        double[] xd = ws.x[k].data;
        double[] bias = ws.bias;
        double[] tmp = ws.tmpRow;
        double[][] wx = ws.wxRows.rows;
        int gh = ws.gh;
        int in = ws.in;
        for (int b = 0; b < ws.b; b++) {
            int o = b * gh;
            System.arraycopy(pd, o, tmp, 0, gh);
            for (int j = 0; j < gh; j++) {
                tmp[j] += bias[j];
            }
            for (int i = 0; i < in; i++) {
                double xv = xd[b * in + i];
                if (xv == 0.0) {
                    continue;
                }
                double[] wr = wx[i];
                for (int j = 0; j < gh; j++) {
                    tmp[j] += xv * wr[j];
                }
            }
            System.arraycopy(tmp, 0, pd, o, gh);
        }
    }

    /**
     * The step's elementwise part for a batched engine with σ gates and tanh, no peepholes (ADR
     * 0035): the four gate blocks of all B rows squashed in one {@link VecMath} pass, c(t), tanh c(t)
     * in a second, h(t). The same quantities as {@link #forward}, within a few units in the last place.
     */
    private void forwardBatched(Workspace ws, int k) {
        int gh = ws.gh;
        int hh = hid;
        int nb = ws.b;
        int n = nb * gh;
        if (ws.gateScale == null || ws.gateScale.length != n) {
            ws.gateScale = new double[n];
            ws.vecT = new double[n];
            for (int b = 0; b < nb; b++) {
                java.util.Arrays.fill(ws.gateScale, b * gh, b * gh + 3 * hh, -1.0);
                java.util.Arrays.fill(ws.gateScale, b * gh + 3 * hh, (b + 1) * gh, -2.0);
            }
        }
        double[] pd = ws.pre[k].data;
        double[] gd = ws.gate[k].data;
        double[] cp = ws.c[k].data;
        double[] cn = ws.c[k + 1].data;
        double[] ac = ws.actC[k].data;
        double[] hn = ws.h[k + 1].data;
        VecMath.sigmoidOrTanh(pd, ws.gateScale, gd, ws.vecT, n);
        for (int b = 0; b < nb; b++) {
            int o = b * gh;
            int s = b * hh;
            for (int j = 0; j < hh; j++) {
                cn[s + j] = gd[o + j] * gd[o + 3 * hh + j] + gd[o + hh + j] * cp[s + j];
            }
        }
        VecMath.tanh(cn, ac, ws.vecT, nb * hh);
        for (int b = 0; b < nb; b++) {
            int o = b * gh + 2 * hh;
            int s = b * hh;
            for (int j = 0; j < hh; j++) {
                hn[s + j] = gd[o + j] * ac[s + j];
            }
        }
    }

    @Override
    void prepareBackward(Workspace ws, Weights w) {
        ws.whBack.transposeOf(w.block(1));
    }

    @Override
    void backward(Workspace ws, int k) {
        boolean sig = sigmoidGates;
        if (batched(ws)) {
            backwardBatched(ws, k);
            return;
        }
        double[] dhd = ws.dh[k].data;
        double[] dp = ws.dpre[k].data;
        double[] pd = ws.pre[k].data;
        double[] gd = ws.gate[k].data;
        double[] cp = ws.c[k].data;
        double[] cn = ws.c[k + 1].data;
        double[] ac = ws.actC[k].data;
        double[] dcd = ws.dc[k].data;
        double[] dcn = ws.dcNext.data;
        double[] peep = ws.extra;
        int gh = ws.gh;
        int hh = hid;
        for (int b = 0; b < ws.b; b++) {
            int o = b * gh;
            int s = b * hh;
            for (int j = 0; j < hh; j++) {
                double ig = gd[o + j];
                double fg = gd[o + hh + j];
                double og = gd[o + 2 * hh + j];
                double ag = gd[o + 3 * hh + j];
                double dhv = dhd[s + j];
                double dpo = sig ? dhv * ac[s + j] * og * (1 - og)
                        : dhv * ac[s + j] * gateFn.derivative(pd[o + 2 * hh + j], og);
                double dcv = dhv * og * act.derivative(cn[s + j], ac[s + j]) + dcn[s + j];
                if (peep != null) {
                    dcv += dpo * peep[2 * hh + j];
                }
                double dpi = sig ? dcv * ag * ig * (1 - ig) : dcv * ag * gateFn.derivative(pd[o + j], ig);
                double dpf = sig ? dcv * cp[s + j] * fg * (1 - fg)
                        : dcv * cp[s + j] * gateFn.derivative(pd[o + hh + j], fg);
                double dpa = dcv * ig * act.derivative(pd[o + 3 * hh + j], ag);
                dcd[s + j] = dcv;
                dp[o + j] = dpi;
                dp[o + hh + j] = dpf;
                dp[o + 2 * hh + j] = dpo;
                dp[o + 3 * hh + j] = dpa;
                double carry = dcv * fg;
                if (peep != null) {
                    carry += dpi * peep[j] + dpf * peep[hh + j];
                }
                dcn[s + j] = carry;
            }
        }
        Kernels.mult(ws.dpre[k], ws.whBack, ws.dhNext, false, ws.tmpRow);
    }

    /**
     * {@link #backward} for the batched engines that {@link #forwardBatched} serves: the same
     * arithmetic, each derivative written out (σ′ = σ(1 − σ), tanh′ = 1 − tanh²) instead of asked of
     * the activations in the inner loop, so the loop holds no call and no switch.
     */
    private void backwardBatched(Workspace ws, int k) {
        double[] dhd = ws.dh[k].data;
        double[] dp = ws.dpre[k].data;
        double[] gd = ws.gate[k].data;
        double[] cp = ws.c[k].data;
        double[] ac = ws.actC[k].data;
        double[] dcd = ws.dc[k].data;
        double[] dcn = ws.dcNext.data;
        int gh = ws.gh;
        int hh = hid;
        for (int b = 0; b < ws.b; b++) {
            int o = b * gh;
            int s = b * hh;
            for (int j = 0; j < hh; j++) {
                double ig = gd[o + j];
                double fg = gd[o + hh + j];
                double og = gd[o + 2 * hh + j];
                double ag = gd[o + 3 * hh + j];
                double dhv = dhd[s + j];
                double acv = ac[s + j];
                double dcv = dhv * og * (1.0 - acv * acv) + dcn[s + j];
                dcd[s + j] = dcv;
                dp[o + j] = dcv * ag * ig * (1 - ig);
                dp[o + hh + j] = dcv * cp[s + j] * fg * (1 - fg);
                dp[o + 2 * hh + j] = dhv * acv * og * (1 - og);
                dp[o + 3 * hh + j] = dcv * ig * (1.0 - ag * ag);
                dcn[s + j] = dcv * fg;
            }
        }
        Kernels.mult(ws.dpre[k], ws.whBack, ws.dhNext, false, ws.tmpRow);
    }
}
