package org.unroll.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Forward propagation and backpropagation through time for one network configuration, on EJML:
 * the time loop, the output layer and the loss, full and truncated BPTT, and the weight
 * gradients. What one step of the cell computes, forwards and back, and how each step adds to each
 * gradient, is the {@link Cell}'s (one definition per cell); this class runs it.
 *
 * <p>One instance owns a workspace sized for the largest batch it has seen and reuses it: the time
 * loop allocates nothing. Per step, the gates of LSTM and GRU are computed as one fused product
 * over the concatenated gate blocks (ADR 0003). Weight gradients are not accumulated step by step:
 * after the backward loop the per-step deltas are stacked and each weight gradient is one matrix
 * product over all steps — the cell's {@linkplain Cell#gradientRules() gradient rules}, those
 * that share an input and sit side by side in a fused block taken as one product (ADR 0003).
 *
 * <p>Not thread-safe: one instance per thread. Typical use:
 * {@code double e = bptt.forward(w, batch); bptt.backward(w, null, grad); Trace tr = bptt.trace(0);}
 */
public final class Bptt {

    private final ModelConfig cfg;
    private final boolean lean;
    /** A lean engine's deltas: one per step (truncated BPTT, a gradient not summed in the loop) or one for all. */
    private DMatrixRMaj[] dpreSteps;
    private DMatrixRMaj[] dauxSteps;
    private DMatrixRMaj[] dpreShared;
    private DMatrixRMaj[] dauxShared;
    private final Cell cellDef;
    private final int in;
    private final int hid;
    private final int out;
    private final int gh;
    private final OutputActivation outAct;
    private final LossKind lossKind;
    private final Workspace ws;
    private final List<Group> groups;

    private int capT = -1;
    private int capB = -1;

    private DMatrixRMaj[] dpreAcc;
    private DMatrixRMaj[] dauxAcc;
    private final Kernels.Rows wxRows = new Kernels.Rows();
    private final Kernels.Rows wyRows = new Kernels.Rows();
    private final Kernels.Rows wyBack = new Kernels.Rows();
    /** The inputs of the weight products, stacked and transposed (dim × T·B), by input slot. */
    private final Map<Cell.Slot, DMatrixRMaj> stackedInputs = new LinkedHashMap<>();
    /** Where each quantity lives (the cell's answer, kept: this engine asks for every trace). */
    private final Map<Quantity, Cell.Slot> slots = new java.util.EnumMap<>(Quantity.class);

    private Batch batch;
    private double loss = Double.NaN;
    private int lastT;
    private int lastB;
    private boolean backwardDone;
    private Integer lastTruncate;
    private Weights lastGrad;

    /**
     * The gradient rules that one product (or one column sum, one diagonal loop) computes: same
     * kind, same input, deltas side by side in one workspace array and parameters side by side in
     * one fused block.
     */
    private static final class Group {
        final GradientRule.Kind kind;
        final Cell.Slot input;
        final Workspace.Field deltaField;
        final int deltaFrom;
        final int block;
        final int colOffset;
        int width;
        final Kernels.Rows rows = new Kernels.Rows();
        final DMatrixRMaj tmp = new DMatrixRMaj(1, 1);
        /**
         * For a batched engine's small products (ADR 0035): Σ_t x(t)ᵀ δ(t) added up step by step
         * while δ(t) is in cache, input rows × width, or width × input rows when {@code accT}.
         */
        boolean streamed;
        /** A column sum (a bias gradient) added up step by step in the same way. */
        boolean sumStreamed;
        /** A product that goes to OpenBLAS, its steps handed over during the backward loop. */
        boolean blasStreamed;
        NativeBlas.Sum blasSum;
        double[] packedInput;
        double[] packedDelta;
        boolean accT;
        double[][] acc = new double[0][];
        double[] scratch = new double[0];

