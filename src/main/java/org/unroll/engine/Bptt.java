package org.unroll.engine;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Forward propagation and backpropagation through time for one network configuration, on EJML.
 *
 * <p>One instance owns a workspace sized for the largest batch it has seen and reuses it: the time
 * loop allocates nothing. Per step, the gates of LSTM and GRU are computed as one fused product
 * over the concatenated gate blocks (ADR 0003). Weight gradients are not accumulated step by step:
 * after the backward loop the per-step deltas are stacked and each weight gradient is one matrix
 * product over all steps (ADR 0003).
 *
 * <p>Not thread-safe: one instance per thread. Typical use:
 * {@code double e = bptt.forward(w, batch); bptt.backward(w, null, grad); Trace tr = bptt.trace(0);}
 */
public final class Bptt {

    private final ModelConfig cfg;
    private final CellType cell;
    private final int in;
    private final int hid;
    private final int out;
    private final int gh;
    private final Activation act;
    private final OutputActivation outAct;
    private final LossKind lossKind;

    private int capT = -1;
    private int capB = -1;

    // forward workspace, index k = t - 1 for step t (h and c: index t, with h[0] = h0)
    private DMatrixRMaj[] h;
    private DMatrixRMaj[] c;
    private DMatrixRMaj[] actC;
    private DMatrixRMaj[] pre;
    private DMatrixRMaj[] gate;
    private DMatrixRMaj[] aux;
    private DMatrixRMaj[] q;
    private DMatrixRMaj[] y;
    // backward workspace
    private DMatrixRMaj[] dq;
    private DMatrixRMaj[] dh;
    private DMatrixRMaj[] dc;
    private DMatrixRMaj[] dpre;
    private DMatrixRMaj[] daux;
    private DMatrixRMaj[] dpreAcc;
    private DMatrixRMaj[] dauxAcc;
    private DMatrixRMaj dhNext;
    private DMatrixRMaj dcNext;
    private DMatrixRMaj tmpH;
    private DMatrixRMaj tmpH2;
    private DMatrixRMaj tmp2H;
    private DMatrixRMaj tmpRec;
    private DMatrixRMaj whRz;
    private DMatrixRMaj whA;
    // weights as row arrays for the vectorised kernels (ADR 0003): forward as stored, backward transposed
    private final Kernels.Rows wxRows = new Kernels.Rows();
    private final Kernels.Rows whRows = new Kernels.Rows();
    private final Kernels.Rows whRzRows = new Kernels.Rows();
    private final Kernels.Rows whARows = new Kernels.Rows();
    private final Kernels.Rows wyRows = new Kernels.Rows();
    private final Kernels.Rows whBack = new Kernels.Rows();
    private final Kernels.Rows wyBack = new Kernels.Rows();
    private final Kernels.Rows whRzBack = new Kernels.Rows();
    private final Kernels.Rows whABack = new Kernels.Rows();
    private final Kernels.Rows gradRows = new Kernels.Rows();
    private final Kernels.Rows gradRowsA = new Kernels.Rows();
    private final Kernels.Rows gradRowsQ = new Kernels.Rows();
    private final Kernels.Rows gradRowsRec = new Kernels.Rows();
    // one Rows per use: a Rows whose width changes reallocates (garbage, and arrays moved by GC)
    private double[] tmpRow;
    // stacked for the one-product weight gradients: inputs transposed (dim × T·B), deltas T·B × dim
    private DMatrixRMaj xsT;
    private DMatrixRMaj hpT;
    private DMatrixRMaj hsT;
    private DMatrixRMaj auxST;
    private DMatrixRMaj gradTmp;

    private Batch batch;
    private double loss = Double.NaN;
    private int lastT;
    private int lastB;
    private boolean backwardDone;
    private Integer lastTruncate;
    private Weights lastGrad;

    /**
     * An engine for one configuration and loss.
     *
     * @param config the network's shape (not modified)
     * @param loss the loss function
     */
    public Bptt(ModelConfig config, LossKind loss) {
        this.cfg = config;
        this.cell = config.cell();
        this.in = config.inputSize();
        this.hid = config.hiddenSize();
        this.out = config.outputSize();
        this.gh = cell.gateCount() * hid;
        this.act = config.activation();
        this.outAct = config.outputActivation();
        this.lossKind = loss;
        if (loss == LossKind.XENT && outAct == OutputActivation.LINEAR) {
            throw new IllegalArgumentException("xent needs a sigmoid or softmax output");
        }
    }

