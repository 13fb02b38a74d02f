package org.unroll.schedule;

import java.util.Objects;
import org.unroll.graph.Node;

/**
 * What an event reads: a node's forward value ({@code isDelta} false; for a parameter, its matrix)
 * or its error ({@code isDelta} true). Immutable.
 *
 * @param node the node read
 * @param isDelta whether its error is read rather than its value
 */
public record Ref(Node node, boolean isDelta) {

    public Ref {
        Objects.requireNonNull(node, "node");
    }

    @Override
    public String toString() {
        return (isDelta ? "d " : "") + node.label();
    }
}