        Group(GradientRule.Kind kind, Cell.Slot input, Cell.Slot delta, ParamSpec spec) {
            this.kind = kind;
            this.input = input;
            this.deltaField = delta.field();
            this.deltaFrom = delta.from();
            this.block = spec.block();
            this.colOffset = spec.colOffset();
            this.width = spec.rows();
        }

        boolean extends_(GradientRule.Kind k, Cell.Slot in, Cell.Slot delta, ParamSpec spec) {
            return k == kind && java.util.Objects.equals(in, input) && delta.field() == deltaField
                    && delta.from() == deltaFrom + width && spec.block() == block
                    && spec.colOffset() == colOffset + width;
        }
    }

    /**
     * An engine for one configuration and loss.
     *
     * @param config the network's shape (not modified)
     * @param loss the loss function
     */
    public Bptt(ModelConfig config, LossKind loss) {
        this(config, loss, false);
    }

    /**
     * An engine that, when {@code lean}, keeps only what the backward pass reads (ADR 0035): a
     * mini-batch shard's engine, never asked for a trace. It writes every step's per-step
     * quantities that nothing reads after the step (∂E/∂h(t), ∂E/∂c(t); the pre-activations when
     * the cell's backward does not read them; the deltas of full BPTT when every gradient is summed
     * during the backward loop) into one matrix instead of T, so the pass's memory traffic is less
     * than half. The numbers are the same as a full engine's, bit for bit; {@link #trace} and
     * {@link #backwardWindow} refuse.
     */
    Bptt(ModelConfig config, LossKind loss, boolean lean) {
        this.lean = lean;
        this.cfg = config;
        this.cellDef = Cell.of(config);
        this.in = config.inputSize();
        this.hid = config.hiddenSize();
        this.out = config.outputSize();
        this.gh = config.cell().gateCount() * hid;
        this.outAct = config.outputActivation();
        this.lossKind = loss;
        if (loss == LossKind.XENT && outAct == OutputActivation.LINEAR) {
            throw new IllegalArgumentException("xent needs a sigmoid or softmax output");
        }
        this.ws = new Workspace(config);
        ParamLayout lay = ParamLayout.of(config);
        List<Group> gs = new ArrayList<>();
        for (GradientRule r : cellDef.gradientRules()) {
            ParamSpec spec = lay.param(r.param());
            Cell.Slot delta = cellDef.slot(r.delta());
            Cell.Slot input = r.input() == null ? null : shifted(cellDef.slot(r.input()), r.shift());
            Group g = null;
            for (Group c : gs) {
                if (c.extends_(r.kind(), input, delta, spec)) {
                    g = c;
                }
            }
            if (g != null) {
                g.width += spec.rows();
            } else {
                gs.add(new Group(r.kind(), input, delta, spec));
            }
        }
        this.groups = List.copyOf(gs);
    }

    private static Cell.Slot shifted(Cell.Slot s, int shift) {
        return new Cell.Slot(s.field(), s.stepOffset() + shift, s.from(), s.width());
    }

    public ModelConfig config() {
        return cfg;
    }

