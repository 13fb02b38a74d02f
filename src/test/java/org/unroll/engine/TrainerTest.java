package org.unroll.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerTest {

    private static TrainingConfig sineConfig(int epochs, long seed) {
        return TrainingConfig.builder(ModelConfig.of(CellType.LSTM, 1, 20, 1)).loss(LossKind.MSE)
                .optimizer(OptimizerKind.ADAM).learningRate(0.001).batchSize(10).epochs(epochs).clipNorm(0)
                .seed(seed).forgetBias(1.0).build();
    }

    private static List<EpochResult> train(Trainer t) {
        List<EpochResult> out = new ArrayList<>();
        long start = System.nanoTime();
        t.runEpochs(Integer.MAX_VALUE, out::add);
        EpochResult last = out.get(out.size() - 1);
        System.out.printf("%s: %d epochs, train loss %.5f, validation %.5f, %.1f s%n", t.dataset().name(),
                last.epoch(), last.trainLoss(), last.validationLoss(), (System.nanoTime() - start) / 1e9);
        return out;
    }

    /** The book's experiment: LSTM, 20 hidden units, Adam lr 0.001, batch 10, MSE. */
    @Test
    void lstmLearnsTheBooksNoisySine() {
        Trainer t = new Trainer(sineConfig(100, 42), Datasets.noisySine(42));
        List<EpochResult> curve = train(t);
        assertEquals(100, curve.size());
        assertTrue(t.isDone());
        double val = curve.get(99).validationLoss();
        assertTrue(val < 0.005, "validation MSE " + val);
        assertEquals(val, t.validationLoss(), 0.0);
        assertTrue(curve.get(0).trainLoss() > val);
    }

    /** Predicting the mean scores 1/6 ≈ 0.167; the LSTM must find the two marked numbers. */
    @Test
    void lstmSolvesTheAddingProblem() {
        TrainingConfig cfg = TrainingConfig.builder(ModelConfig.of(CellType.LSTM, 2, 32, 1)).loss(LossKind.MSE)
                .optimizer(OptimizerKind.ADAM).learningRate(0.01).batchSize(32).epochs(12).clipNorm(1.0).seed(1)
                .forgetBias(1.0).build();
        Trainer t = new Trainer(cfg, Datasets.addingProblem(50, 2000, 1));
        List<EpochResult> curve = train(t);
        double val = curve.get(curve.size() - 1).validationLoss();
        assertTrue(val < 0.05, "validation MSE " + val);
    }

    private static double[][] curves(TrainingConfig cfg, Dataset data) {
        Trainer t = new Trainer(cfg, data);
        List<EpochResult> out = new ArrayList<>();
        t.runEpochs(cfg.epochs(), out::add);
        double[][] c = new double[3][out.size()];
        for (int i = 0; i < out.size(); i++) {
            c[0][i] = out.get(i).trainLoss();
            c[1][i] = out.get(i).validationLoss();
            c[2][i] = out.get(i).gradNorm();
        }
        return c;
    }

    @Test
    void sameSeedGivesIdenticalLossCurves() {
        TrainingConfig cfg = TrainingConfig.builder(ModelConfig.of(CellType.GRU, 1, 8, 1)).loss(LossKind.MSE)
                .optimizer(OptimizerKind.AMSGRAD).learningRate(0.01).batchSize(7).epochs(6).clipNorm(0.5)
                .truncate(10).seed(5).forgetBias(1.0).build();
        double[][] a = curves(cfg, Datasets.noisySine(5));
        double[][] b = curves(cfg, Datasets.noisySine(5));
        for (int k = 0; k < a.length; k++) {
            assertArrayEquals(a[k], b[k]);
        }
        TrainingConfig other = cfg.toBuilder().seed(6).build();
        assertFalse(java.util.Arrays.equals(a[0], curves(other, Datasets.noisySine(5))[0]));
    }

    @Test
    void pausesBetweenEpochsAndStopsWhenDone() {
        Trainer t = new Trainer(sineConfig(3, 1), Datasets.noisySine(1));
        assertEquals(0, t.epoch());
        assertFalse(t.isDone());
        Weights before = t.weights().copy();
        assertEquals(1, t.runEpoch().epoch());
        assertFalse(java.util.Arrays.equals(before.block(0).data, t.weights().block(0).data));
        t.runEpochs(10, null);
        assertEquals(3, t.epoch());
        assertTrue(t.isDone());
        IllegalStateException e = assertThrows(IllegalStateException.class, t::runEpoch);
        assertTrue(e.getMessage().contains("done"), e.getMessage());
    }

    @Test
    void divergenceStopsWithAClearMessage() {
        TrainingConfig cfg = TrainingConfig.builder(ModelConfig.of(CellType.RNN, 1, 4, 1).withActivation(Activation.LINEAR))
                .loss(LossKind.MSE).optimizer(OptimizerKind.SGD).learningRate(1e30).batchSize(10).epochs(50)
                .clipNorm(0).seed(1).forgetBias(1.0).build();
        Trainer t = new Trainer(cfg, Datasets.noisySine(1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.runEpochs(50, null));
        assertTrue(e.getMessage().matches("training diverged at epoch \\d+: .*; the weights of epoch \\d+ are kept; "
                + "lower the learning rate \\(now 1.00e\\+30\\) or clip the gradient norm \\(e.g. at 1\\)"), e.getMessage());
        IllegalStateException again = assertThrows(IllegalStateException.class, t::runEpoch);
        assertEquals(e.getMessage(), again.getMessage());
    }

    @Test
    void rejectsAModelThatDoesNotFitTheData() {
        TrainingConfig cfg = TrainingConfig.builder(ModelConfig.of(CellType.LSTM, 2, 4, 1)).loss(LossKind.MSE)
                .optimizer(OptimizerKind.SGD).learningRate(0.1).batchSize(10).epochs(1).clipNorm(0).seed(1)
                .forgetBias(1.0).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(cfg, Datasets.noisySine(1)));
        assertTrue(e.getMessage().contains("noisy sine"), e.getMessage());
    }
}
