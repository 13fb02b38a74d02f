package org.unroll.charts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.unroll.engine.Case;
import org.unroll.engine.CellType;
import org.unroll.engine.Sequence;
import org.unroll.engine.Trace;
import org.unroll.session.FreeRunning;
import org.unroll.session.LossHistory;
import org.unroll.session.TrainingRun;
import org.unroll.session.TrainingSnapshot;

/**
 * Everything the live plots of one snapshot show, built off the JavaFX thread from the
 * {@code org.unroll.charts} factories (new datasets that nobody else holds), so the JavaFX thread
 * only swaps them into the charts.
 *
 * @param snapshot the snapshot plotted
 * @param loss train and validation loss per epoch
 * @param gates the gate activations of the chosen units (LSTM i, f, o; GRU r, z; empty for the RNN)
 * @param heatGate the gate of the heat map (null for the RNN, which has none: then {@code h})
 * @param heat the units × t heat map of {@code heatGate}
 * @param states c(t) (LSTM) and h(t) of the chosen units
 * @param prediction y(t) and the targets
 * @param freeRunning the sine task's free-running continuation (series "free running"), or null
 * @param gradient ‖∂E/∂h(t)‖, the LSTM's mean forget-gate product and a recurrent matrix's per-step terms
 */
public record PlotData(TrainingSnapshot snapshot, XYSeriesCollection loss, XYSeriesCollection gates,
                       String heatGate, DefaultXYZDataset heat, XYSeriesCollection states,
                       XYSeriesCollection prediction, XYSeriesCollection freeRunning,
                       XYSeriesCollection gradient) {

    /** Steps of free running after the sample window. */
    public static final int FREE_STEPS = 25;

    /**
     * Builds the datasets of a snapshot that has a trace as the Training tab does (call it off the
     * JavaFX thread).
     *
     * @param snap the snapshot, with a trace (not modified)
     * @param history the run's loss history (copied; not modified)
     * @param sample the traced sequence, for the free-running continuation (null: none; not modified)
     * @param options the units, heat gate, parameter and free running shown
     * @return new datasets
     */
    public static PlotData of(TrainingSnapshot snap, LossHistory history, Sequence sample, PlotOptions options) {
        return of(snap, history, options.unitArray(), options.heatGate(), options.freeRunning() ? sample : null,
                options.parameter());
    }

    /**
     * The datasets of an untrained case: its weights and sequence as they are, with an empty loss
     * plot (no epochs). The trace is of full BPTT, whatever truncation the case asks for, since the
     * gradient-flow plot needs every ∂E/∂h(t).
     *
     * @param c the case (not modified)
     * @param options the units, heat gate, parameter and free running shown
     * @return new datasets, with a synthetic snapshot in state NEW at epoch 0 of 0
     */
    public static PlotData untrained(Case c, PlotOptions options) {
        Case full = c.truncate() == null ? c
                : new Case(c.name(), c.description(), c.config(), c.weights(), c.sequence(), c.loss(), null, null);
        return untrained(c, full.compute(), options);
    }

    /**
     * The datasets of an untrained case with a trace computed already.
     *
     * @param c the case, whose weights and sequence made {@code trace} (not modified)
     * @param trace the case's trace, with the deltas of full BPTT (not modified)
     * @param options the units, heat gate, parameter and free running shown
     * @return new datasets, with a synthetic snapshot in state NEW at epoch 0 of 0 and an empty loss plot
     * @throws IllegalArgumentException if the trace has no full deltas
     */
    public static PlotData untrained(Case c, Trace trace, PlotOptions options) {
        double nan = Double.NaN;
        TrainingSnapshot snap = new TrainingSnapshot(TrainingRun.State.NEW, null, 0, 0, nan, nan, nan, Duration.ZERO,
                null, c.weights().copy(), 0, trace, true);
        return of(snap, new LossHistory(), c.sequence(), options);
    }

    /**
     * Builds the datasets of a snapshot that has a trace (call it off the JavaFX thread).
     *
     * @param snap the snapshot, with a trace
     * @param history the run's loss history (copied)
     * @param units the chosen units (those that do not exist are skipped)
     * @param heatGate the gate of the heat map, or null for the cell's forget/update gate
     * @param sample the traced sequence, for the free-running continuation (null: none)
     * @param parameter the parameter whose per-step gradient terms are plotted, or null (or an
     *     unknown name) for the cell's recurrent matrix ({@link #recurrentMatrix})
     */
    public static PlotData of(TrainingSnapshot snap, LossHistory history, int[] units, String heatGate,
                              Sequence sample, String parameter) {
        Trace tr = snap.trace();
        int h = tr.config().hiddenSize();
        int[] us = Arrays.stream(units).filter(u -> u >= 0 && u < h).distinct().toArray();
        if (us.length == 0) {
            us = new int[] {0};
        }
        CellType cell = tr.config().cell();
        XYSeriesCollection gates = new XYSeriesCollection();
        for (String g : gateKeys(cell)) {
            addAll(gates, GateSeries.of(tr, g, us));
        }
        String hg = heatGate != null && tr.forwardKeys().contains(heatGate) ? heatGate
                : cell == CellType.LSTM ? "f" : cell == CellType.GRU ? "z" : "h";
        DefaultXYZDataset heat = GateHeatMap.of(tr, hg);
        XYSeriesCollection states = new XYSeriesCollection();
        if (cell == CellType.LSTM) {
            addAll(states, StateSeries.of(tr, "c", us));
        }
        addAll(states, StateSeries.of(tr, "h", us));
        XYSeriesCollection prediction = PredictionSeries.of(tr);
        XYSeriesCollection free = null;
        if (sample != null && tr.config().inputSize() == 1 && tr.config().outputSize() == 1) {
            double[] seed = new double[sample.length()];
            for (int t = 0; t < seed.length; t++) {
                seed[t] = sample.inputs()[t][0];
            }
            double[] cont = FreeRunning.continueSine(snap.weights(), tr.config(), seed, FREE_STEPS);
            free = PredictionSeries.freeRunning(seed, cont);
        }
        XYSeriesCollection gradient = new XYSeriesCollection();
        gradient.addSeries(GradientFlow.hiddenNorms(tr));
        if (cell == CellType.LSTM) {
            gradient.addSeries(GradientFlow.forgetProduct(tr));
        }
        boolean known = parameter != null && snap.weights().layout().params().stream()
                .anyMatch(ps -> ps.name().equals(parameter));
        gradient.addSeries(GradientFlow.parameterTerms(tr, known ? parameter : recurrentMatrix(cell)));
        return new PlotData(snap, LossSeries.of(history), gates, hg, heat, states, prediction, free, gradient);
    }

    /** The gates plotted as lines: i, f, o (LSTM), r, z (GRU), none (RNN). */
    public static List<String> gateKeys(CellType cell) {
        return switch (cell) {
            case LSTM -> List.of("i", "f", "o");
            case GRU -> List.of("r", "z");
            case RNN -> List.of();
        };
    }

    /** The recurrent matrix whose per-step gradient terms are plotted: Wh, or the forget/update gate's. */
    public static String recurrentMatrix(CellType cell) {
        return switch (cell) {
            case LSTM -> "Wh_f";
            case GRU -> "Wh_z";
            case RNN -> "Wh";
        };
    }

    private static void addAll(XYSeriesCollection to, XYSeriesCollection from) {
        List<XYSeries> list = new ArrayList<>();
        for (int i = 0; i < from.getSeriesCount(); i++) {
            list.add(from.getSeries(i));
        }
        from.removeAllSeries();
        list.forEach(to::addSeries);
    }
}
