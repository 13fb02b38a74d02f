package org.unroll.ui.training;

import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.IntConsumer;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.unroll.charts.PlotData;
import org.unroll.charts.PlotView;
import org.unroll.charts.Plots;

/**
 * The live plots of the Training tab in {@link ChartViewer}s: the charts of {@link Plots} (loss per
 * epoch, gate activations, the units × t heat map, c/h traces, prediction against target, gradient
 * flow), which this class only wraps in viewers, wires for clicks and keeps in step with what is
 * shown ({@link PlotData}) and how ({@link PlotView}); every change goes through
 * {@link Plots#show}, as an export's chart does ({@link org.unroll.export.Exporter#chart}). Call on the JavaFX thread;
 * a click in a plot over t reports t.
 */
public final class TrainingPlots {

    /** The plots by name: loss, gates, heat, states, prediction, gradient. */
    private final Map<String, JFreeChart> charts = new LinkedHashMap<>();
    private final Map<String, ChartViewer> viewers = new LinkedHashMap<>();
    private final ResourceBundle bundle;
    private IntConsumer onPick = t -> { };
    private PlotView view = PlotView.DEFAULT;
    private PlotData shown;
    private org.unroll.graph.Notation notation = org.unroll.graph.Notation.BOOK;

    /** Sets every plot's type at a presentation's scale (1: the desktop's). */
    public void setTypeScale(double scale) {
        for (JFreeChart c : charts.values()) {
            Plots.typeSize(c, scale);
        }
    }

    public TrainingPlots(ResourceBundle bundle) {
        this.bundle = bundle;
        for (String name : Plots.TRAINING) {
            charts.put(name, Plots.create(name, bundle));
        }
        for (Map.Entry<String, JFreeChart> e : charts.entrySet()) {
            ChartViewer v = new ChartViewer(e.getValue());
            v.setId("plot-" + e.getKey());
            v.setMinSize(200, 150);
            v.setPrefSize(520, 320);
            if (Plots.overSteps(e.getKey())) {
                v.addChartMouseListener(new ChartMouseListenerFX() {
                    @Override
                    public void chartMouseClicked(ChartMouseEventFX event) {
                        int t = stepAt(v, event.getTrigger().getX());
                        if (t >= 1) {
                            onPick.accept(t);
                        }
                    }

                    @Override
                    public void chartMouseMoved(ChartMouseEventFX event) {
                    }
                });
            }
            viewers.put(e.getKey(), v);
        }
    }

    /** Where clicks over t go. */
    public void setOnPick(IntConsumer c) {
        onPick = c == null ? t -> { } : c;
    }

    /** The viewers, in the order loss, gates, heat, states, prediction, gradient. */
    public List<ChartViewer> viewers() {
        return new ArrayList<>(viewers.values());
    }

    public ChartViewer viewer(String name) {
        return viewers.get(name);
    }

    /** The live chart of a plot (on screen; exports build their own, see {@link org.unroll.export.Exporter#chart}). */
    public JFreeChart chart(String name) {
        return charts.get(name);
    }

    /** The datasets of a plot: index 0 the main one, 1 the free-running continuation (prediction only). */
    public XYDataset dataset(String name, int index) {
        return charts.get(name).getXYPlot().getDataset(index);
    }

    /** What is shown, or null. */
    public PlotData shown() {
        return shown;
    }

    /** The loss axis and marker shown. */
    public PlotView view() {
        return view;
    }

    /** Swaps a snapshot's datasets in; null empties the plots. */
    public void show(PlotData d) {
        shown = d;
        refresh();
    }

    /** Relabels the legends in a notation (null: the book's); the data stay as they are. */
    public void setNotation(org.unroll.graph.Notation n) {
        org.unroll.graph.Notation m = n == null ? org.unroll.graph.Notation.BOOK : n;
        if (m != notation) {
            notation = m;
            refresh();
        }
    }

    /** The notation of the legends. */
    public org.unroll.graph.Notation notation() {
        return notation;
    }

    /** A linear or a log loss axis. */
    public void setLogLoss(boolean log) {
        if (log != view.logLoss()) {
            view = view.withLogLoss(log);
            refresh();
        }
    }

    public boolean isLogLoss() {
        return view.logLoss();
    }

    /** A vertical marker at t in every plot over t (none for t < 1). */
    public void mark(int t) {
        view = view.withMarked(t);
        refresh();
    }

    /** The marked step, -1 for none. */
    public int marked() {
        return view.marked() >= 1 ? view.marked() : -1;
    }

    /** The marker's position in a plot, or NaN when it has none. */
    public double markerIn(String name) {
        return Plots.markerOf(charts.get(name));
    }

    private void refresh() {
        for (Map.Entry<String, JFreeChart> e : charts.entrySet()) {
            Plots.show(e.getValue(), e.getKey(), shown, view, bundle, notation);
        }
    }

    /** The time step at a viewer's x (in the viewer's coordinates), or -1 outside the data area. */
    static int stepAt(ChartViewer v, double x) {
        ChartRenderingInfo info = v.getCanvas().getRenderingInfo();
        if (info == null) {
            return -1;
        }
        Rectangle2D area = info.getPlotInfo().getDataArea();
        if (x < area.getMinX() || x > area.getMaxX()) {
            return -1;
        }
        XYPlot p = v.getChart().getXYPlot();
        double t = p.getDomainAxis().java2DToValue(x, area, p.getDomainAxisEdge());
        return (int) Math.round(t);
    }
}
