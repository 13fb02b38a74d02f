package org.unroll.charts;

import org.unroll.engine.Quantity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.unroll.engine.Case;
import org.unroll.engine.CaseFile;
import org.unroll.engine.CellType;
import org.unroll.engine.Dataset;
import org.unroll.engine.Datasets;
import org.unroll.engine.Sequence;
import org.unroll.engine.Trace;
import org.unroll.engine.TrainingConfig;
import org.unroll.session.TrainingRun;

/**
 * Training without a window returns the plots of the final snapshot: one loss point per epoch, and
 * datasets that hold the numbers of the engine's own trace of the sample with the final weights;
 * an untrained case plots its trace with an empty loss.
 */
class HeadlessTrainingTest {

    @Test
    void theFinalPlotsHaveEveryEpochAndTheTracesNumbers() {
        Dataset data = Datasets.noisySine(1);
        TrainingConfig config = TinyRuns.config(data, CellType.GRU, 3, 99);
        PlotData p = HeadlessTraining.train(config, data, 2, 4, PlotOptions.DEFAULTS.withUnits(1, 2));
        assertEquals(TrainingRun.State.DONE, p.snapshot().state());
        assertEquals(4, p.snapshot().epoch());
        assertEquals(4, p.loss().getSeries(0).getItemCount());
        assertEquals(4, p.loss().getSeries(1).getItemCount(), "the sine task has a validation set");
        assertEquals(2, p.snapshot().sampleIndex());
        Sequence sample = data.withHiddenSize(3).validation()[2];
        Trace again = TrainingRun.trace(config, sample, p.snapshot().weights());
        int tn = again.length();
        assertEquals(4, p.gates().getSeriesCount()); // r, z × units 1, 2
        int s = 0;
        for (String g : List.of("r", "z")) {
            for (int u : new int[] {1, 2}) {
                assertEquals(g + " unit " + u, p.gates().getSeriesKey(s));
                assertEquals(tn, p.gates().getItemCount(s));
                for (int t = 1; t <= tn; t++) {
                    assertEquals(again.forward(Quantity.fromKey(g), t)[u], p.gates().getYValue(s, t - 1), 0);
                }
                s++;
            }
        }
        assertEquals("z", p.heatGate());
        assertEquals(again.forward(Quantity.Y, tn)[0], p.prediction().getYValue(0, tn - 1), 0);
        assertNotNull(p.freeRunning());
    }

    @Test
    void theSameSeedGivesTheSameCurveAndTheConfiguredEpochsAreTheDefault() {
        Dataset data = Datasets.noisySine(1);
        TrainingConfig config = TinyRuns.config(data, CellType.RNN, 2, 3);
        PlotData a = HeadlessTraining.train(config, data, 0, PlotOptions.DEFAULTS);
        PlotData b = HeadlessTraining.train(config, data, 0, 3, PlotOptions.DEFAULTS);
        assertEquals(3, a.loss().getSeries(0).getItemCount());
        for (int i = 0; i < 3; i++) {
            assertEquals(a.loss().getYValue(0, i), b.loss().getYValue(0, i), 0);
        }
        PlotData noFree = HeadlessTraining.train(config, data, 0, 1, new PlotOptions(List.of(0), null, "Wx", false));
        assertNull(noFree.freeRunning());
        assertEquals("‖∂E/∂Wx(t)‖", noFree.gradient().getSeriesKey(1));
        PlotData none = HeadlessTraining.train(config, data, 0, 0, PlotOptions.DEFAULTS);
        assertEquals(0, none.loss().getSeries(0).getItemCount(), "no epochs: an empty loss");
        assertThrows(IndexOutOfBoundsException.class,
                () -> HeadlessTraining.train(config, data, 10_000, PlotOptions.DEFAULTS));
    }

    @Test
    void anUntrainedCasePlotsItsTraceWithAnEmptyLoss() throws Exception {
        Case c = CaseFile.read(Path.of(getClass().getResource("/cases/lstm-many-to-many.json").toURI()));
        PlotData p = PlotData.untrained(c, PlotOptions.DEFAULTS.withUnits(0));
        Trace tr = c.compute();
        assertEquals(0, p.snapshot().epoch());
        assertEquals(TrainingRun.State.NEW, p.snapshot().state());
        assertEquals(2, p.loss().getSeriesCount());
        assertEquals(0, p.loss().getSeries(0).getItemCount());
        assertEquals(0, p.loss().getSeries(1).getItemCount());
        for (int t = 1; t <= tr.length(); t++) {
            assertEquals(tr.forward(Quantity.F, t)[0], p.gates().getYValue(1, t - 1), 0);
            assertEquals(tr.forward(Quantity.H, t)[0], p.states().getYValue(1, t - 1), 0);
        }
        // a truncated case is traced with full BPTT, which the gradient plot needs
        Case k2 = CaseFile.read(Path.of(getClass().getResource("/cases/rnn-tanh-truncated-k2.json").toURI()));
        PlotData q = PlotData.untrained(k2, PlotOptions.DEFAULTS);
        assertTrue(q.snapshot().trace().hasFullDeltas());
        assertEquals(k2.sequence().length(), q.gradient().getItemCount(0));
    }

    @Test
    void parsingUnitsKeepsTheTabsRules() {
        assertEquals(List.of(0, 2, 5), PlotOptions.DEFAULTS.withUnits(PlotOptions.parseUnits("0, 2 x 5")).units());
        assertEquals(8, PlotOptions.parseUnits("0 1 2 3 4 5 6 7 8 9").length);
        assertEquals(1, PlotOptions.parseUnits(null).length);
        assertEquals(List.of(0, 1), PlotOptions.DEFAULTS.units());
    }
}
