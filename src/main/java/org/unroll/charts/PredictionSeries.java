package org.unroll.charts;

import org.unroll.engine.Quantity;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.unroll.engine.Trace;

/** The network's output against the target, and the free-running continuation of a series. */
public final class PredictionSeries {

    private PredictionSeries() {
    }

    /**
     * For each output k: a series "y" of y(t) for t = 1 … T, and a series "target" holding the
     * targets only at the steps that have one. With several outputs the keys are "y[k]" and
     * "target[k]" (k 0-based). Series order: y, target (per output).
     *
     * @param trace the trace (not modified)
     * @return a new collection
     */
    public static XYSeriesCollection of(Trace trace) {
        int out = trace.config().outputSize();
        int tn = trace.length();
        XYSeriesCollection c = new XYSeriesCollection();
        for (int k = 0; k < out; k++) {
            String suffix = out == 1 ? "" : "[" + k + "]";
            XYSeries y = new XYSeries("y" + suffix, false, false);
            XYSeries target = new XYSeries("target" + suffix, false, false);
            for (int t = 1; t <= tn; t++) {
                y.add(t, trace.forward(Quantity.Y, t)[k]);
                double[] tg = trace.target(t);
                if (tg != null) {
                    target.add(t, tg[k]);
                }
            }
            c.addSeries(y);
            c.addSeries(target);
        }
        return c;
    }

    /**
     * A series and its free-running continuation (see {@link org.unroll.session.FreeRunning}): the
     * series "series" at x = 0 … n−1, and "free running" at x = n … n+m−1 for the m continued values.
     *
     * @param series the given values (not modified)
     * @param continuation the values the network produced after them (not modified)
     * @return a new collection
     */
    public static XYSeriesCollection freeRunning(double[] series, double[] continuation) {
        XYSeries given = new XYSeries("series", false, false);
        for (int x = 0; x < series.length; x++) {
            given.add(x, series[x]);
        }
        XYSeries free = new XYSeries("free running", false, false);
        for (int k = 0; k < continuation.length; k++) {
            free.add(series.length + k, continuation[k]);
        }
        XYSeriesCollection c = new XYSeriesCollection();
        c.addSeries(given);
        c.addSeries(free);
        return c;
    }
}
