package org.unroll.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.title.Title;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYDataset;
import org.unroll.engine.ModelConfig;
import org.unroll.graph.Notation;

/**
 * The app's charts, without JavaFX: the Training tab's six plots (loss per epoch, gate activations,
 * the units × t heat map, c/h traces, prediction against target with the free-running continuation,
 * gradient flow on a log axis) and the Compare tab's two. The Training tab and a headless export
 * both make a chart with {@link #create} and fill it with {@link #show}, so an exported chart
 * ({@link #build}) is the chart the tab shows; {@link #forSlides} restyles an exported copy.
 *
 * <p>All methods that take a chart modify it (and only it); call them on the thread that owns the
 * chart (the JavaFX thread for a chart in a viewer). The datasets of {@link PlotData} are put into
 * the charts as they are, not copied.
 */
public final class Plots {

    /** Loss per epoch (train and validation). */
    public static final String LOSS = "loss";
    /** Gate activations of the chosen units over t. */
    public static final String GATES = "gates";
    /** Units × t heat map of one gate. */
    public static final String HEAT = "heat";
    /** c(t) and h(t) of the chosen units. */
    public static final String STATES = "states";
    /** y(t), the targets and the free-running continuation. */
    public static final String PREDICTION = "prediction";
    /** Gradient flow over t on a log axis. */
    public static final String GRADIENT = "gradient";
    /** The Compare tab's loss of both runs (log axis). */
    public static final String COMPARE_LOSS = "compare-loss";
    /** The Compare tab's ‖∂E/∂h(t)‖ of both runs (log axis). */
    public static final String COMPARE_GRADIENT = "compare-gradient";

    /** The Training tab's plots, in the tab's order. */
    public static final List<String> TRAINING = List.of(LOSS, GATES, HEAT, STATES, PREDICTION, GRADIENT);
    /** The Compare tab's plots. */
    public static final List<String> COMPARE = List.of(COMPARE_LOSS, COMPARE_GRADIENT);

    /** The marker at t. */
    static final Color MARKER = new Color(0xd62728);
    /** The Compare tab's first and second run. */
    private static final Color[] RUN_COLOURS = {new Color(0xd62728), new Color(0x1f77b4)};
    private static final String FONT = "SansSerif";

    private Plots() {
    }

    /**
     * A new, empty chart: its localised title and axis labels, legend labels from the bundle
     * ({@link SeriesLabels}), its renderers and colours.
     *
     * @param name one of {@link #TRAINING} or {@link #COMPARE}
     * @param bundle the app's bundle {@code i18n.messages} in the chart's language (not modified)
     * @return a new chart without data
     * @throws IllegalArgumentException for an unknown name
     */
    public static JFreeChart create(String name, ResourceBundle bundle) {
        JFreeChart c = switch (name) {
            case LOSS -> lines(bundle.getString("plot.loss"), bundle.getString("plot.epoch"),
                    bundle.getString("plot.loss.axis"), false);
            case GATES -> lines(bundle.getString("plot.gates"), "t", bundle.getString("plot.activation"), false);
            case HEAT -> heat(bundle.getString("plot.heat"), bundle.getString("plot.unit"));
            case STATES -> lines(bundle.getString("plot.states"), "t", bundle.getString("plot.value"), false);
            case PREDICTION -> prediction(lines(bundle.getString("plot.prediction"), "t",
                    bundle.getString("plot.value"), false));
            case GRADIENT -> lines(bundle.getString("plot.gradient"), "t", bundle.getString("plot.norm"), true);
            case COMPARE_LOSS -> compareLoss(compare(bundle.getString("compare.loss"), bundle.getString("plot.epoch"),
                    bundle.getString("plot.loss.axis")));
            case COMPARE_GRADIENT -> compareGradient(compare(bundle.getString("compare.gradient"), "t",
                    bundle.getString("plot.norm")));
            default -> throw new IllegalArgumentException("no plot named '" + name + "'");
        };
        SeriesLabels.applyTo(c, bundle);
        return c;
    }

    /**
     * Puts one of the Training tab's plots into the state a snapshot and a view give it: swaps the
     * datasets of {@code data} in (null empties the chart), titles the heat map with its gate,
     * fits the axes, sets the loss axis linear or log and marks the step of {@code view}. The chart
     * notifies its listeners once, at the end. This is all that the Training tab does to a chart,
     * so a chart built with the same arguments shows the same picture.
     *
     * @param chart a chart of {@link #create} with the same name (modified)
     * @param name one of {@link #TRAINING}
     * @param data the datasets, or null (not modified; put in the chart as they are)
     * @param view the loss axis and the marker
     * @param bundle the bundle {@code chart} was created with (not modified)
     * @throws IllegalArgumentException for a name not in {@link #TRAINING}
     */
    public static void show(JFreeChart chart, String name, PlotData data, PlotView view, ResourceBundle bundle) {
        show(chart, name, data, view, bundle, Notation.BOOK);
    }

