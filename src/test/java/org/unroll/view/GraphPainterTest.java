package org.unroll.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;
import org.unroll.engine.CaseFile;
import org.unroll.graph.Node;

/** The painter draws on a plain AWT image what the window draws on its canvas. */
class GraphPainterTest {

    private static final Path CASES = Path.of("src/test/resources/cases");
    private static final ResourceBundle EN = ResourceBundle.getBundle("i18n.messages", Locale.ENGLISH);

    private static Session session(String name) throws Exception {
        return Session.compute(CaseFile.read(CASES.resolve(name)), null);
    }

    private static BufferedImage paint(GraphPainter p, Frame f, GraphPainter.Viewport v, int w, int h) {
        return paint(p, f, v, w, h, GraphPainter.Look.slide(w, h));
    }

    private static BufferedImage paint(GraphPainter p, Frame f, GraphPainter.Viewport v, int w, int h, GraphPainter.Look look) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        p.paint(g, w, h, f, v, GraphPainter.Motion.still(), EN, look);
        g.dispose();
        return img;
    }

    @Test
    void everyEventOfAnLstmPaintsAndMarksTheCurrentNode() throws Exception {
        Session s = session("lstm-many-to-many.json");
        GraphPainter p = new GraphPainter(s);
        int w = 1280;
        int h = 720;
        GraphPainter.Look look = GraphPainter.Look.slide(w, h);
        int events = s.schedule().size();
        for (int i = -1; i < events; i++) {
            Frame f = s.frame(i);
            GraphPainter.Viewport v = p.forExport(f, w, h, look);
            BufferedImage img = paint(p, f, v, w, h);
            if (f.current() != null && !f.current().isParameter()) {
                GraphLayout.Box b = p.layout().box(f.current());
                // the orange frame runs 4 world units outside the box's top-left corner
                double x = (b.x() - 4 - v.panX()) * v.zoom();
                double y = GraphPainter.bandHeight(look) + (b.y() + b.h() / 2 - v.panY()) * v.zoom();
                assertTrue(hasColourNear(img, (int) x, (int) y, GraphPainter.CURRENT, 3),
                        "current node of event " + i + " is framed in orange");
            }
        }
    }

    @Test
    void thePictureChangesFromStepToStepAndTheBackgroundIsWhite() throws Exception {
        Session s = session("rnn-tanh-many-to-one.json");
        GraphPainter p = new GraphPainter(s);
        GraphPainter.Look look = GraphPainter.Look.slide(800, 600);
        BufferedImage a = paint(p, s.frame(0), p.fit(800, 600, look, 2), 800, 600);
        BufferedImage b = paint(p, s.frame(s.schedule().size() - 1), p.fit(800, 600, look, 2), 800, 600);
        assertNotEquals(digest(a), digest(b));
        assertEquals(Color.WHITE.getRGB(), a.getRGB(799, GraphPainter.bandHeight(look) > 0 ? 200 : 0) | 0xff000000);
    }

    /**
     * An LSTM's 14 parameters fill the band at 1280 × 720 (a canvas of 880): the "read" label under
     * its first box sat on the caption "shared parameters …"; now the caption has a line of its own.
     */
    @Test
    void theBandsCaptionKeepsClearOfTheReadLabels() throws Exception {
        Session s = session("lstm-many-to-many.json");
        GraphPainter p = new GraphPainter(s);
        int w = 880;
        int h = 560;
        GraphPainter.Look look = GraphPainter.Look.screen("SansSerif");
        Node first = s.graph().parameters().get(0);
        int event = -1;
        for (int i = 0; i < s.schedule().size() && event < 0; i++) {
            Frame f = s.frame(i);
            if (f.current() != null && !f.current().equals(first) && f.touches(first)) {
                event = i;
            }
        }
        assertTrue(event >= 0, "an event reads " + first.key());
        Frame f = s.frame(event);
        BufferedImage img = paint(p, f, p.fit(w, h, look, 2), w, h, look);
        double[] r = GraphPainter.paramBox(0, s.graph().parameters().size(), w, look);
        int lastGreen = -1;
        int firstGrey = Integer.MAX_VALUE;
        for (int y = (int) Math.ceil(r[1] + r[3] + 4); y < GraphPainter.bandHeight(look) - 2; y++) {
            for (int x = (int) r[0]; x < r[0] + r[2]; x++) {
                Color c = new Color(img.getRGB(x, y));
                if (c.getGreen() > c.getRed() + 30 && c.getGreen() > c.getBlue() + 10) {
                    lastGreen = y;      // the "read" label
                } else if (Math.abs(c.getRed() - c.getGreen()) < 12 && Math.abs(c.getGreen() - c.getBlue()) < 12
                        && c.getRed() < 170) {
                    firstGrey = Math.min(firstGrey, y);     // the caption
                }
            }
        }
        assertTrue(lastGreen >= 0, "the read label under " + first.key());
        assertTrue(firstGrey < Integer.MAX_VALUE, "the caption under it");
        assertTrue(lastGreen < firstGrey, "the read label ends on row " + lastGreen + ", the caption starts on row " + firstGrey);
    }

    @Test
    void aClickInTheBandFindsTheParameter() throws Exception {
        Session s = session("rnn-tanh-many-to-one.json");
        GraphPainter p = new GraphPainter(s);
        GraphPainter.Look look = GraphPainter.Look.screen("SansSerif");
        Node first = s.graph().parameters().get(0);
        double[] r = GraphPainter.paramBox(0, s.graph().parameters().size(), 900, look);
        assertEquals(first, p.parameterAt(r[0] + r[2] / 2, r[1] + r[3] / 2, 900, look));
        assertEquals(null, p.parameterAt(r[0] + r[2] / 2, GraphPainter.BAND_H + 50, 900, look));
    }

    @Test
    void longSequencesExportAroundTheCurrentNode() throws Exception {
        Session s = Session.compute(org.unroll.session.DemoCase.create(), null);
        GraphPainter p = new GraphPainter(s);
        GraphPainter.Look look = GraphPainter.Look.slide(1280, 720);
        Frame last = s.frame(s.schedule().size() - 1);
        GraphPainter.Viewport fit = p.forExport(s.frame(0), 1280, 720, look);
        assertTrue(fit.zoom() >= 0.55 || fit.panX() >= 0);
        GraphPainter.Viewport end = p.forExport(last, 1280, 720, look);
        assertTrue(end.zoom() > 0);
    }

    private static boolean hasColourNear(BufferedImage img, int x, int y, Color c, int r) {
        for (int dy = -r; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++) {
                int px = x + dx;
                int py = y + dy;
                if (px >= 0 && py >= 0 && px < img.getWidth() && py < img.getHeight()) {
                    Color got = new Color(img.getRGB(px, py));
                    if (Math.abs(got.getRed() - c.getRed()) < 30 && Math.abs(got.getGreen() - c.getGreen()) < 30
                            && Math.abs(got.getBlue() - c.getBlue()) < 30) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static long digest(BufferedImage img) {
        long h = 17;
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                h = h * 31 + img.getRGB(x, y);
            }
        }
        return h;
    }
}
