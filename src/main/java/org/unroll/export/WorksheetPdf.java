package org.unroll.export;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.scilab.forge.jlatexmath.TeXConstants;
import org.scilab.forge.jlatexmath.TeXFormula;
import org.scilab.forge.jlatexmath.TeXIcon;

/**
 * A worksheet's blocks laid out on pages of its paper (A4 or Letter, portrait): text in the
 * "SansSerif" family (Japanese through the font's fallbacks), formulas typeset by JLaTeXMath, all
 * drawn as outlines by {@link PdfExport} so that nothing depends on the reader's fonts. A formula
 * wider than the text column is first broken after its equation (the boxes on a line of their
 * own), then scaled down; a page ends with its number.
 */
final class WorksheetPdf {

    /** The page margin, points (2 cm). */
    static final double MARGIN = 56.7;
    /** The formulas' size, points. */
    static final float MATH = 11f;
    private static final String FAMILY = "SansSerif";
    private static final double LABEL = 40;

    private WorksheetPdf() {
    }

    /** Something drawn at a height on a page. */
    private interface Piece {
        double height();

        void draw(Graphics2D g2, double x, double y, double width);

        /** Whether it takes half the column (the key's answers: two to a row). */
        default boolean half() {
            return false;
        }
    }

    /** A row whose left half holds an answer, and where it is. */
    private record HalfRow(List<Piece> page, double y, double height) {
    }

