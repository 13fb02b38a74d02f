package org.unroll.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;

/** A plot's data as CSV rows: one row per point, the legend's words, the numbers exactly. */
class SeriesCsvTest {

    @Test
    void lineRowsAreTheDatasetsPointsWithTheLocalisedLabels() {
        PlotData d = TinyRuns.lstm();
        JFreeChart c = Plots.build(Plots.GATES, d, PlotView.DEFAULT, TinyRuns.JA);
        List<List<String>> rows = SeriesCsv.rows(c);
        assertEquals(SeriesCsv.XY_HEADER, rows.get(0));
        int r = 1;
        for (int s = 0; s < d.gates().getSeriesCount(); s++) {
            for (int i = 0; i < d.gates().getItemCount(s); i++, r++) {
                List<String> row = rows.get(r);
                assertEquals(new SeriesLabels(TinyRuns.JA).localize(d.gates().getSeriesKey(s).toString()), row.get(0));
                assertEquals(d.gates().getXValue(s, i), Double.parseDouble(row.get(1)), 0);
                assertEquals(d.gates().getYValue(s, i), Double.parseDouble(row.get(2)), 0);
            }
        }
        assertEquals(r, rows.size());
        assertEquals("i ユニット 0", rows.get(1).get(0));
        assertEquals("1.0", rows.get(1).get(1));
    }

    @Test
    void thePredictionIncludesTheFreeRunningContinuationAfterIt() {
        PlotData d = TinyRuns.lstm();
        List<List<String>> rows = SeriesCsv.rows(Plots.build(Plots.PREDICTION, d, PlotView.DEFAULT, TinyRuns.EN));
        int main = 0;
        for (int s = 0; s < d.prediction().getSeriesCount(); s++) {
            main += d.prediction().getItemCount(s);
        }
        int free = d.freeRunning().getItemCount(0) + d.freeRunning().getItemCount(1);
        assertEquals(1 + main + free, rows.size());
        List<String> last = rows.get(rows.size() - 1);
        assertEquals("free running", last.get(0));
        int n = d.freeRunning().getItemCount(1);
        assertEquals(Double.toString(d.freeRunning().getYValue(1, n - 1)), last.get(2));
    }

    @Test
    void theHeatMapHasZ() {
        PlotData d = TinyRuns.lstm();
        List<List<String>> rows = SeriesCsv.rows(Plots.build(Plots.HEAT, d, PlotView.DEFAULT, TinyRuns.EN));
        assertEquals(SeriesCsv.XYZ_HEADER, rows.get(0));
        assertEquals(1 + d.heat().getItemCount(0), rows.size());
        for (int i = 0; i < d.heat().getItemCount(0); i++) {
            List<String> row = rows.get(i + 1);
            assertEquals(4, row.size());
            assertEquals(Double.toString(d.heat().getXValue(0, i)), row.get(1));
            assertEquals(Double.toString(d.heat().getYValue(0, i)), row.get(2));
            assertEquals(d.heat().getZValue(0, i), Double.parseDouble(row.get(3)), 0);
        }
    }

    @Test
    void anEmptyChartIsItsHeaderAndKeysStandWithoutLabels() {
        assertEquals(List.of(SeriesCsv.XY_HEADER), SeriesCsv.rows(Plots.create(Plots.LOSS, TinyRuns.EN)));
        XYSeriesCollection c = new XYSeriesCollection();
        XYSeries s = new XYSeries("a, \"b\"");
        s.add(1, 0.1 + 0.2);
        c.addSeries(s);
        assertEquals(List.of(SeriesCsv.XY_HEADER, List.of("a, \"b\"", "1.0", "0.30000000000000004")),
                SeriesCsv.rows(c, null));
    }

    @Test
    void writingQuotesAsRfc4180Says() throws IOException {
        StringWriter w = new StringWriter();
        SeriesCsv.write(List.of(SeriesCsv.XY_HEADER, List.of("a, \"b\"", "1.0", "NaN"), List.of("x\ny", "2.0",
                "-0.5")), w);
        assertEquals("series,x,y\r\n\"a, \"\"b\"\"\",1.0,NaN\r\n\"x\ny\",2.0,-0.5\r\n", w.toString());
        assertEquals("", SeriesCsv.field(null));
        assertEquals("plain", SeriesCsv.field("plain"));
        assertEquals("\"\r\"", SeriesCsv.field("\r"));
    }
}
