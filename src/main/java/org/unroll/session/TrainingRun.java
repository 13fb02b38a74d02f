package org.unroll.session;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.unroll.engine.Batch;
import org.unroll.engine.Bptt;
import org.unroll.engine.Case;
import org.unroll.engine.Dataset;
import org.unroll.engine.EpochResult;
import org.unroll.engine.Sequence;
import org.unroll.engine.Trace;
import org.unroll.engine.Trainer;
import org.unroll.engine.TrainingConfig;
import org.unroll.engine.Weights;

/**
 * One training run that can be started, paused, resumed, stopped and reset: a {@link Trainer} for a
 * configuration and a dataset, with a chosen sample sequence that live plots trace after each epoch.
 *
 * <p><b>States.</b> {@link State#NEW} → {@link #start()} → RUNNING; {@link #pause()} → PAUSED;
 * {@link #resume()} → RUNNING; {@link #stop()} (from RUNNING or PAUSED) → STOPPED; training ends by
 * itself in DONE (all epochs run) or FAILED (training diverged; see {@link #failureMessage()}).
 * {@link #reset()} returns from any state to NEW with a fresh trainer: the same seed gives the same
 * curve again. Pause and stop are requests that take effect between epochs: the state changes at
 * once, the epoch under way (if any) completes, and then the loop halts and publishes a final
 * snapshot.
 *
 * <p><b>Threads.</b> The epoch loop runs on the {@link Runner} given at construction; with
 * {@link Runner#synchronous()} {@link #start()} and {@link #resume()} return only when training has
 * halted. The control methods may be called from any thread, also from a listener. Listeners are
 * called on the loop's thread (epoch and snapshot listeners, and state changes to DONE or FAILED) or
 * on the thread that called the control method (the other state changes); a UI must move them to its
 * own thread. A snapshot of the old run may still arrive just after {@link #reset()} returns. An
 * exception thrown by an epoch or snapshot listener after an ordinary epoch ends the run in FAILED
 * ("a training listener failed: …"); an exception thrown by a listener of a final snapshot or of a
 * state change propagates to the runner (with the synchronous runner, to the caller of the control
 * method). With the synchronous runner, a control method called from a
 * listener that starts the loop again (resume, or start after reset) runs it nested in that call.
 *
 * <p>Pausing takes effect between epochs, not between mini-batches: the engine's {@link Trainer}
 * runs whole epochs.
 *
 * <p><b>Listeners.</b> Epoch listeners get a snapshot after every epoch, with a trace only when the
 * throttle let that epoch through to the snapshot listeners. Snapshot listeners (live plots) get at
 * most N snapshots per second (see {@link Throttle}), each with the trace of the sample sequence,
 * and always a final one (with {@link TrainingSnapshot#last()} true) when training pauses, stops,
 * finishes or fails. The final snapshot of DONE goes to the epoch listeners too.
 */
public final class TrainingRun {

    /**
     * What a checkpoint of the run needs, taken on the loop's thread between epochs.
     *
     * @param state the trainer's state (copies)
     * @param history the losses so far, one entry per completed epoch (a copy)
     * @param elapsedNanos the training time so far
     */
    public record Saved(Trainer.State state, LossHistory history, long elapsedNanos) {
    }

    /** When and where the run saves itself (see {@link #setCheckpointing}). */
    private record Checkpointing(int everyEpochs, long everyNanos, Consumer<Saved> saver) {
    }

    /** Where a run is. */
    public enum State {
        /** Not started since construction or the last reset. */
        NEW,
        /** Running epochs. */
        RUNNING,
        /** Halted between epochs; {@link #resume()} continues. */
        PAUSED,
        /** Halted for good; only {@link #reset()} leaves it. */
        STOPPED,
        /** All configured epochs have run. */
        DONE,
        /** Training failed (diverged); see {@link #failureMessage()}. */
        FAILED;

        /** Whether no more epochs can run before a reset (STOPPED, DONE, FAILED). */
        public boolean isTerminal() {
            return this == STOPPED || this == DONE || this == FAILED;
        }
    }

    private final TrainingConfig config;
    private final Dataset dataset;
    private final Runner runner;
    private final LongSupplier clock;
    private final int perSecond;
    private final LossHistory history = new LossHistory();
    private final List<Consumer<TrainingSnapshot>> epochListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<TrainingSnapshot>> snapshotListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<State>> stateListeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private volatile int sampleIndex;
    private volatile TrainingSnapshot latest;
    private volatile Checkpointing checkpointing;
    private volatile RuntimeException failure;

