package org.unroll.view;

import java.awt.Color;

/**
 * The diverging scale of the app: blue for negative, white for zero, red for positive, saturated at
 * ±{@link #limit()}. AWT colours, so the same scale paints the screen (through FXGraphics2D) and
 * every exported figure. Immutable.
 */
public final class ColorScale {

    private static final Color NEGATIVE = new Color(33, 102, 172);
    private static final Color ZERO = new Color(247, 247, 247);
    private static final Color POSITIVE = new Color(178, 24, 43);
    private static final int STEPS = 256;
    private static final Color[] NEG = ramp(NEGATIVE);
    private static final Color[] POS = ramp(POSITIVE);
    private final double limit;

    /** A scale saturating at ±limit (a non-positive or non-finite limit is taken as 1). */
    public ColorScale(double limit) {
        this.limit = limit > 0 && Double.isFinite(limit) ? limit : 1;
    }

    /** A scale whose limit is the largest finite magnitude in the arrays (1 if all are zero). */
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

    /** The colour of a value (grey for NaN), from a ramp of 256 shades each way. */
    public Color color(double v) {
        if (Double.isNaN(v)) {
            return Color.GRAY;
        }
        double s = Math.max(-1, Math.min(1, v / limit));
        int k = (int) Math.round(Math.abs(s) * (STEPS - 1));
        return s < 0 ? NEG[k] : POS[k];
    }

    /** Black or white, whichever reads better on {@link #color(double)}. */
    public Color textOn(double v) {
        Color c = color(v);
        double lum = (0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue()) / 255;
        return lum < 0.5 ? Color.WHITE : Color.BLACK;
    }

    private static Color[] ramp(Color end) {
        Color[] r = new Color[STEPS];
        for (int i = 0; i < STEPS; i++) {
            double t = i / (double) (STEPS - 1);
            r[i] = new Color(mix(ZERO.getRed(), end.getRed(), t), mix(ZERO.getGreen(), end.getGreen(), t),
                    mix(ZERO.getBlue(), end.getBlue(), t));
        }
        return r;
    }

    private static int mix(int a, int b, double t) {
        return (int) Math.round(a + (b - a) * t);
    }
}
