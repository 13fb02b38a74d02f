package org.unroll.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shards' threads (ADR 0022, 0042): every task runs once, no two tasks of one worker at once,
 * failures come back to the caller, and jobs back to back, nested or from two threads all finish.
 * (The timeouts only keep a hang from stalling the build; nothing here is timed.)
 */
class ParallelTest {

    private int before;

    @BeforeEach
    void fourThreads() {
        before = Parallel.threads();
        Parallel.setThreads(4);
    }

    @AfterEach
    void restore() {
        Parallel.setThreads(before);
    }

    @Test
    @Timeout(120)
    void everyTaskRunsOnceAndAWorkerRunsOneTaskAtATime() {
        for (int round = 0; round < 20_000; round++) {      // back to back: the crew spinning, parked, woken
            int tasks = 1 + round % 7;
            AtomicIntegerArray runs = new AtomicIntegerArray(tasks);
            AtomicIntegerArray busy = new AtomicIntegerArray(Parallel.workers(tasks));
            AtomicInteger overlap = new AtomicInteger();
            Parallel.forEach(tasks, (worker, task) -> {
                if (busy.getAndIncrement(worker) != 0) {
                    overlap.incrementAndGet();
                }
                runs.incrementAndGet(task);
                busy.decrementAndGet(worker);
            });
            for (int t = 0; t < tasks; t++) {
                assertEquals(1, runs.get(t), "round " + round + ", task " + t);
            }
            assertEquals(0, overlap.get());
        }
    }

    @Test
    @Timeout(120)
    void aFailureOnAnyThreadComesBackAndTheNextJobStillRuns() {
        for (int failing = 0; failing < 4; failing++) {
            int f = failing;
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.forEach(4, (w, t) -> {
                if (t == f) {
                    throw new IllegalStateException("task " + f);
                }
            }));
            assertEquals("task " + f, e.getMessage());
            int[] out = new int[4];
            Parallel.forEach(4, (w, t) -> out[t] = t * t);
            assertArrayEquals(new int[] {0, 1, 4, 9}, out);
        }
        AssertionError err = assertThrows(AssertionError.class, () -> Parallel.forEach(3, (w, t) -> {
            if (t == 2) {
                throw new AssertionError("an error");
            }
        }));
        assertEquals("an error", err.getMessage());
    }

    @Test
    @Timeout(120)
    void nestedJobsAndJobsFromTwoThreadsAtOnceFinish() throws Exception {
        long[] sums = new long[4];
        Parallel.forEach(4, (w, t) -> {
            long[] inner = new long[3];
            Parallel.forEach(3, (w2, t2) -> inner[t2] = t * 10 + t2);   // the crew is busy: the pool runs it
            sums[t] = inner[0] + inner[1] + inner[2];
        });
        assertArrayEquals(new long[] {3, 33, 63, 93}, sums);

        long[][] results = new long[2][500];
        Thread[] callers = new Thread[2];
        Throwable[] failed = new Throwable[2];
        for (int c = 0; c < 2; c++) {
            int me = c;
            callers[c] = new Thread(() -> {
                try {
                    for (int i = 0; i < 500; i++) {
                        long[] part = new long[5];
                        int k = i;
                        Parallel.forEach(5, (w, t) -> part[t] = (long) k * t + me);
                        results[me][i] = part[0] + part[1] + part[2] + part[3] + part[4];
                    }
                } catch (Throwable t) {
                    failed[me] = t;
                }
            });
            callers[c].start();
        }
        for (Thread t : callers) {
            t.join();
        }
        for (int c = 0; c < 2; c++) {
            assertEquals(null, failed[c]);
            for (int i = 0; i < 500; i++) {
                assertEquals(10L * i + 5 * c, results[c][i]);
            }
        }
        assertTrue(Parallel.SPIN_NANOS >= 0);
    }
}
