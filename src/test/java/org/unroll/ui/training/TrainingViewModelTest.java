package org.unroll.ui.training;

import org.unroll.engine.Quantity;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.ArrayList;
import java.util.List;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.unroll.charts.HeadlessTraining;
import org.unroll.charts.PlotData;
import org.unroll.engine.CellType;
import org.unroll.engine.Trace;
import org.unroll.graph.Node;
import org.unroll.session.TrainingRun;
import org.unroll.ui.AppContext;
import org.unroll.ui.Fixtures;
import org.unroll.ui.compare.CompareViewModel;
import org.unroll.view.Session;

/**
 * The Training tab's view-model without a stage: training runs synchronously on the test thread,
 * the plot datasets grow with the epochs, pausing stops them, the datasets hold the trace's numbers,
 * the stepper follows the training and t is linked both ways.
 */
class TrainingViewModelTest {

    private static TrainingViewModel small(AppContext ctx, CellType cell, int epochs) {
        TrainingViewModel vm = ctx.training();
        vm.cellProperty().set(cell);
        vm.hiddenProperty().set(3);
        vm.epochsProperty().set(epochs);
        vm.setSnapshotsPerSecond(1_000_000); // every epoch reaches the plots
        return vm;
    }

    private static List<Double> ys(XYDataset d, int series) {
        List<Double> l = new ArrayList<>();
        for (int i = 0; i < d.getItemCount(series); i++) {
            l.add(d.getYValue(series, i));
        }
        return l;
    }

    @Test
    void startingTrainingMakesThePlotsGrow() {
        AppContext ctx = Fixtures.context();
        TrainingViewModel vm = small(ctx, CellType.LSTM, 12);
        List<Integer> lossPoints = new ArrayList<>();
        vm.plotsProperty().addListener((o, a, p) -> {
            if (p != null) {
                lossPoints.add(p.loss().getSeries(0).getItemCount());
            }
        });
        vm.start();
        assertEquals(TrainingRun.State.DONE, vm.stateProperty().get());
        assertTrue(lossPoints.size() >= 10, "snapshots reached the plots: " + lossPoints);
        for (int i = 1; i < lossPoints.size(); i++) {
            assertTrue(lossPoints.get(i) >= lossPoints.get(i - 1), lossPoints.toString());
        }
        assertEquals(12, lossPoints.get(lossPoints.size() - 1));
        assertTrue(vm.progressTextProperty().get().startsWith("Epoch 12/12"), vm.progressTextProperty().get());
        assertEquals(1.0, vm.progressProperty().get());
    }

    @Test
    void pausingStopsThePlotsAndResumingGivesTheSameCurve() {
        AppContext ctx = Fixtures.context();
        TrainingViewModel vm = small(ctx, CellType.GRU, 10);
        vm.plotsProperty().addListener((o, a, p) -> {
            if (p != null && p.snapshot().epoch() == 4) {
                vm.pause();
            }
        });
        vm.start();
        assertEquals(TrainingRun.State.PAUSED, vm.stateProperty().get());
        int redraws = vm.redrawsProperty().get();
        int epochs = vm.plotsProperty().get().loss().getSeries(0).getItemCount();
        assertTrue(epochs <= 5, "halted after the epoch under way: " + epochs);
        assertEquals(redraws, vm.redrawsProperty().get());
        assertEquals(epochs, vm.run().history().size(), "nothing runs while paused");
        vm.resume();
        assertEquals(TrainingRun.State.DONE, vm.stateProperty().get());
        List<Double> paused = vm.run().history().train();

        AppContext other = Fixtures.context();
        TrainingViewModel straight = small(other, CellType.GRU, 10);
        straight.start();
        assertEquals(straight.run().history().train(), paused, "the same seed gives the same curve");
    }

