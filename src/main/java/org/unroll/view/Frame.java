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
 */
public record Frame(int index, Node current, List<Ref> reads, boolean delta, boolean backward,
                    Function<Node, double[]> value, Function<Node, double[]> error) {

    public Frame {
        reads = List.copyOf(reads);
    }

    /** Nothing computed yet. */
    public static Frame empty() {
        return new Frame(-1, null, List.of(), false, false, n -> null, n -> null);
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
