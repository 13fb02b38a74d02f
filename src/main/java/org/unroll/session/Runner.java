package org.unroll.session;

/**
 * Where a {@link TrainingRun}'s epoch loop runs. The loop itself decides when to return (paused,
 * stopped, done or failed); the runner only decides on which thread.
 */
public interface Runner {

    /**
     * Runs {@code epochLoop}, now or later, on some thread.
     *
     * @param epochLoop the loop (run exactly once)
     */
    void submit(Runnable epochLoop);

    /**
     * Runs the loop at once on the calling thread: {@link TrainingRun#start()} returns when training
     * has paused, stopped, finished or failed. For tests; a listener may pause or stop the run.
     */
    static Runner synchronous() {
        return Runnable::run;
    }

    /**
     * Runs loops on one daemon worker thread, one after another.
     *
     * @param name the worker thread's name
     */
    static ThreadRunner daemonThread(String name) {
        return new ThreadRunner(name);
    }
}
