package org.unroll.export;

import java.awt.geom.Rectangle2D;
import java.util.Locale;
import org.unroll.graph.Notation;
import org.unroll.view.Presentation;

/**
 * One export, as the app's dialog and the {@code export} command both describe it. Immutable.
 *
 * @param view what is shown
 * @param format the file format
 * @param width the figure's width (pixels at scale 1; points in a PDF)
 * @param height the figure's height
 * @param scale the PNG/GIF pixel scale, 1 to 4
 * @param locale the language of every text in the figure
 * @param title a title above the figure, or null/blank for none (a plot then keeps its own title)
 * @param caption a caption below the figure, or null/blank for none
 * @param equation whether the graph's caption is the current event's equation (typeset)
 * @param from the event shown (index into the schedule, −1 before the first), or the first of a walk
 * @param to the last event of a walk (GIF, frames); equal to {@code from} for one picture
 * @param delayMillis the time each frame of a GIF is shown
 * @param region the part of the graph to show (world coordinates, as the window showed it), or
 *               null for the export default (the whole graph when it is readable, else the steps
 *               around the current node)
 * @param notation the notation of every label, equation and legend ({@link Notation#BOOK} when null)
 * @param presentation the graph dressed for a room as the window is (type size, high contrast,
 *                     log-scale errors; {@link Presentation#DESKTOP} when null)
 */
public record ExportRequest(ExportView view, Format format, int width, int height, double scale, Locale locale,
                            String title, String caption, boolean equation, int from, int to, int delayMillis,
                            Rectangle2D region, Notation notation, Presentation presentation) {

    /** The default GIF frame time. */
    public static final int DEFAULT_DELAY = 600;

    public ExportRequest {
        if (view == null || format == null) {
            throw new IllegalArgumentException("no view or format given");
        }
        if (!view.formats().contains(format)) {
            throw new IllegalArgumentException("the " + view.id() + " view cannot be written as " + format.id()
                    + "; it can be written as " + String.join(", ",
                    view.formats().stream().map(Format::id).toList()));
        }
        locale = locale == null ? Locale.ENGLISH : locale;
        region = region == null ? null : (Rectangle2D) region.clone();
        notation = notation == null ? Notation.BOOK : notation;
        presentation = presentation == null ? Presentation.DESKTOP : presentation;
    }

    /** A request at the desktop's presentation (the form before presentations existed). */
    public ExportRequest(ExportView view, Format format, int width, int height, double scale, Locale locale,
                         String title, String caption, boolean equation, int from, int to, int delayMillis,
                         Rectangle2D region, Notation notation) {
        this(view, format, width, height, scale, locale, title, caption, equation, from, to, delayMillis, region,
                notation, Presentation.DESKTOP);
    }

    /** A request in the book's notation (the form before notations existed). */
    public ExportRequest(ExportView view, Format format, int width, int height, double scale, Locale locale,
                         String title, String caption, boolean equation, int from, int to, int delayMillis,
                         Rectangle2D region) {
        this(view, format, width, height, scale, locale, title, caption, equation, from, to, delayMillis, region,
                Notation.BOOK);
    }

    /** A picture of one view at one event: 1280×720 at scale 1, English, no title or caption. */
    public static ExportRequest of(ExportView view, Format format, int event) {
        return new ExportRequest(view, format, 1280, 720, 1, Locale.ENGLISH, null, null, false, event, event,
                DEFAULT_DELAY, null, Notation.BOOK);
    }

    @Override
    public Rectangle2D region() {
        return region == null ? null : (Rectangle2D) region.clone();
    }

    /** Whether this is an animation (GIF or numbered frames). */
    public boolean isWalk() {
        return format == Format.GIF || format == Format.FRAMES;
    }

    public ExportRequest withSize(int w, int h, double s) {
        return new ExportRequest(view, format, w, h, s, locale, title, caption, equation, from, to, delayMillis, region,
                notation, presentation);
    }

    public ExportRequest withLocale(Locale l) {
        return new ExportRequest(view, format, width, height, scale, l, title, caption, equation, from, to, delayMillis,
                region, notation, presentation);
    }

    public ExportRequest withText(String t, String c, boolean eq) {
        return new ExportRequest(view, format, width, height, scale, locale, t, c, eq, from, to, delayMillis, region,
                notation, presentation);
    }

    public ExportRequest withRange(int first, int last) {
        return new ExportRequest(view, format, width, height, scale, locale, title, caption, equation, first, last,
                delayMillis, region, notation, presentation);
    }

    public ExportRequest withDelay(int ms) {
        return new ExportRequest(view, format, width, height, scale, locale, title, caption, equation, from, to, ms,
                region, notation, presentation);
    }

    public ExportRequest withRegion(Rectangle2D r) {
        return new ExportRequest(view, format, width, height, scale, locale, title, caption, equation, from, to,
                delayMillis, r, notation, presentation);
    }

    /** This request in another notation (null: the book's). */
    public ExportRequest withNotation(Notation n) {
        return new ExportRequest(view, format, width, height, scale, locale, title, caption, equation, from, to, delayMillis,
                region, n, presentation);
    }

    public ExportRequest withFormat(Format f) {
        return new ExportRequest(view, f, width, height, scale, locale, title, caption, equation, from, to, delayMillis,
                region, notation, presentation);
    }

    /** This request dressed for a room as the window is (null: the desktop's). */
    public ExportRequest withPresentation(Presentation p) {
        return new ExportRequest(view, format, width, height, scale, locale, title, caption, equation, from, to, delayMillis,
                region, notation, p);
    }
}