    /** The pages of a list of blocks. */
    static List<Figure> pages(Worksheet sheet, List<WorksheetWriter.Block> blocks) {
        float pw = sheet.options().paper().width();
        float ph = sheet.options().paper().height();
        double width = pw - 2 * MARGIN;
        double bottom = ph - MARGIN;
        Graphics2D measure = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB).createGraphics();
        List<List<double[]>> positions = new ArrayList<>();
        List<List<Piece>> pages = new ArrayList<>();
        List<Piece> page = new ArrayList<>();
        List<double[]> at = new ArrayList<>();
        double y = MARGIN;
        HalfRow halfRow = null;
        try {
            for (WorksheetWriter.Block b : blocks) {
                if (b instanceof WorksheetWriter.NewPage) {
                    if (!page.isEmpty()) {
                        pages.add(page);
                        positions.add(at);
                        page = new ArrayList<>();
                        at = new ArrayList<>();
                        y = MARGIN;
                    }
                    continue;
                }
                List<Piece> pieces = pieces(b, measure, width, sheet);
                if (pieces.size() == 1 && pieces.get(0).half()) {
                    Piece p = pieces.get(0);
                    if (halfRow != null && halfRow.page == page) {
                        // the right half of the row begun by the previous answer
                        page.add(p);
                        at.add(new double[] {MARGIN + width / 2, halfRow.y});
                        y = halfRow.y + Math.max(halfRow.height, p.height());
                        halfRow = null;
                        continue;
                    }
                    if (y + p.height() + 3 > bottom && !page.isEmpty()) {
                        pages.add(page);
                        positions.add(at);
                        page = new ArrayList<>();
                        at = new ArrayList<>();
                        y = MARGIN;
                    } else if (!page.isEmpty()) {
                        y += 3;
                    }
                    page.add(p);
                    at.add(new double[] {MARGIN, y});
                    halfRow = new HalfRow(page, y, p.height());
                    y += p.height();
                    continue;
                }
                halfRow = null;
                double gapBefore = b instanceof WorksheetWriter.Heading h ? (h.level() == 1 ? 0 : 10) : 3;
                for (int i = 0; i < pieces.size(); i++) {
                    Piece p = pieces.get(i);
                    // a heading stays with what follows it
                    double need = p.height() + (i == 0 ? gapBefore : 0)
                            + (b instanceof WorksheetWriter.Heading ? 40 : 0);
                    if (y + need > bottom && !page.isEmpty()) {
                        pages.add(page);
                        positions.add(at);
                        page = new ArrayList<>();
                        at = new ArrayList<>();
                        y = MARGIN;
                    } else if (i == 0 && !page.isEmpty()) {
                        y += gapBefore;
                    }
                    page.add(p);
                    at.add(new double[] {MARGIN, y});
                    y += p.height();
                }
            }
        } finally {
            measure.dispose();
        }
        if (!page.isEmpty()) {
            pages.add(page);
            positions.add(at);
        }
        List<Figure> figures = new ArrayList<>();
        int n = pages.size();
        String title = sheet.title();
        for (int k = 0; k < n; k++) {
            List<Piece> ps = pages.get(k);
            List<double[]> pos = positions.get(k);
            String pageOf = sheet.text("worksheet.page", k + 1, n);
            String footer = title + "   ·   " + pageOf;
            figures.add((g2, area) -> {
                AffineTransform t = g2.getTransform();
                try {
                    g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                    g2.setPaint(Color.WHITE);
                    g2.fill(area);
                    for (int i = 0; i < ps.size(); i++) {
                        g2.setPaint(Color.BLACK);
                        ps.get(i).draw(g2, pos.get(i)[0], pos.get(i)[1], width);
                    }
                    Font ff = new Font(FAMILY, Font.PLAIN, 1).deriveFont(8f);
                    g2.setFont(ff);
                    g2.setPaint(Color.GRAY);
                    FontMetrics fm = g2.getFontMetrics(ff);
                    String f = fm.stringWidth(footer) > width ? pageOf : footer;
                    g2.drawString(f, (float) MARGIN, (float) (ph - MARGIN / 2));
                } finally {
                    g2.setTransform(t);
                }
            });
        }
        return figures;
    }

    private static List<Piece> pieces(WorksheetWriter.Block b, Graphics2D measure, double width, Worksheet sheet) {
        List<Piece> r = new ArrayList<>();
        if (b instanceof WorksheetWriter.Heading h) {
            float size = h.level() == 1 ? 15f : h.level() == 2 ? 12.5f : 11f;
            r.addAll(text(h.text(), new Font(FAMILY, Font.BOLD, 1).deriveFont(size), measure, width, 0, h.level() == 2));
        } else if (b instanceof WorksheetWriter.Para p) {
            r.addAll(text(p.text(), new Font(FAMILY, p.bold() ? Font.BOLD : Font.PLAIN, 1).deriveFont(9.5f), measure,
                    width, 0, false));
        } else if (b instanceof WorksheetWriter.Math m) {
            r.add(formula(m.latex(), null, width, LABEL));
        } else if (b instanceof WorksheetWriter.Entry e) {
            String label = "(" + e.label() + ")";
            TeXIcon whole = icon(e.formula(), MATH);
            double avail = width - LABEL;
            if (e.key()) {
                r.add(formula(e.formula(), label, width / 2 - 8, 0, true));
            } else if (whole.getIconWidth() <= avail) {
                r.add(formula(e.formula(), label, width, 0));
            } else {
                r.add(formula(e.equation(), label, width, 0));
                r.add(formula("\\qquad = " + e.blank(), null, width, LABEL));
            }
        } else if (b instanceof WorksheetWriter.Table t) {
            Font bold = new Font(FAMILY, Font.BOLD, 1).deriveFont(8.5f);
            r.add(row(t.header()[0], null, t.header()[1], t.header()[2], bold, measure, width));
            Font mono = new Font(Font.MONOSPACED, Font.PLAIN, 1).deriveFont(7.5f);
            for (String[] row : t.rows()) {
                r.add(row(row[0], row[1], null, row[2], mono, measure, width));
            }
        }
        return r;
    }

    /** Wrapped lines of text, a piece each (so a page can break between them). */
    private static List<Piece> text(String s, Font font, Graphics2D measure, double width, double indent,
                                    boolean rule) {
        FontMetrics fm = measure.getFontMetrics(font);
        List<String> lines = Slide.wrap(s, fm, width - indent, 1000);
        List<Piece> r = new ArrayList<>();
        double lh = fm.getHeight() * 1.15;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean last = i == lines.size() - 1;
            r.add(new Piece() {
                @Override
                public double height() {
                    return lh + (rule && last ? 4 : 0);
                }

                @Override
                public void draw(Graphics2D g2, double x, double y, double w) {
                    g2.setFont(font);
                    g2.drawString(line, (float) (x + indent), (float) (y + fm.getAscent()));
                    if (rule && last) {
                        g2.setStroke(new BasicStroke(0.6f));
                        g2.setPaint(Color.GRAY);
                        g2.draw(new Line2D.Double(x, y + lh + 1, x + w, y + lh + 1));
                        g2.setPaint(Color.BLACK);
                    }
                }
            });
        }
        return r;
    }

    private static TeXIcon icon(String latex, float size) {
        TeXIcon icon = new TeXFormula(latex).createTeXIcon(TeXConstants.STYLE_DISPLAY, size);
        icon.setForeground(Color.BLACK);
        return icon;
    }

    /** A formula after an optional label (in the label column), scaled down to fit the column. */
    private static Piece formula(String latex, String label, double width, double indent) {
        return formula(latex, label, width, indent, false);
    }

    private static Piece formula(String latex, String label, double width, double indent, boolean half) {
        TeXIcon icon = icon(latex, MATH);
        double left = label == null ? indent : LABEL;
        double avail = width - left;
        double s = Math.min(1, avail / Math.max(1, icon.getIconWidth()));
        double h = icon.getIconHeight() * s;
        Font lf = new Font(FAMILY, Font.BOLD, 1).deriveFont(9.5f);
        return new Piece() {
            @Override
            public double height() {
                return Math.max(h, 12) + 4;
            }

            @Override
            public boolean half() {
                return half;
            }

            @Override
            public void draw(Graphics2D g2, double x, double y, double w) {
                if (label != null) {
                    g2.setFont(lf);
                    FontMetrics fm = g2.getFontMetrics(lf);
                    double base = y + 2 + icon.getIconHeight() * s / 2 + (fm.getAscent() - fm.getDescent()) / 2.0;
                    g2.drawString(label, (float) x, (float) base);
                }
                AffineTransform t = g2.getTransform();
                try {
                    g2.translate(x + left, y + 2);
                    g2.scale(s, s);
                    icon.paintIcon(null, g2, 0, 0);
                } finally {
                    g2.setTransform(t);
                }
            }
        };
    }

    /** A row of the exact values: label, a small formula or a header, the numbers wrapped. */
    private static Piece row(String label, String latex, String header, String numbers, Font font,
                             Graphics2D measure, double width) {
        FontMetrics fm = measure.getFontMetrics(font);
        double c1 = 40;
        double c2 = 110;
        List<String> lines = Slide.wrap(numbers, fm, width - c1 - c2, 1000);
        TeXIcon icon = latex == null ? null : icon(latex, 8.5f);
        double is = icon == null ? 1 : Math.min(1, (c2 - 6) / Math.max(1, icon.getIconWidth()));
        double lh = fm.getHeight();
        double h = Math.max(lines.size() * lh, icon == null ? lh : icon.getIconHeight() * is) + 3;
        Font lf = new Font(FAMILY, Font.PLAIN, 1).deriveFont(8.5f);
        return new Piece() {
            @Override
            public double height() {
                return h;
            }

            @Override
            public void draw(Graphics2D g2, double x, double y, double w) {
                g2.setFont(header != null ? font : lf);
                FontMetrics lm = g2.getFontMetrics();
                g2.drawString(label, (float) x, (float) (y + lm.getAscent()));
                if (header != null) {
                    g2.drawString(header, (float) (x + c1), (float) (y + lm.getAscent()));
                } else if (icon != null) {
                    AffineTransform t = g2.getTransform();
                    try {
                        g2.translate(x + c1, y);
                        g2.scale(is, is);
                        icon.paintIcon(null, g2, 0, 0);
                    } finally {
                        g2.setTransform(t);
                    }
                }
                g2.setFont(font);
                double base = y + fm.getAscent();
                for (String line : lines) {
                    g2.drawString(line, (float) (x + c1 + c2), (float) base);
                    base += lh;
                }
                g2.setStroke(new BasicStroke(0.3f));
                g2.setPaint(new Color(200, 200, 200));
                g2.draw(new Line2D.Double(x, y + h - 1, x + w, y + h - 1));
                g2.setPaint(Color.BLACK);
            }
        };
    }
}