    /**
     * {@link #show(JFreeChart, String, PlotData, PlotView, ResourceBundle)} with the legends and
     * the heat map's title in a notation ({@link SeriesLabels}): showing the same data in another
     * notation relabels the chart without new data.
     *
     * @param chart a chart of {@link #create} with the same name (modified)
     * @param name one of {@link #TRAINING}
     * @param data the datasets, or null (not modified)
     * @param view the loss axis and the marker
     * @param bundle the bundle {@code chart} was created with (not modified)
     * @param notation the notation of the legends (null: the book's)
     */
    public static void show(JFreeChart chart, String name, PlotData data, PlotView view, ResourceBundle bundle,
                            Notation notation) {
        if (!TRAINING.contains(name)) {
            throw new IllegalArgumentException("no Training plot named '" + name + "'");
        }
        boolean notify = chart.isNotify();
        chart.setNotify(false); // one redraw, not one per change
        try {
            XYPlot p = chart.getXYPlot();
            if (name.equals(LOSS)) {
                setLogLoss(p, view.logLoss());
            }
            ModelConfig cfg = data == null ? null : data.snapshot().trace().config();
            SeriesLabels labels = new SeriesLabels(bundle, notation, cfg);
            SeriesLabels.applyTo(chart, bundle, notation, cfg);
            swap(chart, name, data, bundle, labels);
            if (name.equals(GRADIENT) || name.equals(LOSS)) {
                fitLog(p);
            }
            if (name.equals(GRADIENT)) {
                noteZeros(chart, bundle);
            }
            if (!name.equals(LOSS)) {
                placeMarker(p, view.marked());
            }
        } finally {
            chart.setNotify(notify);
        }
    }

    /**
     * A new chart of one of the Training tab's plots showing {@code data} as the tab would:
     * {@link #create} then {@link #show}.
     *
     * @param name one of {@link #TRAINING}
     * @param data the datasets, or null (not modified; shared with the new chart)
     * @param view the loss axis and the marker
     * @param bundle the app's bundle in the chart's language (not modified)
     * @return a new chart
     */
    public static JFreeChart build(String name, PlotData data, PlotView view, ResourceBundle bundle) {
        return build(name, data, view, bundle, Notation.BOOK);
    }

    /**
     * {@link #build(String, PlotData, PlotView, ResourceBundle)} with the legends in a notation.
     *
     * @param name one of {@link #TRAINING}
     * @param data the datasets, or null (not modified; shared with the new chart)
     * @param view the loss axis and the marker
     * @param bundle the app's bundle in the chart's language (not modified)
     * @param notation the notation of the legends (null: the book's)
     * @return a new chart
     */
    public static JFreeChart build(String name, PlotData data, PlotView view, ResourceBundle bundle,
                                   Notation notation) {
        JFreeChart c = create(name, bundle);
        show(c, name, data, view, bundle, notation);
        return c;
    }

    /**
     * Swaps a dataset into one of the Compare tab's charts and fits its log axis.
     *
     * @param chart a chart of {@link #create} named in {@link #COMPARE} (modified)
     * @param data the runs' series, or null (not modified; put in the chart as it is)
     */
    public static void showComparison(JFreeChart chart, XYDataset data) {
        boolean notify = chart.isNotify();
        chart.setNotify(false);
        try {
            chart.getXYPlot().setDataset(0, data);
            fitLog(chart.getXYPlot());
        } finally {
            chart.setNotify(notify);
        }
    }

    /**
     * Restyles a chart for slides: white chart and plot background, no chart border, no legend
     * frame, larger SansSerif fonts (the logical font, which AWT maps to a font with Japanese
     * glyphs) for the title, axis labels, tick labels and legend, thicker series lines (dashes kept)
     * and marker. Call it on a chart built for the export ({@link #build}), not on a chart on
     * screen, and after its data is in: series strokes are set for the series present.
     *
     * @param chart the chart (modified)
     * @param fontScale how much larger than the slide defaults (title 20 pt, axis labels 16 pt,
     *     ticks and legend 14 pt, lines 3 px at 1.0); a positive finite number
     * @return {@code chart}
     * @throws IllegalArgumentException if {@code fontScale} is not positive and finite
     */
    public static JFreeChart forSlides(JFreeChart chart, double fontScale) {
        if (!(fontScale > 0) || Double.isInfinite(fontScale)) {
            throw new IllegalArgumentException("font scale must be a positive finite number, got " + fontScale);
        }
        boolean notify = chart.isNotify();
        chart.setNotify(false);
        try {
            styleForSlides(chart, (float) fontScale);
        } finally {
            chart.setNotify(notify);
        }
        return chart;
    }

