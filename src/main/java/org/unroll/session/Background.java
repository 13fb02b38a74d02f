package org.unroll.session;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Where engine work runs: computing a case's trace, training the demo, reading a file. The JavaFX
 * thread never does such work itself; it hands it here and receives the immutable result on the
 * JavaFX thread. Each piece of work returns a {@link BackgroundTask} that can be cancelled; a
 * cancelled task's result never arrives. {@link Latest} keeps only the newest of a kind (a newer
 * request cancels the older one). Tests replace the implementation with {@link #synchronous()}.
 */
public interface Background {

    /**
     * Runs {@code work} away from the JavaFX thread; then, on the JavaFX thread, passes its result
     * to {@code done} or its failure to {@code failed}, unless the task was cancelled first.
     *
     * @return the handle of the work
     */
    <T> BackgroundTask submit(Callable<T> work, Consumer<? super T> done, Consumer<? super Throwable> failed);

    /** {@link #submit}, for work nobody will cancel. */
    default <T> void run(Callable<T> work, Consumer<? super T> done, Consumer<? super Throwable> failed) {
        submit(work, done, failed);
    }

    /**
     * Work on one executor, results delivered through another.
     *
     * @param worker runs the work (a background thread in the app; a queue a test runs by hand)
     * @param delivery runs the callbacks (Platform.runLater in the app)
     */
    static Background on(Executor worker, Executor delivery) {
        return new Background() {
            @Override
            public <T> BackgroundTask submit(Callable<T> work, Consumer<? super T> done,
                                             Consumer<? super Throwable> failed) {
                BackgroundTask.Handle task = new BackgroundTask.Handle();
                worker.execute(() -> {
                    if (task.isCancelled()) {
                        return; // cancelled before it started: do not start
                    }
                    T result;
                    try {
                        result = work.call();
                    } catch (Exception | Error e) {
                        delivery.execute(() -> {
                            if (task.deliver()) {
                                failed.accept(e);
                            }
                        });
                        return;
                    }
                    delivery.execute(() -> {
                        if (task.deliver()) {
                            done.accept(result);
                        }
                    });
                });
                return task;
            }
        };
    }

    /** Runs the work and its callback at once, on the calling thread (for tests). */
    static Background synchronous() {
        return on(Runnable::run, Runnable::run);
    }
}
