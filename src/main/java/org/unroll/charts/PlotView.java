package org.unroll.charts;

/**
 * How the charts of {@link Plots} show their data, apart from the data: the state of the Training
 * tab's view toggles, which an export repeats. Immutable.
 *
 * @param logLoss whether the loss is on a log axis
 * @param marked the time step marked by a vertical line in every plot over t, or -1 (any t &lt; 1) for none
 */
public record PlotView(boolean logLoss, int marked) {

    /** A linear loss axis and no marker: what the Training tab starts with. */
    public static final PlotView DEFAULT = new PlotView(false, -1);

    /** This view with a linear or log loss axis (this record is not modified). */
    public PlotView withLogLoss(boolean log) {
        return new PlotView(log, marked);
    }

    /** This view with a marker at t, or none for t &lt; 1 (this record is not modified). */
    public PlotView withMarked(int t) {
        return new PlotView(logLoss, t);
    }
}
