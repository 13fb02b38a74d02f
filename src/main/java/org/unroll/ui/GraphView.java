package org.unroll.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import org.unroll.graph.Edge;
import org.unroll.graph.Node;
import org.unroll.graph.NodeKind;
import org.unroll.graph.TraceValues;
import org.unroll.graph.UnrolledGraph;

/**
 * The unrolled graph on a {@link Canvas}: time steps as columns, node kinds as rows, the shared
 * parameters once in a band along the top with thin lines to every step that reads them, and an
 * overview strip along the bottom. Draws only the visible columns, and a simplified picture when
 * zoomed far out. Pan by dragging, zoom with the wheel; the view glides to the current node when it
 * leaves the visible part. This is a view: it holds no state of the session, only what it is given.
 */
public final class GraphView extends Region {

    static final double BAND_H = 76;
    static final double OVERVIEW_H = 34;
    static final double LEGEND_H = 30;
    static final double MIN_ZOOM = 0.04;
    static final double MAX_ZOOM = 4;
    static final double SIMPLE_BELOW = 0.45;

    private static final Color CURRENT = Color.rgb(255, 140, 0);
    private static final Color READ = Color.rgb(30, 160, 60);
    private static final Color PENDING_FILL = Color.rgb(236, 236, 236);
    private static final Color PENDING_LINE = Color.rgb(170, 170, 170);
    private static final Color DONE_LINE = Color.rgb(40, 40, 40);
    private static final Color EDGE = Color.rgb(120, 120, 120);
    private static final Color BACKGROUND = Color.rgb(252, 252, 250);

    private final Canvas canvas = new Canvas();
    private final Canvas overview = new Canvas();
    private final List<List<Node>> byColumn = new ArrayList<>();
    private final List<List<Edge>> edgesByColumn = new ArrayList<>();
    private GraphLayout layout;
    private TraceValues values;
    private ColorScale valueScale = new ColorScale(1);
    private ColorScale deltaScale = new ColorScale(1);
    private ColorScale paramScale = new ColorScale(1);
    private Frame frame = Frame.empty();
    private ResourceBundle bundle = Messages.bundle(null);
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

