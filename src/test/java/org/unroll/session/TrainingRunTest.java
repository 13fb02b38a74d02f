package org.unroll.session;

import org.unroll.engine.Quantity;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.unroll.engine.CellType;
import org.unroll.engine.Dataset;
import org.unroll.engine.Datasets;
import org.unroll.engine.LossKind;
import org.unroll.engine.ModelConfig;
import org.unroll.engine.OptimizerKind;
import org.unroll.engine.Trace;
import org.unroll.engine.TrainingConfig;
import org.unroll.engine.Weights;
import org.unroll.session.TrainingRun.State;

/** Training through the synchronous runner. */
class TrainingRunTest {

    static final Dataset SINE = Datasets.noisySine(3);

    static TrainingConfig config(CellType cell, OptimizerKind opt, double lr, int epochs) {
        return TrainingConfig.builder(ModelConfig.of(cell, 1, 4, 1)).loss(LossKind.MSE).optimizer(opt).learningRate(lr)
                .batchSize(10).epochs(epochs).clipNorm(0).seed(7).forgetBias(1.0).build();
    }

    static TrainingConfig sine(int epochs) {
        return config(CellType.LSTM, OptimizerKind.ADAM, 0.01, epochs);
    }

    private static List<Double> uninterrupted(TrainingConfig cfg) {
        TrainingRun run = new TrainingRun(cfg, SINE, Runner.synchronous());
        assertTrue(run.start());
        assertEquals(State.DONE, run.state());
        return run.history().train();
    }

    private static void assertSameWeights(Weights a, Weights b) {
        for (int i = 0; i < a.blocks().size(); i++) {
            assertArrayEquals(a.block(i).data, b.block(i).data, 0.0);
        }
    }

    @Test
    void runsAllEpochsAndPublishesEverything() {
        TrainingRun run = new TrainingRun(sine(6), SINE, Runner.synchronous());
        List<TrainingSnapshot> epochs = new ArrayList<>();
        List<TrainingSnapshot> plots = new ArrayList<>();
        List<State> states = new ArrayList<>();
        run.addEpochListener(epochs::add);
        run.addSnapshotListener(plots::add);
        run.addStateListener(states::add);
        assertEquals(State.NEW, run.state());
        assertTrue(run.start());
        assertEquals(State.DONE, run.state());
        assertEquals(List.of(State.RUNNING, State.DONE), states);
        assertEquals(6, epochs.size());
        for (int e = 0; e < 6; e++) {
            TrainingSnapshot s = epochs.get(e);
            assertEquals(e + 1, s.epoch());
            assertEquals(6, s.epochs());
            assertEquals(run.history().train().get(e), s.trainLoss());
            assertEquals(run.history().validation().get(e), s.validationLoss());
        }
        TrainingSnapshot last = run.latest();
        assertSame(last, epochs.get(5));
        assertSame(last, plots.get(plots.size() - 1));
        assertTrue(last.last());
        assertEquals(State.DONE, last.state());
        assertEquals(Duration.ZERO, last.remaining());
        assertEquals(1.0, last.progress());
        assertNotNull(last.trace());
        for (TrainingSnapshot s : plots) {
            assertTrue(s.hasTrace());
        }
        // the trace is the sample sequence traced with the snapshot's weights
        Trace again = TrainingRun.trace(run.config(), run.sample(), last.weights());
        assertEquals(again.loss(), last.trace().loss(), 0.0);
        assertArrayEquals(again.forward(Quantity.H, 25), last.trace().forward(Quantity.H, 25), 0.0);
        assertTrue(last.trace().hasFullDeltas());
        assertFalse(run.start(), "a finished run does not start again");
        assertFalse(run.resume());
    }

