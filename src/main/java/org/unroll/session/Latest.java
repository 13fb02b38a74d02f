package org.unroll.session;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The newest of one kind of background work (loading a case, rendering a preview): submitting new
 * work cancels the previous, so a superseded task's result never arrives and an older result can
 * never overwrite a newer one. Use it from one thread (the JavaFX thread), the thread results are
 * delivered on.
 */
public final class Latest {

    private final Background background;
    private BackgroundTask current = BackgroundTask.NONE;

    public Latest(Background background) {
        this.background = background;
    }

    /**
     * Cancels the previous work, if still pending, and submits this.
     *
     * @return the new work's handle
     */
    public <T> BackgroundTask submit(Callable<T> work, Consumer<? super T> done, Consumer<? super Throwable> failed) {
        current.cancel();
        current = background.submit(work, done, failed);
        return current;
    }

    /**
     * Cancels the pending work, if any.
     *
     * @return whether there was pending work (now cancelled)
     */
    public boolean cancel() {
        return current.cancel();
    }

    /** Whether the newest work has neither delivered nor been cancelled. */
    public boolean isPending() {
        return !current.isDone();
    }
}
