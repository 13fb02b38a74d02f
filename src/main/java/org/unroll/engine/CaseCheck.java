package org.unroll.engine;

import java.util.Map;

/**
 * Compares what the engine computes for a case with the case's expected block, under the case
 * format's rule {@code |actual - expected| ≤ 1e-8 + 1e-6·|expected|}.
 */
public final class CaseCheck {

    /** Absolute part of the tolerance. */
    public static final double ABS_TOL = 1e-8;
    /** Relative part of the tolerance. */
    public static final double REL_TOL = 1e-6;

    /**
     * The outcome of a comparison.
     *
     * @param agrees whether every expected number agrees
     * @param compared how many numbers were compared
     * @param worstKey the key (such as {@code deltas.dh[3][1]}) with the largest error relative to its tolerance, or null
     * @param worstActual the engine's value there
     * @param worstExpected the expected value there
     * @param worstRatio error divided by tolerance (≤ 1 agrees)
     * @param problem a structural problem (a key the engine does not compute, a wrong shape), or null
     */
    public record Result(boolean agrees, long compared, String worstKey, double worstActual, double worstExpected,
                         double worstRatio, String problem) {

        /** One line: "OK (n numbers, worst …)" or the worst key and its error. */
        public String summary() {
            if (problem != null) {
                return "DIFFERS: " + problem;
            }
            if (worstKey == null) {
                return agrees ? "OK (nothing to compare)" : "DIFFERS";
            }
            String at = String.format("%s: actual %.17g, expected %.17g, error %.3g (%.3g of tolerance)",
                    worstKey, worstActual, worstExpected, Math.abs(worstActual - worstExpected), worstRatio);
            return agrees ? "OK (" + compared + " numbers; worst " + at + ")" : "DIFFERS at " + at;
        }
    }

    private CaseCheck() {
    }

    /** Whether two numbers agree under the case format's rule. */
    public static boolean agrees(double actual, double expected) {
        return Math.abs(actual - expected) <= ABS_TOL + REL_TOL * Math.abs(expected);
    }

    /**
     * Compares a trace of the case with its expected block. Neither is modified.
     *
     * @param expected the expected block (may be null: nothing to compare)
     * @param tr the engine's trace of the same case
     */
    public static Result compare(Case.Expected expected, Trace tr) {
        Acc acc = new Acc();
        if (expected == null) {
            return acc.result();
        }
        if (expected.loss() != null) {
            acc.add("loss", tr.loss(), expected.loss());
        }
        if (expected.forward() != null) {
            for (Map.Entry<String, double[][]> e : expected.forward().entrySet()) {
                if (!tr.forwardKeys().contains(e.getKey())) {
                    return acc.problem("forward." + e.getKey() + " is not a forward quantity of this "
                            + (tr.truncate() != null ? "truncated " : "") + tr.config().cell().key());
                }
                if (!acc.matrix("forward." + e.getKey(), tr.forward(Quantity.fromKey(e.getKey())), e.getValue())) {
                    return acc.result();
                }
            }
        }
        if (expected.deltas() != null) {
            for (Map.Entry<String, double[][]> e : expected.deltas().entrySet()) {
                String k = e.getKey();
                double[][] actual;
                if (k.equals("dh0") || k.equals("dc0")) {
                    double[] v = tr.initialDelta(Quantity.fromKey(k));
                    actual = v == null ? null : new double[][] {v};
                } else {
                    actual = tr.deltaKeys().contains(k) && tr.hasFullDeltas() ? tr.delta(Quantity.fromKey(k)) : null;
                }
                if (actual == null) {
                    return acc.problem("deltas." + k + " is not computed for this case"
                            + (tr.truncate() != null ? " (truncated BPTT has loss and grads only)" : ""));
                }
                if (!acc.matrix("deltas." + k, actual, e.getValue())) {
                    return acc.result();
                }
            }
        }
        if (expected.grads() != null) {
            ParamLayout lay = ParamLayout.of(tr.config());
            for (Map.Entry<String, double[][]> e : expected.grads().entrySet()) {
                ParamSpec p = lay.param(e.getKey());
                if (p == null) {
                    return acc.problem("grads." + e.getKey() + " is not a parameter of this model");
                }
                double[][] a = tr.grad(e.getKey());
                if (p.vector()) {
                    a = new double[][] {flatten(a)};
                }
                if (!acc.matrix("grads." + e.getKey(), a, e.getValue())) {
                    return acc.result();
                }
            }
        }
        return acc.result();
    }

    private static double[] flatten(double[][] col) {
        double[] v = new double[col.length];
        for (int i = 0; i < col.length; i++) {
            v[i] = col[i][0];
        }
        return v;
    }

    private static final class Acc {
        long n;
        boolean ok = true;
        String worstKey;
        double worstA;
        double worstE;
        double worstRatio = -1;
        String problem;

        void add(String key, double a, double e) {
            n++;
            double ratio = Math.abs(a - e) / (ABS_TOL + REL_TOL * Math.abs(e));
            if (!(ratio <= 1.0)) {
                ok = false;
            }
            if (!(ratio <= worstRatio) || Double.isNaN(ratio)) {
                worstRatio = Double.isNaN(ratio) ? Double.POSITIVE_INFINITY : ratio;
                worstKey = key;
                worstA = a;
                worstE = e;
            }
        }

        boolean matrix(String key, double[][] a, double[][] e) {
            if (a.length != e.length) {
                problem(key + ": expected block has " + e.length + " rows, the engine computes " + a.length);
                return false;
            }
            for (int r = 0; r < a.length; r++) {
                if (a[r].length != e[r].length) {
                    problem(key + "[" + r + "]: expected block has " + e[r].length + " entries, the engine computes " + a[r].length);
                    return false;
                }
                for (int j = 0; j < a[r].length; j++) {
                    add(key + (a.length > 1 || key.startsWith("forward") || key.startsWith("deltas.d") && !key.endsWith("0")
                            ? "[" + r + "]" : "") + "[" + j + "]", a[r][j], e[r][j]);
                }
            }
            return true;
        }

        Result problem(String p) {
            ok = false;
            problem = p;
            return result();
        }

        Result result() {
            return new Result(ok && problem == null, n, worstKey, worstA, worstE, worstRatio, problem);
        }
    }
}
