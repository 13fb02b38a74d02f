package org.unroll.engine;

import java.util.Locale;

/** The optimisers {@link Optimizer#create} can build. */
public enum OptimizerKind {
    SGD("sgd"), MOMENTUM("momentum"), ADAM("adam"), AMSGRAD("amsgrad");

    private final String key;

    OptimizerKind(String key) {
        this.key = key;
    }

    /** The key used in files and on the command line ({@code sgd}, {@code momentum}, {@code adam}, {@code amsgrad}). */
    public String key() {
        return key;
    }

    /**
     * Parses a key, ignoring case.
     *
     * @param key the key (not null)
     * @return the optimiser kind, or null when the key is unknown
     */
    public static OptimizerKind fromKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        for (OptimizerKind o : values()) {
            if (o.key.equals(k)) {
                return o;
            }
        }
        return null;
    }
}
