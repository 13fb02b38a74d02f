package org.unroll.charts;

import org.unroll.engine.Quantity;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.unroll.engine.Trace;

/** Shared code: one series per chosen unit of a per-step forward quantity. */
final class PerUnit {

    private PerUnit() {
    }

    static XYSeriesCollection of(Trace trace, String key, int[] units) {
        if (!trace.forwardKeys().contains(key)) {
            throw new IllegalArgumentException("no " + key + " in this trace (a " + trace.config().cell().key()
                    + " network has " + trace.forwardKeys() + ")");
        }
        double[][] v = trace.forward(Quantity.fromKey(key));
        int h = v.length == 0 ? 0 : v[0].length;
        XYSeriesCollection c = new XYSeriesCollection();
        for (int u : units) {
            if (u < 0 || u >= h) {
                throw new IllegalArgumentException("no unit " + u + " of " + key + " (0 … " + (h - 1) + ")");
            }
            XYSeries s = new XYSeries(key + " unit " + u, false, false);
            for (int t = 1; t <= v.length; t++) {
                s.add(t, v[t - 1][u]);
            }
            c.addSeries(s);
        }
        return c;
    }

    static int[] all(Trace trace) {
        int[] u = new int[trace.config().hiddenSize()];
        for (int i = 0; i < u.length; i++) {
            u[i] = i;
        }
        return u;
    }
}
