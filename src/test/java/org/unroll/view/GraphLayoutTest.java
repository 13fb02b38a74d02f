package org.unroll.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.unroll.engine.CellType;
import org.unroll.engine.ModelConfig;
import org.unroll.graph.Node;
import org.unroll.graph.UnrolledGraph;

/** Where the nodes go: columns by time, rows by kind, no overlaps, parameters in their own band. */
class GraphLayoutTest {

    private static UnrolledGraph graph(CellType cell, int steps) {
        boolean[] targets = new boolean[steps];
        targets[steps - 1] = true;
        targets[0] = true;
        ModelConfig cfg = ModelConfig.of(cell, 2, 3, 1);
        if (cell == CellType.LSTM) {
            cfg = cfg.withPeephole(true);
        }
        return UnrolledGraph.of(cfg, steps, targets);
    }

    @Test
    void timeRunsLeftToRightAndNoBoxesOverlap() {
        for (CellType cell : CellType.values()) {
            UnrolledGraph g = graph(cell, 5);
            GraphLayout l = GraphLayout.of(g);
            List<Node> ns = g.nodes().stream().filter(n -> !n.isParameter()).toList();
            for (Node n : ns) {
                GraphLayout.Box b = l.box(n);
                assertTrue(b.x() >= 0 && b.x() + b.w() <= l.width(), n.label());
                assertTrue(b.y() >= 0 && b.y() + b.h() <= l.height(), n.label());
                assertEquals(n, l.nodeAt(b.centerX(), b.centerY()), n.label());
                for (Node m : ns) {
                    if (m != n) {
                        GraphLayout.Box c = l.box(m);
                        boolean apart = b.x() + b.w() <= c.x() || c.x() + c.w() <= b.x()
                                || b.y() + b.h() <= c.y() || c.y() + c.h() <= b.y();
                        assertTrue(apart, n.label() + " overlaps " + m.label());
                    }
                }
            }
            for (int t = 1; t < 5; t++) {
                assertTrue(l.box(g.node("h", t)).x() < l.box(g.node("h", t + 1)).x());
                assertEquals(l.box(g.node("h", t)).y(), l.box(g.node("h", t + 1)).y(), "one row per kind");
                assertTrue(l.box(g.node("x", t)).y() > l.box(g.node("h", t)).y(), "x below h");
                assertTrue(l.box(g.node("y", t)).y() < l.box(g.node("h", t)).y(), "y above h");
            }
            assertEquals(0, l.columnOf(g.node("h", 0)));
            assertEquals(6, l.columnOf(g.node("E", 0)));
            for (Node p : g.parameters()) {
                assertNull(l.box(p), "parameters are drawn once, in the band");
            }
        }
    }

    @Test
    void twoHundredStepsStayCheap() {
        UnrolledGraph g = graph(CellType.LSTM, 200);
        GraphLayout l = GraphLayout.of(g);
        assertEquals(199, l.columnAt(l.columnX(199) + 1));
        assertFalse(l.width() > 202 * l.columnWidth() + 2 * GraphLayout.MARGIN);
    }
}
