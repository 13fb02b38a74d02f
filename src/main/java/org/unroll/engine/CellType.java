package org.unroll.engine;

/** The three recurrent cells of chapter 5: simple RNN, LSTM and GRU. */
public enum CellType {
    RNN("rnn", 1), LSTM("lstm", 4), GRU("gru", 3);

    private final String key;
    private final int gates;

    CellType(String key, int gates) {
        this.key = key;
        this.gates = gates;
    }

    /** The key used in case files ({@code rnn}, {@code lstm}, {@code gru}). */
    public String key() {
        return key;
    }

    /** How many H-wide pre-activation blocks one step computes (1, 4 or 3). */
    public int gateCount() {
        return gates;
    }

    /** The gate names of the fused pre-activation, in block order. */
    public java.util.List<String> gateNames() {
        return switch (this) {
            case RNN -> java.util.List.of();
            case LSTM -> java.util.List.of("i", "f", "o", "a");
            case GRU -> java.util.List.of("r", "z", "a");
        };
    }

    /** Parses a case-file key; returns null when the key is unknown. */
    public static CellType fromKey(String key) {
        for (CellType c : values()) {
            if (c.key.equals(key)) {
                return c;
            }
        }
        return null;
    }
}
