package org.unroll.session;

import java.util.function.LongSupplier;

/**
 * Limits how often live plots are fed: lets at most N events per second through. The caller asks
 * at each event whether it may publish the current (newest) state; a refused event is simply
 * superseded by the next one, so whatever gets through is always the latest state. A final event
 * (training paused, stopped, done or failed) always gets through, so the last thing shown is the
 * state training halted in.
 *
 * <p>Pure: time comes from an injected clock of nanoseconds. Not thread-safe: one thread asks.
 */
public final class Throttle {

    /** The default rate: about as often as a display redraws usefully. */
    public static final int DEFAULT_PER_SECOND = 30;

    private final long intervalNanos;
    private final LongSupplier clock;
    private boolean passedBefore;
    private long lastPass;

    /** A throttle of {@value #DEFAULT_PER_SECOND} per second on {@link System#nanoTime()}. */
    public Throttle() {
        this(DEFAULT_PER_SECOND, System::nanoTime);
    }

    /**
     * A throttle of {@code perSecond} events per second.
     *
     * @param perSecond the most events let through per second, at least 1
     * @param nanoClock the clock, in nanoseconds (monotonic, like {@link System#nanoTime()})
     * @throws IllegalArgumentException if {@code perSecond < 1}
     */
    public Throttle(int perSecond, LongSupplier nanoClock) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("perSecond must be >= 1, got " + perSecond);
        }
        if (nanoClock == null) {
            throw new NullPointerException("nanoClock");
        }
        this.intervalNanos = 1_000_000_000L / perSecond;
        this.clock = nanoClock;
    }

    /** The least time between two events let through, in nanoseconds. */
    public long intervalNanos() {
        return intervalNanos;
    }

    /**
     * Whether an ordinary event may go through now: true for the first event, then only when at
     * least {@link #intervalNanos()} have passed since the last event let through. A true answer
     * counts as a pass.
     */
    public boolean tryPass() {
        return tryPass(false);
    }

    /**
     * Whether an event may go through now.
     *
     * @param last whether this is a final event (always let through, and counted as a pass)
     * @return true if the caller should publish this event
     */
    public boolean tryPass(boolean last) {
        long now = clock.getAsLong();
        if (last || !passedBefore || now - lastPass >= intervalNanos) {
            passedBefore = true;
            lastPass = now;
            return true;
        }
        return false;
    }

    /** Forgets the last pass, so the next event goes through. */
    public void reset() {
        passedBefore = false;
    }
}
