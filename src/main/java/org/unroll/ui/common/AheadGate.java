package org.unroll.ui.common;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.scene.Scene;

/**
 * Holds the work the views do ahead of time (the graph's next picture, the inspector's next
 * snapshots) from a step until the frame that shows the step has been rendered (ADR 0040). On
 * two cores, work started ahead at the key press took the cores from the render thread that was
 * drawing the step itself: its frame took 20 ms of wall time for 9 ms of CPU.
 *
 * <p>{@link #hold()} closes the gate (the cursor moved); the gate opens again when the scene
 * renders a frame begun after the next pulse (JavaFX's scene tracker, found by reflection; when
 * it is not there, at the end of that pulse), or after {@value #LATEST_MS} ms at the latest (no
 * frame rendered: a window hidden or minimised). Work asked for while the gate is closed runs on
 * the JavaFX thread when it opens, each task once. {@code -Dunroll.holdAhead=false} leaves the
 * gate always open (the behaviour before). Used on the JavaFX thread only, apart from the render
 * thread's callback.
 */
public final class AheadGate {

    /** The longest a step holds the work ahead, when no frame is rendered. */
    public static final long LATEST_MS = 250;
    private static final boolean ON = !"false".equalsIgnoreCase(System.getProperty("unroll.holdAhead", "true"));
    private static final ScheduledExecutorService LATEST = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "unroll-ahead-gate");
        t.setDaemon(true);
        return t;
    });

    private final Consumer<Runnable> fx;
    private final Consumer<Runnable> latest;
    private final Set<Runnable> queued = new LinkedHashSet<>();
    private final AtomicLong rendered = new AtomicLong();
    private boolean held;
    private long generation;
    /** The frames rendered when the first pulse after the hold began (−1: no pulse yet). */
    private long framesAtPulse = -1;
    private volatile long waitingFor = Long.MAX_VALUE;
    private volatile long waitingGeneration;
    private boolean tracked;
    private long opened;

    /** @param fx runs a task on the JavaFX thread later ({@code Platform::runLater}) */
    public AheadGate(Consumer<Runnable> fx) {
        this(fx, r -> LATEST.schedule(r, LATEST_MS, TimeUnit.MILLISECONDS));
    }

    /**
     * @param fx runs a task on the JavaFX thread later
     * @param latest runs a task {@value #LATEST_MS} ms later, on any thread (tests: by hand)
     */
    AheadGate(Consumer<Runnable> fx, Consumer<Runnable> latest) {
        this.fx = fx;
        this.latest = latest;
    }

    /**
     * Follows the scene's pulses and rendered frames (JavaFX thread, once per scene): without a
     * scene the gate opens only after {@value #LATEST_MS} ms.
     */
    public void attach(Scene scene) {
        scene.addPreLayoutPulseListener(this::pulse);
        scene.addPostLayoutPulseListener(this::afterLayout);
        tracked = track(scene);
    }

    /** Whether frames rendered are followed (else the gate opens at the end of the pulse; tests). */
    void tracked(boolean on) {
        tracked = on;
    }

    /** Closes the gate: a step is being shown (JavaFX thread). */
    public void hold() {
        if (!ON) {
            return;
        }
        held = true;
        long g = ++generation;
        framesAtPulse = -1;
        waitingFor = Long.MAX_VALUE;
        latest.accept(() -> fx.accept(() -> open(g)));
    }

    /** Whether work ahead waits (JavaFX thread). */
    public boolean held() {
        return held;
    }

    /**
     * Runs {@code task} now when the gate is open, else once when it opens (JavaFX thread); a task
     * asked for twice while the gate is closed runs once.
     */
    public void whenOpen(Runnable task) {
        if (!held) {
            task.run();
        } else {
            queued.add(task);
        }
    }

    /** How many times the gate opened after a hold (tests, the benchmark). */
    public long opened() {
        return opened;
    }

    /** A pulse begins (JavaFX thread, before its layout pass). */
    void pulse() {
        if (held && framesAtPulse < 0) {
            framesAtPulse = rendered.get();
            waitingGeneration = generation;
            waitingFor = framesAtPulse;
        }
    }

    /** A pulse's layout pass is over (JavaFX thread). */
    void afterLayout() {
        if (held && framesAtPulse >= 0 && !tracked) {
            long g = generation;
            fx.accept(() -> open(g));
        }
    }

    /** The render thread: a frame rendered. */
    void frameRendered() {
        long n = rendered.incrementAndGet();
        if (n > waitingFor) {
            waitingFor = Long.MAX_VALUE;
            long g = waitingGeneration;
            fx.accept(() -> open(g));
        }
    }

    private void open(long g) {
        if (!held || g != generation) {
            return;
        }
        held = false;
        opened++;
        List<Runnable> run = new ArrayList<>(queued);
        queued.clear();
        for (Runnable r : run) {
            if (held) {
                queued.add(r);
            } else {
                r.run();
            }
        }
    }

    /** The scene tracker's rendered-frame callback (not public API: by reflection, else false). */
    private boolean track(Scene scene) {
        try {
            Class<?> tracker = Class.forName("com.sun.javafx.perf.PerformanceTracker");
            Object t = tracker.getMethod("getSceneTracker", Scene.class).invoke(null, scene);
            Object before = tracker.getMethod("getOnRenderedFrameTask").invoke(t);
            Runnable previous = before instanceof Runnable r ? r : null;
            Runnable mine = () -> {
                frameRendered();
                if (previous != null) {
                    previous.run();
                }
            };
            tracker.getMethod("setOnRenderedFrameTask", Runnable.class).invoke(t, mine);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        }
    }
}
