package org.unroll.export;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Composite;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGHints;
import org.scilab.forge.jlatexmath.TeXConstants;
import org.scilab.forge.jlatexmath.TeXFormula;
import org.scilab.forge.jlatexmath.TeXIcon;

/**
 * A figure on a slide: the background filled over the whole area, an optional title at the top
 * (centred, bold), the content in the middle and an optional caption at the bottom, plain text
 * (wrapped, at most {@value #MAX_CAPTION_LINES} lines; Japanese is fine) or a LaTeX formula typeset
 * with JLaTeXMath (scaled down when wider than the slide). Immutable: the {@code with…} methods
 * return a new slide.
 *
 * <p>In SVG the title and a plain caption stay text; a LaTeX caption becomes outlines, because its
 * glyphs come from JLaTeXMath's own fonts, which an SVG viewer does not have.
 */
public final class Slide implements Figure {

    /** A plain caption longer than this many lines is cut with an ellipsis. */
    public static final int MAX_CAPTION_LINES = 3;
    /** A LaTeX caption takes at most this share of the slide's height. */
    private static final double MAX_FORMULA_SHARE = 0.4;

    private final Figure content;
    private final String title;
    private final String caption;
    private final boolean latex;
    private final SlideStyle style;

    private Slide(Figure content, String title, String caption, boolean latex, SlideStyle style) {
        this.content = Objects.requireNonNull(content, "content");
        this.title = title;
        this.caption = caption;
        this.latex = latex;
        this.style = Objects.requireNonNull(style, "style");
    }

    /**
     * A slide of {@code content} alone, in {@link SlideStyle#standard()}.
     *
     * @param content what goes in the middle (not modified; drawn on every {@link #draw})
     */
    public static Slide of(Figure content) {
        return new Slide(content, null, null, false, SlideStyle.standard());
    }

    /** This slide with a title (null or blank: none); control characters drawn as their escapes (ADR 0032). */
    public Slide withTitle(String title) {
        return new Slide(content, blankToNull(org.unroll.engine.ControlChars.escape(title)), caption, latex, style);
    }

    /**
     * This slide with a plain-text caption (null or blank: none); line breaks start new lines, other
     * control characters are drawn as their escapes (ADR 0032).
     */
    public Slide withCaption(String text) {
        return new Slide(content, title, blankToNull(org.unroll.engine.ControlChars.escapeKeepingLines(text)), false, style);
    }

    /**
     * This slide with a formula as its caption.
     *
     * @param formula LaTeX in math mode, without dollars, e.g. {@code \delta_h(t) = \frac{\partial
     *     E}{\partial h(t)}}
     * @throws IllegalArgumentException if JLaTeXMath cannot parse it (checked here, not when drawing)
     */
    public Slide withLatexCaption(String formula) {
        String f = blankToNull(formula);
        if (f != null) {
            try {
                new TeXFormula(f);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a LaTeX formula JLaTeXMath can typeset: " + f + " ("
                        + e.getMessage() + ")", e);
            }
        }
        return new Slide(content, title, f, f != null, style);
    }

    /** This slide in another style. */
    public Slide withStyle(SlideStyle style) {
        return new Slide(content, title, caption, latex, style);
    }

    /** The title, if any. */
    public Optional<String> title() {
        return Optional.ofNullable(title);
    }

    /** The caption (text or LaTeX source), if any. */
    public Optional<String> caption() {
        return Optional.ofNullable(caption);
    }

    /** Whether the caption is a LaTeX formula. */
    public boolean captionIsLatex() {
        return latex;
    }

    /** The style. */
    public SlideStyle style() {
        return style;
    }

    /**
     * Draws the slide into {@code area}. The drawing state of {@code g2} (colour, font, stroke,
     * transform, clip, composite) is restored afterwards.
     *
     * @param g2 where to draw (gets the slide; its drawing state is restored)
     * @param area the slide's rectangle (not modified)
     */
    @Override
    public void draw(Graphics2D g2, Rectangle2D area) {
        Paint paint = g2.getPaint();
        Font font = g2.getFont();
        Stroke stroke = g2.getStroke();
        AffineTransform transform = g2.getTransform();
        Shape clip = g2.getClip();
        Composite composite = g2.getComposite();
        Color background = g2.getBackground();
        try {
            g2.setComposite(AlphaComposite.SrcOver);
            g2.setPaint(style.background());
            g2.fill(area);
            drawParts(g2, area);
        } finally {
            g2.setTransform(transform);
            g2.setClip(clip);
            g2.setPaint(paint);
            g2.setFont(font);
            g2.setStroke(stroke);
            g2.setComposite(composite);
            g2.setBackground(background);
        }
    }

    private void drawParts(Graphics2D g2, Rectangle2D area) {
        double m = style.margin();
        double left = area.getX() + m;
        double width = area.getWidth() - 2 * m;
        double top = area.getY() + m;
        double bottom = area.getMaxY() - m;
        if (width <= 0 || bottom <= top) {
            return;
        }
        if (title != null) {
            top += drawTitle(g2, left, top, width) + style.gap();
        }
        if (caption != null) {
            double h = latex ? drawFormula(g2, left, bottom, width, area.getHeight() * MAX_FORMULA_SHARE)
                    : drawCaption(g2, left, bottom, width);
            bottom -= h + style.gap();
        }
        if (bottom > top) {
            Rectangle2D middle = new Rectangle2D.Double(left, top, width, bottom - top);
            Shape clip = g2.getClip();
            AffineTransform transform = g2.getTransform();
            g2.clip(middle);
            content.draw(g2, middle);
            g2.setTransform(transform);
            g2.setClip(clip);
        }
    }

