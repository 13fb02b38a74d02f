package org.unroll.session;

import org.unroll.engine.Case;
import org.unroll.engine.CellType;
import org.unroll.engine.Dataset;
import org.unroll.engine.Datasets;
import org.unroll.engine.LossKind;
import org.unroll.engine.ModelConfig;
import org.unroll.engine.OptimizerKind;
import org.unroll.engine.Sequence;
import org.unroll.engine.Trainer;
import org.unroll.engine.TrainingConfig;

/**
 * The case the app opens on: the book's noisy-sine simple RNN (T = 25, tanh, linear output, MSE),
 * trained by the engine with a fixed seed, so the same weights appear on every start; the case's
 * sequence is the first validation window. Four hidden units keep every vector readable.
 */
public final class DemoCase {

    /** The seed of the noise, the initial weights and the shuffles. */
    public static final long SEED = 1;
    /** H. */
    public static final int HIDDEN = 4;
    /** Epochs of Adam (about half a second). */
    public static final int EPOCHS = 100;
    /** Adam's learning rate. */
    public static final double LEARNING_RATE = 0.01;

    private DemoCase() {
    }

    /** Trains and returns the demo case (deterministic; call it off the JavaFX thread). */
    public static Case create() {
        Dataset data = Datasets.noisySine(SEED);
        ModelConfig model = ModelConfig.of(CellType.RNN, 1, HIDDEN, 1);
        TrainingConfig cfg = TrainingConfig.builder(model)
                .loss(LossKind.MSE)
                .optimizer(OptimizerKind.ADAM)
                .learningRate(LEARNING_RATE)
                .batchSize(10)
                .epochs(EPOCHS)
                .clipNorm(0)
                .truncate(null)
                .seed(SEED)
                .forgetBias(0)
                .build();
        Trainer trainer = new Trainer(cfg, data);
        trainer.runEpochs(EPOCHS, null);
        Sequence sample = trainer.dataset().validation()[0];
        return new Case("noisy-sine-rnn-demo",
                "The book's noisy sine (chapter 5.1): a simple RNN with " + HIDDEN + " hidden units trained for "
                        + EPOCHS + " epochs of Adam (seed " + SEED + "); the sequence is the first validation window.",
                model, trainer.weights().copy(), sample, LossKind.MSE, null, null);
    }
}
