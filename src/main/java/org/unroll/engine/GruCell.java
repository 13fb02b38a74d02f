package org.unroll.engine;

import java.util.ArrayList;
import java.util.List;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The GRU, gates in fused block order r, z, a (a = the candidate):
 * <pre>
 * r = gate(pre_r),  pre_r = Wx_r x + Wh_r h(t−1) + b_r
 * z = gate(pre_z),  pre_z = Wx_z x + Wh_z h(t−1) + b_z
 * reset before:     pre_a = Wx_a x + Wh_a (r ⊙ h(t−1)) + b_a         aux = r ⊙ h(t−1)
 * reset after:      pre_a = Wx_a x + b_a + r ⊙ (Wh_a h(t−1) + bh_a)  aux = Wh_a h(t−1) + bh_a
 * a = f(pre_a),     h = z ⊙ h(t−1) + (1 − z) ⊙ a
 * </pre>
 * Back, per unit: δz = ∂E/∂h ⊙ (h(t−1) − a) ⊙ gate′(pre_z); δa = ∂E/∂h ⊙ (1 − z) ⊙ f′(pre_a);
 * reset before: δaux = Wh_aᵀ δa, δr = δaux ⊙ h(t−1) ⊙ gate′(pre_r); reset after: δaux = δa ⊙ r,
 * δr = δa ⊙ aux ⊙ gate′(pre_r); to step t−1: ∂E/∂h ⊙ z, the recurrent products, and (reset
 * before) δaux ⊙ r.
 */
final class GruCell extends GatedCell {

    private static final List<Quantity> GATES = List.of(Quantity.R, Quantity.Z, Quantity.A);
    private static final List<Quantity> PRES = List.of(Quantity.PRE_R, Quantity.PRE_Z, Quantity.PRE_A);
    private static final List<Quantity> DPRES = List.of(Quantity.DPRE_R, Quantity.DPRE_Z, Quantity.DPRE_A);

    private final boolean after;

    GruCell(ModelConfig cfg) {
        super(cfg, GATES, PRES);
        this.after = cfg.resetAfter();
    }

    @Override
    public List<Quantity> forwardQuantities() {
        List<Quantity> q = new ArrayList<>(List.of(Quantity.H, Quantity.Q, Quantity.Y));
        q.addAll(GATES);
        q.addAll(PRES);
        q.add(Quantity.AUX);
        return q;
    }

    @Override
    public List<Quantity> deltaQuantities(boolean full) {
        List<Quantity> q = new ArrayList<>(full ? List.of(Quantity.DQ, Quantity.DH) : List.of(Quantity.DQ));
        q.addAll(DPRES);
        q.add(Quantity.DAUX);
        return q;
    }

    @Override
    public List<Quantity> stepQuantities() {
        List<Quantity> q = new ArrayList<>(PRES);
        q.addAll(GATES);
        q.add(Quantity.H);
        return q;
    }

    @Override
    public List<Wire> wiring() {
        List<Wire> w = new ArrayList<>();
        String[] names = {"r", "z"};
        for (int g = 0; g < 2; g++) {
            affineWires(w, names[g], PRES.get(g));
        }
        w.add(Wire.in(Quantity.X, "Wx_a", Quantity.PRE_A));
        // Wh_a meets both h(t−1) and r(t): before the reset as Wh_a (r ⊙ h(t−1)), after as r ⊙ (Wh_a h(t−1) + bh_a)
        w.add(Wire.prev(Quantity.H, "Wh_a", Quantity.PRE_A));
        w.add(Wire.in(Quantity.R, "Wh_a", Quantity.PRE_A));
        w.add(Wire.bias("b_a", Quantity.PRE_A));
        if (cfg.resetAfter()) {
            w.add(Wire.bias("bh_a", Quantity.PRE_A));
        }
        for (int g = 0; g < 3; g++) {
            w.add(Wire.plain(PRES.get(g), GATES.get(g)));
        }
        w.add(Wire.plain(Quantity.Z, Quantity.H));
        w.add(new Wire(Quantity.H, -1, null, Quantity.H));
        w.add(Wire.plain(Quantity.A, Quantity.H));
        return w;
    }

    @Override
    public List<String> parameterGates() {
        return List.of("r", "z", "a");
    }

    @Override
    public ExtraBlock extraBlock() {
        return cfg.resetAfter() ? new ExtraBlock("bh_a", List.of("bh_a")) : null;
    }

