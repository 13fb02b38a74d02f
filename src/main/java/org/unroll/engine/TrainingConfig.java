package org.unroll.engine;

import java.util.Objects;

/**
 * Everything a {@link Trainer} needs besides the data. Immutable. Build one by name with
 * {@link #builder(ModelConfig)}: {@code TrainingConfig.builder(model).learningRate(0.001).epochs(100).build()}.
 *
 * @param model the network's shape; its input and output sizes must match the dataset
 * @param loss the loss minimised (and reported for validation)
 * @param optimizer the optimiser
 * @param learningRate η, a positive finite number
 * @param batchSize B, sequences per mini-batch (the last batch of an epoch may be smaller)
 * @param epochs how many epochs {@link Trainer#isDone()} waits for, at least 0
 * @param clipNorm the largest global gradient norm; {@code <= 0} or infinite means no clipping
 * @param truncate null for full BPTT, or k ≥ 1 for truncated BPTT (see {@link Bptt#backward})
 * @param seed the seed of the initial weights and of the epoch shuffles
 * @param forgetBias the initial LSTM forget-gate bias (ignored for RNN and GRU)
 * @param init how the initial weights are drawn (null: {@link InitScheme#GLOROT_UNIFORM})
 * @param earlyStopping when training stops before {@code epochs} (null: {@link EarlyStopping#OFF})
 */
public record TrainingConfig(ModelConfig model, LossKind loss, OptimizerKind optimizer, double learningRate,
                             int batchSize, int epochs, double clipNorm, Integer truncate, long seed,
                             double forgetBias, InitScheme init, EarlyStopping earlyStopping) {

    /** A configuration with the default initialisation and no early stopping. */
    public TrainingConfig(ModelConfig model, LossKind loss, OptimizerKind optimizer, double learningRate,
                          int batchSize, int epochs, double clipNorm, Integer truncate, long seed, double forgetBias) {
        this(model, loss, optimizer, learningRate, batchSize, epochs, clipNorm, truncate, seed, forgetBias,
                InitScheme.GLOROT_UNIFORM, EarlyStopping.OFF);
    }

    public TrainingConfig {
        if (init == null) {
            init = InitScheme.GLOROT_UNIFORM;
        }
        if (earlyStopping == null) {
            earlyStopping = EarlyStopping.OFF;
        }
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(optimizer, "optimizer");
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new InvalidInput(Message.of("problem.training.learningRate", learningRate));
        }
        if (batchSize < 1) {
            throw new InvalidInput(Message.of("problem.training.batchSize", batchSize));
        }
        if (epochs < 0) {
            throw new InvalidInput(Message.of("problem.training.epochs", epochs));
        }
        if (Double.isNaN(clipNorm)) {
            throw new InvalidInput(Message.of("problem.training.clipNorm"));
        }
        if (truncate != null && truncate < 1) {
            throw new InvalidInput(Message.of("problem.training.truncate", truncate));
        }
        if (!Double.isFinite(forgetBias)) {
            throw new InvalidInput(Message.of("problem.training.forgetBias", forgetBias));
        }
    }

    /**
     * A builder of a configuration for this model, starting from the app's Training tab's initial
     * settings: mean squared error, Adam, learning rate 0.01, batch 10, 200 epochs, clipping at
     * global norm 1, full BPTT, seed 1, an LSTM forget-gate bias of 1, the Glorot-uniform
     * initialisation and no early stopping.
     *
     * @param model the network's shape
     */
    public static Builder builder(ModelConfig model) {
        return new Builder(model);
    }

    /** A builder holding this configuration's values, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder(model).loss(loss).optimizer(optimizer).learningRate(learningRate).batchSize(batchSize)
                .epochs(epochs).clipNorm(clipNorm).truncate(truncate).seed(seed).forgetBias(forgetBias).init(init).earlyStopping(earlyStopping);
    }

    /**
     * Builds a {@link TrainingConfig} by name; each setter is the record component of the same name.
     * {@link #build()} validates as the record's constructor does.
     */
    public static final class Builder {
        private ModelConfig model;
        private LossKind loss = LossKind.MSE;
        private OptimizerKind optimizer = OptimizerKind.ADAM;
        private double learningRate = 0.01;
        private int batchSize = 10;
        private int epochs = 200;
        private double clipNorm = 1.0;
        private Integer truncate;
        private long seed = 1;
        private double forgetBias = 1.0;
        private InitScheme init = InitScheme.GLOROT_UNIFORM;
        private EarlyStopping earlyStopping = EarlyStopping.OFF;

        private Builder(ModelConfig model) {
            this.model = model;
        }

        public Builder model(ModelConfig m) {
            this.model = m;
            return this;
        }

        public Builder loss(LossKind l) {
            this.loss = l;
            return this;
        }

        public Builder optimizer(OptimizerKind o) {
            this.optimizer = o;
            return this;
        }

        public Builder learningRate(double lr) {
            this.learningRate = lr;
            return this;
        }

        public Builder batchSize(int b) {
            this.batchSize = b;
            return this;
        }

        public Builder epochs(int n) {
            this.epochs = n;
            return this;
        }

        /** The largest global gradient norm; {@code <= 0} or infinite: no clipping. */
        public Builder clipNorm(double c) {
            this.clipNorm = c;
            return this;
        }

        /** Null for full BPTT, or k ≥ 1 for truncated BPTT through k steps. */
        public Builder truncate(Integer k) {
            this.truncate = k;
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        public Builder forgetBias(double b) {
            this.forgetBias = b;
            return this;
        }

        /** How the initial weights are drawn. */
        public Builder init(InitScheme s) {
            this.init = s;
            return this;
        }

        /** When training stops early ({@link EarlyStopping#OFF}: never). */
        public Builder earlyStopping(EarlyStopping e) {
            this.earlyStopping = e;
            return this;
        }

        /**
         * The configuration.
         *
         * @throws NullPointerException if the model, loss or optimiser is null
         * @throws IllegalArgumentException if a value is out of range (see {@link TrainingConfig})
         */
        public TrainingConfig build() {
            return new TrainingConfig(model, loss, optimizer, learningRate, batchSize, epochs, clipNorm, truncate,
                    seed, forgetBias, init, earlyStopping);
        }
    }
}
