package org.unroll.schedule;

import java.util.function.IntPredicate;
import org.unroll.engine.Batch;
import org.unroll.engine.Bptt;
import org.unroll.engine.Quantity;
import org.unroll.engine.Sequence;
import org.unroll.engine.Trace;
import org.unroll.engine.Weights;
import org.unroll.engine.WindowErrors;
import org.unroll.graph.Node;
import org.unroll.graph.NodeKind;

/**
 * Backpropagation through a range of steps [lo, hi]: the errors of one truncated-BPTT window
 * (∂E_s/∂· for the loss term s, through steps s, s-1, …, s-k+1), which the trace does not keep.
 * Not a second copy of the equations: the engine runs the trace's sequence forward once with the
 * same weights and then its cells' own backward steps over the range ({@link Bptt#backwardWindow}).
 * With the range 1..T and every output error injected it reproduces full BPTT (the tests check
 * both). Thread-safe: runs are serialised on the one engine.
 */
final class WindowBackward {

    private final Bptt engine;
    private final Weights weights;

    /**
     * @param trace a trace with a backward pass (not modified)
     * @param w the weights of the forward pass (not modified)
     */
    WindowBackward(Trace trace, Weights w) {
        this.engine = new Bptt(trace.config(), trace.lossKind());
        this.weights = w;
        int steps = trace.length();
        double[][] x = new double[steps][];
        double[][] y = new double[steps][];
        for (int t = 1; t <= steps; t++) {
            x[t - 1] = trace.input(t);
            y[t - 1] = trace.target(t);
        }
        engine.forward(w, Batch.of(new Sequence(x, y, trace.h0(), trace.c0())));
    }

    /** The errors of one backward run. */
    static final class Result {
        private final WindowErrors errors;

        Result(WindowErrors errors) {
            this.errors = errors;
        }

        /**
         * A node's error in this run, or null if outside it ({@code dq} is not recomputed: it is
         * the trace's).
         */
        double[] get(Node n) {
            String k = n.deltaKey();
            if (k == null) {
                return null;
            }
            if (n.kind() == NodeKind.INITIAL_STATE) {
                double[] b = k.equals("dc0") ? errors.boundaryC() : errors.boundaryH();
                return errors.lo() == 1 ? b : null;
            }
            return errors.get(Quantity.fromKey(k), n.step());
        }
    }

    /**
     * Runs backward from step {@code hi} down to {@code lo}.
     *
     * @param lo first step (≥ 1)
     * @param hi last step (≤ T)
     * @param inject the steps whose output error e_o(t) enters (all for full BPTT, only s for
     *               the window of E_s)
     */
    synchronized Result run(int lo, int hi, IntPredicate inject) {
        return new Result(engine.backwardWindow(weights, lo, hi, inject));
    }
}
