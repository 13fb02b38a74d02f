package org.unroll.session;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.unroll.engine.Case;
import org.unroll.engine.CaseException;
import org.unroll.engine.CaseFile;
import org.unroll.engine.Limits;
import org.unroll.engine.ParamSpec;
import org.unroll.engine.Sequence;
import org.unroll.engine.Weights;

/**
 * One number of a case changed by hand: an element of a shared parameter, of an input x(t) or of a
 * target t(t), from {@code before} to {@code after}. Immutable; {@link #applyTo} makes the edited
 * case (a new one: the weights and the sequence are copied, the old case stays as it was) and
 * {@link #inverse} the edit that undoes it.
 *
 * @param what which kind of number
 * @param name the case-file parameter name ({@code Wh}, {@code Wx_f} …) for a parameter, else null
 * @param step the time step t (1..T) for an input or a target, else 0
 * @param row the row (a vector's index; an input's or target's element)
 * @param col the column (0 for a vector, an input or a target)
 * @param before the value the case had
 * @param after the value it gets
 */
public record CaseEdit(What what, String name, int step, int row, int col, double before, double after) {

    /** What kind of number is edited. */
    public enum What {
        /** An element of a shared parameter. */
        PARAMETER,
        /** An element of x(t). */
        INPUT,
        /** An element of the target t(t) (a step that has one). */
        TARGET
    }

    /** Why a typed text is not a number the case can take. */
    public enum Problem {
        /** Not a decimal number at all. */
        NOT_A_NUMBER,
        /** NaN or ±∞, or a number that overflows a double. */
        NOT_FINITE,
        /** Larger in magnitude than {@link Limits#MAX_EDITED_VALUE}. */
        TOO_LARGE
    }

