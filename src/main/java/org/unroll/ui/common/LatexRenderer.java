package org.unroll.ui.common;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Insets;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.scilab.forge.jlatexmath.TeXConstants;
import org.scilab.forge.jlatexmath.TeXFormula;
import org.scilab.forge.jlatexmath.TeXIcon;

/**
 * Typesets LaTeX with JLaTeXMath into a JavaFX image (through an AWT image, copied pixel by pixel,
 * so no Swing bridge is needed). Keeps the last few images. Not thread-safe: use it from one thread.
 */
public final class LatexRenderer {

    private static final int CACHE = 64;
    private final Map<String, Image> cache = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Image> e) {
            return size() > CACHE;
        }
    };

    /** Loads JLaTeXMath's fonts and classes (about half a second the first time); any thread. */
    public static void warmUp() {
        try {
            paint("x(t)=\\sum_{t}W h", 16f);
        } catch (RuntimeException e) {
            // a failed warm-up only means the first real formula pays the cost
        }
    }

    /**
     * The formula as an image, or null when JLaTeXMath cannot parse it (the caller then shows the
     * source text).
     *
     * @param latex the formula (math mode, without dollars)
     * @param size the font size in pixels
     */
    public Image render(String latex, float size) {
        return render(latex, size, 0);
    }

    /**
     * The formula as an image at most {@code maxWidth} pixels wide where JLaTeXMath can break it
     * (at the top level's relations and operators: a line per term), or null as {@link #render(String, float)}.
     *
     * @param latex the formula (math mode, without dollars)
     * @param size the font size in pixels
     * @param maxWidth the widest line in pixels (0: one line, as wide as it is)
     */
    public Image render(String latex, float size, double maxWidth) {
        if (latex == null || latex.isBlank()) {
            return null;
        }
        String key = size + "|" + Math.round(maxWidth) + "|" + latex;
        Image img = cache.get(key);
        if (img == null && !cache.containsKey(key)) {
            try {
                img = toFx(paint(latex, size, maxWidth));
            } catch (RuntimeException e) {
                img = null;
            }
            cache.put(key, img);
        }
        return img;
    }

    static BufferedImage paint(String latex, float size) {
        return paint(latex, size, 0);
    }

    /**
     * Typesets a formula into an AWT image on the calling thread (the inspector's worker), broken
     * into lines at most {@code maxWidth} pixels wide where JLaTeXMath can break it; a part wider
     * than that alone (a wide matrix) stays wider. JLaTeXMath is not known to be thread-safe:
     * typeset on one thread.
     *
     * @param latex the formula (math mode, without dollars)
     * @param size the font size in pixels
     * @param maxWidth the widest line wanted, in pixels (0 or less: one line)
     * @throws RuntimeException (JLaTeXMath's ParseException and others) when the formula cannot be typeset
     */
    public static BufferedImage typeset(String latex, float size, double maxWidth) {
        return paint(latex, size, maxWidth <= 0 ? 0 : Math.max(20, maxWidth - 4));
    }

    static BufferedImage paint(String latex, float size, double maxWidth) {
        TeXFormula formula = new TeXFormula(latex);
        TeXIcon icon = maxWidth <= 0 ? formula.createTeXIcon(TeXConstants.STYLE_DISPLAY, size)
                : formula.new TeXIconBuilder().setStyle(TeXConstants.STYLE_DISPLAY).setSize(size)
                        .setWidth(TeXConstants.UNIT_PIXEL, (float) maxWidth, TeXConstants.ALIGN_LEFT).setIsMaxWidth(true)
                        .setInterLineSpacing(TeXConstants.UNIT_PIXEL, size * 0.5f).build();
        icon.setInsets(new Insets(2, 2, 2, 2));
        int w = Math.max(1, icon.getIconWidth());
        int h = Math.max(1, icon.getIconHeight());
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            icon.setForeground(Color.BLACK);
            icon.paintIcon(null, g, 0, 0);
        } finally {
            g.dispose();
        }
        return img;
    }

    /**
     * An AWT image as a JavaFX image: a copy of its pixels, nothing computed (an INT_ARGB_PRE or
     * INT_ARGB image's own array; another type is converted).
     */
    public static Image toFx(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        WritableImage out = new WritableImage(w, h);
        if (img.getType() == BufferedImage.TYPE_INT_ARGB_PRE || img.getType() == BufferedImage.TYPE_INT_ARGB) {
            int[] px = ((java.awt.image.DataBufferInt) img.getRaster().getDataBuffer()).getData();
            out.getPixelWriter().setPixels(0, 0, w, h, img.getType() == BufferedImage.TYPE_INT_ARGB_PRE
                    ? PixelFormat.getIntArgbPreInstance() : PixelFormat.getIntArgbInstance(), px, 0, w);
        } else {
            int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
            out.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        }
        return out;
    }
}
