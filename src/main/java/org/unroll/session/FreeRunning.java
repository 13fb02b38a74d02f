package org.unroll.session;

import org.unroll.engine.Quantity;
import java.util.Arrays;
import java.util.Objects;
import org.unroll.engine.Batch;
import org.unroll.engine.Bptt;
import org.unroll.engine.LossKind;
import org.unroll.engine.ModelConfig;
import org.unroll.engine.Sequence;
import org.unroll.engine.Weights;

/**
 * The book's free-running continuation of the sine task: after a seed series, the network is fed
 * its own outputs. Each new value is the output y(T) at the last step of a forward pass over the
 * window that ends with the values so far (seed values, then predictions), starting from zero
 * states.
 */
public final class FreeRunning {

    private FreeRunning() {
    }

    /**
     * Continues a one-dimensional series on growing windows: step k runs {@link Bptt#forward} over the
     * whole series so far (the seed followed by the k predictions before it) and appends y(T).
     *
     * @param weights the trained weights (not modified)
     * @param config the network's shape: one input and one output
     * @param seed the seed series, at least one value (not modified)
     * @param steps how many values to predict, at least 0
     * @return a new array of {@code steps} predictions
     * @throws IllegalArgumentException if the shapes do not fit
     */
    public static double[] continueSine(Weights weights, ModelConfig config, double[] seed, int steps) {
        return continueSine(weights, config, seed, steps, 0);
    }

    /**
     * Continues a one-dimensional series, as the book does for its sine.
     *
     * @param weights the trained weights (not modified)
     * @param config the network's shape: one input and one output, the same as {@code weights.config()}
     * @param seed the seed series, at least one value (not modified)
     * @param steps how many values to predict, at least 0
     * @param window the length of the sliding window fed to the network (the training window T, say
     *     25 for the sine task), or 0 for growing windows over the whole series so far
     * @return a new array of {@code steps} predictions
     * @throws IllegalArgumentException if the shapes do not fit or an argument is out of range
     */
    public static double[] continueSine(Weights weights, ModelConfig config, double[] seed, int steps, int window) {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(seed, "seed");
        if (config.inputSize() != 1 || config.outputSize() != 1) {
            throw new IllegalArgumentException("free running needs one input and one output, got "
                    + config.inputSize() + " and " + config.outputSize());
        }
        if (!config.equals(weights.config())) {
            throw new IllegalArgumentException("the weights are for another network");
        }
        if (seed.length == 0 || steps < 0 || window < 0) {
            throw new IllegalArgumentException("need a non-empty seed, steps >= 0 and window >= 0");
        }
        double[] series = Arrays.copyOf(seed, seed.length + steps);
        Bptt bptt = new Bptt(config, LossKind.MSE);
        int h = config.hiddenSize();
        for (int k = 0; k < steps; k++) {
            int end = seed.length + k;
            int from = window == 0 ? 0 : Math.max(0, end - window);
            int len = end - from;
            double[][] in = new double[len][];
            for (int t = 0; t < len; t++) {
                in[t] = new double[] {series[from + t]};
            }
            double[][] targets = new double[len][];
            targets[len - 1] = new double[1]; // only to give the batch an output size; the loss is ignored
            bptt.forward(weights, Batch.of(Sequence.of(in, targets, h)));
            series[end] = bptt.trace(0).forward(Quantity.Y, len)[0];
        }
        return Arrays.copyOfRange(series, seed.length, series.length);
    }
}
