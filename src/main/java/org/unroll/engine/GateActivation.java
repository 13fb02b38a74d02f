package org.unroll.engine;

/**
 * The squash of the gates — the LSTM's {@code i f o} and the GRU's {@code r z} — called
 * {@code gate} in the case format. {@code sigmoid} is the logistic sigmoid; {@code hard_sigmoid}
 * is {@code clip(0.2·x + 0.5, 0, 1)}, the gate function of Keras 1.x/2.x (and of the book's
 * first-edition Keras code), not the {@code x/6 + 1/2} of Keras 3 and PyTorch's Hardsigmoid.
 */
public enum GateActivation {
    SIGMOID("sigmoid"), HARD_SIGMOID("hard_sigmoid");

    private final String key;

    GateActivation(String key) {
        this.key = key;
    }

    /** The case-file key ({@code sigmoid}, {@code hard_sigmoid}). */
    public String key() {
        return key;
    }

    /** The function's symbol in the displayed equations: σ, or σ_hard for the hard sigmoid. */
    public String latex() {
        return this == SIGMOID ? "\\sigma" : "\\sigma_{\\mathrm{hard}}";
    }

    /** gate(x). */
    public double apply(double x) {
        if (this == SIGMOID) {
            return Activation.sigmoid(x);
        }
        double v = 0.2 * x + 0.5;
        return v <= 0 ? 0.0 : v >= 1 ? 1.0 : v;
    }

    /**
     * gate'(x) given the argument {@code x} and the value {@code y = gate(x)}: {@code y(1 − y)}
     * for the sigmoid; 0.2 for {@code −2.5 < x < 2.5} and 0 elsewhere (so 0 at ±2.5, as the case
     * format says) for the hard sigmoid.
     */
    public double derivative(double x, double y) {
        if (this == SIGMOID) {
            return y * (1.0 - y);
        }
        return x > -2.5 && x < 2.5 ? 0.2 : 0.0;
    }

    /** Parses a case-file key; returns null when unknown. */
    public static GateActivation fromKey(String key) {
        for (GateActivation g : values()) {
            if (g.key.equals(key)) {
                return g;
            }
        }
        return null;
    }
}
