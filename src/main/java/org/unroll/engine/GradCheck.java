package org.unroll.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.ejml.data.DMatrixRMaj;

/**
 * Checks BPTT's analytic gradient against central differences (E(θ+ε) − E(θ−ε)) / 2ε, parameter by
 * parameter. Works for full and truncated BPTT alike only where they agree (full BPTT, or k ≥ T):
 * truncated BPTT's gradient is, by design, not the derivative of E.
 *
 * <p>One computation for the command line's {@code gradcheck} and the app's gradient-check panel:
 * both read the same entries, elements and verdicts ({@link #ABS_TOLERANCE}, {@link #REL_TOLERANCE}).
 */
public final class GradCheck {

    /** The central-difference step both the command line and the app use unless told otherwise. */
    public static final double DEFAULT_EPS = 1e-6;
    /** An element (a parameter) passes when its (largest) absolute error is at most this ... */
    public static final double ABS_TOLERANCE = 1e-6;
    /** ... or its (largest) relative error at most this. */
    public static final double REL_TOLERANCE = 1e-5;

    /**
     * One entry of one parameter.
     *
     * @param row the row in the case's layout (a vector's index)
     * @param col the column (0 for a vector)
     * @param analytic BPTT's ∂E/∂θ
     * @param numeric the central difference
     * @param absError |analytic − numeric| (+∞ when either is not finite)
     * @param relError |analytic − numeric| / max(|analytic|, |numeric|, 1e-8) (+∞ likewise)
     */
    public record Element(int row, int col, double analytic, double numeric, double absError, double relError) {

        /** The verdict: within {@link #ABS_TOLERANCE} or {@link #REL_TOLERANCE}. */
        public boolean passes() {
            return GradCheck.passes(absError, relError);
        }
    }

    /**
     * The comparison for one parameter.
     *
     * @param name the case-file name of the parameter
     * @param maxAbsError largest |analytic − numeric| over its entries
     * @param maxRelError largest |analytic − numeric| / max(|analytic|, |numeric|, 1e-8)
     * @param worstIndex the flat (row-major, case layout) index of the largest relative error
     * @param elements every entry, row-major in the case's layout
     */
    public record Entry(String name, double maxAbsError, double maxRelError, int worstIndex, List<Element> elements) {

        public Entry {
            elements = List.copyOf(elements);
        }

        /** The verdict: the largest absolute error within {@link #ABS_TOLERANCE} or the largest relative within {@link #REL_TOLERANCE}. */
        public boolean passes() {
            return GradCheck.passes(maxAbsError, maxRelError);
        }
    }

    /** Told after each parameter entry; answers whether to go on (false: the check stops). */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param done entries compared so far
         * @param total entries to compare
         * @return false to stop: {@link #check(Case, double, Progress)} then throws {@link CancellationException}
         */
        boolean advance(long done, long total);

        /** Never stops, tells nobody. */
        Progress NONE = (d, t) -> true;
    }

    private GradCheck() {
    }

    /** The verdict on one error: within {@link #ABS_TOLERANCE} or {@link #REL_TOLERANCE} (NaN fails). */
    public static boolean passes(double absError, double relError) {
        return absError <= ABS_TOLERANCE || relError <= REL_TOLERANCE;
    }

    /** How many entries a check compares (two forward passes each): the case's scalar parameters. */
    public static long size(Case c) {
        return c.weights().layout().scalarCount();
    }

    /**
     * About how many multiply-adds a check of the case takes: two forward passes per scalar
     * parameter, each T·(G·H·(I + H) + O·H), G the cell's gate count. It grows as H⁴·T: a case of
     * H = 2048 would take days, so the command line refuses what passes
     * {@link Limits#MAX_GRADCHECK_WORK} before it starts (ADR 0031).
     */
    public static double work(Case c) {
        ModelConfig cfg = c.config();
        double h = cfg.hiddenSize();
        double perStep = cfg.cell().gateCount() * h * (cfg.inputSize() + h) + cfg.outputSize() * h;
        return 2.0 * size(c) * c.sequence().length() * perStep;
    }

    /**
     * Compares every parameter's analytic gradient with central differences.
     *
     * @param c the case (not modified; its truncate setting is ignored: full BPTT is checked)
     * @param eps the step ε (1e-6 is a good choice in double precision)
     * @return one entry per parameter, in case order
     */
    public static List<Entry> check(Case c, double eps) {
        return check(c, eps, Progress.NONE);
    }

    /**
     * {@link #check(Case, double)}, telling {@code progress} after each entry.
     *
     * @throws CancellationException when {@code progress} says stop
     */
    public static List<Entry> check(Case c, double eps, Progress progress) {
        return compare(c, eps, analytic(c), progress);
    }

    /** Full BPTT's gradient of the case (a fresh {@link Weights} holding ∂E/∂θ). */
    public static Weights analytic(Case c) {
        Bptt b = new Bptt(c.config(), c.loss());
        Weights g = new Weights(c.weights().layout());
        b.forward(c.weights(), Batch.of(c.sequence()));
        b.backward(c.weights(), null, g);
        return g;
    }

    /**
     * Compares a given gradient with central differences: {@link #check} with BPTT's own; a test
     * gives a deliberately wrong one to see the verdict fail.
     *
     * @param analytic the gradient to judge, in the case's layout (not modified)
     * @throws CancellationException when {@code progress} says stop
     */
    public static List<Entry> compare(Case c, double eps, Weights analytic, Progress progress) {
        Weights w = c.weights().copy();
        Bptt b = new Bptt(c.config(), c.loss());
        Batch batch = Batch.of(c.sequence());
        long total = size(c);
        long done = 0;
        List<Entry> out = new ArrayList<>();
        for (ParamSpec p : w.layout().params()) {
            DMatrixRMaj blk = w.block(p.block());
            DMatrixRMaj gb = analytic.block(p.block());
            double maxAbs = 0;
            double maxRel = 0;
            int worst = -1;
            List<Element> elements = new ArrayList<>(p.size());
            for (int r = 0; r < p.rows(); r++) {
                for (int col = 0; col < p.cols(); col++) {
                    int bi = col * blk.numCols + p.colOffset() + r;
                    double old = blk.data[bi];
                    blk.data[bi] = old + eps;
                    double ep = b.forward(w, batch);
                    blk.data[bi] = old - eps;
                    double em = b.forward(w, batch);
                    blk.data[bi] = old;
                    double num = (ep - em) / (2 * eps);
                    double ana = gb.data[bi];
                    double abs = Math.abs(ana - num);
                    double rel = abs / Math.max(Math.max(Math.abs(ana), Math.abs(num)), 1e-8);
                    if (!Double.isFinite(abs)) {
                        // an overflow anywhere is a failure, never a pass (NaN compares false)
                        abs = Double.POSITIVE_INFINITY;
                        rel = Double.POSITIVE_INFINITY;
                    }
                    elements.add(new Element(r, col, ana, num, abs, rel));
                    maxAbs = Math.max(maxAbs, abs);
                    if (rel > maxRel || worst < 0) {
                        maxRel = Math.max(rel, maxRel);
                        worst = r * p.cols() + col;
                    }
                    if (!progress.advance(++done, total)) {
                        throw new CancellationException("gradient check stopped");
                    }
                }
            }
            out.add(new Entry(p.name(), maxAbs, maxRel, worst, elements));
        }
        return out;
    }
}
