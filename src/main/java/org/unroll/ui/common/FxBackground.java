package org.unroll.ui.common;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.unroll.session.Background;
import org.unroll.session.BackgroundTask;

/**
 * {@link Background} on one daemon worker thread; results are delivered with {@link Platform#runLater},
 * so a task cancelled on the JavaFX thread never delivers.
 */
public final class FxBackground implements Background {

    private static final AtomicInteger COUNT = new AtomicInteger();
    private final ExecutorService executor;
    private final Background on;

    /** The engine's worker ({@code unroll-engine-N}). */
    public FxBackground() {
        this("unroll-engine");
    }

    /**
     * A worker of its own, for one kind of work (painting the graph, typesetting), so that it never
     * waits behind a long load.
     *
     * @param name the thread's name (a number is added)
     */
    public FxBackground(String name) {
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name + "-" + COUNT.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        on = Background.on(executor, Platform::runLater);
    }

    @Override
    public <T> BackgroundTask submit(Callable<T> work, Consumer<? super T> done, Consumer<? super Throwable> failed) {
        return on.submit(work, done, failed);
    }

    /** Stops the worker; work already queued is dropped. */
    public void shutdown() {
        executor.shutdownNow();
    }
}
