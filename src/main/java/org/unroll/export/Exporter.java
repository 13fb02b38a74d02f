package org.unroll.export;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CancellationException;
import java.util.function.IntFunction;
import org.jfree.chart.JFreeChart;
import org.unroll.charts.PlotData;
import org.unroll.charts.Plots;
import org.unroll.charts.SeriesCsv;
import org.unroll.engine.AtomicFile;
import org.unroll.engine.CaseFile;
import org.unroll.schedule.Event;
import org.unroll.view.Frame;
import org.unroll.view.GraphLayout;
import org.unroll.view.GraphPainter;
import org.unroll.view.GraphicsState;
import org.unroll.view.Messages;
import org.unroll.view.Session;
import org.unroll.view.TraceTable;

/**
 * Every export of the app and of the {@code export} command: a request and a source in, a file (or
 * a folder of frames, or an image) out. The window and the command line call the same methods with
 * the same request, so they write the same file. Every label, legend, equation caption and the
 * trace table's node column are in the request's {@link ExportRequest#notation() notation}. Runs
 * on any thread but the JavaFX one (charts are built fresh here, never the ones on screen).
 */
public final class Exporter {

    private Exporter() {
    }

    /**
     * Writes an export.
     *
     * @param request what to write (not modified)
     * @param source what to draw from (not modified)
     * @param out the file, or for {@link Format#FRAMES} the folder
     * @return the files written
     * @throws IOException if the file cannot be written (the previous file, if any, is untouched)
     * @throws IllegalArgumentException if the request does not fit the source (an event out of range,
     *     a size out of bounds)
     */
    public static List<Path> write(ExportRequest request, ExportSource source, Path out) throws IOException {
        return write(request, source, out, Progress.NONE);
    }

    /**
     * Follows a walk's export (GIF, frames) frame by frame, and stops it when asked. Called on the
     * exporting thread.
     */
    public interface Progress {

        /** Nothing to follow, never stopped. */
        Progress NONE = new Progress() {
            @Override
            public void frame(int index, int count) {
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        };

        /** Frame {@code index} (from 0) of {@code count} is about to be drawn. */
        void frame(int index, int count);

        /** Whether to stop: the export then throws {@link CancellationException} and writes nothing. */
        boolean cancelled();
    }

    /**
     * Writes an export, reporting a walk's frames to {@code progress} and stopping when it says so.
     *
     * @param request what to write (not modified)
     * @param source what to draw from (not modified)
     * @param out the file, or for {@link Format#FRAMES} the folder
     * @param progress told of each frame; asked whether to stop
     * @return the files written
     * @throws IOException if the file cannot be written (the previous file, if any, is untouched)
     * @throws CancellationException if {@code progress} asked to stop (nothing is written; the
     *     previous file, if any, is untouched)
     */
    public static List<Path> write(ExportRequest request, ExportSource source, Path out, Progress progress)
            throws IOException {
        if (request.view() == ExportView.WORKSHEET) {
            throw new IllegalArgumentException("a worksheet is written by WorksheetWriter, with its own options");
        }
        checkEvents(request, source.session());
        int w = request.width();
        int h = request.height();
        switch (request.format()) {
            case JSON -> {
                Session s = source.session();
                Checks.fileTarget(out);
                AtomicFile.write(out, o -> CaseFile.write(s.kase(), s.trace(), o));
                return List.of(out);
            }
            case CSV -> {
                List<List<String>> rows = csvRows(request, source);
                Csv.write(out, rows.get(0), rows.subList(1, rows.size()));
                return List.of(out);
            }
            case PNG -> {
                PngExport.write(figure(request, source), w, h, request.scale(), out);
                return List.of(out);
            }
            case SVG -> {
                SvgExport.write(figure(request, source), w, h, out);
                return List.of(out);
            }
            case PDF -> {
                PdfExport.write(figure(request, source), w, h, out);
                return List.of(out);
            }
            case GIF -> {
                GifExport.write(frameCount(request), walk(request, source, progress), w, h, request.scale(),
                        request.delayMillis(), true, out);
                return List.of(out);
            }
            case FRAMES -> {
                return FramesExport.write(frameCount(request), walk(request, source, progress), w, h, request.scale(), out,
                        "frame");
            }
            default -> throw new IllegalStateException(request.format().toString());
        }
    }

