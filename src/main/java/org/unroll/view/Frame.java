package org.unroll.view;

import java.util.List;
import java.util.function.Function;
import org.unroll.graph.Node;
import org.unroll.schedule.Ref;

/**
 * What the graph shows at one position of the cursor. Immutable.
 *
 * @param index the event index (−1 before the first event)
 * @param current the node the current event computes (for a gradient event, the parameter), or null
 * @param reads what the current event reads (values, errors, parameters)
 * @param delta whether the current event computes an error or a gradient term rather than a value
 * @param backward whether the cursor is in the backward or gradient phase (nodes show their errors)
 * @param value a node's forward value if computed at this position, else null
 * @param error a node's error if computed at this position, else null
 * @param hidden whether the current event's result is hidden (predict, then reveal): {@code value}
 *               and {@code error} are then those known before the event, and the current node
 *               shows a question mark instead of its result
 * @param marked nodes marked as the two factors of a selected gradient term (e_h(t) and x(t) or
 *               h(t−1)); empty for none
 */
public record Frame(int index, Node current, List<Ref> reads, boolean delta, boolean backward,
                    Function<Node, double[]> value, Function<Node, double[]> error, boolean hidden,
                    List<Node> marked) {

    public Frame {
        reads = List.copyOf(reads);
        marked = marked == null ? List.of() : List.copyOf(marked);
    }

    /** A frame that hides nothing and marks nothing. */
    public Frame(int index, Node current, List<Ref> reads, boolean delta, boolean backward,
                 Function<Node, double[]> value, Function<Node, double[]> error) {
        this(index, current, reads, delta, backward, value, error, false, List.of());
    }

    /** Nothing computed yet. */
    public static Frame empty() {
        return new Frame(-1, null, List.of(), false, false, n -> null, n -> null);
    }

    /** This frame with nodes marked (the factors of a selected gradient term), the same otherwise. */
    public Frame marking(List<Node> nodes) {
        return new Frame(index, current, reads, delta, backward, value, error, hidden, nodes);
    }

    /**
     * What a picture of this frame depends on besides the session: the event, whether its result
     * is hidden, the marked nodes (the painter's jobs and caches compare these, not the functions).
     */
    public List<Object> key() {
        return List.of(index, hidden, marked);
    }

    /** Whether the current event reads or computes a parameter. */
    public boolean touches(Node parameter) {
        if (parameter.equals(current)) {
            return true;
        }
        for (Ref r : reads) {
            if (r.node().equals(parameter)) {
                return true;
            }
        }
        return false;
    }
}
