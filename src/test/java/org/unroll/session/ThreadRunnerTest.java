package org.unroll.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.unroll.engine.CellType;
import org.unroll.engine.OptimizerKind;
import org.unroll.engine.TrainingConfig;
import org.unroll.session.TrainingRun.State;

/**
 * Training on the daemon worker thread. Every wait is for a state (a latch, a final snapshot, the
 * thread's end) and passes as soon as it holds; its bound only turns a hang into a failure and is
 * far beyond what the work needs, even on a loaded machine (Surefire's fork timeout is the last
 * resort).
 */
class ThreadRunnerTest {

    private static final long WAIT = 120;

    /** Waits for the next final snapshot. */
    private static TrainingSnapshot awaitFinal(BlockingQueue<TrainingSnapshot> finals) throws InterruptedException {
        TrainingSnapshot s = finals.poll(WAIT, TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("no final snapshot within " + WAIT + " s");
        }
        return s;
    }

    @Test
    void startPauseResumeStopOnTheWorkerThread() throws InterruptedException {
        ThreadRunner runner = Runner.daemonThread("unroll-training-test");
        TrainingConfig cfg = TrainingRunTest.config(CellType.RNN, OptimizerKind.ADAM, 0.01, 1_000_000);
        TrainingRun run = new TrainingRun(cfg, TrainingRunTest.SINE, runner);
        BlockingQueue<TrainingSnapshot> finals = new LinkedBlockingQueue<>();
        AtomicInteger epochs = new AtomicInteger();
        AtomicReference<String> thread = new AtomicReference<>();
        CountDownLatch three = new CountDownLatch(3);
        run.addEpochListener(s -> {
            epochs.set(s.epoch());
            thread.set(Thread.currentThread().getName());
            three.countDown();
        });
        run.addSnapshotListener(s -> {
            if (s.last()) {
                finals.add(s);
            }
        });

        assertTrue(run.start());
        assertTrue(three.await(WAIT, TimeUnit.SECONDS), "three epochs ran");
        assertEquals("unroll-training-test", thread.get());
        assertTrue(run.pause());
        TrainingSnapshot paused = awaitFinal(finals);
        assertEquals(State.PAUSED, paused.state());
        int n = paused.epoch();
        assertTrue(n >= 3);
        // the loop has returned: nothing ran after the final snapshot
        assertEquals(n, run.history().size());
        assertEquals(n, epochs.get());

        CountDownLatch more = new CountDownLatch(2);
        run.addEpochListener(s -> more.countDown());
        assertTrue(run.resume());
        assertTrue(more.await(WAIT, TimeUnit.SECONDS), "training continued");
        assertTrue(run.stop());
        TrainingSnapshot stopped = awaitFinal(finals);
        assertEquals(State.STOPPED, stopped.state());
        assertTrue(stopped.epoch() >= n + 2);
        assertEquals(stopped.epoch(), run.history().size());
        assertEquals(State.STOPPED, run.state());
        assertFalse(run.resume());
        assertTrue(runner.close(WAIT, TimeUnit.SECONDS), "the worker thread ended");
    }

    @Test
    void theWorkerThreadGivesTheSynchronousCurve() throws InterruptedException {
        TrainingConfig cfg = TrainingRunTest.sine(8);
        TrainingRun sync = new TrainingRun(cfg, TrainingRunTest.SINE, Runner.synchronous());
        sync.start();
        try (ThreadRunner runner = new ThreadRunner("unroll-training-test-2")) {
            TrainingRun run = new TrainingRun(cfg, TrainingRunTest.SINE, runner);
            BlockingQueue<TrainingSnapshot> finals = new LinkedBlockingQueue<>();
            run.addSnapshotListener(s -> {
                if (s.last()) {
                    finals.add(s);
                }
            });
            // pause and resume from the worker thread itself, twice
            run.addEpochListener(s -> {
                if (s.epoch() == 2 || s.epoch() == 5) {
                    run.pause();
                }
            });
            run.start();
            assertEquals(State.PAUSED, awaitFinal(finals).state());
            run.resume();
            assertEquals(State.PAUSED, awaitFinal(finals).state());
            run.resume();
            TrainingSnapshot done = awaitFinal(finals);
            assertEquals(State.DONE, done.state());
            assertEquals(State.DONE, run.state());
            List<Double> curve = run.history().train();
            assertEquals(sync.history().train(), curve);
            assertEquals(sync.history().validation(), run.history().validation());
        }
    }

    @Test
    void resetDuringTrainingAbandonsTheOldLoop() throws InterruptedException {
        ThreadRunner runner = Runner.daemonThread("unroll-training-test-3");
        TrainingConfig cfg = TrainingRunTest.config(CellType.RNN, OptimizerKind.ADAM, 0.01, 1_000_000);
        TrainingRun run = new TrainingRun(cfg, TrainingRunTest.SINE, runner);
        CountDownLatch two = new CountDownLatch(2);
        run.addEpochListener(s -> two.countDown());
        run.start();
        assertTrue(two.await(WAIT, TimeUnit.SECONDS));
        run.reset();
        assertEquals(State.NEW, run.state());
        // a new run starts; its first loop is queued behind the abandoned one, which ends after its epoch
        BlockingQueue<TrainingSnapshot> finals = new LinkedBlockingQueue<>();
        run.addSnapshotListener(s -> {
            if (s.last()) {
                finals.add(s);
            }
        });
        CountDownLatch again = new CountDownLatch(1);
        run.addEpochListener(s -> {
            if (s.epoch() == 1) {
                again.countDown();
            }
        });
        assertTrue(run.start());
        assertTrue(again.await(WAIT, TimeUnit.SECONDS), "the new run trains from epoch 1");
        run.stop();
        TrainingSnapshot stopped = awaitFinal(finals);
        assertEquals(State.STOPPED, stopped.state());
        assertNotEquals(0, stopped.epoch());
        assertEquals(stopped.epoch(), run.history().size());
        assertTrue(runner.close(WAIT, TimeUnit.SECONDS));
    }
}
