package org.unroll.ui.common;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.unroll.session.Background;

/** {@link Background} on one daemon worker thread; results are delivered with {@link Platform#runLater}. */
public final class FxBackground implements Background {

    private static final AtomicInteger COUNT = new AtomicInteger();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "unroll-engine-" + COUNT.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    @Override
    public <T> void run(Callable<T> work, Consumer<? super T> done, Consumer<? super Throwable> failed) {
        executor.execute(() -> {
            T result;
            try {
                result = work.call();
            } catch (Exception | Error e) {
                Platform.runLater(() -> failed.accept(e));
                return;
            }
            Platform.runLater(() -> done.accept(result));
        });
    }

    /** Stops the worker; work already queued is dropped. */
    public void shutdown() {
        executor.shutdownNow();
    }
}