    // guarded by lock
    private State state = State.NEW;
    private String message;
    private Trainer trainer;
    private Throttle throttle;
    private int generation;
    private boolean loopActive;
    private long elapsedNanos;
    // the loop thread's own
    private static final long NEVER = Long.MIN_VALUE;
    private volatile int savedEpoch = -1;
    private volatile long savedAt = NEVER;

    /**
     * A run with sample sequence 0, {@value Throttle#DEFAULT_PER_SECOND} snapshots a second and the
     * system clock.
     *
     * @param config the training configuration (immutable)
     * @param dataset the data (not modified)
     * @param runner where the epoch loop runs
     * @throws IllegalArgumentException if the model's sizes do not match the data's
     */
    public TrainingRun(TrainingConfig config, Dataset dataset, Runner runner) {
        this(config, dataset, runner, 0, Throttle.DEFAULT_PER_SECOND, System::nanoTime);
    }

    /**
     * A run.
     *
     * @param config the training configuration (immutable)
     * @param dataset the data (not modified)
     * @param runner where the epoch loop runs
     * @param sampleIndex the sample sequence, an index into the validation set (or into the training
     *     set when the validation set is empty)
     * @param snapshotsPerSecond the most snapshots a second the snapshot listeners get, at least 1
     * @param nanoClock the clock for the throttle and the elapsed time, in nanoseconds
     * @throws IllegalArgumentException if the sizes do not match or an argument is out of range
     */
    public TrainingRun(TrainingConfig config, Dataset dataset, Runner runner, int sampleIndex,
                       int snapshotsPerSecond, LongSupplier nanoClock) {
        this.config = Objects.requireNonNull(config, "config");
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.clock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.perSecond = snapshotsPerSecond;
        this.throttle = new Throttle(snapshotsPerSecond, nanoClock);
        this.trainer = new Trainer(config, dataset);
        setSampleIndex(sampleIndex);
    }

    /** The configuration. */
    public TrainingConfig config() {
        return config;
    }

    /** The dataset as given. */
    public Dataset dataset() {
        return dataset;
    }

    /** The current state. */
    public State state() {
        synchronized (lock) {
            return state;
        }
    }

    /** The message of the failure when the state is FAILED, else null. */
    public String failureMessage() {
        synchronized (lock) {
            return message;
        }
    }

    /**
     * What made the run fail when the state is FAILED (a {@link Trainer.Diverged} when training
     * diverged), else null.
     */
    public RuntimeException failure() {
        return failure;
    }

    /**
     * Has the run save itself: after every {@code everyEpochs}-th epoch, or after the first epoch
     * once {@code everyNanos} have passed since the last save (by the run's clock), and whenever it
     * pauses. The saver is called on the loop's thread between epochs, with copies; it should
     * write the file there (not on a UI thread) and handle its own I/O errors. Never called for a
     * run that failed. Takes effect at the next epoch.
     *
     * @param everyEpochs epochs between saves, at least 1
     * @param everyNanos the longest time between saves, {@code <= 0} for no limit
     * @param saver receives what to save (null: stop saving)
     */
    public void setCheckpointing(int everyEpochs, long everyNanos, Consumer<Saved> saver) {
        if (everyEpochs < 1) {
            throw new IllegalArgumentException("everyEpochs must be >= 1, got " + everyEpochs);
        }
        checkpointing = saver == null ? null : new Checkpointing(everyEpochs, everyNanos, saver);
    }

    /**
     * Puts a NEW run in a saved state (a checkpoint's), so that {@link #start()} continues it bit for
     * bit; {@link #reset()} still returns to the initial weights.
     *
     * @param state the trainer's state (not modified)
     * @param losses the losses of the epochs before (copied)
     * @param elapsed the training time before
     * @throws IllegalStateException if the run is not NEW or has run
     * @throws IllegalArgumentException if the state does not fit the configuration and data
     */
    public void restore(Trainer.State state, LossHistory losses, long elapsed) {
        synchronized (lock) {
            if (this.state != State.NEW || trainer.epoch() != 0 || loopActive) {
                throw new IllegalStateException("only a new run can be restored");
            }
            trainer.restore(state);
            history.clear();
            for (int i = 0; i < losses.size(); i++) {
                history.add(losses.train().get(i), losses.validation().get(i));
            }
            elapsedNanos = elapsed;
        }
    }

