package org.unroll.export;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;

/** Figures for the export tests. */
final class TestFigures {

    static final String JAPANESE = "順伝播";

    private TestFigures() {
    }

    /** A blue disc and a red diagonal, inset from the area's edges; no background. */
    static Figure shapes() {
        return (g2, area) -> {
            g2.setColor(Color.BLUE);
            g2.fill(new Ellipse2D.Double(area.getCenterX() - area.getWidth() / 4, area.getCenterY() - area.getHeight() / 4,
                    area.getWidth() / 2, area.getHeight() / 2));
            g2.setColor(Color.RED);
            g2.setStroke(new BasicStroke(3f));
            g2.draw(new Line2D.Double(area.getX() + 10, area.getY() + 10, area.getMaxX() - 10, area.getMaxY() - 10));
        };
    }

    /** A slide with an English and Japanese title and a Japanese caption around {@link #shapes()}. */
    static Slide slide() {
        return Slide.of(shapes()).withTitle("Forward pass / " + JAPANESE).withCaption(JAPANESE + "の例: h(t) = tanh(W h(t−1))");
    }

    /** A figure that fails while drawing. */
    static Figure failing() {
        return (g2, area) -> {
            g2.setColor(Color.BLACK);
            g2.fill(new Rectangle2D.Double(0, 0, 10, 10));
            throw new IllegalStateException("boom");
        };
    }
}
