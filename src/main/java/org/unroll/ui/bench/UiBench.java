package org.unroll.ui.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import org.unroll.schedule.Cursor;
import org.unroll.session.Runner;
import org.unroll.ui.AppContext;
import org.unroll.ui.MainViewModel;
import org.unroll.ui.MainWindow;
import org.unroll.ui.common.FrameProbe;
import org.unroll.ui.common.FxBackground;
import org.unroll.ui.common.LatexRenderer;
import org.unroll.ui.common.RecentFiles;

/**
 * {@code bench --ui}: opens the real main window, steps N events forward by firing the real key
 * events (→ and PageDown, alternately) at the scene's focus owner, and measures for each press the
 * time from the key event to the moment the next event is drawn: the graph's canvas painted, the
 * inspector updated, its typeset equations shown (the first pulse in which all three show the new
 * event, as {@code MainController.shows} says), and that pulse's frame rendered (the render
 * thread's "frame rendered" callback, when the toolkit offers it; else the end of the pulse).
 *
 * <p>A press waits until the window has settled — the previous event drawn, the graph's glide
 * over, the painter and the inspector done with the next events they prepare ahead — as a
 * presenter reads an event before the next, then for a random part of a frame (seeded), as a
 * person's key presses fall anywhere between two pulses. Keys held down (auto-repeat) are not
 * what this measures.
 */
public final class UiBench {

    private static final long TIMEOUT_NANOS = 5_000_000_000L;
    /** Presses shown apart as the warm-up (the JIT compiling the stepping code). */
    private static final int WARM = 5;

    private final PrintStream out;
    private final Path caseFile;
    private final int events;
    private MainWindow window;
    private MainViewModel vm;
    /** Probe phases of the press being measured, summed. */
    private final Map<String, LongAdder> phases = new ConcurrentHashMap<>();
    private final List<Long> frames = new CopyOnWriteArrayList<>();
    /** The render thread's CPU time when each frame was rendered (-1: not measurable). */
    private final List<Long> frameCpu = new CopyOnWriteArrayList<>();
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    private volatile long renderThreadId = -1;
    private volatile boolean renderCallback;
    private long pulses;
    private long pulseStart;
    private long layoutNanos;
    // the press under way (FX thread)
    private Press press;

    /** One key press and what was measured. */
    private static final class Press {
        int target = Integer.MIN_VALUE;
        long t0;
        long handler;
        long pulsesAtKey;
        int framesAtKey;
        long ready;
        long pulseEnd;
        long fxCpuAtKey;
        long fxCpu;
        long renderCpuAtKey = -1;
        long layout;
        int pulsesToReady;
        final CountDownLatch drawn = new CountDownLatch(1);
        Map<String, Long> phases;
    }

    private UiBench(Path caseFile, int events, PrintStream out) {
        this.caseFile = caseFile;
        this.events = events;
        this.out = out;
    }

    /**
     * Runs the benchmark and prints its figures; the last lines are {@code median_ms=} and
     * {@code max_ms=}.
     *
     * @param caseFile the case to step through (null: the default demo)
     * @param events how many key presses to measure
     * @param window the window's size, WIDTHxHEIGHT
     * @return the exit code (0, or 2 when the window cannot be opened or the case not shown)
     */
    public static int run(Path caseFile, int events, String window) throws Exception {
        return new UiBench(caseFile, events, System.out).go(window);
    }

