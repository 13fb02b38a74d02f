package org.unroll.engine;

import java.util.List;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A first-order optimiser: one {@link #step} moves the parameters against a gradient. Implementations
 * keep their state (velocities, moment estimates) per scalar, sized once from a {@link ParamLayout};
 * a step allocates nothing.
 *
 * <p>The update rules follow PyTorch's {@code torch.optim} (SGD, SGD with momentum, Adam, Adam with
 * {@code amsgrad=True}). Not thread-safe.
 */
public interface Optimizer {

    /**
     * Updates the parameters in place with one gradient step.
     *
     * @param params the parameters (modified)
     * @param grad the gradient ∂E/∂θ, same layout as {@code params} (not modified)
     * @throws IllegalArgumentException if the blocks do not match the layout the optimiser was built for
     */
    void step(Weights params, Weights grad);

    /**
     * The optimiser's state, exactly: a copy of every moment array and the step count, for a
     * checkpoint. Nothing is modified.
     *
     * @return a new state that shares no array with this optimiser
     */
    State exportState();

    /**
     * Replaces the optimiser's state with a copy of {@code state}, so that the following steps are
     * bit for bit those of the optimiser that exported it.
     *
     * @param state a state of an optimiser of the same kind and layout (not modified)
     * @throws IllegalArgumentException if the moments' names, count or sizes do not match
     */
    void importState(State state);