    /** The losses of every epoch since construction or the last reset (live; reads are copies). */
    public LossHistory history() {
        return history;
    }

    /** The last snapshot given to the snapshot listeners since the last reset, or null. */
    public TrainingSnapshot latest() {
        return latest;
    }

    /** How many sequences the sample index can choose from (validation, or training if none). */
    public int sampleCount() {
        return samples().length;
    }

    /** The chosen sample sequence's index. */
    public int sampleIndex() {
        return sampleIndex;
    }

    /**
     * Chooses the sequence that later snapshots trace.
     *
     * @param index an index into the validation set (or the training set when there is no validation
     *     set)
     * @throws IndexOutOfBoundsException if there is no such sequence
     */
    public void setSampleIndex(int index) {
        Objects.checkIndex(index, sampleCount());
        this.sampleIndex = index;
    }

    /** The chosen sample sequence, with zero initial states of the model's hidden size (shared; do not modify). */
    public Sequence sample() {
        return samples()[sampleIndex];
    }

    private Sequence[] samples() {
        Trainer t;
        synchronized (lock) {
            t = trainer;
        }
        Sequence[] val = t.dataset().validation();
        return val.length > 0 ? val : t.dataset().train();
    }

    /** Adds a listener called after every epoch (see the class comment). */
    public void addEpochListener(Consumer<TrainingSnapshot> l) {
        epochListeners.add(Objects.requireNonNull(l));
    }

    /** Removes an epoch listener. */
    public void removeEpochListener(Consumer<TrainingSnapshot> l) {
        epochListeners.remove(l);
    }

    /** Adds a throttled snapshot listener, for live plots (see the class comment). */
    public void addSnapshotListener(Consumer<TrainingSnapshot> l) {
        snapshotListeners.add(Objects.requireNonNull(l));
    }

    /** Removes a snapshot listener. */
    public void removeSnapshotListener(Consumer<TrainingSnapshot> l) {
        snapshotListeners.remove(l);
    }

    /** Adds a listener of state changes, called with the new state. */
    public void addStateListener(Consumer<State> l) {
        stateListeners.add(Objects.requireNonNull(l));
    }

    /** Removes a state listener. */
    public void removeStateListener(Consumer<State> l) {
        stateListeners.remove(l);
    }

    /**
     * Starts training a NEW run.
     *
     * @return whether the run started (false unless the state was NEW)
     */
    public boolean start() {
        return toRunning(State.NEW);
    }

    /**
     * Continues a PAUSED run from where it halted, exactly as if it had never paused.
     *
     * @return whether the run resumed (false unless the state was PAUSED)
     */
    public boolean resume() {
        return toRunning(State.PAUSED);
    }

    /**
     * Asks a RUNNING run to pause after the epoch under way.
     *
     * @return whether the state changed (false unless it was RUNNING)
     */
    public boolean pause() {
        synchronized (lock) {
            if (state != State.RUNNING) {
                return false;
            }
            state = State.PAUSED;
        }
        fireState(State.PAUSED);
        return true;
    }

    /**
     * Stops a RUNNING or PAUSED run for good, after the epoch under way; a final snapshot follows.
     *
     * @return whether the state changed
     */
    public boolean stop() {
        boolean wasPaused;
        synchronized (lock) {
            if (state != State.RUNNING && state != State.PAUSED) {
                return false;
            }
            wasPaused = state == State.PAUSED;
            state = State.STOPPED;
        }
        fireState(State.STOPPED);
        if (wasPaused) {
            launch(); // a loop that only publishes the final snapshot of STOPPED
        }
        return true;
    }

    /**
     * Returns to NEW with a fresh trainer (the initial weights again) and an empty history, from any
     * state; a loop still running is abandoned after its epoch and publishes nothing more.
     */
    public void reset() {
        Trainer fresh = new Trainer(config, dataset);
        synchronized (lock) {
            generation++;
            trainer = fresh;
            throttle = new Throttle(perSecond, clock);
            state = State.NEW;
            message = null;
            loopActive = false;
            elapsedNanos = 0;
            history.clear();
            latest = null;
            failure = null;
            savedEpoch = -1;
            savedAt = NEVER;
        }
        fireState(State.NEW);
    }