    @Test
    void pausingFromAListenerHaltsAndResumingContinuesBitForBit() {
        TrainingConfig cfg = sine(12);
        List<Double> whole = uninterrupted(cfg);
        TrainingRun full = new TrainingRun(cfg, SINE, Runner.synchronous());
        full.start();

        TrainingRun run = new TrainingRun(cfg, SINE, Runner.synchronous());
        List<TrainingSnapshot> finals = new ArrayList<>();
        run.addSnapshotListener(s -> {
            if (s.last()) {
                finals.add(s);
            }
        });
        run.addEpochListener(s -> {
            if (s.epoch() == 5 || s.epoch() == 9) {
                assertTrue(run.pause());
            }
        });
        assertTrue(run.start());
        assertEquals(State.PAUSED, run.state());
        assertEquals(5, run.history().size(), "the pause took effect after the epoch");
        assertEquals(1, finals.size());
        TrainingSnapshot paused = finals.get(0);
        assertEquals(State.PAUSED, paused.state());
        assertEquals(5, paused.epoch());
        assertNotNull(paused.trace(), "the stepper gets a trace with the paused weights");
        assertEquals(whole.get(4), paused.trainLoss());
        assertNotNull(paused.remaining());

        assertTrue(run.resume());
        assertEquals(State.PAUSED, run.state());
        assertEquals(9, run.history().size());
        assertTrue(run.resume());
        assertEquals(State.DONE, run.state());
        assertEquals(whole, run.history().train(), "identical curve, bit for bit");
        assertEquals(full.history().validation(), run.history().validation());
        assertSameWeights(full.latest().weights(), run.latest().weights());
        assertEquals(3, finals.size());
    }

    @Test
    void sameSeedSameCurveAndResetStartsOver() {
        TrainingConfig cfg = sine(5);
        assertEquals(uninterrupted(cfg), uninterrupted(cfg));
        TrainingRun run = new TrainingRun(cfg, SINE, Runner.synchronous());
        run.start();
        List<Double> first = run.history().train();
        List<State> states = new ArrayList<>();
        run.addStateListener(states::add);
        run.reset();
        assertEquals(State.NEW, run.state());
        assertEquals(0, run.history().size());
        assertNull(run.latest());
        assertTrue(run.start());
        assertEquals(first, run.history().train());
        assertEquals(List.of(State.NEW, State.RUNNING, State.DONE), states);
        TrainingConfig other = cfg.toBuilder().seed(8).build();
        assertFalse(first.equals(uninterrupted(other)), "another seed, another curve");
    }

    @Test
    void stopEndsTheRun() {
        TrainingRun run = new TrainingRun(sine(50), SINE, Runner.synchronous());
        List<TrainingSnapshot> finals = new ArrayList<>();
        run.addSnapshotListener(s -> {
            if (s.last()) {
                finals.add(s);
            }
        });
        run.addEpochListener(s -> {
            if (s.epoch() == 3) {
                run.stop();
            }
        });
        assertTrue(run.start());
        assertEquals(State.STOPPED, run.state());
        assertEquals(3, run.history().size());
        assertFalse(run.resume());
        assertFalse(run.start());
        assertFalse(run.pause());
        assertFalse(run.stop());
        assertEquals(1, finals.size());
        assertEquals(State.STOPPED, finals.get(0).state());
        assertTrue(State.STOPPED.isTerminal());
    }

    @Test
    void stoppingAPausedRunPublishesAFinalSnapshot() {
        TrainingRun run = new TrainingRun(sine(50), SINE, Runner.synchronous());
        run.addEpochListener(s -> run.pause());
        run.start();
        assertEquals(State.PAUSED, run.state());
        assertEquals(State.PAUSED, run.latest().state());
        assertTrue(run.stop());
        assertEquals(State.STOPPED, run.state());
        assertEquals(State.STOPPED, run.latest().state());
        assertEquals(1, run.latest().epoch());
        assertEquals(run.history().train().get(0), run.latest().trainLoss());
        assertNotNull(run.latest().trace());
    }

    @Test
    void divergenceEndsInFailedWithTheMessage() {
        TrainingRun run = new TrainingRun(config(CellType.RNN, OptimizerKind.SGD, 1e200, 20), SINE,
                Runner.synchronous());
        List<State> states = new ArrayList<>();
        run.addStateListener(states::add);
        assertTrue(run.start());
        assertEquals(State.FAILED, run.state());
        assertTrue(run.failureMessage().contains("training diverged"), run.failureMessage());
        assertEquals(List.of(State.RUNNING, State.FAILED), states);
        TrainingSnapshot last = run.latest();
        assertEquals(State.FAILED, last.state());
        assertEquals(run.failureMessage(), last.message());
        assertTrue(last.last());
        assertFalse(run.resume());
        run.reset();
        assertEquals(State.NEW, run.state());
        assertNull(run.failureMessage());
    }

