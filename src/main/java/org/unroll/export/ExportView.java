package org.unroll.export;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.unroll.charts.Plots;

/** What an export shows: the graph at a step, one of the plots, or the case itself. */
public enum ExportView {
    /** The unrolled graph at one position of the cursor (or the walk between two). */
    GRAPH(null, EnumSet.of(Format.PNG, Format.SVG, Format.PDF, Format.GIF, Format.FRAMES, Format.CSV)),
    /** Loss per epoch. */
    LOSS(Plots.LOSS, null),
    /** Gate activations over t. */
    GATES(Plots.GATES, null),
    /** One gate, units × t. */
    HEAT(Plots.HEAT, null),
    /** The c/h traces over t. */
    STATES(Plots.STATES, null),
    /** Prediction against target. */
    PREDICTION(Plots.PREDICTION, null),
    /** ‖∂E/∂h(t)‖ and friends on a log axis. */
    GRADFLOW(Plots.GRADIENT, null),
    /** The Compare tab: both networks' loss per epoch (exported from the app only). */
    COMPARE_LOSS(Plots.COMPARE_LOSS, null),
    /** The Compare tab: both networks' ‖∂E/∂h(t)‖ (exported from the app only). */
    COMPARE_GRADIENT(Plots.COMPARE_GRADIENT, null),
    /** The network and its sequence as a case file. */
    CASE(null, EnumSet.of(Format.JSON)),
    /**
     * A worksheet for BPTT by hand with its answer key ({@link Worksheet}; written by
     * {@link WorksheetWriter}, not by {@link Exporter#write}).
     */
    WORKSHEET(null, EnumSet.of(Format.PDF, Format.MD, Format.TEX));

    private final String chart;
    private final Set<Format> formats;

    ExportView(String chart, Set<Format> formats) {
        this.chart = chart;
        // null: a plot's formats (an enum constant cannot refer to a static field of its enum)
        this.formats = formats == null ? EnumSet.of(Format.PNG, Format.SVG, Format.PDF, Format.CSV)
                : EnumSet.copyOf(formats);
    }

    /** The name of the plot in {@link Plots}, or null for the graph and the case. */
    public String chart() {
        return chart;
    }

    /** Whether this is one of the Compare tab's plots (which need a comparison run in the app). */
    public boolean isComparison() {
        return this == COMPARE_LOSS || this == COMPARE_GRADIENT;
    }

    /** Whether this is one of the plots. */
    public boolean isPlot() {
        return chart != null;
    }

    /** The formats this view can be written in. */
    public Set<Format> formats() {
        return EnumSet.copyOf(formats);
    }

    /** The lower-case name the command line uses ({@code compare-loss} for COMPARE_LOSS). */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The view of a plot of {@link Plots} (loss, gates, heat, states, prediction, gradient).
     *
     * @throws IllegalArgumentException if no view shows that plot
     */
    public static ExportView ofChart(String chartName) {
        for (ExportView v : values()) {
            if (v.chart != null && v.chart.equals(chartName)) {
                return v;
            }
        }
        throw new IllegalArgumentException("no export view shows the plot \"" + chartName + "\"");
    }

    /**
     * The view of a name such as "graph" or "Gates" (case-insensitive).
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static ExportView parse(String name) {
        if (name != null) {
            for (ExportView v : values()) {
                if (v.name().equalsIgnoreCase(name.strip().replace('-', '_'))) {
                    return v;
                }
            }
        }
        throw new IllegalArgumentException("unknown view \"" + name + "\"; allowed: "
                + Arrays.stream(values()).map(ExportView::id).collect(Collectors.joining(", ")));
    }
}
