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

    /** The heap an EJML matrix of one step takes beyond its values: the object, the array's header, the reference to it. */
    static final long MATRIX_OVERHEAD = 24 + 16 + 4;
    /** The heap a {@code double[]} of one step of the trace takes beyond its values: the header and the reference. */
    static final long ROW_OVERHEAD = 16 + 4;

    /**
     * An estimate of the heap the engine's workspace and the trace take for T steps of a batch of
     * {@code batch} sequences (the trace of one of them), without allocating anything; full BPTT.
     * Counted as the engine allocates them (ADR 0032): the workspace holds one matrix per step for
     * each of h, the pre-activations, the gates, their errors, q, y, the output errors and e_h (and
     * c, f(c), e_c for an LSTM; the GRU's two more), the batch's inputs and targets, and the stacked
     * copies of the inputs of the outer products; the trace a row per step and quantity, each gate
     * its own. Measured on the heap (after a full collection) within 10 % for an RNN at H = 1, LSTMs
     * at H = 4, 24, 128, a GRU at H = 16 and an RNN at H = 256 (the figures in ADR 0032).
     */
    public static long traceBytes(ModelConfig cfg, long steps, long batch) {
        return traceBytes(cfg, steps, batch, false);
    }

    /**
     * The same, with the accumulators truncated BPTT adds when {@code truncated}.
     *
     * @param cfg the network's shape
     * @param steps T
     * @param batch the sequences run together
     * @param truncated whether BPTT is truncated (one more matrix per step, two for a GRU)
     */
    public static long traceBytes(ModelConfig cfg, long steps, long batch, boolean truncated) {
        long h = cfg.hiddenSize();
        long g = cfg.cell().gateCount();
        long gh = g * h;
        long in = cfg.inputSize();
        long out = cfg.outputSize();
        long extra = switch (cfg.cell()) {
            case LSTM -> 3;  // c, f(c), e_c
            case GRU -> 2;   // the reset-gated product and its error
            default -> 0;
        };
        long workspace = workspaceBytes(cfg, 1, batch, truncated);
        // trace: h, q, y, e_q, e_h, the cell's own, each gate's pre-activation, value and error, x, targets
        long rows = 5 + extra + 3 * g + 2;
        long traceValues = 3 * gh + 2 * h + 3 * out + extra * h + in + out;
        long trace = rows * ROW_OVERHEAD + 8 * traceValues;
        // parameters: weights, gradient, transposed copies and the trace's gradient (4 copies)
        return steps * (workspace + trace) + 4L * 8L * ParamLayout.of(cfg).scalarCount();
    }

    /** The engine's workspace alone for T steps of {@code batch} sequences (see {@link #traceBytes}). */
    static long workspaceBytes(ModelConfig cfg, long steps, long batch, boolean truncated) {
        long h = cfg.hiddenSize();
        long gh = cfg.cell().gateCount() * h;
        long in = cfg.inputSize();
        long out = cfg.outputSize();
        long extra = cfg.cell() == CellType.LSTM ? 3 : cfg.cell() == CellType.GRU ? 2 : 0;
        // h, pre, gate, e_pre, e_h; q, y, e_q; the cell's own; the batch's x and targets
        long matrices = 8 + extra + 2;
        long values = 3 * gh + 2 * h + 3 * out + extra * h + in + out;
        if (cfg.cell() == CellType.GRU) {
            // measured: a GRU's workspace holds about a gate block and an H-row more per step than listed
            matrices += 2;
            values += gh + h;
        }
        if (truncated) {
            matrices += cfg.cell() == CellType.GRU ? 2 : 1;
            values += gh + (cfg.cell() == CellType.GRU ? h : 0);
        }
        // and the inputs of the outer products stacked as one matrix each (x, h(t-1), and h once more)
        return steps * (matrices * MATRIX_OVERHEAD + 8 * batch * values + 8 * batch * (in + 2 * h));
    }

    /**
     * An estimate of the heap a case of T steps takes at the peak of {@link Case#compute}: its own
     * sequence (a row of inputs and one of targets per step), the workspace, and, as the workspace
     * is handed over to the trace ({@link Bptt#takeTrace}), one gate block's copy more.
     */
    public static long computeBytes(ModelConfig cfg, long steps, boolean truncated) {
        long sequence = steps * (2 * ROW_OVERHEAD + 8L * (cfg.inputSize() + cfg.outputSize()));
        long g = cfg.cell().gateCount();
        long h = cfg.hiddenSize();
        long handover = steps * (g * ROW_OVERHEAD + 8 * g * h + 4L * (5 + 3 * g + 5));
        return sequence + workspaceBytes(cfg, steps, 1, truncated) + handover + 4L * 8L * ParamLayout.of(cfg).scalarCount();
    }
}
