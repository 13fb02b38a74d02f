package org.unroll.schedule;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * How numbers appear in {@link Event#substituted()}: rounded to 4 significant digits, column
 * vectors as {@code (a, b, c)^\top}, matrices as {@code pmatrix}; long vectors and large matrices
 * shortened with {@code \ldots}, {@code \cdots}, {@code \vdots}. Pure functions, independent of
 * the default locale.
 */
public final class LatexFormat {

    /** Vectors longer than this are shortened. */
    public static final int MAX_VECTOR = 6;
    /** Matrices with more rows or columns than this are shortened. */
    public static final int MAX_MATRIX = 4;

    private static final MathContext FOUR = new MathContext(4, RoundingMode.HALF_EVEN);
    private static final MathContext UP4 = new MathContext(4, RoundingMode.HALF_UP);
    private static final MathContext DOWN4 = new MathContext(4, RoundingMode.HALF_DOWN);

    private LatexFormat() {
    }

    /**
     * A number to 4 significant digits without trailing zeros: {@code 0.1235}, {@code -2},
     * {@code 1.5 \times 10^{-7}} (scientific below 10⁻⁴ and from 10⁶).
     *
     * @param x the number
     */
    public static String number(double x) {
        if (Double.isNaN(x)) {
            return "\\mathrm{NaN}";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "\\infty" : "-\\infty";
        }
        if (x == 0) {
            return "0";
        }
        BigDecimal d = round4(x);
        int exp = d.precision() - d.scale() - 1;
        if (exp >= -4 && exp < 6) {
            return d.toPlainString();
        }
        BigDecimal mant = d.movePointLeft(exp).stripTrailingZeros();
        return mant.toPlainString() + " \\times 10^{" + exp + "}";
    }

    /**
     * x to 4 significant digits, rounded half-even from its exact binary value. The shortest
     * decimal form (fast) gives the same digits unless it sits exactly halfway, when the exact
     * expansion decides.
     */
    private static BigDecimal round4(double x) {
        BigDecimal shortest = BigDecimal.valueOf(x);
        BigDecimal up = shortest.round(UP4);
        if (up.compareTo(shortest.round(DOWN4)) != 0) {
            return new BigDecimal(x).round(FOUR).stripTrailingZeros();
        }
        return up.stripTrailingZeros();
    }

    /**
     * A column vector as {@code (a, b, c)^\top}, or a row {@code (a, b, c)} when {@code row}; a
     * vector of one entry as the scalar it is ({@code 0.405}, a negative one in parentheses so that
     * it reads as a factor: {@code (-0.405)}), not {@code (0.405)^\top}.
     *
     * @param v the entries (not modified)
     * @param row whether to write it as a row (a transposed column)
     */
    public static String vector(double[] v, boolean row) {
        if (v.length == 1) {
            String x = number(v[0]);
            return x.startsWith("-") ? "\\left(" + x + "\\right)" : x;
        }
        StringBuilder sb = new StringBuilder("\\left(");
        int n = v.length;
        boolean cut = n > MAX_VECTOR;
        for (int i = 0; i < n; i++) {
            if (cut && i == MAX_VECTOR - 2) {
                sb.append(", \\ldots");
                i = n - 2;
                continue;
            }
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(number(v[i]));
        }
        sb.append("\\right)");
        if (!row) {
            sb.append("^\\top");
        }
        return sb.toString();
    }

    /** A column vector, {@code (a, b, c)^\top}. @param v the entries (not modified) */
    public static String vector(double[] v) {
        return vector(v, false);
    }

    /**
     * A matrix as {@code \begin{pmatrix} … \end{pmatrix}}; an n×1 matrix is written as a column
     * vector.
     *
     * @param m the rows (not modified)
     */
    public static String matrix(double[][] m) {
        if (m.length > 0 && m[0].length == 1) {
            double[] v = new double[m.length];
            for (int i = 0; i < m.length; i++) {
                v[i] = m[i][0];
            }
            return vector(v);
        }
        StringBuilder sb = new StringBuilder("\\begin{pmatrix}");
        int rows = m.length;
        int cols = rows == 0 ? 0 : m[0].length;
        int[] ri = keep(rows);
        int[] ci = keep(cols);
        for (int a = 0; a < ri.length; a++) {
            if (a > 0) {
                sb.append(" \\\\ ");
            }
            for (int b = 0; b < ci.length; b++) {
                if (b > 0) {
                    sb.append(" & ");
                }
                if (ri[a] < 0) {
                    sb.append(ci[b] < 0 ? "\\ddots" : "\\vdots");
                } else {
                    sb.append(ci[b] < 0 ? "\\cdots" : number(m[ri[a]][ci[b]]));
                }
            }
        }
        return sb.append("\\end{pmatrix}").toString();
    }

    /** Indices shown of 0..n-1; -1 marks the elision. */
    private static int[] keep(int n) {
        if (n <= MAX_MATRIX) {
            int[] r = new int[n];
            for (int i = 0; i < n; i++) {
                r[i] = i;
            }
            return r;
        }
        int[] r = new int[MAX_MATRIX + 1];
        for (int i = 0; i < MAX_MATRIX - 1; i++) {
            r[i] = i;
        }
        r[MAX_MATRIX - 1] = -1;
        r[MAX_MATRIX] = n - 1;
        return r;
    }
}
