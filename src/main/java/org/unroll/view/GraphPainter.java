package org.unroll.view;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import org.unroll.graph.Edge;
import org.unroll.graph.Node;
import org.unroll.graph.NodeKind;
import org.unroll.graph.Notation;
import org.unroll.graph.TraceValues;
import org.unroll.schedule.Ref;

/**
 * Paints the unrolled graph of a {@link Session} on any {@link Graphics2D}: the screen (through
 * FXGraphics2D on the window's canvas), a PNG, SVG or PDF. One drawing code for all of them, so an
 * exported figure looks like the screen. Time steps are columns, node kinds rows; the shared
 * parameters are drawn once in a band along the top with thin lines to every step that reads them;
 * a legend runs along the bottom. Labels, the band and the legend's line on the errors are in the
 * notation {@link #paint} is given (the book's by default). Only the visible columns are drawn, and a simplified picture when
 * zoomed far out. Holds no state of its own beyond what the session fixes; not thread-safe only in
 * that a {@link Graphics2D} is not.
 */
public final class GraphPainter {

    /** The height of the parameter band at chrome scale 1. */
    public static final double BAND_H = 88;
    /** The height of the legend at chrome scale 1. */
    public static final double LEGEND_H = 30;
    public static final double MIN_ZOOM = 0.04;
    public static final double MAX_ZOOM = 4;
    /** Below this zoom nodes are plain coloured boxes. */
    public static final double SIMPLE_BELOW = 0.45;
    /** Sequences longer than this open on their first steps instead of fitted. */
    public static final int LONG = 60;

    public static final Color CURRENT = new Color(255, 140, 0);
    public static final Color READ = new Color(30, 160, 60);
    /** The current node's ring in the high-contrast theme: saturated orange-red, thick. */
    public static final Color CURRENT_HC = new Color(255, 80, 0);
    /** What the current event reads, in the high-contrast theme: saturated green, dashed. */
    public static final Color READ_HC = new Color(0, 150, 0);
    /** The chain rule's edges and their factors on an error event (a violet apart from read and current). */
    public static final Color FACTOR = new Color(120, 60, 170);
    /** The two factors of a selected gradient term. */
    public static final Color MARKED = new Color(200, 0, 140);
    static final Color PENDING_FILL = new Color(236, 236, 236);
    static final Color PENDING_LINE = new Color(170, 170, 170);
    static final Color DONE_LINE = new Color(40, 40, 40);
    static final Color PENDING_LINE_HC = new Color(100, 100, 100);
    static final Color EDGE = new Color(120, 120, 120);
    static final Color RECURRENT = new Color(60, 90, 160);
    static final Color PARAM_LINE = new Color(90, 90, 140);
    static final Color EDGE_HC = new Color(30, 30, 30);
    static final Color RECURRENT_HC = new Color(0, 40, 190);

    /**
     * How the graph is painted.
     *
     * @param background the colour behind everything
     * @param fontFamily the family of all text (one with Japanese glyphs when Japanese is shown)
     * @param chrome the scale of the parameter band and the legend (1 on screen; larger for slides)
     * @param labels the size of the nodes' labels relative to the screen's (shrunk to fit a box)
     * @param presentation the room's dress: type size (labels, band, legend, all larger; the layout
     *                     gives them room), high contrast, log-scale errors
     */
    public record Look(Color background, String fontFamily, double chrome, double labels, Presentation presentation) {

        public Look {
            chrome = chrome > 0 && Double.isFinite(chrome) ? chrome : 1;
            labels = labels > 0 && Double.isFinite(labels) ? labels : 1;
            presentation = presentation == null ? Presentation.DESKTOP : presentation;
            if (presentation.highContrast()) {
                background = Color.WHITE;
            }
        }

        /** A look at the desktop's presentation. */
        public Look(Color background, String fontFamily, double chrome, double labels) {
            this(background, fontFamily, chrome, labels, Presentation.DESKTOP);
        }

        /** The window's look: an off-white background, chrome at scale 1. */
        public static Look screen(String fontFamily) {
            return new Look(new Color(252, 252, 250), fontFamily, 1, 1);
        }

        /** This look dressed for a room (null: the desktop); high contrast paints on white. */
        public Look with(Presentation p) {
            return new Look(background, fontFamily, chrome, labels, p);
        }

        /** The factor of the type size ({@link Presentation#scale()}). */
        public double type() {
            return presentation.scale();
        }

        /**
         * The scale of the band's and the legend's text: the chrome, times a factor that grows
         * with the type size more slowly than the nodes' labels (2.26 at the largest step), so the
         * band and the legend keep room for the graph on a 1280 × 720 screen.
         */
        public double text() {
            return chrome * (1 + (type() - 1) * 0.6);
        }

        /**
         * The scale of the legend's text: slower still (1.74 at the largest step), so the legend
         * keeps to two lines beside the inspector on a 1280 × 720 screen.
         */
        public double legendText() {
            return chrome * (1 + (type() - 1) * 0.35);
        }

        /**
         * The slide look: a white background, "SansSerif", labels a quarter larger (as large as a
         * box allows), the band and legend scaled to the picture (1.1 at 1280 × 720, 1.7 at
         * 1920 × 1080, 0.55 at 640 × 360, within 0.5..3).
         */
        public static Look slide(double width, double height) {
            return new Look(Color.WHITE, Font.SANS_SERIF, Math.max(0.5, Math.min(3, Math.min(width / 1150, height / 600))),
                    1.25);
        }
    }

    /**
     * Which part of the graph is shown: the zoom, and the world point at the top-left corner of the
     * drawing area (below the band).
     */
    public record Viewport(double zoom, double panX, double panY) {
    }

    /**
     * The state of the transition to the current node: progress 0..1 (1: still) and the world
     * centre the current marker glides from (NaN: no glide).
     */
    public record Motion(double progress, double fromX, double fromY) {

        /** No transition under way. */
        public static Motion still() {
            return new Motion(1, Double.NaN, Double.NaN);
        }
    }

    private final Session session;
    private final GraphLayout layout;
    /** The layouts by type size step (index 0 is {@link #layout}), made on first use. */
    private final GraphLayout[] layouts = new GraphLayout[Presentation.MAX_TYPE_SIZE + 1];
    private final TraceValues values;
    private final List<List<Node>> byColumn = new ArrayList<>();
    private final List<List<Edge>> edgesByColumn = new ArrayList<>();
    private final int[] parameterIndex;
    /** The nodes' labels by id, per notation (made on first use). */
    private final java.util.Map<Notation, String[]> labels = new ConcurrentHashMap<>();

    /**
     * A painter of a session's graph.
     *
     * @param session the session (not modified)
     */
    /** The colour of a node's "NaN" / "+∞" badge. */
    static final Color NON_FINITE = new Color(160, 0, 30);

    /**
     * What a node holding NaN or infinity shows over its strip: {@code NaN} if any entry is NaN,
     * else {@code +∞}, {@code −∞}, or {@code ±∞} for both; null when every entry is finite.
     */
    static String nonFinite(double[] v) {
        boolean pos = false;
        boolean neg = false;
        for (double x : v) {
            if (Double.isNaN(x)) {
                return "NaN";
            }
            pos |= x == Double.POSITIVE_INFINITY;
            neg |= x == Double.NEGATIVE_INFINITY;
        }
        return pos && neg ? "\u00b1\u221e" : pos ? "+\u221e" : neg ? "\u2212\u221e" : null;
    }

