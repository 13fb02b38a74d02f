package org.unroll.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;

/**
 * The charts of both tabs without JavaFX: localised titles and axes, the datasets of a
 * {@link PlotData} swapped in, the loss axis, the step marker, and the slide style of an exported
 * copy.
 */
class PlotsTest {

    /** The title key and the range axis key of every chart. */
    private static final Map<String, String[]> KEYS = Map.of(
            Plots.LOSS, new String[] {"plot.loss", "plot.loss.axis", "plot.epoch"},
            Plots.GATES, new String[] {"plot.gates", "plot.activation", null},
            Plots.HEAT, new String[] {"plot.heat", "plot.unit", null},
            Plots.STATES, new String[] {"plot.states", "plot.value", null},
            Plots.PREDICTION, new String[] {"plot.prediction", "plot.value", null},
            Plots.GRADIENT, new String[] {"plot.gradient", "plot.norm", null},
            Plots.COMPARE_LOSS, new String[] {"compare.loss", "plot.loss.axis", "plot.epoch"},
            Plots.COMPARE_GRADIENT, new String[] {"compare.gradient", "plot.norm", null});

    @Test
    void everyChartHasTheBundlesTitleAndAxesInEnglishAndJapanese() {
        for (ResourceBundle b : List.of(TinyRuns.EN, TinyRuns.JA)) {
            List<String> names = new ArrayList<>(Plots.TRAINING);
            names.addAll(Plots.COMPARE);
            for (String name : names) {
                JFreeChart c = Plots.create(name, b);
                String[] k = KEYS.get(name);
                assertEquals(b.getString(k[0]), c.getTitle().getText(), name);
                assertEquals(b.getString(k[1]), c.getXYPlot().getRangeAxis().getLabel(), name);
                assertEquals(k[2] == null ? "t" : b.getString(k[2]), c.getXYPlot().getDomainAxis().getLabel(), name);
                assertEquals("SansSerif", c.getTitle().getFont().getFamily(), name);
                assertNull(c.getXYPlot().getDataset(0), name);
            }
        }
        assertEquals("ゲートの活性", Plots.create(Plots.GATES, TinyRuns.JA).getTitle().getText());
        assertEquals("Gate activations", Plots.create(Plots.GATES, TinyRuns.EN).getTitle().getText());
        assertTrue(Plots.create(Plots.GRADIENT, TinyRuns.EN).getXYPlot().getRangeAxis() instanceof LogAxis);
        assertTrue(Plots.create(Plots.COMPARE_LOSS, TinyRuns.EN).getXYPlot().getRangeAxis() instanceof LogAxis);
        assertThrows(IllegalArgumentException.class, () -> Plots.create("nope", TinyRuns.EN));
    }

    @Test
    void theGradientPlotSaysHowManyOfItsValuesAreExactlyZero() {
        for (ResourceBundle b : List.of(TinyRuns.EN, TinyRuns.JA)) {
            JFreeChart c = Plots.create(Plots.GRADIENT, b);
            XYSeries s = new XYSeries("n", false, false);
            s.add(1, 0.0);
            s.add(2, 0.0);
            s.add(3, 2.5);
            XYSeriesCollection d = new XYSeriesCollection(s);
            c.getXYPlot().setDataset(0, d);
            Plots.noteZeros(c, b);
            List<String> notes = new ArrayList<>();
            for (int i = 0; i < c.getSubtitleCount(); i++) {
                if (c.getSubtitle(i) instanceof org.jfree.chart.title.TextTitle t) {
                    notes.add(t.getText());
                }
            }
            assertEquals(List.of(java.text.MessageFormat.format(b.getString("plot.gradient.zeros"), 2, 3)), notes);
            assertTrue(notes.get(0).contains("2") && notes.get(0).contains("3"));
            // shown again with no zeros: the note goes, and it is never there twice
            Plots.noteZeros(c, b);
            s.updateByIndex(0, 1.0);
            s.updateByIndex(1, 1.0);
            Plots.noteZeros(c, b);
            for (int i = 0; i < c.getSubtitleCount(); i++) {
                assertFalse(c.getSubtitle(i) instanceof org.jfree.chart.title.TextTitle, "no note without zeros");
            }
        }
    }

