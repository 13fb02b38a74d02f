package org.unroll.view;

import java.awt.Color;

/**
 * The diverging scale of the app: blue for negative, white for zero, red for positive, saturated at
 * ±{@link #limit()}. Linear, or logarithmic ({@link #logarithmic}): the sign kept, the magnitude
 * mapped by log10 from limit·10^−decades (white) to the limit (saturated), so an error of 1e−7 is
 * as visible as one of 1e−3 a few shades apart instead of both white. AWT colours, so the same
 * scale paints the screen (through FXGraphics2D) and every exported figure. Immutable.
 */
public final class ColorScale {

    private static final Color NEGATIVE = new Color(33, 102, 172);
    private static final Color ZERO = new Color(247, 247, 247);
    private static final Color POSITIVE = new Color(178, 24, 43);
    private static final int STEPS = 256;
    private static final Color[] NEG = ramp(NEGATIVE);
    private static final Color[] POS = ramp(POSITIVE);
    /** The decades a logarithmic scale spans by default. */
    public static final int DECADES = 12;
    private final double limit;
    /** 0: linear; else the decades below the limit the logarithmic scale spans. */
    private final int decades;

    /** A scale saturating at ±limit (a non-positive or non-finite limit is taken as 1). */
    public ColorScale(double limit) {
        this(limit, 0);
    }

    private ColorScale(double limit, int decades) {
        this.limit = limit > 0 && Double.isFinite(limit) ? limit : 1;
        this.decades = Math.max(0, decades);
    }

    /**
     * A logarithmic scale: saturated at ±limit, white at and below limit·10^−decades, log10 of the
     * magnitude in between (the sign kept).
     *
     * @param limit the largest magnitude (a non-positive or non-finite one is taken as 1)
     * @param decades the decades spanned, 1 or more
     */
    public static ColorScale logarithmic(double limit, int decades) {
        if (decades < 1) {
            throw new IllegalArgumentException("a logarithmic scale spans at least one decade, got " + decades);
        }
        return new ColorScale(limit, decades);
    }

    /** This scale's limit on a logarithmic scale of {@link #DECADES} decades (itself if it is one). */
    public ColorScale logarithmic() {
        return decades > 0 ? this : logarithmic(limit, DECADES);
    }

    /** Whether the magnitude is mapped by its logarithm. */
    public boolean isLogarithmic() {
        return decades > 0;
    }

    /** The decades a logarithmic scale spans (0 for a linear one). */
    public int decades() {
        return decades;
    }

    /**
     * Where a value sits on the scale, −1..1 (−1 and 1 saturated, 0 white): v/limit, or on a
     * logarithmic scale sign(v)·(1 + log10(|v|/limit)/decades), clamped.
     */
    public double position(double v) {
        if (decades == 0) {
            return Math.max(-1, Math.min(1, v / limit));
        }
        double m = Math.abs(v);
        if (m == 0) {
            return 0;
        }
        double s = Math.max(0, Math.min(1, 1 + Math.log10(m / limit) / decades));
        return v < 0 ? -s : s;
    }

    /** The value at a position −1..1 of the scale (the inverse of {@link #position}; 0 gives 0). */
    public double valueAt(double position) {
        double p = Math.max(-1, Math.min(1, position));
        if (decades == 0) {
            return p * limit;
        }
        if (p == 0) {
            return 0;
        }
        double m = limit * Math.pow(10, (Math.abs(p) - 1) * decades);
        return p < 0 ? -m : m;
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
        double s = position(v);
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
