package org.unroll.engine;

/** The output layer's function g in {@code y(t) = g(q(t))}. */
public enum OutputActivation {
    LINEAR("linear"), SIGMOID("sigmoid"), SOFTMAX("softmax");

    private final String key;

    OutputActivation(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static OutputActivation fromKey(String key) {
        for (OutputActivation a : values()) {
            if (a.key.equals(key)) {
                return a;
            }
        }
        return null;
    }
}
