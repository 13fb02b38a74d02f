package org.unroll.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.unroll.engine.Activation;
import org.unroll.engine.Case;
import org.unroll.engine.CellType;
import org.unroll.engine.ModelConfig;
import org.unroll.engine.Quantity;
import org.unroll.engine.Trace;
import org.unroll.engine.Weights;

/**
 * Export back: import → export → import is exact (every double bit for bit), and the exported .pt
 * loads in torch ({@code /usr/bin/python3} with torch; skipped when it is not there) and computes
 * what the engine computes.
 */
class PyTorchExportTest {

    @TempDir
    Path dir;

    private static final String[] MODELS = {"rnn", "rnn-relu", "book-lstm", "gru", "gru-double"};

    private static ImportOptions options(String model) {
        return model.equals("rnn-relu") ? ImportOptions.defaults().withActivation(Activation.RELU)
                : ImportOptions.defaults();
    }

    private Path export(Weights w, PyTorchWriter.Container c, String name) throws Exception {
        Path p = dir.resolve(name);
        try (OutputStream o = Files.newOutputStream(p)) {
            PyTorchWriter.write(w, c, o);
        }
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"pt", "safetensors"})
    void importExportImportIsExact(String container) throws Exception {
        for (String m : MODELS) {
            Imported a = Importers.read(TorchFixtures.file(m + ".pt"), options(m));
            Path p = export(a.weights(), container.equals("pt") ? PyTorchWriter.Container.PT
                    : PyTorchWriter.Container.SAFETENSORS, m + "." + container);
            Imported b = Importers.read(p, options(m));
            assertEquals(a.config(), b.config(), m);
            List<org.ejml.data.DMatrixRMaj> x = a.weights().blocks();
            List<org.ejml.data.DMatrixRMaj> y = b.weights().blocks();
            for (int i = 0; i < x.size(); i++) {
                assertArrayEquals(x.get(i).data, y.get(i).data, 0.0, m + " block " + i);
            }
        }
    }

    @Test
    void theExportIsReproducible() throws Exception {
        Weights w = Importers.read(TorchFixtures.file("book-lstm.pt"), ImportOptions.defaults()).weights();
        Path a = export(w, PyTorchWriter.Container.PT, "a.pt");
        Path b = export(w, PyTorchWriter.Container.PT, "b.pt");
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void whatPyTorchCannotComputeIsRefused() {
        ModelConfig peep = ModelConfig.of(CellType.LSTM, 2, 3, 1).withPeephole(true);
        assertTrue(assertThrows(ImportException.class, () -> PyTorchWriter.check(Weights.zeros(peep)))
                .getMessage().contains("peepholes"));
        ModelConfig before = ModelConfig.of(CellType.GRU, 2, 3, 1);
        assertTrue(assertThrows(ImportException.class, () -> PyTorchWriter.check(Weights.zeros(before)))
                .getMessage().contains("resets before"));
        ModelConfig sig = ModelConfig.of(CellType.RNN, 2, 3, 1).withActivation(Activation.SIGMOID);
        assertTrue(assertThrows(ImportException.class, () -> PyTorchWriter.check(Weights.zeros(sig)))
                .getMessage().contains("tanh or relu"));
    }

    private static Boolean torch;

    /** Whether /usr/bin/python3 imports torch (asked once). */
    static synchronized boolean torchAvailable() {
        if (torch == null) {
            torch = askTorch();
        }
        return torch;
    }

    private static boolean askTorch() {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import torch").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * The user's two lines ({@code sd = torch.load(path, weights_only=True)},
     * {@code model.load_state_dict(sd)}) in a script that then runs each model on its inputs: one
     * line of JSON in per model (cell, sizes, activation, file, container, inputs), one line out.
     */
    private static final String SCRIPT = """
            import json, struct, sys, torch, torch.nn as nn
            class Net(nn.Module):
                def __init__(self, cell, i, h, o, act):
                    super().__init__()
                    if cell == "rnn":
                        self.l1 = nn.RNN(i, h, nonlinearity=act, batch_first=True)
                    else:
                        self.l1 = {"lstm": nn.LSTM, "gru": nn.GRU}[cell](i, h, batch_first=True)
                    self.l2 = nn.Linear(h, o)
                def forward(self, x):
                    hs, _ = self.l1(x)
                    return self.l2(hs), hs
            for line in sys.stdin:
                a = json.loads(line)
                model = Net(a["cell"], a["i"], a["h"], a["o"], a["act"])
                if a["container"] == "pt":
                    sd = torch.load(a["path"], weights_only=True)
                else:  # safetensors, read by hand (the safetensors package may be absent)
                    raw = open(a["path"], "rb").read(); n = struct.unpack("<Q", raw[:8])[0]; head = json.loads(raw[8:8 + n])
                    sd = {k: torch.frombuffer(bytearray(raw[8 + n + v["data_offsets"][0]:8 + n + v["data_offsets"][1]]),
                                              dtype=torch.float64).reshape(v["shape"]) for k, v in head.items() if k != "__metadata__"}
                model.load_state_dict(sd)
                model = model.double()
                with torch.no_grad():
                    y, hs = model(torch.tensor(a["inputs"], dtype=torch.float64).unsqueeze(0))
                print(json.dumps({"h": hs[0].tolist(), "y": y[0].tolist()}), flush=True)
            """;

    @ParameterizedTest
    @ValueSource(strings = {"pt", "safetensors"})
    void theExportLoadsInTorchAndComputesTheSame(String container) throws Exception {
        assumeTrue(torchAvailable(), "/usr/bin/python3 with torch is not installed: skipped");
        Path script = dir.resolve("load.py");
        Files.writeString(script, SCRIPT);
        ObjectMapper json = new ObjectMapper();
        StringBuilder requests = new StringBuilder();
        List<Trace> traces = new java.util.ArrayList<>();
        for (String m : MODELS) {
            Imported im = Importers.read(TorchFixtures.file(m + ".safetensors"), options(m));
            Path p = export(im.weights(), container.equals("pt") ? PyTorchWriter.Container.PT
                    : PyTorchWriter.Container.SAFETENSORS, m + "." + container);
            Case c = TorchFixtures.kase(im, TorchFixtures.reference(m));
            traces.add(c.compute());
            ModelConfig cfg = im.config();
            var req = json.createObjectNode().put("cell", cfg.cell().key()).put("i", cfg.inputSize())
                    .put("h", cfg.hiddenSize()).put("o", cfg.outputSize()).put("act", cfg.activation().key())
                    .put("path", p.toString()).put("container", container);
            req.set("inputs", json.valueToTree(c.sequence().inputs()));
            requests.append(json.writeValueAsString(req)).append('\n');
        }
        Process proc = new ProcessBuilder("/usr/bin/python3", script.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream in = proc.getOutputStream()) {
            in.write(requests.toString().getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(proc.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, proc.exitValue(), out);
        List<String> lines = out.lines().toList();
        assertEquals(MODELS.length, lines.size(), out);
        for (int k = 0; k < MODELS.length; k++) {
            JsonNode r = json.readTree(lines.get(k));
            PyTorchReaderTest.compare(MODELS[k] + " h", TorchFixtures.matrix(r.get("h")), traces.get(k).forward(Quantity.H));
            PyTorchReaderTest.compare(MODELS[k] + " y", TorchFixtures.matrix(r.get("y")), traces.get(k).forward(Quantity.Y));
        }
    }
}
