package org.unroll.session;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A handle on work handed to {@link Background#submit}: it can be cancelled, and once cancelled its
 * result (or its failure) is never delivered. Work not yet started does not start; work under way
 * runs to its end (it is not interrupted) and its result is dropped.
 */
public interface BackgroundTask {

    /**
     * Cancels the task unless its result has been delivered already.
     *
     * @return whether this call cancelled it (false: delivered, failed or cancelled before)
     */
    boolean cancel();

    /** Whether the task was cancelled before its result was delivered. */
    boolean isCancelled();

    /** Whether the task is over: its result or failure delivered, or cancelled. */
    boolean isDone();

    /** A handle on nothing: already done, cannot be cancelled. */
    BackgroundTask NONE = new BackgroundTask() {
        @Override
        public boolean cancel() {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return true;
        }
    };

    /**
     * The state of one task for {@link Background} implementations: pending until either
     * {@link #cancel()} or {@link #deliver()} wins; whichever comes first decides, once.
     */
    final class Handle implements BackgroundTask {

        private static final int PENDING = 0;
        private static final int DELIVERED = 1;
        private static final int CANCELLED = 2;

        private final AtomicInteger state = new AtomicInteger(PENDING);

        @Override
        public boolean cancel() {
            return state.compareAndSet(PENDING, CANCELLED);
        }

        @Override
        public boolean isCancelled() {
            return state.get() == CANCELLED;
        }

        @Override
        public boolean isDone() {
            return state.get() != PENDING;
        }

        /**
         * Claims the right to deliver the result: call just before handing it to the callback, on
         * the thread that runs the callback.
         *
         * @return false if the task was cancelled (then deliver nothing)
         */
        public boolean deliver() {
            return state.compareAndSet(PENDING, DELIVERED);
        }
    }
}
