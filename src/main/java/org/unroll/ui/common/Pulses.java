package org.unroll.ui.common;

import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;

/**
 * A pulse at once after a key press that moves the window on, instead of at the next tick of
 * JavaFX's 60 Hz timer (ADR 0034): the key's change is laid out and rendered without waiting up to
 * a frame for the tick (8 ms on average). {@link Platform#requestNextPulse()}, the public call,
 * only asks for a pulse at the next tick; the pulse now is the toolkit's own {@code postPulse()}
 * (what the timer calls at each tick), reached by reflection, and nothing when it is not there.
 * {@code -Dunroll.pulseAtKey=false} leaves it to the timer.
 */
public final class Pulses {

    private static final boolean ON = !"false".equalsIgnoreCase(System.getProperty("unroll.pulseAtKey", "true"));
    private static final Runnable POST = find();
    private static final AtomicLong ASKED = new AtomicLong();

    private Pulses() {
    }

    /** Asks for a pulse as soon as the JavaFX thread is free (JavaFX thread). */
    public static void now() {
        ASKED.incrementAndGet();
        Platform.requestNextPulse();
        if (ON && POST != null) {
            POST.run();
        }
    }

    /** How many pulses have been asked for (tests). */
    public static long asked() {
        return ASKED.get();
    }

    /** Whether a pulse asked for comes before the timer's next tick (the toolkit's call found, and on). */
    public static boolean immediate() {
        return ON && POST != null;
    }

    private static Runnable find() {
        try {
            Object tk = Class.forName("com.sun.javafx.tk.Toolkit").getMethod("getToolkit").invoke(null);
            Method m = tk.getClass().getDeclaredMethod("postPulse");
            m.setAccessible(true);
            return () -> {
                try {
                    m.invoke(tk);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // the timer's tick comes anyway
                }
            };
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }
}
