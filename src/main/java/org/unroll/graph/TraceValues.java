package org.unroll.graph;

import org.unroll.engine.Quantity;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.unroll.engine.LossKind;
import org.unroll.engine.OutputActivation;
import org.unroll.engine.ParamSpec;
import org.unroll.engine.Trace;
import org.unroll.engine.Weights;

/**
 * The numbers of one trace, looked up by graph node: a node's forward value and its error, a
 * parameter's matrix and gradient, and each step's share E_t of the loss. Immutable and
 * thread-safe; every array returned is a fresh copy.
 *
 * <p>With truncated BPTT the trace keeps no {@code dh}, {@code dc}, {@code dh0}, {@code dc0}
 * ({@link #delta(Node)} gives null for those), and its pre-activation deltas ({@code dp},
 * {@code dpre_g}) are the sums over the loss terms' windows.
 */
public final class TraceValues {

    private final Trace trace;
    private final Map<String, double[][]> params;
    private final Set<String> deltaKeys;
    private final double[] lossTerms;
    private final int targetCount;

    /**
     * Reads a trace and the weights it was computed with.
     *
     * @param trace the trace (not modified; kept — a Trace is immutable)
     * @param weights the weights of the forward pass (not modified; the parameters are copied now,
     *                so later changes to {@code weights} do not show here)
     * @throws IllegalArgumentException if the weights belong to another configuration
     */
    public TraceValues(Trace trace, Weights weights) {
        this.trace = Objects.requireNonNull(trace, "trace");
        Objects.requireNonNull(weights, "weights");
        if (!weights.config().equals(trace.config())) {
            throw new IllegalArgumentException("the weights are for " + weights.config() + ", the trace for "
                    + trace.config());
        }
        Map<String, double[][]> m = new HashMap<>();
        for (ParamSpec ps : weights.layout().params()) {
            m.put(ps.name(), weights.get(ps.name()));
        }
        this.params = m;
        this.deltaKeys = new HashSet<>(trace.deltaKeys());
        this.lossTerms = lossTerms(trace);
        int n = 0;
        for (int t = 1; t <= trace.length(); t++) {
            n += trace.target(t) == null ? 0 : 1;
        }
        this.targetCount = n;
    }

    /** The trace (immutable). */
    public Trace trace() {
        return trace;
    }

    /** |S|, the number of steps with a target. */
    public int targetCount() {
        return targetCount;
    }

    /**
     * A node's forward value: x(t), h(0), c(0), p(t), pre_g(t), a gate, c(t), h(t), q(t), y(t);
     * E_t and E as vectors of length 1.
     *
     * @param node a node of a graph of this trace's configuration (not modified)
     * @throws IllegalArgumentException for a parameter (use {@link #matrix(Node)})
     */
    public double[] value(Node node) {
        int t = node.step();
        return switch (node.kind()) {
            case INPUT -> trace.input(t);
            case INITIAL_STATE -> node.key().equals("c0") ? trace.c0() : trace.h0();
            case PRE, GATE, CELL, HIDDEN, OUTPUT_PRE, OUTPUT -> trace.forward(Quantity.fromKey(node.key()), t);
            case LOSS_TERM -> new double[] {lossTerm(t)};
            case LOSS -> new double[] {trace.loss()};
            case PARAMETER -> throw new IllegalArgumentException(node + " is a parameter: use matrix()");
        };
    }

    /**
     * A node's error ∂E/∂(node) as the trace keeps it under {@link Node#deltaKey()}, or null when
     * there is none: no delta key, no backward pass, or a full-BPTT-only key ({@code dh},
     * {@code dc}, {@code dh0}, {@code dc0}) in a truncated trace. Null for parameters too (see
     * {@link #gradient(Node)}).
     *
     * @param node a node (not modified)
     */
    public double[] delta(Node node) {
        String k = node.deltaKey();
        if (k == null || !trace.hasBackward()) {
            return null;
        }
        if (node.kind() == NodeKind.INITIAL_STATE) {
            return trace.initialDelta(Quantity.fromKey(k));
        }
        return deltaKeys.contains(k) ? trace.delta(Quantity.fromKey(k), node.step()) : null;
    }