    /** The cell this engine runs. */
    public Cell cell() {
        return cellDef;
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

    /** n references to one rows × cols matrix: a lean engine's per-step quantity that no later step reads. */
    private static DMatrixRMaj[] shared(int n, int rows, int cols) {
        DMatrixRMaj[] a = new DMatrixRMaj[n];
        java.util.Arrays.fill(a, new DMatrixRMaj(rows, cols));
        return a;
    }

    private void ensure(int t, int b) {
        if (t <= capT && b == capB) {
            return;
        }
        int ct = Math.max(t, b == capB ? capT : 0);
        capT = ct;
        capB = b;
        CellType cell = cfg.cell();
        ws.b = b;
        ws.h = mats(ct + 1, b, hid);
        ws.pre = lean && !cellDef.backwardReadsPre(ws) ? shared(ct, b, gh) : mats(ct, b, gh);
        ws.gate = mats(ct, b, gh);
        ws.q = mats(ct, b, out);
        ws.y = mats(ct, b, out);
        ws.dq = mats(ct, b, out);
        ws.dh = lean ? shared(ct, b, hid) : mats(ct, b, hid);
        dpreSteps = null;
        dauxSteps = null;
        if (lean) {
            dpreShared = shared(ct, b, gh);
            ws.dpre = dpreShared;
        } else {
            ws.dpre = mats(ct, b, gh);
        }
        if (cell == CellType.LSTM) {
            ws.c = mats(ct + 1, b, hid);
            ws.actC = mats(ct, b, hid);
            ws.dc = lean ? shared(ct, b, hid) : mats(ct, b, hid);
        }
        if (cell == CellType.GRU) {
            ws.aux = mats(ct, b, hid);
            if (lean) {
                dauxShared = shared(ct, b, hid);
                ws.daux = dauxShared;
            } else {
                ws.daux = mats(ct, b, hid);
            }
        }
        dpreAcc = null;
        dauxAcc = null;
        ws.dhNext = new DMatrixRMaj(b, hid);
        ws.dcNext = new DMatrixRMaj(b, hid);
        ws.tmpH = new DMatrixRMaj(b, hid);
        ws.tmpH2 = new DMatrixRMaj(b, hid);
        ws.tmp2H = new DMatrixRMaj(b, 2 * hid);
        ws.tmpRec = new DMatrixRMaj(b, gh);
        ws.whRz = new DMatrixRMaj(hid, 2 * hid);
        ws.whA = new DMatrixRMaj(hid, hid);
        ws.tmpRow = new double[Math.max(gh, Math.max(hid, out))];
        int rows = ct * b;
        stackedInputs.clear();
        for (Group g : groups) {
            if (g.kind == GradientRule.Kind.OUTER) {
                stackedInputs.computeIfAbsent(g.input, s -> new DMatrixRMaj(s.width(), rows));
            }
        }
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
        ws.t = tn;
        ws.b = bn;
        ws.x = data.x;
        this.backwardDone = false;
        ws.h[0].setTo(data.h0);
        if (cfg.hasCellState()) {
            ws.c[0].setTo(data.c0);
        }
        wxRows.copyOf(w.block(0));
        ws.wxRows = wxRows;
        cellDef.prepareForward(ws, w);
        boolean cellAddsInput = cellDef.addsInput(ws);
        for (int k = 0; k < tn; k++) {
            if (!cellAddsInput) {
                Kernels.mult(data.x[k], wxRows, ws.pre[k], false, ws.tmpRow);
            }
            cellDef.forward(ws, k);
        }
        wyRows.copyOf(w.block(w.layout().wyBlock()));
        double[] by = w.block(w.layout().byBlock()).data;
        for (int k = 0; k < tn; k++) {
            if (lean && data.y[k] == null) {
                continue; // no target: nothing reads q(t), y(t) but a trace, which a lean engine has not
            }
            Kernels.mult(ws.h[k + 1], wyRows, ws.q[k], false, ws.tmpRow);
            double[] qd = ws.q[k].data;
            for (int b = 0; b < bn; b++) {
                for (int j = 0; j < out; j++) {
                    qd[b * out + j] += by[j];
                }
            }
            outputActivation(ws.q[k], ws.y[k]);
        }
        loss = lossAndOutputErrors(data);
        return loss;
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
            double[] dqd = ws.dq[k].data;
            DMatrixRMaj tm = data.y[k];
            if (tm == null) {
                java.util.Arrays.fill(dqd, 0, lastB * out, 0.0);
                continue;
            }
            double[] td = tm.data;
            double[] qd = ws.q[k].data;
            double[] yd = ws.y[k].data;
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
        prepareBackward(w);
        boolean truncated = truncate != null && truncate < lastT;
        boolean anyStreamed = startStreamed();
        if (lean) {
            // one delta matrix for all steps only when nothing reads a step's deltas after the step
            boolean inLoop = !truncated;
            for (Group g : groups) {
                inLoop &= g.streamed || g.blasStreamed || g.sumStreamed;
            }
            if (inLoop) {
                ws.dpre = dpreShared;
                ws.daux = dauxShared;
            } else {
                if (dpreSteps == null) {
                    dpreSteps = mats(capT, capB, gh);
                    dauxSteps = dauxShared != null ? mats(capT, capB, hid) : null;
                }
                ws.dpre = dpreSteps;
                ws.daux = dauxSteps;
            }
        }
        if (!truncated) {
            ws.dhNext.zero();
            ws.dcNext.zero();
            for (int k = lastT - 1; k >= 0; k--) {
                if (lean && batch.y[k] == null) {
                    // dq(t) = 0: dh(t) = 0 + what flows back, as the product and the sum below give it
                    double[] dh = ws.dh[k].data;
                    double[] dn = ws.dhNext.data;
                    for (int i = 0; i < lastB * hid; i++) {
                        dh[i] = 0.0 + dn[i];
                    }
                } else {
                    Kernels.mult(ws.dq[k], wyBack, ws.dh[k], false, ws.tmpRow);
                    CommonOps_DDRM.addEquals(ws.dh[k], ws.dhNext);
                }
                cellDef.backward(ws, k);
                if (anyStreamed) {
                    streamStep(k);
                }
            }
        } else {
            if (dpreAcc == null) {
                dpreAcc = mats(capT, capB, gh);
                dauxAcc = ws.daux != null ? mats(capT, capB, hid) : null;
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
                final int only = s;
                runBack(lo, s, k -> k == only);
                for (int k = s; k >= lo; k--) {
                    CommonOps_DDRM.addEquals(dpreAcc[k], ws.dpre[k]);
                    if (dauxAcc != null) {
                        CommonOps_DDRM.addEquals(dauxAcc[k], ws.daux[k]);
                    }
                }
            }
            for (int k = 0; k < lastT; k++) {
                ws.dpre[k].setTo(dpreAcc[k]);
                if (dauxAcc != null) {
                    ws.daux[k].setTo(dauxAcc[k]);
                }
                if (anyStreamed) {
                    streamStep(k);
                }
            }
        }
        parameterGradients(grad);
        backwardDone = true;
        lastTruncate = truncated ? truncate : null;
        lastGrad = grad;
    }

    private void prepareBackward(Weights w) {
        wyBack.transposeOf(w.block(w.layout().wyBlock()));
        cellDef.prepareBackward(ws, w);
    }

    /**
     * Back from index hi down to lo (0-based): dh[k] = (dq[k] Wy if inject(k)) + what flows back
     * from k+1, then the cell's step back. Starts from zero errors above hi.
     */
    private void runBack(int lo, int hi, IntPredicate inject) {
        ws.dhNext.zero();
        ws.dcNext.zero();
        for (int k = hi; k >= lo; k--) {
            if (inject.test(k)) {
                Kernels.mult(ws.dq[k], wyBack, ws.dh[k], false, ws.tmpRow);
                CommonOps_DDRM.addEquals(ws.dh[k], ws.dhNext);
            } else {
                ws.dh[k].setTo(ws.dhNext);
            }
            cellDef.backward(ws, k);
        }
    }

    /**
     * The errors of one backward run through steps lo..hi (1-based) of sequence 0 after
     * {@link #forward}, with the output error e_o(t) entering only at the steps {@code inject}
     * accepts and nothing from above hi: the errors ∂E_s/∂· of one window of truncated BPTT (lo =
     * s − k + 1, hi = s, inject only s), or of full BPTT (1..T, every step). The same cell steps
     * as {@link #backward}; this engine's deltas are overwritten (call {@link #backward} again for
     * a trace).
     *
     * @param w the weights of the forward pass (not modified)
     */
    public WindowErrors backwardWindow(Weights w, int lo, int hi, IntPredicate inject) {
        if (lean) {
            throw new IllegalStateException("a lean engine keeps no trace");
        }
        if (batch == null) {
            throw new IllegalStateException("forward first");
        }
        if (lo < 1 || hi > lastT || lo > hi) {
            throw new IllegalArgumentException("no steps " + lo + ".." + hi + " in a sequence of " + lastT);
        }
        prepareBackward(w);
        runBack(lo - 1, hi - 1, k -> inject.test(k + 1));
        backwardDone = false;
        Map<Quantity, double[][]> d = new LinkedHashMap<>();
        for (Quantity q : cellDef.deltaQuantities(true)) {
            if (q == Quantity.DQ) {
                continue;
            }
            Cell.Slot s = cellDef.slot(q);
            double[][] a = new double[lastT + 1][];
            DMatrixRMaj[] src = ws.array(s.field());
            for (int t = lo; t <= hi; t++) {
                a[t] = new double[s.width()];
                System.arraycopy(src[t - 1 + s.stepOffset()].data, s.from(), a[t], 0, s.width());
            }
            d.put(q, a);
        }
        double[] bh = java.util.Arrays.copyOf(ws.dhNext.data, hid);
        double[] bc = cfg.hasCellState() ? java.util.Arrays.copyOf(ws.dcNext.data, hid) : null;
        return new WindowErrors(lo, hi, d, bh, bc);
    }

    /**
     * Whether a group's product goes to OpenBLAS: a batched engine's large whole-array product. An
     * input of fewer than {@link Kernels#BLAS_MIN_INNER} columns (x·Wx's gradient with a few inputs)
     * stays in the streamed Java sum, as x·Wx itself stays in Java (ADR 0039).
     */
    private boolean toBlas(Group g) {
        return lastB >= Kernels.BLAS_MIN_ROWS && NativeBlas.available()
                && g.input.width() >= Kernels.BLAS_MIN_INNER
                && (long) g.input.width() * g.width * lastB >= Kernels.BLAS_MIN_MACS;
    }

    /**
     * Marks the groups whose sums are streamed (ADR 0035): in an engine of at least
     * {@link Kernels#BLAS_MIN_ROWS} rows, an outer product that does not go to OpenBLAS (x·Wx's
     * gradient with a few inputs, the output layer's) is added up step by step during the backward
     * loop instead of stacking all T·B rows of its deltas first (16 MB for the adding problem's
     * shard). Smaller engines (every batch-1 path) keep the stacked product and its bits.
     *
     * @return whether any group is streamed (their sums zeroed)
     */
    private boolean startStreamed() {
        boolean any = false;
        for (Group g : groups) {
            g.blasStreamed = g.kind == GradientRule.Kind.OUTER && toBlas(g);
            if (g.blasStreamed) {
                if (g.blasSum == null) {
                    g.blasSum = new NativeBlas.Sum();
                }
                g.blasSum.begin(g.input.width(), g.width, lastB);
                any = true;
            }
            g.sumStreamed = g.kind == GradientRule.Kind.SUM && lastB >= Kernels.BLAS_MIN_ROWS;
            if (g.sumStreamed) {
                if (g.acc.length != 1 || g.acc[0].length != g.width) {
                    g.acc = new double[1][g.width];
                } else {
                    java.util.Arrays.fill(g.acc[0], 0.0);
                }
                if (g.scratch.length < g.width) {
                    g.scratch = new double[g.width];
                }
                any = true;
                continue;
            }
            g.streamed = g.kind == GradientRule.Kind.OUTER && lastB >= Kernels.BLAS_MIN_ROWS && !toBlas(g);
            if (!g.streamed) {
                continue;
            }
            any = true;
            int iw = g.input.width();
            g.accT = g.width < iw;
            int r = g.accT ? g.width : iw;
            int c = g.accT ? iw : g.width;
            if (g.acc.length != r || (r > 0 && g.acc[0].length != c)) {
                g.acc = new double[r][c];
            } else {
                for (double[] row : g.acc) {
                    java.util.Arrays.fill(row, 0.0);
                }
            }
            if (g.scratch.length < Math.max(iw, g.width)) {
                g.scratch = new double[Math.max(iw, g.width)];
            }
        }
        return any;
    }

    /** Adds step k's x(k)ᵀ δ(k) to every streamed group's sum, row by row of the batch. */
    private void streamStep(int k) {
        for (Group g : groups) {
            if (g.blasStreamed) {
                // whole matrices as they are; a slice of columns (the GRU's r, z and a blocks) packed first
                DMatrixRMaj im = ws.array(g.input.field())[k + g.input.stepOffset()];
                DMatrixRMaj dm = ws.array(g.deltaField)[k];
                g.blasSum.add(packed(im, g.input.from(), g.input.width(), g, false),
                        packed(dm, g.deltaFrom, g.width, g, true));
                continue;
            }
            if (g.sumStreamed) {
                DMatrixRMaj dm = ws.array(g.deltaField)[k];
                double[] dd = dm.data;
                double[] acc = g.acc[0];
                int w = g.width;
                for (int b = 0; b < lastB; b++) {
                    int o = b * dm.numCols + g.deltaFrom;
                    for (int j = 0; j < w; j++) {
                        acc[j] += dd[o + j];
                    }
                }
                continue;
            }
            if (!g.streamed) {
                continue;
            }
            DMatrixRMaj dm = ws.array(g.deltaField)[k];
            DMatrixRMaj im = ws.array(g.input.field())[k + g.input.stepOffset()];
            double[] dd = dm.data;
            double[] id = im.data;
            int dcols = dm.numCols;
            int icols = im.numCols;
            int ifrom = g.input.from();
            int iw = g.input.width();
            int w = g.width;
            double[] tmp = g.scratch;
            double[][] acc = g.acc;
            for (int b = 0; b < lastB; b++) {
                if (!g.accT) {
                    // acc[i][0..w) += x_i · δ-row
                    int dof = b * dcols + g.deltaFrom;
                    int io = b * icols + ifrom;
                    for (int i = 0; i < iw; i++) {
                        double a = id[io + i];
                        if (a == 0.0) {
                            continue;
                        }
                        double[] row = acc[i];
                        for (int j = 0; j < w; j++) {
                            row[j] += a * dd[dof + j];
                        }
                    }
                } else {
                    int dof = b * dcols + g.deltaFrom;
                    boolean copied = false;
                    for (int j = 0; j < w; j++) {
                        double a = dd[dof + j];
                        if (a == 0.0) {
                            continue;
                        }
                        if (!copied) {
                            System.arraycopy(id, b * icols + ifrom, tmp, 0, iw);
                            copied = true;
                        }
                        double[] row = acc[j];
                        for (int i = 0; i < iw; i++) {
                            row[i] += a * tmp[i];
                        }
                    }
                }
            }
        }
    }

    /** m's data when columns [from, from + width) are all of it, else those columns packed into a group's scratch. */
    private double[] packed(DMatrixRMaj m, int from, int width, Group g, boolean delta) {
        if (from == 0 && width == m.numCols) {
            return m.data;
        }
        int n = lastB * width;
        double[] p = delta ? g.packedDelta : g.packedInput;
        if (p == null || p.length < n) {
            p = new double[n];
            if (delta) {
                g.packedDelta = p;
            } else {
                g.packedInput = p;
            }
        }
        for (int b = 0; b < lastB; b++) {
            System.arraycopy(m.data, b * m.numCols + from, p, b * width, width);
        }
        return p;
    }

    /** Writes a streamed group's sum into its place in the gradient block. */
    private static void putStreamed(Group g, DMatrixRMaj dst) {
        double[] d = dst.data;
        int cols = dst.numCols;
        int rows = g.input.width();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < g.width; j++) {
                d[i * cols + g.colOffset + j] = g.accT ? g.acc[j][i] : g.acc[i][j];
            }
        }
    }

    /** Writes rows src[k+offset] (B×cols each, columns from..from+width) as columns k·B.. of dstT. */
    private void stackTransposed(DMatrixRMaj[] src, int offset, int from, DMatrixRMaj dstT, int width) {
        int rows = lastT * lastB;
        dstT.reshape(width, rows);
        double[] d = dstT.data;
        int cols = src[0].numCols;
        for (int k = 0; k < lastT; k++) {
            double[] sd = src[k + offset].data;
            for (int b = 0; b < lastB; b++) {
                int col = k * lastB + b;
                int so = b * cols + from;
                for (int j = 0; j < width; j++) {
                    d[j * rows + col] = sd[so + j];
                }
            }
        }
    }

    /** Every parameter's gradient from the cell's rules: one product (or sum) per group of rules. */
    private void parameterGradients(Weights grad) {
        for (Map.Entry<Cell.Slot, DMatrixRMaj> e : stackedInputs.entrySet()) {
            Cell.Slot s = e.getKey();
            boolean needed = false;
            for (Group g : groups) {
                needed |= g.kind == GradientRule.Kind.OUTER && s.equals(g.input) && !g.streamed && !toBlas(g);
            }
            if (needed) {
                stackTransposed(ws.array(s.field()), s.stepOffset(), s.from(), e.getValue(), s.width());
            }
        }
        for (Group g : groups) {
            DMatrixRMaj dst = grad.block(g.block);
            boolean whole = g.colOffset == 0 && g.width == dst.numCols;
            DMatrixRMaj[] deltas = ws.array(g.deltaField);
            switch (g.kind) {
                case OUTER -> {
                    if (g.streamed) {
                        putStreamed(g, dst);
                        continue;
                    }
                    if (toBlas(g)) {
                        // Σ_t x(t)ᵀ δ(t), the steps handed to OpenBLAS during the backward loop
                        int rows = g.input.width();
                        DMatrixRMaj target = whole ? dst : g.tmp;
                        target.reshape(rows, g.width);
                        g.blasSum.finish(target.data);
                        if (!whole) {
                            CommonOps_DDRM.insert(g.tmp, dst, 0, g.colOffset);
                        }
                        continue;
                    }
                    Kernels.Rows r = g.rows.stack(deltas, lastT, g.deltaFrom, g.width);
                    if (whole) {
                        Kernels.multTransA(stackedInputs.get(g.input), r, dst, ws.tmpRow);
                    } else {
                        Kernels.multTransA(stackedInputs.get(g.input), r, g.tmp, ws.tmpRow);
                        CommonOps_DDRM.insert(g.tmp, dst, 0, g.colOffset);
                    }
                }
                case SUM -> {
                    if (g.sumStreamed) {
                        System.arraycopy(g.acc[0], 0, dst.data, g.colOffset, g.width);
                        continue;
                    }
                    // Σ over steps and sequences, row by row in that order (the rows are not stacked first)
                    DMatrixRMaj target = whole ? dst : g.tmp;
                    target.reshape(1, g.width);
                    Kernels.columnSums(deltas, lastT, lastB, g.deltaFrom, g.width, target.data, ws.tmpRow);
                    if (!whole) {
                        CommonOps_DDRM.insert(g.tmp, dst, 0, g.colOffset);
                    }
                }
                case DIAGONAL -> {
                    double[] gp = dst.data;
                    java.util.Arrays.fill(gp, g.colOffset, g.colOffset + g.width, 0.0);
                    DMatrixRMaj[] src = ws.array(g.input.field());
                    int dcols = deltas[0].numCols;
                    int icols = src[0].numCols;
                    for (int k = 0; k < lastT; k++) {
                        double[] dp = deltas[k].data;
                        double[] u = src[k + g.input.stepOffset()].data;
                        for (int b = 0; b < lastB; b++) {
                            int o = b * dcols + g.deltaFrom;
                            int s = b * icols + g.input.from();
                            for (int j = 0; j < g.width; j++) {
                                gp[g.colOffset + j] += dp[o + j] * u[s + j % hid];
                            }
                        }
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    /**
     * A snapshot of one sequence of the last forward (and backward, if run) pass: every per-step
     * quantity the cell records, the inputs, and the gradient. The snapshot shares nothing
     * with this engine.
     *
     * @param seq which sequence of the batch (0 for a single sequence)
     */
    public Trace trace(int seq) {
        if (lean) {
            throw new IllegalStateException("a lean engine keeps no trace");
        }
        if (batch == null) {
            throw new IllegalStateException("forward first");
        }
        return Trace.capture(this, seq);
    }

    /**
     * The trace of the last pass over a single sequence, made from the workspace itself, which is
     * handed over (ADR 0032): a per-step row the trace keeps whole (h, q, y, c, their errors) is
     * moved into it rather than copied, and each of the workspace's fields is dropped as soon as
     * the trace has all of it (a gate block once its gates are copied). The heap at its peak is the
     * workspace and one field more, not the workspace and the whole trace: for an LSTM at H = 24
     * about 0.6×, for a simple RNN about 0.55×. The engine can run again (the next pass allocates a
     * new workspace); {@link #trace} needs a pass first.
     *
     * @return the same snapshot {@code trace(0)} would give
     */
    public Trace takeTrace() {
        if (lean) {
            throw new IllegalStateException("a lean engine keeps no trace");
        }
        if (batch == null) {
            throw new IllegalStateException("forward first");
        }
        if (lastB != 1) {
            return trace(0);
        }
        taking = new java.util.EnumMap<>(Workspace.Field.class);
        try {
            return Trace.capture(this, 0);
        } finally {
            taking = null;
            ws.dropAll();
            capT = -1;
            capB = -1;
            dpreAcc = null;
            dauxAcc = null;
            stackedInputs.clear();
            batch = null;
        }
    }

    /** While {@link #takeTrace} runs: the columns of each field the trace has taken. */
    private java.util.Map<Workspace.Field, java.util.BitSet> taking;

    // --- for Trace.capture (package-private, read-only use but in takeTrace) ---

    /** One sequence's rows of a quantity over all steps, a copy (T × width); in {@link #takeTrace}, moved when whole. */
    double[][] rowsOf(Quantity q, int seq) {
        Cell.Slot s = slots.computeIfAbsent(q, cellDef::slot);
        DMatrixRMaj[] src = ws.array(s.field());
        if (src == null) {
            throw new IllegalStateException("the workspace's " + s.field() + " was handed over to a trace");
        }
        double[][] r = new double[lastT][];
        for (int k = 0; k < lastT; k++) {
            DMatrixRMaj x = src[k + s.stepOffset()];
            if (taking != null && s.from() == 0 && x.numCols == s.width() && x.data.length == s.width()) {
                r[k] = x.data;
            } else {
                r[k] = new double[s.width()];
                System.arraycopy(x.data, seq * x.numCols + s.from(), r[k], 0, s.width());
            }
        }
        if (taking != null) {
            java.util.BitSet cols = taking.computeIfAbsent(s.field(), f -> new java.util.BitSet());
            cols.set(s.from(), s.from() + s.width());
            if (cols.cardinality() >= src[s.stepOffset()].numCols) {
                ws.drop(s.field());
            }
        }
        return r;
    }

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

    DMatrixRMaj initialHiddenError() {
        return ws.dhNext;
    }

    DMatrixRMaj initialCellError() {
        return ws.dcNext;
    }
}