    /** What {@link #parse} makes of a text: a value, or the problem with it. */
    public record Parsed(double value, Problem problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    private static final java.util.regex.Pattern DECIMAL =
            java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /**
     * A number as typed: a decimal like {@code 0.7}, {@code -1.5e-3} or {@code −2} (the typographic
     * minus the app writes is taken as a minus), surrounded by spaces or not. {@code NaN},
     * {@code Infinity}, hexadecimal and Java's {@code 1d} suffixes are not numbers here.
     */
    public static Parsed parse(String text) {
        String s = text == null ? "" : text.strip().replace('\u2212', '-').replace('\uFF0D', '-');
        if (s.equalsIgnoreCase("nan") || s.matches("[+-]?(?i)(inf|infinity|∞)")) {
            return new Parsed(Double.NaN, Problem.NOT_FINITE);
        }
        if (!DECIMAL.matcher(s).matches()) {
            return new Parsed(Double.NaN, Problem.NOT_A_NUMBER);
        }
        double v = Double.parseDouble(s);
        if (!Double.isFinite(v)) {
            return new Parsed(v, Problem.NOT_FINITE);
        }
        if (Math.abs(v) > Limits.MAX_EDITED_VALUE) {
            return new Parsed(v, Problem.TOO_LARGE);
        }
        return new Parsed(v, null);
    }

    /** An edit of parameter {@code name}'s element (row, col) to {@code after}, the case's value as {@code before}. */
    public static CaseEdit parameter(Case c, String name, int row, int col, double after) {
        return new CaseEdit(What.PARAMETER, name, 0, row, col, valueIn(c, What.PARAMETER, name, 0, row, col), after);
    }

    /** An edit of x(step)'s element {@code j}. */
    public static CaseEdit input(Case c, int step, int j, double after) {
        return new CaseEdit(What.INPUT, null, step, j, 0, valueIn(c, What.INPUT, null, step, j, 0), after);
    }

    /** An edit of the target t(step)'s element {@code j} (the step must have a target). */
    public static CaseEdit target(Case c, int step, int j, double after) {
        return new CaseEdit(What.TARGET, null, step, j, 0, valueIn(c, What.TARGET, null, step, j, 0), after);
    }

    /**
     * The value a case holds at an address.
     *
     * @throws IllegalArgumentException if the case has no such number
     */
    public static double valueIn(Case c, What what, String name, int step, int row, int col) {
        switch (what) {
            case PARAMETER -> {
                ParamSpec p = c.weights().layout().param(name);
                if (p == null || row < 0 || row >= p.rows() || col < 0 || col >= p.cols()) {
                    throw new IllegalArgumentException("no element " + name + "[" + row + "," + col + "]");
                }
                return c.weights().get(name)[row][col];
            }
            case INPUT -> {
                double[][] x = c.sequence().inputs();
                check(step, row, x.length, step < 1 || step > x.length ? 0 : x[step - 1].length, "x");
                return x[step - 1][row];
            }
            case TARGET -> {
                double[][] t = c.sequence().targets();
                if (step < 1 || step > t.length || t[step - 1] == null) {
                    throw new IllegalArgumentException("step " + step + " has no target");
                }
                check(step, row, t.length, t[step - 1].length, "t");
                return t[step - 1][row];
            }
            default -> throw new IllegalStateException();
        }
    }

    private static void check(int step, int row, int steps, int len, String what) {
        if (step < 1 || step > steps || row < 0 || row >= len) {
            throw new IllegalArgumentException("no element " + what + "(" + step + ")[" + row + "]");
        }
    }

    /** The edit that undoes this one. */
    public CaseEdit inverse() {
        return new CaseEdit(what, name, step, row, col, after, before);
    }

    /**
     * The case with this number changed to {@code after}: a new case with copied weights and
     * sequence (the given case and its arrays are not modified); its expected block is dropped
     * (it described the numbers before the edit). Everything else (name, loss, truncation) as it was.
     */
    public Case applyTo(Case c) {
        Weights w = c.weights();
        Sequence s = c.sequence();
        switch (what) {
            case PARAMETER -> {
                w = w.copy();
                double[][] m = w.get(name);
                m[row][col] = after;
                w.set(name, m);
            }
            case INPUT -> {
                double[][] x = copy(s.inputs());
                x[step - 1][row] = after;
                s = new Sequence(x, s.targets(), s.h0(), s.c0());
            }
            case TARGET -> {
                double[][] t = copy(s.targets());
                t[step - 1][row] = after;
                s = new Sequence(s.inputs(), t, s.h0(), s.c0());
            }
            default -> throw new IllegalStateException();
        }
        return new Case(c.name(), c.description(), c.config(), w, s, c.loss(), c.truncate(), null);
    }

    /**
     * {@link #applyTo}, then checks the edited case by every rule of the case format, as a file of
     * it would be read back (a softmax target that no longer sums to 1, say).
     *
     * @throws CaseException naming the JSON path of the first problem, as for a file
     */
    public Case applyChecked(Case c) throws CaseException {
        Case edited = applyTo(c);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            CaseFile.write(edited, null, buf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CaseFile.parse(buf.toByteArray());
        return edited;
    }

    private static double[][] copy(double[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i] == null ? null : m[i].clone();
        }
        return out;
    }

    /**
     * Where the number is, the parameter called {@code parameterLabel} (in the notation shown):
     * {@code W[1,0]} (a matrix: row, column), {@code b[2]} (a vector), {@code x(3)[0]}, {@code t(5)[1]}.
     *
     * @param vector whether the parameter is a vector (written with one index)
     */
    public String label(String parameterLabel, boolean vector) {
        return switch (what) {
            case PARAMETER -> parameterLabel + (vector ? "[" + row + "]" : "[" + row + "," + col + "]");
            case INPUT -> "x(" + step + ")[" + row + "]";
            case TARGET -> "t(" + step + ")[" + row + "]";
        };
    }

    /** "W[1,0]: 0.5 → 0.7": what changed, and from what to what ({@link #shortNumber}). */
    public String describe(String parameterLabel, boolean vector) {
        return label(parameterLabel, vector) + ": " + shortNumber(before) + " → " + shortNumber(after);
    }

    /** A number as the history writes it: up to six significant decimals, no trailing zeros ({@code 0.5}, {@code -1.25e-07}). */
    public static String shortNumber(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        String s;
        if (a >= 1e-4 && a < 1e7) {
            s = new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
        } else {
            s = String.format(java.util.Locale.ROOT, "%.5e", v).replaceAll("\\.?0+e", "e");
        }
        return s;
    }
}
