package org.unroll.view;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.unroll.engine.CellType;
import org.unroll.graph.Edge;
import org.unroll.graph.Node;
import org.unroll.graph.NodeKind;
import org.unroll.graph.UnrolledGraph;

/**
 * Where every node of an unrolled graph sits, in world units (one unit is one pixel at zoom 1):
 * time steps as columns from left to right (column 0 holds h(0) and c(0), column T+1 holds E),
 * node kinds as rows from the loss at the top down to the input x(t) at the bottom, the gates of
 * LSTM and GRU side by side in their row. Parameters are not placed here: the canvas draws them
 * once, in a band of their own. Immutable; no drawing.
 */
public final class GraphLayout {

    /** A node's box, in world units. */
    public record Box(Node node, double x, double y, double w, double h) {
        public double centerX() {
            return x + w / 2;
        }

        public double centerY() {
            return y + h / 2;
        }

        public boolean contains(double px, double py) {
            return px >= x && px <= x + w && py >= y && py <= y + h;
        }
    }

    public static final double NODE_W = 44;
    public static final double NODE_H = 30;
    public static final double GAP_X = 6;
    public static final double COLUMN_GAP = 10;
    public static final double ROW_H = 58;
    public static final double MARGIN = 20;

    private final UnrolledGraph graph;
    private final List<List<String>> rows;
    private final double scale;
    private final double nodeW;
    private final double nodeH;
    private final double rowH;
    private final double columnWidth;
    private final Box[] boxes;
    private final double width;
    private final double height;

    private GraphLayout(UnrolledGraph graph, double scale) {
        this.graph = graph;
        this.rows = rowsOf(graph.config().cell());
        this.scale = scale;
        // the label grows with the type size; the box grows around it (wider by the label, taller by
        // the label's extra height only, so that the rows of a cell still fit a projector's height)
        this.nodeW = NODE_W * scale;
        this.nodeH = NODE_H + 11 * 1.25 * (scale - 1);
        this.rowH = nodeH + (ROW_H - NODE_H) * (1 + (scale - 1) * 0.25);
        int widest = 1;
        for (List<String> r : rows) {
            widest = Math.max(widest, r.size());
        }
        this.columnWidth = widest * nodeW + (widest - 1) * GAP_X + COLUMN_GAP;
        Map<String, int[]> where = new HashMap<>();
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            for (int i = 0; i < row.size(); i++) {
                where.put(row.get(i), new int[] {r, i, row.size()});
            }
        }
        this.boxes = new Box[graph.nodes().size()];
        int lossRow = 0;
        int hRow = where.get("h")[0];
        for (Node n : graph.nodes()) {
            int column;
            int row;
            int slot = 0;
            int slots = 1;
            switch (n.kind()) {
                case PARAMETER -> {
                    continue;
                }
                case INITIAL_STATE -> {
                    column = 0;
                    row = n.key().equals("c0") ? where.get("c")[0] : hRow;
                }
                case LOSS -> {
                    column = graph.length() + 1;
                    row = lossRow;
                }
                case LOSS_TERM -> {
                    column = n.step();
                    row = lossRow;
                }
                default -> {
                    int[] w = where.get(n.key());
                    if (w == null) {
                        throw new IllegalStateException("no row for " + n.key());
                    }
                    column = n.step();
                    row = w[0];
                    slot = w[1];
                    slots = w[2];
                }
            }
            double inner = slots * nodeW + (slots - 1) * GAP_X;
            double x0 = MARGIN + column * columnWidth + (columnWidth - COLUMN_GAP - inner) / 2;
            boxes[n.id()] = new Box(n, x0 + slot * (nodeW + GAP_X), MARGIN + row * rowH, nodeW, nodeH);
        }
        this.width = 2 * MARGIN + (graph.length() + 2) * columnWidth - COLUMN_GAP;
        this.height = 2 * MARGIN + (rows.size() - 1) * rowH + nodeH;
    }

    /** The layout of a graph at the desktop's type size. */
    public static GraphLayout of(UnrolledGraph graph) {
        return new GraphLayout(graph, 1);
    }

    /**
     * The layout of a graph for labels {@code scale} times the desktop's ({@link Presentation#scale()}):
     * boxes as much wider, rows taller by the label's extra height, so large labels do not overlap.
     *
     * @param graph the graph
     * @param scale the labels' scale, 1 or more (less is taken as 1)
     */
    public static GraphLayout of(UnrolledGraph graph, double scale) {
        return new GraphLayout(graph, scale >= 1 && Double.isFinite(scale) ? scale : 1);
    }

    /** The labels' scale this layout gives room to (1: the desktop's). */
    public double scale() {
        return scale;
    }

    /** The width of a node's box. */
    public double nodeWidth() {
        return nodeW;
    }

    /** The height of a node's box. */
    public double nodeHeight() {
        return nodeH;
    }

    /** The rows, top to bottom, as trace keys (the loss row first, the input last). */
    public static List<List<String>> rowsOf(CellType cell) {
        List<List<String>> r = new ArrayList<>();
        r.add(List.of("E_t"));
        r.add(List.of("y"));
        r.add(List.of("q"));
        r.add(List.of("h"));
        switch (cell) {
            case RNN -> r.add(List.of("p"));
            case LSTM -> {
                r.add(List.of("c"));
                r.add(List.of("i", "f", "o", "a"));
                r.add(List.of("pre_i", "pre_f", "pre_o", "pre_a"));
            }
            case GRU -> {
                r.add(List.of("r", "z", "a"));
                r.add(List.of("pre_r", "pre_z", "pre_a"));
            }
            default -> throw new IllegalStateException();
        }
        r.add(List.of("x"));
        return Collections.unmodifiableList(r);
    }

    public UnrolledGraph graph() {
        return graph;
    }

    /** The box of a node, or null for a parameter. */
    public Box box(Node n) {
        return boxes[n.id()];
    }

    /** The width of one time step's column. */
    public double columnWidth() {
        return columnWidth;
    }

    /** The world x where column c (0 = initial states, 1..T the steps, T+1 = E) begins. */
    public double columnX(int c) {
        return MARGIN + c * columnWidth;
    }

    /** The column under world x, clamped to 0..T+1. */
    public int columnAt(double x) {
        int c = (int) Math.floor((x - MARGIN) / columnWidth);
        return Math.max(0, Math.min(graph.length() + 1, c));
    }

    /** The column a node is drawn in. */
    public int columnOf(Node n) {
        if (n.kind() == NodeKind.LOSS) {
            return graph.length() + 1;
        }
        return n.step();
    }

    public double width() {
        return width;
    }

    public double height() {
        return height;
    }

    /** The number of rows. */
    public int rowCount() {
        return rows.size();
    }

    /** The node under a world point, or null. */
    public Node nodeAt(double x, double y) {
        int c = columnAt(x);
        for (Node n : graph.nodes()) {
            Box b = boxes[n.id()];
            if (b != null && columnOf(n) == c && b.contains(x, y)) {
                return n;
            }
        }
        return null;
    }

    /** Whether an edge is drawn between two boxes (false for edges from parameters). */
    public static boolean drawnAsLine(Edge e) {
        return !e.from().isParameter();
    }
}
