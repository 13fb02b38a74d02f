package org.unroll.charts;

import org.unroll.engine.Quantity;
import org.jfree.data.xy.DefaultXYZDataset;
import org.unroll.engine.Trace;

/** A gate's activations for all units over time, for a units × t heat map. */
public final class GateHeatMap {

    private GateHeatMap() {
    }

    /**
     * One series, keyed by the gate, with one item per (t, unit): x = t (1 … T), y = the 0-based unit,
     * z = the activation. Items run through the units of t = 1, then of t = 2, and so on.
     *
     * @param trace the trace (not modified)
     * @param gateKey a gate the trace's cell has ({@code i, f, o, a} or {@code r, z, a}; any forward
     *     key of width H works)
     * @return a new dataset
     * @throws IllegalArgumentException if the trace has no such key
     */
    public static DefaultXYZDataset of(Trace trace, String gateKey) {
        if (!trace.forwardKeys().contains(gateKey)) {
            throw new IllegalArgumentException("no " + gateKey + " in this trace");
        }
        double[][] v = trace.forward(Quantity.fromKey(gateKey));
        int tn = v.length;
        int h = tn == 0 ? 0 : v[0].length;
        double[][] xyz = new double[3][tn * h];
        int k = 0;
        for (int t = 1; t <= tn; t++) {
            for (int u = 0; u < h; u++) {
                xyz[0][k] = t;
                xyz[1][k] = u;
                xyz[2][k] = v[t - 1][u];
                k++;
            }
        }
        DefaultXYZDataset d = new DefaultXYZDataset();
        d.addSeries(gateKey, xyz);
        return d;
    }
}
