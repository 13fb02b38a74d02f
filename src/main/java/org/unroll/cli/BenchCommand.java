package org.unroll.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.ejml.data.DMatrixRMaj;
import org.unroll.engine.Batch;
import org.unroll.engine.Bptt;
import org.unroll.engine.CellType;
import org.unroll.engine.Limits;
import org.unroll.engine.LossKind;
import org.unroll.engine.ModelConfig;
import org.unroll.engine.Sequence;
import org.unroll.engine.Trace;
import org.unroll.engine.Weights;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench}: times forward plus full BPTT with the trace recorded, the same work as
 * {@code ../shared/bench/torch_reference.py}: a linear output of size 1 at every step, MSE on the
 * last step, double precision, one thread.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = {"Time forward + full BPTT (with the trace recorded, as the app uses it) after warm-up.",
        "Same work as torch_reference.py: linear output of size 1 at every step, MSE on the last step, float64.",
        "The last line is median_ms=<number>.",
        "With --ui: open the real window instead and time each key press (→/PageDown) until the next event is drawn",
        "(graph, inspector, typeset equation); the last lines are median_ms=<number> and max_ms=<number>."})
final class BenchCommand implements Callable<Integer> {

    /** Runs the window benchmark (the ui layer's, given by the launcher), or null when there is none. */
    WindowBench window;

    @Option(names = "--ui", description = "Time the real window's key presses instead of the engine (needs a display, e.g. xvfb-run -a).")
    boolean ui;

    @Option(names = "--case", paramLabel = "CASE.json", description = "With --ui: the case to step through (default: the demo).")
    java.nio.file.Path caseFile;

    @Option(names = "--events", defaultValue = "200", description = "With --ui: key presses to time (default ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--window", defaultValue = "1280x720", description = "With --ui: the window's size (default ${DEFAULT-VALUE}).")
    String windowSize;

    @Option(names = "--cell", description = "rnn, lstm or gru (required without --ui)")
    String cell;

    @Option(names = "--input", defaultValue = "1", description = "Input size I (default ${DEFAULT-VALUE}).")
    int input;

    @Option(names = "--hidden", description = "Hidden size H (required without --ui).")
    Integer hidden;

    @Option(names = "--steps", description = "Time steps T (required without --ui).")
    Integer steps;

    @Option(names = "--batch", defaultValue = "1", description = "Batch size B (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seconds", defaultValue = "3", description = "Measuring time after warm-up (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--no-trace", description = "Skip recording the trace (to measure its cost).")
    boolean noTrace;

