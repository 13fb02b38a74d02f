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

/**
 * Legend labels in the user's language. The chart datasets of this package key their series with
 * stable English names ("train", "f unit 2", "LSTM validation"); this generator turns them into the
 * bundle's words when a legend is drawn, so a language switch needs no new data. Immutable.
 */
public final class SeriesLabels implements XYSeriesLabelGenerator {

    private static final Pattern UNIT = Pattern.compile("^(.*) unit (\\d+)$");
    private static final String[] CELLS = {"RNN ", "LSTM ", "GRU "};

    private final ResourceBundle bundle;

    /**
     * @param bundle the app's bundle ({@code i18n.messages}) in the language of the labels (not modified)
     */
    public SeriesLabels(ResourceBundle bundle) {
        this.bundle = bundle;
    }

    /**
     * Puts a generator of {@code bundle}'s labels on every renderer of a chart's XY plot.
     *
     * @param chart the chart (modified: its renderers' legend label generators)
     * @param bundle the app's bundle (not modified)
     */
    public static void applyTo(JFreeChart chart, ResourceBundle bundle) {
        SeriesLabels labels = new SeriesLabels(bundle);
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
            default -> key.startsWith("target ") ? bundle.getString("series.target") + key.substring(6) : key;
        };
    }
}
