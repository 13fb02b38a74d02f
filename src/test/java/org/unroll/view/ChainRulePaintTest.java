package org.unroll.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;
import org.unroll.engine.CaseFile;
import org.unroll.graph.Node;
import org.unroll.graph.Notation;
import org.unroll.schedule.Event;
import org.unroll.schedule.Phase;

/**
 * The chain rule on the graph's edges: an error event's factors drawn beside their edges, clear of
 * every node and of each other at every type size; hidden by the presentation's toggle; and a
 * hidden result (predict, then reveal) drawn as the picture before the event plus a question mark.
 */
class ChainRulePaintTest {

    private static final Path CASES = Path.of("src/test/resources/cases");
    private static final ResourceBundle EN = Messages.bundle(Locale.ENGLISH);

    private static Session session(String name) throws Exception {
        return Session.compute(CaseFile.read(CASES.resolve(name)), null);
    }

    private static Event error(Session s, String key, int step) {
        for (Event e : s.schedule().events()) {
            if (e.phase() == Phase.BACKWARD && e.node().key().equals(key) && e.node().step() == step) {
                return e;
            }
        }
        throw new AssertionError(key + "@" + step);
    }

    private static void assertClear(GraphPainter p, Frame f, GraphPainter.Look look, int expected) {
        List<GraphPainter.FactorLabel> ls = p.factorLabels(f, look, Notation.BOOK);
        assertEquals(expected, ls.size(), ls.toString());
        GraphLayout layout = p.layout(look);
        for (int i = 0; i < ls.size(); i++) {
            Rectangle2D r = ls.get(i).box();
            for (Node n : p.session().graph().nodes()) {
                GraphLayout.Box b = n.isParameter() ? null : layout.box(n);
                if (b != null) {
                    assertFalse(r.intersects(b.x(), b.y(), b.w(), b.h()),
                            "type " + look.presentation().typeSize() + ": " + ls.get(i).text() + " covers " + n);
                }
            }
            for (int k = 0; k < i; k++) {
                assertFalse(r.intersects(ls.get(k).box()), ls.get(i).text() + " covers " + ls.get(k).text());
            }
            // readable: at least 8.5 px at zoom 1, growing with the type
            assertTrue(ls.get(i).size() >= 8.5 * look.presentation().scale() * 0.6);
        }
    }

    @Test
    void anRnnErrorsThreeFactorsAreClearOfTheNodesAtEveryTypeSize() throws Exception {
        Session s = session("rnn-sigmoid-many-to-many-sse.json");
        GraphPainter p = new GraphPainter(s);
        Frame f = s.frame(error(s, "p", 2).index());
        for (int k = 0; k <= Presentation.MAX_TYPE_SIZE; k++) {
            GraphPainter.Look look = GraphPainter.Look.screen(Font.SANS_SERIF).with(new Presentation(k, false, false));
            assertClear(p, f, look, 3);
            List<String> texts = p.factorLabels(f, look, Notation.BOOK).stream().map(GraphPainter.FactorLabel::text)
                    .toList();
            assertEquals(List.of("f′(p(t))", "Wᵀ e_h(t+1)", "Vᵀ e_o(t)"), texts);
        }
        // the toggle hides them; a forward event has none
        GraphPainter.Look off = GraphPainter.Look.screen(Font.SANS_SERIF)
                .with(Presentation.DESKTOP.withChainRule(false));
        assertTrue(p.factorLabels(f, off, Notation.BOOK).isEmpty());
        assertTrue(p.factorLabels(s.frame(0), GraphPainter.Look.screen(Font.SANS_SERIF), Notation.BOOK).isEmpty());
    }

    @Test
    void anLstmCellErrorsFactorsAreClearOfTheNodes() throws Exception {
        Session s = session("lstm-many-to-many.json");
        GraphPainter p = new GraphPainter(s);
        Frame f = s.frame(error(s, "c", 2).index());
        for (int k = 0; k <= Presentation.MAX_TYPE_SIZE; k++) {
            GraphPainter.Look look = GraphPainter.Look.screen(Font.SANS_SERIF).with(new Presentation(k, false, false));
            assertClear(p, f, look, s.schedule().factors(f.index()).size());
        }
    }

    private static BufferedImage paint(GraphPainter p, Frame f, GraphPainter.Look look) {
        BufferedImage img = new BufferedImage(900, 560, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        GraphPainter.Viewport v = p.forExport(f, 900, 560, look);
        p.paint(g, 900, 560, f, v, GraphPainter.Motion.still(), EN, Notation.BOOK, look);
        g.dispose();
        return img;
    }

    private static boolean same(BufferedImage a, BufferedImage b) {
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void aHiddenResultIsNotOnThePicture() throws Exception {
        Session s = session("rnn-sigmoid-many-to-many-sse.json");
        GraphPainter p = new GraphPainter(s);
        GraphPainter.Look look = GraphPainter.Look.screen(Font.SANS_SERIF);
        int i = error(s, "p", 2).index();
        Frame hidden = s.frame(i, true);
        assertTrue(hidden.hidden());
        Node n = s.schedule().event(i).node();
        assertEquals(null, hidden.error().apply(n));
        assertTrue(s.frame(i).error().apply(n) != null);
        assertFalse(same(paint(p, hidden, look), paint(p, s.frame(i), look)), "revealed, the error is drawn");
        // the key of a picture tells them apart (the window's painted jobs compare keys)
        assertFalse(hidden.key().equals(s.frame(i).key()));
        assertTrue(s.frame(i, false).key().equals(s.frame(i).key()));
    }
}