    private int go(String size) throws Exception {
        System.setProperty("unroll.window", size);
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        Platform.setImplicitExit(false);
        started.await();
        CountDownLatch shown = new CountDownLatch(1);
        AtomicReference<String> problem = new AtomicReference<>();
        Platform.runLater(() -> open(shown, problem));
        if (!shown.await(120, TimeUnit.SECONDS) || problem.get() != null) {
            System.err.println("error: " + (problem.get() != null ? problem.get() : "the case was not shown within 2 minutes"));
            Platform.exit();
            return 2;
        }
        // the first paint, JLaTeXMath's fonts (the app warms them up in the background too)
        settle(1500);
        List<Double> total = new ArrayList<>();
        Map<String, List<Double>> byPhase = new TreeMap<>();
        SplittableRandom rnd = new SplittableRandom(42);
        int wraps = 0;
        for (int i = 0; i < events; i++) {
            if (onFx(() -> vm.getCursor().atEnd())) {
                onFx(() -> {
                    vm.toStart();
                    return null;
                });
                wraps++;
                awaitDrawn(-1);
            }
            awaitIdle();
            long jitter = (long) (rnd.nextDouble() * 16_667_000L);
            TimeUnit.NANOSECONDS.sleep(jitter);
            Press p = new Press();
            KeyCode key = i % 2 == 0 ? KeyCode.RIGHT : KeyCode.PAGE_DOWN;
            Platform.runLater(() -> fire(p, key));
            if (!p.drawn.await(TIMEOUT_NANOS, TimeUnit.NANOSECONDS)) {
                System.err.println("error: event " + (p.target + 1) + " was not drawn within 5 s ("
                        + onFx(() -> window.controller().whatIsShown()) + ")");
                Platform.exit();
                return 2;
            }
            long end = renderEnd(p);
            total.add((end - p.t0) / 1e6);
            add(byPhase, "fx: key handler (everything the key event runs)", p.handler);
            add(byPhase, "fx: layout and CSS passes, until drawn", p.layout);
            add(byPhase, "pulses until drawn (count)", p.pulsesToReady * 1_000_000L);
            add(byPhase, "fx: key to the pulse that draws it", p.ready - p.t0);
            add(byPhase, renderCallback ? "render thread: from that pulse to its frame rendered" : "end of that pulse", end - p.ready);
            if (p.fxCpu >= 0) {
                add(byPhase, "cpu: JavaFX thread, key to the pulse that draws it", p.fxCpu);
            }
            long rc = renderCpu(p);
            if (rc >= 0) {
                add(byPhase, "cpu: render thread, until that frame is rendered", rc);
            }
            for (Map.Entry<String, Long> e : p.phases.entrySet()) {
                add(byPhase, e.getKey(), e.getValue());
            }
        }
        report(total, byPhase, wraps);
        Platform.exit();
        return 0;
    }

    private void open(CountDownLatch shown, AtomicReference<String> problem) {
        try {
            FxBackground background = new FxBackground();
            AppContext ctx = new AppContext(background, RecentFiles.inMemory(), Locale.ENGLISH,
                    () -> Runner.daemonThread("unroll-training"), Platform::runLater, FxBackground::new);
            Stage stage = new Stage();
            window = MainWindow.create(stage, ctx);
            window.placeOnScreen();
            vm = ctx.main();
            vm.setOnProblem(p -> {
                problem.set(p.header() + ": " + p.message());
                shown.countDown();
            });
            vm.cursorProperty().addListener((o, a, c) -> {
                if (c != null && a == null) {
                    shown.countDown();
                }
            });
            stage.show();
            Scene scene = window.scene();
            scene.addPreLayoutPulseListener(() -> {
                pulses++;
                pulseStart = System.nanoTime();
            });
            scene.addPostLayoutPulseListener(this::afterLayout);
            trackRenderedFrames(scene);
            if (caseFile != null) {
                vm.open(caseFile);
            } else {
                vm.loadDemo();
            }
            background.run(() -> {
                LatexRenderer.warmUp();
                return null;
            }, x -> { }, x -> { });
        } catch (RuntimeException e) {
            problem.set(e.toString());
            shown.countDown();
        }
    }