    public GraphPainter(Session session) {
        this.session = session;
        this.layout = GraphLayout.of(session.graph());
        this.layouts[0] = layout;
        this.values = session.values();
        int t = session.graph().length();
        for (int c = 0; c <= t + 1; c++) {
            byColumn.add(new ArrayList<>());
            edgesByColumn.add(new ArrayList<>());
        }
        for (Node n : session.graph().nodes()) {
            if (!n.isParameter()) {
                byColumn.get(layout.columnOf(n)).add(n);
            }
        }
        for (Edge e : session.graph().edges()) {
            edgesByColumn.get(layout.columnOf(e.to())).add(e);
        }
        parameterIndex = new int[session.graph().nodes().size()];
        List<Node> ps = session.graph().parameters();
        for (int i = 0; i < ps.size(); i++) {
            parameterIndex[ps.get(i).id()] = i;
        }
    }

    public Session session() {
        return session;
    }

    /** The layout at the desktop's type size. */
    public GraphLayout layout() {
        return layout;
    }

    /** The layout a look is drawn with: its type size gives the labels room. */
    public GraphLayout layout(Look look) {
        int k = look.presentation().typeSize();
        synchronized (layouts) {
            if (layouts[k] == null) {
                layouts[k] = GraphLayout.of(session.graph(), look.presentation().scale());
            }
            return layouts[k];
        }
    }

    /**
     * A node's label as this painter draws it in a notation (the book's is {@link Node#label()}).
     *
     * @param n a node of the session's graph
     * @param notation the notation
     */
    public String label(Node n, Notation notation) {
        String[] l = labels.computeIfAbsent(notation, k -> {
            List<Node> nodes = session.graph().nodes();
            String[] a = new String[nodes.size()];
            for (Node x : nodes) {
                a[x.id()] = k == Notation.BOOK ? x.label() : k.label(session.graph().config(), x);
            }
            return a;
        });
        return l[n.id()];
    }

    /**
     * A factor of the chain rule as drawn beside its edge: its text, the edge's line and the
     * label's box (world coordinates at the look's layout), and the font size.
     */
    public record FactorLabel(org.unroll.schedule.Factor factor, String text, double[] line, Rectangle2D box,
                              double size) {
    }

    /**
     * Where the factors of a frame's error event are drawn (none for other events, for a hidden
     * chain rule, or before the first event): each label beside its edge's line, moved along it
     * and to its sides until it covers no node (the spot covering the least when none is clear).
     *
     * @param frame the frame
     * @param look the look (its type size, and whether the chain rule is shown)
     * @param notation the labels' notation
     */
    public List<FactorLabel> factorLabels(Frame frame, Look look, Notation notation) {
        if (frame == null || frame.index() < 0 || !frame.delta() || !look.presentation().chainRule()) {
            return List.of();
        }
        List<org.unroll.schedule.Factor> fs = session.schedule().factors(frame.index());
        if (fs.isEmpty()) {
            return List.of();
        }
        GraphLayout lay = layout(look);
        // grows with the type like the band's text (12.6 px at step 2, 19 px at the last): readable,
        // and still within the gap between two rows
        double size = 8.5 * look.labels() * (1 + (look.type() - 1) * 0.6);
        Font f = new Font(look.fontFamily(), Font.BOLD, 1).deriveFont(Font.BOLD, (float) size);
        java.awt.font.FontRenderContext frc = new java.awt.font.FontRenderContext(null, true, true);
        List<FactorLabel> out = new ArrayList<>();
        List<Rectangle2D> taken = new ArrayList<>();
        for (org.unroll.schedule.Factor x : fs) {
            Edge e = x.edge();
            GraphLayout.Box a = lay.box(e.from());
            GraphLayout.Box b = lay.box(e.to());
            if (a == null || b == null) {
                continue;
            }
            double[] ln = a.y() > b.y() + 1 ? new double[] {a.centerX(), a.y(), b.centerX(), b.y() + b.h()}
                    : a.y() + 1 < b.y() ? new double[] {a.centerX(), a.y() + a.h(), b.centerX(), b.y()}
                    : new double[] {a.x() + a.w(), a.centerY(), b.x(), b.centerY()};
            String text = x.plain(notation == null ? Notation.BOOK : notation);
            Rectangle2D tb = f.getStringBounds(text, frc);
            double w = tb.getWidth() + size * 0.6;
            double h = size * 1.3;
            List<GraphLayout.Box> near = new ArrayList<>();
            int ca = lay.columnOf(e.from());
            int cb = lay.columnOf(e.to());
            for (int c = Math.max(0, Math.min(ca, cb) - 1); c <= Math.min(byColumn.size() - 1, Math.max(ca, cb) + 1); c++) {
                for (Node n : byColumn.get(c)) {
                    near.add(lay.box(n));
                }
            }
            // candidates along the line and shifted sideways within the gap between rows; the cost is
            // the area of nodes and other labels covered (heavily), then the distance from the line
            Rectangle2D best = null;
            double bestCost = Double.MAX_VALUE;
            double dx = ln[2] - ln[0];
            double dy = ln[3] - ln[1];
            double[] along = {0.5, 0.35, 0.65, 0.2, 0.8};
            double[] shift = {0, -0.5, 0.5, -1, 1, -1.5, 1.5};
            double[] lift = {0, -0.5, 0.5};
            for (double t : along) {
                for (double sh : shift) {
                    for (double li : lift) {
                        double cx = ln[0] + dx * t + sh * w;
                        double cy = ln[1] + dy * t + li * h;
                        Rectangle2D r = new Rectangle2D.Double(cx - w / 2, cy - h / 2, w, h);
                        double cover = 0;
                        for (GraphLayout.Box nb : near) {
                            Rectangle2D i = r.createIntersection(new Rectangle2D.Double(nb.x() - 2, nb.y() - 2,
                                    nb.w() + 4, nb.h() + 4));
                            if (!i.isEmpty()) {
                                cover += i.getWidth() * i.getHeight();
                            }
                        }
                        for (Rectangle2D o : taken) {
                            Rectangle2D i = r.createIntersection(o);
                            if (!i.isEmpty()) {
                                cover += 2 * i.getWidth() * i.getHeight();
                            }
                        }
                        double cost = cover * 100 + Math.abs(t - 0.5) * w + Math.abs(sh) * w + Math.abs(li) * h;
                        if (cost < bestCost) {
                            bestCost = cost;
                            best = r;
                        }
                    }
                }
            }
            taken.add(best);
            out.add(new FactorLabel(x, text, ln, best, size));
        }
        return List.copyOf(out);
    }

    /** The nodes drawn in column c (0 = initial states, 1..T the steps, T+1 = E). */
    public List<Node> column(int c) {
        return byColumn.get(c);
    }

    /**
     * The height of the band at a look's chrome scale and type size: {@link #BAND_H} at the
     * desktop's; at a larger type size the labels and the caption grow with {@link Look#text()}.
     */
    public static double bandHeight(Look look) {
        return BAND_H_FIXED * look.chrome() + (BAND_H - BAND_H_FIXED) * look.text();
    }

