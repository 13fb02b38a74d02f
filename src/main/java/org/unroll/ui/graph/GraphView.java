package org.unroll.ui.graph;

import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.scene.canvas.Canvas;
import javafx.scene.paint.Color;
import org.unroll.ui.common.FxColors;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import org.unroll.graph.Node;
import org.unroll.graph.Notation;
import org.unroll.view.ColorScale;
import org.unroll.view.Frame;
import org.unroll.view.GraphLayout;
import org.unroll.view.GraphPainter;
import org.unroll.view.Messages;
import org.unroll.view.Presentation;
import org.unroll.view.Session;

/**
 * The unrolled graph on a {@link Canvas}: time steps as columns, node kinds as rows, the shared
 * parameters once in a band along the top with thin lines to every step that reads them, and an
 * overview strip along the bottom. Draws only the visible columns, and a simplified picture when
 * zoomed far out. Pan by dragging, zoom with the wheel; the view glides to the current node when it
 * leaves the visible part. This is a view: it holds no state of the session, only what it is given.
 */
public final class GraphView extends Region {

    private static final Color CURRENT = FxColors.of(GraphPainter.CURRENT);

    static final double OVERVIEW_H = 44;
    static final double MIN_ZOOM = GraphPainter.MIN_ZOOM;
    static final double MAX_ZOOM = GraphPainter.MAX_ZOOM;

    /** Takes the mouse and sets the size of the picture (nothing is drawn on it). */
    private final Canvas canvas = new Canvas();
    private final Canvas overview = new Canvas();
    /** The pictures painted off the JavaFX thread, under the canvases. */
    private final PictureTiles graphTiles = new PictureTiles();
    private final javafx.scene.image.ImageView overviewImage = new javafx.scene.image.ImageView();
    private javafx.scene.image.PixelBuffer<java.nio.IntBuffer> pictureOverview;
    private static final java.util.function.Supplier<org.unroll.session.Background> DEFAULT_PAINTING =
            () -> new org.unroll.ui.common.FxBackground("unroll-graph-painter");
    private org.unroll.session.Background paintingThread;
    /** The newest job not yet painted, and whether one is being painted. */
    private Job waiting;
    private boolean painting;
    /** The painter's layers (one per session: used only on the painting thread, one job at a time). */
    private GraphPainter.Layers layers;
    /** The next event's picture, painted ahead; the last job shown. */
    private Painted prefetched;
    private Job lastShown;
    private boolean paintsAhead;
    private org.unroll.ui.common.AheadGate aheadGate;
    private final Runnable redrawNow = this::redraw;
    /** Paints ahead when the gate opens, unless a picture is being painted by then. */
    private final Runnable resumeAhead = () -> {
        if (!painting) {
            paintNext();
        }
    };
    private GraphPainter painter;
    private GraphLayout layout;
    private ColorScale valueScale = new ColorScale(1);
    private ColorScale deltaScale = new ColorScale(1);
    private Frame frame = Frame.empty();
    /** Whether the picture painted ahead hides the next event's result (predict mode). */
    private boolean hidesAhead;
    private ResourceBundle bundle = Messages.bundle(null);
    private Notation notation = Notation.BOOK;
    private Presentation presentation = Presentation.DESKTOP;
    /** ‖e_h(t)‖ by step (index t − 1) at the current frame, NaN where not computed; null before any. */
    private String fontFamily = Font.getDefault().getFamily();
    private Consumer<Node> onNodeClicked = n -> { };

    private double zoom = 1;
    private double panX;
    private double panY;
    private double dragX;
    private double dragY;
    private boolean dragged;
    /** Whether the user has panned or zoomed since the graph was shown (else a resize refits it). */
    private boolean userMoved;

