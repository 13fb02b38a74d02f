package org.unroll.ui.model;

import java.util.List;
import java.util.function.BiConsumer;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import org.unroll.graph.FusedKernel.Block;
import org.unroll.graph.FusedKernel.Matrix;
import org.unroll.ui.common.FxColors;
import org.unroll.ui.model.FusedKernelViewModel.Shown;
import org.unroll.view.ColorScale;

/**
 * One stored matrix as a heat map on the app's blue–white–red scale, its blocks outlined each in a
 * colour of its gate and labelled with the framework's gate letter and the book's matrix it holds.
 * Square cells, as large as the width allows (at most {@value #MAX_CELL} px, at most
 * {@value #MAX_HEIGHT} px tall); a matrix larger than the view-model's limit is drawn from every
 * k-th row and column. Reports the block under the pointer and the block clicked.
 */
public final class FusedKernelView extends Region {

    static final double MAX_CELL = 36;
    static final double MAX_HEIGHT = 260;
    static final double MIN_LABEL_CELL = 3;
    /** The outline colours of the blocks, by the gate's place in the framework's order. */
    static final List<Color> GATE_COLOURS = List.of(Color.rgb(0, 140, 70), Color.rgb(230, 140, 0),
            Color.rgb(130, 60, 170), Color.rgb(20, 20, 20), Color.rgb(0, 150, 170), Color.rgb(200, 0, 140));

    private final Canvas canvas = new Canvas();
    private final Shown shown;
    private final ColorScale scale;
    private final List<String> gateOrder;
    private String fontFamily = Font.getDefault().getFamily();
    private BiConsumer<Matrix, Block> onPoint = (m, b) -> { };
    private BiConsumer<Matrix, Block> onSelect = (m, b) -> { };
    private Block pointed;

    /**
     * @param shown the matrix
     * @param scale the colours (shared by the notation's matrices)
     * @param gateOrder the case gates in the framework's order (a block's colour is its gate's place)
     */
    public FusedKernelView(Shown shown, ColorScale scale, List<String> gateOrder) {
        this.shown = shown;
        this.scale = scale;
        this.gateOrder = gateOrder;
        getStyleClass().add("fused-kernel");
        getChildren().add(canvas);
        canvas.setOnMouseMoved(this::moved);
        canvas.setOnMouseExited(e -> {
            pointed = null;
            onPoint.accept(null, null);
            draw();
        });
        canvas.setOnMouseClicked(e -> {
            Block b = blockAt(e.getX(), e.getY());
            onSelect.accept(b == null ? null : shown.matrix(), b);
        });
    }

    public void setFontFamily(String f) {
        fontFamily = f;
        draw();
    }

    /** Where the block under the pointer goes (null, null when it leaves). */
    public void setOnPoint(BiConsumer<Matrix, Block> c) {
        onPoint = c;
    }

    /** Where a clicked block goes. */
    public void setOnSelect(BiConsumer<Matrix, Block> c) {
        onSelect = c;
    }

    public Shown shown() {
        return shown;
    }

    /** The side of a cell for a width: square cells, the whole matrix in the width and the height limit. */
    double cell(double width) {
        int r = shown.cells().length;
        int c = r == 0 ? 0 : shown.cells()[0].length;
        if (r == 0 || c == 0) {
            return 0;
        }
        return Math.max(1, Math.min(MAX_CELL, Math.min((width - 2) / c, MAX_HEIGHT / r)));
    }

    @Override
    public javafx.geometry.Orientation getContentBias() {
        return javafx.geometry.Orientation.HORIZONTAL; // the height follows the width (square cells)
    }

    @Override
    protected double computePrefHeight(double width) {
        double w = width > 0 ? width : 300;
        return shown.cells().length * cell(w) + 2;
    }

    @Override
    protected double computePrefWidth(double height) {
        return 300;
    }

