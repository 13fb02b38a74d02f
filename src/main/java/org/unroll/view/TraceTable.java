package org.unroll.view;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.unroll.graph.Node;
import org.unroll.graph.Notation;
import org.unroll.graph.TraceValues;
import org.unroll.graph.UnrolledGraph;

/**
 * The trace as a table, one row per node and time step: what the graph shows at the end of the
 * schedule, every forward value and every error. Columns: {@code node} (its label, as drawn, in the notation asked for),
 * {@code key} (the trace key of the case format), {@code kind}, {@code t}, {@code size}, then
 * {@code value_1 … value_K} and {@code delta_1 … delta_K} where K is the widest node; a narrower
 * node leaves the rest empty, a node without an error leaves the deltas empty. Numbers are written
 * with {@link Double#toString}, so they read back exactly. The shared parameters are not rows: they
 * and their gradients are in the case file.
 */
public final class TraceTable {

    private TraceTable() {
    }

    /**
     * The header of a session's table.
     *
     * @param session the session (not modified)
     */
    public static List<String> header(Session session) {
        int k = width(session.graph(), session.values());
        List<String> h = new ArrayList<>(List.of("node", "key", "kind", "t", "size"));
        for (int i = 1; i <= k; i++) {
            h.add("value_" + i);
        }
        for (int i = 1; i <= k; i++) {
            h.add("delta_" + i);
        }
        return h;
    }

    /**
     * The rows of a session's table, ordered by time step and then as the graph lists the nodes; the
     * total loss E last.
     *
     * @param session the session (not modified)
     */
    public static List<List<String>> rows(Session session) {
        return rows(session, Notation.BOOK);
    }

    /**
     * The rows of a session's table with the {@code node} column in a notation.
     *
     * @param session the session (not modified)
     * @param notation the notation of the labels
     */
    public static List<List<String>> rows(Session session, Notation notation) {
        UnrolledGraph g = session.graph();
        TraceValues tv = session.values();
        int k = width(g, tv);
        List<Node> nodes = new ArrayList<>(g.nodes().stream().filter(n -> !n.isParameter()).toList());
        nodes.sort(Comparator.comparingInt(n -> n.kind() == org.unroll.graph.NodeKind.LOSS ? Integer.MAX_VALUE : n.step()));
        List<List<String>> rows = new ArrayList<>(nodes.size());
        for (Node n : nodes) {
            double[] v = tv.value(n);
            double[] d = n.hasDelta() ? tv.delta(n) : null;
            List<String> r = new ArrayList<>(5 + 2 * k);
            r.add(notation == Notation.BOOK ? n.label() : notation.label(g.config(), n));
            r.add(n.key());
            r.add(n.kind().name().toLowerCase(java.util.Locale.ROOT));
            r.add(Integer.toString(n.step()));
            r.add(Integer.toString(v.length));
            cells(r, v, k);
            cells(r, d, k);
            rows.add(r);
        }
        return rows;
    }

    private static void cells(List<String> r, double[] v, int k) {
        for (int i = 0; i < k; i++) {
            r.add(v != null && i < v.length ? Double.toString(v[i]) : "");
        }
    }

    private static int width(UnrolledGraph g, TraceValues tv) {
        int k = 1;
        for (Node n : g.nodes()) {
            if (!n.isParameter()) {
                k = Math.max(k, tv.value(n).length);
            }
        }
        return k;
    }
}
