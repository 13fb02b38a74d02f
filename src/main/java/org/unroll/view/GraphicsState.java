package org.unroll.view;

import java.awt.Color;
import java.awt.Composite;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;

/**
 * The state of a {@link Graphics2D} (transform, clip, paint, colour, stroke, font, composite,
 * hints), saved to be put back. Used instead of {@link Graphics2D#create()}: OpenPDF's PDF
 * graphics loses what is drawn on a created copy when a clip is set (measured: a red square drawn
 * through {@code create()} inside a slide's clipped middle is missing from the page).
 */
public final class GraphicsState {

    private final Graphics2D g;
    private final AffineTransform transform;
    private final Shape clip;
    private final Paint paint;
    private final Color color;
    private final Stroke stroke;
    private final Font font;
    private final Composite composite;
    private final RenderingHints hints;

    private GraphicsState(Graphics2D g) {
        this.g = g;
        this.transform = g.getTransform();
        this.clip = g.getClip();
        this.paint = g.getPaint();
        this.color = g.getColor();
        this.stroke = g.getStroke();
        this.font = g.getFont();
        this.composite = g.getComposite();
        this.hints = (RenderingHints) g.getRenderingHints().clone();
    }

    /**
     * Saves a graphics context's state.
     *
     * @param g the context (not modified)
     */
    public static GraphicsState save(Graphics2D g) {
        return new GraphicsState(g);
    }

    /** Puts the saved state back (the context is modified). */
    public void restore() {
        g.setTransform(transform);
        g.setClip(clip);
        g.setPaint(paint);
        if (color != null) {
            g.setColor(color);
        }
        g.setStroke(stroke);
        g.setFont(font);
        g.setComposite(composite);
        g.setRenderingHints(hints);
    }
}
