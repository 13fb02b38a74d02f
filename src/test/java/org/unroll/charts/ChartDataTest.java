package org.unroll.charts;

import org.unroll.engine.Quantity;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.unroll.engine.Case;
import org.unroll.engine.CaseFile;
import org.unroll.engine.Trace;
import org.unroll.session.LossHistory;

/** Every dataset holds exactly the numbers of the trace it was built from. */
class ChartDataTest {

    static Trace lstm;
    static Case lstmCase;
    static Trace gru;

    static Case read(String name) throws Exception {
        return CaseFile.read(Path.of(ChartDataTest.class.getResource("/cases/" + name).toURI()));
    }

    @BeforeAll
    static void traces() throws Exception {
        lstmCase = read("lstm-many-to-many.json");
        lstm = lstmCase.compute();
        gru = read("gru-reset-before-mse.json").compute();
    }

    /** Series u of the collection holds key(t)[unit u] at x = t, for t = 1 … T. */
    private static void assertHolds(Trace trace, String key, XYSeriesCollection c, int... units) {
        assertEquals(units.length, c.getSeriesCount());
        for (int s = 0; s < units.length; s++) {
            XYSeries series = c.getSeries(s);
            assertEquals(key + " unit " + units[s], series.getKey());
            assertEquals(trace.length(), series.getItemCount());
            for (int t = 1; t <= trace.length(); t++) {
                assertEquals(t, series.getX(t - 1).intValue());
                assertEquals(trace.forward(Quantity.fromKey(key), t)[units[s]], series.getY(t - 1).doubleValue(), 0.0);
            }
        }
    }

    @Test
    void lstmGates() {
        for (String g : List.of("i", "f", "o")) {
            assertHolds(lstm, g, GateSeries.of(lstm, g, 0, 2), 0, 2);
            assertHolds(lstm, g, GateSeries.allUnits(lstm, g), 0, 1, 2);
        }
        assertEquals(0, GateSeries.of(lstm, "f").getSeriesCount());
        assertThrows(IllegalArgumentException.class, () -> GateSeries.of(lstm, "r", 0));
        assertThrows(IllegalArgumentException.class, () -> GateSeries.of(lstm, "f", 3));
        assertThrows(IllegalArgumentException.class, () -> GateSeries.of(lstm, "h", 0));
    }

    @Test
    void lstmGatesAgreeWithTheCasesIndependentOracle() {
        double[][] expected = lstmCase.expected().forward().get("f");
        XYSeriesCollection c = GateSeries.allUnits(lstm, "f");
        for (int u = 0; u < 3; u++) {
            for (int t = 1; t <= lstm.length(); t++) {
                assertEquals(expected[t - 1][u], c.getSeries(u).getY(t - 1).doubleValue(), 1e-9);
            }
        }
    }

    @Test
    void gruGates() {
        for (String g : List.of("r", "z")) {
            assertHolds(gru, g, GateSeries.of(gru, g, 1), 1);
            assertHolds(gru, g, GateSeries.allUnits(gru, g), PerUnit.all(gru));
        }
        assertThrows(IllegalArgumentException.class, () -> GateSeries.of(gru, "i", 0));
    }

    @Test
    void heatMapHoldsEveryUnitAtEveryStep() {
        for (Trace trace : List.of(lstm, gru)) {
            String gate = trace == lstm ? "f" : "z";
            DefaultXYZDataset d = GateHeatMap.of(trace, gate);
            assertEquals(1, d.getSeriesCount());
            assertEquals(gate, d.getSeriesKey(0));
            int h = trace.config().hiddenSize();
            assertEquals(trace.length() * h, d.getItemCount(0));
            int seen = 0;
            for (int i = 0; i < d.getItemCount(0); i++) {
                int t = (int) d.getXValue(0, i);
                int u = (int) d.getYValue(0, i);
                assertEquals(trace.forward(Quantity.fromKey(gate), t)[u], d.getZValue(0, i), 0.0);
                seen++;
            }
            assertEquals(trace.length() * h, seen);
            assertEquals(2, (int) d.getXValue(0, h), "t-major order");
        }
        assertThrows(IllegalArgumentException.class, () -> GateHeatMap.of(gru, "f"));
    }

    @Test
    void cellAndHiddenStates() {
        assertHolds(lstm, "c", StateSeries.of(lstm, "c", 0, 1), 0, 1);
        assertHolds(lstm, "h", StateSeries.of(lstm, "h", 2), 2);
        assertHolds(gru, "h", StateSeries.of(gru, "h", 0), 0);
        for (int t = 1; t <= lstm.length(); t++) {
            assertEquals(lstm.cell(t)[1], StateSeries.of(lstm, "c", 1).getSeries(0).getY(t - 1).doubleValue(), 0.0);
        }
        assertThrows(IllegalArgumentException.class, () -> StateSeries.of(gru, "c", 0));
        assertThrows(IllegalArgumentException.class, () -> StateSeries.of(lstm, "f", 0));
    }

