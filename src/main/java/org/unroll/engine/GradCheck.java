package org.unroll.engine;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Checks BPTT's analytic gradient against central differences (E(θ+ε) − E(θ−ε)) / 2ε, parameter by
 * parameter. Works for full and truncated BPTT alike only where they agree (full BPTT, or k ≥ T):
 * truncated BPTT's gradient is, by design, not the derivative of E.
 */
public final class GradCheck {

    /**
     * The comparison for one parameter.
     *
     * @param name the case-file name of the parameter
     * @param maxAbsError largest |analytic − numeric| over its entries
     * @param maxRelError largest |analytic − numeric| / max(|analytic|, |numeric|, 1e-8)
     * @param worstIndex the flat (row-major, case layout) index of the largest relative error
     */
    public record Entry(String name, double maxAbsError, double maxRelError, int worstIndex) {
    }

    private GradCheck() {
    }

    /**
     * Compares every parameter's analytic gradient with central differences.
     *
     * @param c the case (not modified; its truncate setting is ignored: full BPTT is checked)
     * @param eps the step ε (1e-6 is a good choice in double precision)
     * @return one entry per parameter, in case order
     */
    public static List<Entry> check(Case c, double eps) {
        Weights w = c.weights().copy();
        Bptt b = new Bptt(c.config(), c.loss());
        Batch batch = Batch.of(c.sequence());
        Weights g = new Weights(w.layout());
        b.forward(w, batch);
        b.backward(w, null, g);
        List<Entry> out = new ArrayList<>();
        for (ParamSpec p : w.layout().params()) {
            DMatrixRMaj blk = w.block(p.block());
            DMatrixRMaj gb = g.block(p.block());
            double maxAbs = 0;
            double maxRel = 0;
            int worst = -1;
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
                    maxAbs = Math.max(maxAbs, abs);
                    if (rel > maxRel || worst < 0) {
                        maxRel = Math.max(rel, maxRel);
                        worst = r * p.cols() + col;
                    }
                }
            }
            out.add(new Entry(p.name(), maxAbs, maxRel, worst));
        }
        return out;
    }
}
