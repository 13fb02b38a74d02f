package org.unroll.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.unroll.engine.CellType;
import org.unroll.engine.Dataset;
import org.unroll.engine.OptimizerKind;
import org.unroll.engine.Trainer;
import org.unroll.engine.TrainingConfig;

/** A run saving itself between epochs, and a run restored from what it saved. */
class TrainingRunCheckpointTest {

    static final TrainingSetup SETUP = TrainingSetup.defaults().toBuilder().cell(CellType.GRU).hidden(3)
            .optimizer(OptimizerKind.AMSGRAD).batch(40).epochs(8).seed(3).build();

    @Test
    void savesEveryNEpochsAndWhenItPausesButNotWhenDone() throws Exception {
        Dataset data = SETUP.dataset();
        TrainingConfig cfg = SETUP.config(data);
        AtomicLong clock = new AtomicLong();
        TrainingRun run = new TrainingRun(cfg, data, Runner.synchronous(), 0, 1_000_000, clock::get);
        List<TrainingRun.Saved> saved = new ArrayList<>();
        run.setCheckpointing(3, 0, saved::add);
        run.addEpochListener(s -> {
            if (s.epoch() == 4) {
                run.pause();
            }
        });
        run.start();
        assertEquals(TrainingRun.State.PAUSED, run.state());
        assertEquals(List.of(3, 4), saved.stream().map(s -> s.state().epoch()).toList());
        assertEquals(4, saved.get(1).history().size());
        run.resume();
        assertEquals(TrainingRun.State.DONE, run.state());
        assertEquals(List.of(3, 4, 6), saved.stream().map(s -> s.state().epoch()).toList());
    }

    @Test
    void afterTheTimeLimitTheNextEpochSaves() throws Exception {
        Dataset data = SETUP.dataset();
        AtomicLong clock = new AtomicLong();
        TrainingRun run = new TrainingRun(SETUP.config(data), data, Runner.synchronous(), 0, 1_000_000, clock::get);
        List<Integer> saved = new ArrayList<>();
        run.setCheckpointing(1000, 10, s -> saved.add(s.state().epoch()));
        run.addEpochListener(s -> {
            if (s.epoch() == 4) {
                clock.addAndGet(10); // ten nanoseconds pass during epoch 5
            }
        });
        run.start();
        assertEquals(List.of(5), saved);
    }

    @Test
    void aRestoredRunEndsWhereTheUninterruptedOneDoes() throws Exception {
        Dataset data = SETUP.dataset();
        TrainingConfig cfg = SETUP.config(data);
        TrainingRun straight = new TrainingRun(cfg, data, Runner.synchronous());
        straight.start();

        TrainingRun first = new TrainingRun(cfg, data, Runner.synchronous());
        List<TrainingRun.Saved> saved = new ArrayList<>();
        first.setCheckpointing(100, 0, saved::add);
        first.addEpochListener(s -> {
            if (s.epoch() == 5) {
                first.pause();
            }
        });
        first.start();
        TrainingRun.Saved at5 = saved.get(0);
        assertEquals(5, at5.state().epoch());
        // through the file format, as the app does
        Checkpoint c = Checkpoint.parse(bytes(Checkpoint.of(SETUP, Checkpoint.DataId.of(SETUP, data), cfg, at5)));
        TrainingRun second = new TrainingRun(c.config(), c.dataset(), Runner.synchronous());
        second.restore(c.state(), c.history(), c.elapsedNanos());
        second.start();
        assertEquals(TrainingRun.State.DONE, second.state());
        assertEquals(straight.history().train(), second.history().train());
        assertEquals(straight.history().validation(), second.history().validation());
        for (int i = 0; i < straight.latest().weights().blocks().size(); i++) {
            assertArrayEquals(straight.latest().weights().block(i).data, second.latest().weights().block(i).data, 0.0);
        }
        assertThrows(IllegalStateException.class, () -> second.restore(c.state(), c.history(), 0));
    }

    @Test
    void aDivergedRunSavesNothingAndSaysWhy() throws Exception {
        Dataset data = SETUP.dataset();
        TrainingConfig cfg = SETUP.config(data).toBuilder().optimizer(OptimizerKind.SGD).learningRate(1e30).clipNorm(0)
                .build();
        TrainingRun run = new TrainingRun(cfg, data, Runner.synchronous());
        List<TrainingRun.Saved> saved = new ArrayList<>();
        run.setCheckpointing(1, 0, saved::add);
        run.start();
        assertEquals(TrainingRun.State.FAILED, run.state());
        assertTrue(run.failure() instanceof Trainer.Diverged, String.valueOf(run.failure()));
        assertEquals(run.failure().getMessage(), run.failureMessage());
        assertTrue(saved.stream().allMatch(s -> s.state().epoch() < ((Trainer.Diverged) run.failure()).epoch()));
        run.reset();
        assertNull(run.failure());
    }

    private static byte[] bytes(Checkpoint c) throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        c.writeTo(out);
        return out.toByteArray();
    }
}
