package org.unroll.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * One mini-batch run as shards of at most {@link #SHARD_ROWS} sequences (ADR 0022): each shard is a
 * B_s × H matrix pass of its own {@link Bptt} (one product per gate block per step, forwards and
 * back; the weight gradients one product over all its steps and sequences), the shards run on
 * {@link Parallel}'s threads, and the results are combined in shard order:
 * <pre>
 *   E = Σ_s (B_s / B) E_s        ∂E/∂θ = Σ_s (B_s / B) ∂E_s/∂θ
 * </pre>
 * where E_s is shard s's mean loss. How a batch is cut depends only on B, never on the number of
 * threads, so training is reproducible bit for bit on any machine. A batch of at most
 * {@code SHARD_ROWS} sequences is one shard: exactly the single engine's numbers.
 *
 * <p>Not thread-safe: one instance per trainer. It keeps one engine and one gradient per shard
 * position and size, so that no engine reallocates its workspace between batches.
 */
final class ShardedBatch {

    /** The most sequences of one shard. */
    static final int SHARD_ROWS = 50;

    private final ModelConfig model;
    private final LossKind loss;
    private final ParamLayout layout;
    private final Map<Long, Bptt> engines = new HashMap<>();
    private final Map<Integer, Weights> grads = new HashMap<>();
    private Bptt[] current = new Bptt[0];
    private int[] sizes = new int[0];
    private int total;
    /** Whether the last forward's shards ran on several threads (its backward does the same). */
    private boolean parallel;
    private final Map<Long, Bptt> evaluators = new HashMap<>();

    ShardedBatch(ModelConfig model, LossKind loss) {
        this.model = model;
        this.loss = loss;
        this.layout = ParamLayout.of(model);
    }

    /** How many shards a batch of B sequences is cut into: ⌈B / SHARD_ROWS⌉. */
    static int shardCount(int batch) {
        return (batch + SHARD_ROWS - 1) / SHARD_ROWS;
    }

    /** The size of shard s of a batch of B in n shards: as even as possible, the larger ones first. */
    static int shardSize(int batch, int n, int s) {
        return batch / n + (s < batch % n ? 1 : 0);
    }

    /**
     * Forward over {@code count} sequences of {@code all} at {@code order[from..from+count)} (or
     * {@code from..} when order is null).
     *
     * @param w the weights (not modified)
     * @return the mean loss over the batch
     */
    double forward(Weights w, Sequence[] all, int from, int count, int[] order) {
        int n = shardCount(count);
        if (current.length != n) {
            current = new Bptt[n];
            sizes = new int[n];
        }
        int[] starts = new int[n];
        int at = from;
        for (int s = 0; s < n; s++) {
            sizes[s] = shardSize(count, n, s);
            starts[s] = at;
            at += sizes[s];
            current[s] = engine(s, sizes[s]);
        }
        total = count;
        double[] losses = new double[n];
        int steps = all[order == null ? from : order[from]].length();
        parallel = worthThreads(steps, sizes[n - 1]);
        Parallel.forEach(n, parallel, (worker, s) -> losses[s] = current[s].forward(w,
                Batch.of(all, starts[s], sizes[s], order)));
        return combine(losses, sizes, count);
    }

    /**
     * The mean loss of the weights over every sequence of {@code all}, forward only, in shards of
     * {@link #SHARD_ROWS} (one engine per thread, so a large validation set takes the memory of a
     * few shards, not of one batch of all). The shard engines of {@link #forward} are left alone.
     *
     * @param w the weights (not modified)
     */
    double evaluate(Weights w, Sequence[] all) {
        int count = all.length;
        int n = shardCount(count);
        int[] size = new int[n];
        int[] starts = new int[n];
        int at = 0;
        for (int s = 0; s < n; s++) {
            size[s] = shardSize(count, n, s);
            starts[s] = at;
            at += size[s];
        }
        double[] losses = new double[n];
        Parallel.forEach(n, worthThreads(all[0].length(), size[n - 1]), (worker, s) -> losses[s] = evaluator(worker, size[s])
                .forward(w, Batch.of(all, starts[s], size[s], null)));
        return combine(losses, size, count);
    }

    /** Σ_s (B_s / B) E_s in shard order; a single shard's loss as it is. */
    private static double combine(double[] losses, int[] sizes, int total) {
        if (losses.length == 1) {
            return losses[0];
        }
        double e = 0;
        for (int s = 0; s < losses.length; s++) {
            e += (double) sizes[s] / total * losses[s];
        }
        return e;
    }

    private synchronized Bptt evaluator(int worker, int size) {
        return evaluators.computeIfAbsent(((long) worker << 32) | size, k -> new Bptt(model, loss, true));
    }

    /**
     * BPTT after {@link #forward}: fills {@code grad} with the batch's ∂E/∂θ.
     *
     * @param w the weights of the forward pass (not modified)
     * @param truncate null for full BPTT, or k ≥ 1 (see {@link Bptt#backward})
     * @param grad receives the gradient (overwritten)
     */
    void backward(Weights w, Integer truncate, Weights grad) {
        int n = current.length;
        if (n == 1) {
            current[0].backward(w, truncate, grad);
            return;
        }
        Weights[] g = new Weights[n];
        for (int s = 0; s < n; s++) {
            g[s] = grad(s);
        }
        Parallel.forEach(n, parallel, (worker, s) -> current[s].backward(w, truncate, g[s]));
        List<DMatrixRMaj> dst = grad.blocks();
        for (int b = 0; b < dst.size(); b++) {
            double[] d = dst.get(b).data;
            int len = dst.get(b).getNumElements();
            double f0 = (double) sizes[0] / total;
            double[] g0 = g[0].block(b).data;
            for (int i = 0; i < len; i++) {
                d[i] = f0 * g0[i];
            }
            for (int s = 1; s < n; s++) {
                double f = (double) sizes[s] / total;
                double[] gs = g[s].block(b).data;
                for (int i = 0; i < len; i++) {
                    d[i] += f * gs[i];
                }
            }
        }
    }

    /**
     * Whether shards of this many steps and rows are worth other threads: at least
     * {@link #MIN_PARALLEL_MACS} multiply-adds in the forward pass of one. Below it, handing a shard
     * over and the JIT compiling beside two busy threads cost more than they save (the book's sine
     * with the simple RNN at batch 100: 1.0 s on two threads, 0.64 on one).
     */
    private boolean worthThreads(int steps, int rows) {
        long perStep = (long) model.cell().gateCount() * model.hiddenSize() * (model.hiddenSize() + model.inputSize())
                + (long) model.hiddenSize() * model.outputSize();
        return (long) steps * rows * perStep >= MIN_PARALLEL_MACS;
    }

    /** See {@link #worthThreads}; {@code -Dunroll.engine.minParallelMacs=N} sets it for measurements (ADR 0045). */
    static final long MIN_PARALLEL_MACS = Long.getLong("unroll.engine.minParallelMacs", 2_000_000L);

    private Bptt engine(int shard, int size) {
        return engines.computeIfAbsent(((long) shard << 32) | size, k -> new Bptt(model, loss, true));
    }

    private Weights grad(int shard) {
        return grads.computeIfAbsent(shard, k -> new Weights(layout));
    }
}
