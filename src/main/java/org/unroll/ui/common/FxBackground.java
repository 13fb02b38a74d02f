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
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "unroll-engine-" + COUNT.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private final Background on = Background.on(executor, Platform::runLater);

    @Override
    public <T> BackgroundTask submit(Callable<T> work, Consumer<? super T> done, Consumer<? super Throwable> failed) {
        return on.submit(work, done, failed);
    }

    /** Stops the worker; work already queued is dropped. */
    public void shutdown() {
        executor.shutdownNow();
    }
}
