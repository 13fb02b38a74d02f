package org.unroll.engine;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Mini-batch training of one network on one {@link Dataset}, an epoch at a time. Deterministic: the
 * initial weights come from {@link Initializer} with the seed, and each epoch's shuffle from a
 * {@link SplittableRandom} derived from the same seed, so two trainers with equal configurations
 * produce identical weights and losses bit for bit.
 *
 * <p>Training pauses between epochs simply by not calling {@link #runEpoch()}. Not thread-safe:
 * drive one trainer from one thread at a time.
 */
public final class Trainer {

    private final TrainingConfig cfg;
    private final Dataset data;
    private final Weights weights;
    private final Weights grad;
    private final Optimizer optimizer;
    private final int[] order;
    private final SplittableRandom shuffle;
    /** The mini-batches' engines: shards of at most 50 sequences on the engine's threads (ADR 0022). */
    private final ShardedBatch shards;
    private final Weights lastGood;
    private int epoch;
    private Diverged failure;
    /** The loss of the run's first mini-batch, the yardstick of "grown a million-fold" (NaN before it). */
    private double referenceLoss = Double.NaN;
    // early stopping (ADR 0023): the best monitored loss, its epoch, epochs since, the epoch it stopped
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int bestEpoch;
    private int sinceBest;
    private int stoppedEarlyAt;

    /** How far the loss may grow over the run's first mini-batch loss before training counts as diverged. */
    public static final double DIVERGENCE_GROWTH = 1e6;

    /**
     * A trainer at epoch 0 with freshly initialised weights.
     *
     * @param cfg the configuration (not modified)
     * @param data the data (not modified); its sizes must match {@code cfg.model()}
     * @throws IllegalArgumentException if the model's input or output size differs from the data's, or
     *     if early stopping watches the validation loss of a dataset without a validation set
     */
    public Trainer(TrainingConfig cfg, Dataset data) {
        this.cfg = Objects.requireNonNull(cfg, "cfg");
        ModelConfig model = cfg.model();
        if (model.inputSize() != data.inputSize() || model.outputSize() != data.outputSize()) {
            throw new InvalidInput(Message.of("problem.training.sizes", model.inputSize(), model.outputSize(),
                    data.name(), data.inputSize(), data.outputSize()));
        }
        this.data = data.withHiddenSize(model.hiddenSize());
        if (cfg.earlyStopping().enabled() && cfg.earlyStopping().monitor() == EarlyStopping.Monitor.VALIDATION_LOSS
                && data.validation().length == 0) {
            throw new InvalidInput(Message.of("problem.training.noValidation", data.name()));
        }
        this.weights = Initializer.create(model, cfg.seed(), cfg.forgetBias(), cfg.init());
        this.grad = new Weights(weights.layout());
        this.lastGood = new Weights(weights.layout());
        this.optimizer = Optimizer.create(cfg.optimizer(), cfg.learningRate(), weights.layout());
        this.order = new int[this.data.train().length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // ~seed: a stream apart from the initial weights' (seed) and the validation split's (seed, split)
        this.shuffle = new SplittableRandom(~cfg.seed());
        this.shards = new ShardedBatch(cfg.model(), cfg.loss());
    }

    /** The configuration. */
    public TrainingConfig config() {
        return cfg;
    }

    /** The data, with zero initial states of the model's hidden size. */
    public Dataset dataset() {
        return data;
    }

    /**
     * The weights being trained: the live object, changed by every {@link #runEpoch()}. Copy it
     * ({@link Weights#copy()}) for a snapshot.
     */
    public Weights weights() {
        return weights;
    }

    /** How many epochs have completed. */
    public int epoch() {
        return epoch;
    }

    /** Whether the configured number of epochs has run, or training stopped early. */
    public boolean isDone() {
        return epoch >= cfg.epochs() || stoppedEarlyAt > 0;
    }

    /** Whether early stopping ended training (see {@link EarlyStopping}). */
    public boolean stoppedEarly() {
        return stoppedEarlyAt > 0;
    }

    /** The epoch after which early stopping ended training, or 0 while it has not. */
    public int stoppedEarlyAt() {
        return stoppedEarlyAt;
    }

    /**
     * What early stopping decided, in one line: "stopped early at epoch N: the validation loss has not
     * improved for P epochs (best L at epoch M)"; null while training has not stopped early.
     */
    public String earlyStopMessage() {
        if (stoppedEarlyAt == 0) {
            return null;
        }
        EarlyStopping es = cfg.earlyStopping();
        String what = es.monitor() == EarlyStopping.Monitor.VALIDATION_LOSS ? "the validation loss" : "the training loss";
        return String.format(java.util.Locale.ROOT, "stopped early at epoch %d: %s has not improved for %d epochs"
                + " (best %.6g at epoch %d)", stoppedEarlyAt, what, es.patience(), bestLoss, bestEpoch);
    }

    /**
     * Early stopping's bookkeeping after an epoch: a monitored loss below the best resets the count,
     * any other adds one; at {@code patience} training is done.
     *
     * @param r the epoch's result (returned as is)
     */
    private EpochResult watch(EpochResult r) {
        EarlyStopping es = cfg.earlyStopping();
        if (!es.enabled()) {
            return r;
        }
        double loss = es.monitor() == EarlyStopping.Monitor.VALIDATION_LOSS ? r.validationLoss() : r.trainLoss();
        if (loss < bestLoss) {
            bestLoss = loss;
            bestEpoch = r.epoch();
            sinceBest = 0;
        } else if (++sinceBest >= es.patience() && r.epoch() < cfg.epochs()) {
            stoppedEarlyAt = r.epoch();
        }
        return r;
    }

    /**
     * Runs one epoch: shuffles the training sequences, then for each mini-batch of up to B of them
     * runs forward, BPTT, gradient clipping and one optimiser step.
     *
     * @return the epoch's losses and gradient norm
     * @throws IllegalStateException if training is done (all epochs run, or stopped early)
     * @throws Diverged if a mini-batch's loss or gradient norm is NaN or infinite, or its loss has
     *     grown more than {@link #DIVERGENCE_GROWTH} times the run's first mini-batch loss; the
     *     weights are then those after the last good epoch, and every later call throws the same
     */
    public EpochResult runEpoch() {
        if (failure != null) {
            throw failure;
        }
        if (isDone()) {
            throw new IllegalStateException(stoppedEarly() ? "training is done: " + earlyStopMessage()
                    : "training is done: all " + cfg.epochs() + " epochs have run");
        }
        int number = epoch + 1;
        weights.copyInto(lastGood);
        Datasets.shuffle(order, shuffle);
        Sequence[] train = data.train();
        int b = cfg.batchSize();
        double lossSum = 0;
        double normSum = 0;
        int batches = 0;
        for (int from = 0; from < train.length; from += b) {
            int count = Math.min(b, train.length - from);
            double loss = shards.forward(weights, train, from, count, order);
            checkLoss(number, loss);
            shards.backward(weights, cfg.truncate(), grad);
            double norm = Optimizer.clipByGlobalNorm(grad, cfg.clipNorm());
            if (!Double.isFinite(norm)) {
                diverge(number, Diverged.Cause.GRADIENT, norm);
            }
            optimizer.step(weights, grad);
            lossSum += loss * count;
            normSum += norm;
            batches++;
        }
        epoch = number;
        return watch(new EpochResult(number, lossSum / train.length, validationLoss(), normSum / batches));
    }

    /**
     * Everything a trainer carries from one epoch to the next, for a checkpoint: with the same
     * configuration and data, {@link #restore} continues bit for bit as this trainer would.
     * (Fields to come are added here.)
     *
     * @param epoch the epochs completed
     * @param weights the weights after that epoch
     * @param optimizer the optimiser's moments and step count
     * @param order the training sequences' order after the last shuffle (the shuffle permutes it
     *     in place each epoch); restoring replays the shuffles and checks it
     * @param referenceLoss the run's first mini-batch loss (NaN before it), what divergence by
     *     growth compares with
     * @param earlyStop early stopping's bookkeeping ({@link EarlyStop#NONE} when it is off or nothing ran)
     */
    public record State(int epoch, Weights weights, Optimizer.State optimizer, int[] order, double referenceLoss,
                        EarlyStop earlyStop) {
        /** A state without early-stopping bookkeeping (early stopping off, or a version-1 file without it). */
        public State(int epoch, Weights weights, Optimizer.State optimizer, int[] order, double referenceLoss) {
            this(epoch, weights, optimizer, order, referenceLoss, EarlyStop.NONE);
        }

        public State {
            Objects.requireNonNull(earlyStop, "earlyStop");
            Objects.requireNonNull(weights, "weights");
            Objects.requireNonNull(optimizer, "optimizer");
            Objects.requireNonNull(order, "order");
            if (epoch < 0) {
                throw new InvalidInput(Message.of("problem.training.stateEpoch", epoch));
            }
        }
    }

    /**
     * Early stopping's bookkeeping (ADR 0023).
     *
     * @param bestLoss the best monitored loss so far (+∞ before any)
     * @param bestEpoch its epoch (0 before any)
     * @param sinceBest epochs since it
     * @param stoppedAt the epoch training stopped early, 0 if it has not
     */
    public record EarlyStop(double bestLoss, int bestEpoch, int sinceBest, int stoppedAt) {
        /** Nothing watched yet. */
        public static final EarlyStop NONE = new EarlyStop(Double.POSITIVE_INFINITY, 0, 0, 0);

        public EarlyStop {
            if (Double.isNaN(bestLoss) || bestEpoch < 0 || sinceBest < 0 || stoppedAt < 0) {
                throw new InvalidInput(Message.of("problem.training.earlyStopState"));
            }
        }
    }

    /**
     * The trainer's state after the last completed epoch, as copies (nothing is modified).
     *
     * @throws IllegalStateException if training has diverged (its weights are the last good
     *     epoch's, but the optimiser's and the shuffle's state are not; keep the last checkpoint)
     */
    public State state() {
        if (failure != null) {
            throw new IllegalStateException("training has diverged; there is no state to save after epoch " + epoch);
        }
        return new State(epoch, weights.copy(), optimizer.exportState(), order.clone(), referenceLoss,
                new EarlyStop(bestLoss, bestEpoch, sinceBest, stoppedEarlyAt));
    }

    /**
     * Puts a fresh trainer (epoch 0, nothing run) in a saved state, so that the following epochs
     * are bit for bit those of the trainer that saved it. The shuffle generator cannot be saved
     * ({@link SplittableRandom} has no accessible state), so its draws are replayed: one shuffle
     * per completed epoch, cheap beside an epoch's training.
     *
     * @param s a state of a trainer with the same configuration (epochs aside) and data (not modified)
     * @throws IllegalStateException if this trainer has already run
     * @throws IllegalArgumentException if the weights' or the optimiser's shapes differ, or the
     *     replayed order is not the saved one (other data, or another shuffle)
     */
    public void restore(State s) {
        Objects.requireNonNull(s, "s");
        if (epoch != 0 || failure != null || !Double.isNaN(referenceLoss)) {
            throw new IllegalStateException("restore needs a fresh trainer; this one has run " + epoch + " epochs");
        }
        java.util.List<ParamLayout.Block> mine = weights.layout().blocks();
        java.util.List<org.ejml.data.DMatrixRMaj> theirs = s.weights().blocks();
        boolean same = mine.size() == theirs.size();
        for (int i = 0; same && i < mine.size(); i++) {
            same = theirs.get(i).numRows == mine.get(i).rows() && theirs.get(i).numCols == mine.get(i).cols();
        }
        if (!same) {
            throw new InvalidInput(Message.of("problem.training.savedWeights"));
        }
        if (s.order().length != order.length) {
            throw new InvalidInput(Message.of("problem.training.savedOrder", s.order().length, order.length));
        }
        int[] replay = order.clone();
        SplittableRandom rnd = new SplittableRandom(~cfg.seed());
        for (int e = 0; e < s.epoch(); e++) {
            Datasets.shuffle(replay, rnd);
        }
        if (!java.util.Arrays.equals(replay, s.order())) {
            throw new InvalidInput(Message.of("problem.training.savedShuffle", cfg.seed()));
        }
        optimizer.importState(s.optimizer());
        s.weights().copyInto(weights);
        System.arraycopy(replay, 0, order, 0, order.length);
        for (int e = 0; e < s.epoch(); e++) {
            Datasets.shuffle(new int[order.length], shuffle); // the same draws on this trainer's generator
        }
        referenceLoss = s.referenceLoss();
        bestLoss = s.earlyStop().bestLoss();
        bestEpoch = s.earlyStop().bestEpoch();
        sinceBest = s.earlyStop().sinceBest();
        stoppedEarlyAt = s.earlyStop().stoppedAt();
        epoch = s.epoch();
    }

    /**
     * Runs up to {@code n} epochs, stopping early when training is done.
     *
     * @param n the most epochs to run
     * @param listener called after each epoch with its result (may be null)
     * @throws IllegalStateException if training diverges (see {@link #runEpoch()})
     */
    public void runEpochs(int n, Consumer<EpochResult> listener) {
        for (int i = 0; i < n && !isDone(); i++) {
            EpochResult r = runEpoch();
            if (listener != null) {
                listener.accept(r);
            }
        }
    }

    /**
     * The loss of the current weights on the whole validation set, with the configured loss (the
     * validation MSE when training with MSE): the mean over its shards of at most 50 sequences,
     * each weighted by its size (ADR 0022).
     *
     * @return the mean loss per validation sequence, or NaN when there is no validation set
     */
    public double validationLoss() {
        Sequence[] val = data.validation();
        return val.length == 0 ? Double.NaN : shards.evaluate(weights, val);
    }

    private void checkLoss(int number, double loss) {
        if (Double.isNaN(referenceLoss)) {
            referenceLoss = loss;
        }
        if (!Double.isFinite(loss)) {
            diverge(number, Diverged.Cause.LOSS, loss);
        }
        if (referenceLoss > 0 && loss > DIVERGENCE_GROWTH * referenceLoss) {
            diverge(number, Diverged.Cause.GROWTH, loss);
        }
    }

    /** Records the failure, puts the last good epoch's weights back and throws. */
    private void diverge(int number, Diverged.Cause cause, double value) {
        String param = null;
        double paramNorm = 0;
        for (ParamSpec p : grad.layout().params()) {
            double n = blockNorm(grad.get(p.name()));
            if (param == null || n > paramNorm || Double.isNaN(n) && !Double.isNaN(paramNorm)) {
                param = p.name();
                paramNorm = n;
            }
        }
        if (paramNorm == 0) {
            param = null; // no step taken yet: no gradient to name
        }
        lastGood.copyInto(weights);
        Diverged d = new Diverged(number, cause, value, referenceLoss, param, paramNorm, cfg.learningRate(),
                cfg.clipNorm());
        failure = d;
        throw d;
    }

    private static double blockNorm(double[][] m) {
        double s = 0;
        for (double[] row : m) {
            for (double v : row) {
                s += v * v;
            }
        }
        return Math.sqrt(s);
    }

    /**
     * Training diverged: which epoch, why, the parameter with the largest gradient norm in the last
     * gradient computed, and the settings to change. The trainer's weights are the last good epoch's.
     */
    public static final class Diverged extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        /** What crossed the line. */
        public enum Cause {
            /** The loss is NaN or infinite. */
            LOSS,
            /** The gradient norm is NaN or infinite. */
            GRADIENT,
            /** The loss has grown more than {@link #DIVERGENCE_GROWTH} times the first mini-batch's. */
            GROWTH
        }

        private final int epoch;
        private final Cause cause;
        private final double value;
        private final double referenceLoss;
        private final String parameter;
        private final double parameterNorm;
        private final double learningRate;
        private final double clipNorm;

        Diverged(int epoch, Cause cause, double value, double referenceLoss, String parameter, double parameterNorm,
                 double learningRate, double clipNorm) {
            super(message(epoch, cause, value, referenceLoss, parameter, parameterNorm, learningRate, clipNorm));
            this.epoch = epoch;
            this.cause = cause;
            this.value = value;
            this.referenceLoss = referenceLoss;
            this.parameter = parameter;
            this.parameterNorm = parameterNorm;
            this.learningRate = learningRate;
            this.clipNorm = clipNorm;
        }

        /** The epoch that failed (1 for the first); the weights are those after the epoch before. */
        public int epoch() {
            return epoch;
        }

        public Cause cause() {
            return cause;
        }

        /** The loss or gradient norm that crossed the line. */
        public double value() {
            return value;
        }

        /** The run's first mini-batch loss (what GROWTH compares with). */
        public double referenceLoss() {
            return referenceLoss;
        }

        /** The parameter (case-file name, e.g. {@code Wh_f}) with the largest gradient norm, or null before any step. */
        public String parameter() {
            return parameter;
        }

        /** That parameter's gradient norm (after clipping, if clipping is on). */
        public double parameterNorm() {
            return parameterNorm;
        }

        public double learningRate() {
            return learningRate;
        }

        /** The clip norm; {@code <= 0} or infinite: no clipping. */
        public double clipNorm() {
            return clipNorm;
        }

        /** Whether the gradient was clipped. */
        public boolean clipped() {
            return clipNorm > 0 && clipNorm < Double.POSITIVE_INFINITY;
        }

        /** The clip norm to suggest: 1 without clipping, else a tenth of the current one. */
        public double suggestedClip() {
            return clipped() ? clipNorm / 10 : 1;
        }

        /** What happened, without the advice: "the loss is NaN (largest gradient: Wh_f, norm 3.20e+12)". */
        public String what() {
            return what(cause, value, referenceLoss, parameter, parameterNorm);
        }

        private static String what(Cause cause, double value, double ref, String parameter, double pn) {
            String w = switch (cause) {
                case LOSS -> "the loss is " + Readable.number(value);
                case GRADIENT -> "the gradient norm is " + Readable.number(value);
                case GROWTH -> "the loss " + Readable.number(value) + " has grown more than a million-fold (from "
                        + Readable.number(ref) + ")";
            };
            return parameter == null ? w : w + " (largest gradient: " + parameter + ", norm " + Readable.number(pn) + ")";
        }

        private static String message(int epoch, Cause cause, double value, double ref, String parameter,
                                      double pn, double lr, double clip) {
            StringBuilder sb = new StringBuilder("training diverged at epoch ").append(epoch).append(": ");
            sb.append(what(cause, value, ref, parameter, pn));
            boolean clipped = clip > 0 && clip < Double.POSITIVE_INFINITY;
            sb.append("; the weights of epoch ").append(epoch - 1).append(" are kept; lower the learning rate (now ")
                    .append(Readable.number(lr)).append(clipped
                            ? ") or clip the gradient norm harder (now " + Readable.number(clip) + ", try "
                                    + Readable.number(clip / 10) + ")"
                            : ") or clip the gradient norm (e.g. at 1)");
            return sb.toString();
        }
    }
}
