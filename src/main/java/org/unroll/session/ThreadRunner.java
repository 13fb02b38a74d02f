package org.unroll.session;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Runner} with a single daemon worker thread: loops run one after another, in submission
 * order, never on the caller's thread. A daemon thread does not keep the JVM alive; {@link #close()}
 * ends the thread once the running loop returns.
 */
public final class ThreadRunner implements Runner, AutoCloseable {

    private final ExecutorService executor;

    /**
     * A runner with its own worker thread, started on first use.
     *
     * @param name the worker thread's name
     */
    public ThreadRunner(String name) {
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Queues the loop for the worker thread.
     *
     * @param epochLoop the loop (run exactly once, after the loops submitted before it)
     * @throws java.util.concurrent.RejectedExecutionException after {@link #close()}
     */
    @Override
    public void submit(Runnable epochLoop) {
        executor.execute(epochLoop);
    }

    /**
     * Refuses new loops and waits up to {@code timeout} for the running one to return (stop the
     * run first, or this waits out the timeout).
     *
     * @return whether the worker thread has ended
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean close(long timeout, TimeUnit unit) throws InterruptedException {
        executor.shutdown();
        return executor.awaitTermination(timeout, unit);
    }

    /** Refuses new loops; the worker thread ends when the running loop returns. */
    @Override
    public void close() {
        executor.shutdown();
    }
}