    /**
     * What an optimiser carries from one step to the next.
     *
     * @param steps the steps taken (Adam's t; 0 for SGD and momentum, which do not count them)
     * @param moments the per-scalar state arrays by name, each with one array per layout block
     *     (momentum: {@code velocity}; Adam: {@code m}, {@code v}, and {@code vMax} for AMSGrad;
     *     SGD: none), in that order
     */
    record State(long steps, java.util.Map<String, double[][]> moments) {
        public State {
            if (steps < 0) {
                throw new InvalidInput(Message.of("problem.training.steps", steps));
            }
            moments = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(moments));
        }
    }

    /**
     * An optimiser with its default hyper-parameters (momentum 0.9; Adam β1 0.9, β2 0.999, ε 1e-8).
     *
     * @param kind which optimiser
     * @param learningRate the step size η, &gt; 0
     * @param layout the layout of the parameters it will update (not modified)
     * @return a fresh optimiser with zero state
     */
    static Optimizer create(OptimizerKind kind, double learningRate, ParamLayout layout) {
        Objects.requireNonNull(kind, "kind");
        return switch (kind) {
            case SGD -> new Sgd(learningRate, layout);
            case MOMENTUM -> new Momentum(learningRate, Momentum.DEFAULT_MOMENTUM, layout);
            case ADAM -> new Adam(learningRate, false, layout);
            case AMSGRAD -> new Adam(learningRate, true, layout);
        };
    }

    /**
     * Rescales a gradient so that its global norm (over all blocks) is at most {@code maxNorm}, as
     * {@code torch.nn.utils.clip_grad_norm_} and {@code tf.clip_by_global_norm} do. A gradient whose
     * norm is not finite is left unchanged.
     *
     * @param grad the gradient (modified when its norm exceeds {@code maxNorm})
     * @param maxNorm the largest allowed norm; {@code <= 0}, infinite or NaN means no clipping
     * @return the norm before clipping
     */
    static double clipByGlobalNorm(Weights grad, double maxNorm) {
        double norm = grad.norm();
        if (maxNorm > 0 && maxNorm < Double.POSITIVE_INFINITY && Double.isFinite(norm) && norm > maxNorm) {
            double scale = maxNorm / norm;
            for (DMatrixRMaj b : grad.blocks()) {
                CommonOps_DDRM.scale(scale, b);
            }
        }
        return norm;
    }

    /** Plain gradient descent: θ ← θ − η g. */
    final class Sgd implements Optimizer {
        private final double lr;
        private final int[] sizes;

        /**
         * @param learningRate η, &gt; 0
         * @param layout the parameters' layout (not modified)
         */
        public Sgd(double learningRate, ParamLayout layout) {
            this.lr = checkRate(learningRate);
            this.sizes = sizes(layout);
        }

        /** {@inheritDoc} */
        @Override
        public void step(Weights params, Weights grad) {
            checkShapes(sizes, params, grad);
            for (int i = 0; i < sizes.length; i++) {
                double[] p = params.block(i).data;
                double[] g = grad.block(i).data;
                for (int j = 0; j < sizes[i]; j++) {
                    p[j] -= lr * g[j];
                }
            }
        }

        /** {@inheritDoc} */
        @Override
        public State exportState() {
            return new State(0, java.util.Map.of());
        }

        /** {@inheritDoc} */
        @Override
        public void importState(State state) {
            load(state, sizes);
        }
    }

    /** Gradient descent with (heavy-ball) momentum, as PyTorch: v ← μ v + g; θ ← θ − η v. */
    final class Momentum implements Optimizer {
        /** The momentum coefficient {@link Optimizer#create} uses. */
        public static final double DEFAULT_MOMENTUM = 0.9;

        private final double lr;
        private final double mu;
        private final int[] sizes;
        private final double[][] velocity;

        /**
         * @param learningRate η, &gt; 0
         * @param momentum μ in [0, 1)
         * @param layout the parameters' layout (not modified)
         */
        public Momentum(double learningRate, double momentum, ParamLayout layout) {
            if (!(momentum >= 0 && momentum < 1)) {
                throw new InvalidInput(Message.of("problem.training.momentum", momentum));
            }
            this.lr = checkRate(learningRate);
            this.mu = momentum;
            this.sizes = sizes(layout);
            this.velocity = state(sizes);
        }

        /** {@inheritDoc} */
        @Override
        public void step(Weights params, Weights grad) {
            checkShapes(sizes, params, grad);
            for (int i = 0; i < sizes.length; i++) {
                double[] p = params.block(i).data;
                double[] g = grad.block(i).data;
                double[] v = velocity[i];
                for (int j = 0; j < sizes[i]; j++) {
                    v[j] = mu * v[j] + g[j];
                    p[j] -= lr * v[j];
                }
            }
        }

        /** {@inheritDoc} */
        @Override
        public State exportState() {
            java.util.Map<String, double[][]> m = new java.util.LinkedHashMap<>();
            m.put("velocity", deepCopy(velocity));
            return new State(0, m);
        }

        /** {@inheritDoc} */
        @Override
        public void importState(State state) {
            load(state, sizes, "velocity", velocity);
        }
    }

    /**
     * Adam (Kingma and Ba) with bias correction, optionally the AMSGrad variant (Reddi et al.), as
     * PyTorch computes it: m ← β1 m + (1−β1) g, v ← β2 v + (1−β2) g², (AMSGrad: v̂ ← max(v̂, v)),
     * θ ← θ − η/(1−β1ᵗ) · m / (√v / √(1−β2ᵗ) + ε).
     */
    final class Adam implements Optimizer {
        /** β1, the decay of the first-moment estimate. */
        public static final double BETA1 = 0.9;
        /** β2, the decay of the second-moment estimate. */
        public static final double BETA2 = 0.999;
        /** ε, added to the denominator. */
        public static final double EPSILON = 1e-8;

        private final double lr;
        private final boolean amsgrad;
        private final int[] sizes;
        private final double[][] m;
        private final double[][] v;
        private final double[][] vMax;
        private long t;

        /**
         * @param learningRate η, &gt; 0
         * @param amsgrad whether to use the running maximum of the second moment (AMSGrad)
         * @param layout the parameters' layout (not modified)
         */
        public Adam(double learningRate, boolean amsgrad, ParamLayout layout) {
            this.lr = checkRate(learningRate);
            this.amsgrad = amsgrad;
            this.sizes = sizes(layout);
            this.m = state(sizes);
            this.v = state(sizes);
            this.vMax = amsgrad ? state(sizes) : null;
        }

        /** {@inheritDoc} */
        @Override
        public void step(Weights params, Weights grad) {
            checkShapes(sizes, params, grad);
            t++;
            double stepSize = lr / (1 - Math.pow(BETA1, t));
            double bc2Sqrt = Math.sqrt(1 - Math.pow(BETA2, t));
            for (int i = 0; i < sizes.length; i++) {
                double[] p = params.block(i).data;
                double[] g = grad.block(i).data;
                double[] mi = m[i];
                double[] vi = v[i];
                double[] mx = amsgrad ? vMax[i] : null;
                for (int j = 0; j < sizes[i]; j++) {
                    double gj = g[j];
                    mi[j] = BETA1 * mi[j] + (1 - BETA1) * gj;
                    vi[j] = BETA2 * vi[j] + (1 - BETA2) * gj * gj;
                    double second = vi[j];
                    if (mx != null) {
                        second = Math.max(mx[j], second);
                        mx[j] = second;
                    }
                    p[j] -= stepSize * mi[j] / (Math.sqrt(second) / bc2Sqrt + EPSILON);
                }
            }
        }

        /** {@inheritDoc} */
        @Override
        public State exportState() {
            java.util.Map<String, double[][]> s = new java.util.LinkedHashMap<>();
            s.put("m", deepCopy(m));
            s.put("v", deepCopy(v));
            if (amsgrad) {
                s.put("vMax", deepCopy(vMax));
            }
            return new State(t, s);
        }

        /** {@inheritDoc} */
        @Override
        public void importState(State state) {
            if (amsgrad) {
                load(state, sizes, "m", m, "v", v, "vMax", vMax);
            } else {
                load(state, sizes, "m", m, "v", v);
            }
            t = state.steps();
        }
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    /**
     * Checks that {@code state} has exactly the named moments (name, target pairs in {@code pairs})
     * with the layout's sizes, then copies them into the targets.
     */
    private static void load(State state, int[] sizes, Object... pairs) {
        java.util.Objects.requireNonNull(state, "state");
        List<String> names = new java.util.ArrayList<>();
        for (int k = 0; k < pairs.length; k += 2) {
            names.add((String) pairs[k]);
        }
        if (!new java.util.ArrayList<>(state.moments().keySet()).equals(names)) {
            throw new InvalidInput(Message.of("problem.training.moments", names, state.moments().keySet()));
        }
        for (int k = 0; k < pairs.length; k += 2) {
            String name = (String) pairs[k];
            double[][] src = state.moments().get(name);
            if (src.length != sizes.length) {
                throw new InvalidInput(Message.of("problem.training.momentBlocks", name, sizes.length, src.length));
            }
            for (int i = 0; i < sizes.length; i++) {
                if (src[i].length != sizes[i]) {
                    throw new InvalidInput(Message.of("problem.training.momentValues", name, i, sizes[i], src[i].length));
                }
            }
        }
        for (int k = 0; k < pairs.length; k += 2) {
            double[][] src = state.moments().get((String) pairs[k]);
            double[][] dst = (double[][]) pairs[k + 1];
            for (int i = 0; i < sizes.length; i++) {
                System.arraycopy(src[i], 0, dst[i], 0, sizes[i]);
            }
        }
    }

    private static double checkRate(double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new InvalidInput(Message.of("problem.training.learningRate", lr));
        }
        return lr;
    }

    private static int[] sizes(ParamLayout layout) {
        List<ParamLayout.Block> blocks = layout.blocks();
        int[] s = new int[blocks.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = blocks.get(i).rows() * blocks.get(i).cols();
        }
        return s;
    }

    private static double[][] state(int[] sizes) {
        double[][] s = new double[sizes.length][];
        for (int i = 0; i < sizes.length; i++) {
            s[i] = new double[sizes[i]];
        }
        return s;
    }

    private static void checkShapes(int[] sizes, Weights params, Weights grad) {
        List<DMatrixRMaj> p = params.blocks();
        List<DMatrixRMaj> g = grad.blocks();
        boolean ok = p.size() == sizes.length && g.size() == sizes.length;
        for (int i = 0; ok && i < sizes.length; i++) {
            ok = p.get(i).getNumElements() == sizes[i] && g.get(i).getNumElements() == sizes[i];
        }
        if (!ok) {
            throw new InvalidInput(Message.of("problem.training.layout"));
        }
    }
}
