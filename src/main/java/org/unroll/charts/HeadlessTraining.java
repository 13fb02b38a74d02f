package org.unroll.charts;

import org.unroll.engine.Dataset;
import org.unroll.engine.TrainingConfig;
import org.unroll.session.Runner;
import org.unroll.session.TrainingRun;
import org.unroll.session.TrainingSnapshot;

/**
 * Training without a window, for an export: a {@link TrainingRun} on the calling thread to its end,
 * and the plot datasets of its final snapshot built as the Training tab builds them when the run is
 * DONE ({@link PlotData#of(TrainingSnapshot, org.unroll.session.LossHistory, org.unroll.engine.Sequence,
 * PlotOptions)} with the run's history and sample sequence).
 */
public final class HeadlessTraining {

    private HeadlessTraining() {
    }

    /**
     * Trains for the configured epochs and returns the final plots.
     *
     * @param config the training configuration
     * @param data the data (not modified)
     * @param sampleIndex the traced sequence: an index into the validation set (the training set
     *     when there is no validation set); the Training tab uses 0
     * @param options the units, heat gate, parameter and free running plotted
     * @return the datasets of the final snapshot; {@link PlotData#snapshot()} is that snapshot (state
     *     DONE, or FAILED when training diverged but its weights could still be traced) and
     *     {@link PlotData#loss()} has one point per epoch with a finite loss
     * @throws IllegalArgumentException if the model does not fit the data
     * @throws IndexOutOfBoundsException if there is no such sample
     * @throws IllegalStateException if training failed and the final weights could not be traced
     */
    public static PlotData train(TrainingConfig config, Dataset data, int sampleIndex, PlotOptions options) {
        return run(config, data, sampleIndex, options).plots();
    }

    /**
     * What a headless run leaves: the final plots and the network as the stepper then shows it.
     *
     * @param plots the datasets of the final snapshot
     * @param kase the final snapshot as a case ({@link TrainingRun#toCase}): the trained weights and
     *             the traced sample
     */
    public record Trained(PlotData plots, org.unroll.engine.Case kase) {
    }

    /**
     * Trains as {@link #train(TrainingConfig, Dataset, int, PlotOptions)} does and also returns the
     * trained network as a case, as the Training tab hands it to the stepper when the run ends.
     *
     * @param config the training configuration
     * @param data the data (not modified)
     * @param sampleIndex the traced sequence
     * @param options the units, heat gate, parameter and free running plotted
     */
    public static Trained run(TrainingConfig config, Dataset data, int sampleIndex, PlotOptions options) {
        // no snapshot listeners: no epoch but the last is traced; the final snapshot is always published
        TrainingRun run = new TrainingRun(config, data, Runner.synchronous(), sampleIndex, 1, System::nanoTime);
        run.start();
        TrainingSnapshot last = run.latest();
        if (last == null || !last.hasTrace()) {
            String why = run.failureMessage();
            throw new IllegalStateException("training ended in " + run.state()
                    + (why != null ? " (" + why + ")" : "") + " without a trace to plot");
        }
        return new Trained(PlotData.of(last, run.history(), run.sample(), options), run.toCase(last));
    }

    /**
     * Trains for a given number of epochs (the configuration's other settings as they are) and
     * returns the final plots; see {@link #train(TrainingConfig, Dataset, int, PlotOptions)}.
     *
     * @param config the training configuration (its epochs are replaced; the record is not modified)
     * @param data the data (not modified)
     * @param sampleIndex the traced sequence
     * @param epochs the epochs to run, at least 0
     * @param options the units, heat gate, parameter and free running plotted
     * @return the datasets of the final snapshot
     */
    public static PlotData train(TrainingConfig config, Dataset data, int sampleIndex, int epochs,
                                 PlotOptions options) {
        return train(config.toBuilder().epochs(epochs).build(), data, sampleIndex, options);
    }
}
