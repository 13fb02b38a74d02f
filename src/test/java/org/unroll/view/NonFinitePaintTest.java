package org.unroll.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;
import org.unroll.engine.Case;
import org.unroll.engine.CaseFile;
import org.unroll.graph.Node;
import org.unroll.session.CaseEdit;

/** A node holding NaN or infinity is drawn plainly as such: a "NaN" / "+∞" badge over its strip (ADR 0033). */
class NonFinitePaintTest {

    @Test
    void theBadgeSaysWhichKind() {
        assertNull(GraphPainter.nonFinite(new double[] {0, 1e308, -2}));
        assertEquals("NaN", GraphPainter.nonFinite(new double[] {1, Double.NaN, Double.POSITIVE_INFINITY}));
        assertEquals("+\u221e", GraphPainter.nonFinite(new double[] {1, Double.POSITIVE_INFINITY}));
        assertEquals("\u2212\u221e", GraphPainter.nonFinite(new double[] {Double.NEGATIVE_INFINITY}));
        assertEquals("\u00b1\u221e", GraphPainter.nonFinite(new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY}));
    }

    private static int badgePixels(Session s) {
        int w = 1280;
        int h = 720;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        GraphPainter p = new GraphPainter(s);
        GraphPainter.Look look = GraphPainter.Look.slide(w, h);
        Frame f = s.frame(s.schedule().size() - 1);
        p.paint(g, w, h, f, p.forExport(f, w, h, look), GraphPainter.Motion.still(),
                ResourceBundle.getBundle("i18n.messages", Locale.ENGLISH), null, look);
        g.dispose();
        int n = 0;
        int want = GraphPainter.NON_FINITE.getRGB() & 0xffffff;
        for (int rgb : img.getRGB(0, 0, w, h, null, 0, w)) {
            if ((rgb & 0xffffff) == want) {
                n++;
            }
        }
        return n;
    }

    @Test
    void anOverflowingCaseShowsItsNonFiniteNodes() throws Exception {
        Case c = CaseFile.read(Path.of("src/test/resources/cases/rnn-linear-nonzero-h0.json"));
        // a linear RNN whose recurrent weight is 1e300: h(1) is about 1e298, h(2) overflows
        Case big = new CaseEdit(CaseEdit.What.PARAMETER, "Wh", 0, 0, 0, c.weights().block(1).data[0], 1e300).applyTo(c);
        Session fine = Session.compute(c, null);
        Session blown = Session.compute(big, null);
        boolean any = false;
        for (Node n : blown.graph().nodes()) {
            double[] v = n.isParameter() ? null : blown.values().value(n);
            if (v != null && GraphPainter.nonFinite(v) != null) {
                any = true;
            }
        }
        assertTrue(any, "the case overflows");
        assertEquals(0, badgePixels(fine), "a finite case has no badge");
        assertTrue(badgePixels(blown) > 100, "the overflowed nodes carry their badge");
    }
}
