package org.unroll.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The engine's worker threads: runs the shards of a mini-batch (ADR 0022) on up to
 * {@link #threads()} threads, the calling thread included. Which thread runs which shard changes
 * only the speed: every shard writes its own result, and the caller combines them in shard order, so
 * the numbers are the same with 1 thread or 16.
 *
 * <p>The number of threads is the machine's processor count, or the system property
 * {@code unroll.threads}, or what {@link #setThreads(int)} last set (the command line's
 * {@code --threads}). The pool's threads are daemons, created on first use.
 */
public final class Parallel {

    private static volatile int threads = initialThreads();
    private static ExecutorService pool;

    private Parallel() {
    }

    private static int initialThreads() {
        int cores = Runtime.getRuntime().availableProcessors();
        String p = System.getProperty("unroll.threads");
        if (p != null) {
            try {
                int n = Integer.parseInt(p.trim());
                if (n >= 1) {
                    return Math.min(n, Limits.MAX_THREADS);
                }
            } catch (NumberFormatException ignored) {
                // fall back to the processor count
            }
        }
        return Math.max(1, Math.min(cores, Limits.MAX_THREADS));
    }

    /** How many threads a mini-batch's shards run on (at least 1). */
    public static int threads() {
        return threads;
    }

    /**
     * Sets how many threads later mini-batches run on; the numbers do not depend on it.
     *
     * @param n 1 … {@link Limits#MAX_THREADS}
     * @throws IllegalArgumentException if n is out of that range
     */
    public static void setThreads(int n) {
        if (n < 1 || n > Limits.MAX_THREADS) {
            throw new IllegalArgumentException("threads must be 1.." + Limits.MAX_THREADS + ", got " + n);
        }
        threads = n;
    }

    /**
     * Runs {@code body.accept(i)} for every i in [0, tasks), on the calling thread and up to
     * {@link #threads()} − 1 pool threads, and returns when all have run.
     *
     * @throws RuntimeException the first task's unchecked exception (or Error), rethrown after all
     *     tasks have stopped
     */
    static void forEach(int tasks, IntConsumer body) {
        forEach(tasks, (worker, task) -> body.accept(task));
    }

    /** One task of {@link #forEach(int, Task)}. */
    interface Task {
        /**
         * @param worker which thread runs it: 0 (the caller) … {@link #workers(int)} − 1; no two
         *     tasks with the same worker run at the same time
         * @param task the task's index
         */
        void run(int worker, int task);
    }

    /** How many workers {@link #forEach(int, Task)} uses for this many tasks. */
    static int workers(int tasks) {
        return Math.max(1, Math.min(threads, tasks));
    }

    /**
     * Runs {@code body.run(worker, i)} for every i in [0, tasks) on {@link #workers(int)} threads,
     * the calling thread as worker 0, and returns when all have run.
     *
     * @throws RuntimeException the first task's unchecked exception (or Error), rethrown after all
     *     tasks have stopped
     */
    static void forEach(int tasks, Task body) {
        forEach(tasks, true, body);
    }

    /**
     * As {@link #forEach(int, Task)}, or all on the calling thread when {@code parallel} is false
     * (work too small to be worth waking a thread for; the results are the same either way).
     */
    static void forEach(int tasks, boolean parallel, Task body) {
        int helpers = parallel ? workers(tasks) - 1 : 0;
        if (helpers <= 0) {
            for (int i = 0; i < tasks; i++) {
                body.run(0, i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>(helpers);
        ExecutorService p = pool();
        for (int h = 1; h <= helpers; h++) {
            int id = h;
            futures.add(p.submit(() -> drain(next, tasks, id, body)));
        }
        Throwable failure = null;
        try {
            drain(next, tasks, 0, body);
        } catch (RuntimeException | Error e) {
            failure = e;
            next.set(tasks);
        }
        boolean interrupted = false;
        for (Future<?> f : futures) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the shards are short: finish them, then restore the flag
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause();
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    private static void drain(AtomicInteger next, int tasks, int worker, Task body) {
        for (int i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) {
            body.run(worker, i);
        }
    }

    private static synchronized ExecutorService pool() {
        if (pool == null) {
            AtomicInteger n = new AtomicInteger();
            // cached: a thread per concurrent shard, reused, gone after a minute idle
            pool = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "unroll-engine-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
    }
}
