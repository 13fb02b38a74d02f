package org.unroll.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ThrottleTest {

    private static final long MS = 1_000_000L;

    @Test
    void letsTheFirstThroughThenAtMostNPerSecond() {
        AtomicLong now = new AtomicLong(5_000 * MS);
        Throttle th = new Throttle(30, now::get);
        assertEquals(1_000_000_000L / 30, th.intervalNanos());
        assertTrue(th.tryPass());
        assertFalse(th.tryPass(), "same instant");
        now.addAndGet(10 * MS);
        assertFalse(th.tryPass(), "10 ms later");
        now.addAndGet(24 * MS);
        assertTrue(th.tryPass(), "34 ms after the first pass");
        now.addAndGet(1 * MS);
        assertFalse(th.tryPass());
    }

    @Test
    void aThousandEventsInOneSecondGiveThirtyPasses() {
        AtomicLong now = new AtomicLong();
        Throttle th = new Throttle(30, now::get);
        int passed = 0;
        for (int i = 0; i < 1000; i++) {
            if (th.tryPass()) {
                passed++;
            }
            now.addAndGet(MS);
        }
        assertEquals(30, passed);
    }

    @Test
    void finalEventsAlwaysPassAndCountAsAPass() {
        AtomicLong now = new AtomicLong();
        Throttle th = new Throttle(10, now::get);
        assertTrue(th.tryPass());
        assertTrue(th.tryPass(true));
        assertTrue(th.tryPass(true));
        now.addAndGet(50 * MS);
        assertTrue(th.tryPass(true));
        now.addAndGet(60 * MS);
        assertFalse(th.tryPass(), "the final pass restarted the interval");
        now.addAndGet(40 * MS);
        assertTrue(th.tryPass());
    }

    @Test
    void resetLetsTheNextThrough() {
        AtomicLong now = new AtomicLong();
        Throttle th = new Throttle(1, now::get);
        assertTrue(th.tryPass());
        assertFalse(th.tryPass());
        th.reset();
        assertTrue(th.tryPass());
    }

    @Test
    void clockMayStartNegative() {
        AtomicLong now = new AtomicLong(Long.MIN_VALUE / 2);
        Throttle th = new Throttle(30, now::get);
        assertTrue(th.tryPass());
        assertFalse(th.tryPass());
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new Throttle(0, System::nanoTime));
        assertThrows(NullPointerException.class, () -> new Throttle(30, null));
    }
}
