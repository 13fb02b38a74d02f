package org.unroll.ui.inspector;

import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.unroll.ui.common.FxColors;
import org.unroll.view.ColorScale;
import org.unroll.view.Numbers;

/**
 * A vector as a strip of coloured cells, or a matrix as a heat map, on the app's diverging scale;
 * the numbers are written in the cells when they fit.
 */
public final class HeatStrip extends Region {

    private static final double CELL = 58;
    private static final double ROW = 22;
    private final Canvas canvas = new Canvas();
    private double[][] matrix = new double[0][];
    private ColorScale scale = new ColorScale(1);

    public HeatStrip() {
        getStyleClass().add("heat-strip");
        getChildren().add(canvas);
    }

    /** Shows a vector as one column (the book's column vectors). */
    public void showVector(double[] v, ColorScale s) {
        double[][] m = new double[v == null ? 0 : v.length][];
        for (int i = 0; i < m.length; i++) {
            m[i] = new double[] {v[i]};
        }
        showMatrix(m, s);
    }

    /** Shows a matrix as a heat map. */
    public void showMatrix(double[][] m, ColorScale s) {
        matrix = m == null ? new double[0][] : m;
        scale = s == null ? ColorScale.fitting(java.util.Arrays.asList(matrix)) : s;
        requestLayout();
        draw();
    }

    /** The colours of what is shown. */
    public ColorScale scale() {
        return scale;
    }

    /** What is shown (rows). */
    public double[][] shown() {
        return matrix;
    }

    private int cols() {
        return matrix.length == 0 ? 0 : matrix[0].length;
    }

    private double cellW() {
        int c = cols();
        if (c == 0) {
            return CELL;
        }
        double w = getWidth() > 0 ? getWidth() : 360;
        return Math.max(4, Math.min(CELL, (w - 2) / c));
    }

    private double rowH() {
        return matrix.length > 24 ? Math.max(3, 24 * ROW / matrix.length) : ROW;
    }

    @Override
    protected double computePrefWidth(double height) {
        return Math.max(20, cols() * CELL + 2);
    }

    @Override
    protected double computePrefHeight(double width) {
        return matrix.length * rowH() + 2;
    }

    @Override
    protected double computeMinWidth(double height) {
        return 20;
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        double cw = cellW();
        double rh = rowH();
        boolean text = cw >= 44 && rh >= 14;
        g.setFont(Font.font("Monospaced", 10));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i < matrix.length; i++) {
            for (int j = 0; j < matrix[i].length; j++) {
                double v = matrix[i][j];
                g.setFill(FxColors.of(scale.color(v)));
                g.fillRect(1 + j * cw, 1 + i * rh, cw, rh);
                if (text) {
                    g.setFill(FxColors.of(scale.textOn(v)));
                    g.fillText(Numbers.format(v), 1 + j * cw + cw / 2, 1 + i * rh + rh / 2, cw - 2);
                }
            }
        }
        g.setStroke(Color.rgb(160, 160, 160));
        g.setLineWidth(1);
        if (matrix.length > 0) {
            g.strokeRect(0.5, 0.5, cols() * cw + 1, matrix.length * rh + 1);
        }
    }
}
