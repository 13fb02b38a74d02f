package org.unroll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unroll.engine.Case;
import org.unroll.engine.CaseFile;
import org.unroll.engine.ParamSpec;
import org.unroll.interop.ImportOptions;
import org.unroll.interop.Imported;
import org.unroll.interop.Importers;

/** {@code export --format keras}: the case's weights as a Keras .h5, and the Python that loads them. */
class KerasExportCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesTheWeightsAndPrintsThePython() throws Exception {
        Path kase = CliTest.resource("lstm-many-to-many.json");
        Path out = dir.resolve("lstm.h5");
        CliTest.Run r = CliTest.run("export", "--case", kase.toString(), "--format", "keras", "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("m.load_weights(\"lstm.h5\")"), r.out());
        Case c = CaseFile.read(kase);
        Imported im = Importers.read(out, ImportOptions.defaults());
        assertEquals(c.config(), im.config());
        for (ParamSpec p : c.weights().layout().params()) {
            assertTrue(java.util.Arrays.deepEquals(c.weights().get(p.name()), im.weights().get(p.name())), p.name());
        }
    }

    @Test
    void theFileNameSaysKerasAndAPeepholeIsAUserError() throws Exception {
        CliTest.Run ok = CliTest.run("export", "-o", dir.resolve("demo.h5").toString());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("keras.layers.SimpleRNN("), ok.out());
        CliTest.Run r = CliTest.run("export", "--case", CliTest.resource("lstm-peephole-nonzero-state-sparse.json")
                .toString(), "-o", dir.resolve("p.h5").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Keras's LSTM has no peepholes"), r.err());
    }
}