    @Test
    void everyPlotHoldsTheNumbersOfTheTrace() {
        AppContext ctx = Fixtures.context();
        TrainingViewModel vm = small(ctx, CellType.LSTM, 5);
        vm.unitsProperty().set("0, 2");
        vm.start();
        PlotData p = vm.plotsProperty().get();
        Trace tr = p.snapshot().trace();
        // the engine's own trace of the sample with the snapshot's weights
        Trace again = TrainingRun.trace(vm.run().config(), vm.run().sample(), p.snapshot().weights());
        int tn = tr.length();
        assertEquals(25, tn);
        XYSeriesCollection gates = p.gates();
        assertEquals(6, gates.getSeriesCount()); // i, f, o × units 0, 2
        int s = 0;
        for (String g : List.of("i", "f", "o")) {
            for (int u : new int[] {0, 2}) {
                assertEquals(g + " unit " + u, gates.getSeriesKey(s));
                for (int t = 1; t <= tn; t++) {
                    assertEquals(t, gates.getXValue(s, t - 1));
                    assertEquals(again.forward(Quantity.fromKey(g), t)[u], gates.getYValue(s, t - 1), 0);
                }
                s++;
            }
        }
        assertEquals("f", p.heatGate());
        for (int t = 1; t <= tn; t++) {
            for (int u = 0; u < 3; u++) {
                int item = (t - 1) * 3 + u;
                assertEquals(again.forward(Quantity.F, t)[u], p.heat().getZValue(0, item), 0);
            }
        }
        assertEquals("c unit 0", p.states().getSeriesKey(0));
        assertEquals("h unit 2", p.states().getSeriesKey(3));
        for (int t = 1; t <= tn; t++) {
            assertEquals(again.forward(Quantity.C, t)[0], p.states().getYValue(0, t - 1), 0);
            assertEquals(again.forward(Quantity.H, t)[2], p.states().getYValue(3, t - 1), 0);
            assertEquals(again.forward(Quantity.Y, t)[0], p.prediction().getYValue(0, t - 1), 0);
            double[] dh = again.delta(Quantity.DH, t);
            double norm = 0;
            for (double v : dh) {
                norm += v * v;
            }
            assertEquals(Math.sqrt(norm), p.gradient().getYValue(0, t - 1), 1e-15);
        }
        assertEquals(3, p.gradient().getSeriesCount()); // ‖∂E/∂h‖, mean ∏f, ‖∂E/∂Wh_f(t)‖
        assertNotNull(p.freeRunning(), "the sine task has a free-running continuation");
        assertEquals(PlotData.FREE_STEPS, p.freeRunning().getSeries(1).getItemCount());
        assertEquals(tn, p.freeRunning().getSeries(1).getX(0).intValue());
        assertEquals(again.forward(Quantity.Y, tn)[0], p.freeRunning().getSeries(1).getY(0).doubleValue(), 1e-12,
                "the first free-running value is y(T)");
        List<Double> losses = ys(p.loss(), 0);
        assertEquals(vm.run().history().train(), losses);
    }

    @Test
    void headlessTrainingGivesThePlotsTheTabShowsWhenDone() {
        AppContext ctx = Fixtures.context();
        TrainingViewModel vm = small(ctx, CellType.LSTM, 5);
        vm.unitsProperty().set("2, 0");
        vm.start();
        assertEquals(TrainingRun.State.DONE, vm.stateProperty().get());
        PlotData tab = vm.plotsProperty().get();
        PlotData headless = HeadlessTraining.train(vm.run().config(), vm.run().dataset(), 0, vm.plotOptions());
        assertEquals(tab.snapshot().epoch(), headless.snapshot().epoch());
        assertEquals(tab.heatGate(), headless.heatGate());
        XYDataset[][] pairs = {{tab.loss(), headless.loss()}, {tab.gates(), headless.gates()},
            {tab.heat(), headless.heat()}, {tab.states(), headless.states()},
            {tab.prediction(), headless.prediction()}, {tab.freeRunning(), headless.freeRunning()},
            {tab.gradient(), headless.gradient()}};
        for (XYDataset[] pair : pairs) {
            assertEquals(pair[0].getSeriesCount(), pair[1].getSeriesCount());
            for (int s = 0; s < pair[0].getSeriesCount(); s++) {
                assertEquals(pair[0].getSeriesKey(s), pair[1].getSeriesKey(s));
                assertEquals(ys(pair[0], s), ys(pair[1], s), String.valueOf(pair[0].getSeriesKey(s)));
            }
        }
    }

    @Test
    void whenTrainingHaltsTheStepperShowsTheTrainedWeights() {
        AppContext ctx = Fixtures.context();
        TrainingViewModel vm = small(ctx, CellType.LSTM, 6);
        vm.plotsProperty().addListener((o, a, p) -> {
            if (p != null && p.snapshot().epoch() == 3) {
                vm.pause();
            }
        });
        vm.start();
        PlotData p = vm.plotsProperty().get();
        assertTrue(p.snapshot().last());
        Session s = ctx.main().getSession();
        assertNotNull(s);
        assertSame(p.snapshot().weights(), s.kase().weights());
        assertArrayEquals(p.snapshot().trace().forward(Quantity.C), s.trace().forward(Quantity.C));
        vm.stop();
        assertEquals(TrainingRun.State.STOPPED, vm.stateProperty().get());
        assertSame(vm.plotsProperty().get().snapshot().weights(), ctx.main().getSession().kase().weights());
    }

