package org.unroll.ui.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.unroll.engine.CaseFile;
import org.unroll.graph.Node;
import org.unroll.graph.Notation;
import org.unroll.schedule.Event;
import org.unroll.schedule.Phase;
import org.unroll.schedule.Ref;
import org.unroll.view.Session;

/** The gradient table's labelled matrices: a gate's block on the rows, the input's units on the columns, elided when large. */
class TermLabelsTest {

    private static List<Node> factors(Session s, Node p, int t) {
        for (Event e : s.schedule().events()) {
            if (e.phase() == Phase.GRADIENT && e.node().equals(p) && e.step() == t) {
                return e.reads().stream().map(Ref::node).filter(n -> !n.isParameter()).toList();
            }
        }
        throw new AssertionError();
    }

    @Test
    void anLstmGatesTermIsLabelledByItsBlockAndTheInputsUnits() throws Exception {
        Session s = Session.compute(CaseFile.read(Path.of("src/test/resources/cases/lstm-many-to-many.json")), null);
        Node wf = s.graph().parameter("Wh_f");
        TermLabels l = TermLabels.of(s, wf, factors(s, wf, 2), Notation.BOOK);
        int h = s.kase().config().hiddenSize();
        assertEquals("f1", l.rows().get(0));
        assertEquals("h1", l.columns().get(0));
        assertEquals(h, l.rows().size());
        // TensorFlow's letters for the same block
        Node wa = s.graph().parameter("Wx_a");
        assertEquals("j1", TermLabels.of(s, wa, factors(s, wa, 2), Notation.TENSORFLOW).rows().get(0));
        assertEquals("x1", TermLabels.of(s, wa, factors(s, wa, 2), Notation.TENSORFLOW).columns().get(0));
    }

    @Test
    void aLargeTermIsElidedInTheMiddle() {
        TermLabels l = new TermLabels(List.of("h1", "h2", "h3", "h4", "h5", "h6"), List.of("x1", "x2", "x3", "x4", "x5",
                "x6"));
        double[][] m = new double[6][6];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                m[i][j] = i * 10 + j + 0.5;
            }
        }
        String text = l.format(m);
        List<String> lines = text.lines().toList();
        assertEquals(6, lines.size(), text); // header, 3 rows, ⋮, the last
        assertTrue(lines.get(0).contains("x3") && lines.get(0).contains("⋯") && lines.get(0).contains("x6")
                && !lines.get(0).contains("x4"), text);
        assertTrue(lines.get(4).trim().startsWith("⋮"), text);
        assertTrue(lines.get(5).trim().startsWith("h6") && lines.get(5).contains("55.5"), text);
    }
}
