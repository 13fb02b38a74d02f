package org.unroll.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.unroll.engine.Message;
import org.unroll.engine.Quantity;
import org.unroll.engine.Trace;

/**
 * TensorFlow 1.x BasicLSTMCell weights (kernel [I+H, 4H], bias, gates i, j, f, o) in an .npz with
 * the checkpoint's names, against TensorFlow's documented equations computed by numpy
 * (make_fixtures.py), forget_bias 1.0 added on import.
 */
class Tf1ReaderTest {

    @Test
    void agreesWithTensorFlowsEquations() throws Exception {
        Imported im = Importers.read(TorchFixtures.file("tf1-lstm.npz"), ImportOptions.defaults());
        assertEquals("TensorFlow 1.x", im.framework());
        assertEquals(2, im.config().inputSize());
        assertEquals(3, im.config().hiddenSize());
        assertEquals(1, im.config().outputSize());
        JsonNode ref = TorchFixtures.reference("tf1-lstm");
        Trace tr = TorchFixtures.kase(im, ref).compute();
        PyTorchReaderTest.compare("h", TorchFixtures.matrix(ref.get("h")), tr.forward(Quantity.H));
        PyTorchReaderTest.compare("c", TorchFixtures.matrix(ref.get("c")), tr.forward(Quantity.C));
        PyTorchReaderTest.compare("y", TorchFixtures.matrix(ref.get("y")), tr.forward(Quantity.Y));
        assertTrue(TorchFixtures.agrees(tr.loss(), ref.get("loss").asDouble()));
        assertTrue(im.notes().stream().map(Message::english).anyMatch(n -> n.contains("forget_bias")), im.notes().toString());
        assertTrue(im.mapping().stream().map(Message::english)
                .anyMatch(m -> m.startsWith("b_f ←") && m.contains("+ forget_bias 1.0")));
    }

    @Test
    void theForgetBiasIsAddedToTheStoredOne() throws Exception {
        Imported one = Importers.read(TorchFixtures.file("tf1-lstm.npz"), ImportOptions.defaults());
        Imported zero = Importers.read(TorchFixtures.file("tf1-lstm.npz"), ImportOptions.defaults().withForgetBias(0));
        double[] a = one.weights().getVector("b_f");
        double[] b = zero.weights().getVector("b_f");
        for (int j = 0; j < a.length; j++) {
            assertEquals(b[j] + 1.0, a[j], 0.0);
        }
        assertEquals(zero.weights().getVector("b_i")[0], one.weights().getVector("b_i")[0], 0.0);
    }
}