    @Test
    void throttledPlotsGetTheFirstAndTheFinalSnapshotWhenTheClockStandsStill() {
        AtomicLong now = new AtomicLong();
        TrainingRun run = new TrainingRun(sine(8), SINE, Runner.synchronous(), 2, 30, now::get);
        List<TrainingSnapshot> plots = new ArrayList<>();
        List<TrainingSnapshot> epochs = new ArrayList<>();
        run.addSnapshotListener(plots::add);
        run.addEpochListener(epochs::add);
        run.start();
        assertEquals(8, epochs.size());
        assertEquals(2, plots.size());
        assertEquals(1, plots.get(0).epoch());
        assertEquals(8, plots.get(1).epoch());
        assertTrue(plots.get(1).last());
        assertEquals(2, plots.get(1).sampleIndex());
        for (int e = 1; e < 7; e++) {
            assertNull(epochs.get(e).trace(), "no trace for an epoch the throttle held back");
        }
    }

    @Test
    void throttleFollowsTheClock() {
        AtomicLong now = new AtomicLong();
        TrainingRun run = new TrainingRun(sine(10), SINE, Runner.synchronous(), 0, 10, now::get);
        List<Integer> plotted = new ArrayList<>();
        run.addSnapshotListener(s -> plotted.add(s.epoch()));
        run.addEpochListener(s -> now.addAndGet(40_000_000L)); // 40 ms an epoch; 100 ms between plots
        run.start();
        assertEquals(List.of(1, 4, 7, 10), plotted);
        assertEquals(Duration.ofMillis(360), run.latest().elapsed(), "elapsed time on the injected clock");
    }

    @Test
    void zeroEpochsIsDoneAtOnce() {
        TrainingRun run = new TrainingRun(sine(0), SINE, Runner.synchronous());
        assertTrue(run.start());
        assertEquals(State.DONE, run.state());
        assertEquals(0, run.latest().epoch());
        assertTrue(Double.isNaN(run.latest().trainLoss()));
    }

    @Test
    void sampleIndexIsChecked() {
        TrainingRun run = new TrainingRun(sine(1), SINE, Runner.synchronous());
        assertEquals(SINE.validation().length, run.sampleCount());
        assertThrows(IndexOutOfBoundsException.class, () -> run.setSampleIndex(run.sampleCount()));
        run.setSampleIndex(1);
        assertEquals(1, run.sampleIndex());
        assertThrows(IllegalArgumentException.class, () -> new TrainingRun(
                TrainingConfig.builder(ModelConfig.of(CellType.RNN, 2, 4, 1)).loss(LossKind.MSE)
                        .optimizer(OptimizerKind.SGD).learningRate(0.1).batchSize(10).epochs(1).clipNorm(0).seed(1)
                        .forgetBias(0).build(), SINE, Runner.synchronous()));
    }

    @Test
    void aFailingListenerFailsTheRun() {
        TrainingRun run = new TrainingRun(sine(10), SINE, Runner.synchronous());
        run.addEpochListener(s -> {
            if (s.epoch() == 2) {
                throw new IllegalStateException("boom");
            }
        });
        run.start();
        assertEquals(State.FAILED, run.state());
        assertEquals("a training listener failed: boom", run.failureMessage());
        assertEquals(2, run.latest().epoch());
        assertEquals(2, run.history().size());
    }

    @Test
    void aSnapshotBecomesACaseForTheStepper() {
        AtomicLong now = new AtomicLong();
        TrainingRun run = new TrainingRun(sine(4), SINE, Runner.synchronous(), 3, 30, now::get);
        run.addEpochListener(s -> now.addAndGet(250_000_000L));
        run.start();
        TrainingSnapshot last = run.latest();
        assertEquals(4 / 0.75, last.epochsPerSecond(), 1e-12, "4 epochs in 0.75 s of the injected clock");
        Trace again = run.toCase(last).compute();
        assertEquals(last.trace().loss(), again.loss(), 0.0);
        for (int t = 1; t <= again.length(); t++) {
            assertArrayEquals(last.trace().forward(Quantity.C, t), again.forward(Quantity.C, t), 0.0);
            assertArrayEquals(last.trace().delta(Quantity.DH, t), again.delta(Quantity.DH, t), 0.0);
        }
        assertArrayEquals(SINE.validation()[3].inputs()[0], again.input(1), 0.0);
    }
}
