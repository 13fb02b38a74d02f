package org.unroll.view;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.unroll.graph.Node;

/** Measures node labels on a rendered picture of the graph (the presentation tests). */
public final class LabelInk {

    private LabelInk() {
    }

    /**
     * The height in pixels of the dark ink of every node label fully in view (the box's upper part,
     * inside its outline), at a viewport: {min, max, count}, over the labels of computed nodes.
     */
    public static int[] heights(GraphPainter p, Frame f, GraphPainter.Viewport v, int w, int h, GraphPainter.Look look,
                              BufferedImage img) {
        GraphLayout layout = p.layout(look);
        double band = GraphPainter.bandHeight(look);
        double bottom = h - GraphPainter.legendHeight(w, look);
        int min = Integer.MAX_VALUE;
        int max = 0;
        int count = 0;
        for (Node n : layout.graph().nodes()) {
            GraphLayout.Box b = layout.box(n);
            if (b == null || f.value().apply(n) == null) {
                continue;
            }
            int x0 = (int) Math.ceil((b.x() - v.panX()) * v.zoom() + 4);
            int x1 = (int) Math.floor((b.x() + b.w() - v.panX()) * v.zoom() - 4);
            int y0 = (int) Math.ceil(band + (b.y() - v.panY()) * v.zoom() + 3);
            int y1 = (int) Math.floor(band + (b.y() + b.h() * 0.6 - v.panY()) * v.zoom());
            if (x0 < 0 || x1 >= w || y0 < band || y1 >= bottom) {
                continue;
            }
            int top = -1;
            int low = -1;
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    Color c = new Color(img.getRGB(x, y));
                    if (c.getRed() < 100 && c.getGreen() < 100 && c.getBlue() < 100) {
                        if (top < 0) {
                            top = y;
                        }
                        low = y;
                        break;
                    }
                }
            }
            if (top >= 0) {
                int ink = low - top + 1;
                min = Math.min(min, ink);
                max = Math.max(max, ink);
                count++;
            }
        }
        return new int[] {count == 0 ? 0 : min, max, count};
    }

}