    /**
     * Fits a log range axis to the positive values of the plot's first dataset only: the datasets
     * keep exact zeros (∂E/∂Wh(1) with h(0) = 0, say), which would otherwise pull the axis down to
     * its smallest value. Does nothing to a linear axis.
     *
     * @param p the plot (modified: its range axis's range)
     */
    public static void fitLog(XYPlot p) {
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

    /** A plot's line under its title saying why it shows less than it seems to (one per chart). */
    private static final class Note extends TextTitle {
        Note(String text) {
            super(text, new Font(FONT, Font.PLAIN, 11));
            setPaint(new Color(0x8a3b12));
        }
    }

    /**
     * Says under the title how many values of the plot's first dataset are exactly 0 (none: no
     * line): a log axis cannot show them, so a plot of saturated units (1 − h² = 0) would look
     * empty without it.
     *
     * @param chart the chart (modified: its subtitles)
     * @param bundle the chart's bundle
     */
    static void noteZeros(JFreeChart chart, ResourceBundle bundle) {
        XYDataset d = chart.getXYPlot().getDataset(0);
        if (d == null) {
            note(chart, null);
            return;
        }
        int zeros = 0;
        int all = 0;
        for (int s = 0; s < d.getSeriesCount(); s++) {
            for (int i = 0; i < d.getItemCount(s); i++) {
                all++;
                if (d.getYValue(s, i) == 0) {
                    zeros++;
                }
            }
        }
        note(chart, zeros == 0 ? null
                : java.text.MessageFormat.format(bundle.getString("plot.gradient.zeros"), zeros, all));
    }

    /** Puts {@code text} under the chart's title in place of the note there (null: none). */
    private static void note(JFreeChart chart, String text) {
        for (int i = chart.getSubtitleCount() - 1; i >= 0; i--) {
            if (chart.getSubtitle(i) instanceof Note) {
                chart.removeSubtitle(chart.getSubtitle(i));
            }
        }
        if (text != null) {
            chart.addSubtitle(0, new Note(text));
        }
    }

    /**
     * Where a chart's step marker is.
     *
     * @param chart the chart (not modified)
     * @return the marked t, or NaN when it has no marker
     */
    public static double markerOf(JFreeChart chart) {
        Collection<?> ms = chart.getXYPlot().getDomainMarkers(Layer.FOREGROUND);
        if (ms == null || ms.isEmpty()) {
            return Double.NaN;
        }
        return ((ValueMarker) ms.iterator().next()).getValue();
    }

    /** Whether a plot's x axis is the time step t (all but the losses, which are over epochs). */
    public static boolean overSteps(String name) {
        return !name.equals(LOSS) && !name.equals(COMPARE_LOSS);
    }

    private static void swap(JFreeChart chart, String name, PlotData d, ResourceBundle bundle, SeriesLabels labels) {
        XYPlot p = chart.getXYPlot();
        if (d == null) {
            setDataset(p, 0, null);
            setDataset(p, 1, null);
            note(chart, null);
            if (name.equals(HEAT)) {
                chart.setTitle(bundle.getString("plot.heat"));
            }
            return;
        }
        switch (name) {
            case LOSS -> setDataset(p, 0, d.loss());
            case GATES -> {
                setDataset(p, 0, d.gates());
                // a simple RNN has no gates: say so rather than show an empty plot
                note(chart, d.snapshot().trace().config().cell() == org.unroll.engine.CellType.RNN
                        ? bundle.getString("plot.gates.none") : null);
            }
            case HEAT -> {
                setDataset(p, 0, d.heat());
                chart.setTitle(bundle.getString("plot.heat") + " — " + labels.localize(d.heatGate()));
                ((XYBlockRenderer) p.getRenderer()).setBlockHeight(1);
                p.getRangeAxis().setRange(-0.5, d.snapshot().trace().config().hiddenSize() - 0.5);
                p.getDomainAxis().setRange(0.5, d.snapshot().trace().length() + 0.5);
            }
            case STATES -> setDataset(p, 0, d.states());
            case PREDICTION -> {
                setDataset(p, 0, d.prediction());
                setDataset(p, 1, d.freeRunning());
            }
            case GRADIENT -> setDataset(p, 0, d.gradient());
            default -> throw new IllegalArgumentException(name);
        }
    }

    private static void setDataset(XYPlot p, int index, XYDataset d) {
        if (p.getDataset(index) != d) {
            p.setDataset(index, d);
        }
    }

    private static void setLogLoss(XYPlot p, boolean log) {
        if (log == p.getRangeAxis() instanceof LogAxis) {
            return;
        }
        String label = p.getRangeAxis().getLabel();
        ValueAxis axis;
        if (log) {
            axis = logAxis(label);
        } else {
            NumberAxis n = new NumberAxis(label);
            n.setAutoRangeIncludesZero(false);
            axis = n;
        }
        p.setRangeAxis(axis);
    }

    private static void placeMarker(XYPlot p, int t) {
        if (t == markerOf(p) || t < 1 && Double.isNaN(markerOf(p))) {
            return;
        }
        p.clearDomainMarkers();
        if (t >= 1) {
            p.addDomainMarker(new ValueMarker(t, MARKER, new BasicStroke(2f)));
        }
    }

    private static double markerOf(XYPlot p) {
        Collection<?> ms = p.getDomainMarkers(Layer.FOREGROUND);
        return ms == null || ms.isEmpty() ? Double.NaN : ((ValueMarker) ms.iterator().next()).getValue();
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
        JFreeChart c = new JFreeChart(title, new Font(FONT, Font.BOLD, 13), p, true);
        c.setBackgroundPaint(Color.WHITE);
        return c;
    }

    /** Targets as dots: a many-to-one task has a single target, which a line alone would not show. */
    private static JFreeChart prediction(JFreeChart c) {
        XYLineAndShapeRenderer pr = (XYLineAndShapeRenderer) c.getXYPlot().getRenderer();
        pr.setSeriesShapesVisible(1, true);
        pr.setSeriesShape(1, new Ellipse2D.Double(-3, -3, 6, 6));
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
        JFreeChart c = new JFreeChart(title, new Font(FONT, Font.BOLD, 13), p, false);
        NumberAxis sa = new NumberAxis();
        PaintScaleLegend legend = new PaintScaleLegend(scale, sa);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setStripWidth(10);
        c.addSubtitle(legend);
        c.setBackgroundPaint(Color.WHITE);
        return c;
    }

    /** Both axes log: losses and norms of runs that differ by orders of magnitude. */
    private static JFreeChart compare(String title, String x, String y) {
        NumberAxis xa = new NumberAxis(x);
        xa.setAutoRangeIncludesZero(false);
        xa.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        LogAxis ya = new LogAxis(y);
        ya.setSmallestValue(1e-12);
        ya.setStandardTickUnits(NumberAxis.createStandardTickUnits());
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        XYPlot p = new XYPlot(null, xa, ya, r);
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinePaint(new Color(0xdddddd));
        p.setRangeGridlinePaint(new Color(0xdddddd));
        JFreeChart c = new JFreeChart(title, new Font(FONT, Font.BOLD, 14), p, true);
        c.setBackgroundPaint(Color.WHITE);
        return c;
    }

    /** The first network red, the second blue; validation dashed. */
    private static JFreeChart compareLoss(JFreeChart c) {
        XYLineAndShapeRenderer lr = (XYLineAndShapeRenderer) c.getXYPlot().getRenderer();
        Stroke dashed = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f,
                new float[] {6f, 4f}, 0f);
        for (int i = 0; i < 2; i++) {
            lr.setSeriesPaint(2 * i, RUN_COLOURS[i]);
            lr.setSeriesPaint(2 * i + 1, RUN_COLOURS[i]);
            lr.setSeriesStroke(2 * i, new BasicStroke(1.5f));
            lr.setSeriesStroke(2 * i + 1, dashed);
        }
        return c;
    }

