package org.unroll.engine;

import java.util.Locale;

/**
 * Numbers for people: losses and norms in progress lines, status bars and messages, at a width
 * that stays readable however large or small the value (never the 300 digits of {@code %f} on
 * 1e300).
 */
public final class Readable {

    private Readable() {
    }

    /**
     * A number in at most about ten characters: six significant digits between 1e-4 and 1e6, trailing
     * zeros dropped ({@code 0.0123457}, {@code 12345.7}, {@code 0.15}), otherwise scientific with three
     * ({@code 1.20e+305}, {@code 3.00e-07}); {@code 0}, {@code NaN}, {@code inf}, {@code -inf}.
     *
     * @param x any double
     * @return the text (Locale.ROOT digits); nothing is modified
     */
    public static String number(double x) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == 0) {
            return "0";
        }
        double a = Math.abs(x);
        if (a >= 1e-4 && a < 1e6) {
            String s = String.format(Locale.ROOT, "%.6g", x);
            if (s.contains("e")) {
                return String.format(Locale.ROOT, "%.2e", x);
            }
            return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        }
        return String.format(Locale.ROOT, "%.2e", x);
    }
}
