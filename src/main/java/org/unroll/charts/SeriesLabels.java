package org.unroll.charts;

import java.text.MessageFormat;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.labels.XYSeriesLabelGenerator;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.AbstractXYItemRenderer;
import org.jfree.data.xy.XYDataset;
import org.unroll.engine.ModelConfig;
import org.unroll.engine.ParamLayout;
import org.unroll.graph.Notation;

/**
 * Legend labels in the user's language. The chart datasets of this package key their series with
 * stable English names ("train", "f unit 2", "LSTM validation"); this generator turns them into the
 * bundle's words when a legend is drawn, so a language switch needs no new data. Given a notation
 * and the network, it also names the symbols as the notation does: a gate ("u unit 0" for the
 * GRU's z in TensorFlow's letters, "c̃ unit 1" for Keras's LSTM candidate) and a parameter in
 * "‖∂E/∂Wh(t)‖" (the book's "‖∂E/∂W(t)‖", Keras's "‖∂E/∂recurrent_kernel(t)‖"); a notation
 * switch needs no new data either. Immutable.
 */
public final class SeriesLabels implements XYSeriesLabelGenerator {

    private static final Pattern UNIT = Pattern.compile("^(.*) unit (\\d+)$");
    private static final String[] CELLS = {"RNN ", "LSTM ", "GRU "};

    private static final Pattern PARAMETER = Pattern.compile("^‖∂E/∂(.+)\\(t\\)‖$");

    private final ResourceBundle bundle;
    private final Notation notation;
    private final ModelConfig config;
    private final ParamLayout layout;

    /**
     * Labels that keep the datasets' symbols (the case's keys) as they are.
     *
     * @param bundle the app's bundle ({@code i18n.messages}) in the language of the labels (not modified)
     */
    public SeriesLabels(ResourceBundle bundle) {
        this(bundle, Notation.BOOK, null);
    }

    /**
     * Labels in a language and a notation.
     *
     * @param bundle the app's bundle in the language of the labels (not modified)
     * @param notation the notation of the symbols (null: the book's)
     * @param config the network plotted, or null when not known yet (the symbols are then kept as
     *               the datasets have them)
     */
    public SeriesLabels(ResourceBundle bundle, Notation notation, ModelConfig config) {
        this.bundle = bundle;
        this.notation = notation == null ? Notation.BOOK : notation;
        this.config = config;
        this.layout = config == null ? null : ParamLayout.of(config);
    }

    /**
     * Puts a generator of labels in a language and a notation on every renderer of a chart's XY plot.
     *
     * @param chart the chart (modified: its renderers' legend label generators)
     * @param bundle the app's bundle (not modified)
     * @param notation the notation (null: the book's)
     * @param config the network plotted, or null
     */
    public static void applyTo(JFreeChart chart, ResourceBundle bundle, Notation notation, ModelConfig config) {
        apply(chart, new SeriesLabels(bundle, notation, config));
    }

    /**
     * Puts a generator of {@code bundle}'s labels on every renderer of a chart's XY plot.
     *
     * @param chart the chart (modified: its renderers' legend label generators)
     * @param bundle the app's bundle (not modified)
     */
    public static void applyTo(JFreeChart chart, ResourceBundle bundle) {
        apply(chart, new SeriesLabels(bundle));
    }

    private static void apply(JFreeChart chart, SeriesLabels labels) {
        XYPlot plot = chart.getXYPlot();
        for (int i = 0; i < plot.getRendererCount(); i++) {
            if (plot.getRenderer(i) instanceof AbstractXYItemRenderer r) {
                r.setLegendItemLabelGenerator(labels);
            }
        }
    }

    @Override
    public String generateLabel(XYDataset dataset, int series) {
        return localize(String.valueOf(dataset.getSeriesKey(series)));
    }

    /** The label for a series key (unknown keys, such as formulas, are shown as they are). */
    public String localize(String key) {
        for (String cell : CELLS) {
            if (key.startsWith(cell)) {
                return cell + localize(key.substring(cell.length()));
            }
        }
        Matcher m = UNIT.matcher(key);
        if (m.matches()) {
            return MessageFormat.format(bundle.getString("series.unit"), localize(m.group(1)), m.group(2));
        }
        return switch (key) {
            case "train" -> bundle.getString("series.train");
            case "validation" -> bundle.getString("series.validation");
            case "target" -> bundle.getString("series.target");
            case "free running" -> bundle.getString("series.free");
            case "series" -> bundle.getString("series.series");
            case "mean ∏f" -> bundle.getString("series.meanForget");
            default -> key.startsWith("target ") ? bundle.getString("series.target") + key.substring(6) : symbol(key);
        };
    }

    /** A dataset's symbol in the notation: a gate's letter, a parameter's label in ‖∂E/∂·(t)‖, ∏f. */
    private String symbol(String key) {
        if (config == null) {
            return key;
        }
        Matcher m = PARAMETER.matcher(key);
        if (m.matches() && layout.param(m.group(1)) != null) {
            return "‖∂E/∂" + notation.parameterLabel(config, m.group(1)) + "(t)‖";
        }
        if (key.startsWith("∏")) {
            return "∏" + notation.traceSymbol(config, key.substring(1));
        }
        return notation.traceSymbol(config, key);
    }
}
