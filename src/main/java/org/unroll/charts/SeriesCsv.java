package org.unroll.charts;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.labels.XYSeriesLabelGenerator;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.AbstractXYItemRenderer;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYZDataset;

/**
 * A plot's data as CSV rows, in long format: one row per data point, header first. Line plots give
 * {@code series,x,y}; the heat map (an {@link XYZDataset}) gives {@code series,x,y,z}. The series
 * column holds the legend label (localised when the chart's renderer has {@link SeriesLabels}, else
 * the series key); numbers are {@link Double#toString(double)}, so they read back exactly (NaN and
 * Infinity as Java spells them).
 */
public final class SeriesCsv {

    /** The header of line plots. */
    public static final List<String> XY_HEADER = List.of("series", "x", "y");
    /** The header of plots with a z value (the heat map). */
    public static final List<String> XYZ_HEADER = List.of("series", "x", "y", "z");

    private SeriesCsv() {
    }

    /**
     * Every data point of a chart's XY plot: the header, then the rows of its datasets in dataset
     * index order (the prediction plot's free-running continuation after the prediction), each
     * series in order, each item in order. When any dataset has z values the header is
     * {@link #XYZ_HEADER} and rows without a z leave it empty.
     *
     * @param chart a chart with an XY plot (not modified)
     * @return new rows, the header first (only the header for a chart without data)
     */
    public static List<List<String>> rows(JFreeChart chart) {
        XYPlot p = chart.getXYPlot();
        List<XYDataset> datasets = new ArrayList<>();
        for (Map.Entry<Integer, XYDataset> e : p.getDatasets().entrySet()) {
            if (e.getValue() != null) {
                datasets.add(e.getValue()); // the map is ordered by index
            }
        }
        boolean z = datasets.stream().anyMatch(d -> d instanceof XYZDataset);
        List<List<String>> rows = new ArrayList<>();
        rows.add(z ? XYZ_HEADER : XY_HEADER);
        for (XYDataset d : datasets) {
            addRows(rows, d, labels(p.getRendererForDataset(d)), z);
        }
        return rows;
    }

    /**
     * Every data point of one dataset.
     *
     * @param d the dataset (not modified)
     * @param labels the series labels, or null for the series keys (not modified)
     * @return new rows, the header first ({@link #XYZ_HEADER} for an {@link XYZDataset})
     */
    public static List<List<String>> rows(XYDataset d, XYSeriesLabelGenerator labels) {
        boolean z = d instanceof XYZDataset;
        List<List<String>> rows = new ArrayList<>();
        rows.add(z ? XYZ_HEADER : XY_HEADER);
        addRows(rows, d, labels, z);
        return rows;
    }

    /**
     * Writes rows as RFC 4180 CSV: fields separated by commas, records ended by CRLF, a field quoted
     * when it holds a comma, a double quote, CR or LF (its quotes doubled).
     *
     * @param rows the rows (not modified)
     * @param out where to write (written to; not flushed or closed)
     * @throws IOException if writing fails
     */
    public static void write(List<List<String>> rows, Writer out) throws IOException {
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(field(row.get(i)));
            }
            out.write("\r\n");
        }
    }

    /**
     * One field as RFC 4180 writes it.
     *
     * @param s the text (null is written as an empty field)
     * @return the text, quoted if it holds a comma, a double quote, CR or LF
     */
    public static String field(String s) {
        if (s == null) {
            return "";
        }
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\r') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static XYSeriesLabelGenerator labels(XYItemRenderer r) {
        return r instanceof AbstractXYItemRenderer a ? a.getLegendItemLabelGenerator() : null;
    }

    private static void addRows(List<List<String>> rows, XYDataset d, XYSeriesLabelGenerator labels, boolean z) {
        XYZDataset xyz = d instanceof XYZDataset x ? x : null;
        for (int s = 0; s < d.getSeriesCount(); s++) {
            String name = labels != null ? labels.generateLabel(d, s) : String.valueOf(d.getSeriesKey(s));
            for (int i = 0; i < d.getItemCount(s); i++) {
                List<String> row = new ArrayList<>(4);
                row.add(name);
                row.add(Double.toString(d.getXValue(s, i)));
                row.add(Double.toString(d.getYValue(s, i)));
                if (z) {
                    row.add(xyz != null ? Double.toString(xyz.getZValue(s, i)) : "");
                }
                rows.add(List.copyOf(row));
            }
        }
    }
}