    @Override
    List<GradientRule> cellRules() {
        List<GradientRule> r = new ArrayList<>();
        affineRules(r, "r", Quantity.DPRE_R);
        affineRules(r, "z", Quantity.DPRE_Z);
        r.add(GradientRule.outer("Wx_a", Quantity.DPRE_A, Quantity.X, 0));
        if (cfg.resetAfter()) { // not the field: this runs inside Cell's constructor
            // Wh_a h(t−1) + bh_a is aux; its error is δaux
            r.add(GradientRule.outer("Wh_a", Quantity.DAUX, Quantity.H, -1));
        } else {
            // Wh_a multiplies aux = r ⊙ h(t−1)
            r.add(GradientRule.outer("Wh_a", Quantity.DPRE_A, Quantity.AUX, 0));
        }
        r.add(GradientRule.sum("b_a", Quantity.DPRE_A));
        if (cfg.resetAfter()) {
            r.add(GradientRule.sum("bh_a", Quantity.DAUX));
        }
        return r;
    }

    @Override
    Slot cellSlot(Quantity q) {
        return switch (q) {
            case R, Z, A -> new Slot(Workspace.Field.GATE, 0, GATES.indexOf(q) * hid, hid);
            case PRE_R, PRE_Z, PRE_A -> new Slot(Workspace.Field.PRE, 0, PRES.indexOf(q) * hid, hid);
            case DPRE_R, DPRE_Z, DPRE_A -> new Slot(Workspace.Field.DPRE, 0, DPRES.indexOf(q) * hid, hid);
            case AUX -> new Slot(Workspace.Field.AUX, 0, 0, hid);
            case DAUX -> new Slot(Workspace.Field.DAUX, 0, 0, hid);
            default -> null;
        };
    }

    @Override
    void prepareForward(Workspace ws, Weights w) {
        var wh = w.block(1);
        if (!after) {
            CommonOps_DDRM.extract(wh, 0, hid, 0, 2 * hid, ws.whRz, 0, 0);
            CommonOps_DDRM.extract(wh, 0, hid, 2 * hid, 3 * hid, ws.whA, 0, 0);
            ws.whRzRows.copyOf(ws.whRz);
            ws.whARows.copyOf(ws.whA);
            ws.extra = null;
        } else {
            ws.whRows.copyOf(wh);
            ws.extra = w.block(w.layout().extraBlock()).data;
        }
        ws.bias = w.block(2).data;
    }

    @Override
    void forward(Workspace ws, int k) {
        boolean sig = sigmoidGates;
        double[] pd = ws.pre[k].data;
        double[] gd = ws.gate[k].data;
        double[] hpv = ws.h[k].data;
        double[] hn = ws.h[k + 1].data;
        double[] ax = ws.aux[k].data;
        double[] bias = ws.bias;
        int gh = ws.gh;
        int hh = hid;
        int nb = ws.b;
        if (!after && sig && act == Activation.TANH && nb >= Kernels.BLAS_MIN_ROWS) {
            forwardBatched(ws, k);
            return;
        }
        if (!after) {
            Kernels.mult(ws.h[k], ws.whRzRows, ws.tmp2H, false, ws.tmpRow);
            double[] rz = ws.tmp2H.data;
            for (int b = 0; b < nb; b++) {
                int o = b * gh;
                int s = b * hh;
                for (int j = 0; j < hh; j++) {
                    double pr = pd[o + j] + rz[b * 2 * hh + j] + bias[j];
                    double pz = pd[o + hh + j] + rz[b * 2 * hh + hh + j] + bias[hh + j];
                    pd[o + j] = pr;
                    pd[o + hh + j] = pz;
                    double r = (sig ? Activation.sigmoid(pr) : gateFn.apply(pr));
                    gd[o + j] = r;
                    gd[o + hh + j] = (sig ? Activation.sigmoid(pz) : gateFn.apply(pz));
                    ax[s + j] = r * hpv[s + j];
                }
            }
            Kernels.mult(ws.aux[k], ws.whARows, ws.tmpH, false, ws.tmpRow);
            double[] ta = ws.tmpH.data;
            for (int b = 0; b < nb; b++) {
                int o = b * gh;
                int s = b * hh;
                for (int j = 0; j < hh; j++) {
                    double pa = pd[o + 2 * hh + j] + ta[s + j] + bias[2 * hh + j];
                    pd[o + 2 * hh + j] = pa;
                    double a = act.apply(pa);
                    gd[o + 2 * hh + j] = a;
                    double z = gd[o + hh + j];
                    hn[s + j] = z * hpv[s + j] + (1.0 - z) * a;
                }
            }
        } else {
            Kernels.mult(ws.h[k], ws.whRows, ws.tmpRec, false, ws.tmpRow);
            double[] rc = ws.tmpRec.data;
            double[] bha = ws.extra;
            for (int b = 0; b < nb; b++) {
                int o = b * gh;
                int s = b * hh;
                for (int j = 0; j < hh; j++) {
                    double pr = pd[o + j] + rc[o + j] + bias[j];
                    double pz = pd[o + hh + j] + rc[o + hh + j] + bias[hh + j];
                    double hha = rc[o + 2 * hh + j] + bha[j];
                    double r = (sig ? Activation.sigmoid(pr) : gateFn.apply(pr));
                    double z = (sig ? Activation.sigmoid(pz) : gateFn.apply(pz));
                    double pa = pd[o + 2 * hh + j] + bias[2 * hh + j] + r * hha;
                    double a = act.apply(pa);
                    pd[o + j] = pr;
                    pd[o + hh + j] = pz;
                    pd[o + 2 * hh + j] = pa;
                    gd[o + j] = r;
                    gd[o + hh + j] = z;
                    gd[o + 2 * hh + j] = a;
                    ax[s + j] = hha;
                    hn[s + j] = z * hpv[s + j] + (1.0 - z) * a;
                }
            }
        }
    }