    @Override
    public Integer call() throws Exception {
        if (ui) {
            return windowBench();
        }
        if (caseFile != null) {
            throw new UserError("--case needs --ui");
        }
        if (cell == null || hidden == null || steps == null) {
            throw new UserError("--cell, --hidden and --steps are required (or --ui to time the window)");
        }
        CellType ct = CellType.fromKey(cell);
        if (ct == null) {
            throw new UserError("--cell: expected rnn, lstm or gru, got " + cell);
        }
        checkSize("--input", input, Limits.MAX_SIZE);
        checkSize("--hidden", hidden, Limits.MAX_SIZE);
        checkSize("--steps", steps, Limits.MAX_STEPS);
        checkSize("--batch", batch, 100_000);
        if (!(seconds > 0) || seconds > 3600) {
            throw new UserError("--seconds: expected a number in (0, 3600], got " + seconds);
        }
        ModelConfig cfg = ModelConfig.of(ct, input, hidden, 1);
        long bytes = Limits.traceBytes(cfg, steps, batch);
        if (bytes > Limits.MAX_TRACE_BYTES) {
            throw new UserError("--steps/--hidden/--batch: the workspace would need about " + (bytes >> 20)
                    + " MiB; the engine's limit is " + (Limits.MAX_TRACE_BYTES >> 20) + " MiB");
        }
        SplittableRandom rnd = new SplittableRandom(0);
        Weights w = Weights.zeros(cfg);
        double scale = 1.0 / Math.sqrt(hidden);
        for (DMatrixRMaj b : w.blocks()) {
            for (int i = 0; i < b.getNumElements(); i++) {
                b.data[i] = rnd.nextDouble(-scale, scale);
            }
        }
        Sequence[] seqs = new Sequence[batch];
        for (int b = 0; b < batch; b++) {
            double[][] x = new double[steps][input];
            double[][] y = new double[steps][];
            for (int t = 0; t < steps; t++) {
                for (int i = 0; i < input; i++) {
                    x[t][i] = rnd.nextGaussian();
                }
            }
            y[steps - 1] = new double[] {rnd.nextGaussian()};
            seqs[b] = Sequence.of(x, y, hidden);
        }
        Batch data = Batch.of(seqs, 0, batch, null);
        Bptt engine = new Bptt(cfg, LossKind.MSE);
        Weights grad = Weights.zeros(cfg);
        long[] traceBytes = new long[1];
        Runnable step = () -> {
            engine.forward(w, data);
            engine.backward(w, null, grad);
            if (!noTrace) {
                Trace tr = engine.trace(0);
                traceBytes[0] = tr.sizeInBytes();
            }
        };
        // warm-up: the JIT, and the heap's first touch of its young generation (the trace snapshot
        // allocates every run; on a fresh JVM the first pass over eden costs page faults)
        long warmEnd = System.nanoTime() + (long) (Math.min(5.0, Math.max(2.0, seconds)) * 1e9);
        int warm = 0;
        while (System.nanoTime() < warmEnd || warm < 5) {
            step.run();
            warm++;
        }
        List<Double> times = new ArrayList<>();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end || times.size() < 5) {
            long t0 = System.nanoTime();
            step.run();
            times.add((System.nanoTime() - t0) / 1e6);
        }
        Collections.sort(times);
        double median = times.size() % 2 == 1 ? times.get(times.size() / 2)
                : (times.get(times.size() / 2 - 1) + times.get(times.size() / 2)) / 2;
        System.out.printf("unroll %s I=%d H=%d T=%d B=%d float64 threads=1 trace=%s runs=%d%n",
                ct.key(), input, hidden, steps, batch, noTrace ? "off" : "on", times.size());
        System.out.printf("%-10s %10s%n", "min_ms", String.format("%.3f", times.get(0)));
        System.out.printf("%-10s %10s%n", "median_ms", String.format("%.3f", median));
        System.out.printf("%-10s %10s%n", "max_ms", String.format("%.3f", times.get(times.size() - 1)));
        System.out.printf("%-10s %10s%n", "us/step", String.format("%.2f", median * 1000 / steps));
        if (!noTrace) {
            System.out.printf("%-10s %10s%n", "trace_KiB", String.format("%.1f", traceBytes[0] / 1024.0));
        }
        System.out.printf("median_ms=%.3f%n", median);
        return 0;
    }

    private int windowBench() throws Exception {
        checkSize("--events", events, 1_000_000);
        if (!windowSize.matches("\\d{3,5}x\\d{3,5}")) {
            throw new UserError("--window: expected WIDTHxHEIGHT such as 1280x720, got " + windowSize);
        }
        if (caseFile != null) {
            if (!java.nio.file.Files.isRegularFile(caseFile)) {
                throw new UserError("--case: no such file: " + caseFile);
            }
            try {
                org.unroll.engine.CaseFile.read(caseFile);
            } catch (org.unroll.engine.CaseException e) {
                throw new UserError(caseFile + ": " + e.getMessage());
            }
        }
        if (window == null) {
            throw new UserError("--ui opens the window: run it from the jar (java -jar target/unroll.jar bench --ui)");
        }
        return window.run(caseFile, events, windowSize);
    }

    private static void checkSize(String opt, int v, int max) {
        if (v < 1 || v > max) {
            throw new UserError(opt + ": expected a whole number in 1.." + max + ", got " + v);
        }
    }
}