    @Test
    void theGatePlotOfASimpleRnnSaysItHasNoGatesAndAnLstmsDoesNot() {
        org.unroll.engine.Dataset data = org.unroll.engine.Datasets.noisySine(1);
        PlotData rnn = HeadlessTraining.train(TinyRuns.config(data, org.unroll.engine.CellType.RNN, 2, 1), data, 0,
                PlotOptions.DEFAULTS);
        for (ResourceBundle b : List.of(TinyRuns.EN, TinyRuns.JA)) {
            JFreeChart c = Plots.build(Plots.GATES, rnn, PlotView.DEFAULT, b);
            assertEquals(List.of(b.getString("plot.gates.none")), notes(c));
            Plots.show(c, Plots.GATES, TinyRuns.lstm(), PlotView.DEFAULT, b);
            assertEquals(List.of(), notes(c), "an LSTM's gates are there: no note");
            Plots.show(c, Plots.GATES, rnn, PlotView.DEFAULT, b);
            Plots.show(c, Plots.GATES, null, PlotView.DEFAULT, b);
            assertEquals(List.of(), notes(c), "an empty chart: no note");
        }
    }

    private static List<String> notes(JFreeChart c) {
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < c.getSubtitleCount(); i++) {
            if (c.getSubtitle(i) instanceof org.jfree.chart.title.TextTitle t) {
                notes.add(t.getText());
            }
        }
        return notes;
    }

    @Test
    void showPutsThePlotDatasetsIn() {
        PlotData d = TinyRuns.lstm();
        Map<String, JFreeChart> c = new LinkedHashMap<>();
        for (String name : Plots.TRAINING) {
            c.put(name, Plots.build(name, d, PlotView.DEFAULT, TinyRuns.EN));
        }
        assertSame(d.loss(), c.get(Plots.LOSS).getXYPlot().getDataset(0));
        assertSame(d.gates(), c.get(Plots.GATES).getXYPlot().getDataset(0));
        assertSame(d.heat(), c.get(Plots.HEAT).getXYPlot().getDataset(0));
        assertSame(d.states(), c.get(Plots.STATES).getXYPlot().getDataset(0));
        assertSame(d.prediction(), c.get(Plots.PREDICTION).getXYPlot().getDataset(0));
        assertSame(d.freeRunning(), c.get(Plots.PREDICTION).getXYPlot().getDataset(1));
        assertSame(d.gradient(), c.get(Plots.GRADIENT).getXYPlot().getDataset(0));
        // what the chart holds is the PlotData's numbers
        XYPlot gates = c.get(Plots.GATES).getXYPlot();
        assertEquals(6, gates.getDataset().getSeriesCount()); // i, f, o × units 0, 2
        int tn = d.snapshot().trace().length();
        for (int s = 0; s < 6; s++) {
            assertEquals(tn, gates.getDataset().getItemCount(s));
            for (int i = 0; i < tn; i++) {
                assertEquals(d.gates().getYValue(s, i), gates.getDataset().getYValue(s, i), 0);
            }
        }
        assertEquals(3, c.get(Plots.LOSS).getXYPlot().getDataset().getItemCount(0));
        // the heat map: its gate in the title, one row per unit, one column per step
        JFreeChart heat = c.get(Plots.HEAT);
        assertEquals("Units × t — f", heat.getTitle().getText());
        assertEquals(-0.5, heat.getXYPlot().getRangeAxis().getLowerBound());
        assertEquals(2.5, heat.getXYPlot().getRangeAxis().getUpperBound());
        assertEquals(tn + 0.5, heat.getXYPlot().getDomainAxis().getUpperBound());
        // the gradient's log axis fits the positive values
        XYPlot g = c.get(Plots.GRADIENT).getXYPlot();
        assertTrue(g.getRangeAxis().getLowerBound() > 0);
        // legends in the bundle's language
        JFreeChart ja = Plots.build(Plots.GATES, d, PlotView.DEFAULT, TinyRuns.JA);
        LegendItemCollection items = ja.getXYPlot().getLegendItems();
        assertEquals("i ユニット 0", items.get(0).getLabel());
        assertEquals("o ユニット 2", items.get(5).getLabel());
        // null empties
        for (String name : Plots.TRAINING) {
            Plots.show(c.get(name), name, null, PlotView.DEFAULT, TinyRuns.EN);
            assertNull(c.get(name).getXYPlot().getDataset(0), name);
            assertNull(c.get(name).getXYPlot().getDataset(1), name);
        }
        assertEquals("Units × t", heat.getTitle().getText());
        assertThrows(IllegalArgumentException.class,
                () -> Plots.show(Plots.create(Plots.COMPARE_LOSS, TinyRuns.EN), Plots.COMPARE_LOSS, d,
                        PlotView.DEFAULT, TinyRuns.EN));
    }

    @Test
    void theMarkerAtTIsInEveryPlotOverTAndNotInTheLoss() {
        PlotData d = TinyRuns.lstm();
        for (String name : Plots.TRAINING) {
            JFreeChart c = Plots.build(name, d, PlotView.DEFAULT.withMarked(5), TinyRuns.EN);
            if (Plots.overSteps(name)) {
                assertEquals(5.0, Plots.markerOf(c), name);
                assertEquals(1, c.getXYPlot().getDomainMarkers(Layer.FOREGROUND).size());
            } else {
                assertTrue(Double.isNaN(Plots.markerOf(c)), name);
            }
            Plots.show(c, name, d, PlotView.DEFAULT.withMarked(7), TinyRuns.EN);
            assertEquals(Plots.overSteps(name) ? 7.0 : Double.NaN, Plots.markerOf(c), name);
            Plots.show(c, name, d, PlotView.DEFAULT, TinyRuns.EN);
            assertTrue(Double.isNaN(Plots.markerOf(c)), name);
        }
        // a marker without data, as the tab has before training
        JFreeChart empty = Plots.build(Plots.STATES, null, PlotView.DEFAULT.withMarked(3), TinyRuns.EN);
        assertEquals(3.0, Plots.markerOf(empty));
    }

    @Test
    void theLossAxisTurnsLogAndBack() {
        PlotData d = TinyRuns.lstm();
        JFreeChart c = Plots.build(Plots.LOSS, d, PlotView.DEFAULT.withLogLoss(true), TinyRuns.JA);
        XYPlot p = c.getXYPlot();
        assertTrue(p.getRangeAxis() instanceof LogAxis);
        assertEquals("損失", p.getRangeAxis().getLabel());
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (int i = 0; i < d.loss().getItemCount(0); i++) {
            min = Math.min(min, d.loss().getYValue(0, i));
            max = Math.max(max, d.loss().getYValue(0, i));
        }
        assertTrue(p.getRangeAxis().getLowerBound() > 0 && p.getRangeAxis().getLowerBound() <= min);
        assertTrue(p.getRangeAxis().getUpperBound() >= max);
        Plots.show(c, Plots.LOSS, d, PlotView.DEFAULT, TinyRuns.JA);
        assertTrue(p.getRangeAxis() instanceof NumberAxis);
        assertFalse(((NumberAxis) p.getRangeAxis()).getAutoRangeIncludesZero());
        assertEquals("損失", p.getRangeAxis().getLabel());
    }

    @Test
    void aChartUpdatedStepByStepIsTheChartBuiltAtOnce() {
        PlotData d = TinyRuns.lstm();
        PlotView v = new PlotView(true, 4);
        for (String name : Plots.TRAINING) {
            JFreeChart live = Plots.create(name, TinyRuns.EN);
            Plots.show(live, name, null, PlotView.DEFAULT, TinyRuns.EN);
            Plots.show(live, name, d, PlotView.DEFAULT, TinyRuns.EN);
            Plots.show(live, name, d, PlotView.DEFAULT.withLogLoss(true), TinyRuns.EN);
            Plots.show(live, name, d, v, TinyRuns.EN);
            JFreeChart built = Plots.build(name, d, v, TinyRuns.EN);
            int[] a = pixels(live);
            int[] b = pixels(built);
            assertArrayEquals(a, b, name + ": the same picture");
        }
    }

    @Test
    void theSlideStyleRestylesTheExportedCopyOnly() {
        PlotData d = TinyRuns.lstm();
        JFreeChart live = Plots.build(Plots.PREDICTION, d, PlotView.DEFAULT.withMarked(3), TinyRuns.JA);
        Font liveTitle = live.getTitle().getFont();
        Font liveTicks = live.getXYPlot().getDomainAxis().getTickLabelFont();
        JFreeChart slide = Plots.forSlides(Plots.build(Plots.PREDICTION, d, PlotView.DEFAULT.withMarked(3),
                TinyRuns.JA), 1.5);
        assertEquals(new Font("SansSerif", Font.BOLD, 30), slide.getTitle().getFont());
        XYPlot p = slide.getXYPlot();
        assertEquals(new Font("SansSerif", Font.PLAIN, 24), p.getDomainAxis().getLabelFont());
        assertEquals(new Font("SansSerif", Font.PLAIN, 21), p.getRangeAxis().getTickLabelFont());
        LegendTitle legend = slide.getLegend();
        assertNotNull(legend);
        assertEquals(new Font("SansSerif", Font.PLAIN, 21), legend.getItemFont());
        assertEquals(Color.WHITE, slide.getBackgroundPaint());
        assertEquals(Color.WHITE, p.getBackgroundPaint());
        assertFalse(slide.isBorderVisible());
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) p.getRenderer(0);
        for (int s = 0; s < p.getDataset(0).getSeriesCount(); s++) {
            assertEquals(4.5f, ((BasicStroke) r.lookupSeriesStroke(s)).getLineWidth(), 1e-6);
        }
        BasicStroke free = (BasicStroke) ((XYLineAndShapeRenderer) p.getRenderer(1)).lookupSeriesStroke(1);
        assertEquals(4.5f, free.getLineWidth(), 1e-6);
        assertNotNull(free.getDashArray(), "the free-running continuation stays dashed");
        // the live chart is untouched
        assertSame(liveTitle, live.getTitle().getFont());
        assertSame(liveTicks, live.getXYPlot().getDomainAxis().getTickLabelFont());
        assertEquals(1.0f, ((BasicStroke) ((XYLineAndShapeRenderer) live.getXYPlot().getRenderer())
                .lookupSeriesStroke(0)).getLineWidth(), 1e-6);
        assertNotEquals(liveTitle, slide.getTitle().getFont());
        // the heat map's colour scale restyled too
        JFreeChart heat = Plots.forSlides(Plots.build(Plots.HEAT, d, PlotView.DEFAULT, TinyRuns.EN), 1);
        assertTrue(heat.getSubtitleCount() >= 1);
        assertThrows(IllegalArgumentException.class, () -> Plots.forSlides(live, 0));
        assertThrows(IllegalArgumentException.class, () -> Plots.forSlides(live, Double.NaN));
    }

    @Test
    void theComparisonChartsTakeTheirDatasetAndFitTheLogAxis() {
        XYSeriesCollection runs = new XYSeriesCollection();
        XYSeries a = new XYSeries("RNN ‖∂E/∂h(t)‖");
        a.add(1, 0.0);
        a.add(2, 1e-6);
        a.add(3, 1e-2);
        runs.addSeries(a);
        JFreeChart c = Plots.create(Plots.COMPARE_GRADIENT, TinyRuns.EN);
        Plots.showComparison(c, runs);
        assertSame(runs, c.getXYPlot().getDataset());
        assertEquals(0.5e-6, c.getXYPlot().getRangeAxis().getLowerBound(), 1e-18);
        assertEquals(2e-2, c.getXYPlot().getRangeAxis().getUpperBound(), 1e-15);
        LegendItem item = c.getXYPlot().getLegendItems().get(0);
        assertEquals("RNN ‖∂E/∂h(t)‖", item.getLabel());
    }

    private static int[] pixels(JFreeChart c) {
        BufferedImage img = c.createBufferedImage(480, 320);
        return img.getRGB(0, 0, 480, 320, null, 0, 480);
    }

    @Test
    void aPresentationsTypeSizeScalesEveryPlotsTextAndBack() {
        JFreeChart c = Plots.create(Plots.LOSS, TinyRuns.EN);
        Plots.typeSize(c, 3.1);
        assertEquals(40, c.getTitle().getFont().getSize());
        assertEquals(31, c.getXYPlot().getDomainAxis().getTickLabelFont().getSize());
        assertEquals(37, c.getXYPlot().getRangeAxis().getLabelFont().getSize());
        Plots.typeSize(c, 1);
        assertEquals(13, c.getTitle().getFont().getSize());
        assertEquals(10, c.getXYPlot().getDomainAxis().getTickLabelFont().getSize());
    }
}
