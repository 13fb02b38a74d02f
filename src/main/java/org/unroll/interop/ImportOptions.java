package org.unroll.interop;

import org.unroll.engine.Activation;
import org.unroll.engine.OutputActivation;

/**
 * What the user chose for an import.
 *
 * @param layer for a model with several recurrent layers, the one to import (0-based), or null
 *              (then such a model is refused with the offer of {@code --layer N})
 * @param forgetBias TensorFlow 1.x {@code BasicLSTMCell}/{@code LSTMCell}: the {@code forget_bias}
 *                   added to the stored forget-gate bias on import (TensorFlow's default 1.0)
 * @param activation what a file cannot say: a PyTorch {@code nn.RNN}'s nonlinearity (a state dict
 *                   does not record it); null for tanh, PyTorch's default
 * @param outputActivation what a file cannot say: the activation after a PyTorch {@code nn.Linear}
 *                         or a TensorFlow 1.x dense output layer; null for linear
 */
public record ImportOptions(Integer layer, double forgetBias, Activation activation,
                            OutputActivation outputActivation) {

    /** A layer and a forget bias, the rest as the file says or the defaults. */
    public ImportOptions(Integer layer, double forgetBias) {
        this(layer, forgetBias, null, null);
    }

    /** No layer chosen, TensorFlow's default forget bias. */
    public static ImportOptions defaults() {
        return new ImportOptions(null, 1.0);
    }

    public ImportOptions withLayer(Integer l) {
        return new ImportOptions(l, forgetBias, activation, outputActivation);
    }

    public ImportOptions withForgetBias(double f) {
        return new ImportOptions(layer, f, activation, outputActivation);
    }

    public ImportOptions withActivation(Activation a) {
        return new ImportOptions(layer, forgetBias, a, outputActivation);
    }

    public ImportOptions withOutputActivation(OutputActivation g) {
        return new ImportOptions(layer, forgetBias, activation, g);
    }
}