    public GraphView() {
        getStyleClass().add("graph-view");
        getChildren().addAll(canvas, overview);
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

    /** Shows a session's graph, zoomed to fit (null: nothing). */
    public void setSession(Session session) {
        byColumn.clear();
        edgesByColumn.clear();
        frame = Frame.empty();
        animFromX = Double.NaN;
        glideStart = -1;
        if (session == null) {
            layout = null;
            values = null;
            redraw();
            return;
        }
        UnrolledGraph graph = session.graph();
        this.layout = GraphLayout.of(graph);
        this.values = session.values();
        for (int c = 0; c <= graph.length() + 1; c++) {
            byColumn.add(new ArrayList<>());
            edgesByColumn.add(new ArrayList<>());
        }
        for (Node n : graph.nodes()) {
            if (!n.isParameter()) {
                byColumn.get(layout.columnOf(n)).add(n);
            }
        }
        for (Edge e : graph.edges()) {
            edgesByColumn.get(layout.columnOf(e.to())).add(e);
        }
        valueScale = session.valueScale();
        deltaScale = session.deltaScale();
        paramScale = session.parameterScale();
        if (graph.length() <= LONG) {
            zoomToFit();
        } else {
            showStart();
        }
    }

    /** Sequences longer than this open at full size on their first steps instead of fitted. */
    static final int LONG = 60;

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

    /** The time one step's transition takes (0: none). */
    public void setAnimationMillis(double ms) {
        animationNanos = (long) (Math.max(0, ms) * 1e6);
    }

    public void setBundle(ResourceBundle b) {
        bundle = b;
        redraw();
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
        return Math.max(1, canvas.getHeight() - BAND_H - LEGEND_H);
    }

    /** Zooms so that the whole graph is visible (but never beyond 1.6×). */
    public void zoomToFit() {
        if (layout == null) {
            return;
        }
        glideStart = -1;
        userMoved = false;
        double z = Math.min(drawW() / layout.width(), drawH() / layout.height());
        zoom = clamp(Math.min(z, 1.6), MIN_ZOOM, MAX_ZOOM);
        panX = (layout.width() - drawW() / zoom) / 2;
        panY = (layout.height() - drawH() / zoom) / 2;
        redraw();
    }

    /** Zooms by a factor about the centre of the drawing. */
    public void zoomBy(double factor) {
        userMoved = true;
        zoomAbout(factor, drawW() / 2, BAND_H + drawH() / 2);
    }

    private void zoomAbout(double factor, double sx, double sy) {
        if (layout == null) {
            return;
        }
        glideStart = -1;
        double wx = panX + sx / zoom;
        double wy = panY + (sy - BAND_H) / zoom;
        zoom = clamp(zoom * factor, MIN_ZOOM, MAX_ZOOM);
        panX = wx - sx / zoom;
        panY = wy - (sy - BAND_H) / zoom;
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
        redraw();
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
        if (e.getY() < BAND_H && e.getButton() == MouseButton.PRIMARY && layout != null) {
            Node p = parameterAt(e.getX(), e.getY());
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
        if (!dragged && layout != null && e.getY() >= BAND_H && e.getButton() == MouseButton.PRIMARY) {
            Node n = layout.nodeAt(panX + e.getX() / zoom, panY + (e.getY() - BAND_H) / zoom);
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

    private Node parameterAt(double sx, double sy) {
        List<Node> ps = layout.graph().parameters();
        for (int i = 0; i < ps.size(); i++) {
            double[] r = paramBox(i, ps.size());
            if (sx >= r[0] && sx <= r[0] + r[2] && sy >= r[1] && sy <= r[1] + r[3]) {
                return ps.get(i);
            }
        }
        return null;
    }

    // ---- layout of the region ----

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        double oh = Math.min(OVERVIEW_H, Math.max(0, h - 120));
        boolean first = canvas.getWidth() == 0;
        boolean resized = canvas.getWidth() != w || canvas.getHeight() != Math.max(0, h - oh);
        canvas.setWidth(w);
        canvas.setHeight(Math.max(0, h - oh));
        overview.setWidth(w);
        overview.setHeight(oh);
        canvas.relocate(0, 0);
        overview.relocate(0, h - oh);
        if (first && layout != null && layout.graph().length() > LONG) {
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

    /** Draws the visible part now. */
    public void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(BACKGROUND);
        g.fillRect(0, 0, w, h);
        if (layout == null || w <= 0 || h <= 0) {
            drawOverview();
            return;
        }
        boolean simple = zoom < SIMPLE_BELOW;
        int c0 = layout.columnAt(panX - layout.columnWidth());
        int c1 = layout.columnAt(panX + drawW() / zoom + layout.columnWidth());

        g.save();
        g.beginPath();
        g.rect(0, BAND_H, w, drawH());
        g.clip();
        drawParameterLines(g, c0, c1, simple);
        g.translate(0, BAND_H);
        g.scale(zoom, zoom);
        g.translate(-panX, -panY);
        drawEdges(g, c0, c1, simple);
        for (int c = c0; c <= c1; c++) {
            for (Node n : byColumn.get(c)) {
                drawNode(g, n, simple);
            }
        }
        drawHighlight(g);
        g.restore();

        drawBand(g, w);
        drawLegend(g, w, h);
        drawOverview();
    }

    private double sx(double wx) {
        return (wx - panX) * zoom;
    }

    private double sy(double wy) {
        return BAND_H + (wy - panY) * zoom;
    }

    /** The screen rectangle (x, y, w, h) of parameter i of n in the band. */
    private double[] paramBox(int i, int n) {
        double w = canvas.getWidth();
        double pw = Math.min(70, Math.max(34, (w - 20) / n - 8));
        double total = n * pw + (n - 1) * 8;
        double x0 = Math.max(10, (w - total) / 2);
        return new double[] {x0 + i * (pw + 8), 6, pw, BAND_H - 24};
    }

    private void drawParameterLines(GraphicsContext g, int c0, int c1, boolean simple) {
        List<Node> ps = layout.graph().parameters();
        int[] index = new int[layout.graph().nodes().size()];
        for (int i = 0; i < ps.size(); i++) {
            index[ps.get(i).id()] = i;
        }
        g.setLineCap(StrokeLineCap.ROUND);
        for (int pass = 0; pass < 2; pass++) {
            for (int c = c0; c <= c1; c++) {
                for (Edge e : edgesByColumn.get(c)) {
                    Node p = e.parameterUsed();
                    if (p == null) {
                        continue;
                    }
                    boolean hot = frame.touches(p);
                    if (pass == 0 && hot || pass == 1 && !hot) {
                        continue;
                    }
                    boolean toCurrent = hot && e.to().equals(frame.current());
                    if (simple && !toCurrent) {
                        continue;
                    }
                    double[] r = paramBox(index[p.id()], ps.size());
                    GraphLayout.Box b = layout.box(e.to());
                    double x1 = sx(b.centerX());
                    double y1 = sy(b.y());
                    if (toCurrent) {
                        g.setStroke(CURRENT);
                        g.setLineWidth(2.5);
                        g.setGlobalAlpha(1);
                    } else if (hot) {
                        g.setStroke(CURRENT);
                        g.setLineWidth(0.8);
                        g.setGlobalAlpha(0.3);
                    } else {
                        g.setStroke(Color.rgb(90, 90, 140));
                        g.setLineWidth(0.7);
                        g.setGlobalAlpha(0.13);
                    }
                    g.strokeLine(r[0] + r[2] / 2, r[1] + r[3], x1, y1);
                }
            }
        }
        g.setGlobalAlpha(1);
    }

    private void drawEdges(GraphicsContext g, int c0, int c1, boolean simple) {
        g.setLineCap(StrokeLineCap.ROUND);
        for (int c = c0; c <= c1; c++) {
            for (Edge e : edgesByColumn.get(c)) {
                if (!GraphLayout.drawnAsLine(e)) {
                    continue;
                }
                if (simple && zoom < 0.15 && !e.isRecurrent()) {
                    continue;
                }
                GraphLayout.Box a = layout.box(e.from());
                GraphLayout.Box b = layout.box(e.to());
                if (a == null || b == null) {
                    continue;
                }
                boolean lossSum = e.to().kind() == NodeKind.LOSS;
                g.setStroke(e.isRecurrent() ? Color.rgb(60, 90, 160) : EDGE);
                g.setLineWidth((e.isRecurrent() ? 1.6 : 1.0) / Math.max(zoom, 0.5));
                g.setGlobalAlpha(lossSum ? 0.35 : 0.8);
                double ax;
                double ay;
                double bx;
                double by;
                if (a.y() > b.y() + 1) {
                    ax = a.centerX();
                    ay = a.y();
                    bx = b.centerX();
                    by = b.y() + b.h();
                } else if (a.y() + 1 < b.y()) {
                    ax = a.centerX();
                    ay = a.y() + a.h();
                    bx = b.centerX();
                    by = b.y();
                } else {
                    ax = a.x() + a.w();
                    ay = a.centerY();
                    bx = b.x();
                    by = b.centerY();
                }
                if (lossSum) {
                    // E sums every E_t: an arc above the loss row, clear of the boxes between
                    double top = Math.min(a.y(), b.y());
                    g.beginPath();
                    g.moveTo(a.centerX(), a.y());
                    g.quadraticCurveTo((a.centerX() + b.centerX()) / 2, top - 24, b.centerX(), b.y());
                    g.stroke();
                } else {
                    g.strokeLine(ax, ay, bx, by);
                    if (!simple) {
                        arrowHead(g, ax, ay, bx, by);
                    }
                }
            }
        }
        g.setGlobalAlpha(1);
    }

    private static void arrowHead(GraphicsContext g, double ax, double ay, double bx, double by) {
        double dx = bx - ax;
        double dy = by - ay;
        double len = Math.hypot(dx, dy);
        if (len < 1) {
            return;
        }
        double ux = dx / len;
        double uy = dy / len;
        double s = 6;
        g.strokeLine(bx, by, bx - s * ux + s * 0.5 * uy, by - s * uy - s * 0.5 * ux);
        g.strokeLine(bx, by, bx - s * ux - s * 0.5 * uy, by - s * uy + s * 0.5 * ux);
    }

    private void drawNode(GraphicsContext g, Node n, boolean simple) {
        GraphLayout.Box b = layout.box(n);
        double[] value = frame.value().apply(n);
        double[] error = frame.backward() && n.hasDelta() ? frame.error().apply(n) : null;
        boolean valueDone = value != null;
        boolean deltaDone = error != null;
        boolean fresh = n.equals(frame.current()) && progress < 1;
        double alpha = fresh ? 0.25 + 0.75 * progress : 1;
        double[] shown = null;
        ColorScale scale = valueScale;
        if (deltaDone) {
            shown = error;
            scale = deltaScale;
        } else if (valueDone) {
            shown = value;
            if (n.kind() == NodeKind.LOSS || n.kind() == NodeKind.LOSS_TERM) {
                scale = new ColorScale(Math.max(1e-12, value[0]));
            }
        }
        boolean faded = valueDone && !deltaDone && frame.backward();
        double r = 6;
        if (shown == null) {
            g.setFill(PENDING_FILL);
            g.fillRoundRect(b.x(), b.y(), b.w(), b.h(), r, r);
        } else {
            g.setFill(Color.WHITE);
            g.fillRoundRect(b.x(), b.y(), b.w(), b.h(), r, r);
            g.setGlobalAlpha(alpha * (faded ? 0.35 : 1));
            if (simple) {
                g.setFill(scale.color(meanMagnitudeSigned(shown)));
                g.fillRoundRect(b.x(), b.y(), b.w(), b.h(), r, r);
            } else {
                strip(g, shown, scale, b.x() + 3, b.y() + b.h() * 0.52, b.w() - 6, b.h() * 0.48 - 3);
            }
            g.setGlobalAlpha(1);
        }
        if (shown == null || faded) {
            g.setStroke(PENDING_LINE);
            g.setLineDashes(4, 3);
            g.setLineWidth(1.0);
        } else {
            g.setStroke(DONE_LINE);
            g.setLineDashes();
            g.setLineWidth(deltaDone ? 1.8 : 1.2);
        }
        g.strokeRoundRect(b.x(), b.y(), b.w(), b.h(), r, r);
        g.setLineDashes();
        if (!simple) {
            g.setFill(shown == null || faded ? Color.rgb(130, 130, 130) : Color.BLACK);
            g.setFont(Font.font(fontFamily, FontWeight.NORMAL, 11));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(n.label(), b.centerX(), b.y() + b.h() * 0.27, b.w() - 2);
            if (deltaDone) {
                g.setFill(Color.rgb(178, 24, 43));
                g.fillOval(b.x() - 5, b.y() - 5, 11, 11);
                g.setFill(Color.WHITE);
                g.setFont(Font.font(fontFamily, FontWeight.BOLD, 9));
                g.fillText("δ", b.x() + 0.5, b.y() + 0.5);
            }
        }
    }

    private static double meanMagnitudeSigned(double[] v) {
        double best = 0;
        for (double x : v) {
            if (Math.abs(x) > Math.abs(best)) {
                best = x;
            }
        }
        return best;
    }

    private static void strip(GraphicsContext g, double[] v, ColorScale scale, double x, double y, double w, double h) {
        int n = v.length;
        if (n == 0) {
            return;
        }
        int cells = (int) Math.min(n, Math.max(1, w));
        double cw = w / cells;
        for (int i = 0; i < cells; i++) {
            int k = (int) ((long) i * n / cells);
            g.setFill(scale.color(v[k]));
            g.fillRect(x + i * cw, y, Math.ceil(cw), h);
        }
        g.setStroke(Color.rgb(200, 200, 200));
        g.setLineWidth(0.5);
        g.strokeRect(x, y, w, h);
    }

    private void drawHighlight(GraphicsContext g) {
        if (frame.current() == null) {
            return;
        }
        GraphLayout.Box cur = layout.box(frame.current());
        double lw = 1 / Math.max(zoom, 0.35);
        for (org.unroll.schedule.Ref ref : frame.reads()) {
            Node n = ref.node();
            GraphLayout.Box b = n.isParameter() ? null : layout.box(n);
            if (b == null) {
                continue;
            }
            g.setStroke(READ);
            g.setLineWidth(2.5 * lw);
            g.strokeRoundRect(b.x() - 3, b.y() - 3, b.w() + 6, b.h() + 6, 9, 9);
            if (cur != null && progress < 1) {
                double px = b.centerX() + (cur.centerX() - b.centerX()) * progress;
                double py = b.centerY() + (cur.centerY() - b.centerY()) * progress;
                g.setFill(frame.delta() ? Color.rgb(200, 40, 40) : READ);
                g.fillOval(px - 4 * lw, py - 4 * lw, 8 * lw, 8 * lw);
            }
        }
        if (cur != null) {
            double x = cur.x();
            double y = cur.y();
            if (progress < 1 && !Double.isNaN(animFromX)) {
                double e = progress * progress * (3 - 2 * progress);
                x = animFromX - cur.w() / 2 + (cur.x() + cur.w() / 2 - animFromX) * e;
                y = animFromY - cur.h() / 2 + (cur.y() + cur.h() / 2 - animFromY) * e;
            }
            g.setStroke(CURRENT);
            g.setLineWidth(3.5 * lw);
            g.strokeRoundRect(x - 4, y - 4, cur.w() + 8, cur.h() + 8, 10, 10);
        }
    }

    private void drawBand(GraphicsContext g, double w) {
        g.setFill(Color.rgb(243, 241, 236));
        g.fillRect(0, 0, w, BAND_H - 2);
        g.setStroke(Color.rgb(200, 196, 186));
        g.setLineWidth(1);
        g.strokeLine(0, BAND_H - 2, w, BAND_H - 2);
        List<Node> ps = layout.graph().parameters();
        g.setFont(Font.font(fontFamily, 9));
        g.setFill(Color.rgb(110, 110, 110));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(bundle.getString("graph.params"), 8, BAND_H - 3);
        for (int i = 0; i < ps.size(); i++) {
            Node p = ps.get(i);
            double[] r = paramBox(i, ps.size());
            boolean hot = frame.touches(p);
            g.setFill(Color.WHITE);
            g.fillRoundRect(r[0], r[1], r[2], r[3], 6, 6);
            double[][] m = values.matrix(p);
            heatMap(g, m, r[0] + 3, r[1] + 15, r[2] - 6, r[3] - 18);
            g.setStroke(hot ? CURRENT : Color.rgb(60, 60, 60));
            g.setLineWidth(hot ? 3 : 1);
            g.strokeRoundRect(r[0], r[1], r[2], r[3], 6, 6);
            g.setFill(Color.BLACK);
            g.setFont(Font.font(fontFamily, FontWeight.BOLD, 11));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.TOP);
            g.fillText(p.label(), r[0] + r[2] / 2, r[1] + 1, r[2] - 2);
        }
    }

    private void heatMap(GraphicsContext g, double[][] m, double x, double y, double w, double h) {
        int rows = m.length;
        int cols = rows == 0 ? 0 : m[0].length;
        if (rows == 0 || cols == 0 || w <= 0 || h <= 0) {
            return;
        }
        int rs = (int) Math.min(rows, Math.max(1, h));
        int cs = (int) Math.min(cols, Math.max(1, w));
        double cw = w / cs;
        double ch = h / rs;
        for (int i = 0; i < rs; i++) {
            for (int j = 0; j < cs; j++) {
                g.setFill(paramScale.color(m[(int) ((long) i * rows / rs)][(int) ((long) j * cols / cs)]));
                g.fillRect(x + j * cw, y + i * ch, Math.ceil(cw), Math.ceil(ch));
            }
        }
    }

    private void drawLegend(GraphicsContext g, double w, double h) {
        double y = h - LEGEND_H + 6;
        g.setFill(Color.rgb(252, 252, 250, 0.92));
        g.fillRect(0, h - LEGEND_H, w, LEGEND_H);
        g.setFont(Font.font(fontFamily, 11));
        g.setTextBaseline(VPos.CENTER);
        double x = 10;
        x = legendBar(g, x, y, bundle.getString("graph.legend.value"), valueScale);
        x = legendBar(g, x + 24, y, bundle.getString("graph.legend.delta"), deltaScale);
        g.setFill(PENDING_FILL);
        g.fillRoundRect(x + 24, y, 26, 16, 5, 5);
        g.setStroke(PENDING_LINE);
        g.setLineDashes(4, 3);
        g.strokeRoundRect(x + 24, y, 26, 16, 5, 5);
        g.setLineDashes();
        g.setFill(Color.BLACK);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(bundle.getString("graph.legend.notComputed"), x + 56, y + 8);
        x += 56 + textWidth(bundle.getString("graph.legend.notComputed")) + 20;
        g.setStroke(CURRENT);
        g.setLineWidth(3);
        g.strokeRoundRect(x, y, 26, 16, 5, 5);
        g.setFill(Color.BLACK);
        String cur = bundle.getString("graph.legend.current");
        g.fillText(cur, x + 32, y + 8);
        x += 32 + textWidth(cur) + 20;
        g.setStroke(READ);
        g.strokeRoundRect(x, y, 26, 16, 5, 5);
        g.fillText(bundle.getString("graph.legend.reads"), x + 32, y + 8);
        g.setLineWidth(1);
    }

    private double legendBar(GraphicsContext g, double x, double y, String title, ColorScale s) {
        g.setFill(Color.BLACK);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(title, x, y + 8);
        String lo = "−" + Numbers.format(s.limit());
        String hi = "+" + Numbers.format(s.limit());
        double bx = x + textWidth(title) + 10;
        g.fillText(lo, bx, y + 8);
        double barX = bx + textWidth(lo) + 6;
        double barW = 90;
        for (int i = 0; i < barW; i++) {
            g.setFill(s.color(s.limit() * (2 * i / (barW - 1) - 1)));
            g.fillRect(barX + i, y, 1.5, 16);
        }
        g.setStroke(Color.rgb(150, 150, 150));
        g.setLineWidth(0.5);
        g.strokeRect(barX, y, barW, 16);
        g.setFill(Color.BLACK);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(hi, barX + barW + 6, y + 8);
        return barX + barW + 6 + textWidth(hi);
    }

    private final javafx.scene.text.Text measure = new javafx.scene.text.Text();

    /** The width of a legend text in the legend's font. */
    private double textWidth(String s) {
        measure.setFont(Font.font(fontFamily, 11));
        measure.setText(s);
        return measure.getLayoutBounds().getWidth();
    }

    private void drawOverview() {
        GraphicsContext g = overview.getGraphicsContext2D();
        double w = overview.getWidth();
        double h = overview.getHeight();
        if (w <= 0 || h <= 0) {
            return;
        }
        g.setFill(Color.rgb(236, 234, 228));
        g.fillRect(0, 0, w, h);
        if (layout == null) {
            return;
        }
        g.setFont(Font.font(fontFamily, 9));
        g.setFill(Color.rgb(110, 110, 110));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.fillText(bundle.getString("graph.overview"), 4, 1);
        int cols = layout.graph().length() + 2;
        double unit = w / layout.width();
        for (int c = 0; c < cols; c++) {
            List<Node> ns = byColumn.get(c);
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
            double top = 12;
            double half = (h - top - 3) / 2;
            g.setFill(Color.rgb(210, 210, 210));
            g.fillRect(x0, top, cw, 2 * half);
            g.setFill(Color.rgb(90, 120, 180));
            g.fillRect(x0, top, cw * done / ns.size(), half);
            if (withDelta > 0) {
                g.setFill(Color.rgb(200, 70, 60));
                g.fillRect(x0 + cw * (1 - (double) deltas / withDelta), top + half, cw * deltas / withDelta, half);
            }
            if (current) {
                g.setFill(CURRENT);
                g.fillRect(x0 - 1, 2, Math.max(3, cw + 2), h - 4);
            }
        }
        double vx = panX * unit;
        double vw = drawW() / zoom * unit;
        g.setStroke(Color.rgb(30, 30, 30));
        g.setLineWidth(1.5);
        g.strokeRect(Math.max(0.5, vx), 1, Math.min(w - 1, vw), h - 2);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
