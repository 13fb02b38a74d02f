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

    /**
     * How much of a long vector or a large matrix is written: a vector longer than
     * {@code vector} keeps its first {@code head} and last {@code tail} entries around an
     * ellipsis; a matrix with more rows (columns) than {@code matrix} keeps its first
     * {@code matrix - 1} and its last, around dots. {@link #NORMAL} is what the equations have
     * always shown; {@link #TIGHT} and {@link #TIGHTEST} are for a narrow inspector, which
     * elides more rather than scroll.
     *
     * @param vector the longest vector written in full
     * @param head the entries kept before the ellipsis
     * @param tail the entries kept after it
     * @param matrix the most rows or columns written in full
     */
    public record Elision(int vector, int head, int tail, int matrix) {

        /** Vectors up to 6 in full (else 4 … 1), matrices up to 4 × 4 (else 3 ⋯ 1). */
        public static final Elision NORMAL = new Elision(MAX_VECTOR, MAX_VECTOR - 2, 1, MAX_MATRIX);
        /** Vectors up to 5 in full (else 3 … 2), matrices up to 3 × 3 (else 2 ⋯ 1). */
        public static final Elision TIGHT = new Elision(5, 3, 2, 3);
        /** Vectors up to 3 in full (else 1 … 1), matrices up to 2 × 2 (else 1 ⋯ 1). */
        public static final Elision TIGHTEST = new Elision(3, 1, 1, 2);

        public Elision {
            if (head < 1 || tail < 1 || head + tail > vector || matrix < 2) {
                throw new IllegalArgumentException("elision " + vector + " " + head + " " + tail + " " + matrix);
            }
        }
    }

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
        return vector(v, row, Elision.NORMAL);
    }

    /**
     * {@link #vector(double[], boolean)} shortened as an elision says.
     *
     * @param v the entries (not modified)
     * @param row whether to write it as a row (a transposed column)
     * @param el how much of a long vector is written
     */
    public static String vector(double[] v, boolean row, Elision el) {
        if (v.length == 1) {
            String x = number(v[0]);
            return x.startsWith("-") ? "\\left(" + x + "\\right)" : x;
        }
        StringBuilder sb = new StringBuilder("\\left(");
        int n = v.length;
        boolean cut = n > el.vector();
        for (int i = 0; i < n; i++) {
            if (cut && i == el.head()) {
                sb.append(", \\ldots");
                i = n - el.tail() - 1;
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
        return matrix(m, Elision.NORMAL);
    }

    /**
     * {@link #matrix(double[][])} shortened as an elision says.
     *
     * @param m the rows (not modified)
     * @param el how much of a large matrix (or long vector) is written
     */
    public static String matrix(double[][] m, Elision el) {
        if (m.length > 0 && m[0].length == 1) {
            double[] v = new double[m.length];
            for (int i = 0; i < m.length; i++) {
                v[i] = m[i][0];
            }
            return vector(v, false, el);
        }
        StringBuilder sb = new StringBuilder("\\begin{pmatrix}");
        int rows = m.length;
        int cols = rows == 0 ? 0 : m[0].length;
        int[] ri = keep(rows, el.matrix());
        int[] ci = keep(cols, el.matrix());
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
    private static int[] keep(int n, int max) {
        if (n <= max) {
            int[] r = new int[n];
            for (int i = 0; i < n; i++) {
                r[i] = i;
            }
            return r;
        }
        int[] r = new int[max + 1];
        for (int i = 0; i < max - 1; i++) {
            r[i] = i;
        }
        r[max - 1] = -1;
        r[max] = n - 1;
        return r;
    }

    /**
     * A symbolic equation's LaTeX as plain text, for labels drawn on the graph: {@code W^\top
     * e_h(t+1)} → {@code Wᵀ e_h(t+1)}, {@code \sigma'\left(p_{i}(t)\right)} → {@code σ′(p_i(t))},
     * {@code \frac{\partial E}{\partial h(t+1)}} → {@code ∂E/∂h(t+1)}, {@code \odot} → ⊙. Only the
     * constructs the equations' symbols use.
     *
     * @param latex the LaTeX of a symbolic expression
     */
    public static String plain(String latex) {
        String s = latex;
        s = s.replaceAll("\\\\frac\\{\\\\partial E\\}\\{\\\\partial ((?:[^{}]|\\{[^{}]*\\})*)\\}", "∂E/∂$1");
        s = s.replace("\\left(", "(").replace("\\right)", ")").replace("\\left", "").replace("\\right", "");
        s = s.replace("^\\top", "ᵀ").replace("\\odot", "⊙").replace("\\sigma", "σ").replace("'", "′");
        s = s.replace("\\_", "_").replace("\\quad", " ").replace("\\,", " ");
        s = s.replaceAll("\\\\tilde\\{(\\w)\\}", "$1\u0303");
        s = s.replaceAll("\\\\mathrm\\{([^{}]*)\\}", "$1");
        s = s.replaceAll("_\\{([^{}]*)\\}", "_$1");
        s = s.replaceAll("\\s+", " ").replace("( ", "(").replace(" )", ")");
        return s.trim();
    }
}