    /**
     * The snapshot as a case for the stepper: the model, the snapshot's weights (shared, not copied:
     * treat both as read-only), the sample sequence it traced, the loss, full BPTT, and no expected
     * values. {@link Case#compute()} gives the snapshot's trace again.
     *
     * @param snapshot a snapshot of this run (not modified)
     * @return a new case
     */
    public Case toCase(TrainingSnapshot snapshot) {
        Sequence[] val = dataset().validation();
        Sequence seq = samples()[snapshot.sampleIndex()];
        String which = (val.length > 0 ? "validation" : "training") + " sequence " + snapshot.sampleIndex();
        return new Case(dataset.name() + " after epoch " + snapshot.epoch(),
                "A " + config.model().cell().key() + " trained on '" + dataset.name() + "' for " + snapshot.epoch()
                        + " of " + snapshot.epochs() + " epochs (seed " + config.seed() + "); the sequence is " + which
                        + ".", config.model(), snapshot.weights(), seq, config.loss(), null, null);
    }

    /**
     * Traces one sequence through a network: forward and full BPTT, so that every per-step delta is
     * present.
     *
     * @param config the training configuration (its model and loss are used)
     * @param sequence the sequence, with initial states of the model's hidden size (not modified)
     * @param weights the weights (not modified)
     * @return the trace
     */
    public static Trace trace(TrainingConfig config, Sequence sequence, Weights weights) {
        return trace(new Bptt(config.model(), config.loss()), sequence, weights);
    }

    private static Trace trace(Bptt bptt, Sequence sequence, Weights weights) {
        bptt.forward(weights, Batch.of(sequence));
        bptt.backward(weights, null, new Weights(weights.layout()));
        return bptt.trace(0);
    }

    private boolean toRunning(State from) {
        synchronized (lock) {
            if (state != from) {
                return false;
            }
            state = State.RUNNING;
        }
        fireState(State.RUNNING);
        launch();
        return true;
    }

    private void launch() {
        int gen;
        synchronized (lock) {
            if (loopActive) {
                return; // the running loop sees the new state at its next check
            }
            loopActive = true;
            gen = generation;
        }
        runner.submit(() -> loop(gen));
    }

    /** The epoch loop of generation {@code gen}; returns when the run halts or is reset. */
    private void loop(int gen) {
        Trainer tr;
        Throttle th;
        synchronized (lock) {
            if (gen != generation) {
                return;
            }
            tr = trainer;
            th = throttle;
        }
        Bptt tracer = new Bptt(config.model(), config.loss());
        long segmentStart = clock.getAsLong();
        EpochResult last = null;
        while (true) {
            State s;
            long elapsed;
            synchronized (lock) {
                if (gen != generation) {
                    return;
                }
                elapsed = elapsedNanos + clock.getAsLong() - segmentStart;
                if (state == State.RUNNING && tr.isDone()) {
                    state = State.DONE; // nothing to run (0 epochs configured)
                }
                s = state;
                if (s != State.RUNNING) {
                    elapsedNanos = elapsed;
                    loopActive = false;
                }
            }
            if (s != State.RUNNING) {
                if (s == State.PAUSED) {
                    save(tr, elapsed, true);
                }
                if (s == State.DONE && last == null) {
                    fireState(State.DONE);
                }
                th.tryPass(true);
                publishFinal(tr, tracer, s, last, elapsed, s == State.DONE);
                return;
            }
            boolean training = true;
            boolean done;
            try {
                EpochResult r = tr.runEpoch();
                training = false;
                last = r;
                synchronized (lock) {
                    if (gen != generation) {
                        return;
                    }
                    history.add(r.trainLoss(), r.validationLoss());
                    elapsed = elapsedNanos + clock.getAsLong() - segmentStart;
                    done = tr.isDone();
                    if (done) {
                        state = State.DONE;
                        elapsedNanos = elapsed;
                        loopActive = false;
                    }
                }
                if (!done) {
                    save(tr, elapsed, false);
                }
                boolean plot = !done && !snapshotListeners.isEmpty() && th.tryPass(false);
                if (!done && (plot || !epochListeners.isEmpty())) {
                    TrainingSnapshot snap = snapshot(tr, tracer, State.RUNNING, null, r, elapsed, plot, false);
                    for (Consumer<TrainingSnapshot> l : epochListeners) {
                        l.accept(snap);
                    }
                    if (plot) {
                        deliver(snap);
                    }
                }
            } catch (RuntimeException | Error e) {
                String why = e.getMessage() != null ? e.getMessage() : e.toString();
                if (!training) {
                    why = "a training listener failed: " + why;
                }
                synchronized (lock) {
                    if (gen != generation) {
                        return;
                    }
                    elapsed = elapsedNanos + clock.getAsLong() - segmentStart;
                    state = State.FAILED;
                    message = why;
                    failure = training && e instanceof RuntimeException re ? re : null;
                    elapsedNanos = elapsed;
                    loopActive = false;
                }
                fireState(State.FAILED);
                th.tryPass(true);
                publishFinal(tr, tracer, State.FAILED, last, elapsed, false);
                return;
            }
            if (done) {
                fireState(State.DONE);
                th.tryPass(true);
                publishFinal(tr, tracer, State.DONE, last, elapsed, true);
                return;
            }
        }
    }