    /**
     * A parameter's value in case shape (a vector as n×1).
     *
     * @param parameter a parameter node (not modified)
     */
    public double[][] matrix(Node parameter) {
        return copy(require(parameter));
    }

    /**
     * A parameter's gradient ∂E/∂θ in case shape, or null when the trace has no backward pass.
     *
     * @param parameter a parameter node (not modified)
     */
    public double[][] gradient(Node parameter) {
        require(parameter);
        return trace.hasBackward() ? trace.grad(parameter.key()) : null;
    }

    /**
     * The term step t adds to a parameter's gradient ({@code Trace.gradientTerm}).
     *
     * @param parameter a parameter node (not modified)
     * @param t the step, 1..T
     */
    public double[][] gradientTerm(Node parameter, int t) {
        require(parameter);
        return trace.gradientTerm(parameter.key(), t);
    }

    /**
     * E_t, step t's share of the loss; 0 for a step without a target.
     *
     * @param t the step, 1..T
     */
    public double lossTerm(int t) {
        return lossTerms[t - 1];
    }

    /**
     * Every step's share of the loss, index t-1 for step t (0 where there is no target), as the
     * case format normalises it: mse {@code (1/N) Σ_k (y_k - t_k)²} with N = |S|·O; sse
     * {@code ½ Σ_k (y_k - t_k)²}; xent with softmax {@code -(1/|S|) Σ_k t_k log y_k}; xent with
     * sigmoid {@code -(1/N) Σ_k [t_k log y_k + (1-t_k) log(1-y_k)]}. The logarithms are taken from
     * q(t) (log-sum-exp, softplus) rather than from y(t), which is the same number without the
     * overflow of log 0. Added up in step order they give {@code trace.loss()}.
     *
     * @param trace the trace (not modified)
     */
    public static double[] lossTerms(Trace trace) {
        int steps = trace.length();
        int count = 0;
        for (int t = 1; t <= steps; t++) {
            count += trace.target(t) == null ? 0 : 1;
        }
        int out = trace.config().outputSize();
        LossKind kind = trace.lossKind();
        OutputActivation g = trace.config().outputActivation();
        double[] r = new double[steps];
        for (int t = 1; t <= steps; t++) {
            double[] tg = trace.target(t);
            if (tg == null) {
                continue;
            }
            double[] y = trace.forward(Quantity.Y, t);
            double[] q = trace.forward(Quantity.Q, t);
            double e = 0;
            if (kind == LossKind.XENT && g == OutputActivation.SOFTMAX) {
                double m = Double.NEGATIVE_INFINITY;
                for (double v : q) {
                    m = Math.max(m, v);
                }
                double se = 0;
                for (double v : q) {
                    se += Math.exp(v - m);
                }
                double lse = m + Math.log(se);
                for (int j = 0; j < out; j++) {
                    e -= tg[j] * (q[j] - lse);
                }
                r[t - 1] = e / count;
            } else if (kind == LossKind.XENT) {
                for (int j = 0; j < out; j++) {
                    double z = q[j];
                    e += Math.max(z, 0) - tg[j] * z + Math.log1p(Math.exp(-Math.abs(z)));
                }
                r[t - 1] = e / ((double) count * out);
            } else {
                for (int j = 0; j < out; j++) {
                    double d = y[j] - tg[j];
                    e += d * d;
                }
                r[t - 1] = kind == LossKind.MSE ? e / ((double) count * out) : 0.5 * e;
            }
        }
        return r;
    }

    private double[][] require(Node parameter) {
        double[][] m = parameter.kind() == NodeKind.PARAMETER ? params.get(parameter.key()) : null;
        if (m == null) {
            throw new IllegalArgumentException(parameter + " is not a parameter of this network");
        }
        return m;
    }

    private static double[][] copy(double[][] m) {
        double[][] r = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            r[i] = m[i].clone();
        }
        return r;
    }
}
