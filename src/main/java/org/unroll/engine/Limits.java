package org.unroll.engine;

/**
 * The engine's size limits. A case beyond them is rejected with a message naming the limit before
 * anything large is allocated.
 */
public final class Limits {

    /** Largest inputSize, hiddenSize or outputSize. */
    public static final int MAX_SIZE = 2048;
    /** Largest number of time steps T. */
    public static final int MAX_STEPS = 100_000;
    /** Largest case file read, in bytes. */
    public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;
    /**
     * Longest number literal in a JSON input, in characters (sign, point and exponent included);
     * checked by {@link CaseFile#documentProblem}.
     */
    public static final int MAX_NUMBER_CHARS = 400;
    /** Largest JSON nesting depth accepted. */
    public static final int MAX_NESTING = 64;
    /**
     * The most events a case's walk may have (the schedule the graph, the stepper and every export
     * of a case need: forward values, loss terms, errors and the gradient terms, about
     * (2·nodes per step + parameters)·T). A T = 100,000 case is within the case limits but beyond
     * this one for every cell; it is refused in one line before anything is computed (ADR 0031).
     */
    public static final int MAX_EVENTS = 1_000_000;
    /** Largest memory for one sequence's workspace and trace, in bytes. */
    public static final long MAX_TRACE_BYTES = 1L << 30;
    /**
     * The most multiply-adds a gradient check by central differences may take
     * ({@link GradCheck#work}: two forward passes per scalar parameter). 10¹¹ is about four minutes
     * on one core here (0.43·10⁹ a second measured on an LSTM of H = 32, T = 50); an LSTM of
     * H = 2048 needs about 5.6·10¹⁴·T and is refused up front (ADR 0031).
     */
    public static final double MAX_GRADCHECK_WORK = 1e11;
    /** The most threads the engine runs a mini-batch's shards on ({@link Parallel}). */
    public static final int MAX_THREADS = 64;

    /**
     * Largest magnitude of a number typed into a case in the app (a weight, an input or a target
     * edited in place). Far beyond any weight a network learns: at 1e6 tanh, the sigmoid and the
     * softmax are already saturated to the last bit for any non-tiny input, so a larger number
     * would show nothing new, only overflow sooner (a computation that overflows is refused too).
     */
    public static final double MAX_EDITED_VALUE = 1e6;

    private Limits() {
    }

    /**
     * An estimate of the bytes the engine's workspace and the trace take for one sequence of T steps
     * (forward values, deltas, stacked copies and the snapshot), without allocating anything.
     */
    public static long traceBytes(ModelConfig cfg, long steps, long batch) {
        long h = cfg.hiddenSize();
        long g = cfg.cell().gateCount();
        long perStep = 2 * (4 * g * h + 8 * h + 4L * cfg.outputSize() + cfg.inputSize());
        // parameters: weights, gradient, transposed copies and the trace's gradient (4 copies)
        return 8L * perStep * steps * batch + 4L * 8L * ParamLayout.of(cfg).scalarCount();
    }
}
