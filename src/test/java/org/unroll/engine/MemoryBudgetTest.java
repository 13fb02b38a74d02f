package org.unroll.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory budget's estimates (ADR 0032) against the heap measured after a full collection:
 * within a factor of 1.5 either way for the engine's workspace and trace and for a CSV's windows,
 * 2 for a JSON tree. The inputs are a few tens of megabytes, so the collector's noise is small.
 */
class MemoryBudgetTest {

    private static final double FACTOR = 1.5;

    @TempDir
    Path dir;

    private static long used() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void assertWithin(double factor, long estimate, long measured, String what) {
        double ratio = estimate / (double) measured;
        System.out.printf(java.util.Locale.ROOT, "memory %s: estimated %.1f MB, measured %.1f MB, ratio %.2f%n", what,
                estimate / 1e6, measured / 1e6, ratio);
        assertTrue(ratio >= 1 / factor && ratio <= factor,
                what + ": estimated " + (estimate >> 20) + " MiB, measured " + (measured >> 20) + " MiB (ratio " + ratio + ")");
    }

    @Test
    void theWorkspaceAndTraceEstimateIsWithinOneAndAHalfOfTheHeapMeasured() {
        for (CellType cell : CellType.values()) {
            int steps = 40_000;
            ModelConfig cfg = ModelConfig.of(cell, 2, 16, 1);
            Random rnd = new Random(1);
            double[][] x = new double[steps][2];
            double[][] t = new double[steps][];
            for (int k = 0; k < steps; k++) {
                x[k][0] = rnd.nextGaussian();
                x[k][1] = rnd.nextGaussian();
            }
            t[steps - 1] = new double[] {1};
            Weights w = new Weights(ParamLayout.of(cfg));
            long before = used();
            Sequence seq = Sequence.of(x, t, 16);
            Bptt b = new Bptt(cfg, LossKind.MSE);
            b.forward(w, Batch.of(seq));
            b.backward(w, null, new Weights(w.layout()));
            Trace tr = b.trace(0);
            long measured = used() - before;
            assertEquals(steps, tr.length());
            assertWithin(FACTOR, Limits.traceBytes(cfg, steps, 1), measured, cell + " T=" + steps + " H=16");
            // x and t were allocated before the measure began
            assertTrue(b.loss() >= 0);
        }
    }

    @Test
    void theCsvEstimateIsWithinOneAndAHalfOfTheHeapMeasured() throws Exception {
        Path csv = dir.resolve("series.csv");
        StringBuilder sb = new StringBuilder("a,b,c\n");
        Random rnd = new Random(2);
        for (int i = 0; i < 200_000; i++) {
            sb.append(rnd.nextGaussian()).append(',').append(rnd.nextInt(100)).append(',').append(rnd.nextDouble()).append('\n');
        }
        Files.writeString(csv, sb);
        sb = null;
        long before = used();
        Dataset d = Datasets.fromCsv(csv, 25, 1).withHiddenSize(4);
        long measured = used() - before;
        int rows = d.train().length + d.validation().length + 25;
        assertEquals(200_000, rows);
        assertWithin(FACTOR, MemoryBudget.csvBytes(rows, 3, 25), measured, "CSV of 200,000 rows, window 25");
    }

    @Test
    void theJsonTreeEstimateIsWithinTwoOfTheHeapMeasured() throws Exception {
        StringBuilder sb = new StringBuilder("{\"inputs\": [");
        Random rnd = new Random(3);
        for (int i = 0; i < 300_000; i++) {
            sb.append(i == 0 ? "" : ", ").append('[').append(Math.round(rnd.nextGaussian() * 1000) / 1000.0).append(", ")
                    .append(rnd.nextInt(9)).append(']');
        }
        byte[] json = sb.append("], \"name\": \"a, [b]\"}").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long before = used();
        com.fasterxml.jackson.databind.JsonNode tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        long measured = used() - before + json.length;
        assertEquals(300_000, tree.get("inputs").size());
        assertWithin(2, MemoryBudget.jsonBytes(json), measured, "JSON tree of " + json.length + " bytes");
    }

    @Test
    void theRefusalNamesTheEstimateAndTheHeap() {
        assertNull(MemoryBudget.problem(100L << 20, 256L << 20, "to compute"));
        assertEquals("needs about 812 MiB of memory to compute; the heap is 256 MiB (give Java more with -Xmx,"
                + " e.g. -Xmx1g, or use a smaller input)", MemoryBudget.problem(812L << 20, 256L << 20, "to compute"));
    }
}
