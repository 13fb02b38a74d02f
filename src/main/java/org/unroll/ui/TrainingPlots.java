package org.unroll.ui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.IntConsumer;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYDataset;
import org.unroll.charts.PlotData;
import org.unroll.charts.SeriesLabels;

/**
 * The live plots of the Training tab as JFreeChart charts in {@link ChartViewer}s: loss per epoch,
 * gate activations (lines and a units × t heat map), c/h traces, prediction against target (with the
 * free-running continuation) and gradient flow on a log axis. {@link #show(PlotData)} swaps the
 * datasets in (on the JavaFX thread; the datasets were built elsewhere); a click in a plot over t
 * reports t; {@link #mark(int)} draws a vertical marker at t in every plot over t.
 */
public final class TrainingPlots {

    /** The plots by name: loss, gates, heat, states, prediction, gradient. */
    private final Map<String, JFreeChart> charts = new LinkedHashMap<>();
    private final Map<String, ChartViewer> viewers = new LinkedHashMap<>();
    private final ResourceBundle bundle;
    private IntConsumer onPick = t -> { };
    private boolean logLoss;
    private int marked = -1;
    private PlotData shown;

    public TrainingPlots(ResourceBundle bundle) {
        this.bundle = bundle;
        charts.put("loss", lines(bundle.getString("plot.loss"), bundle.getString("plot.epoch"),
                bundle.getString("plot.loss.axis"), false));
        charts.put("gates", lines(bundle.getString("plot.gates"), "t", bundle.getString("plot.activation"), false));
        charts.put("heat", heat(bundle.getString("plot.heat"), bundle.getString("plot.unit")));
        charts.put("states", lines(bundle.getString("plot.states"), "t", bundle.getString("plot.value"), false));
        charts.put("prediction", lines(bundle.getString("plot.prediction"), "t", bundle.getString("plot.value"),
                false));
        charts.put("gradient", lines(bundle.getString("plot.gradient"), "t", bundle.getString("plot.norm"), true));
        // targets as dots: a many-to-one task has a single target, which a line alone would not show
        charts.values().forEach(c -> SeriesLabels.applyTo(c, bundle));
        XYLineAndShapeRenderer pr = (XYLineAndShapeRenderer) plot("prediction").getRenderer();
        pr.setSeriesShapesVisible(1, true);
        pr.setSeriesShape(1, new java.awt.geom.Ellipse2D.Double(-3, -3, 6, 6));
        for (Map.Entry<String, JFreeChart> e : charts.entrySet()) {
            ChartViewer v = new ChartViewer(e.getValue());
            v.setId("plot-" + e.getKey());
            v.setMinSize(200, 150);
            v.setPrefSize(520, 320);
            if (!e.getKey().equals("loss")) {
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

    /** Swaps a snapshot's datasets in; null empties the plots. */
    public void show(PlotData d) {
        // one redraw per chart, not one per change
        charts.values().forEach(c -> c.setNotify(false));
        try {
            swap(d);
        } finally {
            charts.values().forEach(c -> c.setNotify(true));
        }
    }

    private void swap(PlotData d) {
        shown = d;
        if (d == null) {
            for (JFreeChart c : charts.values()) {
                c.getXYPlot().setDataset(0, null);
                c.getXYPlot().setDataset(1, null);
            }
            return;
        }
        plot("loss").setDataset(0, d.loss());
        plot("gates").setDataset(0, d.gates());
        plot("heat").setDataset(0, d.heat());
        charts.get("heat").setTitle(bundle.getString("plot.heat") + " — " + d.heatGate());
        plot("states").setDataset(0, d.states());
        plot("prediction").setDataset(0, d.prediction());
        plot("prediction").setDataset(1, d.freeRunning());
        plot("gradient").setDataset(0, d.gradient());
        fitLog(plot("gradient"));
        if (logLoss) {
            fitLog(plot("loss"));
        }
        int tn = d.snapshot().trace().length();
        ((XYBlockRenderer) plot("heat").getRenderer()).setBlockHeight(1);
        plot("heat").getRangeAxis().setRange(-0.5, d.snapshot().trace().config().hiddenSize() - 0.5);
        plot("heat").getDomainAxis().setRange(0.5, tn + 0.5);
    }

    /** A linear or a log loss axis. */
    public void setLogLoss(boolean log) {
        if (log == logLoss) {
            return;
        }
        logLoss = log;
        String label = bundle.getString("plot.loss.axis");
        ValueAxis axis = log ? logAxis(label) : new NumberAxis(label);
        if (axis instanceof NumberAxis n) {
            n.setAutoRangeIncludesZero(false);
        }
        plot("loss").setRangeAxis(axis);
        if (log) {
            fitLog(plot("loss"));
        }
    }

    /**
     * A log axis over the positive values only: the datasets keep exact zeros (∂E/∂Wh(1) with
     * h(0) = 0, say), which would otherwise pull the axis down to its smallest value.
     */
    static void fitLog(XYPlot p) {
        if (!(p.getRangeAxis() instanceof LogAxis axis)) {
            return;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        XYDataset d = p.getDataset(0);
        if (d != null) {
            for (int s = 0; s < d.getSeriesCount(); s++) {
                for (int i = 0; i < d.getItemCount(s); i++) {
                    double y = d.getYValue(s, i);
                    if (y > 0 && Double.isFinite(y)) {
                        lo = Math.min(lo, y);
                        hi = Math.max(hi, y);
                    }
                }
            }
        }
        if (hi > 0) {
            axis.setRange(lo / 2, hi * 2);
        } else {
            axis.setAutoRange(true);
        }
    }

    public boolean isLogLoss() {
        return logLoss;
    }

    /** A vertical marker at t in every plot over t (none for t < 1). */
    public void mark(int t) {
        charts.values().forEach(c -> c.setNotify(false));
        try {
            placeMarkers(t);
        } finally {
            charts.values().forEach(c -> c.setNotify(true));
        }
    }

    private void placeMarkers(int t) {
        marked = t;
        for (Map.Entry<String, JFreeChart> e : charts.entrySet()) {
            if (e.getKey().equals("loss")) {
                continue;
            }
            XYPlot p = e.getValue().getXYPlot();
            p.clearDomainMarkers();
            if (t >= 1) {
                ValueMarker m = new ValueMarker(t, new Color(0xd62728), new BasicStroke(2f));
                p.addDomainMarker(m);
            }
        }
    }

    /** The marked step, -1 for none. */
    public int marked() {
        return marked;
    }

    /** The marker's position in a plot, or NaN when it has none. */
    public double markerIn(String name) {
        var ms = plot(name).getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND);
        if (ms == null || ms.isEmpty()) {
            return Double.NaN;
        }
        return ((ValueMarker) ms.iterator().next()).getValue();
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

    private XYPlot plot(String name) {
        return charts.get(name).getXYPlot();
    }

    private static JFreeChart lines(String title, String x, String y, boolean log) {
        NumberAxis xa = new NumberAxis(x);
        xa.setAutoRangeIncludesZero(false);
        xa.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        ValueAxis ya;
        if (log) {
            ya = logAxis(y);
        } else {
            NumberAxis n = new NumberAxis(y);
            n.setAutoRangeIncludesZero(false);
            ya = n;
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        XYPlot p = new XYPlot(null, xa, ya, r);
        XYLineAndShapeRenderer free = new XYLineAndShapeRenderer(true, false);
        free.setDefaultStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f,
                new float[] {6f, 4f}, 0f));
        free.setAutoPopulateSeriesStroke(false);
        free.setSeriesPaint(0, new Color(0, 0, 0, 0)); // the given series is already the input
        free.setSeriesVisibleInLegend(0, false);
        free.setSeriesPaint(1, new Color(0x2ca02c));
        p.setRenderer(1, free);
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinePaint(new Color(0xdddddd));
        p.setRangeGridlinePaint(new Color(0xdddddd));
        JFreeChart c = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 13), p, true);
        c.setBackgroundPaint(Color.WHITE);
        return c;
    }

    private static LogAxis logAxis(String label) {
        LogAxis a = new LogAxis(label);
        a.setSmallestValue(1e-12);
        a.setBase(10);
        a.setStandardTickUnits(NumberAxis.createStandardTickUnits());
        return a;
    }

    private static JFreeChart heat(String title, String unit) {
        NumberAxis xa = new NumberAxis("t");
        xa.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis ya = new NumberAxis(unit);
        ya.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYBlockRenderer r = new XYBlockRenderer();
        PaintScale scale = new ActivationScale();
        r.setPaintScale(scale);
        XYPlot p = new XYPlot(null, xa, ya, r);
        p.setBackgroundPaint(Color.WHITE);
        JFreeChart c = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 13), p, false);
        NumberAxis sa = new NumberAxis();
        PaintScaleLegend legend = new PaintScaleLegend(scale, sa);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setStripWidth(10);
        c.addSubtitle(legend);
        c.setBackgroundPaint(Color.WHITE);
        return c;
    }

    /** −1 … 1: blue through white to red (gates run 0 … 1, tanh values −1 … 1). */
    static final class ActivationScale implements PaintScale {
        @Override
        public double getLowerBound() {
            return -1;
        }

        @Override
        public double getUpperBound() {
            return 1;
        }

        @Override
        public java.awt.Paint getPaint(double v) {
            double x = Double.isNaN(v) ? 0 : Math.max(-1, Math.min(1, v));
            int k = (int) Math.round(255 * (1 - Math.abs(x)));
            return x >= 0 ? new Color(255, k, k) : new Color(k, k, 255);
        }
    }
}
