package org.unroll.graph;

import java.util.Objects;

/**
 * One node of the unrolled network: a vector quantity at one time step, or a shared parameter.
 * Immutable. Nodes are created only by {@link UnrolledGraph}; {@code id} is the node's index in
 * {@link UnrolledGraph#nodes()}.
 *
 * @param id index in the graph's node list
 * @param kind what the node stands for
 * @param key the trace key: {@code "x"}, {@code "h0"}, {@code "c0"}, {@code "p"}, {@code "pre_i"},
 *            {@code "i"}, {@code "c"}, {@code "h"}, {@code "q"}, {@code "y"}, {@code "E_t"},
 *            {@code "E"}, or the case-file parameter name ({@code "Wx"}, {@code "Wh_f"}, {@code "p_o"} …)
 * @param step the time step t (1..T); 0 for initial states, parameters and E
 * @param label the display label in the book's notation ({@code "p(3)"}, {@code "h(0)"},
 *              {@code "i(1)"}, {@code "E_2"}, {@code "U"}, {@code "W_i"} …; see {@link Notation},
 *              whose instances give the other notations' labels)
 * @param deltaKey the trace key of the node's error ({@code "dp"}, {@code "dh"}, {@code "dc"},
 *                 {@code "dpre_i"}, {@code "dq"}, {@code "dh0"}, {@code "dc0"}), or null when the
 *                 trace keeps none: inputs, gate activations (their errors are folded into the
 *                 pre-activation's delta), y, E_t, E and parameters (whose gradient is
 *                 {@code Trace.grad}, see {@link TraceValues#gradient(Node)})
 */
public record Node(int id, NodeKind kind, String key, int step, String label, String deltaKey) {

    public Node {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(label, "label");
    }

    /** Whether the trace keeps an error for this node ({@code deltaKey() != null}). */
    public boolean hasDelta() {
        return deltaKey != null;
    }

    /** Whether this is a shared parameter. */
    public boolean isParameter() {
        return kind == NodeKind.PARAMETER;
    }

    @Override
    public String toString() {
        return label;
    }
}
