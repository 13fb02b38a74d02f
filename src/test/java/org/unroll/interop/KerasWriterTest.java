package org.unroll.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.unroll.engine.Case;
import org.unroll.engine.CaseFile;
import org.unroll.engine.ModelConfig;
import org.unroll.engine.ParamSpec;
import org.unroll.engine.Quantity;
import org.unroll.engine.Trace;
import org.unroll.engine.Weights;

/**
 * Export back: a case's weights as a Keras .h5; import → export → import is exact; the arrays in
 * the file, run through Keras's equations (the reader test's independent forward pass, read from the
 * file with jhdf, not through the reader), give the engine's forward values of the case.
 */
class KerasWriterTest {

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        return Stream.of("rnn-relu-sparse-targets.json", "rnn-tanh-many-to-one.json", "lstm-many-to-many.json",
                "lstm-hard-sigmoid-gates.json", "lstm-xent-sigmoid.json", "gru-reset-before-mse.json",
                "gru-reset-after-xent-softmax-many-to-one.json", "gru-hard-sigmoid-gates.json").map(Arguments::of);
    }

    static Case reference(String name) throws Exception {
        return CaseFile.read(Path.of(KerasWriterTest.class.getResource("/cases/" + name).toURI()));
    }

    @ParameterizedTest(name = "{0}: export, then import, is exact and computes as Keras")
    @MethodSource("cases")
    void roundTripIsExactAndTheFileIsKerasLayout(String name) throws Exception {
        Case c = reference(name);
        Path file = dir.resolve("w.h5");
        KerasWriter.write(c.config(), c.weights(), file);
        Imported im = Importers.read(file, ImportOptions.defaults());
        assertEquals(c.config(), im.config());
        assertExact(c.weights(), im.weights());
        // import → export → import again: still exact
        Path again = dir.resolve("again.h5");
        KerasWriter.write(im.config(), im.weights(), again);
        assertExact(c.weights(), Importers.read(again, ImportOptions.defaults()).weights());

        // the file's own arrays, through Keras's equations, give the case's forward values
        ModelConfig cfg = c.config();
        Map<String, double[][]> rnn = arrays(file, KerasWriter.layerName(cfg.cell()));
        Map<String, double[][]> dense = arrays(file, "dense");
        Trace t = c.compute();
        double[][] x = c.sequence().inputs();
        double[][] hs = KerasReaderTest.kerasForward(cfg.cell(), new ObjectMapper().createObjectNode()
                .put("activation", cfg.activation().key()), rnn, x,
                cfg.gateActivation() == org.unroll.engine.GateActivation.HARD_SIGMOID, cfg.resetAfter(),
                c.sequence().h0(), c.sequence().c0());
        for (int s = 1; s <= x.length; s++) {
            assertArrayEquals(t.forward(Quantity.H, s), hs[s - 1], 1e-12, "h(" + s + ")");
            if (cfg.outputActivation() != org.unroll.engine.OutputActivation.SOFTMAX) {
                assertArrayEquals(t.forward(Quantity.Y, s), KerasReaderTest.dense(dense, hs[s - 1],
                        cfg.outputActivation().key()), 1e-12, "y(" + s + ")");
            }
        }
    }

    @Test
    void peepholesAreRefused() throws Exception {
        Case c = reference("lstm-peephole-nonzero-state-sparse.json");
        ImportException e = assertThrows(ImportException.class,
                () -> KerasWriter.write(c.config(), c.weights(), dir.resolve("p.h5")));
        assertEquals("Keras's LSTM has no peepholes: a peephole LSTM cannot be written as Keras weights", e.getMessage());
        assertTrue(!Files.exists(dir.resolve("p.h5")));
    }

    @Test
    void thePythonBuildsTheMatchingModel() throws Exception {
        Case c = reference("gru-reset-after-xent-softmax-many-to-one.json");
        String py = KerasWriter.python(c.config(), "w.h5");
        assertEquals(List.of("m = keras.Sequential([keras.Input((None, " + c.config().inputSize() + ")),"
                        + " keras.layers.GRU(" + c.config().hiddenSize() + ", activation=\"tanh\","
                        + " recurrent_activation=\"sigmoid\", reset_after=True, return_sequences=True),"
                        + " keras.layers.Dense(" + c.config().outputSize() + ", activation=\"softmax\")])",
                "m.load_weights(\"w.h5\")"), py.lines().toList());
    }

    /** The real files: import → export → import is exact for every one that imports. */
    @ParameterizedTest(name = "{0} --layer {1}: import, export, import is exact")
    @MethodSource("org.unroll.interop.KerasReaderTest#imported")
    void realFilesRoundTrip(String file, Integer layer) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(KerasReaderTest.DIR), "../shared/models/keras is absent");
        Imported im = Importers.read(KerasReaderTest.DIR.resolve(file), ImportOptions.defaults().withLayer(layer));
        Path out = dir.resolve("x.h5");
        KerasWriter.write(im.config(), im.weights(), out);
        Imported back = Importers.read(out, ImportOptions.defaults());
        assertEquals(im.config(), back.config());
        assertExact(im.weights(), back.weights());
    }

    static void assertExact(Weights expected, Weights actual) {
        for (ParamSpec p : expected.layout().params()) {
            assertTrue(java.util.Arrays.deepEquals(expected.get(p.name()), actual.get(p.name())), p.name());
        }
    }

    /** A layer's datasets in the written file, by role (a vector as one row). */
    private static Map<String, double[][]> arrays(Path file, String layer) throws Exception {
        Map<String, double[][]> out = new HashMap<>();
        try (HdfFile h5 = new HdfFile(file)) {
            for (String role : List.of("kernel", "recurrent_kernel", "bias")) {
                var node = h5.getByPath("model_weights/" + layer + "/" + layer);
                if (((io.jhdf.api.Group) node).getChild(role + ":0") instanceof io.jhdf.api.Dataset ds) {
                    Object d = ds.getData();
                    out.put(role, d instanceof double[] v ? new double[][] {v} : (double[][]) d);
                }
            }
        }
        return out;
    }

    /** Refusals on files written here (so that they run without ../shared): the model_config changed. */
    @Test
    void refusalsOnFilesWrittenHere() throws Exception {
        Case lstm = reference("lstm-hard-sigmoid-gates.json");
        String base = KerasWriter.modelConfig(lstm.config());
        assertEquals("the LSTM's gate activation is Keras 3.4.1's hard_sigmoid, relu6(x + 3)/6, not Keras 2's"
                + " clip(0.2x + 0.5, 0, 1) that a case holds", refusal(lstm, base, "3.4.1"));
        assertEquals("the LSTM (lstm) has go_backwards=True: it reads the sequence backwards, which a case cannot"
                + " hold", refusal(lstm, base.replace("\"units\"", "\"go_backwards\":true,\"units\""), "2.15.0"));
        assertEquals("a Bidirectional layer (bi) reads the sequence both ways, which a case cannot hold",
                refusal(lstm, base.replace("{\"class_name\":\"LSTM\"",
                        "{\"class_name\":\"Bidirectional\",\"config\":{\"name\":\"bi\"}},{\"class_name\":\"LSTM\""),
                        "2.15.0"));
        assertEquals("the Dense layer's activation relu is not one a case's output layer holds (linear, sigmoid,"
                + " softmax)", refusal(lstm, base.replace("\"activation\":\"linear\"", "\"activation\":\"relu\""),
                "2.15.0"));
        assertEquals("w.h5 was saved by Keras 1.2.2, whose separate per-gate weights are not read here: load it in"
                + " Keras 2 and save it again", refusal(lstm, base, "1.2.2"));
        // Keras 2's hard_sigmoid is the case's
        Path ok = dir.resolve("ok.h5");
        KerasWriter.write(lstm.config(), lstm.weights(), ok, base, "2.2.4");
        assertEquals(org.unroll.engine.GateActivation.HARD_SIGMOID,
                Importers.read(ok, ImportOptions.defaults()).config().gateActivation());
    }

    private String refusal(Case c, String modelConfig, String version) throws Exception {
        Path f = dir.resolve("w.h5");
        KerasWriter.write(c.config(), c.weights(), f, modelConfig, version);
        return assertThrows(ImportException.class, () -> Importers.read(f, ImportOptions.defaults())).getMessage();
    }
}
