package org.unroll.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;
import org.unroll.engine.CaseFile;
import org.unroll.graph.Node;
import org.unroll.schedule.Event;
import org.unroll.schedule.Phase;

/**
 * The painter dressed for a room (issue 10): labels at least 24 px high at the largest type size on
 * the graph's part of a 1280 × 720 window, a legend never cut off, "read" weights not marked as
 * "current", and the high-contrast theme's thick ring. Rendered, then measured on the pixels.
 */
class PresentationPaintTest {

    private static final Path CASES = Path.of("src/test/resources/cases");
    private static final ResourceBundle EN = Messages.bundle(Locale.ENGLISH);
    private static final ResourceBundle JA = Messages.bundle(Locale.JAPANESE);
    /**
     * The graph's canvas in a 1280 × 720 window at the largest type size (the side panel wider,
     * menus, toolbar, tabs and status bar shown): about 780 × 500; smaller here, to be safe.
     */
    static final int W = 780;
    static final int H = 500;
    private static final Presentation LARGEST = new Presentation(Presentation.MAX_TYPE_SIZE, false, false);

    private static Session session(String name) throws Exception {
        return Session.compute(CaseFile.read(CASES.resolve(name)), null);
    }

    private static BufferedImage paint(GraphPainter p, Frame f, GraphPainter.Viewport v, int w, int h,
                                       ResourceBundle b, GraphPainter.Look look) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        p.paint(g, w, h, f, v, GraphPainter.Motion.still(), b, look);
        g.dispose();
        return img;
    }

    /** The frame after the last forward event: every value shown in black, no error yet. */
    static Frame endOfForward(Session s) {
        int last = -1;
        for (Event e : s.schedule().events()) {
            if (e.phase() == Phase.FORWARD) {
                last = e.index();
            }
        }
        return s.frame(last);
    }

    @Test
    void atTheLargestTypeSizeLabelsAreAtLeast24PxHigh() throws Exception {
        for (Session s : List.of(Session.compute(org.unroll.session.DemoCase.create(), null),
                session("lstm-many-to-many.json"), session("gru-reset-before-mse.json"))) {
            GraphPainter p = new GraphPainter(s);
            GraphPainter.Look look = GraphPainter.Look.screen("SansSerif").with(LARGEST);
            Frame f = endOfForward(s);
            GraphPainter.Viewport fit = p.fit(W, H, look, 1.6);
            assertTrue(fit.zoom() >= 1, "never zoomed out below the readable zoom: " + fit.zoom());
            // the camera on h(2), as the window follows the current node
            GraphLayout.Box h2 = p.layout(look).box(s.graph().node("h", 2));
            double dh = GraphPainter.drawingHeight(W, H, look);
            GraphPainter.Viewport v = new GraphPainter.Viewport(fit.zoom(), h2.centerX() - W / fit.zoom() / 2,
                    h2.centerY() - dh / fit.zoom() / 2);
            int[] ink = LabelInk.heights(p, f, v, W, H, look, paint(p, f, v, W, H, EN, look));
            assertTrue(ink[2] >= 3, "labels in view: " + ink[2]);
            assertTrue(ink[0] >= 24, s.kase().config().cell() + ": the smallest label is " + ink[0] + " px high");
            System.out.printf("%s at the largest type size, %d × %d: %d labels in view, ink %d..%d px high%n",
                    s.kase().config().cell(), W, H, ink[2], ink[0], ink[1]);
            // at the desktop's size the same labels are about 11 px: the type size is what makes them large
            GraphPainter.Look desk = GraphPainter.Look.screen("SansSerif");
            GraphPainter.Viewport dv = p.fit(W, H, desk, 1.6);
            int[] small = LabelInk.heights(p, f, dv, W, H, desk, paint(p, f, dv, W, H, EN, desk));
            assertTrue(small[1] < 16, "desktop labels " + small[1] + " px");
        }
    }

    @Test
    void theLayoutGivesLargeLabelsRoom() throws Exception {
        Session s = session("lstm-many-to-many.json");
        GraphPainter p = new GraphPainter(s);
        GraphLayout desk = p.layout();
        GraphLayout big = p.layout(GraphPainter.Look.screen("SansSerif").with(LARGEST));
        assertEquals(LARGEST.scale(), big.scale());
        assertEquals(GraphLayout.NODE_W * LARGEST.scale(), big.nodeWidth(), 1e-9);
        assertTrue(big.nodeHeight() > desk.nodeHeight() + 20);
        assertTrue(big.columnWidth() > desk.columnWidth() * 2.5);
        // no two boxes overlap
        List<GraphLayout.Box> boxes = s.graph().nodes().stream().map(big::box).filter(b -> b != null).toList();
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                GraphLayout.Box a = boxes.get(i);
                GraphLayout.Box b = boxes.get(j);
                boolean apart = a.x() + a.w() <= b.x() || b.x() + b.w() <= a.x() || a.y() + a.h() <= b.y()
                        || b.y() + b.h() <= a.y();
                assertTrue(apart, a.node() + " and " + b.node() + " overlap");
            }
        }
        assertEquals(desk, p.layout(GraphPainter.Look.screen("SansSerif")), "type size 0 is the desktop's layout");
    }

    /** The rightmost column with anything but the background in the legend's rows, or −1. */
    private static int legendRightEdge(BufferedImage img, int w, int h, GraphPainter.Look look) {
        int top = (int) Math.ceil(h - GraphPainter.legendHeight(w, look)) + 1;
        int bg = look.background().getRGB() | 0xff000000;
        int right = -1;
        for (int y = top; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int c = img.getRGB(x, y) | 0xff000000;
                if (Math.abs(((c >> 16) & 255) - ((bg >> 16) & 255)) > 24 || Math.abs((c & 255) - (bg & 255)) > 24) {
                    right = Math.max(right, x);
                }
            }
        }
        return right;
    }

    @Test
    void theLegendIsNeverCutOffAt1280x720() throws Exception {
        Session s = session("lstm-many-to-many.json");
        GraphPainter p = new GraphPainter(s);
        Frame f = s.frame(s.schedule().size() - 1);
        // the graph's part of a 1280 × 720 window at type size 0 (about 960 wide) and at the largest
        int[][] sizes = {{960, 560}, {W, H}, {1280, 720}};
        for (int step = 0; step <= Presentation.MAX_TYPE_SIZE; step++) {
            for (int[] size : sizes) {
                for (boolean log : new boolean[] {false, true}) {
                    GraphPainter.Look look = GraphPainter.Look.screen("SansSerif")
                            .with(new Presentation(step, false, log));
                    List<int[]> rows = GraphPainter.legendRows(size[0], look);
                    assertEquals(5, rows.stream().mapToInt(r -> r.length).sum(), "every entry has its place");
                    assertTrue(GraphPainter.legendHeight(size[0], look) < size[1] * 0.3,
                            "the legend leaves the graph room: " + rows.size() + " lines");
                    for (ResourceBundle b : List.of(EN, JA)) {
                        BufferedImage img = paint(p, f, p.fit(size[0], size[1], look, 1.6), size[0], size[1], b, look);
                        int right = legendRightEdge(img, size[0], size[1], look);
                        if (right >= size[0] - 4) {
                            javax.imageio.ImageIO.write(img, "png", new java.io.File("/tmp/pshots/legend-fail.png"));
                        }
                        assertTrue(right > size[0] / 3, "the legend is drawn");
                        assertTrue(right < size[0] - 4, "type " + step + " at " + size[0] + " × " + size[1] + " ("
                                + b.getLocale() + "): the legend reaches " + right + ", cut off at the edge");
                    }
                }
            }
        }
        // a wide window keeps the one line it had
        assertEquals(1, GraphPainter.legendRows(1800, GraphPainter.Look.screen("SansSerif")).size());
    }

    private static boolean near(Color got, Color c, int tolerance) {
        return Math.abs(got.getRed() - c.getRed()) < tolerance && Math.abs(got.getGreen() - c.getGreen()) < tolerance
                && Math.abs(got.getBlue() - c.getBlue()) < tolerance;
    }

    /** The colour of the band box's outline of a parameter (its left edge, half way down). */
    private static Color outline(BufferedImage img, GraphPainter p, Node param, int w, GraphPainter.Look look) {
        List<Node> ps = p.session().graph().parameters();
        double[] r = GraphPainter.paramBox(ps.indexOf(param), ps.size(), w, look);
        return new Color(img.getRGB((int) Math.round(r[0]), (int) Math.round(r[1] + r[3] / 2)));
    }

    @Test
    void sharedWeightsBeingReadAreMarkedReadNotCurrent() throws Exception {
        Session s = session("rnn-tanh-many-to-one.json");
        GraphPainter p = new GraphPainter(s);
        Node w = s.graph().parameter("Wh");
        Event reads = null;
        Event computes = null;
        for (Event e : s.schedule().events()) {
            if (reads == null && e.phase() == Phase.FORWARD && e.reads().stream().anyMatch(r -> r.node().equals(w))) {
                reads = e;
            }
            if (computes == null && e.node().equals(w)) {
                computes = e;
            }
        }
        for (boolean contrast : new boolean[] {false, true}) {
            GraphPainter.Look look = GraphPainter.Look.slide(1280, 720).with(new Presentation(0, contrast, false));
            Color read = contrast ? GraphPainter.READ_HC : GraphPainter.READ;
            Color current = contrast ? GraphPainter.CURRENT_HC : GraphPainter.CURRENT;
            Frame f = s.frame(reads.index());
            BufferedImage img = paint(p, f, p.fit(1280, 720, look, 2), 1280, 720, EN, look);
            Color got = outline(img, p, w, 1280, look);
            assertTrue(near(got, read, 40), "W read by " + reads + ": green, got " + got);
            assertFalse(near(got, current, 60), "not the current event's orange");
            Frame g = s.frame(computes.index());
            img = paint(p, g, p.fit(1280, 720, look, 2), 1280, 720, EN, look);
            got = outline(img, p, w, 1280, look);
            assertTrue(near(got, current, 40), "W computed by " + computes + ": orange, got " + got);
        }
    }

    /** The run of pixels of a colour on the row through a box's middle, left of the box. */
    private static int ringWidth(BufferedImage img, GraphPainter p, Frame f, GraphPainter.Viewport v,
                                 GraphPainter.Look look, Color c) {
        GraphLayout.Box b = p.layout(look).box(f.current());
        int y = (int) Math.round(GraphPainter.bandHeight(look) + (b.centerY() - v.panY()) * v.zoom());
        int x1 = (int) Math.round((b.x() - v.panX()) * v.zoom());
        int run = 0;
        for (int x = Math.max(0, x1 - 30); x < x1 + 2; x++) {
            run += near(new Color(img.getRGB(x, y)), c, 50) ? 1 : 0;
        }
        return run;
    }

    @Test
    void theHighContrastThemeDrawsAThickRingOnWhite() throws Exception {
        Session s = session("rnn-tanh-many-to-one.json");
        GraphPainter p = new GraphPainter(s);
        Frame f = s.frame(12);
        GraphPainter.Look normal = GraphPainter.Look.screen("SansSerif");
        GraphPainter.Look contrast = normal.with(new Presentation(0, true, false));
        assertEquals(Color.WHITE, contrast.background());
        GraphPainter.Viewport v = p.fit(1000, 600, normal, 1.6);
        int thin = ringWidth(paint(p, f, v, 1000, 600, EN, normal), p, f, v, normal, GraphPainter.CURRENT);
        int thick = ringWidth(paint(p, f, v, 1000, 600, EN, contrast), p, f, v, contrast, GraphPainter.CURRENT_HC);
        assertTrue(thin >= 2 && thin <= 4, "the desktop's ring: " + thin + " px");
        assertTrue(thick >= 5, "the high-contrast ring: " + thick + " px");
    }

    @Test
    void logErrorsChangeTheErrorColoursAndTheLegendOnly() throws Exception {
        Session s = session("rnn-tanh-many-to-one.json");
        GraphPainter p = new GraphPainter(s);
        GraphPainter.Look lin = GraphPainter.Look.slide(1280, 720);
        GraphPainter.Look log = lin.with(new Presentation(0, false, true));
        Frame forward = endOfForward(s);
        Frame back = s.frame(s.schedule().size() - 1);
        GraphPainter.Viewport v = p.fit(1280, 720, lin, 2);
        int legend = (int) (720 - Math.max(GraphPainter.legendHeight(1280, lin), GraphPainter.legendHeight(1280, log)));
        int band = (int) Math.ceil(GraphPainter.bandHeight(lin));
        int rows = legend - band;
        BufferedImage a = paint(p, forward, v, 1280, 720, EN, lin);
        BufferedImage b = paint(p, forward, v, 1280, 720, EN, log);
        assertEquals(java.util.Arrays.hashCode(a.getRGB(0, band, 1280, rows, null, 0, 1280)),
                java.util.Arrays.hashCode(b.getRGB(0, band, 1280, rows, null, 0, 1280)),
                "values are drawn the same; only errors change");
        BufferedImage c = paint(p, back, v, 1280, 720, EN, lin);
        BufferedImage d = paint(p, back, v, 1280, 720, EN, log);
        assertFalse(java.util.Arrays.equals(c.getRGB(0, band, 1280, rows, null, 0, 1280),
                d.getRGB(0, band, 1280, rows, null, 0, 1280)), "errors are coloured otherwise");
    }
}
