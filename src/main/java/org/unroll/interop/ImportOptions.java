package org.unroll.interop;

/**
 * What the user chose for an import.
 *
 * @param layer for a model with several recurrent layers, the one to import (0-based), or null
 *              (then such a model is refused with the offer of {@code --layer N})
 * @param forgetBias TensorFlow 1.x {@code BasicLSTMCell}/{@code LSTMCell}: the {@code forget_bias}
 *                   added to the stored forget-gate bias on import (TensorFlow's default 1.0)
 */
public record ImportOptions(Integer layer, double forgetBias) {

    /** No layer chosen, TensorFlow's default forget bias. */
    public static ImportOptions defaults() {
        return new ImportOptions(null, 1.0);
    }

    public ImportOptions withLayer(Integer l) {
        return new ImportOptions(l, forgetBias);
    }

    public ImportOptions withForgetBias(double f) {
        return new ImportOptions(layer, f);
    }
}