    public ModelConfig config() {
        return cfg;
    }

    public LossKind lossKind() {
        return lossKind;
    }

    /** The loss of the last forward pass (mean over the batch). */
    public double loss() {
        return loss;
    }

    private static DMatrixRMaj[] mats(int n, int rows, int cols) {
        DMatrixRMaj[] a = new DMatrixRMaj[n];
        for (int i = 0; i < n; i++) {
            a[i] = new DMatrixRMaj(rows, cols);
        }
        return a;
    }

    private void ensure(int t, int b) {
        if (t <= capT && b == capB) {
            return;
        }
        int ct = Math.max(t, b == capB ? capT : 0);
        capT = ct;
        capB = b;
        h = mats(ct + 1, b, hid);
        pre = mats(ct, b, gh);
        gate = mats(ct, b, gh);
        q = mats(ct, b, out);
        y = mats(ct, b, out);
        dq = mats(ct, b, out);
        dh = mats(ct, b, hid);
        dpre = mats(ct, b, gh);
        if (cell == CellType.LSTM) {
            c = mats(ct + 1, b, hid);
            actC = mats(ct, b, hid);
            dc = mats(ct, b, hid);
        }
        if (cell == CellType.GRU) {
            aux = mats(ct, b, hid);
            daux = mats(ct, b, hid);
        }
        dpreAcc = null;
        dauxAcc = null;
        dhNext = new DMatrixRMaj(b, hid);
        dcNext = new DMatrixRMaj(b, hid);
        tmpH = new DMatrixRMaj(b, hid);
        tmpH2 = new DMatrixRMaj(b, hid);
        tmp2H = new DMatrixRMaj(b, 2 * hid);
        tmpRec = new DMatrixRMaj(b, gh);
        whRz = new DMatrixRMaj(hid, 2 * hid);
        whA = new DMatrixRMaj(hid, hid);
        tmpRow = new double[Math.max(gh, Math.max(hid, out))];
        int rows = ct * b;
        xsT = new DMatrixRMaj(in, rows);
        hpT = new DMatrixRMaj(hid, rows);
        hsT = new DMatrixRMaj(hid, rows);
        if (cell == CellType.GRU) {
            auxST = new DMatrixRMaj(hid, rows);
        }
        gradTmp = new DMatrixRMaj(1, 1);
    }

    /**
     * Runs the network over a batch and computes the loss (the mean over the batch of each
     * sequence's loss) and the output errors dq.
     *
     * @param w the weights (not modified)
     * @param data the batch (not modified; kept by reference until the next call)
     * @return the loss
     */
    public double forward(Weights w, Batch data) {
        int tn = data.length;
        int bn = data.size;
        ensure(tn, bn);
        this.batch = data;
        this.lastT = tn;
        this.lastB = bn;
        this.backwardDone = false;
        h[0].setTo(data.h0);
        if (cell == CellType.LSTM) {
            c[0].setTo(data.c0);
        }
        DMatrixRMaj wx = w.block(0);
        DMatrixRMaj wh = w.block(1);
        double[] bias = w.block(2).data;
        wxRows.copyOf(wx);
        if (cell == CellType.GRU && !cfg.resetAfter()) {
            CommonOps_DDRM.extract(wh, 0, hid, 0, 2 * hid, whRz, 0, 0);
            CommonOps_DDRM.extract(wh, 0, hid, 2 * hid, 3 * hid, whA, 0, 0);
            whRzRows.copyOf(whRz);
            whARows.copyOf(whA);
        } else {
            whRows.copyOf(wh);
        }
        for (int k = 0; k < tn; k++) {
            DMatrixRMaj p = pre[k];
            Kernels.mult(data.x[k], wxRows, p, false, tmpRow);
            switch (cell) {
                case RNN -> forwardRnn(k, wh, bias);
                case LSTM -> forwardLstm(k, wh, bias, w);
                case GRU -> forwardGru(k, wh, bias, w);
                default -> throw new IllegalStateException();
            }
        }
        wyRows.copyOf(w.block(w.layout().wyBlock()));
        double[] by = w.block(w.layout().byBlock()).data;
        for (int k = 0; k < tn; k++) {
            Kernels.mult(h[k + 1], wyRows, q[k], false, tmpRow);
            double[] qd = q[k].data;
            for (int b = 0; b < bn; b++) {
                for (int j = 0; j < out; j++) {
                    qd[b * out + j] += by[j];
                }
            }
            outputActivation(q[k], y[k]);
        }
        loss = lossAndOutputErrors(data);
        return loss;
    }