    /** The part of the band's height that does not grow with the type (margins, heat maps). */
    private static final double BAND_H_FIXED = 43;

    /** The height of one line of the legend at a look's chrome scale (its height at a wide picture). */
    public static double legendHeight(Look look) {
        return LEGEND_H * look.legendText();
    }

    /**
     * The height of the legend in a picture of a width: as many lines as its entries need, so
     * none is cut off (one line on a wide screen, two or three on a narrow one or at a large type).
     */
    public static double legendHeight(double width, Look look) {
        return legendLine(look) * legendRows(width, look).size() + 6 * look.legendText();
    }

    private static double legendLine(Look look) {
        return (LEGEND_H - 6) * look.legendText();
    }

    /** The height between band and legend of a picture of the given size. */
    public static double drawingHeight(double width, double height, Look look) {
        return Math.max(1, height - bandHeight(look) - legendHeight(width, look));
    }

    /** The legend's entries: the two colour bars, not computed, current, read. */
    private static final int LEGEND_ITEMS = 5;
    private static final java.util.Map<String, List<int[]>> LEGEND_ROWS = new ConcurrentHashMap<>();

    /**
     * The legend's entries by line, for a picture of a width: each entry measured in both
     * languages (the wider counts), so the lines are the same in English and Japanese and the
     * height is known before painting.
     */
    static List<int[]> legendRows(double width, Look look) {
        double t = look.legendText();
        String key = look.fontFamily() + "|" + t + "|" + look.presentation().logErrors() + "|" + Math.round(width);
        return LEGEND_ROWS.computeIfAbsent(key, k -> {
            double[] w = legendWidths(look);
            List<int[]> rows = new ArrayList<>();
            List<Integer> row = new ArrayList<>();
            double x = 10 * t;
            for (int i = 0; i < LEGEND_ITEMS; i++) {
                double need = (row.isEmpty() ? 0 : 24 * t) + w[i];
                if (!row.isEmpty() && x + need > width - 10 * t) {
                    rows.add(row.stream().mapToInt(Integer::intValue).toArray());
                    row.clear();
                    x = 10 * t;
                    need = w[i];
                }
                row.add(i);
                x += need;
            }
            rows.add(row.stream().mapToInt(Integer::intValue).toArray());
            if (LEGEND_ROWS.size() > 256) {
                LEGEND_ROWS.clear();
            }
            return List.copyOf(rows);
        });
    }

    /** The widths of the legend's entries (the wider of the two languages). */
    private static double[] legendWidths(Look look) {
        double t = look.legendText();
        java.awt.font.FontRenderContext frc = new java.awt.font.FontRenderContext(null, true, true);
        Font f = new Font(look.fontFamily(), Font.PLAIN, 1).deriveFont(Font.PLAIN, (float) (11 * t));
        double[] w = new double[LEGEND_ITEMS];
        for (java.util.Locale l : List.of(java.util.Locale.ENGLISH, java.util.Locale.JAPANESE)) {
            ResourceBundle b = Messages.bundle(l);
            String delta = b.getString(look.presentation().logErrors() ? "graph.legend.deltaLog" : "graph.legend.delta");
            String[] titles = {b.getString("graph.legend.value"), delta, b.getString("graph.legend.notComputed"),
                b.getString("graph.legend.current"), b.getString("graph.legend.reads")};
            for (int i = 0; i < LEGEND_ITEMS; i++) {
                double tw = f.getStringBounds(titles[i], frc).getWidth() * 1.04;
                double item = i < 2 ? tw + 10 * t + LEGEND_BAR * t + 6 * t + LEGEND_NUMBER * t
                        : 32 * t + tw;
                w[i] = Math.max(w[i], item);
            }
        }
        return w;
    }

    /** The room of a legend bar's end numbers (at text scale 1), and the bar's width. */
    private static final double LEGEND_NUMBER = 52;
    private static final double LEGEND_BAR = 72;

    /**
     * The viewport that shows the whole graph (zoom capped at {@code maxZoom}), centred.
     *
     * @param width the picture's width
     * @param height the picture's height (band and legend included)
     * @param look the look (its chrome decides the band's height)
     * @param maxZoom the largest zoom used
     */
    public Viewport fit(double width, double height, Look look, double maxZoom) {
        GraphLayout layout = layout(look);
        double dw = Math.max(1, width);
        double dh = drawingHeight(width, height, look);
        double z = Math.min(Math.min(dw / layout.width(), dh / layout.height()), maxZoom);
        z = clamp(Math.max(z, readableZoom(look)), MIN_ZOOM, MAX_ZOOM);
        return new Viewport(z, (layout.width() - dw / z) / 2, (layout.height() - dh / z) / 2);
    }

    /**
     * The viewport an exported figure uses: the whole graph when it fits at a readable zoom (0.55 or
     * more, at most 2), else the full height at zoom ≤ 1.2 centred on the current node's column (the
     * first steps before the first event), never past either end.
     *
     * @param frame what is shown (not modified)
     * @param width the figure's width
     * @param height the figure's height
     * @param look the figure's look
     */
    public Viewport forExport(Frame frame, double width, double height, Look look) {
        GraphLayout layout = layout(look);
        Viewport fit = fit(width, height, look, 2);
        if (fit.zoom() >= Math.max(0.55, readableZoom(look)) && fit.zoom() * layout.height() <= drawingHeight(width,
                height, look) + 1) {
            return fit;
        }
        double dw = Math.max(1, width);
        double dh = drawingHeight(width, height, look);
        double z = clamp(Math.max(Math.min(dh / layout.height(), 1.2), readableZoom(look)), MIN_ZOOM, MAX_ZOOM);
        double cx = 0;
        GraphLayout.Box b = frame.current() == null || frame.current().isParameter() ? null : layout.box(frame.current());
        if (b != null) {
            cx = b.centerX() - dw / z / 2;
        }
        double panX = clamp(cx, 0, Math.max(0, layout.width() - dw / z));
        double panY = (layout.height() - dh / z) / 2;
        if (b != null && dh / z < layout.height()) {
            // the rows do not all fit at a large type: the current node's row in view
            panY = clamp(b.centerY() - dh / z / 2, 0, layout.height() - dh / z);
        }
        return new Viewport(z, panX, panY);
    }

    /**
     * The smallest zoom at which a look's labels are as large as its type size asks: none at the
     * desktop's (0), else 1, so labels are 11 px times the type's factor on screen (34 px at the
     * largest step); fitting a graph never zooms out further.
     */
    public static double readableZoom(Look look) {
        return look.presentation().typeSize() == 0 ? 0 : 1;
    }

    /**
     * The viewport that shows a region of the graph (world coordinates) as large as it fits,
     * centred: how a picture of another size shows what the window showed.
     *
     * @param region the world rectangle to show (not modified)
     * @param width the picture's width
     * @param height the picture's height (band and legend included)
     * @param look the picture's look
     */
    public Viewport showing(Rectangle2D region, double width, double height, Look look) {
        double dw = Math.max(1, width);
        double dh = drawingHeight(width, height, look);
        double z = clamp(Math.min(dw / Math.max(1, region.getWidth()), dh / Math.max(1, region.getHeight())),
                MIN_ZOOM, MAX_ZOOM);
        return new Viewport(z, region.getCenterX() - dw / z / 2, region.getCenterY() - dh / z / 2);
    }

