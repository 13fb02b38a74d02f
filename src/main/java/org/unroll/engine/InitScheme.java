package org.unroll.engine;

import java.util.Locale;

/**
 * How {@link Initializer} draws a network's first weights. Every scheme is seeded and reproducible
 * bit for bit; biases start at zero (the LSTM forget-gate bias at the configured value) in all of
 * them. ADR 0023 records where each scheme comes from.
 */
public enum InitScheme {
    /**
     * The engine's scheme since the start, per gate matrix: input weights Glorot uniform with fans
     * I + H, each recurrent matrix orthogonal by itself, output weights Glorot uniform. The default:
     * existing settings train bit for bit as before.
     */
    GLOROT_UNIFORM("glorot_uniform"),
    /**
     * The first edition's Keras scripts ({@code kernel_initializer=weight_variable}, that is
     * {@code np.random.normal(scale=.01)}, on the recurrent layer and on the Dense layer; the
     * recurrent kernel keeps Keras's default, orthogonal): input and output weights N(0, 0.01²),
     * plain (not truncated) normal; the recurrent matrices of all gates stacked (G·H × H) orthogonal
     * as one, as Keras initialises its fused recurrent kernel.
     */
    NORMAL("normal"),
    /**
     * The second edition's scripts ({@code kernel_initializer='glorot_normal'},
     * {@code recurrent_initializer='orthogonal'}; PyTorch: {@code xavier_normal_} and
     * {@code orthogonal_}): input weights Glorot normal over the fused kernel, fans I + G·H, drawn
     * as Keras's {@code GlorotNormal} (a normal truncated at two standard deviations, rescaled so
     * that the standard deviation is √(2/(I + G·H))); the recurrent matrices stacked orthogonal as
     * one; the output weights Keras's Dense default, Glorot uniform with fans H + O.
     */
    GLOROT_NORMAL("glorot_normal");

    private final String key;

    InitScheme(String key) {
        this.key = key;
    }

    /** The key on the command line ({@code glorot_uniform}, {@code normal}, {@code glorot_normal}). */
    public String key() {
        return key;
    }

    /**
     * Parses a key, ignoring case.
     *
     * @param key the key (not null)
     * @return the scheme, or null when the key is unknown
     */
    public static InitScheme fromKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        for (InitScheme s : values()) {
            if (s.key.equals(k)) {
                return s;
            }
        }
        return null;
    }
}
