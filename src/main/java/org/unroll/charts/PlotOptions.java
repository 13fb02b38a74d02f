package org.unroll.charts;

import java.util.Arrays;
import java.util.List;

/**
 * What the plot datasets of a training snapshot show besides the data itself: the choices of the
 * Training tab's plot controls, shared by the tab and by a headless export so that both build the
 * same {@link PlotData}. Immutable.
 *
 * @param units the units plotted as lines (copied; units the network lacks are skipped, and with
 *     none left unit 0 is plotted)
 * @param heatGate the gate of the heat map, or null for the cell's forget/update gate ({@code h} for
 *     the RNN)
 * @param parameter the parameter whose per-step gradient terms are plotted, or null (or an unknown
 *     name) for the cell's recurrent matrix ({@link PlotData#recurrentMatrix})
 * @param freeRunning whether the prediction plot gets the free-running continuation (drawn only for
 *     a network with one input and one output, such as the sine task's)
 */
public record PlotOptions(List<Integer> units, String heatGate, String parameter, boolean freeRunning) {

    /** The most units {@link #parseUnits} keeps. */
    public static final int MAX_UNITS = 8;

    /** The Training tab's defaults: units 0 and 1, the default heat gate and matrix, free running on. */
    public static final PlotOptions DEFAULTS = new PlotOptions(List.of(0, 1), null, null, true);

    public PlotOptions {
        units = List.copyOf(units);
    }

    /** The units as an array (a new one). */
    public int[] unitArray() {
        return units.stream().mapToInt(Integer::intValue).toArray();
    }

    /** These options with other units (this record is not modified). */
    public PlotOptions withUnits(int... us) {
        return new PlotOptions(Arrays.stream(us).boxed().toList(), heatGate, parameter, freeRunning);
    }

    /** These options with another gradient parameter, null or blank for the default (this record is not modified). */
    public PlotOptions withParameter(String p) {
        return new PlotOptions(units, heatGate, p == null || p.isBlank() ? null : p, freeRunning);
    }

    /** These options with another heat-map gate, null for the default (this record is not modified). */
    public PlotOptions withHeatGate(String gate) {
        return new PlotOptions(units, gate, parameter, freeRunning);
    }

    /**
     * The units of a text such as "0, 2 5": the non-negative integers in it, at most {@link #MAX_UNITS};
     * anything else is ignored.
     *
     * @param s the text, or null (then unit 0)
     * @return a new array
     */
    public static int[] parseUnits(String s) {
        if (s == null) {
            return new int[] {0};
        }
        return Arrays.stream(s.split("[,\\s]+")).filter(x -> x.matches("\\d+"))
                .mapToInt(Integer::parseInt).limit(MAX_UNITS).toArray();
    }
}
