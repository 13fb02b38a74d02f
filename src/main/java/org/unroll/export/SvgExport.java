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
        return wellFormed(g2.getSVGDocument());
    }

    /**
     * The document with every character XML 1.0 forbids (the C0 controls but tab, line feed and
     * carriage return; U+FFFE, U+FFFF; a lone surrogate) replaced by its escape <code>&#92;u001b</code>
     * (ADR 0032). JFreeSVG escapes {@code & < > " '} only, and a forbidden character is ill-formed
     * even as a character reference. The texts of a figure are escaped before they are laid out
     * ({@link Slide}, {@link Handout}); this is the guarantee for anything else drawn.
     */
    public static String wellFormed(String xml) {
        StringBuilder sb = null;
        for (int i = 0; i < xml.length(); i++) {
            char c = xml.charAt(i);
            boolean bad = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xfffe || c == 0xffff
                    || (Character.isHighSurrogate(c) && (i + 1 == xml.length() || !Character.isLowSurrogate(xml.charAt(i + 1))))
                    || (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(xml.charAt(i - 1))));
            if (bad && sb == null) {
                sb = new StringBuilder(xml.length() + 16).append(xml, 0, i);
            }
            if (sb != null) {
                sb.append(bad ? String.format(java.util.Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return sb == null ? xml : sb.toString();
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