    /** Draws the title centred below {@code top}, shrunk to fit the width; returns its height. */
    private double drawTitle(Graphics2D g2, double left, double top, double width) {
        Font font = new Font(style.fontFamily(), Font.BOLD, 1).deriveFont(style.titleSize());
        FontMetrics fm = g2.getFontMetrics(font);
        int w = fm.stringWidth(title);
        if (w > width) {
            font = font.deriveFont((float) (style.titleSize() * width / w));
            fm = g2.getFontMetrics(font);
            w = fm.stringWidth(title);
        }
        g2.setFont(font);
        g2.setPaint(style.foreground());
        g2.drawString(title, (float) (left + (width - w) / 2), (float) (top + fm.getAscent()));
        return fm.getAscent() + fm.getDescent();
    }

    /** Draws the plain caption centred above {@code bottom}; returns its height. */
    private double drawCaption(Graphics2D g2, double left, double bottom, double width) {
        Font font = new Font(style.fontFamily(), Font.PLAIN, 1).deriveFont(style.captionSize());
        FontMetrics fm = g2.getFontMetrics(font);
        List<String> lines = wrap(caption, fm, width, MAX_CAPTION_LINES);
        int lineHeight = fm.getHeight();
        double height = (lines.size() - 1) * lineHeight + fm.getAscent() + fm.getDescent();
        g2.setFont(font);
        g2.setPaint(style.foreground());
        double baseline = bottom - height + fm.getAscent();
        for (String line : lines) {
            int w = fm.stringWidth(line);
            g2.drawString(line, (float) (left + (width - w) / 2), (float) baseline);
            baseline += lineHeight;
        }
        return height;
    }

    /** Typesets the formula centred above {@code bottom}, scaled down to fit; returns its height. */
    private double drawFormula(Graphics2D g2, double left, double bottom, double width, double maxHeight) {
        TeXIcon icon = new TeXFormula(caption).createTeXIcon(TeXConstants.STYLE_DISPLAY, style.captionSize());
        icon.setForeground(style.foreground());
        double w = Math.max(1, icon.getIconWidth());
        double h = Math.max(1, icon.getIconHeight());
        double s = Math.min(1, Math.min(width / w, maxHeight / h));
        AffineTransform transform = g2.getTransform();
        Object stringType = g2.getRenderingHint(SVGHints.KEY_DRAW_STRING_TYPE);
        boolean svg = g2 instanceof SVGGraphics2D;
        try {
            if (svg) {
                // JLaTeXMath's glyphs come from its own fonts: outlines, or viewers show other glyphs
                g2.setRenderingHint(SVGHints.KEY_DRAW_STRING_TYPE, SVGHints.VALUE_DRAW_STRING_TYPE_VECTOR);
            }
            g2.translate(left + (width - w * s) / 2, bottom - h * s);
            g2.scale(s, s);
            // the component is only asked for colours, and the foreground is set: null is fine headless
            icon.paintIcon(null, g2, 0, 0);
        } finally {
            g2.setTransform(transform);
            if (svg) {
                g2.setRenderingHint(SVGHints.KEY_DRAW_STRING_TYPE,
                        stringType != null ? stringType : SVGHints.VALUE_DRAW_STRING_TYPE_STANDARD);
            }
        }
        return h * s;
    }

    /**
     * Breaks {@code text} into lines no wider than {@code width} (at line-break opportunities, which
     * in Japanese fall between most characters; inside a word only when the word alone is too
     * wide); explicit line breaks are kept. More than {@code maxLines} lines: the last one ends with
     * an ellipsis.
     */
    static List<String> wrap(String text, FontMetrics fm, double width, int maxLines) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\r?\n", -1)) {
            wrapParagraph(paragraph, fm, width, lines);
        }
        if (lines.size() > maxLines) {
            List<String> cut = new ArrayList<>(lines.subList(0, maxLines));
            String last = cut.get(maxLines - 1);
            while (!last.isEmpty() && fm.stringWidth(last + "…") > width) {
                last = last.substring(0, last.offsetByCodePoints(last.length(), -1));
            }
            cut.set(maxLines - 1, last.stripTrailing() + "…");
            return cut;
        }
        return lines;
    }

    private static void wrapParagraph(String text, FontMetrics fm, double width, List<String> lines) {
        BreakIterator breaks = BreakIterator.getLineInstance();
        breaks.setText(text);
        StringBuilder line = new StringBuilder();
        int start = breaks.first();
        for (int end = breaks.next(); end != BreakIterator.DONE; start = end, end = breaks.next()) {
            String piece = text.substring(start, end);
            if (fm.stringWidth((line + piece).stripTrailing()) <= width) {
                line.append(piece);
                continue;
            }
            if (line.length() > 0) {
                lines.add(line.toString().stripTrailing());
                line.setLength(0);
            }
            // the piece alone may still be too wide: cut it by characters
            int i = 0;
            while (i < piece.length()) {
                int next = piece.offsetByCodePoints(i, 1);
                String candidate = line + piece.substring(i, next);
                if (line.length() > 0 && fm.stringWidth(candidate.stripTrailing()) > width) {
                    lines.add(line.toString().stripTrailing());
                    line.setLength(0);
                    continue;
                }
                line.append(piece, i, next);
                i = next;
            }
        }
        lines.add(line.toString().stripTrailing());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
