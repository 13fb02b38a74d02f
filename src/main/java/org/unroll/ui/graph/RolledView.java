package org.unroll.ui.graph;

import java.util.ResourceBundle;
import javafx.animation.AnimationTimer;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.ArcType;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import org.unroll.engine.CellType;
import org.unroll.view.Frame;
import org.unroll.view.Messages;
import org.unroll.view.Session;

/**
 * The rolled picture: one cell with its self-loop, and the cell's interface — (x(t), state(t−1)) in,
 * (y(t), state(t)) out, the state being h for RNN and GRU and the pair (c, h) for LSTM. Folding is
 * animated: the T copies of the unrolled cell slide together into the one cell (and apart again).
 */
public final class RolledView extends Region {

    private static final long FOLD_NANOS = 700_000_000L;
    private final Canvas canvas = new Canvas();
    private Session session;
    private Frame frame = Frame.empty();
    private ResourceBundle bundle = Messages.bundle(null);
    private String fontFamily = Font.getDefault().getFamily();
    private double fold;
    private double target;
    private long start = -1;
    private double from;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            if (start < 0) {
                start = now;
            }
            double s = Math.min(1, (now - start) / (double) FOLD_NANOS);
            double e = s * s * (3 - 2 * s);
            fold = from + (target - from) * e;
            draw();
            if (s >= 1) {
                stop();
                if (target == 0) {
                    setVisible(false);
                }
            }
        }
    };

    public RolledView() {
        getStyleClass().add("rolled-view");
        getChildren().add(canvas);
        visibleProperty().addListener((o, was, shown) -> {
            if (shown) {
                draw();
            }
        });
    }

    public void setSession(Session s) {
        session = s;
        draw();
    }

    public void setFrame(Frame f) {
        frame = f == null ? Frame.empty() : f;
        draw();
    }

    public void setBundle(ResourceBundle b) {
        bundle = b;
        draw();
    }

    public void setFontFamily(String f) {
        fontFamily = f;
        draw();
    }

    /** Folds (true) or unfolds (false), animated. */
    public void animateTo(boolean rolled) {
        double t = rolled ? 1 : 0;
        if (t == target && fold == t) {
            setVisible(rolled);
            return;
        }
        from = fold;
        target = t;
        start = -1;
        if (rolled) {
            setVisible(true);
        }
        timer.start();
    }

    /** 1 = rolled, 0 = unrolled, between: folding. */
    public double foldAmount() {
        return fold;
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    /**
     * Draws the rolled cell, only while it is shown: a hidden canvas still has its commands
     * replayed by the render thread (T cells, every step: a third of a frame at T = 1000), so a
     * hidden view draws when it is shown again.
     */
    private void draw() {
        if (!isVisible()) {
            return;
        }
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (w <= 0 || h <= 0) {
            return;
        }
        g.setFill(Color.rgb(252, 252, 250));
        g.fillRect(0, 0, w, h);
        if (session == null) {
            return;
        }
        CellType cell = session.kase().config().cell();
        int steps = session.trace().length();
        boolean lstm = cell == CellType.LSTM;
        double cx = w / 2;
        double cy = h / 2;
        double cellW = Math.min(lstmWidth(), w / 3);
        double cellH = Math.min(200, h / 3);
        // the copies sliding together
        double spread = Math.min(w * 0.9 / Math.max(1, steps), cellW * 1.2);
        for (int t = steps; t >= 1; t--) {
            double offset = (t - (steps + 1) / 2.0) * spread * (1 - fold);
            double x = cx - cellW / 2 + offset;
            double alpha = t == steps ? 1 : Math.max(0, 1 - fold) * 0.85 + 0.15 * (1 - fold);
            g.setGlobalAlpha(Math.max(0.05, alpha));
            boolean current = frame.current() != null && frame.current().step() == t;
            g.setFill(current ? Color.rgb(255, 236, 205) : Color.rgb(236, 240, 248));
            g.fillRoundRect(x, cy - cellH / 2, cellW, cellH, 18, 18);
            g.setStroke(current ? Color.rgb(255, 140, 0) : Color.rgb(70, 90, 140));
            g.setLineWidth(current ? 3 : 1.5);
            g.strokeRoundRect(x, cy - cellH / 2, cellW, cellH, 18, 18);
            if (fold < 0.95) {
                text(g, "t = " + t, x + cellW / 2, cy, 12, Color.rgb(70, 90, 140));
            }
        }
        g.setGlobalAlpha(1);
        if (fold < 0.6) {
            return;
        }
        g.setGlobalAlpha((fold - 0.6) / 0.4);
        double left = cx - cellW / 2;
        double right = cx + cellW / 2;
        double top = cy - cellH / 2;
        double bottom = cy + cellH / 2;
        text(g, Messages.format(bundle, "rolled.cell", cell.key().toUpperCase(java.util.Locale.ROOT)), cx, cy - 10, 18, Color.BLACK);
        text(g, "(y(t), " + (lstm ? "(c(t), h(t))" : "h(t)") + ") = cell(x(t), " + (lstm ? "(c(t−1), h(t−1))" : "h(t−1)") + ")",
                cx, cy + 18, 12, Color.rgb(60, 60, 60));
        if (frame.current() != null && frame.current().step() > 0) {
            text(g, "t = " + frame.current().step(), cx, cy + 44, 13, Color.rgb(255, 120, 0));
        }
        // x(t) in from below, y(t) out at the top
        arrow(g, cx, bottom + 70, cx, bottom + 2);
        text(g, "x(t)", cx + 26, bottom + 48, 15, Color.BLACK);
        arrow(g, cx, top - 2, cx, top - 70);
        text(g, "y(t)", cx, top - 84, 15, Color.BLACK);
        // the state: in from the left, out to the right, and the loop back underneath
        String state = lstm ? "c(t−1), h(t−1)" : "h(t−1)";
        String stateOut = lstm ? "c(t), h(t)" : "h(t)";
        arrow(g, left - 120, cy, left - 2, cy);
        text(g, state, left - 66, cy - 14, 14, Color.rgb(60, 90, 160));
        arrow(g, right + 2, cy, right + 120, cy);
        text(g, stateOut, right + 64, cy - 14, 14, Color.rgb(60, 90, 160));
        g.setStroke(Color.rgb(60, 90, 160));
        g.setLineWidth(2.5);
        double loopY = bottom + 100;
        g.strokeLine(right + 100, cy, right + 100, loopY - 20);
        g.strokeArc(right + 60, loopY - 40, 40, 40, 270, 90, ArcType.OPEN);
        g.strokeLine(right + 80, loopY, left - 80, loopY);
        g.strokeArc(left - 100, loopY - 40, 40, 40, 180, 90, ArcType.OPEN);
        g.setStroke(Color.rgb(60, 90, 160));
        arrow(g, left - 100, loopY - 20, left - 100, cy + 4);
        text(g, bundle.getString("rolled.loop"), cx, loopY + 16, 12, Color.rgb(60, 90, 160));
        text(g, bundle.getString("rolled.interface"), cx, top - 110, 13, Color.rgb(90, 90, 90));
        g.setGlobalAlpha(1);
    }

    private double lstmWidth() {
        return session != null && session.kase().config().cell() == CellType.LSTM ? 340 : 260;
    }

    private void text(GraphicsContext g, String s, double x, double y, double size, Color c) {
        g.setFill(c);
        g.setFont(Font.font(fontFamily, FontWeight.NORMAL, size));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(s, x, y);
    }

    private static void arrow(GraphicsContext g, double ax, double ay, double bx, double by) {
        g.setStroke(Color.rgb(60, 60, 60));
        g.setLineWidth(2);
        g.strokeLine(ax, ay, bx, by);
        double len = Math.hypot(bx - ax, by - ay);
        double ux = (bx - ax) / len;
        double uy = (by - ay) / len;
        double s = 9;
        g.strokeLine(bx, by, bx - s * ux + s * 0.5 * uy, by - s * uy - s * 0.5 * ux);
        g.strokeLine(bx, by, bx - s * ux - s * 0.5 * uy, by - s * uy + s * 0.5 * ux);
    }
}