    @Override
    protected double computeMinWidth(double height) {
        return 60;
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    private void moved(MouseEvent e) {
        Block b = blockAt(e.getX(), e.getY());
        if (b != pointed) {
            pointed = b;
            onPoint.accept(b == null ? null : shown.matrix(), b);
            draw();
        }
    }

    /** The block at a point of the view, or null. */
    Block blockAt(double x, double y) {
        double c = cell(getWidth());
        if (c <= 0) {
            return null;
        }
        double row = (y - 1) / c * shown.rowStep();
        double col = (x - 1) / c * shown.colStep();
        for (Block b : shown.matrix().blocks()) {
            if (row >= b.row() && row < b.row() + b.rows() && col >= b.col() && col < b.col() + b.cols()) {
                return b;
            }
        }
        return null;
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        double[][] v = shown.cells();
        double c = cell(w);
        if (c <= 0) {
            return;
        }
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v[i].length; j++) {
                g.setFill(FxColors.of(scale.color(v[i][j])));
                g.fillRect(1 + j * c, 1 + i * c, Math.ceil(c), Math.ceil(c));
            }
        }
        if (c >= 8) {
            g.setStroke(Color.rgb(255, 255, 255, 0.6));
            g.setLineWidth(0.5);
            for (int j = 1; j < v[0].length; j++) {
                g.strokeLine(1 + j * c, 1, 1 + j * c, 1 + v.length * c);
            }
            for (int i = 1; i < v.length; i++) {
                g.strokeLine(1, 1 + i * c, 1 + v[0].length * c, 1 + i * c);
            }
        }
        List<Block> blocks = shown.matrix().blocks();
        double rs = shown.rowStep();
        double cs = shown.colStep();
        double right = 1 + v[0].length * c;
        // blocks stacked in rows (PyTorch's weights) whose labels do not all fit: labels to the right
        boolean outside = w - right > 40;
        boolean allFit = true;
        for (int k = 0; k < blocks.size(); k++) {
            Block b = blocks.get(k);
            outside &= b.col() == 0 && b.cols() == shown.cols();
            allFit &= fits(shown.blockLabels().get(k), b.cols() / cs * c, b.rows() / rs * c);
        }
        outside &= !allFit;
        for (int k = 0; k < blocks.size(); k++) {
            Block b = blocks.get(k);
            double x = 1 + b.col() / cs * c;
            double y = 1 + b.row() / rs * c;
            double bw = b.cols() / cs * c;
            double bh = b.rows() / rs * c;
            Color colour = colour(b);
            g.setStroke(colour);
            g.setLineWidth(b == pointed ? 3.5 : 2);
            g.strokeRect(x + 1, y + 1, Math.max(1, bw - 2), Math.max(1, bh - 2));
            if (outside) {
                g.setFill(colour.darker());
                g.setFont(labelFont(bh));
                g.setTextAlign(TextAlignment.LEFT);
                g.setTextBaseline(VPos.CENTER);
                g.fillText(shown.blockLabels().get(k), right + 6, y + bh / 2);
            } else {
                label(g, shown.blockLabels().get(k), x, y, bw, bh, colour);
            }
        }
    }

    private Font labelFont(double bh) {
        return Font.font(fontFamily, FontWeight.BOLD, Math.min(13, Math.max(9, bh * 0.6)));
    }

    private boolean fits(String s, double bw, double bh) {
        Text t = new Text(s);
        t.setFont(labelFont(bh));
        return t.getLayoutBounds().getWidth() + 4 <= bw && t.getLayoutBounds().getHeight() <= bh + 6;
    }

    private Color colour(Block b) {
        int i = gateOrder.indexOf(b.caseGate());
        return GATE_COLOURS.get(Math.max(0, i) % GATE_COLOURS.size());
    }

    /** The block's label, centred, on a light backing, when it fits (the description says it anyway). */
    private void label(GraphicsContext g, String s, double x, double y, double bw, double bh, Color colour) {
        Font f = labelFont(bh);
        Text t = new Text(s);
        t.setFont(f);
        double tw = t.getLayoutBounds().getWidth();
        double th = t.getLayoutBounds().getHeight();
        if (!fits(s, bw, bh)) {
            return;
        }
        double cx = x + bw / 2;
        double cy = y + bh / 2;
        g.setFill(Color.rgb(255, 255, 255, 0.85));
        g.fillRoundRect(cx - tw / 2 - 2, cy - th / 2, tw + 4, th, 4, 4);
        g.setFill(colour.darker());
        g.setFont(f);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(s, cx, cy);
    }
}
