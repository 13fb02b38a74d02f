package org.unroll.export;

import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import org.jfree.svg.SVGGraphics2D;
import org.unroll.engine.AtomicFile;

/** Figures as SVG (JFreeSVG): shapes stay shapes and text stays text, UTF-8. */
public final class SvgExport {

    private SvgExport() {
    }

    /**
     * The SVG document of {@code figure} drawn into 0, 0, width, height (in px).
     *
     * @param figure what to draw (not modified)
     * @param width the width, {@value Checks#MIN_SIDE} … {@value Checks#MAX_SIDE}
     * @param height the height, {@value Checks#MIN_SIDE} … {@value Checks#MAX_SIDE}
     * @throws IllegalArgumentException if a size is out of range
     */
    public static String toSvg(Figure figure, int width, int height) {
        Objects.requireNonNull(figure, "figure");
        Checks.size(width, height);
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        // a fixed prefix for the ids of clip paths and gradients (JFreeSVG's default has the time in
        // it): the same figure gives the same file, so the app and the command line agree byte for byte
        g2.setDefsKeyPrefix("unroll-");
        try {
            figure.draw(g2, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            g2.dispose();
        }
        return g2.getSVGDocument();
    }

    /**
     * Writes {@code figure} as an SVG file, UTF-8, atomically: on failure {@code out} is unchanged
     * and no temporary file is left.
     *
     * @param figure what to draw (not modified)
     * @param width the width in px, {@value Checks#MIN_SIDE} … {@value Checks#MAX_SIDE}
     * @param height the height in px, {@value Checks#MIN_SIDE} … {@value Checks#MAX_SIDE}
     * @param out the file to create or replace
     * @throws IOException if the file cannot be written (no such folder, permission denied, disk full)
     * @throws IllegalArgumentException if a size is out of range
     */
    public static void write(Figure figure, int width, int height, Path out) throws IOException {
        Checks.fileTarget(out);
        byte[] svg = toSvg(figure, width, height).getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(out, stream -> stream.write(svg));
    }
}