    @Test
    void pickingTSelectsTheNodeAndSelectingANodeMarksItsT() {
        AppContext ctx = Fixtures.context();
        TrainingViewModel vm = small(ctx, CellType.LSTM, 3);
        vm.start();
        Session s = ctx.main().getSession();
        assertTrue(vm.pickStep(7));
        Node h7 = s.graph().node("h", 7);
        assertEquals(h7, ctx.main().selectedProperty().get());
        assertEquals(h7, ctx.main().getCursor().current().orElseThrow().node());
        assertEquals(7, vm.markedStepProperty().get());
        ctx.main().select(s.graph().node("c", 12));
        assertEquals(12, vm.markedStepProperty().get());
        assertTrue(!vm.pickStep(99), "no such step");
    }

    @Test
    void whileHaltedTheChosenUnitsAndParameterReplot() {
        AppContext ctx = Fixtures.context();
        TrainingViewModel vm = small(ctx, CellType.RNN, 4);
        vm.start();
        PlotData before = vm.plotsProperty().get();
        assertEquals("‖∂E/∂Wh(t)‖", before.gradient().getSeriesKey(1));
        assertEquals(0, before.gates().getSeriesCount(), "the simple RNN has no gates");
        assertEquals("h", before.heatGate());
        vm.parameterProperty().set("Wx");
        vm.unitsProperty().set("2");
        PlotData after = vm.plotsProperty().get();
        assertSame(before.snapshot(), after.snapshot());
        assertEquals("‖∂E/∂Wx(t)‖", after.gradient().getSeriesKey(1));
        assertEquals("h unit 2", after.states().getSeriesKey(0));
        Trace tr = after.snapshot().trace();
        double sum = 0;
        for (double[] row : tr.gradientTerm("Wx", 3)) {
            for (double v : row) {
                sum += v * v;
            }
        }
        assertEquals(Math.sqrt(sum), after.gradient().getYValue(1, 2), 1e-15);
    }

    @Test
    void theComparisonTrainsBothNetworksOnTheSameData() {
        AppContext ctx = Fixtures.context();
        CompareViewModel c = ctx.compare();
        c.lengthProperty().set(15);
        c.countProperty().set(40);
        c.hiddenProperty().set(3);
        c.epochsProperty().set(3);
        c.start();
        TrainingRun[] runs = c.runs();
        assertSame(runs[0].dataset(), runs[1].dataset());
        assertEquals(runs[0].config().seed(), runs[1].config().seed());
        // the form's setup with each cell: what the tab trained before it used TrainingSetup
        for (int i = 0; i < 2; i++) {
            org.unroll.engine.CellType cell = i == 0 ? org.unroll.engine.CellType.RNN : org.unroll.engine.CellType.LSTM;
            assertEquals(new org.unroll.engine.TrainingConfig(org.unroll.engine.ModelConfig.of(cell, 2, 3, 1),
                    org.unroll.engine.LossKind.MSE, org.unroll.engine.OptimizerKind.ADAM, 0.01, 10, 3, 1.0, null, 1, 1.0),
                    runs[i].config());
            assertEquals(c.setup().toBuilder().cell(cell).build().config(runs[i].dataset()), runs[i].config());
        }
        XYSeriesCollection loss = c.lossProperty().get();
        assertEquals(List.of("RNN train", "RNN validation", "LSTM train", "LSTM validation"),
                loss.getSeries().stream().map(x -> ((org.jfree.data.xy.XYSeries) x).getKey().toString()).toList());
        assertEquals(3, loss.getSeries(0).getItemCount());
        XYSeriesCollection g = c.gradientProperty().get();
        assertEquals(2, g.getSeriesCount());
        assertEquals(15, g.getSeries(1).getItemCount());
        Trace lstm = runs[1].latest().trace();
        double[] dh = lstm.delta(Quantity.DH, 1);
        double n = 0;
        for (double v : dh) {
            n += v * v;
        }
        assertEquals(Math.sqrt(n), g.getY(1, 0).doubleValue(), 1e-15);
        assertTrue(c.progressTextProperty().get().contains("LSTM"));
    }

    @Test
    void theGateActivationGoesIntoTheSetupAndTheModel() throws Exception {
        AppContext ctx = Fixtures.context();
        TrainingViewModel vm = ctx.training();
        assertEquals(org.unroll.engine.GateActivation.SIGMOID, vm.setup().gateActivation());
        vm.gateActivationProperty().set(org.unroll.engine.GateActivation.HARD_SIGMOID);
        vm.cellProperty().set(org.unroll.engine.CellType.GRU);
        org.unroll.session.TrainingSetup setup = vm.setup();
        assertEquals(org.unroll.engine.GateActivation.HARD_SIGMOID, setup.gateActivation());
        assertEquals(org.unroll.engine.GateActivation.HARD_SIGMOID,
                setup.config(setup.dataset()).model().gateActivation());
        assertEquals(ctx.main().notationProperty().get(), vm.notationProperty().get());
    }
}
