package org.unroll.ui.inspector;

import java.util.ArrayList;
import java.util.List;
import org.unroll.graph.Node;
import org.unroll.graph.NodeKind;
import org.unroll.graph.Notation;
import org.unroll.schedule.LatexFormat;
import org.unroll.view.Session;

/**
 * The row and column labels of a shared weight's per-step term, and the term written as a
 * labelled matrix for the gradient table: rows the units of the error it multiplies (the gate's
 * block, {@code i1 i2 …} of an LSTM's input gate, {@code h1 …} of the simple RNN's e_h), columns
 * the units of what it multiplies ({@code x1 …}, {@code h1 …} of h(t−1)); a large matrix shortened
 * in the middle as the equations shorten it ({@link LatexFormat.Elision#NORMAL}). Formatting only.
 */
record TermLabels(List<String> rows, List<String> columns) {

    /**
     * The labels of a parameter's terms, from the nodes its first term reads.
     *
     * @param s the session
     * @param p the parameter
     * @param factors the nodes step 1's term reads (error first, then the input), or null
     * @param notation the labels' notation
     */
    static TermLabels of(Session s, Node p, List<Node> factors, Notation notation) {
        double[][] m = s.values().matrix(p);
        int rows = m.length;
        int cols = rows == 0 ? 0 : m[0].length;
        Node err = factors == null || factors.isEmpty() ? null : factors.get(0);
        Node in = factors == null || factors.size() < 2 ? null : factors.get(1);
        String rp = err == null ? "" : block(s, err, notation);
        String cp = in == null ? "" : symbol(s, in, notation);
        List<String> r = new ArrayList<>();
        for (int i = 1; i <= rows; i++) {
            r.add(rp + i);
        }
        List<String> c = new ArrayList<>();
        for (int j = 1; j <= cols; j++) {
            c.add(cols == 1 && in == null ? "" : cp + j);
        }
        return new TermLabels(List.copyOf(r), List.copyOf(c));
    }

    /** The block an error's rows belong to: a gate's letter, h for the RNN's e_h, y for the output. */
    private static String block(Session s, Node err, Notation n) {
        if (err.kind() == NodeKind.OUTPUT_PRE) {
            return "y";
        }
        if (err.key().startsWith("pre_")) {
            return n.gateLetter(s.graph().config(), err.key().substring(4));
        }
        return "h";
    }

    private static String symbol(Session s, Node in, Notation n) {
        return n.symbol(s.graph().config(), in.kind(), in.key());
    }

    /** A matrix with its labels, columns aligned; the middle rows and columns elided when large. */
    String format(double[][] m) {
        int maxAll = LatexFormat.Elision.NORMAL.matrix();
        List<Integer> ri = kept(m.length, maxAll);
        List<Integer> ci = kept(m.length == 0 ? 0 : m[0].length, maxAll);
        int w = 6;
        for (int j : ci) {
            if (j >= 0) {
                for (int i : ri) {
                    if (i >= 0) {
                        w = Math.max(w, compact(m[i][j]).length());
                    }
                }
            }
        }
        int lw = 1;
        for (String l : rows) {
            lw = Math.max(lw, l.length());
        }
        StringBuilder sb = new StringBuilder();
        sb.append(pad("", lw));
        for (int j : ci) {
            sb.append("  ").append(pad(j < 0 ? "⋯" : columns.get(j), w));
        }
        for (int i : ri) {
            sb.append('\n').append(pad(i < 0 ? "⋮" : rows.get(i), lw));
            for (int j : ci) {
                String x = i < 0 || j < 0 ? (i < 0 && j < 0 ? "⋱" : i < 0 ? "⋮" : "⋯") : compact(m[i][j]);
                sb.append("  ").append(pad(x, w));
            }
        }
        return sb.toString();
    }

    /** A number in three significant digits: the table's matrices are compact (all values… has them all). */
    static String compact(double x) {
        if (x == 0) {
            return "0";
        }
        double a = Math.abs(x);
        return a >= 1e-3 && a < 1e4 ? String.format(java.util.Locale.ROOT, "%.3g", x)
                : String.format(java.util.Locale.ROOT, "%.2e", x);
    }

    /** The indices written (−1: the elision), the first max − 1 and the last when longer than max. */
    private static List<Integer> kept(int n, int max) {
        List<Integer> l = new ArrayList<>();
        if (n <= max) {
            for (int i = 0; i < n; i++) {
                l.add(i);
            }
            return l;
        }
        for (int i = 0; i < max - 1; i++) {
            l.add(i);
        }
        l.add(-1);
        l.add(n - 1);
        return l;
    }

    private static String pad(String s, int w) {
        StringBuilder sb = new StringBuilder();
        for (int i = s.length(); i < w; i++) {
            sb.append(' ');
        }
        return sb.append(s).toString();
    }
}
