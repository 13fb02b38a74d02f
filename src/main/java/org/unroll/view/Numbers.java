package org.unroll.view;

import java.util.Locale;

/** How the app writes numbers: one format everywhere, so a test can compare with the trace. */
public final class Numbers {

    private Numbers() {
    }

    /**
     * Four decimals for ordinary magnitudes ({@code 0.1234}, {@code -12.5000}), scientific notation
     * with four significant digits for very small or very large ones ({@code 3.142e-05}); always a
     * plain ASCII minus and a point, whatever the language; {@code NaN}, {@code +∞} and {@code −∞} as such.
     */
    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) { // drawn plainly, as such (ADR 0028)
            return v > 0 ? "+\u221e" : "\u2212\u221e";
        }
        double a = Math.abs(v);
        if (a == 0) {
            return "0.0000";
        }
        if (a >= 1e-3 && a < 1e5) {
            return String.format(Locale.ROOT, "%.4f", v);
        }
        return String.format(Locale.ROOT, "%.3e", v);
    }

    /** A vector, one number per line. */
    public static String column(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                sb.append('\n');
            }
            sb.append(format(v[i]));
        }
        return sb.toString();
    }

    /** A matrix, rows on lines, entries separated by two spaces. */
    public static String matrix(double[][] m) {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < m.length; r++) {
            if (r > 0) {
                sb.append('\n');
            }
            for (int c = 0; c < m[r].length; c++) {
                if (c > 0) {
                    sb.append("  ");
                }
                sb.append(format(m[r][c]));
            }
        }
        return sb.toString();
    }

    /** Whether a displayed number agrees with an exact one to the precision it was written with. */
    public static boolean agrees(String shown, double exact) {
        double v = Double.parseDouble(shown);
        double a = Math.abs(exact);
        double half;
        if (a == 0 || (a >= 1e-3 && a < 1e5)) {
            half = 0.5e-4;
        } else {
            half = 0.5e-3 * Math.pow(10, Math.floor(Math.log10(a)));
        }
        return Math.abs(v - exact) <= half * 1.0001 + 1e-12;
    }
}
