package org.unroll.session;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Where engine work runs: computing a case's trace, training the demo, reading a file. The JavaFX
 * thread never does such work itself; it hands it here and receives the immutable result on the
 * JavaFX thread. Tests replace the implementation with {@link #synchronous()}.
 */
public interface Background {

    /**
     * Runs {@code work} away from the JavaFX thread; then, on the JavaFX thread, passes its result
     * to {@code done} or its failure to {@code failed}.
     */
    <T> void run(Callable<T> work, Consumer<? super T> done, Consumer<? super Throwable> failed);

    /** Runs the work and its callback at once, on the calling thread (for tests). */
    static Background synchronous() {
        return new Background() {
            @Override
            public <T> void run(Callable<T> work, Consumer<? super T> done, Consumer<? super Throwable> failed) {
                T result;
                try {
                    result = work.call();
                } catch (Exception | Error e) {
                    failed.accept(e);
                    return;
                }
                done.accept(result);
            }
        };
    }
}
