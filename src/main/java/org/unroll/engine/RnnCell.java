package org.unroll.engine;

import java.util.List;

/**
 * The simple RNN of the book: {@code p(t) = U x(t) + W h(t−1) + b}, {@code h(t) = f(p(t))}
 * (case keys Wx = U, Wh = W, b). Back: {@code e_h(t) = ∂E/∂p(t) = ∂E/∂h(t) ⊙ f′(p(t))},
 * {@code ∂E/∂h(t−1) = Wᵀ e_h(t)}; the step adds {@code e_h(t) x(t)ᵀ} to ∂E/∂U,
 * {@code e_h(t) h(t−1)ᵀ} to ∂E/∂W and {@code e_h(t)} to ∂E/∂b.
 */
final class RnnCell extends Cell {

    RnnCell(ModelConfig cfg) {
        super(cfg);
    }

    @Override
    public List<Quantity> forwardQuantities() {
        return List.of(Quantity.H, Quantity.Q, Quantity.Y, Quantity.P);
    }

    @Override
    public List<Quantity> deltaQuantities(boolean full) {
        return full ? List.of(Quantity.DQ, Quantity.DH, Quantity.DP) : List.of(Quantity.DQ, Quantity.DP);
    }

    @Override
    public List<Quantity> stepQuantities() {
        return List.of(Quantity.P, Quantity.H);
    }

    @Override
    public List<Wire> wiring() {
        return List.of(Wire.in(Quantity.X, "Wx", Quantity.P), Wire.prev(Quantity.H, "Wh", Quantity.P),
                Wire.bias("b", Quantity.P), Wire.plain(Quantity.P, Quantity.H));
    }

    @Override
    public List<String> parameterGates() {
        return List.of("");
    }

    @Override
    public List<Quantity> gates() {
        return List.of();
    }

    @Override
    public Quantity preActivationOf(Quantity gate) {
        return Quantity.P;
    }

    @Override
    List<GradientRule> cellRules() {
        return List.of(GradientRule.outer("Wx", Quantity.DP, Quantity.X, 0),
                GradientRule.outer("Wh", Quantity.DP, Quantity.H, -1),
                GradientRule.sum("b", Quantity.DP));
    }

    @Override
    Slot cellSlot(Quantity q) {
        return switch (q) {
            case P -> new Slot(Workspace.Field.PRE, 0, 0, hid);
            case DP -> new Slot(Workspace.Field.DPRE, 0, 0, hid);
            default -> null;
        };
    }

    @Override
    void prepareForward(Workspace ws, Weights w) {
        ws.whRows.copyOf(w.block(1));
        ws.bias = w.block(2).data;
        ws.extra = null;
    }

    @Override
    void forward(Workspace ws, int k) {
        var p = ws.pre[k];
        Kernels.mult(ws.h[k], ws.whRows, p, true, ws.tmpRow);
        addBias(p.data, ws.bias, ws.b, ws.gh);
        double[] pd = p.data;
        double[] gd = ws.gate[k].data;
        double[] hn = ws.h[k + 1].data;
        int n = ws.b * hid;
        if (vectorised(ws)) {
            // a batched engine (ADR 0035): all B rows squashed in one VecMath pass
            if (ws.vecT == null || ws.vecT.length < n) {
                ws.vecT = new double[n];
            }
            if (act == Activation.TANH) {
                VecMath.tanh(pd, gd, ws.vecT, n);
            } else {
                VecMath.sigmoid(pd, gd, ws.vecT, n);
            }
            System.arraycopy(gd, 0, hn, 0, n);
            return;
        }
        for (int i = 0; i < n; i++) {
            double v = act.apply(pd[i]);
            gd[i] = v;
            hn[i] = v;
        }
    }

    /**
     * Whether this step squashes with {@link VecMath} (a few units in the last place from
     * {@link Activation}): tanh or σ in an engine of at least {@link Kernels#BLAS_MIN_ROWS} rows,
     * never a batch-1 path, whose bits stay as they were.
     */
    private boolean vectorised(Workspace ws) {
        return (act == Activation.TANH || act == Activation.SIGMOID) && ws.b >= Kernels.BLAS_MIN_ROWS;
    }

    @Override
    void prepareBackward(Workspace ws, Weights w) {
        ws.whBack.transposeOf(w.block(1));
    }

    @Override
    void backward(Workspace ws, int k) {
        double[] dhd = ws.dh[k].data;
        double[] dp = ws.dpre[k].data;
        double[] pd = ws.pre[k].data;
        double[] gd = ws.gate[k].data;
        int n = ws.b * hid;
        for (int i = 0; i < n; i++) {
            dp[i] = dhd[i] * act.derivative(pd[i], gd[i]);
        }
        Kernels.mult(ws.dpre[k], ws.whBack, ws.dhNext, false, ws.tmpRow);
    }
}