    @Test
    void predictionAgainstTarget() {
        XYSeriesCollection c = PredictionSeries.of(lstm);
        assertEquals(2, c.getSeriesCount());
        XYSeries y = c.getSeries("y");
        XYSeries target = c.getSeries("target");
        int withTarget = 0;
        for (int t = 1; t <= lstm.length(); t++) {
            assertEquals(lstm.forward(Quantity.Y, t)[0], y.getY(t - 1).doubleValue(), 0.0);
            double[] tg = lstm.target(t);
            if (tg != null) {
                assertEquals(tg[0], target.getY(withTarget).doubleValue(), 0.0);
                assertEquals(t, target.getX(withTarget).intValue());
                withTarget++;
            }
        }
        assertEquals(withTarget, target.getItemCount());
        assertEquals(lstm.length(), withTarget, "many-to-many: a target at every step");
    }

    @Test
    void freeRunningSeriesFollowTheSeries() {
        XYSeriesCollection c = PredictionSeries.freeRunning(new double[] {1, 2, 3}, new double[] {4, 5});
        XYSeries free = c.getSeries("free running");
        assertEquals(3, c.getSeries("series").getItemCount());
        assertEquals(2, free.getItemCount());
        assertEquals(3, free.getX(0).intValue());
        assertEquals(5.0, free.getY(1).doubleValue(), 0.0);
    }

    @Test
    void hiddenNormsAreTheNormsOfDh() {
        for (Trace trace : List.of(lstm, gru)) {
            XYSeries s = GradientFlow.hiddenNorms(trace);
            assertEquals(trace.length(), s.getItemCount());
            for (int t = 1; t <= trace.length(); t++) {
                double sum = 0;
                for (double v : trace.delta(Quantity.DH, t)) {
                    sum += v * v;
                }
                assertEquals(Math.sqrt(sum), s.getY(t - 1).doubleValue(), 0.0);
            }
        }
    }

    @Test
    void forgetProductRunsBackFromTheLastStep() {
        int tn = lstm.length();
        XYSeriesCollection per = GradientFlow.forgetProduct(lstm, 0, 1, 2);
        XYSeries mean = GradientFlow.forgetProduct(lstm);
        for (int t = 1; t <= tn; t++) {
            double sum = 0;
            for (int u = 0; u < 3; u++) {
                double p = 1;
                for (int k = t + 1; k <= tn; k++) {
                    p *= lstm.forward(Quantity.F, k)[u];
                }
                assertEquals(p, per.getSeries(u).getY(t - 1).doubleValue(), 1e-15);
                sum += p;
            }
            assertEquals(sum / 3, mean.getY(t - 1).doubleValue(), 1e-15);
        }
        assertEquals(1.0, per.getSeries(2).getY(tn - 1).doubleValue(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> GradientFlow.forgetProduct(gru));
        assertThrows(IllegalArgumentException.class, () -> GradientFlow.forgetProduct(lstm, 3));
    }

    @Test
    void parameterTermsAreFrobeniusNormsAndSumToTheGradient() {
        for (String name : List.of("Wh_f", "Wx_i", "b_o", "Wy")) {
            XYSeries s = GradientFlow.parameterTerms(lstm, name);
            assertEquals(lstm.length(), s.getItemCount());
            double[][] total = new double[lstm.grad(name).length][lstm.grad(name)[0].length];
            for (int t = 1; t <= lstm.length(); t++) {
                double[][] term = lstm.gradientTerm(name, t);
                double sq = 0;
                for (int i = 0; i < term.length; i++) {
                    for (int j = 0; j < term[i].length; j++) {
                        sq += term[i][j] * term[i][j];
                        total[i][j] += term[i][j];
                    }
                }
                assertEquals(Math.sqrt(sq), s.getY(t - 1).doubleValue(), 0.0);
            }
            for (int i = 0; i < total.length; i++) {
                assertArrayEquals(lstm.grad(name)[i], total[i], 1e-12);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> GradientFlow.parameterTerms(lstm, "Wq"));
    }

    @Test
    void lossSeriesSkipMissingValues() {
        LossHistory h = new LossHistory();
        h.add(0.5, Double.NaN);
        h.add(0.25, 0.3);
        XYSeriesCollection c = LossSeries.of(h);
        XYSeries train = c.getSeries("train");
        XYSeries val = c.getSeries("validation");
        assertEquals(2, train.getItemCount());
        assertEquals(0.25, train.getY(1).doubleValue(), 0.0);
        assertEquals(2, train.getX(1).intValue());
        assertEquals(1, val.getItemCount());
        assertEquals(2, val.getX(0).intValue());
        assertEquals(0.3, val.getY(0).doubleValue(), 0.0);
        assertTrue(c.getSeriesIndex("train") == 0);
    }
}