    private static void addBias(double[] p, double[] bias, int rows, int cols) {
        for (int b = 0; b < rows; b++) {
            int o = b * cols;
            for (int j = 0; j < cols; j++) {
                p[o + j] += bias[j];
            }
        }
    }

    private void forwardRnn(int k, DMatrixRMaj wh, double[] bias) {
        DMatrixRMaj p = pre[k];
        Kernels.mult(h[k], whRows, p, true, tmpRow);
        addBias(p.data, bias, lastB, gh);
        double[] pd = p.data;
        double[] gd = gate[k].data;
        double[] hn = h[k + 1].data;
        int n = lastB * hid;
        for (int i = 0; i < n; i++) {
            double v = act.apply(pd[i]);
            gd[i] = v;
            hn[i] = v;
        }
    }

    private void forwardLstm(int k, DMatrixRMaj wh, double[] bias, Weights w) {
        DMatrixRMaj p = pre[k];
        Kernels.mult(h[k], whRows, p, true, tmpRow);
        addBias(p.data, bias, lastB, gh);
        double[] pd = p.data;
        double[] gd = gate[k].data;
        double[] cp = c[k].data;
        double[] cn = c[k + 1].data;
        double[] ac = actC[k].data;
        double[] hn = h[k + 1].data;
        double[] peep = cfg.peephole() ? w.block(w.layout().extraBlock()).data : null;
        int hh = hid;
        for (int b = 0; b < lastB; b++) {
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
                double ig = Activation.sigmoid(pi);
                double fg = Activation.sigmoid(pf);
                double ag = act.apply(pd[o + 3 * hh + j]);
                double cc = ig * ag + fg * cprev;
                double po = pd[o + 2 * hh + j];
                if (peep != null) {
                    po += peep[2 * hh + j] * cc;
                    pd[o + 2 * hh + j] = po;
                }
                double og = Activation.sigmoid(po);
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

    private void forwardGru(int k, DMatrixRMaj wh, double[] bias, Weights w) {
        DMatrixRMaj p = pre[k];
        double[] pd = p.data;
        double[] gd = gate[k].data;
        double[] hpv = h[k].data;
        double[] hn = h[k + 1].data;
        double[] ax = aux[k].data;
        int hh = hid;
        if (!cfg.resetAfter()) {
            Kernels.mult(h[k], whRzRows, tmp2H, false, tmpRow);
            double[] rz = tmp2H.data;
            for (int b = 0; b < lastB; b++) {
                int o = b * gh;
                int s = b * hh;
                for (int j = 0; j < hh; j++) {
                    double pr = pd[o + j] + rz[b * 2 * hh + j] + bias[j];
                    double pz = pd[o + hh + j] + rz[b * 2 * hh + hh + j] + bias[hh + j];
                    pd[o + j] = pr;
                    pd[o + hh + j] = pz;
                    double r = Activation.sigmoid(pr);
                    gd[o + j] = r;
                    gd[o + hh + j] = Activation.sigmoid(pz);
                    ax[s + j] = r * hpv[s + j];
                }
            }
            Kernels.mult(aux[k], whARows, tmpH, false, tmpRow);
            double[] ta = tmpH.data;
            for (int b = 0; b < lastB; b++) {
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
            Kernels.mult(h[k], whRows, tmpRec, false, tmpRow);
            double[] rc = tmpRec.data;
            double[] bha = w.block(w.layout().extraBlock()).data;
            for (int b = 0; b < lastB; b++) {
                int o = b * gh;
                int s = b * hh;
                for (int j = 0; j < hh; j++) {
                    double pr = pd[o + j] + rc[o + j] + bias[j];
                    double pz = pd[o + hh + j] + rc[o + hh + j] + bias[hh + j];
                    double hha = rc[o + 2 * hh + j] + bha[j];
                    double r = Activation.sigmoid(pr);
                    double z = Activation.sigmoid(pz);
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

    private void outputActivation(DMatrixRMaj qm, DMatrixRMaj ym) {
        double[] qd = qm.data;
        double[] yd = ym.data;
        switch (outAct) {
            case LINEAR -> System.arraycopy(qd, 0, yd, 0, lastB * out);
            case SIGMOID -> {
                for (int i = 0; i < lastB * out; i++) {
                    yd[i] = Activation.sigmoid(qd[i]);
                }
            }
            case SOFTMAX -> {
                for (int b = 0; b < lastB; b++) {
                    int o = b * out;
                    double m = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < out; j++) {
                        m = Math.max(m, qd[o + j]);
                    }
                    double s = 0;
                    for (int j = 0; j < out; j++) {
                        double e = Math.exp(qd[o + j] - m);
                        yd[o + j] = e;
                        s += e;
                    }
                    for (int j = 0; j < out; j++) {
                        yd[o + j] /= s;
                    }
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    /** Computes E (mean over the batch) and dq = ∂E/∂q at every step. */
    private double lossAndOutputErrors(Batch data) {
        int targets = data.targetCount();
        double scaleB = 1.0 / lastB;
        double total = 0;
        for (int k = 0; k < lastT; k++) {
            double[] dqd = dq[k].data;
            DMatrixRMaj tm = data.y[k];
            if (tm == null) {
                java.util.Arrays.fill(dqd, 0, lastB * out, 0.0);
                continue;
            }
            double[] td = tm.data;
            double[] qd = q[k].data;
            double[] yd = y[k].data;
            for (int b = 0; b < lastB; b++) {
                int o = b * out;
                if (lossKind == LossKind.XENT) {
                    if (outAct == OutputActivation.SOFTMAX) {
                        double m = Double.NEGATIVE_INFINITY;
                        double tsum = 0;
                        for (int j = 0; j < out; j++) {
                            m = Math.max(m, qd[o + j]);
                            tsum += td[o + j];
                        }
                        double se = 0;
                        for (int j = 0; j < out; j++) {
                            se += Math.exp(qd[o + j] - m);
                        }
                        double lse = m + Math.log(se);
                        double e = 0;
                        for (int j = 0; j < out; j++) {
                            e -= td[o + j] * (qd[o + j] - lse);
                            dqd[o + j] = (yd[o + j] * tsum - td[o + j]) / targets * scaleB;
                        }
                        total += e / targets;
                    } else {
                        double n = (double) targets * out;
                        double e = 0;
                        for (int j = 0; j < out; j++) {
                            double z = qd[o + j];
                            double t = td[o + j];
                            // -[t log σ(z) + (1-t) log(1-σ(z))] = max(z,0) - t z + log(1 + e^-|z|)
                            e += Math.max(z, 0) - t * z + Math.log1p(Math.exp(-Math.abs(z)));
                            dqd[o + j] = (yd[o + j] - t) / n * scaleB;
                        }
                        total += e / n;
                    }
                } else {
                    double coef = lossKind == LossKind.MSE ? 2.0 / ((double) targets * out) : 1.0;
                    double e = 0;
                    for (int j = 0; j < out; j++) {
                        double d = yd[o + j] - td[o + j];
                        e += d * d;
                        dqd[o + j] = coef * d * scaleB; // dE/dy for now
                    }
                    total += lossKind == LossKind.MSE ? e / ((double) targets * out) : 0.5 * e;
                    switch (outAct) {
                        case LINEAR -> { }
                        case SIGMOID -> {
                            for (int j = 0; j < out; j++) {
                                double yy = yd[o + j];
                                dqd[o + j] *= yy * (1 - yy);
                            }
                        }
                        case SOFTMAX -> {
                            double dot = 0;
                            for (int j = 0; j < out; j++) {
                                dot += dqd[o + j] * yd[o + j];
                            }
                            for (int j = 0; j < out; j++) {
                                dqd[o + j] = yd[o + j] * (dqd[o + j] - dot);
                            }
                        }
                        default -> throw new IllegalStateException();
                    }
                }
            }
        }
        return total * scaleB;
    }

    /**
     * Backpropagation through time after {@link #forward}: fills {@code grad} with ∂E/∂θ for every
     * parameter and records every per-step delta.
     *
     * @param w the weights used in the forward pass (not modified)
     * @param truncate null for full BPTT, or k ≥ 1: each loss term flows back through at most k steps
     * @param grad receives the gradient (modified; overwritten, not added to)
     */
    public void backward(Weights w, Integer truncate, Weights grad) {
        if (batch == null) {
            throw new IllegalStateException("forward first");
        }
        if (truncate != null && truncate < 1) {
            throw new IllegalArgumentException("truncate must be >= 1");
        }
        wyBack.transposeOf(w.block(w.layout().wyBlock()));
        if (cell == CellType.GRU && !cfg.resetAfter()) {
            whRzBack.transposeOf(whRz);
            whABack.transposeOf(whA);
        } else {
            whBack.transposeOf(w.block(1));
        }
        Kernels.Rows wy = wyBack;
        Kernels.Rows wh = whBack;
        double[] peep = cfg.peephole() ? w.block(w.layout().extraBlock()).data : null;
        boolean truncated = truncate != null && truncate < lastT;
        if (!truncated) {
            dhNext.zero();
            dcNext.zero();
            for (int k = lastT - 1; k >= 0; k--) {
                Kernels.mult(dq[k], wy, dh[k], false, tmpRow);
                CommonOps_DDRM.addEquals(dh[k], dhNext);
                cellBackward(k, wh, peep);
            }
        } else {
            if (dpreAcc == null) {
                dpreAcc = mats(capT, capB, gh);
                dauxAcc = cell == CellType.GRU ? mats(capT, capB, hid) : null;
            }
            for (int k = 0; k < lastT; k++) {
                dpreAcc[k].zero();
                if (dauxAcc != null) {
                    dauxAcc[k].zero();
                }
            }
            for (int s = 0; s < lastT; s++) {
                if (batch.y[s] == null) {
                    continue;
                }
                int lo = Math.max(0, s - truncate + 1);
                dhNext.zero();
                dcNext.zero();
                for (int k = s; k >= lo; k--) {
                    if (k == s) {
                        Kernels.mult(dq[k], wy, dh[k], false, tmpRow);
                        CommonOps_DDRM.addEquals(dh[k], dhNext);
                    } else {
                        dh[k].setTo(dhNext);
                    }
                    cellBackward(k, wh, peep);
                    CommonOps_DDRM.addEquals(dpreAcc[k], dpre[k]);
                    if (dauxAcc != null) {
                        CommonOps_DDRM.addEquals(dauxAcc[k], daux[k]);
                    }
                }
            }
            for (int k = 0; k < lastT; k++) {
                dpre[k].setTo(dpreAcc[k]);
                if (dauxAcc != null) {
                    daux[k].setTo(dauxAcc[k]);
                }
            }
        }
        parameterGradients(w, grad);
        backwardDone = true;
        lastTruncate = truncated ? truncate : null;
        lastGrad = grad;
    }

    /**
     * One step back: reads dh[k] (the total ∂E/∂h(t)) and dcNext (∂E/∂c(t) from step t+1),
     * writes dpre[k] (and dc[k], daux[k]), then dhNext := ∂E/∂h(t-1) and dcNext := the part of
     * ∂E/∂c(t-1) that flows through step t.
     */
    private void cellBackward(int k, Kernels.Rows wh, double[] peep) {
        double[] dhd = dh[k].data;
        double[] dp = dpre[k].data;
        double[] pd = pre[k].data;
        double[] gd = gate[k].data;
        int hh = hid;
        int n = lastB;
        switch (cell) {
            case RNN -> {
                for (int i = 0; i < n * hh; i++) {
                    dp[i] = dhd[i] * act.derivative(pd[i], gd[i]);
                }
                Kernels.mult(dpre[k], wh, dhNext, false, tmpRow);
            }
            case LSTM -> {
                double[] cp = c[k].data;
                double[] cn = c[k + 1].data;
                double[] ac = actC[k].data;
                double[] dcd = dc[k].data;
                double[] dcn = dcNext.data;
                for (int b = 0; b < n; b++) {
                    int o = b * gh;
                    int s = b * hh;
                    for (int j = 0; j < hh; j++) {
                        double ig = gd[o + j];
                        double fg = gd[o + hh + j];
                        double og = gd[o + 2 * hh + j];
                        double ag = gd[o + 3 * hh + j];
                        double dhv = dhd[s + j];
                        double dpo = dhv * ac[s + j] * og * (1 - og);
                        double dcv = dhv * og * act.derivative(cn[s + j], ac[s + j]) + dcn[s + j];
                        if (peep != null) {
                            dcv += dpo * peep[2 * hh + j];
                        }
                        double dpi = dcv * ag * ig * (1 - ig);
                        double dpf = dcv * cp[s + j] * fg * (1 - fg);
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
                Kernels.mult(dpre[k], wh, dhNext, false, tmpRow);
            }
            case GRU -> {
                double[] hpv = h[k].data;
                double[] ax = aux[k].data;
                double[] dax = daux[k].data;
                double[] dn = dhNext.data;
                if (!cfg.resetAfter()) {
                    double[] t1 = tmpH.data;
                    for (int b = 0; b < n; b++) {
                        int o = b * gh;
                        int s = b * hh;
                        for (int j = 0; j < hh; j++) {
                            double z = gd[o + hh + j];
                            double a = gd[o + 2 * hh + j];
                            double dhv = dhd[s + j];
                            double dpz = dhv * (hpv[s + j] - a) * z * (1 - z);
                            double dpa = dhv * (1 - z) * act.derivative(pd[o + 2 * hh + j], a);
                            dp[o + hh + j] = dpz;
                            dp[o + 2 * hh + j] = dpa;
                            t1[s + j] = dpa;
                        }
                    }
                    // d(r ⊙ h(t-1)) = dpre_a Wh_a (as rows: dpre_a · whAᵀ)
                    Kernels.mult(tmpH, whABack, tmpH2, false, tmpRow);
                    double[] drh = tmpH2.data;
                    double[] t2 = tmp2H.data;
                    for (int b = 0; b < n; b++) {
                        int o = b * gh;
                        int s = b * hh;
                        for (int j = 0; j < hh; j++) {
                            double r = gd[o + j];
                            double dpr = drh[s + j] * hpv[s + j] * r * (1 - r);
                            dp[o + j] = dpr;
                            dax[s + j] = drh[s + j];
                            t2[b * 2 * hh + j] = dpr;
                            t2[b * 2 * hh + hh + j] = dp[o + hh + j];
                        }
                    }
                    Kernels.mult(tmp2H, whRzBack, dhNext, false, tmpRow);
                    for (int b = 0; b < n; b++) {
                        int o = b * gh;
                        int s = b * hh;
                        for (int j = 0; j < hh; j++) {
                            dn[s + j] += dhd[s + j] * gd[o + hh + j] + drh[s + j] * gd[o + j];
                        }
                    }
                } else {
                    double[] rc = tmpRec.data;
                    for (int b = 0; b < n; b++) {
                        int o = b * gh;
                        int s = b * hh;
                        for (int j = 0; j < hh; j++) {
                            double r = gd[o + j];
                            double z = gd[o + hh + j];
                            double a = gd[o + 2 * hh + j];
                            double dhv = dhd[s + j];
                            double dpz = dhv * (hpv[s + j] - a) * z * (1 - z);
                            double dpa = dhv * (1 - z) * act.derivative(pd[o + 2 * hh + j], a);
                            double dpr = dpa * ax[s + j] * r * (1 - r);
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
                    Kernels.mult(tmpRec, wh, dhNext, false, tmpRow);
                    for (int b = 0; b < n; b++) {
                        int o = b * gh;
                        int s = b * hh;
                        for (int j = 0; j < hh; j++) {
                            dn[s + j] += dhd[s + j] * gd[o + hh + j];
                        }
                    }
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    /** Writes rows src[k+offset] (B×cols each) as columns k·B.. of dstT (cols × T·B). */
    private void stackTransposed(DMatrixRMaj[] src, int offset, DMatrixRMaj dstT, int cols) {
        int rows = lastT * lastB;
        double[] d = dstT.data;
        for (int k = 0; k < lastT; k++) {
            double[] sd = src[k + offset].data;
            for (int b = 0; b < lastB; b++) {
                int col = k * lastB + b;
                int so = b * cols;
                for (int j = 0; j < cols; j++) {
                    d[j * rows + col] = sd[so + j];
                }
            }
        }
    }

    private void parameterGradients(Weights w, Weights grad) {
        int rows = lastT * lastB;
        xsT.reshape(in, rows);
        hpT.reshape(hid, rows);
        hsT.reshape(hid, rows);
        stackTransposed(batch.x, 0, xsT, in);
        stackTransposed(h, 0, hpT, hid);
        stackTransposed(h, 1, hsT, hid);
        ParamLayout lay = w.layout();
        Kernels.Rows dps = gradRows.stack(dpre, lastT, 0, gh);
        Kernels.multTransA(xsT, dps, grad.block(0), tmpRow);
        dps.columnSums(grad.block(2));
        if (cell != CellType.GRU) {
            Kernels.multTransA(hpT, dps, grad.block(1), tmpRow);
        } else if (cfg.resetAfter()) {
            // Wh multiplies h(t-1) for all three blocks; the a block's delta is d(Wh_a h + bh_a)
            Kernels.Rows rec = gradRowsRec.stackConcat(dpre, 2 * hid, daux, lastT);
            Kernels.multTransA(hpT, rec, grad.block(1), tmpRow);
            gradRowsA.stack(daux, lastT, 0, hid).columnSums(grad.block(lay.extraBlock()));
        } else {
            // Wh_r, Wh_z multiply h(t-1); Wh_a multiplies r(t) ⊙ h(t-1)
            DMatrixRMaj gwh = grad.block(1);
            auxST.reshape(hid, rows);
            stackTransposed(aux, 0, auxST, hid);
            gradTmp.reshape(hid, 2 * hid);
            Kernels.multTransA(hpT, gradRowsRec.stack(dpre, lastT, 0, 2 * hid), gradTmp, tmpRow);
            CommonOps_DDRM.insert(gradTmp, gwh, 0, 0);
            gradTmp.reshape(hid, hid);
            Kernels.multTransA(auxST, gradRowsA.stack(dpre, lastT, 2 * hid, hid), gradTmp, tmpRow);
            CommonOps_DDRM.insert(gradTmp, gwh, 0, 2 * hid);
        }
        if (cfg.peephole()) {
            double[] gp = grad.block(lay.extraBlock()).data;
            java.util.Arrays.fill(gp, 0.0);
            for (int k = 0; k < lastT; k++) {
                double[] dp = dpre[k].data;
                double[] cp = c[k].data;
                double[] cn = c[k + 1].data;
                for (int b = 0; b < lastB; b++) {
                    int o = b * gh;
                    int s = b * hid;
                    for (int j = 0; j < hid; j++) {
                        gp[j] += dp[o + j] * cp[s + j];
                        gp[hid + j] += dp[o + hid + j] * cp[s + j];
                        gp[2 * hid + j] += dp[o + 2 * hid + j] * cn[s + j];
                    }
                }
            }
        }
        Kernels.Rows dqs = gradRowsQ.stack(dq, lastT, 0, out);
        Kernels.multTransA(hsT, dqs, grad.block(lay.wyBlock()), tmpRow);
        dqs.columnSums(grad.block(lay.byBlock()));
    }

    /**
     * A snapshot of one sequence of the last forward (and backward, if run) pass: every per-step
     * quantity the case format names, the inputs, and the gradient. The snapshot shares nothing
     * with this engine.
     *
     * @param seq which sequence of the batch (0 for a single sequence)
     */
    public Trace trace(int seq) {
        if (batch == null) {
            throw new IllegalStateException("forward first");
        }
        return Trace.capture(this, seq);
    }

    // --- accessors for Trace.capture (package-private, read-only use) ---

    int lastLength() {
        return lastT;
    }

    int lastBatchSize() {
        return lastB;
    }

    Batch lastBatch() {
        return batch;
    }

    boolean backwardDone() {
        return backwardDone;
    }

    Integer lastTruncate() {
        return lastTruncate;
    }

    Weights lastGrad() {
        return lastGrad;
    }

    DMatrixRMaj[] hidden() {
        return h;
    }

    DMatrixRMaj[] cells() {
        return c;
    }

    DMatrixRMaj[] preActivations() {
        return pre;
    }

    DMatrixRMaj[] gates() {
        return gate;
    }

    DMatrixRMaj[] auxiliary() {
        return aux;
    }

    DMatrixRMaj[] outputsQ() {
        return q;
    }

    DMatrixRMaj[] outputsY() {
        return y;
    }

    DMatrixRMaj[] outputErrors() {
        return dq;
    }

    DMatrixRMaj[] hiddenErrors() {
        return dh;
    }

    DMatrixRMaj[] cellErrors() {
        return dc;
    }

    DMatrixRMaj[] preErrors() {
        return dpre;
    }

    DMatrixRMaj[] auxErrors() {
        return daux;
    }

    DMatrixRMaj initialHiddenError() {
        return dhNext;
    }

    DMatrixRMaj initialCellError() {
        return dcNext;
    }
}
