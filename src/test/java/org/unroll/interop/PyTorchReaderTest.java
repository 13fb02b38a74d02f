package org.unroll.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.unroll.engine.Activation;
import org.unroll.engine.Case;
import org.unroll.engine.CellType;
import org.unroll.engine.Message;
import org.unroll.engine.Quantity;
import org.unroll.engine.Trace;

/**
 * Each model saved by torch (make_fixtures.py) in each container, imported and run through the
 * engine: the per-step h (and c), the outputs, the loss and every parameter's gradient agree with
 * what torch computed, loss.backward() included, to the spec's tolerance.
 */
class PyTorchReaderTest {

    static Stream<Arguments> files() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (String m : new String[] {"rnn", "rnn-relu", "book-lstm", "gru", "gru-double", "lstm-half"}) {
            for (String f : new String[] {".pt", "-legacy.pt", ".npz", ".safetensors"}) {
                b.add(Arguments.of(m, m + f));
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("files")
    void agreesWithTorch(String model, String file) throws Exception {
        ImportOptions opt = ImportOptions.defaults();
        if (model.equals("rnn-relu")) {
            opt = opt.withActivation(Activation.RELU);
        }
        Imported im = Importers.read(TorchFixtures.file(file), opt);
        assertEquals("PyTorch", im.framework());
        JsonNode ref = TorchFixtures.reference(model);
        Case c = TorchFixtures.kase(im, ref);
        Trace tr = c.compute();
        compare("h", TorchFixtures.matrix(ref.get("h")), tr.forward(Quantity.H));
        compare("y", TorchFixtures.matrix(ref.get("y")), tr.forward(Quantity.Y));
        if (ref.has("c")) {
            compare("c", TorchFixtures.matrix(ref.get("c")), tr.forward(Quantity.C));
        }
        assertTrue(TorchFixtures.agrees(tr.loss(), ref.get("loss").asDouble()), "loss " + tr.loss());
        // every torch parameter's gradient is the engine's gradient of what it was mapped to
        for (Iterator<Map.Entry<String, JsonNode>> it = ref.get("grads").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            compare("grad " + e.getKey(), TorchFixtures.matrix(e.getValue()), torchGrad(tr, im, e.getKey()));
        }
    }

    /** The engine's gradient in the shape of a torch parameter (bias_ih and bias_hh: both b's gradient). */
    static double[][] torchGrad(Trace tr, Imported im, String key) {
        CellType cell = im.config().cell();
        int h = im.config().hiddenSize();
        String name = key.substring(key.lastIndexOf('.') + 1);
        if (name.equals("weight") || name.equals("bias")) {
            return tr.grad(name.equals("weight") ? "Wy" : "by");
        }
        String[] gates = switch (cell) {
            case RNN -> new String[] {""};
            case LSTM -> new String[] {"_i", "_f", "_a", "_o"};
            case GRU -> new String[] {"_r", "_z", "_a"};
        };
        String kind = name.substring(0, name.indexOf("_l"));
        double[][] out = new double[gates.length * h][];
        for (int k = 0; k < gates.length; k++) {
            String p = switch (kind) {
                case "weight_ih" -> "Wx" + gates[k];
                case "weight_hh" -> "Wh" + gates[k];
                case "bias_ih" -> "b" + gates[k];
                case "bias_hh" -> cell == CellType.GRU && k == 2 ? "bh_a" : "b" + gates[k];
                default -> throw new IllegalArgumentException(key);
            };
            double[][] g = tr.grad(p);
            for (int j = 0; j < h; j++) {
                out[k * h + j] = g[j];
            }
        }
        return out;
    }

    static void compare(String what, double[][] expected, double[][] actual) {
        assertEquals(expected.length, actual.length, what + ": rows");
        for (int r = 0; r < expected.length; r++) {
            assertEquals(expected[r].length, actual[r].length, what + ": row " + r);
            for (int c = 0; c < expected[r].length; c++) {
                if (!TorchFixtures.agrees(actual[r][c], expected[r][c])) {
                    fail(what + "[" + r + "][" + c + "]: engine " + actual[r][c] + ", torch " + expected[r][c]);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void saysWhatItFoundAndHow(String model, String file) throws Exception {
        Imported im = Importers.read(TorchFixtures.file(file), ImportOptions.defaults());
        assertNull(im.version());
        assertTrue(im.notes().stream().map(Message::english).anyMatch(n -> n.contains("summed")), im.notes().toString());
        assertTrue(im.mapping().stream().map(Message::english).anyMatch(m -> m.startsWith("Wx")), im.mapping().toString());
        assertEquals(model.startsWith("gru"), im.config().resetAfter());
    }
}
