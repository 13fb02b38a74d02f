package org.unroll.ui.common;

/**
 * Per-phase timers for the UI benchmark ({@code bench --ui}): a phase's code calls {@link #start()}
 * and {@link #end(String, long)}; nothing is measured (two reads of a volatile field) unless a sink
 * is installed. Any thread.
 */
public final class FrameProbe {

    /** Receives one measured phase: its name and how long it took, on the thread that ran it. */
    public interface Sink {
        void add(String phase, long nanos);
    }

    private static volatile Sink sink;

    private FrameProbe() {
    }

    /** Installs a sink (null: measuring off). */
    public static void install(Sink s) {
        sink = s;
    }

    /** The start of a phase (0 when nothing is measured). */
    public static long start() {
        return sink == null ? 0 : System.nanoTime();
    }

    /**
     * A count rather than a time (the benchmark prints a phase whose name ends in "(count)" as a
     * whole number: a million nanoseconds a unit).
     */
    public static void count(String phase, int n) {
        Sink s = sink;
        if (s != null) {
            s.add(phase, n * 1_000_000L);
        }
    }

    /** The end of a phase begun at {@code start}. */
    public static void end(String phase, long start) {
        Sink s = sink;
        if (s != null && start != 0) {
            s.add(phase, System.nanoTime() - start);
        }
    }
}
