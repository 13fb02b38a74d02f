package org.unroll.charts;

import org.jfree.data.xy.XYSeriesCollection;
import org.unroll.engine.Trace;

/** The hidden state h(t) and the LSTM cell state c(t) over time, one line per chosen unit. */
public final class StateSeries {

    private StateSeries() {
    }

    /**
     * One series per chosen unit, x = t (1 … T), y = c(t) or h(t) of that unit; series keys are
     * "{@code c} unit {@code u}" or "{@code h} unit {@code u}".
     *
     * @param trace the trace (not modified)
     * @param stateKey {@code "h"}, or {@code "c"} for an LSTM
     * @param units 0-based unit indices (not modified)
     * @return a new collection
     * @throws IllegalArgumentException if the key is neither, the trace has no cell state, or a unit
     *     does not exist
     */
    public static XYSeriesCollection of(Trace trace, String stateKey, int... units) {
        if (!"c".equals(stateKey) && !"h".equals(stateKey)) {
            throw new IllegalArgumentException("state key must be c or h, got " + stateKey);
        }
        return PerUnit.of(trace, stateKey, units);
    }
}
