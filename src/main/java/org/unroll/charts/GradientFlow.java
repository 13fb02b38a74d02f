package org.unroll.charts;

import org.unroll.engine.Quantity;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.unroll.engine.CellType;
import org.unroll.engine.Trace;

/**
 * How the error signal travels back through time: the norms of ∂E/∂h(t), the LSTM's product of
 * forget gates along the cell state, and a parameter's per-step gradient terms. Meant for a log
 * axis; values of exactly 0 (which a log axis cannot show) are kept as they are.
 */
public final class GradientFlow {

    private GradientFlow() {
    }

    /**
     * ‖∂E/∂h(t)‖₂ for t = 1 … T (from {@code trace.delta(Quantity.DH, t)}), as the series "‖∂E/∂h(t)‖".
     *
     * @param trace a trace with the deltas of full BPTT (not modified)
     * @return a new series
     * @throws IllegalArgumentException if the trace has no full deltas
     */
    public static XYSeries hiddenNorms(Trace trace) {
        if (!trace.hasFullDeltas()) {
            throw new IllegalArgumentException("∂E/∂h(t) needs a trace of full BPTT");
        }
        XYSeries s = new XYSeries("‖∂E/∂h(t)‖", false, false);
        for (int t = 1; t <= trace.length(); t++) {
            s.add(t, norm(trace.delta(Quantity.DH, t)));
        }
        return s;
    }

    /**
     * LSTM: for each chosen unit j, the product of its forget gates along the cell state from the
     * last step back to t, P_j(t) = f_j(t+1) · f_j(t+2) · … · f_j(T), for t = T … 1 (P_j(T) = 1, the
     * empty product). It is the factor ∂c_j(T)/∂c_j(t) on the direct path through the cell state
     * (other paths, through h and the gates, not counted). Series keys are "∏f unit j".
     *
     * @param trace an LSTM trace (not modified)
     * @param units 0-based units (not modified)
     * @return a new collection, items in increasing t
     * @throws IllegalArgumentException if the trace is not an LSTM's or a unit does not exist
     */
    public static XYSeriesCollection forgetProduct(Trace trace, int... units) {
        double[][] p = products(trace);
        XYSeriesCollection c = new XYSeriesCollection();
        for (int u : units) {
            if (u < 0 || u >= trace.config().hiddenSize()) {
                throw new IllegalArgumentException("no unit " + u);
            }
            XYSeries s = new XYSeries("∏f unit " + u, false, false);
            for (int t = 1; t <= p.length; t++) {
                s.add(t, p[t - 1][u]);
            }
            c.addSeries(s);
        }
        return c;
    }

    /**
     * LSTM: the arithmetic mean over all units of the per-unit forget products P_j(t) of
     * {@link #forgetProduct(Trace, int...)}, for t = 1 … T, as the series "mean ∏f".
     *
     * @param trace an LSTM trace (not modified)
     * @return a new series
     * @throws IllegalArgumentException if the trace is not an LSTM's
     */
    public static XYSeries forgetProduct(Trace trace) {
        double[][] p = products(trace);
        XYSeries s = new XYSeries("mean ∏f", false, false);
        for (int t = 1; t <= p.length; t++) {
            double sum = 0;
            for (double v : p[t - 1]) {
                sum += v;
            }
            s.add(t, sum / p[t - 1].length);
        }
        return s;
    }

    /**
     * ‖gradientTerm(name, t)‖_F for t = 1 … T: how much each step adds to one parameter's gradient,
     * as the series "‖∂E/∂{@code name}(t)‖".
     *
     * @param trace a trace with a backward pass (not modified)
     * @param name a parameter name of the case format ({@code Wh}, {@code Wx_f}, {@code by} …)
     * @return a new series
     * @throws IllegalArgumentException if there is no such parameter
     * @throws IllegalStateException if the trace has no backward pass
     */
    public static XYSeries parameterTerms(Trace trace, String name) {
        XYSeries s = new XYSeries("‖∂E/∂" + name + "(t)‖", false, false);
        for (int t = 1; t <= trace.length(); t++) {
            double sum = 0;
            for (double[] row : trace.gradientTerm(name, t)) {
                for (double v : row) {
                    sum += v * v;
                }
            }
            s.add(t, Math.sqrt(sum));
        }
        return s;
    }

    /** P[t-1][j] = ∏_{k=t+1..T} f_j(k). */
    private static double[][] products(Trace trace) {
        if (trace.config().cell() != CellType.LSTM) {
            throw new IllegalArgumentException("forget gates need an LSTM, got " + trace.config().cell().key());
        }
        double[][] f = trace.forward(Quantity.F);
        int tn = f.length;
        int h = trace.config().hiddenSize();
        double[][] p = new double[tn][h];
        if (tn == 0) {
            return p;
        }
        java.util.Arrays.fill(p[tn - 1], 1.0);
        for (int t = tn - 1; t >= 1; t--) {
            for (int j = 0; j < h; j++) {
                p[t - 1][j] = p[t][j] * f[t][j];
            }
        }
        return p;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
