package org.unroll.engine;

/** The losses of the case format: mean squared error, half sum of squares, cross-entropy. */
public enum LossKind {
    MSE("mse"), SSE("sse"), XENT("xent");

    private final String key;

    LossKind(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static LossKind fromKey(String key) {
        for (LossKind l : values()) {
            if (l.key.equals(key)) {
                return l;
            }
        }
        return null;
    }
}
