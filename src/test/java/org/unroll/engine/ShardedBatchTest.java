package org.unroll.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.unroll.engine.BpttPropertiesTest.Setup;
import org.unroll.testing.Seeded;

/**
 * A mini-batch cut into shards (ADR 0022): the batch's loss and gradient are the mean of its
 * sequences' to rounding, whatever B and however many threads; and the numbers do not depend on
 * the number of threads at all, bit for bit.
 */
class ShardedBatchTest {

    private final int threadsBefore = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(threadsBefore);
    }

    /** A setup and a batch size around and beyond the shard size. */
    record Sharded(Setup s, int batch) {
    }

    @Test
    void shardsAreAsEvenAsPossibleAndDependOnlyOnTheBatchSize() {
        assertEquals(1, ShardedBatch.shardCount(1));
        assertEquals(1, ShardedBatch.shardCount(50));
        assertEquals(2, ShardedBatch.shardCount(51));
        assertEquals(2, ShardedBatch.shardCount(100));
        assertEquals(3, ShardedBatch.shardCount(101));
        assertEquals(List.of(26, 25), List.of(ShardedBatch.shardSize(51, 2, 0), ShardedBatch.shardSize(51, 2, 1)));
        for (int b = 1; b <= 400; b++) {
            int n = ShardedBatch.shardCount(b);
            int sum = 0;
            for (int s = 0; s < n; s++) {
                int size = ShardedBatch.shardSize(b, n, s);
                assertTrue(size >= 1 && size <= ShardedBatch.SHARD_ROWS, "B = " + b + ", shard " + s + ": " + size);
                sum += size;
            }
            assertEquals(b, sum, "B = " + b);
        }
    }

    @TestFactory
    Stream<DynamicTest> aShardedBatchGivesTheMeanOfItsSequences() {
        return Seeded.cases("aShardedBatchGivesTheMeanOfItsSequences", 16,
                g -> new Sharded(BpttPropertiesTest.setup(g), g.between(1, 130)),
                c -> aShardedBatchGivesTheMeanOfItsSequences(c.s(), c.batch()));
    }

    private void aShardedBatchGivesTheMeanOfItsSequences(Setup s, int batch) {
        Case base = s.build();
        ModelConfig cfg = base.config();
        Sequence[] seqs = sequences(base, s, batch);
        double meanLoss = 0;
        Trace[] singles = new Trace[batch];
        for (int b = 0; b < batch; b++) {
            singles[b] = new Case(base.name(), base.description(), cfg, base.weights(), seqs[b], base.loss(), null, null)
                    .compute();
            meanLoss += singles[b].loss() / batch;
        }
        Parallel.setThreads(2);
        ShardedBatch sb = new ShardedBatch(cfg, base.loss());
        Weights g = Weights.zeros(cfg);
        double loss = sb.forward(base.weights(), seqs, 0, batch, null);
        sb.backward(base.weights(), null, g);
        assertClose(meanLoss, loss, "batch loss");
        assertClose(meanLoss, sb.evaluate(base.weights(), seqs), "evaluated loss");
        for (ParamSpec p : ParamLayout.of(cfg).params()) {
            double[][] got = g.get(p.name());
            for (int r = 0; r < got.length; r++) {
                for (int j = 0; j < got[r].length; j++) {
                    double mean = 0;
                    for (Trace t : singles) {
                        mean += t.grad(p.name())[r][j] / batch;
                    }
                    assertClose(mean, got[r][j], "grad " + p.name() + "[" + r + "][" + j + "]");
                }
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> theNumbersDoNotDependOnTheNumberOfThreads() {
        return Seeded.cases("theNumbersDoNotDependOnTheNumberOfThreads", 8,
                g -> new Sharded(BpttPropertiesTest.setup(g), g.between(51, 170)),
                c -> theNumbersDoNotDependOnTheNumberOfThreads(c.s(), c.batch()));
    }

    private void theNumbersDoNotDependOnTheNumberOfThreads(Setup s, int batch) {
        Case base = s.build();
        Sequence[] seqs = sequences(base, s, batch);
        double[] reference = null;
        for (int threads : new int[] {1, 2, 3, 5}) {
            Parallel.setThreads(threads);
            ShardedBatch sb = new ShardedBatch(base.config(), base.loss());
            Weights g = Weights.zeros(base.config());
            double loss = sb.forward(base.weights(), seqs, 0, batch, null);
            sb.backward(base.weights(), null, g);
            double[] all = flatten(loss, sb.evaluate(base.weights(), seqs), g);
            if (reference == null) {
                reference = all;
            } else {
                for (int i = 0; i < all.length; i++) {
                    if (Double.doubleToRawLongBits(all[i]) != Double.doubleToRawLongBits(reference[i])) {
                        fail(threads + " threads: number " + i + " is " + all[i] + ", with 1 thread " + reference[i]);
                    }
                }
            }
        }
    }

    @Test
    void trainingIsTheSameBitForBitOnOneThreadOrThree() {
        ModelConfig model = ModelConfig.of(CellType.GRU, 2, 5, 1);
        TrainingConfig cfg = TrainingConfig.builder(model).batchSize(120).epochs(2).learningRate(0.01)
                .optimizer(OptimizerKind.AMSGRAD).seed(7).build();
        Dataset data = Datasets.addingProblem(12, 400, 3);
        double[][] runs = new double[2][];
        int[] threads = {1, 3};
        for (int r = 0; r < 2; r++) {
            Parallel.setThreads(threads[r]);
            Trainer t = new Trainer(cfg, data);
            EpochResult a = t.runEpoch();
            EpochResult b = t.runEpoch();
            runs[r] = flatten(a.trainLoss() + b.trainLoss(), b.validationLoss(), t.weights());
        }
        for (int i = 0; i < runs[0].length; i++) {
            assertEquals(Double.doubleToRawLongBits(runs[0][i]), Double.doubleToRawLongBits(runs[1][i]), "number " + i);
        }
    }

    @Test
    void openBlasIsLoadedHereSoTheShardsTestAbove() {
        assertTrue(NativeBlas.available(), "OpenBLAS did not load: " + NativeBlas.status());
        assertEquals("", NativeBlas.status());
    }

    /** A network large enough that its products go to OpenBLAS (H 48…64, T 2…5), and a batch of 32…60. */
    record Large(BpttPropertiesTest.Setup s, int batch) {
    }

    @TestFactory
    Stream<DynamicTest> openBlasAndTheEnginesKernelsAgree() {
        return Seeded.cases("openBlasAndTheEnginesKernelsAgree", 12,
                g -> new Large(new Setup(g.oneOf(GradientCheckSweepTest.CellOption.class), g.oneOf(Activation.class),
                        g.oneOf(GradientCheckSweepTest.LossOutput.class), g.between(1, 12), g.between(48, 64),
                        g.between(1, 3), g.between(2, 5), g.anyLong()), g.between(32, 60)),
                c -> openBlasAndTheEnginesKernelsAgree(c.s(), c.batch()));
    }

    private void openBlasAndTheEnginesKernelsAgree(Setup s, int batch) {
        Case base = s.build();
        Sequence[] seqs = sequences(base, s, batch);
        double[][] runs = new double[2][];
        long before = NativeBlas.calls();
        try {
            for (int r = 0; r < 2; r++) {
                NativeBlas.setEnabled(r == 0);
                Bptt e = new Bptt(base.config(), base.loss());
                Weights g = Weights.zeros(base.config());
                double loss = e.forward(base.weights(), Batch.of(seqs, 0, batch, null));
                e.backward(base.weights(), null, g);
                Trace t = e.trace(batch - 1);
                double[][] h = t.forward(Quantity.H);
                runs[r] = flatten(loss, h[h.length - 1][0], g);
                if (r == 0) {
                    assertTrue(NativeBlas.calls() > before, "no product went to OpenBLAS");
                }
            }
        } finally {
            NativeBlas.setEnabled(true);
        }
        for (int i = 0; i < runs[0].length; i++) {
            assertClose(runs[1][i], runs[0][i], "number " + i + " (OpenBLAS against the engine's kernels)");
        }
    }

    @Test
    void aFailingShardIsReportedAfterTheOthersStop() {
        Parallel.setThreads(3);
        AtomicInteger ran = new AtomicInteger();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.forEach(9, i -> {
            ran.incrementAndGet();
            if (i == 4) {
                throw new IllegalStateException("shard 4");
            }
        }));
        assertEquals("shard 4", e.getMessage());
        assertTrue(ran.get() >= 5 && ran.get() <= 9, "tasks run: " + ran.get());
        assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(0));
    }

    private static Sequence[] sequences(Case base, Setup s, int batch) {
        SplittableRandom rnd = new SplittableRandom(s.seed() ^ 0x5DEECE66DL);
        Sequence[] seqs = new Sequence[batch];
        seqs[0] = base.sequence();
        for (int b = 1; b < batch; b++) {
            seqs[b] = BpttPropertiesTest.sequenceLike(base.sequence(), base.config(), s.lossOutput(), rnd);
        }
        return seqs;
    }

    private static double[] flatten(double a, double b, Weights w) {
        int n = 2;
        for (var m : w.blocks()) {
            n += m.getNumElements();
        }
        double[] all = new double[n];
        all[0] = a;
        all[1] = b;
        int at = 2;
        for (var m : w.blocks()) {
            System.arraycopy(m.data, 0, all, at, m.getNumElements());
            at += m.getNumElements();
        }
        return all;
    }

    private static void assertClose(double want, double got, String what) {
        if (!(Math.abs(want - got) <= 1e-12 * Math.abs(want) + 1e-12)) {
            fail(String.format("%s: want %.17g, got %.17g", what, want, got));
        }
    }
}
