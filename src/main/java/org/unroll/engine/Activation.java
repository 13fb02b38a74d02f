package org.unroll.engine;

/**
 * The squashing function {@code f} of the simple RNN, and the candidate and cell-output squash of
 * LSTM and GRU. The gates are squashed by {@link GateActivation}.
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
            case TANH -> tanh(x);
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

    /**
     * tanh(x) within a relative 6.7e-16 of {@link Math#tanh} (the largest error measured over
     * 2·10⁷ samples; up to 5 ulp), 2.5× faster: one intrinsic {@link Math#exp} instead of fdlibm's tanh. Below
     * |x| = 1/16 a Taylor polynomial avoids the cancellation in (1 − e)/(1 + e). Both are computed
     * and one is chosen without a jump (ADR 0022: a gate's values near 0 made the branch miss
     * often), and beyond |x| = 20 the quotient is 1 exactly, so the result is the same, bit for bit,
     * as taking one branch.
     */
    public static double tanh(double x) {
        double ax = Math.abs(x);
        double e = Math.exp(-2 * Math.min(ax, 20.0));
        double big = (1 - e) / (1 + e);
        double x2 = x * x;
        double small = ax * (1 + x2 * (-1.0 / 3 + x2 * (2.0 / 15 + x2 * (-17.0 / 315 + x2 * (62.0 / 2835
                + x2 * (-1382.0 / 155925))))));
        return Math.copySign(ax < 0.0625 ? small : big, x);
    }

    /** The branching form {@link #tanh} replaced; kept to test that both give the same bits. */
    static double tanhBranching(double x) {
        double ax = Math.abs(x);
        if (ax < 0.0625) {
            double x2 = x * x;
            return x * (1 + x2 * (-1.0 / 3 + x2 * (2.0 / 15 + x2 * (-17.0 / 315 + x2 * (62.0 / 2835
                    + x2 * (-1382.0 / 155925))))));
        }
        if (ax > 20) {
            return Math.copySign(1.0, x);
        }
        double e = Math.exp(-2 * ax);
        double r = (1 - e) / (1 + e);
        return x < 0 ? -r : r;
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