    /**
     * The reset-before step for a batched engine with σ gates and tanh (ADR 0035): the same sums as
     * {@link #forward}, the gates and the candidate squashed in {@link VecMath} passes over
     * contiguous B × 2H and B × H scratch, within a few units in the last place.
     */
    private void forwardBatched(Workspace ws, int k) {
        double[] pd = ws.pre[k].data;
        double[] gd = ws.gate[k].data;
        double[] hpv = ws.h[k].data;
        double[] hn = ws.h[k + 1].data;
        double[] ax = ws.aux[k].data;
        double[] bias = ws.bias;
        int gh = ws.gh;
        int hh = hid;
        int nb = ws.b;
        if (ws.vecT == null || ws.vecT.length < nb * 2 * hh) {
            ws.vecT = new double[nb * 2 * hh];
        }
        Kernels.mult(ws.h[k], ws.whRzRows, ws.tmp2H, false, ws.tmpRow);
        double[] rz = ws.tmp2H.data;
        for (int b = 0; b < nb; b++) {
            int o = b * gh;
            int q = b * 2 * hh;
            for (int j = 0; j < 2 * hh; j++) {
                double pv = pd[o + j] + rz[q + j] + bias[j];
                pd[o + j] = pv;
                rz[q + j] = pv;
            }
        }
        VecMath.sigmoid(rz, rz, ws.vecT, nb * 2 * hh);
        for (int b = 0; b < nb; b++) {
            int o = b * gh;
            int q = b * 2 * hh;
            int s = b * hh;
            System.arraycopy(rz, q, gd, o, 2 * hh);
            for (int j = 0; j < hh; j++) {
                ax[s + j] = rz[q + j] * hpv[s + j];
            }
        }
        Kernels.mult(ws.aux[k], ws.whARows, ws.tmpH, false, ws.tmpRow);
        double[] ta = ws.tmpH.data;
        for (int b = 0; b < nb; b++) {
            int o = b * gh + 2 * hh;
            int s = b * hh;
            for (int j = 0; j < hh; j++) {
                double pa = pd[o + j] + ta[s + j] + bias[2 * hh + j];
                pd[o + j] = pa;
                ta[s + j] = pa;
            }
        }
        VecMath.tanh(ta, ta, ws.vecT, nb * hh);
        for (int b = 0; b < nb; b++) {
            int o = b * gh;
            int s = b * hh;
            for (int j = 0; j < hh; j++) {
                double a = ta[s + j];
                gd[o + 2 * hh + j] = a;
                double z = gd[o + hh + j];
                hn[s + j] = z * hpv[s + j] + (1.0 - z) * a;
            }
        }
    }