    /**
     * The world rectangle a viewport shows in a picture of the given size.
     *
     * @param view the viewport
     * @param width the picture's width
     * @param height the picture's height (band and legend included)
     * @param look the picture's look
     */
    public static Rectangle2D region(Viewport view, double width, double height, Look look) {
        return new Rectangle2D.Double(view.panX(), view.panY(), Math.max(1, width) / view.zoom(),
                drawingHeight(width, height, look) / view.zoom());
    }

    /**
     * Paints the graph into (0, 0, width, height) of a graphics context.
     *
     * @param g0 where to paint (its state is restored afterwards)
     * @param width the width of the picture
     * @param height the height of the picture
     * @param frame what is computed at the cursor's position (not modified)
     * @param view which part is shown
     * @param motion the transition to the current node
     * @param bundle the legend's texts
     * @param look the look
     */
    public void paint(Graphics2D g0, double width, double height, Frame frame, Viewport view, Motion motion,
                      ResourceBundle bundle, Look look) {
        paint(g0, width, height, frame, view, motion, bundle, Notation.BOOK, look);
    }

    /**
     * Paints the graph in a notation: the nodes' labels, the parameter band and the legend's line
     * on the errors are the notation's.
     *
     * @param g0 where to paint (its state is restored afterwards)
     * @param width the width of the picture
     * @param height the height of the picture
     * @param frame what is computed at the cursor's position (not modified)
     * @param view which part is shown
     * @param motion the transition to the current node
     * @param bundle the legend's texts (the language)
     * @param notation the notation of every label (null: the book's)
     * @param look the look
     */
    public void paint(Graphics2D g0, double width, double height, Frame frame, Viewport view, Motion motion,
                      ResourceBundle bundle, Notation notation, Look look) {
        paint(g0, width, height, frame, view, motion, bundle, notation, look, null);
    }

