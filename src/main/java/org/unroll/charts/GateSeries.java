package org.unroll.charts;

import java.util.Set;
import org.jfree.data.xy.XYSeriesCollection;
import org.unroll.engine.Trace;

/** Gate activations over time as lines, one per chosen unit. */
public final class GateSeries {

    private static final Set<String> GATES = Set.of("i", "f", "o", "r", "z", "a");

    private GateSeries() {
    }

    /**
     * One series per chosen unit of a gate, x = t (1 … T), y = the gate's activation at t; series
     * keys are "{@code gate} unit {@code u}", in the order of {@code units}.
     *
     * @param trace the trace (not modified)
     * @param gateKey {@code i}, {@code f}, {@code o} (LSTM), {@code r}, {@code z} (GRU), or {@code a}
     *     (the candidate of either)
     * @param units 0-based unit indices (not modified); none gives an empty collection
     * @return a new collection
     * @throws IllegalArgumentException if the trace's cell has no such gate or no such unit
     */
    public static XYSeriesCollection of(Trace trace, String gateKey, int... units) {
        if (!GATES.contains(gateKey)) {
            throw new IllegalArgumentException("not a gate: " + gateKey);
        }
        return PerUnit.of(trace, gateKey, units);
    }

    /** {@link #of(Trace, String, int...)} for every unit. */
    public static XYSeriesCollection allUnits(Trace trace, String gateKey) {
        return of(trace, gateKey, PerUnit.all(trace));
    }
}
