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
        if (SPIN_NANOS > 0 && Crew.run(helpers, tasks, body)) {
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
        rethrow(failure);
    }

    /** Throws the failure as it was (an unchecked exception or Error), or wrapped; nothing when null. */
    private static void rethrow(Throwable failure) {
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

    /**
     * How long a crew thread waits for the next job by spinning before it parks (ADR 0042):
     * {@code unroll.engine.spinMicros}, 200 µs unless set; 0 hands every job to the pool.
     */
    static final long SPIN_NANOS = spinNanos();

    private static long spinNanos() {
        try {
            return Math.max(0, Long.parseLong(System.getProperty("unroll.engine.spinMicros", "200").trim())) * 1000L;
        } catch (NumberFormatException e) {
            return 200_000L;
        }
    }

    /**
     * Helper threads that stay awake between jobs (ADR 0042): a mini-batch's forward and backward
     * passes, and the next batch, come a few microseconds apart, while waking a parked pool thread
     * takes tens of microseconds here — long enough that the calling thread had often run the other
     * shard too before the helper began (two threads 1.13× as fast as one on the book's sine at
     * batch 100). A crew thread spins for {@link #SPIN_NANOS} after each job, then parks. One job at
     * a time: a job that finds the crew busy (another training run, the validation inside a task)
     * goes to the pool as before. Which thread runs which shard still changes only the speed.
     */
    private static final class Crew {
        private static final java.util.concurrent.atomic.AtomicBoolean BUSY = new java.util.concurrent.atomic.AtomicBoolean();
        private static Member[] members = new Member[0];

        /** Runs the job on the caller and {@code helpers} crew threads; false (nothing run) when the crew is busy. */
        static boolean run(int helpers, int tasks, Task body) {
            if (!BUSY.compareAndSet(false, true)) {
                return false;
            }
            try {
                Member[] m = members(helpers);
                Job job = new Job(tasks, body, helpers, Thread.currentThread());
                for (int h = 0; h < helpers; h++) {
                    m[h].give(job);
                }
                Throwable failure = null;
                try {
                    drain(job.next, tasks, 0, body);
                } catch (RuntimeException | Error e) {
                    failure = e;
                    job.next.set(tasks);
                }
                job.await();
                if (failure == null) {
                    failure = job.failure;
                }
                rethrow(failure);
                return true;
            } finally {
                BUSY.set(false);
            }
        }

        private static Member[] members(int helpers) {
            if (members.length < helpers) {
                Member[] m = java.util.Arrays.copyOf(members, helpers);
                for (int h = members.length; h < helpers; h++) {
                    m[h] = new Member(h + 1);
                    m[h].start();
                }
                members = m;
            }
            return members;
        }
    }

    /** One job of the crew: the tasks left, the helpers not yet done, the first failure. */
    private static final class Job {
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger pending;
        final int tasks;
        final Task body;
        final Thread caller;
        volatile Throwable failure;

        Job(int tasks, Task body, int helpers, Thread caller) {
            this.tasks = tasks;
            this.body = body;
            this.pending = new AtomicInteger(helpers);
            this.caller = caller;
        }

        void done(Throwable t) {
            if (t != null && failure == null) {
                failure = t;
                next.set(tasks);
            }
            if (pending.decrementAndGet() == 0) {
                java.util.concurrent.locks.LockSupport.unpark(caller);
            }
        }

        /** Waits for every helper: spinning a while (they are usually about to finish), then parked. */
        void await() {
            long until = System.nanoTime() + SPIN_NANOS;
            boolean interrupted = false;
            while (pending.get() > 0) {
                if (System.nanoTime() < until) {
                    Thread.onSpinWait();
                } else {
                    java.util.concurrent.locks.LockSupport.park(this);
                    if (Thread.interrupted()) {
                        interrupted = true;  // the shards are short: finish them, then restore the flag
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A crew thread: runs what it is given, spins for the next job, then parks. */
    private static final class Member extends Thread {
        private final int worker;
        private volatile Job job;

        Member(int worker) {
            super("unroll-engine-crew-" + worker);
            this.worker = worker;
            setDaemon(true);
        }

        void give(Job j) {
            job = j;
            java.util.concurrent.locks.LockSupport.unpark(this);
        }

        @Override
        public void run() {
            while (true) {
                Job j = job;
                if (j == null) {
                    long until = System.nanoTime() + SPIN_NANOS;
                    while ((j = job) == null && System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                    while ((j = job) == null) {
                        java.util.concurrent.locks.LockSupport.park(this);
                    }
                }
                job = null;
                Throwable failure = null;
                try {
                    drain(j.next, j.tasks, worker, j.body);
                } catch (RuntimeException | Error e) {
                    failure = e;
                }
                j.done(failure);
            }
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