    /** Loop thread: saves when the checkpointing asks (or always when {@code pausing}). */
    private void save(Trainer tr, long elapsed, boolean pausing) {
        Checkpointing c = checkpointing;
        if (c == null) {
            return;
        }
        long now = clock.getAsLong();
        if (savedAt == NEVER) {
            savedAt = now; // the time limit counts from the first epoch the run saw
        }
        int epoch = tr.epoch();
        boolean due = pausing ? epoch != savedEpoch
                : epoch % c.everyEpochs() == 0 || c.everyNanos() > 0 && now - savedAt >= c.everyNanos();
        if (!due) {
            return;
        }
        savedEpoch = epoch;
        savedAt = now;
        c.saver().accept(new Saved(tr.state(), history.copy(), elapsed));
    }

    private void publishFinal(Trainer tr, Bptt tracer, State s, EpochResult r, long elapsed, boolean toEpochListeners) {
        String why;
        synchronized (lock) {
            why = message;
        }
        TrainingSnapshot snap = snapshot(tr, tracer, s, s == State.FAILED ? why : null, r, elapsed, true, true);
        if (toEpochListeners) {
            for (Consumer<TrainingSnapshot> l : epochListeners) {
                l.accept(snap);
            }
        }
        deliver(snap);
    }

    private void deliver(TrainingSnapshot snap) {
        latest = snap;
        for (Consumer<TrainingSnapshot> l : snapshotListeners) {
            l.accept(snap);
        }
    }

    private TrainingSnapshot snapshot(Trainer tr, Bptt tracer, State s, String why, EpochResult r, long elapsed,
                                      boolean withTrace, boolean last) {
        int epoch = tr.epoch();
        int epochs = config.epochs();
        Weights w = tr.weights().copy();
        int index = sampleIndex;
        Trace trace = null;
        if (withTrace) {
            try {
                trace = trace(tracer, sample(tr, index), w);
            } catch (RuntimeException e) {
                trace = null; // e.g. diverged weights; the snapshot says so by having no trace
            }
        }
        Duration remaining = epoch == 0 ? null
                : Duration.ofNanos((long) ((double) elapsed / epoch * Math.max(0, epochs - epoch)));
        double nan = Double.NaN;
        // r is null when the loop halted before running an epoch in this segment: fall back to history
        double trainLoss = r != null ? r.trainLoss() : lastOf(history.train(), nan);
        double valLoss = r != null ? r.validationLoss() : lastOf(history.validation(), nan);
        double norm = r != null ? r.gradNorm() : nan;
        return new TrainingSnapshot(s, why, epoch, epochs, trainLoss, valLoss, norm, Duration.ofNanos(elapsed),
                remaining, w, index, trace, last);
    }

    private static Sequence sample(Trainer tr, int index) {
        Sequence[] val = tr.dataset().validation();
        Sequence[] pool = val.length > 0 ? val : tr.dataset().train();
        return pool[index];
    }

    private static double lastOf(List<Double> l, double otherwise) {
        return l.isEmpty() ? otherwise : l.get(l.size() - 1);
    }

    private void fireState(State s) {
        for (Consumer<State> l : stateListeners) {
            l.accept(s);
        }
    }
}
