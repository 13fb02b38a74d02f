package org.unroll.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;
import org.unroll.engine.CaseFile;
import org.unroll.graph.Notation;

/** One painter draws a session in any notation, switched from one paint to the next. */
class GraphPainterNotationTest {

    private static int[] pixels(GraphPainter p, Session s, Notation n) {
        int w = 960;
        int h = 540;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        GraphPainter.Look look = GraphPainter.Look.slide(w, h);
        Frame f = s.frame(s.schedule().size() - 1);
        p.paint(g, w, h, f, p.forExport(f, w, h, look), GraphPainter.Motion.still(),
                ResourceBundle.getBundle("i18n.messages", Locale.JAPANESE), n, look);
        g.dispose();
        return img.getRGB(0, 0, w, h, null, 0, w);
    }

    @Test
    void labelsAndPicturesPerNotation() throws Exception {
        Session s = Session.compute(CaseFile.read(Path.of("src/test/resources/cases/gru-reset-before-mse.json")), null);
        GraphPainter p = new GraphPainter(s);
        assertEquals("W_z", p.label(s.graph().parameter("Wh_z"), Notation.BOOK));
        assertEquals("gates/kernel[h,u]", p.label(s.graph().parameter("Wh_z"), Notation.TENSORFLOW));
        assertEquals("h\u0303(2)", p.label(s.graph().node("a", 2), Notation.KERAS));
        assertEquals("n(2)", p.label(s.graph().node("a", 2), Notation.PYTORCH));
        int[] book = pixels(p, s, Notation.BOOK);
        int[] torch = pixels(p, s, Notation.PYTORCH);
        assertNotEquals(Arrays.hashCode(book), Arrays.hashCode(torch), "other labels, another picture");
        assertEquals(Arrays.hashCode(book), Arrays.hashCode(pixels(p, s, null)), "null is the book");
        assertEquals(Arrays.hashCode(torch), Arrays.hashCode(pixels(p, s, Notation.PYTORCH)), "and back");
    }
}