    /**
     * The picture of a request's first event as an image (for the clipboard and the preview).
     *
     * @param request what to draw (its format is ignored; its size and scale are used)
     * @param source what to draw from
     */
    public static BufferedImage image(ExportRequest request, ExportSource source) {
        checkEvents(request, source.session());
        BufferedImage argb = PngExport.render(figure(request, source), request.width(), request.height(),
                request.scale());
        BufferedImage rgb = new BufferedImage(argb.getWidth(), argb.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
        g.drawImage(argb, 0, 0, null);
        g.dispose();
        return rgb;
    }

    /**
     * The figure of a request's first event: the graph or the plot on a slide, with the title and
     * caption asked for.
     *
     * @param request what to draw
     * @param source what to draw from
     */
    public static Figure figure(ExportRequest request, ExportSource source) {
        if (request.view() == ExportView.GRAPH) {
            return graphSlide(request, source, new GraphPainter(source.session()), request.from(), null);
        }
        if (!request.view().isPlot()) {
            throw new IllegalArgumentException("the " + request.view().id() + " view has no picture");
        }
        JFreeChart chart = chart(request, source);
        return slide(request, chart::draw, null);
    }

    /**
     * The chart of a plot view as exported: built fresh from the source's data, restyled for slides.
     *
     * @param request the request (a plot view)
     * @param source the data
     */
    public static JFreeChart chart(ExportRequest request, ExportSource source) {
        ResourceBundle b = Messages.bundle(request.locale());
        JFreeChart chart;
        if (request.view().isComparison()) {
            org.jfree.data.xy.XYDataset d = source.comparison().get(request.view().chart());
            if (d == null) {
                throw new IllegalArgumentException("no comparison has run: the " + request.view().id()
                        + " plot is exported from the app's Compare tab after a run");
            }
            chart = Plots.create(request.view().chart(), b);
            Plots.showComparison(chart, d);
        } else {
            PlotData data = source.plotData();
            chart = Plots.build(request.view().chart(), data, source.plotView(), b, request.notation());
        }
        if (!blank(request.title())) {
            chart.setTitle((String) null);
        }
        double fontScale = Math.max(0.6, Math.min(3, Math.min(request.width() / 1280.0, request.height() / 720.0)));
        return Plots.forSlides(chart, fontScale * 1.25);
    }

    // ---- the graph ----

    private static Figure graphSlide(ExportRequest request, ExportSource source, GraphPainter painter, int event,
                                     GraphPainter.Viewport[] follow) {
        Session s = source.session();
        Frame frame = s.frame(event);
        ResourceBundle b = Messages.bundle(request.locale());
        Figure graph = (g2, area) -> {
            GraphPainter.Look look = GraphPainter.Look.slide(area.getWidth(), area.getHeight()).with(request.presentation());
            GraphPainter.Viewport v = viewport(request, painter, frame, area, look, follow);
            // no create(): OpenPDF loses what a created copy draws under a clip (see GraphicsState)
            GraphicsState saved = GraphicsState.save(g2);
            try {
                g2.translate(area.getX(), area.getY());
                g2.clip(new Rectangle2D.Double(0, 0, area.getWidth(), area.getHeight()));
                painter.paint(g2, area.getWidth(), area.getHeight(), frame, v, GraphPainter.Motion.still(), b,
                        request.notation(), look);
            } finally {
                saved.restore();
            }
        };
        Event e = event >= 0 ? s.schedule().event(event) : null;
        return slide(request, graph, request.equation() && e != null ? e.equation(request.notation()) : null);
    }

    /**
     * The viewport of one picture: the region asked for, else the export default; in a walk
     * ({@code follow} non-null) the previous frame's viewport while the current node stays in it.
     */
    private static GraphPainter.Viewport viewport(ExportRequest request, GraphPainter painter, Frame frame,
                                                  Rectangle2D area, GraphPainter.Look look,
                                                  GraphPainter.Viewport[] follow) {
        double w = area.getWidth();
        double h = area.getHeight();
        if (request.region() != null) {
            return painter.showing(request.region(), w, h, look);
        }
        if (follow != null && follow[0] != null && frame.current() != null && !frame.current().isParameter()) {
            Rectangle2D shown = GraphPainter.region(follow[0], w, h, look);
            GraphLayout.Box b = painter.layout(look).box(frame.current());
            if (b != null && shown.contains(b.x(), b.y(), b.w(), b.h())) {
                return follow[0];
            }
        } else if (follow != null && follow[0] != null) {
            return follow[0];
        }
        GraphPainter.Viewport v = painter.forExport(frame, w, h, look);
        if (follow != null) {
            follow[0] = v;
        }
        return v;
    }

    private static IntFunction<Figure> walk(ExportRequest request, ExportSource source, Progress progress) {
        if (request.view() != ExportView.GRAPH) {
            throw new IllegalArgumentException("only the graph can be animated");
        }
        GraphPainter painter = new GraphPainter(source.session());
        GraphPainter.Viewport[] follow = new GraphPainter.Viewport[1];
        int step = request.to() >= request.from() ? 1 : -1;
        int n = frameCount(request);
        return i -> {
            if (progress.cancelled()) {
                throw new CancellationException("the export was cancelled at frame " + (i + 1) + " of " + n);
            }
            progress.frame(i, n);
            return graphSlide(request, source, painter, request.from() + step * i, follow);
        };
    }

    /** The number of frames of a walk: every event from {@code from} to {@code to}, both included. */
    public static int frameCount(ExportRequest request) {
        return Math.abs(request.to() - request.from()) + 1;
    }

    // ---- slides and tables ----

    private static Figure slide(ExportRequest request, Figure content, String latex) {
        Slide s = Slide.of(content).withStyle(SlideStyle.forSize(request.width(), request.height()))
                .withTitle(request.title());
        if (latex != null) {
            try {
                return s.withLatexCaption(latex);
            } catch (IllegalArgumentException e) {
                // an equation JLaTeXMath cannot typeset: the plain caption instead
            }
        }
        return s.withCaption(request.caption());
    }

    private static List<List<String>> csvRows(ExportRequest request, ExportSource source) {
        if (request.view() == ExportView.GRAPH) {
            List<List<String>> rows = new java.util.ArrayList<>();
            rows.add(TraceTable.header(source.session()));
            rows.addAll(TraceTable.rows(source.session(), request.notation()));
            return rows;
        }
        return SeriesCsv.rows(chart(request, source));
    }

    private static void checkEvents(ExportRequest request, Session s) {
        int n = s.schedule().size();
        for (int e : new int[] {request.from(), request.to()}) {
            if (e < -1 || e >= n) {
                throw new IllegalArgumentException("event " + (e + 1) + " is out of range: this case has " + n
                        + " events (0 is the start)");
            }
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
