package org.unroll.engine;

/**
 * The squashing function {@code f} of the simple RNN, and the candidate and cell-output squash of
 * LSTM and GRU. Gates always use the logistic sigmoid.
 */
public enum Activation {
    TANH("tanh"), SIGMOID("sigmoid"), RELU("relu"), LINEAR("linear");

    private final String key;

    Activation(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** f(x). */
    public double apply(double x) {
        return switch (this) {
            case TANH -> Math.tanh(x);
            case SIGMOID -> sigmoid(x);
            case RELU -> x > 0 ? x : 0.0;
            case LINEAR -> x;
        };
    }

    /**
     * f'(x), given both the argument {@code x} and the value {@code y = f(x)} (whichever is cheaper
     * is used). relu'(0) = 0, as the case format says.
     */
    public double derivative(double x, double y) {
        return switch (this) {
            case TANH -> 1.0 - y * y;
            case SIGMOID -> y * (1.0 - y);
            case RELU -> x > 0 ? 1.0 : 0.0;
            case LINEAR -> 1.0;
        };
    }

    /** The logistic sigmoid 1 / (1 + e^-x). */
    public static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    /** Parses a case-file key; returns null when unknown. */
    public static Activation fromKey(String key) {
        for (Activation a : values()) {
            if (a.key.equals(key)) {
                return a;
            }
        }
        return null;
    }
}
