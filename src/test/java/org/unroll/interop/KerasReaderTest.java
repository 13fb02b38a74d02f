package org.unroll.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.unroll.engine.CellType;
import org.unroll.engine.GateActivation;
import org.unroll.engine.LossKind;
import org.unroll.engine.Quantity;
import org.unroll.engine.Sequence;
import org.unroll.engine.Trace;

/**
 * The real Keras files of {@code ../shared/models/keras/} (skipped when that folder is absent):
 * each is imported or refused with its reason; an imported one's forward pass in the engine equals an
 * independent float64 forward pass written here from Keras's own equations, on the raw arrays as
 * Keras lays them out (read from the dataset paths the provenance names, not through the reader).
 * That is what proves the gate orders and the bias mapping.
 */
class KerasReaderTest {

    static final Path DIR = Path.of("..", "shared", "models", "keras");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("keras204-gru-hardsigmoid-H50-embedding-dense2.h5", "an Embedding layer (embedding_2)"
                        + " feeds the GRU: a case's inputs are vectors, not token ids; import the GRU alone with --layer 0"
                        + " (its inputs are then the embedding's vectors)"),
                Arguments.of("keras204-lstm-hardsigmoid-H50-embedding-dense2.h5", "an Embedding layer (embedding_2)"
                        + " feeds the LSTM"),
                Arguments.of("keras231-gru-resetbefore-stacked4-H50-I1.h5", "4 stacked recurrent layers (gru_1, gru_2,"
                        + " gru_3, gru_4): a case holds one; import one with --layer N (0 to 3)"),
                Arguments.of("keras3150-gru-resetafter-stacked2-H64-I3.keras", "2 stacked recurrent layers (gru_2,"
                        + " gru_3): a case holds one; import one with --layer N (0 to 1)"),
                Arguments.of("keras290-lstm-relu-H50-I1-dense10-dense1.h5", "2 Dense layers on top (dense, dense_1): a"
                        + " case has one output layer; import the LSTM alone with --layer 0"),
                Arguments.of("keras392-lstm-swapped-activations-H256-I1-dense1.keras", "the LSTM's gate activation"
                        + " (recurrent_activation) is tanh: a case's gates are sigmoid or hard_sigmoid"));
    }

    @ParameterizedTest(name = "{0} is refused")
    @MethodSource("refused")
    void refusedWithItsReason(String file, String reason) {
        Assumptions.assumeTrue(Files.isDirectory(DIR), "../shared/models/keras is absent");
        ImportException e = assertThrows(ImportException.class, () -> Importers.read(DIR.resolve(file),
                ImportOptions.defaults()));
        assertTrue(e.getMessage().startsWith(reason), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line");
    }

    /** file, --layer (or null), cell, I, H, O, gate activation, reset-after, whether the Dense is imported. */
    static Stream<Arguments> imported() {
        return Stream.of(
                Arguments.of("keras2131-gru-resetafter-H50-I7-dense1.h5", null, CellType.GRU, 7, 50, 1, "sigmoid", true, true),
                Arguments.of("keras231-lstm-H50-I56-dense1.h5", null, CellType.LSTM, 56, 50, 1, "sigmoid", false, true),
                Arguments.of("keras3100-gru-resetafter-H64-I5-dense1.h5", null, CellType.GRU, 5, 64, 1, "sigmoid", true, true),
                Arguments.of("keras392-simplernn-relu-H50-I1-dense1.h5", null, CellType.RNN, 1, 50, 1, "sigmoid", false, true),
                Arguments.of("keras392-simplernn-relu-H50-I1-dense1.keras", null, CellType.RNN, 1, 50, 1, "sigmoid", false,
                        true),
                Arguments.of("keras204-gru-hardsigmoid-H50-embedding-dense2.h5", 0, CellType.GRU, 50, 50, 2, "hard_sigmoid",
                        false, true),
                Arguments.of("keras204-lstm-hardsigmoid-H50-embedding-dense2.h5", 0, CellType.LSTM, 50, 50, 2,
                        "hard_sigmoid", false, true),
                Arguments.of("keras231-gru-resetbefore-stacked4-H50-I1.h5", 0, CellType.GRU, 1, 50, 50, "sigmoid", false,
                        false),
                Arguments.of("keras231-gru-resetbefore-stacked4-H50-I1.h5", 3, CellType.GRU, 50, 50, 1, "sigmoid", false,
                        true),
                Arguments.of("keras3150-gru-resetafter-stacked2-H64-I3.keras", 0, CellType.GRU, 3, 64, 64, "sigmoid", true,
                        false),
                Arguments.of("keras3150-gru-resetafter-stacked2-H64-I3.keras", 1, CellType.GRU, 64, 32, 1, "sigmoid", true,
                        true),
                Arguments.of("keras290-lstm-relu-H50-I1-dense10-dense1.h5", 0, CellType.LSTM, 1, 50, 50, "sigmoid", false,
                        false));
    }

    @ParameterizedTest(name = "{0} --layer {1}: the engine's forward pass equals Keras's")
    @MethodSource("imported")
    void importedAndComputedAsKerasDoes(String file, Integer layer, CellType cell, int in, int h, int out, String gate,
                                        boolean resetAfter, boolean withDense) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(DIR), "../shared/models/keras is absent");
        Path path = DIR.resolve(file);
        Imported im = Importers.read(path, ImportOptions.defaults().withLayer(layer));
        assertEquals("Keras", im.framework());
        JsonNode prov = JSON.readTree(DIR.resolve(file + ".provenance.json").toFile());
        assertEquals(prov.get("keras_version").asText(), im.version());
        assertEquals(cell, im.config().cell());
        assertEquals(in, im.config().inputSize());
        assertEquals(h, im.config().hiddenSize());
        assertEquals(out, im.config().outputSize());
        assertEquals(GateActivation.fromKey(gate), cell == CellType.RNN ? GateActivation.SIGMOID
                : im.config().gateActivation());
        assertEquals(resetAfter, im.config().resetAfter());
        assertTrue(!im.mapping().isEmpty() && !im.notes().isEmpty());

        // the recurrent layer the import took, and the Dense, as the provenance names them
        List<JsonNode> recurrent = new ArrayList<>();
        JsonNode dense = null;
        for (JsonNode l : prov.get("layers")) {
            String c = l.get("class_name").asText();
            if (c.equals("SimpleRNN") || c.equals("LSTM") || c.equals("GRU")) {
                recurrent.add(l);
            } else if (c.equals("Dense")) {
                dense = l;
            }
        }
        JsonNode rnn = recurrent.get(layer == null ? 0 : layer);
        assertEquals(rnn.get("activation").asText(), im.config().activation().key());
        Map<String, double[][]> raw = rawArrays(path, prov, rnn.get("name").asText());
        Map<String, double[][]> rawDense = withDense ? rawArrays(path, prov, dense.get("name").asText()) : null;
        if (withDense) {
            assertEquals(dense.get("activation").asText(), im.config().outputActivation().key());
        }

        // a sequence that reaches both the linear part and the saturation of hard_sigmoid
        int steps = 7;
        Random rnd = new Random(file.hashCode() + 31L * (layer == null ? -1 : layer));
        double[][] x = new double[steps][in];
        for (double[] row : x) {
            for (int i = 0; i < in; i++) {
                row[i] = 2 * rnd.nextGaussian();
            }
        }
        double[][] targets = new double[steps][];
        targets[steps - 1] = new double[out];
        Trace trace = im.toCase("t", Sequence.of(x, targets, h), LossKind.MSE).compute();

        double[][] hs = kerasForward(cell, rnn, raw, x, gate.equals("hard_sigmoid"), resetAfter);
        double worst = 0;
        for (int t = 1; t <= steps; t++) {
            double[] eh = trace.forward(Quantity.H, t);
            double[] ey = trace.forward(Quantity.Y, t);
            double[] ky = withDense ? dense(rawDense, hs[t - 1], dense.get("activation").asText()) : hs[t - 1];
            for (int j = 0; j < h; j++) {
                worst = Math.max(worst, close(hs[t - 1][j], eh[j]));
            }
            for (int o = 0; o < out; o++) {
                worst = Math.max(worst, close(ky[o], ey[o]));
            }
        }
        assertTrue(worst <= 1, "the engine's h and y differ from Keras's equations by " + worst + " tolerances");
    }

    /** The spec's tolerance, as a fraction: ≤ 1 agrees. */
    private static double close(double expected, double actual) {
        return Math.abs(actual - expected) / (1e-8 + 1e-6 * Math.abs(expected));
    }

    // ------------------------------------------------------------------ Keras's equations, on Keras's arrays

    /**
     * Keras's forward pass of one layer, float64, on {@code kernel (I, kH)}, {@code recurrent_kernel
     * (H, kH)}, {@code bias (kH)} or {@code (2, 3H)}: z = x·kernel + h·recurrent_kernel + bias, blocks
     * i, f, c, o (LSTM) and z, r, h (GRU), the GRU's h = z⊙h_prev + (1−z)⊙h̃.
     */
    static double[][] kerasForward(CellType cell, JsonNode layer, Map<String, double[][]> a, double[][] xs,
                                   boolean hardSigmoid, boolean resetAfter) {
        int h = a.get("recurrent_kernel").length;
        return kerasForward(cell, layer, a, xs, hardSigmoid, resetAfter, new double[h], new double[h]);
    }

    /** The same from the initial states h0 and c0. */
    static double[][] kerasForward(CellType cell, JsonNode layer, Map<String, double[][]> a, double[][] xs,
                                   boolean hardSigmoid, boolean resetAfter, double[] h0, double[] c0) {
        double[][] kernel = a.get("kernel");
        double[][] rk = a.get("recurrent_kernel");
        double[][] bias = a.get("bias");
        int h = rk.length;
        int width = rk[0].length;
        String act = layer.get("activation").asText();
        double[] hPrev = h0.clone();
        double[] cPrev = c0.clone();
        double[][] out = new double[xs.length][];
        for (int t = 0; t < xs.length; t++) {
            double[] xk = new double[width];
            for (int col = 0; col < width; col++) {
                double s = 0;
                for (int i = 0; i < xs[t].length; i++) {
                    s += xs[t][i] * kernel[i][col];
                }
                xk[col] = s + bias[0][col];
            }
            double[] hk = new double[width];
            for (int col = 0; col < width; col++) {
                double s = 0;
                for (int i = 0; i < h; i++) {
                    s += hPrev[i] * rk[i][col];
                }
                hk[col] = s + (resetAfter ? bias[1][col] : 0);
            }
            double[] hNew = new double[h];
            switch (cell) {
                case RNN -> {
                    for (int j = 0; j < h; j++) {
                        hNew[j] = act(act, xk[j] + hk[j]);
                    }
                }
                case LSTM -> {
                    for (int j = 0; j < h; j++) {
                        double i = gate(xk[j] + hk[j], hardSigmoid);
                        double f = gate(xk[h + j] + hk[h + j], hardSigmoid);
                        double c = f * cPrev[j] + i * act(act, xk[2 * h + j] + hk[2 * h + j]);
                        double o = gate(xk[3 * h + j] + hk[3 * h + j], hardSigmoid);
                        cPrev[j] = c;
                        hNew[j] = o * act(act, c);
                    }
                }
                case GRU -> {
                    double[] z = new double[h];
                    double[] r = new double[h];
                    for (int j = 0; j < h; j++) {
                        z[j] = gate(xk[j] + hk[j], hardSigmoid);
                        r[j] = gate(xk[h + j] + hk[h + j], hardSigmoid);
                    }
                    for (int j = 0; j < h; j++) {
                        double rec;
                        if (resetAfter) {
                            rec = r[j] * hk[2 * h + j];
                        } else {
                            double s = 0;
                            for (int i = 0; i < h; i++) {
                                s += r[i] * hPrev[i] * rk[i][2 * h + j];
                            }
                            rec = s;
                        }
                        double hh = act(act, xk[2 * h + j] + rec);
                        hNew[j] = z[j] * hPrev[j] + (1 - z[j]) * hh;
                    }
                }
                default -> throw new IllegalStateException();
            }
            hPrev = hNew;
            out[t] = hNew;
        }
        return out;
    }

    static double[] dense(Map<String, double[][]> a, double[] h, String activation) {
        double[][] k = a.get("kernel");
        double[] b = a.get("bias")[0];
        double[] q = new double[b.length];
        for (int o = 0; o < q.length; o++) {
            double s = b[o];
            for (int j = 0; j < h.length; j++) {
                s += h[j] * k[j][o];
            }
            q[o] = s;
        }
        if (activation.equals("sigmoid")) {
            for (int o = 0; o < q.length; o++) {
                q[o] = 1 / (1 + Math.exp(-q[o]));
            }
        } else if (activation.equals("softmax")) {
            throw new IllegalStateException("no softmax file here");
        }
        return q;
    }

    private static double gate(double x, boolean hard) {
        return hard ? Math.max(0, Math.min(1, 0.2 * x + 0.5)) : 1 / (1 + Math.exp(-x));
    }

    private static double act(String name, double x) {
        return switch (name) {
            case "tanh" -> Math.tanh(x);
            case "relu" -> Math.max(0, x);
            case "sigmoid" -> 1 / (1 + Math.exp(-x));
            case "linear" -> x;
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** A layer's arrays by role, read with jhdf from the dataset paths of the provenance; a vector as one row. */
    static Map<String, double[][]> rawArrays(Path file, JsonNode prov, String layer) throws Exception {
        Map<String, double[][]> out = new HashMap<>();
        for (JsonNode w : prov.get("weights")) {
            if (!w.get("layer").asText().equals(layer)) {
                continue;
            }
            String ds = w.get("dataset").asText();
            Object data;
            if (ds.startsWith("model.weights.h5:")) {
                byte[] bytes;
                try (ZipFile z = new ZipFile(file.toFile())) {
                    bytes = z.getInputStream(z.getEntry("model.weights.h5")).readAllBytes();
                }
                try (HdfFile h5 = HdfFile.fromBytes(bytes)) {
                    data = h5.getDatasetByPath(ds.substring("model.weights.h5:".length())).getData();
                }
            } else {
                try (HdfFile h5 = new HdfFile(file)) {
                    data = h5.getDatasetByPath(ds).getData();
                }
            }
            out.put(w.get("role").asText(), matrix(data));
        }
        return out;
    }

    private static double[][] matrix(Object data) {
        if (data instanceof float[] v) {
            double[][] m = new double[1][v.length];
            for (int i = 0; i < v.length; i++) {
                m[0][i] = v[i];
            }
            return m;
        }
        float[][] f = (float[][]) data;
        double[][] m = new double[f.length][];
        for (int i = 0; i < f.length; i++) {
            m[i] = new double[f[i].length];
            for (int j = 0; j < f[i].length; j++) {
                m[i][j] = f[i][j];
            }
        }
        return m;
    }
}
