package org.unroll.engine;

import org.ejml.data.DMatrixRMaj;

/**
 * The arrays of one forward and backward pass, reused from pass to pass: index k = t − 1 for step
 * t (h and c: index t, with h[0] = h0). Shared by {@link Bptt}, which sizes it and runs the time
 * loop, and the {@link Cell}s, which compute one step in it. Package-private, not thread-safe.
 */
final class Workspace {

    /** The arrays a quantity can live in (see {@link Cell#slot}). */
    enum Field { X, H, C, PRE, GATE, AUX, Q, Y, DQ, DH, DC, DPRE, DAUX }

    final int in;
    final int hid;
    final int out;
    final int gh;
    /** The batch size and length of the last forward pass. */
    int b;
    int t;

    DMatrixRMaj[] x;
    DMatrixRMaj[] h;
    DMatrixRMaj[] c;
    DMatrixRMaj[] actC;
    DMatrixRMaj[] pre;
    DMatrixRMaj[] gate;
    DMatrixRMaj[] aux;
    DMatrixRMaj[] q;
    DMatrixRMaj[] y;
    DMatrixRMaj[] dq;
    DMatrixRMaj[] dh;
    DMatrixRMaj[] dc;
    DMatrixRMaj[] dpre;
    DMatrixRMaj[] daux;
    /** Going back: ∂E/∂h(t−1) and the part of ∂E/∂c(t−1) that flows through step t. */
    DMatrixRMaj dhNext;
    DMatrixRMaj dcNext;
    DMatrixRMaj tmpH;
    DMatrixRMaj tmpH2;
    DMatrixRMaj tmp2H;
    DMatrixRMaj tmpRec;
    DMatrixRMaj whRz;
    DMatrixRMaj whA;
    double[] tmpRow;
    /**
     * For a batched engine's {@link VecMath} passes (ADR 0035): scratch of one step's B × gh values,
     * and each of those values' scale (−1: a gate's σ, −2: tanh), set by the cell; null until used.
     */
    double[] vecT;
    double[] gateScale;
    /** x·Wx's right factor, for a cell that adds the input product itself ({@link Cell#addsInput}). */
    Kernels.Rows wxRows;
    /** The weights of the pass, as the cells read them: the fused bias, the extra block (or null). */
    double[] bias;
    double[] extra;
    // weights as row arrays for the vectorised kernels (ADR 0003): forward as stored, backward transposed
    final Kernels.Rows whRows = new Kernels.Rows();
    final Kernels.Rows whRzRows = new Kernels.Rows();
    final Kernels.Rows whARows = new Kernels.Rows();
    final Kernels.Rows whBack = new Kernels.Rows();
    final Kernels.Rows whRzBack = new Kernels.Rows();
    final Kernels.Rows whABack = new Kernels.Rows();

    Workspace(ModelConfig cfg) {
        this.in = cfg.inputSize();
        this.hid = cfg.hiddenSize();
        this.out = cfg.outputSize();
        this.gh = cfg.cell().gateCount() * hid;
    }

    /** Forgets a field's per-step matrices (handed over to a trace, {@link Bptt#takeTrace}). */
    void drop(Field f) {
        switch (f) {
            case X -> x = null;
            case H -> h = null;
            case C -> c = null;
            case PRE -> pre = null;
            case GATE -> gate = null;
            case AUX -> aux = null;
            case Q -> q = null;
            case Y -> y = null;
            case DQ -> dq = null;
            case DH -> dh = null;
            case DC -> dc = null;
            case DPRE -> dpre = null;
            case DAUX -> daux = null;
        }
    }

    /** Forgets every per-step matrix (all handed over, or no longer needed). */
    void dropAll() {
        for (Field f : Field.values()) {
            drop(f);
        }
        actC = null;
    }

    DMatrixRMaj[] array(Field f) {
        return switch (f) {
            case X -> x;
            case H -> h;
            case C -> c;
            case PRE -> pre;
            case GATE -> gate;
            case AUX -> aux;
            case Q -> q;
            case Y -> y;
            case DQ -> dq;
            case DH -> dh;
            case DC -> dc;
            case DPRE -> dpre;
            case DAUX -> daux;
        };
    }
}