    /**
     * The render thread's callback when the scene's frame is rendered (JavaFX's performance
     * tracker; not public API, so found by reflection and left out when it is not there).
     */
    private void trackRenderedFrames(Scene scene) {
        try {
            Class<?> tracker = Class.forName("com.sun.javafx.perf.PerformanceTracker");
            Object t = tracker.getMethod("getSceneTracker", Scene.class).invoke(null, scene);
            Object before = tracker.getMethod("getOnRenderedFrameTask").invoke(t);
            Runnable previous = before instanceof Runnable pr ? pr : null;
            Runnable r = () -> {
                if (previous != null) {
                    // the window's own (its work ahead waits for the frame: ADR 0040)
                    previous.run();
                }
                // its CPU time first: the frame's list is what the presses wait for
                renderThreadId = Thread.currentThread().getId();
                frameCpu.add(THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1);
                frames.add(System.nanoTime());
            };
            tracker.getMethod("setOnRenderedFrameTask", Runnable.class).invoke(t, r);
            renderCallback = true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            renderCallback = false;
        }
    }

    private void fire(Press p, KeyCode key) {
        press = p;
        p.pulsesAtKey = pulses;
        p.framesAtKey = frames.size();
        long rid = renderThreadId;
        p.renderCpuAtKey = rid >= 0 && THREADS.isThreadCpuTimeSupported() ? THREADS.getThreadCpuTime(rid) : -1;
        p.fxCpuAtKey = THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
        layoutNanos = 0;
        phases.clear();
        FrameProbe.install((name, nanos) -> phases.computeIfAbsent(name, k -> new LongAdder()).add(nanos));
        Scene scene = window.scene();
        javafx.scene.Node target = scene.getFocusOwner();
        p.t0 = System.nanoTime();
        KeyEvent down = new KeyEvent(KeyEvent.KEY_PRESSED, "", "", key, false, false, false, false);
        if (target != null) {
            Event.fireEvent(target, down);
        } else {
            Event.fireEvent(scene, down);
        }
        p.handler = System.nanoTime() - p.t0;
        Cursor c = vm.getCursor();
        p.target = c == null ? -1 : c.position();
        KeyEvent up = new KeyEvent(KeyEvent.KEY_RELEASED, "", "", key, false, false, false, false);
        Event.fireEvent(target != null ? target : scene, up);
    }

    private void afterLayout() {
        layoutNanos += System.nanoTime() - pulseStart;
        check();
    }

    /** Ends the press when everything shows its event at the end of a pulse's layout pass. */
    private void check() {
        Press p = press;
        if (p == null || p.target == Integer.MIN_VALUE || !window.controller().shows(p.target)) {
            return;
        }
        press = null;
        p.ready = System.nanoTime();
        p.fxCpu = p.fxCpuAtKey < 0 ? -1 : THREADS.getCurrentThreadCpuTime() - p.fxCpuAtKey;
        p.layout = layoutNanos;
        p.pulsesToReady = (int) (pulses - p.pulsesAtKey);
        Map<String, Long> m = new TreeMap<>();
        phases.forEach((k, v) -> m.put(k, v.sum()));
        p.phases = m;
        // after this pulse: its end
        Platform.runLater(() -> {
            p.pulseEnd = System.nanoTime();
            p.drawn.countDown();
        });
    }

    /**
     * When the frame of the pulse that drew everything was rendered: the k-th frame rendered
     * after the key press, k being the number of pulses up to that one (each changed the scene).
     */
    private long renderEnd(Press p) throws InterruptedException {
        if (!renderCallback) {
            return p.pulseEnd;
        }
        int want = p.framesAtKey + p.pulsesToReady;
        long deadline = System.nanoTime() + 500_000_000L;
        while (frames.size() < want && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(1);
        }
        if (frames.size() < want) {
            return frames.size() > p.framesAtKey ? frames.get(frames.size() - 1) : p.pulseEnd;
        }
        return Math.max(p.ready, frames.get(want - 1));
    }

    /**
     * The render thread's CPU time from the key press to the frame that drew the event (what the
     * software pipeline spent on it, whatever else shares the cores), or -1.
     */
    private long renderCpu(Press p) {
        int want = p.framesAtKey + p.pulsesToReady;
        if (p.renderCpuAtKey < 0 || !renderCallback || frameCpu.size() < want || want < 1) {
            return -1;
        }
        long at = frameCpu.get(want - 1);
        return at < 0 ? -1 : Math.max(0, at - p.renderCpuAtKey);
    }

