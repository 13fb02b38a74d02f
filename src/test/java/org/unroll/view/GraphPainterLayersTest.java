package org.unroll.view;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import org.junit.jupiter.api.Test;
import org.unroll.session.DemoCase;

/** The window's cache of layers changes no pixel: every picture is the one painted directly. */
class GraphPainterLayersTest {

    @Test
    void aPictureWithCachedLayersIsThePicturePaintedDirectly() {
        Session s = Session.compute(DemoCase.create(), null);
        GraphPainter p = new GraphPainter(s);
        GraphPainter.Look look = GraphPainter.Look.screen("SansSerif");
        GraphPainter.Layers layers = new GraphPainter.Layers();
        GraphPainter.Viewport fit = p.fit(877, 560, look, 1.6);
        GraphPainter.Viewport near = new GraphPainter.Viewport(1, 40, 0);
        int n = s.schedule().size();
        int[] at = {-1, 0, 1, 5, 6, 60, 61, n / 2, n / 2 + 1, n - 2, n - 1, 5, 60};
        for (GraphPainter.Viewport v : new GraphPainter.Viewport[] {fit, near}) {
            for (double scale : new double[] {1, 2}) {
                for (int i : at) {
                    Frame f = s.frame(i);
                    int[] direct = paint(p, f, v, look, null, scale);
                    int[] layered = paint(p, f, v, look, layers, scale);
                    assertArrayEquals(direct, layered, "event " + i + " at " + v + " ×" + scale);
                }
            }
        }
        int[] c = layers.counts();
        assertTrue(c[0] > 0 && c[1] > 0, "layers were both painted and found again: " + c[0] + " hits, " + c[1] + " misses");
    }

    private static int[] paint(GraphPainter p, Frame f, GraphPainter.Viewport v, GraphPainter.Look look,
                               GraphPainter.Layers layers, double scale) {
        BufferedImage img = new BufferedImage((int) (877 * scale), (int) (560 * scale), BufferedImage.TYPE_INT_ARGB_PRE);
        Graphics2D g = img.createGraphics();
        g.scale(scale, scale);
        p.paint(g, 877, 560, f, v, GraphPainter.Motion.still(), Messages.bundle(null), org.unroll.graph.Notation.BOOK,
                look, layers);
        g.dispose();
        return ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
    }
}
