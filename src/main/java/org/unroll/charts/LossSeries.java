package org.unroll.charts;

import java.util.List;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.unroll.session.LossHistory;

/** The loss per epoch, training and validation. */
public final class LossSeries {

    private LossSeries() {
    }

    /**
     * Two series, "train" and "validation", x = epoch (1 …), y = the loss; epochs without a finite
     * value (no validation set, a diverged loss) are left out, so that a log axis can show the rest.
     *
     * @param history the history (read once, as a copy; not modified)
     * @return a new collection: train first, then validation
     */
    public static XYSeriesCollection of(LossHistory history) {
        LossHistory h = history.copy(); // both lists of the same moment
        XYSeriesCollection c = new XYSeriesCollection();
        c.addSeries(series("train", h.train()));
        c.addSeries(series("validation", h.validation()));
        return c;
    }

    private static XYSeries series(String key, List<Double> values) {
        XYSeries s = new XYSeries(key, false, false);
        for (int e = 0; e < values.size(); e++) {
            double v = values.get(e);
            if (Double.isFinite(v)) {
                s.add(e + 1, v);
            }
        }
        return s;
    }
}