    /** Waits until the window shows the cursor's event and the graph's glide is over. */
    private void awaitIdle() throws Exception {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (System.nanoTime() < deadline) {
            if (onFx(() -> window.controller().shows(vm.getCursor().position())
                    && !window.controller().graph().view().animating() && window.controller().settled())) {
                int f = frames.size();
                TimeUnit.MILLISECONDS.sleep(40);
                if (frames.size() == f) {
                    return;
                }
            } else {
                TimeUnit.MILLISECONDS.sleep(5);
            }
        }
    }

    private void awaitDrawn(int index) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (System.nanoTime() < deadline && !onFx(() -> window.controller().shows(index))) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    private void settle(long millis) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(millis);
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> c) throws Exception {
        java.util.concurrent.FutureTask<T> f = new java.util.concurrent.FutureTask<>(c);
        Platform.runLater(f);
        return f.get(30, TimeUnit.SECONDS);
    }

    private static void add(Map<String, List<Double>> m, String k, long nanos) {
        m.computeIfAbsent(k, x -> new ArrayList<>()).add(nanos / 1e6);
    }

    private void report(List<Double> total, Map<String, List<Double>> byPhase, int wraps) {
        out.printf(Locale.ROOT, "unroll ui bench: %s, %d key presses (→/PageDown), window %s, prism %s, pulse at the key %s, graph tiles %s%s%n",
                caseFile == null ? "the demo" : caseFile.getFileName(), total.size(), System.getProperty("unroll.window"),
                System.getProperty("prism.order", "default"), org.unroll.ui.common.Pulses.immediate() ? "on" : "off",
                System.getProperty("unroll.graph.tile", "default"), wraps > 0 ? ", back to the start " + wraps + "×" : "");
        out.printf(Locale.ROOT, "%-58s %9s %9s %9s%n", "phase (per key press)", "median", "p90", "max");
        for (Map.Entry<String, List<Double>> e : byPhase.entrySet()) {
            List<Double> v = new ArrayList<>(e.getValue());
            while (v.size() < total.size()) {
                v.add(0.0);
            }
            Collections.sort(v);
            boolean count = e.getKey().contains("(count)");
            out.printf(Locale.ROOT, count ? "%-58s %9.0f %9.0f %9.0f%n" : "%-58s %9.2f %9.2f %9.2f%n",
                    e.getKey(), median(v), p90(v),
                    v.get(v.size() - 1));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < total.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Double.compare(total.get(b), total.get(a)));
        StringBuilder slow = new StringBuilder();
        for (int i = 0; i < Math.min(3, order.size()); i++) {
            slow.append(i == 0 ? "" : ", ").append('#').append(order.get(i) + 1).append(' ')
                    .append(String.format(Locale.ROOT, "%.1f", total.get(order.get(i))));
        }
        out.printf(Locale.ROOT, "%-58s %s%n", "slowest presses (press: ms)", slow);
        if (total.size() > 2 * WARM) {
            // the first presses run code the JIT has not compiled yet: shown apart, still in max_ms
            List<Double> warm = new ArrayList<>(total.subList(WARM, total.size()));
            Collections.sort(warm);
            out.printf(Locale.ROOT, "%-58s %9.2f %9.2f %9.2f%n", "after the first " + WARM + " presses", median(warm),
                    p90(warm), warm.get(warm.size() - 1));
        }
        List<Double> t = new ArrayList<>(total);
        Collections.sort(t);
        out.printf(Locale.ROOT, "%-58s %9.2f %9.2f %9.2f%n", "key press to the event drawn", median(t),
                p90(t), t.get(t.size() - 1));
        out.printf(Locale.ROOT, "median_ms=%.2f%n", median(t));
        out.printf(Locale.ROOT, "max_ms=%.2f%n", t.get(t.size() - 1));
        out.flush();
    }

    /** The 90th percentile of sorted values (nearest rank). */
    private static double p90(List<Double> sorted) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.9) - 1));
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
