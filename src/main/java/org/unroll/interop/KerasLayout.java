package org.unroll.interop;

import java.util.List;
import org.unroll.engine.CellType;

/**
 * Where Keras keeps each of the engine's gates in its fused arrays: {@code kernel (I, kH)},
 * {@code recurrent_kernel (H, kH)} and {@code bias (kH)} (a reset-after GRU: {@code (2, 3H)}, the
 * input bias then the recurrent one), column blocks {@code i, f, c, o} (LSTM) and {@code z, r, h}
 * (GRU). The one table the reader and the writer share.
 */
final class KerasLayout {

    /** One of the engine's gates and the Keras block that holds it. */
    record Gate(String engine, String keras, int block) {

        /** The case-file parameter name with this gate's suffix ("Wx" → "Wx_i"; none for the simple RNN). */
        String param(String prefix) {
            return engine.isEmpty() ? prefix : prefix + "_" + engine;
        }
    }

    private static final List<Gate> RNN = List.of(new Gate("", "", 0));
    private static final List<Gate> LSTM = List.of(new Gate("i", "i", 0), new Gate("f", "f", 1),
            new Gate("o", "o", 3), new Gate("a", "c", 2));
    private static final List<Gate> GRU = List.of(new Gate("r", "r", 1), new Gate("z", "z", 0),
            new Gate("a", "h", 2));

    private KerasLayout() {
    }

    /** The engine's gates in the engine's order, each with its Keras block. */
    static List<Gate> gates(CellType cell) {
        return switch (cell) {
            case RNN -> RNN;
            case LSTM -> LSTM;
            case GRU -> GRU;
        };
    }

    /** Keras's layer class for a cell. */
    static String className(CellType cell) {
        return switch (cell) {
            case RNN -> "SimpleRNN";
            case LSTM -> "LSTM";
            case GRU -> "GRU";
        };
    }

    /** Keras's block names in Keras's order ("i, f, c, o"). */
    static String kerasOrder(CellType cell) {
        return switch (cell) {
            case RNN -> "";
            case LSTM -> "i, f, c, o";
            case GRU -> "z, r, h";
        };
    }
}
