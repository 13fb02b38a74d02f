package org.unroll.export;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;

/**
 * Something that draws itself with Java2D: a chart ({@code chart::draw} of a JFreeChart fits), a
 * {@link Slide}, a diagram. The same figure goes to PNG, SVG, PDF and GIF.
 */
@FunctionalInterface
public interface Figure {

    /**
     * Draws into {@code area}. Must not assume a background: fill one if it needs one (a bitmap
     * starts transparent, SVG and PDF have none). May change the state of {@code g2} (colour, font,
     * transform …); callers that care save and restore it.
     *
     * @param g2 where to draw (modified: its drawing state and, of course, what it holds)
     * @param area the rectangle to draw into, in the logical units of {@code g2} (not modified)
     */
    void draw(Graphics2D g2, Rectangle2D area);
}