    /**
     * Paints the graph as {@link #paint(Graphics2D, double, double, Frame, Viewport, Motion,
     * ResourceBundle, Notation, Look)} does, the same pixels, keeping what does not change from
     * one event to the next in a cache of layers: the lines from the parameter band to every step
     * (faint, or thin orange for the parameters the event touches: most of the time of a picture),
     * by which parameters the event touches. The
     * window keeps one cache per view; exports paint without.
     *
     * @param layers the cache (used by one thread at a time), or null
     */
    public void paint(Graphics2D g0, double width, double height, Frame frame, Viewport view, Motion motion,
                      ResourceBundle bundle, Notation notation, Look look, Layers layers) {
        Graphics2D g = g0;
        GraphicsState saved = GraphicsState.save(g);
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(look.background());
            g.fill(new Rectangle2D.Double(0, 0, width, height));
            if (width <= 0 || height <= 0) {
                return;
            }
            new Pass(g, width, height, frame, view, motion, bundle, notation == null ? Notation.BOOK : notation, look)
                    .paint(layers);
        } finally {
            saved.restore();
        }
    }

    /**
     * The parameter whose box in the band contains a point of the picture, or null.
     *
     * @param sx the point's x
     * @param sy the point's y
     * @param width the picture's width
     * @param look the look
     */
    public Node parameterAt(double sx, double sy, double width, Look look) {
        List<Node> ps = layout.graph().parameters();
        for (int i = 0; i < ps.size(); i++) {
            double[] r = paramBox(i, ps.size(), width, look);
            if (sx >= r[0] && sx <= r[0] + r[2] && sy >= r[1] && sy <= r[1] + r[3]) {
                return ps.get(i);
            }
        }
        return null;
    }

    /**
     * Where a parameter's box is in the band of a picture of this width: {x, y, w, h}, or null
     * when the node is not one of the graph's parameters (what a click there picks, see {@link #parameterAt}).
     */
    public double[] parameterBox(Node p, double width, Look look) {
        List<Node> ps = layout.graph().parameters();
        int i = ps.indexOf(p);
        return i < 0 ? null : paramBox(i, ps.size(), width, look);
    }

    /**
     * The band's bottom line kept for its caption ("shared parameters …"), below the boxes' "read"
     * labels (at the desktop's type, 12 px): the caption at {@link #CAPTION_SIZE} never runs into the
     * label under the first box of a wide band (an LSTM's 14 parameters at 1280 × 720).
     */
    static final double CAPTION_ROOM = 12;

    /** The caption's type size at the desktop's type (grows with {@link Look#text()}). */
    static final double CAPTION_SIZE = 10.5;

    /** The rectangle (x, y, w, h) of parameter i of n in the band. */
    static double[] paramBox(int i, int n, double width, Look look) {
        double u = look.chrome();
        double t = look.text();
        double pw = Math.min(Math.max(70 * u, 46 * t), Math.max(34 * u, (width - 20 * u) / n - 8 * u));
        double gap = 8 * u;
        double total = n * pw + (n - 1) * gap;
        double x0 = Math.max(10 * u, (width - total) / 2);
        return new double[] {x0 + i * (pw + gap), 6 * u, pw, bandHeight(look) - 24 * u - 18 * (t - u) - CAPTION_ROOM * t};
    }

    /**
     * A painter's cache of layers for one view: pictures of the faint parameter lines, by what
     * they depend on (size, viewport, look, which parameters the event touches, the device scale).
     * Not thread-safe: one painting thread.
     */
    public static final class Layers {
        private static final int KEPT = 6;
        private final java.util.Map<Object, java.awt.image.BufferedImage> images = new java.util.LinkedHashMap<>(8, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(java.util.Map.Entry<Object, java.awt.image.BufferedImage> e) {
                return size() > KEPT;
            }
        };
        private int hits;
        private int misses;

        /** How often a layer was found and how often painted (tests, the benchmark). */
        public int[] counts() {
            return new int[] {hits, misses};
        }
    }

    /** One painting: the arguments of {@link #paint} in fields. */
    private final class Pass {
        private final Graphics2D g;
        private final double width;
        private final double height;
        private final Frame frame;
        private final double zoom;
        private final double panX;
        private final double panY;
        private final Motion motion;
        private final ResourceBundle bundle;
        private final Notation notation;
        private final Look look;
        private final double u;
        /** The scale of the band's and the legend's text. */
        private final double t;
        /** The scale of the legend's text. */
        private final double lt;
        /** The factor of the nodes' labels (the type size). */
        private final double type;
        private final double band;
        /** The layout at this look's type size (shadows the painter's desktop layout). */
        private final GraphLayout layout;
        private final boolean contrast;
        private final ColorScale deltaScale;
        private final Color current;
        private final Color read;

        Pass(Graphics2D g, double width, double height, Frame frame, Viewport view, Motion motion,
             ResourceBundle bundle, Notation notation, Look look) {
            this.g = g;
            this.notation = notation;
            this.width = width;
            this.height = height;
            this.frame = frame == null ? Frame.empty() : frame;
            this.zoom = view.zoom();
            this.panX = view.panX();
            this.panY = view.panY();
            this.motion = motion == null ? Motion.still() : motion;
            this.bundle = bundle;
            this.look = look;
            this.u = look.chrome();
            this.t = look.text();
            this.lt = look.legendText();
            this.type = look.type();
            this.band = bandHeight(look);
            this.layout = GraphPainter.this.layout(look);
            this.contrast = look.presentation().highContrast();
            this.deltaScale = look.presentation().logErrors() ? session.deltaScale().logarithmic() : session.deltaScale();
            this.current = contrast ? CURRENT_HC : CURRENT;
            this.read = contrast ? READ_HC : READ;
        }

        void paint(Layers layers) {
            boolean simple = zoom < SIMPLE_BELOW;
            int c0 = layout.columnAt(panX - layout.columnWidth());
            int c1 = layout.columnAt(panX + width / zoom + layout.columnWidth());
            Shape clip = g.getClip();
            AffineTransform at = g.getTransform();
            g.clip(new Rectangle2D.Double(0, band, width, drawingHeight(width, height, look)));
            boolean cached = layers != null && !simple
                    && (at.getType() & ~(AffineTransform.TYPE_UNIFORM_SCALE)) == 0 && at.getScaleX() > 0;
            if (cached) {
                lineLayer(layers, c0, c1, at);
            } else {
                drawParameterLines(c0, c1, simple, 0);
                drawParameterLines(c0, c1, simple, 1);
            }
            drawParameterLines(c0, c1, simple, 2);
            g.translate(0, band);
            g.scale(zoom, zoom);
            g.translate(-panX, -panY);
            drawEdges(c0, c1, simple);
            for (int c = c0; c <= c1; c++) {
                for (Node n : byColumn.get(c)) {
                    drawNode(n, simple);
                }
            }
            drawHighlight();
            drawMarked();
            if (!simple) {
                drawFactors();
            }
            g.setTransform(at);
            g.setClip(clip);
            drawBand();
            drawLegend();
        }

        private double sx(double wx) {
            return (wx - panX) * zoom;
        }

        private double sy(double wy) {
            return band + (wy - panY) * zoom;
        }

        /**
         * Draws the background and the parameter lines of passes 0 and 1 from the cache, painting
         * the layer first when it is not there: device pixels for device pixels, so the picture
         * is the one painted directly.
         */
        private void lineLayer(Layers layers, int c0, int c1, AffineTransform at) {
            List<Node> ps = layout.graph().parameters();
            java.util.BitSet hot = new java.util.BitSet();
            for (int i = 0; i < ps.size(); i++) {
                hot.set(i, frame.touches(ps.get(i)));
            }
            // a gradient event's own parameter is drawn as current, the others it touches as read
            int own = frame.current() != null && frame.current().isParameter() ? frame.current().id() : -1;
            Object key = java.util.Arrays.asList(width, height, zoom, panX, panY, look, hot, own, c0, c1, at.getScaleX());
            java.awt.image.BufferedImage img = layers.images.get(key);
            if (img == null) {
                layers.misses++;
                int w = (int) Math.ceil(width * at.getScaleX());
                int h = (int) Math.ceil(height * at.getScaleX());
                img = new java.awt.image.BufferedImage(Math.max(1, w), Math.max(1, h),
                        java.awt.image.BufferedImage.TYPE_INT_ARGB_PRE);
                Graphics2D lg = img.createGraphics();
                try {
                    lg.setTransform(at);
                    lg.setRenderingHints(g.getRenderingHints());
                    lg.setColor(look.background());
                    lg.fill(new Rectangle2D.Double(0, 0, width, height));
                    lg.clip(new Rectangle2D.Double(0, band, width, drawingHeight(width, height, look)));
                    Pass layer = new Pass(lg, width, height, frame, new Viewport(zoom, panX, panY), motion, bundle, notation,
                            look);
                    layer.drawParameterLines(c0, c1, false, 0);
                    layer.drawParameterLines(c0, c1, false, 1);
                } finally {
                    lg.dispose();
                }
                layers.images.put(key, img);
            } else {
                layers.hits++;
            }
            AffineTransform user = g.getTransform();
            g.setTransform(new AffineTransform());
            g.drawImage(img, 0, 0, null);
            g.setTransform(user);
        }

        /**
         * One pass of the lines from the band to the steps: 0 the faint lines of the parameters
         * the event does not touch, 1 the thin orange lines of those it touches, 2 the thick lines
         * to the current node (drawn over its thin ones). Zoomed far out, only pass 2 draws.
         */
        private void drawParameterLines(int c0, int c1, boolean simple, int pass) {
            if (simple && pass < 2) {
                return;
            }
            List<Node> ps = layout.graph().parameters();
            for (int c = c0; c <= c1; c++) {
                for (Edge e : edgesByColumn.get(c)) {
                    Node p = e.parameterUsed();
                    if (p == null) {
                        continue;
                    }
                    boolean hot = frame.touches(p);
                    boolean toCurrent = hot && e.to().equals(frame.current());
                    if (pass == 0 && hot || pass == 1 && !hot || pass == 2 && !toCurrent) {
                        continue;
                    }
                    double[] r = paramBox(parameterIndex[p.id()], ps.size(), width, look);
                    GraphLayout.Box b = layout.box(e.to());
                    // a weight the event reads is "read" (green), not "current": only a gradient
                    // event's own parameter is current
                    Color mark = p.equals(frame.current()) ? current : read;
                    if (pass == 2) {
                        stroke(mark, 1, contrast ? 4 : 2.5, null);
                    } else if (pass == 1) {
                        stroke(mark, contrast ? 0.5 : 0.3, contrast ? 1.2 : 0.8, null);
                    } else {
                        stroke(PARAM_LINE, contrast ? 0.25 : 0.13, 0.7, null);
                    }
                    g.draw(new Line2D.Double(r[0] + r[2] / 2, r[1] + r[3], sx(b.centerX()), sy(b.y())));
                }
            }
        }

        /** The marked nodes (a selected gradient term's two factors): a thick dashed magenta ring. */
        private void drawMarked() {
            double lw = 1 / Math.max(zoom, 0.35);
            for (Node n : frame.marked()) {
                GraphLayout.Box b = n.isParameter() ? null : layout.box(n);
                if (b == null) {
                    continue;
                }
                stroke(MARKED, 1, 3.5 * lw, new float[] {(float) (6 * lw), (float) (3 * lw)});
                g.draw(new RoundRectangle2D.Double(b.x() - 6, b.y() - 6, b.w() + 12, b.h() + 12, 12, 12));
            }
        }

        /**
         * On an error event with the chain rule shown, each edge the error comes back along drawn
         * violet with its factor beside it ({@code Wᵀ e_h(t+1)}, {@code f′(p(t))}), clear of the nodes.
         */
        private void drawFactors() {
            for (FactorLabel l : factorLabels(frame, look, notation)) {
                double[] ln = l.line();
                stroke(FACTOR, 1, 2.2 / Math.max(zoom, 0.5) * (contrast ? 1.4 : 1), null);
                g.draw(new Line2D.Double(ln[0], ln[1], ln[2], ln[3]));
                Rectangle2D r = l.box();
                fill(Color.WHITE, 0.93);
                RoundRectangle2D bg = new RoundRectangle2D.Double(r.getX(), r.getY(), r.getWidth(), r.getHeight(), 5, 5);
                g.fill(bg);
                stroke(FACTOR, 1, 1 / Math.max(zoom, 0.5), null);
                g.draw(bg);
                fill(FACTOR.darker(), 1);
                g.setFont(font(Font.BOLD, l.size()));
                text(l.text(), r.getCenterX(), r.getCenterY(), 0, 0, 0);
            }
        }

        private void drawEdges(int c0, int c1, boolean simple) {
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
                    stroke(contrast ? (e.isRecurrent() ? RECURRENT_HC : EDGE_HC) : e.isRecurrent() ? RECURRENT : EDGE,
                            lossSum ? 0.35 : contrast ? 1 : 0.8,
                            (e.isRecurrent() ? 1.6 : 1.0) * (contrast ? 1.5 : 1) / Math.max(zoom, 0.5), null);
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
                        Path2D.Double arc = new Path2D.Double();
                        arc.moveTo(a.centerX(), a.y());
                        arc.quadTo((a.centerX() + b.centerX()) / 2, top - 24, b.centerX(), b.y());
                        g.draw(arc);
                    } else {
                        g.draw(new Line2D.Double(ax, ay, bx, by));
                        if (!simple) {
                            arrowHead(ax, ay, bx, by);
                        }
                    }
                }
            }
        }

        private void arrowHead(double ax, double ay, double bx, double by) {
            double dx = bx - ax;
            double dy = by - ay;
            double len = Math.hypot(dx, dy);
            if (len < 1) {
                return;
            }
            double ux = dx / len;
            double uy = dy / len;
            double s = 6;
            g.draw(new Line2D.Double(bx, by, bx - s * ux + s * 0.5 * uy, by - s * uy - s * 0.5 * ux));
            g.draw(new Line2D.Double(bx, by, bx - s * ux - s * 0.5 * uy, by - s * uy + s * 0.5 * ux));
        }

        private void drawNode(Node n, boolean simple) {
            GraphLayout.Box b = layout.box(n);
            double[] value = frame.value().apply(n);
            double[] error = frame.backward() && n.hasDelta() ? frame.error().apply(n) : null;
            boolean valueDone = value != null;
            boolean deltaDone = error != null;
            boolean fresh = n.equals(frame.current()) && motion.progress() < 1;
            double alpha = fresh ? 0.25 + 0.75 * motion.progress() : 1;
            double[] shown = null;
            ColorScale scale = session.valueScale();
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
            RoundRectangle2D box = new RoundRectangle2D.Double(b.x(), b.y(), b.w(), b.h(), 6, 6);
            double stripH = (GraphLayout.NODE_H * 0.48 - 3) * (1 + (type - 1) * 0.3);
            double stripY = type == 1 ? b.y() + b.h() * 0.52 : b.y() + b.h() - 3 - stripH;
            double labelY = type == 1 ? b.y() + b.h() * 0.27 : b.y() + (stripY - b.y()) / 2 + 0.5;
            if (shown == null) {
                fill(PENDING_FILL, 1);
                g.fill(box);
            } else {
                fill(Color.WHITE, 1);
                g.fill(box);
                double a = alpha * (faded ? 0.35 : 1);
                if (simple) {
                    fill(scale.color(extreme(shown)), a);
                    g.fill(box);
                } else {
                    strip(shown, scale, a, b.x() + 3, stripY, b.w() - 6, type == 1 ? b.h() * 0.48 - 3 : stripH);
                }
            }
            double lineW = contrast ? 1.5 : 1;
            if (shown == null || faded) {
                stroke(contrast ? PENDING_LINE_HC : PENDING_LINE, 1, lineW, new float[] {4, 3});
            } else {
                stroke(contrast ? Color.BLACK : DONE_LINE, 1, (deltaDone ? 1.8 : 1.2) * lineW, null);
            }
            g.draw(box);
            if (!simple) {
                fill(shown == null || faded ? (contrast ? new Color(85, 85, 85) : new Color(130, 130, 130)) : Color.BLACK, 1);
                g.setFont(font(contrast ? Font.BOLD : Font.PLAIN, 11 * look.labels() * type));
                text(label(n, notation), b.centerX(), labelY, 0, 0, b.w() - 2);
                String bad = shown == null ? null : nonFinite(shown);
                if (bad != null) {
                    // a value or error that overflowed, drawn plainly as such over its strip (ADR 0033)
                    double bh = type == 1 ? b.h() * 0.48 - 3 : stripH;
                    fill(Color.WHITE, 1);
                    g.fill(new Rectangle2D.Double(b.x() + 3, stripY, b.w() - 6, bh));
                    stroke(NON_FINITE, 1, 1.2, null);
                    g.draw(new Rectangle2D.Double(b.x() + 3, stripY, b.w() - 6, bh));
                    fill(NON_FINITE, 1);
                    g.setFont(font(Font.BOLD, 10 * look.labels() * type));
                    text(bad, b.centerX(), stripY + bh / 2, 0, 0, b.w() - 8);
                }
                if (frame.hidden() && n.equals(frame.current())) {
                    // predict, then reveal: the result is the room's to work out
                    fill(contrast ? CURRENT_HC : CURRENT.darker(), 1);
                    g.setFont(font(Font.BOLD, 13 * look.labels() * type));
                    text("?", b.centerX(), type == 1 ? b.y() + b.h() * 0.74 : stripY + stripH / 2, 0, 0, b.w() - 4);
                }
                if (deltaDone) {
                    double d = Math.min(type, 2);
                    fill(new Color(178, 24, 43), 1);
                    g.fill(new Ellipse2D.Double(b.x() - 5 * d, b.y() - 5 * d, 11 * d, 11 * d));
                    fill(Color.WHITE, 1);
                    g.setFont(font(Font.BOLD, 9 * Math.min(look.labels(), 1.1) * d));
                    text("δ", b.x() + 0.5 * d, b.y() + 0.5 * d, 0, 0, 0);
                }
            }
        }

        private void strip(double[] v, ColorScale scale, double alpha, double x, double y, double w, double h) {
            int n = v.length;
            if (n == 0) {
                return;
            }
            int cells = (int) Math.min(n, Math.max(1, w));
            double cw = w / cells;
            for (int i = 0; i < cells; i++) {
                int k = (int) ((long) i * n / cells);
                fill(scale.color(v[k]), alpha);
                g.fill(new Rectangle2D.Double(x + i * cw, y, i == cells - 1 ? cw : Math.ceil(cw), h));
            }
            stroke(new Color(200, 200, 200), 1, 0.5, null);
            g.draw(new Rectangle2D.Double(x, y, w, h));
        }

        private void drawHighlight() {
            if (frame.current() == null) {
                return;
            }
            GraphLayout.Box cur = layout.box(frame.current());
            double lw = 1 / Math.max(zoom, 0.35);
            double p = motion.progress();
            for (Ref ref : frame.reads()) {
                Node n = ref.node();
                GraphLayout.Box b = n.isParameter() ? null : layout.box(n);
                if (b == null) {
                    continue;
                }
                if (contrast) {
                    // dashed, so that "read" differs from "current" by more than its colour
                    stroke(read, 1, 3.5 * lw, new float[] {(float) (7 * lw), (float) (4 * lw)});
                } else {
                    stroke(read, 1, 2.5 * lw, null);
                }
                g.draw(new RoundRectangle2D.Double(b.x() - 3, b.y() - 3, b.w() + 6, b.h() + 6, 9, 9));
                if (cur != null && p < 1) {
                    double px = b.centerX() + (cur.centerX() - b.centerX()) * p;
                    double py = b.centerY() + (cur.centerY() - b.centerY()) * p;
                    fill(frame.delta() ? new Color(200, 40, 40) : read, 1);
                    g.fill(new Ellipse2D.Double(px - 4 * lw, py - 4 * lw, 8 * lw, 8 * lw));
                }
            }
            if (cur != null) {
                double x = cur.x();
                double y = cur.y();
                if (p < 1 && !Double.isNaN(motion.fromX())) {
                    double e = p * p * (3 - 2 * p);
                    x = motion.fromX() - cur.w() / 2 + (cur.x() + cur.w() / 2 - motion.fromX()) * e;
                    y = motion.fromY() - cur.h() / 2 + (cur.y() + cur.h() / 2 - motion.fromY()) * e;
                }
                if (contrast) {
                    // a thick saturated ring (6 px on screen) with a black edge outside, visible on a
                    // washed-out projector
                    double ring = 6 * lw;
                    double o = 4 + ring / 2;
                    stroke(Color.BLACK, 1, 1.5 * lw, null);
                    g.draw(new RoundRectangle2D.Double(x - o - ring / 2, y - o - ring / 2, cur.w() + 2 * o + ring,
                            cur.h() + 2 * o + ring, 12 + ring, 12 + ring));
                    stroke(current, 1, ring, null);
                    g.draw(new RoundRectangle2D.Double(x - o, y - o, cur.w() + 2 * o, cur.h() + 2 * o, 10 + ring, 10 + ring));
                } else {
                    stroke(current, 1, 3.5 * lw, null);
                    g.draw(new RoundRectangle2D.Double(x - 4, y - 4, cur.w() + 8, cur.h() + 8, 10, 10));
                }
            }
        }

        private void drawBand() {
            fill(new Color(243, 241, 236), 1);
            g.fill(new Rectangle2D.Double(0, 0, width, band - 2 * u));
            stroke(new Color(200, 196, 186), 1, u, null);
            g.draw(new Line2D.Double(0, band - 2 * u, width, band - 2 * u));
            List<Node> ps = layout.graph().parameters();
            g.setFont(font(Font.PLAIN, CAPTION_SIZE * t));
            fill(contrast ? new Color(60, 60, 60) : new Color(110, 110, 110), 1);
            text(bundle.getString("graph.params"), 8 * u, band - 3 * u, -1, 1, 0);
            for (int i = 0; i < ps.size(); i++) {
                Node p = ps.get(i);
                double[] r = paramBox(i, ps.size(), width, look);
                // the parameter a gradient event computes is current; one the event reads is "read"
                boolean isCurrent = p.equals(frame.current());
                boolean isRead = !isCurrent && frame.touches(p);
                RoundRectangle2D box = new RoundRectangle2D.Double(r[0], r[1], r[2], r[3], 6 * u, 6 * u);
                fill(Color.WHITE, 1);
                g.fill(box);
                g.setFont(font(Font.BOLD, 11 * t));
                String l = label(p, notation);
                String[] lines = textWidth(l) * 0.6 > r[2] - 2 * u ? twoLines(l) : new String[] {l};
                double head = lines.length == 1 ? 15 * t : 23 * t;
                heatMap(values.matrix(p), r[0] + 3 * u, r[1] + head, r[2] - 6 * u, r[3] - head - 3 * u);
                if (isCurrent) {
                    stroke(current, 1, (contrast ? 5 : 3) * u, null);
                } else if (isRead) {
                    stroke(read, 1, (contrast ? 4 : 3) * u, contrast ? new float[] {7 * (float) u, 4 * (float) u} : null);
                } else {
                    stroke(contrast ? Color.BLACK : new Color(60, 60, 60), 1, u, null);
                }
                g.draw(box);
                fill(Color.BLACK, 1);
                if (lines.length == 1) {
                    text(l, r[0] + r[2] / 2, r[1] + u, 0, -1, r[2] - 2 * u);
                } else {
                    // a long framework name in a narrow box (recurrent_kernel_r): two lines, not a speck
                    g.setFont(font(Font.BOLD, 9 * t));
                    text(lines[0], r[0] + r[2] / 2, r[1] + u, 0, -1, r[2] - 2 * u);
                    text(lines[1], r[0] + r[2] / 2, r[1] + 11 * t, 0, -1, r[2] - 2 * u);
                }
                if (isRead) {
                    // said in words under the box, so a read weight is not taken for the current one
                    g.setFont(font(Font.BOLD, 9 * t));
                    fill(read.darker(), 1);
                    text(bundle.getString("graph.band.read"), r[0] + r[2] / 2, r[1] + r[3] + u, 0, -1, r[2] + 6 * u);
                }
            }
        }

        /** A label cut in two at the break nearest its middle (after _ / , or before [), or as it is. */
        private String[] twoLines(String l) {
            int best = -1;
            for (int i = 1; i < l.length(); i++) {
                char a = l.charAt(i - 1);
                boolean at = a == '_' || a == '/' || a == ',' || a == '+' || l.charAt(i) == '[';
                if (at && (best < 0 || Math.abs(i - l.length() / 2.0) < Math.abs(best - l.length() / 2.0))) {
                    best = i;
                }
            }
            return best < 0 ? new String[] {l} : new String[] {l.substring(0, best), l.substring(best)};
        }

        private void heatMap(double[][] m, double x, double y, double w, double h) {
            int rows = m.length;
            int cols = rows == 0 ? 0 : m[0].length;
            if (rows == 0 || cols == 0 || w <= 0 || h <= 0) {
                return;
            }
            ColorScale scale = session.parameterScale();
            int rs = (int) Math.min(rows, Math.max(1, h));
            int cs = (int) Math.min(cols, Math.max(1, w));
            double cw = w / cs;
            double ch = h / rs;
            for (int i = 0; i < rs; i++) {
                for (int j = 0; j < cs; j++) {
                    fill(scale.color(m[(int) ((long) i * rows / rs)][(int) ((long) j * cols / cs)]), 1);
                    g.fill(new Rectangle2D.Double(x + j * cw, y + i * ch, j == cs - 1 ? cw : Math.ceil(cw),
                            i == rs - 1 ? ch : Math.ceil(ch)));
                }
            }
        }

        private void drawLegend() {
            double lh = legendHeight(width, look);
            double line = legendLine(look);
            double box = 16 * lt;
            fill(look.background(), 0.92);
            g.fill(new Rectangle2D.Double(0, height - lh, width, lh));
            g.setFont(font(Font.PLAIN, 11 * lt));
            List<int[]> rows = legendRows(width, look);
            String deltaTitle = bundle.getString(deltaScale.isLogarithmic() ? "graph.legend.deltaLog" : "graph.legend.delta");
            double x = 10 * lt;
            double y = height - lh + 6 * lt;
            for (int r = 0; r < rows.size(); r++) {
                x = 10 * lt;
                y = height - lh + 6 * lt + r * line;
                for (int k = 0; k < rows.get(r).length; k++) {
                    int item = rows.get(r)[k];
                    if (k > 0) {
                        x += 24 * lt;
                    }
                    x = switch (item) {
                        case 0 -> legendBar(x, y, bundle.getString("graph.legend.value"), session.valueScale());
                        case 1 -> legendBar(x, y, deltaTitle, deltaScale);
                        case 2 -> pendingEntry(x, y);
                        case 3 -> outlined(x, y, current, contrast ? 6 * u : 3 * u, null,
                                bundle.getString("graph.legend.current"));
                        default -> outlined(x, y, read, contrast ? 3.5 * u : 3 * u,
                                contrast ? new float[] {5 * (float) u, 3 * (float) u} : null,
                                bundle.getString("graph.legend.reads"));
                    };
                }
            }
            String notationLine = notation.legendLine(session.graph().config(), bundle);
            double room = width - x - 34 * lt;
            if (room > Math.min(textWidth(notationLine), 260 * lt)) {
                fill(new Color(70, 70, 70), 1);
                text(notationLine, x + 24 * lt, y + box / 2, -1, 0, room);
            } else {
                // no room at the end of the legend (a narrow window): on the band's caption line, right
                g.setFont(font(Font.PLAIN, 10 * t));
                fill(new Color(70, 70, 70), 1);
                double caption = 8 * u + 30 * u + textWidth(bundle.getString("graph.params")) * CAPTION_SIZE / 10;
                text(notationLine, width - 8 * u, band - 3 * u, 1, 1, Math.max(40 * u, width - caption - 8 * u));
            }
        }

        /** The legend's "not yet computed" entry; returns where the next begins. */
        private double pendingEntry(double x, double y) {
            double box = 16 * lt;
            RoundRectangle2D pending = new RoundRectangle2D.Double(x, y, 26 * lt, box, 5 * lt, 5 * lt);
            fill(PENDING_FILL, 1);
            g.fill(pending);
            stroke(contrast ? PENDING_LINE_HC : PENDING_LINE, 1, u, new float[] {4 * (float) u, 3 * (float) u});
            g.draw(pending);
            fill(Color.BLACK, 1);
            String notComputed = bundle.getString("graph.legend.notComputed");
            text(notComputed, x + 32 * lt, y + box / 2, -1, 0, 0);
            return x + 32 * lt + textWidth(notComputed);
        }

        /** A legend entry: a box outlined in a colour and its text; returns where the next begins. */
        private double outlined(double x, double y, Color colour, double lineWidth, float[] dashes, String label) {
            double box = 16 * lt;
            stroke(colour, 1, lineWidth, dashes);
            g.draw(new RoundRectangle2D.Double(x, y, 26 * lt, box, 5 * lt, 5 * lt));
            fill(Color.BLACK, 1);
            text(label, x + 32 * lt, y + box / 2, -1, 0, 0);
            return x + 32 * lt + textWidth(label);
        }

        /**
         * A colour bar with its title and end values (a logarithmic one with a tick at every
         * decade); takes the room {@link #legendWidths} gives it. Returns where the next begins.
         */
        private double legendBar(double x, double y, String title, ColorScale s) {
            double box = 16 * lt;
            fill(Color.BLACK, 1);
            text(title, x, y + box / 2, -1, 0, 0);
            // the bar runs from −limit to +limit; its end value once, as ±limit (room for two lines'
            // worth of entries on a narrow screen)
            String hi = "±" + Numbers.format(s.limit());
            double barX = x + textWidth(title) + 10 * lt;
            double barW = LEGEND_BAR * lt;
            int steps = 90;
            for (int i = 0; i < steps; i++) {
                fill(s.color(s.valueAt(2 * i / (steps - 1.0) - 1)), 1);
                g.fill(new Rectangle2D.Double(barX + i * barW / steps, y, barW / steps + (i < steps - 1 ? 0.5 : 0), box));
            }
            stroke(new Color(150, 150, 150), 1, 0.5 * u, null);
            g.draw(new Rectangle2D.Double(barX, y, barW, box));
            if (s.isLogarithmic()) {
                // a tick per decade each way: the bar is 10^-decades .. 1 times the limit
                stroke(new Color(60, 60, 60), 1, 0.6 * u, null);
                for (int d = 1; d < s.decades(); d++) {
                    for (int sign = -1; sign <= 1; sign += 2) {
                        double px = barX + barW * (1 + sign * (1 - d / (double) s.decades())) / 2;
                        g.draw(new Line2D.Double(px, y + box * 0.7, px, y + box));
                    }
                }
            }
            fill(Color.BLACK, 1);
            double number = LEGEND_NUMBER * lt;
            text(hi, barX + barW + 6 * lt, y + box / 2, -1, 0, number);
            return barX + barW + 6 * lt + number;
        }

        // ---- drawing state ----

        private void fill(Color c, double alpha) {
            g.setColor(alpha >= 1 ? c : withAlpha(c, alpha));
        }

        private void stroke(Color c, double alpha, double lineWidth, float[] dashes) {
            g.setColor(alpha >= 1 ? c : withAlpha(c, alpha));
            g.setStroke(dashes == null
                    ? new BasicStroke((float) lineWidth, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
                    : new BasicStroke((float) lineWidth, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, dashes, 0));
        }

        private Font font(int style, double size) {
            return new Font(look.fontFamily(), style, 1).deriveFont(style, (float) size);
        }

        private double textWidth(String s) {
            return g.getFontMetrics().getStringBounds(s, g).getWidth();
        }

        /**
         * Draws text anchored at (x, y): hAlign −1 left, 0 centre, 1 right; vAlign −1 top, 0 centre,
         * 1 bottom; shrunk to maxWidth when wider (0: no limit).
         */
        private void text(String s, double x, double y, int hAlign, int vAlign, double maxWidth) {
            Font f = g.getFont();
            g.setFont(fontFor(f, s));
            double w = textWidth(s);
            // shrunk until it fits (a text with glyphs from a fallback font does not shrink in proportion)
            for (int i = 0; i < 4 && maxWidth > 0 && w > maxWidth; i++) {
                g.setFont(g.getFont().deriveFont((float) (g.getFont().getSize2D() * maxWidth / w * (i == 0 ? 1 : 0.97))));
                w = textWidth(s);
            }
            FontMetrics fm = g.getFontMetrics();
            double tx = hAlign < 0 ? x : hAlign == 0 ? x - w / 2 : x - w;
            double ty = vAlign < 0 ? y + fm.getAscent() : vAlign == 0 ? y + (fm.getAscent() - fm.getDescent()) / 2.0
                    : y - fm.getDescent();
            g.drawString(s, (float) tx, (float) ty);
            g.setFont(f);
        }
    }

    /**
     * The font to draw {@code s} with: {@code f}, or, when f's family lacks one of its glyphs (IPA
     * Gothic, the window's Japanese family, has no ᵀ, ⊙ or ≤), Java 2D's logical sans-serif at f's
     * style and size, which falls back through the installed fonts — not a box in place of the letter.
     */
    static Font fontFor(Font f, String s) {
        if (f.canDisplayUpTo(s) < 0) {
            return f;
        }
        return new Font(Font.SANS_SERIF, f.getStyle(), 1).deriveFont(f.getStyle(), f.getSize2D());
    }

    private static Color withAlpha(Color c, double alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(255 * Math.max(0, Math.min(1, alpha))));
    }

    /** The entry of largest magnitude, with its sign. */
    private static double extreme(double[] v) {
        double best = 0;
        for (double x : v) {
            if (Math.abs(x) > Math.abs(best)) {
                best = x;
            }
        }
        return best;
    }

    static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
