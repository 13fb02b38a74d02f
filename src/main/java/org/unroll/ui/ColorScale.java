package org.unroll.ui;

import javafx.scene.paint.Color;

/**
 * The diverging scale of the app: blue for negative, white for zero, red for positive, saturated at
 * ±{@link #limit()}. Immutable.
 */
public final class ColorScale {

    private static final Color NEGATIVE = Color.rgb(33, 102, 172);
    private static final Color ZERO = Color.rgb(247, 247, 247);
    private static final Color POSITIVE = Color.rgb(178, 24, 43);
    private final double limit;

    /** A scale saturating at ±limit (a non-positive or non-finite limit is taken as 1). */
    public ColorScale(double limit) {
        this.limit = limit > 0 && Double.isFinite(limit) ? limit : 1;
    }

    /** A scale whose limit is the largest magnitude in the arrays (1 if all are zero). */
    public static ColorScale fitting(Iterable<double[]> rows) {
        double m = 0;
        for (double[] r : rows) {
            if (r != null) {
                for (double v : r) {
                    if (Double.isFinite(v)) {
                        m = Math.max(m, Math.abs(v));
                    }
                }
            }
        }
        return new ColorScale(m);
    }

    public double limit() {
        return limit;
    }

    /** The colour of a value. */
    public Color color(double v) {
        if (Double.isNaN(v)) {
            return Color.GRAY;
        }
        double s = Math.max(-1, Math.min(1, v / limit));
        return s < 0 ? ZERO.interpolate(NEGATIVE, -s) : ZERO.interpolate(POSITIVE, s);
    }

    /** Black or white, whichever reads better on {@link #color(double)}. */
    public Color textOn(double v) {
        Color c = color(v);
        double lum = 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
        return lum < 0.5 ? Color.WHITE : Color.BLACK;
    }
}