    @Override
    void prepareBackward(Workspace ws, Weights w) {
        if (!after) {
            ws.whRzBack.transposeOf(ws.whRz);
            ws.whABack.transposeOf(ws.whA);
        } else {
            ws.whBack.transposeOf(w.block(1));
        }
    }

    @Override
    void backward(Workspace ws, int k) {
        boolean sig = sigmoidGates;
        double[] dhd = ws.dh[k].data;
        double[] dp = ws.dpre[k].data;
        double[] pd = ws.pre[k].data;
        double[] gd = ws.gate[k].data;
        double[] hpv = ws.h[k].data;
        double[] ax = ws.aux[k].data;
        double[] dax = ws.daux[k].data;
        double[] dn = ws.dhNext.data;
        int gh = ws.gh;
        int hh = hid;
        int n = ws.b;
        if (!after) {
            double[] t1 = ws.tmpH.data;
            for (int b = 0; b < n; b++) {
                int o = b * gh;
                int s = b * hh;
                for (int j = 0; j < hh; j++) {
                    double z = gd[o + hh + j];
                    double a = gd[o + 2 * hh + j];
                    double dhv = dhd[s + j];
                    double dpz = sig ? dhv * (hpv[s + j] - a) * z * (1 - z)
                            : dhv * (hpv[s + j] - a) * gateFn.derivative(pd[o + hh + j], z);
                    double dpa = dhv * (1 - z) * act.derivative(pd[o + 2 * hh + j], a);
                    dp[o + hh + j] = dpz;
                    dp[o + 2 * hh + j] = dpa;
                    t1[s + j] = dpa;
                }
            }
            // d(r ⊙ h(t-1)) = dpre_a Wh_a (as rows: dpre_a · whAᵀ)
            Kernels.mult(ws.tmpH, ws.whABack, ws.tmpH2, false, ws.tmpRow);
            double[] drh = ws.tmpH2.data;
            double[] t2 = ws.tmp2H.data;
            for (int b = 0; b < n; b++) {
                int o = b * gh;
                int s = b * hh;
                for (int j = 0; j < hh; j++) {
                    double r = gd[o + j];
                    double dpr = sig ? drh[s + j] * hpv[s + j] * r * (1 - r)
                            : drh[s + j] * hpv[s + j] * gateFn.derivative(pd[o + j], r);
                    dp[o + j] = dpr;
                    dax[s + j] = drh[s + j];
                    t2[b * 2 * hh + j] = dpr;
                    t2[b * 2 * hh + hh + j] = dp[o + hh + j];
                }
            }
            Kernels.mult(ws.tmp2H, ws.whRzBack, ws.dhNext, false, ws.tmpRow);
            for (int b = 0; b < n; b++) {
                int o = b * gh;
                int s = b * hh;
                for (int j = 0; j < hh; j++) {
                    dn[s + j] += dhd[s + j] * gd[o + hh + j] + drh[s + j] * gd[o + j];
                }
            }
        } else {
            double[] rc = ws.tmpRec.data;
            for (int b = 0; b < n; b++) {
                int o = b * gh;
                int s = b * hh;
                for (int j = 0; j < hh; j++) {
                    double r = gd[o + j];
                    double z = gd[o + hh + j];
                    double a = gd[o + 2 * hh + j];
                    double dhv = dhd[s + j];
                    double dpz = sig ? dhv * (hpv[s + j] - a) * z * (1 - z)
                            : dhv * (hpv[s + j] - a) * gateFn.derivative(pd[o + hh + j], z);
                    double dpa = dhv * (1 - z) * act.derivative(pd[o + 2 * hh + j], a);
                    double dpr = sig ? dpa * ax[s + j] * r * (1 - r)
                            : dpa * ax[s + j] * gateFn.derivative(pd[o + j], r);
                    double dhha = dpa * r;
                    dp[o + j] = dpr;
                    dp[o + hh + j] = dpz;
                    dp[o + 2 * hh + j] = dpa;
                    dax[s + j] = dhha;
                    rc[o + j] = dpr;
                    rc[o + hh + j] = dpz;
                    rc[o + 2 * hh + j] = dhha;
                }
            }
            Kernels.mult(ws.tmpRec, ws.whBack, ws.dhNext, false, ws.tmpRow);
            for (int b = 0; b < n; b++) {
                int o = b * gh;
                int s = b * hh;
                for (int j = 0; j < hh; j++) {
                    dn[s + j] += dhd[s + j] * gd[o + hh + j];
                }
            }
        }
    }
}
