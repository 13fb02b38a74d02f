package org.unroll.export;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Objects;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.unroll.engine.AtomicFile;

/** Figures as PNG bitmaps, at 1 to 4 pixels per logical unit. */
public final class PngExport {

    private PngExport() {
    }

    /**
     * Renders {@code figure} into a new ARGB image of {@code round(width × scale)} ×
     * {@code round(height × scale)} pixels, antialiased (shapes and text, pure strokes). The figure
     * draws into the logical rectangle 0, 0, width, height; pixels it does not paint stay
     * transparent (a {@link Slide} paints them all).
     *
     * @param figure what to draw (not modified)
     * @param width the logical width, {@value Checks#MIN_SIDE} … {@value Checks#MAX_SIDE}
     * @param height the logical height, {@value Checks#MIN_SIDE} … {@value Checks#MAX_SIDE}
     * @param scale pixels per logical unit, 1 … 4
     * @return a new image
     * @throws IllegalArgumentException if a size or the scale is out of range, or the image would
     *     have more than 8192 × 8192 pixels
     */
    public static BufferedImage render(Figure figure, int width, int height, double scale) {
        return render(figure, width, height, scale, BufferedImage.TYPE_INT_ARGB, null);
    }

    /** Renders into an image of the given type, first filled with {@code background} unless null. */
    static BufferedImage render(Figure figure, int width, int height, double scale, int type,
            java.awt.Color background) {
        Objects.requireNonNull(figure, "figure");
        int[] px = Checks.pixels(width, height, scale);
        BufferedImage img = new BufferedImage(px[0], px[1], type);
        Graphics2D g2 = img.createGraphics();
        try {
            if (background != null) {
                g2.setColor(background);
                g2.fillRect(0, 0, px[0], px[1]);
            }
            hints(g2);
            g2.scale(px[0] / (double) width, px[1] / (double) height);
            figure.draw(g2, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            g2.dispose();
        }
        return img;
    }

    /**
     * Renders {@code figure} (see {@link #render}) and writes it as a PNG, atomically: on failure
     * {@code out} is unchanged and no temporary file is left.
     *
     * @param figure what to draw (not modified)
     * @param width the logical width, {@value Checks#MIN_SIDE} … {@value Checks#MAX_SIDE}
     * @param height the logical height, {@value Checks#MIN_SIDE} … {@value Checks#MAX_SIDE}
     * @param scale pixels per logical unit, 1 … 4
     * @param out the file to create or replace
     * @throws IOException if the file cannot be written (no such folder, permission denied, disk full)
     * @throws IllegalArgumentException if a size or the scale is out of range
     */
    public static void write(Figure figure, int width, int height, double scale, Path out) throws IOException {
        Checks.fileTarget(out);
        Checks.pixels(width, height, scale);
        BufferedImage img = render(figure, width, height, scale);
        AtomicFile.write(out, stream -> writePng(img, stream));
    }

    static void hints(Graphics2D g2) {
        g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g2.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g2.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g2.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    }

    /** Writes one PNG to a stream, caching in memory (ImageIO's default cache is a file in /tmp). */
    static void writePng(BufferedImage img, OutputStream stream) throws IOException {
        ImageWriter writer = writer("png");
        try (ImageOutputStream ios = new MemoryCacheImageOutputStream(stream)) {
            writer.setOutput(ios);
            writer.write(null, new IIOImage(img, null, null), null);
        } finally {
            writer.dispose();
        }
    }

    static ImageWriter writer(String format) throws IOException {
        Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName(format);
        if (!it.hasNext()) {
            throw new IOException("this Java runtime has no " + format.toUpperCase(java.util.Locale.ROOT) + " writer");
        }
        return it.next();
    }
}
