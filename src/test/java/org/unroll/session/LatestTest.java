package org.unroll.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * Background work with handles, driven by hand: the worker and the delivery are queues the test
 * runs when it says, so every interleaving is chosen, not timed.
 */
class LatestTest {

    /** An executor that only queues; {@link #runAll()} runs what is queued, in order. */
    private static final class Manual implements Executor {
        private final Queue<Runnable> queue = new ArrayDeque<>();

        @Override
        public void execute(Runnable r) {
            queue.add(r);
        }

        int runAll() {
            int n = 0;
            while (!queue.isEmpty()) {
                queue.remove().run();
                n++;
            }
            return n;
        }
    }

    private final Manual worker = new Manual();
    private final Manual delivery = new Manual();
    private final Background background = Background.on(worker, delivery);
    private final List<String> delivered = new ArrayList<>();
    private final List<String> started = new ArrayList<>();

    private BackgroundTask submit(Latest latest, String name) {
        return latest.submit(() -> {
            started.add(name);
            return name;
        }, delivered::add, e -> delivered.add("failed " + name));
    }

    @Test
    void aSupersededTaskNeitherStartsNorDelivers() {
        Latest latest = new Latest(background);
        BackgroundTask a = submit(latest, "a");
        BackgroundTask b = submit(latest, "b");
        assertTrue(a.isCancelled());
        assertFalse(b.isDone());
        assertTrue(latest.isPending());
        worker.runAll();
        assertEquals(List.of("b"), started, "the cancelled one was not started");
        assertTrue(delivered.isEmpty(), "nothing arrives before the delivery thread runs");
        delivery.runAll();
        assertEquals(List.of("b"), delivered);
        assertTrue(b.isDone());
        assertFalse(b.isCancelled());
        assertFalse(latest.isPending());
    }

    @Test
    void aTaskSupersededAfterItsWorkRanStillNeverDelivers() {
        Latest latest = new Latest(background);
        submit(latest, "old");
        worker.runAll(); // the old result is computed and queued for delivery
        submit(latest, "new");
        worker.runAll();
        assertEquals(List.of("old", "new"), started);
        delivery.runAll(); // the old result's delivery runs first, and drops it
        assertEquals(List.of("new"), delivered, "the older result never overwrites the newer");
    }

    @Test
    void aFailureOfACancelledTaskIsNotDeliveredEither() {
        Latest latest = new Latest(background);
        latest.submit(() -> {
            throw new IllegalStateException("broken");
        }, r -> delivered.add("result"), e -> delivered.add(e.getMessage()));
        worker.runAll();
        assertTrue(latest.cancel());
        delivery.runAll();
        assertTrue(delivered.isEmpty());
    }

    @Test
    void cancellingADeliveredTaskDoesNothing() {
        BackgroundTask t = background.submit(() -> "x", delivered::add, e -> { });
        worker.runAll();
        delivery.runAll();
        assertFalse(t.cancel(), "already delivered");
        assertFalse(t.isCancelled());
        assertTrue(t.isDone());
        assertEquals(List.of("x"), delivered);
    }

    @Test
    void aCancelledTaskOutsideLatestIsDroppedToo() {
        BackgroundTask t = background.submit(() -> "x", delivered::add, e -> { });
        assertTrue(t.cancel());
        assertFalse(t.cancel(), "once");
        assertEquals(1, worker.runAll());
        assertEquals(0, delivery.runAll(), "nothing was queued for delivery");
        assertTrue(delivered.isEmpty());
    }

    @Test
    void synchronousDeliversAtOnceAndLatestStillKeepsTheNewest() {
        Latest latest = new Latest(Background.synchronous());
        BackgroundTask a = submit(latest, "a");
        assertTrue(a.isDone());
        assertFalse(latest.cancel(), "nothing pending");
        submit(latest, "b");
        assertEquals(List.of("a", "b"), delivered);
    }
}
