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
    private int epoch;
    private String failure;
    // early stopping (ADR 0023): the best monitored loss, its epoch, epochs since, the epoch it stopped
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int bestEpoch;
    private int sinceBest;
    private int stoppedEarlyAt;

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
            throw new IllegalArgumentException("the model has " + model.inputSize() + " inputs and "
                    + model.outputSize() + " outputs, but '" + data.name() + "' has " + data.inputSize()
                    + " and " + data.outputSize());
        }
        this.data = data.withHiddenSize(model.hiddenSize());
        if (cfg.earlyStopping().enabled() && cfg.earlyStopping().monitor() == EarlyStopping.Monitor.VALIDATION_LOSS
                && data.validation().length == 0) {
            throw new IllegalArgumentException("early stopping on the validation loss needs a validation set, but '"
                    + data.name() + "' holds out none");
        }
        this.weights = Initializer.create(model, cfg.seed(), cfg.forgetBias(), cfg.init());
        this.grad = new Weights(weights.layout());
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
     * @throws IllegalStateException if training is done (all epochs run, or stopped early), or if the loss or gradient norm becomes NaN
     *     or infinite ("training diverged at epoch N: …"; every later call throws the same)
     */
    public EpochResult runEpoch() {
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        if (isDone()) {
            throw new IllegalStateException(stoppedEarly() ? "training is done: " + earlyStopMessage()
                    : "training is done: all " + cfg.epochs() + " epochs have run");
        }
        int number = epoch + 1;
        Datasets.shuffle(order, shuffle);
        Sequence[] train = data.train();
        int b = cfg.batchSize();
        double lossSum = 0;
        double normSum = 0;
        int batches = 0;
        for (int from = 0; from < train.length; from += b) {
            int count = Math.min(b, train.length - from);
            double loss = shards.forward(weights, train, from, count, order);
            checkFinite(number, "loss", loss);
            shards.backward(weights, cfg.truncate(), grad);
            double norm = Optimizer.clipByGlobalNorm(grad, cfg.clipNorm());
            checkFinite(number, "the gradient norm", norm);
            optimizer.step(weights, grad);
            lossSum += loss * count;
            normSum += norm;
            batches++;
        }
        epoch = number;
        return watch(new EpochResult(number, lossSum / train.length, validationLoss(), normSum / batches));
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

    private void checkFinite(int number, String what, double value) {
        if (!Double.isFinite(value)) {
            failure = "training diverged at epoch " + number + ": " + what + " is " + value
                    + "; lower the learning rate or clip gradients";
            throw new IllegalStateException(failure);
        }
    }
}
