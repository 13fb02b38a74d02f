package org.unroll.export;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.unroll.view.Presentation;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import org.unroll.deck.Deck;
import org.unroll.deck.DeckException;
import org.unroll.deck.DeckSessions;
import org.unroll.deck.Resolved;
import org.unroll.deck.Scene;
import org.unroll.graph.Notation;

/**
 * A deck as a handout: one PDF page per scene with its title, the graph at the scene's moment (its
 * cursor, the part of the graph it shows, its notation) and its speaker notes, in one language.
 * The app's File ▸ Export Handout… and {@code export --deck} write the same file. Runs on any thread
 * but the JavaFX one (every scene's case is computed).
 */
public final class Handout {

    /** The page: A4 landscape, in points. */
    public static final float WIDTH = 842;
    public static final float HEIGHT = 595;
    /** The most lines of notes on a page (more end with an ellipsis). */
    public static final int MAX_NOTE_LINES = 8;

    private Handout() {
    }

    /**
     * Writes a deck's handout.
     *
     * @param sessions the deck's scenes (computed here as needed; shared with the app)
     * @param locale the language of the titles, notes and legends
     * @param out the PDF file
     * @param progress told of each scene (frame i of n); asked whether to stop
     * @return the number of pages
     * @throws DeckException if a scene cannot be made ready (nothing is written)
     * @throws IOException if the file cannot be written (the previous file is untouched)
     * @throws CancellationException if progress asked to stop (nothing is written)
     */
    public static int write(DeckSessions sessions, Locale locale, Path out, Exporter.Progress progress)
            throws DeckException, IOException {
        Deck deck = sessions.deck();
        List<Figure> pages = new ArrayList<>();
        for (int i = 0; i < deck.size(); i++) {
            if (progress.cancelled()) {
                throw new CancellationException("the handout was cancelled at scene " + (i + 1) + " of " + deck.size());
            }
            progress.frame(i, deck.size());
            pages.add(page(sessions.resolve(i), deck, locale));
        }
        PdfExport.writePages(pages, WIDTH, HEIGHT, out);
        return pages.size();
    }

    /**
     * One scene's page.
     *
     * @param r the scene made ready
     * @param deck its deck (for the footer)
     * @param locale the language
     */
    public static Figure page(Resolved r, Deck deck, Locale locale) {
        Scene s = r.scene();
        Notation n = s.notation() == null ? Notation.BOOK : s.notation();
        // a deck's texts may hold control characters: drawn as their escapes (ADR 0032)
        String title = org.unroll.engine.ControlChars.escape(s.title().in(locale));
        String notes = org.unroll.engine.ControlChars.escapeKeepingLines(s.notes().in(locale));
        String footer = (r.index() + 1) + " / " + deck.size() + "   ·   " + org.unroll.engine.ControlChars.escape(deck.title().in(locale));
        SlideStyle style = SlideStyle.forSize(WIDTH, HEIGHT);
        return (g2, area) -> {
            AffineTransform t = g2.getTransform();
            try {
                g2.setPaint(Color.WHITE);
                g2.fill(area);
                double m = style.margin();
                double left = area.getX() + m;
                double width = area.getWidth() - 2 * m;
                double top = area.getY() + m;
                Font tf = new Font(style.fontFamily(), Font.BOLD, 1).deriveFont(style.titleSize() * 0.8f);
                FontMetrics fm = g2.getFontMetrics(tf);
                double tw = fm.stringWidth(title);
                if (tw > width) {
                    tf = tf.deriveFont((float) (tf.getSize2D() * width / tw));
                    fm = g2.getFontMetrics(tf);
                }
                g2.setFont(tf);
                g2.setPaint(Color.BLACK);
                g2.drawString(title, (float) left, (float) (top + fm.getAscent()));
                top += fm.getAscent() + fm.getDescent() + style.gap() / 2;

                Font ff = new Font(style.fontFamily(), Font.PLAIN, 1).deriveFont(9f);
                FontMetrics ffm = g2.getFontMetrics(ff);
                double bottom = area.getMaxY() - m / 2 - ffm.getHeight();
                g2.setFont(ff);
                g2.setPaint(Color.GRAY);
                g2.drawString(footer, (float) left, (float) (area.getMaxY() - m / 2));

                Font nf = new Font(style.fontFamily(), Font.PLAIN, 1).deriveFont(12.5f);
                FontMetrics nfm = g2.getFontMetrics(nf);
                List<String> lines = notes.isBlank() ? List.of() : Slide.wrap(notes, nfm, width, MAX_NOTE_LINES);
                double notesH = lines.isEmpty() ? 0 : (lines.size() - 1) * nfm.getHeight() + nfm.getAscent() + nfm.getDescent();
                double notesTop = bottom - notesH;
                g2.setFont(nf);
                g2.setPaint(Color.BLACK);
                double baseline = notesTop + nfm.getAscent();
                for (String line : lines) {
                    g2.drawString(line, (float) left, (float) baseline);
                    baseline += nfm.getHeight();
                }
                double graphBottom = notesTop - style.gap();
                if (graphBottom - top > 40) {
                    Rectangle2D graphArea = new Rectangle2D.Double(left, top, width, graphBottom - top);
                    g2.setPaint(new Color(200, 200, 200));
                    g2.draw(graphArea);
                    graph(r, locale, n, graphArea).draw(g2, graphArea);
                }
            } finally {
                g2.setTransform(t);
            }
        };
    }

    /**
     * The graph of a scene at its moment, as the Export dialog draws it (region, notation, language).
     * Of the scene's presentation only the log-scale errors reach paper: they change what the colours
     * say; type size and contrast are for the room, and a page has its own.
     */
    static Figure graph(Resolved r, Locale locale, Notation n, Rectangle2D area) {
        int w = Math.max(Checks.MIN_SIDE, (int) Math.round(area.getWidth()));
        int h = Math.max(Checks.MIN_SIDE, (int) Math.round(area.getHeight()));
        ExportRequest req = new ExportRequest(ExportView.GRAPH, Format.PDF, w, h, 1, locale, null, null, false,
                r.start(), r.start(), ExportRequest.DEFAULT_DELAY, r.scene().region(), n)
                .withPresentation(Presentation.DESKTOP.withLogErrors(logErrors(r.scene())));
        Figure slide = Exporter.figure(req, new ExportSource(r.session(), null, null));
        return (g2, a) -> {
            AffineTransform t = g2.getTransform();
            try {
                g2.translate(a.getX(), a.getY());
                slide.draw(g2, new Rectangle2D.Double(0, 0, a.getWidth(), a.getHeight()));
            } finally {
                g2.setTransform(t);
            }
        };
    }

    private static boolean logErrors(org.unroll.deck.Scene s) {
        return s.presentation() != null && Boolean.TRUE.equals(s.presentation().logErrors());
    }

    /**
     * Reads a deck by name for a handout: {@code builtin:chapter5} or a deck file.
     *
     * @throws DeckException if it is not a valid deck
     * @throws IOException if the file cannot be read
     */
    public static DeckSessions open(String spec) throws DeckException, IOException {
        return new DeckSessions(org.unroll.deck.DeckFile.read(spec));
    }
}
