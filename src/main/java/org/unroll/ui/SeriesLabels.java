package org.unroll.ui;

import java.text.MessageFormat;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jfree.chart.labels.XYSeriesLabelGenerator;
import org.jfree.data.xy.XYDataset;

/**
 * Legend labels in the user's language. The chart datasets ({@code org.unroll.charts}) key their
 * series with stable English names ("train", "f unit 2", "LSTM validation"); this generator turns
 * them into the bundle's words when a legend is drawn, so a language switch needs no new data.
 */
final class SeriesLabels implements XYSeriesLabelGenerator {

    private static final Pattern UNIT = Pattern.compile("^(.*) unit (\\d+)$");
    private static final String[] CELLS = {"RNN ", "LSTM ", "GRU "};

    private final ResourceBundle bundle;

    SeriesLabels(ResourceBundle bundle) {
        this.bundle = bundle;
    }

    /** Puts this generator on every renderer of a chart's XY plot. */
    static void applyTo(org.jfree.chart.JFreeChart chart, ResourceBundle bundle) {
        SeriesLabels labels = new SeriesLabels(bundle);
        org.jfree.chart.plot.XYPlot plot = chart.getXYPlot();
        for (int i = 0; i < plot.getRendererCount(); i++) {
            if (plot.getRenderer(i) instanceof org.jfree.chart.renderer.xy.AbstractXYItemRenderer r) {
                r.setLegendItemLabelGenerator(labels);
            }
        }
    }

    @Override
    public String generateLabel(XYDataset dataset, int series) {
        return localize(String.valueOf(dataset.getSeriesKey(series)));
    }

    /** The label for a series key (unknown keys, such as formulas, are shown as they are). */
    String localize(String key) {
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
