package org.unroll.graph;

import java.util.Objects;

/**
 * A data dependency {@code from → to}: {@code to}'s forward value reads {@code from}'s. Immutable.
 *
 * <p>{@code parameter} is the parameter node the value of {@code from} is multiplied by on the way
 * (a matrix such as Wx or Wh_i, or a peephole vector p_i/p_f/p_o, elementwise), or null. A bias
 * enters as an edge whose {@code from} is the bias's parameter node and whose {@code parameter} is
 * null. In the GRU's candidate both h(t-1) and r(t) reach pre_a(t) via Wh_a (through
 * r(t) ⊙ h(t-1), or r(t) ⊙ (Wh_a h(t-1) + bh_a) with {@code resetAfter}).
 *
 * @param from the node read
 * @param to the node computed
 * @param parameter the parameter multiplying {@code from}, or null
 */
public record Edge(Node from, Node to, Node parameter) {

    public Edge {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (parameter != null && parameter.kind() != NodeKind.PARAMETER) {
            throw new IllegalArgumentException("not a parameter: " + parameter);
        }
    }

    /**
     * The parameter this edge reads, whether as a multiplier ({@link #parameter()}) or as its
     * source (a bias); null if none.
     */
    public Node parameterUsed() {
        if (parameter != null) {
            return parameter;
        }
        return from.kind() == NodeKind.PARAMETER ? from : null;
    }

    /** Whether the edge carries state from one time step to the next (h(t-1) → …, c(t-1) → …). */
    public boolean isRecurrent() {
        return from.kind() != NodeKind.PARAMETER && to.kind() != NodeKind.LOSS && from.step() < to.step();
    }

    @Override
    public String toString() {
        return from.label() + " -> " + to.label() + (parameter == null ? "" : " via " + parameter.label());
    }
}
