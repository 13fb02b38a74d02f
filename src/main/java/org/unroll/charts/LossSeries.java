package org.unroll.charts;

import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.unroll.session.LossHistory;

/** The loss per epoch, training and validation. */
public final class LossSeries {

    /**
     * The most epochs a loss plot draws (ADR 0028): a longer run is drawn at evenly spaced epochs and
     * its last, so that a live plot's series stay bounded however long training goes on.
     */
    public static final int MAX_POINTS = 2000;

    private LossSeries() {
    }

    /**
     * Two series, "train" and "validation", x = epoch (1 …), y = the loss; at most {@link #MAX_POINTS} epochs; epochs without a finite
     * value (no validation set, a diverged loss) are left out, so that a log axis can show the rest.
     *
     * @param history the history (read once, as a copy; not modified)
     * @return a new collection: train first, then validation
     */
    public static XYSeriesCollection of(LossHistory history) {
        LossHistory.Plotted h = history.plotted(MAX_POINTS); // both lists of the same moment
        XYSeriesCollection c = new XYSeriesCollection();
        c.addSeries(series("train", h.epochs(), h.train()));
        c.addSeries(series("validation", h.epochs(), h.validation()));
        return c;
    }

    private static XYSeries series(String key, int[] epochs, double[] values) {
        XYSeries s = new XYSeries(key, false, false);
        for (int e = 0; e < values.length; e++) {
            double v = values[e];
            if (Double.isFinite(v)) {
                s.add(epochs[e], v);
            }
        }
        return s;
    }
}
