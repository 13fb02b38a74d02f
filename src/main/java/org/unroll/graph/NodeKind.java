package org.unroll.graph;

/**
 * What a node of the unrolled network stands for. The declaration order is the fixed order used
 * to break ties in {@link UnrolledGraph#topologicalOrder()} (after the time step).
 */
public enum NodeKind {
    /** One node per case-file parameter (Wx, Wh, b, Wy, by; Wx_i … p_i … bh_a), shared by all steps. */
    PARAMETER,
    /** h(0) and, for LSTM, c(0). */
    INITIAL_STATE,
    /** x(t). */
    INPUT,
    /** A pre-activation: the RNN's p(t), a gate's pre_g(t). */
    PRE,
    /** A gate or candidate activation: i, f, o, a (LSTM) or r, z, a (GRU). The RNN has none (its activation is h). */
    GATE,
    /** The LSTM's cell state c(t). */
    CELL,
    /** The hidden state h(t) (for the simple RNN, the activation f(p(t)) itself). */
    HIDDEN,
    /** The output layer's pre-activation q(t). */
    OUTPUT_PRE,
    /** The output y(t) = g(q(t)). */
    OUTPUT,
    /** E_t, the share of the loss of a step that has a target. */
    LOSS_TERM,
    /** E, the loss. */
    LOSS
}
