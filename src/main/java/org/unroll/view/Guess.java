package org.unroll.view;

import java.util.ArrayList;
import java.util.List;

/**
 * The room's guess at a hidden result (predict, then reveal): numbers typed as the inspector writes
 * them, a vector's entries separated by spaces or commas (a matrix's rows by semicolons or new
 * lines), marked right when every entry is within {@value #RELATIVE} of the engine's value
 * relatively, or within {@value #ABSOLUTE} (half the last of the four decimals the inspector shows).
 */
public final class Guess {

    /** Relative tolerance of a right guess. */
    public static final double RELATIVE = 1e-2;
    /** Absolute tolerance of a right guess: half the last decimal shown. */
    public static final double ABSOLUTE = 0.5e-4;

    /**
     * What a guess is: right, wrong, or not a guess at all ({@code problem}: the message key of
     * what is wrong with it, {@code args} its arguments).
     */
    public record Verdict(boolean right, String problem, Object... args) {
    }

    private Guess() {
    }

    /**
     * Parses a guess into its numbers, row by row.
     *
     * @param text the text typed
     * @return the numbers (a row per line or semicolon)
     * @throws IllegalArgumentException naming the part that is not a number
     */
    public static double[][] parse(String text) {
        List<double[]> rows = new ArrayList<>();
        for (String line : text.trim().split("[;\\n]")) {
            String l = line.trim().replace('−', '-');
            if (l.isEmpty()) {
                continue;
            }
            String[] parts = l.split("[\\s,]+");
            double[] r = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    r[i] = Double.parseDouble(parts[i]);
                } catch (NumberFormatException e) {
                    throw new NotANumber(parts[i]);
                }
            }
            rows.add(r);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("nothing typed");
        }
        return rows.toArray(new double[0][]);
    }

    /**
     * Marks a guess against the engine's result (a vector as n×1, a matrix, a number as 1×1): a
     * vector may be typed on one line.
     *
     * @param text the text typed
     * @param result the engine's result (not modified)
     */
    public static Verdict check(String text, double[][] result) {
        double[][] g;
        try {
            g = parse(text);
        } catch (NotANumber e) {
            return new Verdict(false, "inspector.guess.notNumber", e.part);
        } catch (IllegalArgumentException e) {
            return new Verdict(false, "inspector.guess.empty");
        }
        double[] want = flat(result);
        double[] got = flat(g);
        if (want.length != got.length) {
            return new Verdict(false, "inspector.guess.count", got.length, want.length);
        }
        for (int i = 0; i < want.length; i++) {
            double tol = Math.max(ABSOLUTE, RELATIVE * Math.abs(want[i]));
            if (!(Math.abs(got[i] - want[i]) <= tol)) {
                return new Verdict(false, null);
            }
        }
        return new Verdict(true, null);
    }

    /** A part of a guess that is not a number. */
    static final class NotANumber extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        final String part;

        NotANumber(String part) {
            super("\"" + part + "\" is not a number");
            this.part = part;
        }
    }

    private static double[] flat(double[][] m) {
        int n = 0;
        for (double[] r : m) {
            n += r.length;
        }
        double[] f = new double[n];
        int k = 0;
        for (double[] r : m) {
            for (double x : r) {
                f[k++] = x;
            }
        }
        return f;
    }
}