    private static JFreeChart compareGradient(JFreeChart c) {
        XYLineAndShapeRenderer gr = (XYLineAndShapeRenderer) c.getXYPlot().getRenderer();
        for (int i = 0; i < 2; i++) {
            gr.setSeriesPaint(i, RUN_COLOURS[i]);
            gr.setSeriesStroke(i, new BasicStroke(2f));
        }
        return c;
    }

    /**
     * Sets a live chart's type for a room: its title, legend and axes at {@code scale} times their
     * desktop sizes (title 13, legend 12, axis labels 12, tick labels 10 px), as the graph's labels
     * grow with the presentation's type size. The chart is modified; its data is not.
     */
    public static void typeSize(JFreeChart chart, double scale) {
        double k = Math.max(0.5, scale);
        TextTitle title = chart.getTitle();
        if (title != null) {
            title.setFont(title.getFont().deriveFont((float) Math.round(13 * k)));
        }
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            Title t = chart.getSubtitle(i);
            if (t instanceof LegendTitle legend) {
                legend.setItemFont(legend.getItemFont().deriveFont((float) Math.round(12 * k)));
            } else if (t instanceof PaintScaleLegend scaleLegend) {
                typeSizeAxis(scaleLegend.getAxis(), k);
            }
        }
        XYPlot p = chart.getXYPlot();
        for (int i = 0; i < p.getDomainAxisCount(); i++) {
            typeSizeAxis(p.getDomainAxis(i), k);
        }
        for (int i = 0; i < p.getRangeAxisCount(); i++) {
            typeSizeAxis(p.getRangeAxis(i), k);
        }
    }

    private static void typeSizeAxis(Axis a, double k) {
        if (a != null) {
            a.setLabelFont(a.getLabelFont().deriveFont((float) Math.round(12 * k)));
            a.setTickLabelFont(a.getTickLabelFont().deriveFont((float) Math.round(10 * k)));
        }
    }

    private static void styleForSlides(JFreeChart chart, float k) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setBorderVisible(false);
        TextTitle title = chart.getTitle();
        if (title != null) {
            title.setFont(new Font(FONT, Font.BOLD, Math.round(20 * k)));
        }
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            Title t = chart.getSubtitle(i);
            if (t instanceof LegendTitle legend) {
                legend.setItemFont(new Font(FONT, Font.PLAIN, Math.round(14 * k)));
                legend.setBackgroundPaint(Color.WHITE);
                legend.setFrame(BlockBorder.NONE);
            } else if (t instanceof PaintScaleLegend scale) {
                scale.setBackgroundPaint(Color.WHITE);
                scale.setStripWidth(10 * k * 1.5);
                styleAxis(scale.getAxis(), k);
            }
        }
        XYPlot p = chart.getXYPlot();
        p.setBackgroundPaint(Color.WHITE);
        for (int i = 0; i < p.getDomainAxisCount(); i++) {
            styleAxis(p.getDomainAxis(i), k);
        }
        for (int i = 0; i < p.getRangeAxisCount(); i++) {
            styleAxis(p.getRangeAxis(i), k);
        }
        for (Map.Entry<Integer, XYDataset> e : p.getDatasets().entrySet()) {
            XYItemRenderer r = p.getRenderer(e.getKey());
            XYDataset d = e.getValue();
            if (d == null || !(r instanceof XYLineAndShapeRenderer lr)) {
                continue;
            }
            for (int s = 0; s < d.getSeriesCount(); s++) {
                lr.setSeriesStroke(s, thicker(lr.lookupSeriesStroke(s), 3f * k));
            }
        }
        Collection<?> markers = p.getDomainMarkers(Layer.FOREGROUND);
        if (markers != null) {
            for (Object m : markers) {
                Marker marker = (Marker) m;
                marker.setStroke(thicker(marker.getStroke(), 3f * k));
            }
        }
    }

    private static void styleAxis(Axis a, float k) {
        if (a == null) {
            return;
        }
        a.setLabelFont(new Font(FONT, Font.PLAIN, Math.round(16 * k)));
        a.setTickLabelFont(new Font(FONT, Font.PLAIN, Math.round(14 * k)));
        Paint black = Color.BLACK;
        a.setLabelPaint(black);
        a.setTickLabelPaint(black);
    }

    /** A stroke of another width, its dashes scaled alike; a stroke that is no BasicStroke as it is. */
    private static Stroke thicker(Stroke s, float width) {
        if (!(s instanceof BasicStroke b)) {
            return s;
        }
        float w = Math.max(width, b.getLineWidth());
        float[] dash = b.getDashArray();
        if (dash == null) {
            return new BasicStroke(w, b.getEndCap(), b.getLineJoin(), b.getMiterLimit());
        }
        float f = w / Math.max(b.getLineWidth(), 1e-3f);
        float[] scaled = new float[dash.length];
        for (int i = 0; i < dash.length; i++) {
            scaled[i] = dash[i] * f;
        }
        return new BasicStroke(w, b.getEndCap(), b.getLineJoin(), b.getMiterLimit(), scaled, b.getDashPhase() * f);
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
        public Paint getPaint(double v) {
            double x = Double.isNaN(v) ? 0 : Math.max(-1, Math.min(1, v));
            int k = (int) Math.round(255 * (1 - Math.abs(x)));
            return x >= 0 ? new Color(255, k, k) : new Color(k, k, 255);
        }
    }
}