    // animation
    private long animationNanos = 250_000_000L;
    private long animStart = -1;
    private double animFromX = Double.NaN;
    private double animFromY = Double.NaN;
    private double progress = 1;
    private long glideStart = -1;
    private double glideFromX;
    private double glideFromY;
    private double glideToX;
    private double glideToY;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            tick(now);
        }
    };
    private boolean timerRunning;
    private int drawnIndex = -1;

    public GraphView() {
        getStyleClass().add("graph-view");
        overviewImage.setMouseTransparent(true);
        // the canvases take the mouse and set the size; nothing is drawn on them, so they need no
        // rendering (a node at opacity 0 is not rendered, but still picked)
        canvas.setOpacity(0);
        overview.setOpacity(0);
        overviewImage.setSmooth(false);
        getChildren().addAll(graphTiles.node(), overviewImage, canvas, overview);
        setMinSize(200, 150);
        setFocusTraversable(false);
        canvas.setOnMousePressed(this::pressed);
        canvas.setOnMouseDragged(this::dragged);
        canvas.setOnMouseReleased(this::released);
        canvas.setOnScroll(this::scrolled);
        overview.setOnMousePressed(this::overviewAt);
        overview.setOnMouseDragged(this::overviewAt);
    }

    // ---- inputs ----

    /**
     * Shows another session of the same network (a number edited, undone or redone): new numbers
     * and colours, the zoom and place kept. The painter, its layers and any picture painted ahead
     * belong to the old session and are dropped, so nothing of its numbers is shown again. A
     * session of another shape is shown as {@link #setSession} shows it.
     */
    public void replaceSession(Session session) {
        if (painter == null || layout == null || !sameShape(painter.session(), session)) {
            setSession(session);
            return;
        }
        prefetched = null;
        waiting = null;
        painter = new GraphPainter(session);
        layers = new GraphPainter.Layers();
        layout = painter.layout(look());
        valueScale = session.valueScale();
        deltaScale = session.deltaScale();
        redraw();
    }

    private static boolean sameShape(Session a, Session b) {
        return a.graph().config().equals(b.graph().config()) && a.graph().length() == b.graph().length()
                && a.graph().nodes().size() == b.graph().nodes().size();
    }

    /** Shows a session's graph, zoomed to fit (null: nothing). */
    public void setSession(Session session) {
        frame = Frame.empty();
        prefetched = null;
        pendingRegion = null;
        animFromX = Double.NaN;
        glideStart = -1;
        if (session == null) {
            painter = null;
            layout = null;
            redraw();
            return;
        }
        painter = new GraphPainter(session);
        layers = new GraphPainter.Layers();
        layout = painter.layout(look());
        valueScale = session.valueScale();
        deltaScale = session.deltaScale();
        if (layout.graph().length() <= LONG) {
            zoomToFit();
        } else {
            showStart();
        }
    }

    /** Sequences longer than this open at full size on their first steps instead of fitted. */
    static final int LONG = GraphPainter.LONG;

    /** Zoom 1 on the first steps (long sequences; the overview strip shows the rest). */
    private void showStart() {
        glideStart = -1;
        userMoved = false;
        zoom = 1;
        panX = 0;
        panY = (layout.height() - drawH()) / 2;
        redraw();
    }

    /** Shows another position of the cursor, animating from the previous one. */
    public void setFrame(Frame f) {
        Frame old = frame;
        frame = f == null ? Frame.empty() : f;
        if (layout == null) {
            return;
        }
        GraphLayout.Box from = old.current() == null ? null : layout.box(old.current());
        if (from != null) {
            animFromX = from.centerX();
            animFromY = from.centerY();
        } else {
            animFromX = Double.NaN;
        }
        if (animationNanos > 0 && frame.current() != null) {
            animStart = -1;
            progress = 0;
            startTimer();
        } else {
            progress = 1;
        }
        follow();
        redraw();
    }

    /**
     * Dresses the picture for a room: the labels, band, legend and overview strip at the type size
     * (the layout giving them room, the zoom never below the one at which they are that large), the
     * high-contrast theme, log-scale errors. The view refits and keeps the current node in view.
     */
    public void setPresentation(Presentation p) {
        Presentation next = p == null ? Presentation.DESKTOP : p;
        if (next.equals(presentation)) {
            return;
        }
        boolean resized = next.typeSize() != presentation.typeSize();
        presentation = next;
        if (layout != null && resized) {
            layout = painter.layout(look());
            userMoved = false;
            glideStart = -1;
            if (layout.graph().length() <= LONG) {
                zoomToFit();
            } else {
                showStart();
            }
            long saved = animationNanos;
            animationNanos = 0;
            follow();
            animationNanos = saved;
        }
        requestLayout();
        redraw();
    }

    /** The presentation the view is dressed in. */
    public Presentation presentation() {
        return presentation;
    }

    /** ‖e_h(t)‖ (the error at p(t) of a simple RNN, at h(t) of a gated cell) by step, as far as known. */
    static double[] errorNorms(GraphLayout layout, Frame f) {
        if (layout == null || !f.backward()) {
            return null;
        }
        org.unroll.graph.UnrolledGraph g = layout.graph();
        String key = g.config().cell() == org.unroll.engine.CellType.RNN ? "p" : "h";
        double[] norms = new double[g.length()];
        boolean any = false;
        for (int t = 1; t <= g.length(); t++) {
            Node n = g.contains(key, t) ? g.node(key, t) : null;
            double[] e = n == null ? null : f.error().apply(n);
            double s = Double.NaN;
            if (e != null) {
                s = 0;
                for (double v : e) {
                    s += v * v;
                }
                s = Math.sqrt(s);
                any = true;
            }
            norms[t - 1] = s;
        }
        return any ? norms : null;
    }

    /** ‖e_h(t)‖ by step (index t − 1) as the overview strip draws it now, or null before the errors. */
    public double[] errorNorms() {
        return errorNorms(layout, frame);
    }

    /** The time one step's transition takes (0: none). */
    public void setAnimationMillis(double ms) {
        animationNanos = (long) (Math.max(0, ms) * 1e6);
    }

    public void setBundle(ResourceBundle b) {
        bundle = b;
        redraw();
    }

    /** Labels, the parameter band and the legend's line in a notation (null: the book's). */
    public void setNotation(Notation n) {
        notation = n == null ? Notation.BOOK : n;
        redraw();
    }

    /** The notation the labels are drawn in. */
    public Notation notation() {
        return notation;
    }

    /** A node's label as drawn now (in the view's notation), or null when no graph is shown. */
    public String labelOf(Node n) {
        return painter == null ? null : painter.label(n, notation);
    }

    /** The font family of labels (one that has Japanese glyphs, when Japanese is shown). */
    public void setFontFamily(String family) {
        fontFamily = family;
        redraw();
    }

    public void setOnNodeClicked(Consumer<Node> c) {
        onNodeClicked = c == null ? n -> { } : c;
    }

    public Frame frame() {
        return frame;
    }

    /** Whether the step's transition or a glide is under way (the benchmark waits for it to end). */
    public boolean animating() {
        return timerRunning;
    }

    /**
     * The graph's picture shown now (painted off the JavaFX thread), read back from its tiles (tests
     * compare its pixels), or null.
     */
    public javafx.scene.image.Image picture() {
        return graphTiles.snapshot();
    }

    /** How many tiles the graph's picture is shown in, and how many the last picture replaced (tests). */
    int[] tiles() {
        return new int[] {graphTiles.count(), graphTiles.lastReplaced()};
    }

    /** Whether a picture is being painted (or waits to be), the next event's ahead included. */
    public boolean busy() {
        return painting || waiting != null || paintsAhead && aheadGate != null && aheadGate.held();
    }

    /** The event whose picture is painted ahead, waiting for the next key (−1: none). */
    public int paintedAheadIndex() {
        return prefetched == null ? -1 : prefetched.job().frame().index();
    }

    /** The index of the frame last painted on the canvas (−1: before the first event or nothing). */
    public int drawnIndex() {
        return drawnIndex;
    }

    public double zoom() {
        return zoom;
    }

    /** The world point at the top-left corner of the drawing area. */
    public double[] pan() {
        return new double[] {panX, panY};
    }

    public GraphLayout layoutOfGraph() {
        return layout;
    }

    /** The ratio of the node colours: the largest magnitude of the values, of the errors. */
    public double[] scaleLimits() {
        return new double[] {valueScale.limit(), deltaScale.limit()};
    }

    // ---- viewport ----

    private double drawW() {
        return Math.max(1, canvas.getWidth());
    }

    private double drawH() {
        return GraphPainter.drawingHeight(canvas.getWidth(), canvas.getHeight(), look());
    }

    private double band() {
        return GraphPainter.bandHeight(look());
    }

    /** Zooms so that the whole graph is visible (but never beyond 1.6×). */
    public void zoomToFit() {
        if (layout == null) {
            return;
        }
        glideStart = -1;
        userMoved = false;
        GraphPainter.Viewport v = painter.fit(drawW(), canvas.getHeight(), look(), 1.6);
        zoom = v.zoom();
        panX = v.panX();
        panY = v.panY();
        if (drawW() / zoom < layout.width()) {
            // a large type size: the graph does not fit at a readable zoom; its start, not its middle
            panX = 0;
        }
        if (drawH() / zoom < layout.height()) {
            panY = 0;
        }
        // and the current node in view
        long saved = animationNanos;
        animationNanos = 0;
        follow();
        animationNanos = saved;
        redraw();
    }

    /**
     * Shows a region of the graph (world coordinates) as large as it fits, as a deck's scene names
     * it; null: the view a newly shown graph gets (fitted, or the first steps of a long one). Before
     * the view has its size, the region is kept and shown when it does.
     */
    public void showRegion(java.awt.geom.Rectangle2D region) {
        if (layout == null) {
            return;
        }
        glideStart = -1;
        if (canvas.getWidth() <= 0 || canvas.getHeight() <= 0) {
            pendingRegion = region == null ? NO_REGION : (java.awt.geom.Rectangle2D) region.clone();
            return;
        }
        pendingRegion = null;
        if (region == null) {
            if (layout.graph().length() <= LONG) {
                zoomToFit();
            } else {
                showStart();
                long a = animationNanos;
                animationNanos = 0;
                follow();
                animationNanos = a;
                redraw();
            }
            return;
        }
        GraphPainter.Viewport v = painter.showing(region, canvas.getWidth(), canvas.getHeight(), look());
        userMoved = true;
        zoom = v.zoom();
        panX = v.panX();
        panY = v.panY();
        redraw();
    }

    /** A region to show once the view has its size (NO_REGION: the default view), or null. */
    private java.awt.geom.Rectangle2D pendingRegion;
    private static final java.awt.geom.Rectangle2D NO_REGION = new java.awt.geom.Rectangle2D.Double();

    /** Zooms by a factor about the centre of the drawing. */
    public void zoomBy(double factor) {
        userMoved = true;
        zoomAbout(factor, drawW() / 2, band() + drawH() / 2);
    }

    private void zoomAbout(double factor, double sx, double sy) {
        if (layout == null) {
            return;
        }
        glideStart = -1;
        double wx = panX + sx / zoom;
        double wy = panY + (sy - band()) / zoom;
        zoom = clamp(zoom * factor, MIN_ZOOM, MAX_ZOOM);
        panX = wx - sx / zoom;
        panY = wy - (sy - band()) / zoom;
        redraw();
    }

    /** Centres the view on a world point, gliding there. */
    private void glideTo(double wx, double wy) {
        glideFromX = panX;
        glideFromY = panY;
        glideToX = wx - drawW() / zoom / 2;
        glideToY = wy - drawH() / zoom / 2;
        if (drawH() / zoom >= layout.height()) {
            glideToY = (layout.height() - drawH() / zoom) / 2;
        }
        glideStart = 0;
        startTimer();
    }

    /** Glides to the current node when it is (partly) outside the visible part. */
    private void follow() {
        if (frame.current() == null || layout == null) {
            return;
        }
        GraphLayout.Box b = layout.box(frame.current());
        if (b == null) {
            return;
        }
        // a node is out of view only if it is (partly) outside the visible part; when the whole
        // graph fits one way, the view never moves that way (the fitted view stays put)
        boolean fitsX = drawW() / zoom >= layout.width();
        boolean fitsY = drawH() / zoom >= layout.height();
        double margin = 30 / zoom;
        double x0 = panX + margin;
        double x1 = panX + drawW() / zoom - margin;
        double y0 = panY;
        double y1 = panY + drawH() / zoom;
        boolean outX = !fitsX && (b.x() < x0 || b.x() + b.w() > x1);
        boolean outY = !fitsY && (b.y() < y0 || b.y() + b.h() > y1);
        if (outX || outY) {
            double cx = outX ? b.centerX() : panX + drawW() / zoom / 2;
            double cy = outY ? b.centerY() : panY + drawH() / zoom / 2;
            if (outY) {
                // a graph taller than the view (a large type size): no empty band past its top or bottom
                double h = drawH() / zoom;
                cy = clamp(cy, h / 2 - GraphLayout.MARGIN / 2, layout.height() - h / 2 + GraphLayout.MARGIN / 2);
            }
            if (animationNanos == 0) {
                panX = cx - drawW() / zoom / 2;
                panY = cy - drawH() / zoom / 2;
            } else {
                glideTo(cx, cy);
            }
        }
    }

    private void startTimer() {
        if (!timerRunning) {
            timerRunning = true;
            timer.start();
        }
    }

    private void tick(long now) {
        boolean busy = false;
        if (progress < 1) {
            if (animStart < 0) {
                animStart = now;
            }
            progress = animationNanos <= 0 ? 1 : Math.min(1, (now - animStart) / (double) animationNanos);
            busy |= progress < 1;
        }
        if (glideStart >= 0) {
            if (glideStart == 0) {
                glideStart = now;
            }
            long glideNanos = 350_000_000L;
            double s = Math.min(1, (now - glideStart) / (double) glideNanos);
            double e = s * s * (3 - 2 * s);
            panX = glideFromX + (glideToX - glideFromX) * e;
            panY = glideFromY + (glideToY - glideFromY) * e;
            if (s >= 1) {
                glideStart = -1;
            } else {
                busy = true;
            }
        }
        if (aheadGate != null && aheadGate.held()) {
            // the step's own frame is not rendered yet: its transition's next frames wait (ADR 0040)
            aheadGate.whenOpen(redrawNow);
        } else {
            redraw();
        }
        if (!busy) {
            timer.stop();
            timerRunning = false;
        }
    }

    // ---- mouse ----

    private void pressed(MouseEvent e) {
        dragX = e.getX();
        dragY = e.getY();
        dragged = false;
        if (e.getY() < band() && e.getButton() == MouseButton.PRIMARY && layout != null) {
            Node p = painter.parameterAt(e.getX(), e.getY(), canvas.getWidth(), look());
            if (p != null) {
                onNodeClicked.accept(p);
            }
        }
    }

    private void dragged(MouseEvent e) {
        if (layout == null) {
            return;
        }
        double dx = e.getX() - dragX;
        double dy = e.getY() - dragY;
        if (Math.abs(dx) + Math.abs(dy) > 2) {
            dragged = true;
        }
        glideStart = -1;
        userMoved = true;
        panX -= dx / zoom;
        panY -= dy / zoom;
        dragX = e.getX();
        dragY = e.getY();
        redraw();
    }

    private void released(MouseEvent e) {
        if (!dragged && layout != null && e.getY() >= band() && e.getButton() == MouseButton.PRIMARY) {
            Node n = layout.nodeAt(panX + e.getX() / zoom, panY + (e.getY() - band()) / zoom);
            if (n != null) {
                onNodeClicked.accept(n);
            }
        }
    }

    private void scrolled(ScrollEvent e) {
        double dy = e.getDeltaY();
        if (dy == 0) {
            return;
        }
        userMoved = true;
        zoomAbout(dy > 0 ? 1.15 : 1 / 1.15, e.getX(), e.getY());
        e.consume();
    }

    private void overviewAt(MouseEvent e) {
        if (layout == null) {
            return;
        }
        double wx = e.getX() / Math.max(1, overview.getWidth()) * layout.width();
        glideStart = -1;
        userMoved = true;
        panX = wx - drawW() / zoom / 2;
        redraw();
    }

    // ---- layout of the region ----

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        double oh = Math.min(overviewHeight(), Math.max(0, h - 120));
        boolean first = canvas.getWidth() == 0;
        boolean resized = canvas.getWidth() != w || canvas.getHeight() != Math.max(0, h - oh);
        canvas.setWidth(w);
        canvas.setHeight(Math.max(0, h - oh));
        overview.setWidth(w);
        overview.setHeight(oh);
        canvas.relocate(0, 0);
        overview.relocate(0, h - oh);
        graphTiles.node().relocate(0, 0);
        overviewImage.relocate(0, h - oh);
        if (pendingRegion != null && layout != null && canvas.getWidth() > 0 && canvas.getHeight() > 0) {
            showRegion(pendingRegion == NO_REGION ? null : pendingRegion);
        } else if (first && layout != null && layout.graph().length() > LONG) {
            showStart();
        } else if ((first || resized && !userMoved) && layout != null && layout.graph().length() <= LONG) {
            zoomToFit();
        } else {
            redraw();
        }
    }

    @Override
    protected double computePrefWidth(double height) {
        return 800;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 600;
    }

    // ---- drawing ----

    /**
     * Draws the visible part: the state of the view (frame, viewport, transition, language,
     * notation, size) is handed to the painting thread as one immutable job, painted there through
     * the same painter as every exported figure into an image (graph and overview strip), and the
     * image is shown when it is done. The JavaFX thread only copies its pixels. A job asked for
     * while one is being painted waits, and only the newest waiting job is painted (no frame of a
     * glide is painted that is already out of date; none that is under way is thrown away).
     */
    public void redraw() {
        long t0 = org.unroll.ui.common.FrameProbe.start();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        double scale = getScene() != null && getScene().getWindow() != null ? getScene().getWindow().getRenderScaleX() : 1;
        // the graph's picture and the overview strip are painted on the painting thread
        Job job = new Job(painter, layout, w, h, overview.getWidth(), overview.getHeight(), scale, frame, viewport(),
                progress >= 1 ? GraphPainter.Motion.still() : new GraphPainter.Motion(progress, animFromX, animFromY), bundle, notation, look(), fontFamily, layers, false);
        if (lastShown != null && !painting && waiting == null && job.key().equals(lastShown.key())) {
            // nothing has changed since the picture shown (a layout pass): nothing to paint
            org.unroll.ui.common.FrameProbe.end("fx: graph redraw asked", t0);
            return;
        }
        Painted ready = prefetched;
        if (ready != null && ready.job().key().equals(job.key())) {
            // painted ahead while the user read the last event: shown in this very pulse
            prefetched = null;
            waiting = null;
            showPicture(ready);
            // the same picture, as the job of the frame now shown (what the next ahead follows)
            lastShown = job;
            if (!painting) {
                // and the event after it, ahead (once the gate lets it: ADR 0040)
                paintNext();
            }
        } else {
            waiting = job;
            if (!painting) {
                paintNext();
            }
        }
        org.unroll.ui.common.FrameProbe.end("fx: graph redraw asked", t0);
    }

    /** Where the pictures are painted (the app: a thread of its own; tests: at once). */
    public void setPainting(org.unroll.session.Background b) {
        paintingThread = b;
    }

    /**
     * Whether the next event's picture, painted ahead, hides its result (predict, then reveal):
     * what the next key press will show.
     */
    public void setHidesAhead(boolean hide) {
        hidesAhead = hide;
    }

    /** Whether the next event's picture is painted ahead while the view is still (off by default). */
    public void setPaintsAhead(boolean ahead) {
        paintsAhead = ahead;
    }

    /**
     * What the picture painted ahead waits for after a step: the step's own frame rendered (ADR
     * 0040; null: never waits).
     */
    public void setAheadGate(org.unroll.ui.common.AheadGate gate) {
        aheadGate = gate;
    }

    private void paintNext() {
        Job job = waiting;
        waiting = null;
        if (job == null) {
            if (aheadGate != null && aheadGate.held() && paintsAhead) {
                aheadGate.whenOpen(resumeAhead);
                return;
            }
            job = ahead();
            if (job == null) {
                return;
            }
        }
        painting = true;
        if (paintingThread == null) {
            paintingThread = DEFAULT_PAINTING.get();
        }
        // one job at a time: what is shown now is what this picture follows (unless painted ahead
        // and something else is shown first; then all its tiles are replaced)
        java.awt.image.BufferedImage base = graphTiles.shown();
        java.awt.image.BufferedImage overviewBase = shownOverview;
        Job started = job;
        paintingThread.submit(() -> started.paint(base, overviewBase), this::show, err -> {
            painting = false;
            paintNext();
        });
    }

    /**
     * The picture the next key press will ask for, when the view is still: the next event's
     * frame at the same viewport, at the first moment of its transition. Null when there is none
     * to paint (or it is painted already).
     */
    private Job ahead() {
        if (!paintsAhead || painter == null || timerRunning) {
            return null;
        }
        int next = frame.index() + 1;
        if (next >= painter.session().schedule().size() || lastShown == null || lastShown.frame() != frame) {
            return null;
        }
        // in predict mode the next event opens with its result hidden
        Frame f = painter.session().frame(next, hidesAhead);
        GraphLayout.Box from = frame.current() == null ? null : layout.box(frame.current());
        boolean moves = animationNanos > 0 && f.current() != null;
        GraphPainter.Motion m = moves ? new GraphPainter.Motion(0, from == null ? Double.NaN : from.centerX(),
                from == null ? Double.NaN : from.centerY()) : GraphPainter.Motion.still();
        Job j = lastShown;
        Job job = new Job(j.painter(), j.layout(), j.width(), j.height(), j.overviewWidth(), j.overviewHeight(), j.scale(), f,
                j.view(), m, j.bundle(), j.notation(), j.look(), j.fontFamily(), j.layers(), true);
        return prefetched != null && prefetched.job().key().equals(job.key()) ? null : job;
    }

    /** A painted job: shown, or kept when it was painted ahead. */
    private void show(Painted p) {
        painting = false;
        if (p.job().ahead() && waiting != null && waiting.key().equals(p.job().key())) {
            // asked for while it was painted ahead
            waiting = null;
            showPicture(p);
        } else if (p.job().ahead()) {
            prefetched = p;
        } else {
            showPicture(p);
        }
        paintNext();
    }

    /** Shows a painted job's pictures (JavaFX thread): a copy of pixels into the images shown. */
    private void showPicture(Painted p) {
        long t0 = org.unroll.ui.common.FrameProbe.start();
        // pixels for pixels at scale 1 (no fit size: the image is drawn as it is)
        boolean hiDpi = p.job().scale() != 1;
        // only the tiles whose pixels changed since the picture shown (worked out where it was painted)
        graphTiles.show(p.graph(), p.base(), p.changed(), p.job().scale(),
                hiDpi ? p.job().width() : 0, hiDpi ? p.job().height() : 0);
        // the overview strip only when its pixels changed (a glide's frames and most redraws keep it)
        if (p.overviewBase() == null || p.overviewBase() != shownOverview || !p.overviewSame()) {
            pictureOverview = copy(p.overview(), pictureOverview, overviewImage);
            shownOverview = p.overview();
            overviewReplaced++;
        }
        org.unroll.ui.common.FrameProbe.count("fx: graph tiles replaced (count)", graphTiles.lastReplaced());
        overviewImage.setFitWidth(hiDpi ? p.job().overviewWidth() : 0);
        overviewImage.setFitHeight(hiDpi ? p.job().overviewHeight() : 0);
        overviewImage.setSmooth(hiDpi);
        drawnIndex = p.job().frame().index();
        lastShown = p.job();
        org.unroll.ui.common.FrameProbe.end("fx: graph picture shown (pixels copied)", t0);
    }

    /**
     * Copies a painted picture into the image shown: into a {@link javafx.scene.image.PixelBuffer}
     * in the painter's own format (premultiplied int ARGB), so that neither the JavaFX thread nor
     * the render thread converts a pixel (a WritableImage's setPixels converted on one and its
     * texture upload back on the other: most of a frame at T = 1000).
     */
    private static javafx.scene.image.PixelBuffer<java.nio.IntBuffer> copy(java.awt.image.BufferedImage src,
            javafx.scene.image.PixelBuffer<java.nio.IntBuffer> dst, javafx.scene.image.ImageView view) {
        if (src == null) {
            view.setImage(null);
            return dst;
        }
        int w = src.getWidth();
        int h = src.getHeight();
        int[] px = ((java.awt.image.DataBufferInt) src.getRaster().getDataBuffer()).getData();
        if (dst == null || dst.getWidth() != w || dst.getHeight() != h) {
            java.nio.IntBuffer buf = java.nio.IntBuffer.allocate(w * h);
            buf.put(px, 0, w * h).flip();
            dst = new javafx.scene.image.PixelBuffer<>(w, h, buf, javafx.scene.image.PixelFormat.getIntArgbPreInstance());
            view.setImage(new javafx.scene.image.WritableImage(dst));
            return dst;
        }
        dst.updateBuffer(b -> {
            java.nio.IntBuffer buf = b.getBuffer();
            buf.clear();
            buf.put(px, 0, w * h).flip();
            return null;
        });
        return dst;
    }

    /** The pictures of one job. */
    private record Painted(Job job, java.awt.image.BufferedImage graph, java.awt.image.BufferedImage overview,
                           java.awt.image.BufferedImage base, boolean[] changed,
                           java.awt.image.BufferedImage overviewBase, boolean overviewSame) {
    }

    /** The overview strip's picture shown now (its pixels are not changed after it is shown). */
    private java.awt.image.BufferedImage shownOverview;
    /** How many times the overview strip's image was replaced (tests read it). */
    private long overviewReplaced;

    /** How many times the overview strip's image has been replaced: not when its pixels are the same. */
    long overviewReplaced() {
        return overviewReplaced;
    }

    /** Everything one picture depends on, fixed when it is asked for; painted on any thread. */
    private record Job(GraphPainter painter, GraphLayout layout, double width, double height, double overviewWidth,
                       double overviewHeight, double scale, Frame frame, GraphPainter.Viewport view,
                       GraphPainter.Motion motion, ResourceBundle bundle, Notation notation, GraphPainter.Look look,
                       String fontFamily, GraphPainter.Layers layers, boolean ahead) {

        /** What the picture depends on (not whether it was painted ahead). */
        Object key() {
            return java.util.Arrays.asList(painter == null ? null : System.identityHashCode(painter), width, height,
                    overviewWidth, overviewHeight, scale, frame.key(), view, motion, System.identityHashCode(bundle),
                    notation, look, fontFamily);
        }

        /** Paints the pictures, and finds the tiles that differ from {@code base}, the picture shown. */
        Painted paint(java.awt.image.BufferedImage base, java.awt.image.BufferedImage overviewBase) {
            long t0 = org.unroll.ui.common.FrameProbe.start();
            java.awt.image.BufferedImage g = image(width, height);
            if (g != null) {
                java.awt.Graphics2D g2 = g.createGraphics();
                try {
                    g2.scale(scale, scale);
                    if (painter == null) {
                        g2.setColor(look.background());
                        g2.fillRect(0, 0, (int) Math.ceil(width), (int) Math.ceil(height));
                    } else {
                        painter.paint(g2, width, height, frame, view, motion, bundle, notation, look, layers);
                    }
                } finally {
                    g2.dispose();
                }
            }
            java.awt.image.BufferedImage o = image(overviewWidth, overviewHeight);
            if (o != null) {
                java.awt.Graphics2D g2 = o.createGraphics();
                try {
                    g2.scale(scale, scale);
                    paintOverview(g2);
                } finally {
                    g2.dispose();
                }
            }
            org.unroll.ui.common.FrameProbe.end(ahead ? "painting thread: next graph painted ahead"
                    : "painting thread: graph painted", t0);
            // which tiles differ from the picture shown when this one was begun (shown next to it)
            boolean[] changed = null;
            if (g != null && base != null) {
                long t1 = org.unroll.ui.common.FrameProbe.start();
                changed = PictureTiles.changed(base, g, PictureTiles.tileSize(PictureTiles.configuredTile(),
                        g.getWidth(), g.getHeight(), scale));
                org.unroll.ui.common.FrameProbe.end("painting thread: changed tiles found", t1);
            }
            boolean overviewSame = o != null && overviewBase != null && o.getWidth() == overviewBase.getWidth()
                    && o.getHeight() == overviewBase.getHeight()
                    && java.util.Arrays.equals(((java.awt.image.DataBufferInt) o.getRaster().getDataBuffer()).getData(),
                            ((java.awt.image.DataBufferInt) overviewBase.getRaster().getDataBuffer()).getData());
            return new Painted(this, g, o, base, changed, overviewBase, overviewSame);
        }

        private java.awt.image.BufferedImage image(double w, double h) {
            int pw = (int) Math.ceil(w * scale);
            int ph = (int) Math.ceil(h * scale);
            return pw <= 0 || ph <= 0 ? null : new java.awt.image.BufferedImage(pw, ph, java.awt.image.BufferedImage.TYPE_INT_ARGB_PRE);
        }

        /**
         * The overview strip: per column, how much is computed forward (top) and backward (bottom),
         * the viewport's outline, and ‖e_h(t)‖ along it once errors are computed (a line on a log
         * scale of {@link ColorScale#DECADES} decades below the largest, so a vanishing gradient shows
         * as a line falling from right to left).
         */
        private void paintOverview(java.awt.Graphics2D g) {
            double w = overviewWidth;
            double h = overviewHeight;
            Presentation pres = look.presentation();
            boolean contrast = pres.highContrast();
            double type = 1 + (pres.scale() - 1) * 0.6;
            g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING, java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(contrast ? java.awt.Color.WHITE : new java.awt.Color(236, 234, 228));
            g.fill(new java.awt.geom.Rectangle2D.Double(0, 0, w, h));
            if (layout == null) {
                return;
            }
            java.awt.Font font = new java.awt.Font(fontFamily, java.awt.Font.PLAIN, 1).deriveFont((float) (9 * type));
            g.setFont(font);
            java.awt.FontMetrics fm = g.getFontMetrics();
            g.setColor(contrast ? java.awt.Color.BLACK : new java.awt.Color(110, 110, 110));
            g.drawString(bundle.getString("graph.overview"), 4f, 1f + fm.getAscent());
            double top = 12 * type;
            int cols = layout.graph().length() + 2;
            double unit = w / layout.width();
            double half = (h - top - 3) / 2;
            for (int c = 0; c < cols; c++) {
                List<Node> ns = painter.column(c);
                if (ns.isEmpty()) {
                    continue;
                }
                int done = 0;
                int deltas = 0;
                int withDelta = 0;
                boolean current = false;
                for (Node n : ns) {
                    done += frame.value().apply(n) != null ? 1 : 0;
                    if (n.hasDelta()) {
                        withDelta++;
                        deltas += frame.backward() && frame.error().apply(n) != null ? 1 : 0;
                    }
                    current |= n.equals(frame.current());
                }
                double x0 = layout.columnX(c) * unit;
                double cw = Math.max(1, (layout.columnWidth() - GraphLayout.COLUMN_GAP) * unit);
                g.setColor(new java.awt.Color(210, 210, 210));
                g.fill(new java.awt.geom.Rectangle2D.Double(x0, top, cw, 2 * half));
                g.setColor(new java.awt.Color(90, 120, 180));
                g.fill(new java.awt.geom.Rectangle2D.Double(x0, top, cw * done / ns.size(), half));
                if (withDelta > 0) {
                    g.setColor(new java.awt.Color(200, 70, 60));
                    g.fill(new java.awt.geom.Rectangle2D.Double(x0 + cw * (1 - (double) deltas / withDelta), top + half,
                            cw * deltas / withDelta, half));
                }
                if (current) {
                    g.setColor(GraphPainter.CURRENT);
                    g.fill(new java.awt.geom.Rectangle2D.Double(x0 - 1, 2, Math.max(3, cw + 2), h - 4));
                }
            }
            paintErrorNorms(g, w, h, top, unit, contrast, fm);
            double vx = view.panX() * unit;
            double vw = Math.max(1, width) / view.zoom() * unit;
            g.setColor(new java.awt.Color(30, 30, 30));
            g.setStroke(new java.awt.BasicStroke(contrast ? 2.5f : 1.5f));
            g.draw(new java.awt.geom.Rectangle2D.Double(Math.max(0.5, vx), 1, Math.min(w - 1, vw), h - 2));
        }

        private void paintErrorNorms(java.awt.Graphics2D g, double w, double h, double top, double unit, boolean contrast,
                java.awt.FontMetrics fm) {
            double[] norms = errorNorms(layout, frame);
            if (norms == null) {
                return;
            }
            double max = 0;
            for (double v : norms) {
                if (v > max) {
                    max = v;
                }
            }
            if (!(max > 0)) {
                return;
            }
            double y0 = top + 1;
            double y1 = h - 3;
            // a veil over the bars, so the line reads above them
            g.setColor(new java.awt.Color(255, 255, 255, 128));
            g.fill(new java.awt.geom.Rectangle2D.Double(0, top, w, h - top));
            java.awt.geom.Path2D.Double line = new java.awt.geom.Path2D.Double();
            double[] xs = new double[norms.length];
            double[] ys = new double[norms.length];
            java.util.Arrays.fill(ys, Double.NaN);
            boolean open = false;
            for (int t = 1; t <= norms.length; t++) {
                double v = norms[t - 1];
                if (Double.isNaN(v)) {
                    open = false;
                    continue;
                }
                double pos = v <= 0 ? 0 : Math.max(0, Math.min(1, 1 + Math.log10(v / max) / ColorScale.DECADES));
                double x = (layout.columnX(t) + (layout.columnWidth() - GraphLayout.COLUMN_GAP) / 2) * unit;
                double y = y1 - pos * (y1 - y0);
                xs[t - 1] = x;
                ys[t - 1] = y;
                if (open) {
                    line.lineTo(x, y);
                } else {
                    line.moveTo(x, y);
                    open = true;
                }
            }
            Object hint = g.getRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING);
            g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
            // a white halo under a dark line: readable over the strip's blue and red bars
            g.setColor(new java.awt.Color(255, 255, 255, 217));
            g.setStroke(new java.awt.BasicStroke(contrast ? 5f : 4f, java.awt.BasicStroke.CAP_ROUND, java.awt.BasicStroke.JOIN_ROUND));
            g.draw(line);
            g.setColor(contrast ? java.awt.Color.BLACK : new java.awt.Color(30, 20, 20));
            g.setStroke(new java.awt.BasicStroke(contrast ? 2.5f : 1.8f, java.awt.BasicStroke.CAP_ROUND, java.awt.BasicStroke.JOIN_ROUND));
            g.draw(line);
            g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, hint);
            String label = bundle.getString("graph.overview.errorNorm") + "   max " + org.unroll.view.Numbers.format(max);
            // the label at the end of the strip where the line stays lowest (the errors are largest
            // at one end: at T when BPTT starts, at 1 when they do not vanish), on a plate
            double sw = fm.stringWidth(label);
            double bottom = 1 + fm.getAscent() + fm.getDescent();
            double right = w - 4 - sw;
            double left = 4 + fm.stringWidth(bundle.getString("graph.overview")) + 10;  // after the strip's caption
            double lx = clearance(xs, ys, left, left + sw) > clearance(xs, ys, right, right + sw) ? left : right;
            g.setColor(new java.awt.Color(255, 255, 255, 200));
            g.fill(new java.awt.geom.RoundRectangle2D.Double(lx - 3, 1, sw + 6, bottom, 4, 4));
            g.setColor(contrast ? java.awt.Color.BLACK : new java.awt.Color(60, 30, 30));
            g.drawString(label, (float) lx, 1f + fm.getAscent());
        }

        /** The highest point of the line over [x0, x1] (its smallest y; +∞ when it has none there). */
        private static double clearance(double[] xs, double[] ys, double x0, double x1) {
            double top = Double.POSITIVE_INFINITY;
            for (int i = 0; i < xs.length; i++) {
                if (!Double.isNaN(ys[i]) && xs[i] >= x0 - 4 && xs[i] <= x1 + 4) {
                    top = Math.min(top, ys[i]);
                }
            }
            return top;
        }
    }

    /**
     * Paints what the view shows now (its frame, viewport, language and notation, no animation)
     * onto any Graphics2D, as the canvas is painted: tests read the text it draws.
     */
    public void paintTo(java.awt.Graphics2D g) {
        if (painter != null) {
            painter.paint(g, canvas.getWidth(), canvas.getHeight(), frame, viewport(), GraphPainter.Motion.still(), bundle,
                    notation, look());
        }
    }

    /** The look of the screen (the window's font family, the presentation). */
    public GraphPainter.Look look() {
        return GraphPainter.Look.screen(fontFamily).with(presentation);
    }

    /** The overview strip's height: taller at a larger type size. */
    double overviewHeight() {
        return OVERVIEW_H * (1 + (presentation.scale() - 1) * 0.45);
    }

    /** Which part of the graph is shown now. */
    public GraphPainter.Viewport viewport() {
        return new GraphPainter.Viewport(zoom, panX, panY);
    }

    /** The part of the graph shown now (world coordinates), or null when nothing is shown. */
    public java.awt.geom.Rectangle2D shownRegion() {
        if (painter == null || canvas.getWidth() <= 0) {
            return null;
        }
        return GraphPainter.region(viewport(), canvas.getWidth(), canvas.getHeight(), look());
    }

    /** The size of the drawing (band and legend included), without the overview strip. */
    public double[] drawingSize() {
        return new double[] {canvas.getWidth(), canvas.getHeight()};
    }

    /** The painter of the graph shown, or null. */
    public GraphPainter painter() {
        return painter;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
