package org.unroll.ui.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.unroll.engine.CellType;
import org.unroll.session.TrainingRun;
import org.unroll.ui.AppContext;
import org.unroll.ui.Fixtures;

/**
 * The Compare tab's defaults show the book's point: trained on the same data from the same seed,
 * the simple RNN's ‖∂E/∂h(1)‖ (the error reaching the first step back from the last) is far below
 * the LSTM's — the vanishing gradient — and the LSTM learns the adding problem while the RNN does not.
 */
class CompareDefaultsTest {

    @Test
    void withTheDefaultsTheRnnsGradientAtStepOneIsFarBelowTheLstms() {
        AppContext ctx = Fixtures.context(); // both runs on the calling thread
        CompareViewModel c = ctx.compare();
        assertEquals(CellType.RNN, c.cellAProperty().get());
        assertEquals(CellType.LSTM, c.cellBProperty().get());
        c.start();
        for (TrainingRun r : c.runs()) {
            assertEquals(TrainingRun.State.DONE, r.state());
        }
        XYSeriesCollection g = c.gradientProperty().get();
        XYSeries rnn = g.getSeries("RNN ‖∂E/∂h(t)‖");
        XYSeries lstm = g.getSeries("LSTM ‖∂E/∂h(t)‖");
        int steps = c.lengthProperty().get();
        assertEquals(steps, rnn.getItemCount());
        assertEquals(1.0, rnn.getX(0).doubleValue(), "the first point is t = 1");
        double r1 = rnn.getY(0).doubleValue();
        double l1 = lstm.getY(0).doubleValue();
        assertTrue(r1 > 0 && l1 > 0);
        assertTrue(r1 < 1e-6 * l1, "‖∂E/∂h(1)‖: RNN " + r1 + " should be orders of magnitude below LSTM " + l1);
        // and the losses say the same: the LSTM learns the task, the RNN stays near always answering 1
        double rnnLoss = c.runs()[0].history().validation().get(c.runs()[0].history().size() - 1);
        double lstmLoss = c.runs()[1].history().validation().get(c.runs()[1].history().size() - 1);
        assertTrue(lstmLoss < 0.1 * rnnLoss, "validation MSE: LSTM " + lstmLoss + ", RNN " + rnnLoss);
    }
}
