package org.unroll.interop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.unroll.engine.Activation;
import org.unroll.engine.CellType;
import org.unroll.engine.GateActivation;
import org.unroll.engine.Limits;
import org.unroll.engine.Message;
import org.unroll.engine.ModelConfig;
import org.unroll.engine.OutputActivation;
import org.unroll.engine.Weights;

/**
 * Keras models: whole-model HDF5 files ({@code model.save("x.h5")}, Keras 2.0 to 3.x, weights found
 * through each layer group's {@code weight_names}) and Keras 3 {@code .keras} zips
 * ({@code config.json} and {@code model.weights.h5}, weights addressed by position under
 * {@code layers/<store name>/[cell/]vars/N}). One recurrent layer (SimpleRNN, LSTM, GRU), Dropout
 * around it, and at most one Dense on top make a case; anything else is refused with one sentence.
 * See ADR 0021.
 */
public final class KerasReader implements ModelReader {

    /** HDF5's signature, the first 8 bytes of a file that starts at offset 0. */
    private static final byte[] HDF5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    /** Largest config.json read from a .keras zip. */
    static final int MAX_CONFIG_BYTES = 16 * 1024 * 1024;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private static final Set<String> IDENTITY = Set.of("Dropout", "SpatialDropout1D", "GaussianNoise",
            "GaussianDropout", "AlphaDropout", "ActivityRegularization");
    private static final Set<String> RECURRENT = Set.of("SimpleRNN", "LSTM", "GRU");

    /** A layer as the model's configuration lists it. */
    private record Layer(String cls, String name, JsonNode config) {
    }

    /** The raw arrays of one layer, as Keras lays them out. */
    private record Raw(double[] data, int[] dims, boolean float32) {
    }

    /** Where a file keeps its layers' arrays. */
    private interface Store {
        /** The layer's arrays in Keras's order (kernel, recurrent_kernel, bias / kernel, bias), by role. */
        Map<String, Raw> arrays(Layer layer, int classIndex) throws ImportException;

        /** How an array is named in the mapping shown ("lstm_1/kernel:0"). */
        String label(Layer layer, String role);
    }

    @Override
    public boolean accepts(String fileName, byte[] head) {
        String n = fileName.toLowerCase(Locale.ROOT);
        if (n.endsWith(".keras")) {
            return head.length >= 2 && head[0] == 'P' && head[1] == 'K';
        }
        return head.length >= HDF5.length && Arrays.equals(Arrays.copyOf(head, HDF5.length), HDF5);
    }

    @Override
    public Imported read(Path file, ImportOptions options) throws ImportException, IOException {
        String name = file.getFileName().toString();
        if (name.toLowerCase(Locale.ROOT).endsWith(".keras")) {
            return readKeras(file, name, options);
        }
        return readH5(file, name, options);
    }

    // ------------------------------------------------------------------ the two containers

    private Imported readH5(Path file, String name, ImportOptions options) throws ImportException, IOException {
        try (HdfFile h5 = new HdfFile(file)) {
            String config = stringAttribute(h5, "model_config");
            if (config == null) {
                throw new ImportException(Message.of("problem.import.keras.weightsOnly", name));
            }
            String version = stringAttribute(h5, "keras_version");
            Group weights = h5;
            if (h5.getAttribute("layer_names") == null && h5.getChild("model_weights") instanceof Group g) {
                weights = g;
            }
            Group root = weights;
            Store store = new Store() {
                @Override
                public Map<String, Raw> arrays(Layer layer, int classIndex) throws ImportException {
                    if (!(root.getChild(layer.name()) instanceof Group g)) {
                        throw new ImportException(Message.of("problem.import.keras.noWeights", name, layer.name()));
                    }
                    Attribute a = g.getAttribute("weight_names");
                    List<String> names = a == null ? List.of() : strings(a.getData());
                    Map<String, Raw> out = new HashMap<>();
                    for (String w : names) {
                        Node n = g.getByPath(w);
                        if (n instanceof Dataset ds) {
                            out.put(role(w), raw(ds, name));
                        }
                    }
                    return out;
                }

                @Override
                public String label(Layer layer, String role) {
                    return layer.name() + "/" + role;
                }
            };
            Imported im = build(tree(config, name), version, "HDF5 (model.save)", name, store, options);
            String by = stringAttribute(h5, "written_by");
            if (by != null && by.startsWith("Unroll")) {
                List<Message> notes = new ArrayList<>(im.notes());
                notes.add(0, Message.of("import.notes.keras.writtenByUnroll", version));
                im = new Imported(im.framework(), im.version(), im.format(), im.source(), im.config(), im.weights(),
                        im.mapping(), notes);
            }
            return im;
        } catch (HdfException e) {
            // jhdf's words for what it could not read, as they are in both languages
            throw new ImportException(Message.of("problem.import.keras.notHdf5", name,
                    String.valueOf(e.getMessage())), e);
        }
    }

    private Imported readKeras(Path file, String name, ImportOptions options) throws ImportException, IOException {
        byte[] configBytes;
        byte[] weightBytes;
        String version = null;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            configBytes = entry(zip, "config.json", MAX_CONFIG_BYTES, name);
            weightBytes = entry(zip, "model.weights.h5", Limits.MAX_FILE_BYTES, name);
            if (zip.getEntry("metadata.json") != null) {
                JsonNode meta = tree(new String(entry(zip, "metadata.json", 1 << 20, name), StandardCharsets.UTF_8),
                        name);
                version = meta.path("keras_version").isTextual() ? meta.get("keras_version").asText() : null;
            }
        } catch (java.util.zip.ZipException e) {
            throw new ImportException(Message.of("problem.import.keras.notZip", name,
                    String.valueOf(e.getMessage())), e);
        }
        if (version == null) {
            version = "3";
        }
        JsonNode config = tree(new String(configBytes, StandardCharsets.UTF_8), name);
        try (HdfFile h5 = HdfFile.fromBytes(weightBytes)) {
            Group layers = h5.getChild("layers") instanceof Group g ? g : null;
            if (layers == null) {
                throw new ImportException(Message.of("problem.at", name,
                        Message.of("problem.import.keras.noLayersGroup")));
            }
            // the store names a layer by its class and a per-class index (gru, gru_1); its vars group
            // records the configured name: match by that, else by the class and index
            Map<String, Group> byName = new HashMap<>();
            for (Node n : layers.getChildren().values()) {
                if (n instanceof Group g && g.getChild("vars") instanceof Group v && v.getAttribute("name") != null) {
                    byName.put(String.valueOf(v.getAttribute("name").getData()), g);
                }
            }
            Store store = new Store() {
                @Override
                public Map<String, Raw> arrays(Layer layer, int classIndex) throws ImportException {
                    Group g = byName.get(layer.name());
                    if (g == null) {
                        String key = snake(layer.cls()) + (classIndex == 0 ? "" : "_" + classIndex);
                        g = layers.getChild(key) instanceof Group k ? k : null;
                    }
                    if (g == null) {
                        throw new ImportException(Message.of("problem.import.keras.noWeights", name, layer.name()));
                    }
                    Group vars = RECURRENT.contains(layer.cls()) && g.getChild("cell") instanceof Group c
                            && c.getChild("vars") instanceof Group cv ? cv
                            : g.getChild("vars") instanceof Group v ? v : null;
                    List<String> roles = RECURRENT.contains(layer.cls()) ? List.of("kernel", "recurrent_kernel", "bias")
                            : List.of("kernel", "bias");
                    Map<String, Raw> out = new HashMap<>();
                    for (int k = 0; vars != null && k < roles.size(); k++) {
                        if (vars.getChild(String.valueOf(k)) instanceof Dataset ds) {
                            out.put(roles.get(k), raw(ds, name));
                        }
                    }
                    return out;
                }

                @Override
                public String label(Layer layer, String role) {
                    int k = List.of("kernel", "recurrent_kernel", "bias").indexOf(role);
                    if (!RECURRENT.contains(layer.cls())) {
                        k = role.equals("kernel") ? 0 : 1;
                    }
                    return layer.name() + " vars/" + k + " (" + role + ")";
                }
            };
            return build(config, version, ".keras zip", name, store, options);
        } catch (HdfException e) {
            throw new ImportException(Message.of("problem.at", name, Message.of("problem.import.keras.weightsNotHdf5",
                    String.valueOf(e.getMessage()))), e);
        }
    }

    // ------------------------------------------------------------------ the model

    private Imported build(JsonNode modelConfig, String version, String format, String name, Store store,
                           ImportOptions options) throws ImportException {
        if (version != null && version.startsWith("1.")) {
            throw new ImportException(Message.of("problem.import.keras.version1", name, version));
        }
        List<Layer> layers = layers(modelConfig, name);
        List<Integer> recurrent = new ArrayList<>();
        for (int k = 0; k < layers.size(); k++) {
            Layer l = layers.get(k);
            switch (l.cls()) {
                case "InputLayer" -> { }
                case "SimpleRNN", "LSTM", "GRU" -> recurrent.add(k);
                case "Dense", "Embedding" -> { }
                case "Bidirectional" -> throw new ImportException(Message.of("problem.import.keras.bidirectional",
                        l.name()));
                default -> {
                    if (!IDENTITY.contains(l.cls())) {
                        throw new ImportException(Message.of("problem.import.keras.otherLayer", l.cls(), l.name()));
                    }
                }
            }
        }
        if (recurrent.isEmpty()) {
            throw new ImportException(Message.of("problem.import.keras.noRecurrent", name));
        }
        Integer chosen = options.layer();
        if (chosen == null && recurrent.size() > 1) {
            throw new ImportException(Message.of("problem.import.keras.stacked", recurrent.size(),
                    names(layers, recurrent), recurrent.size() - 1));
        }
        if (chosen != null && (chosen < 0 || chosen >= recurrent.size())) {
            throw new ImportException(recurrent.size() == 1 ? Message.of("problem.import.keras.noSuchLayer.one", chosen)
                    : Message.of("problem.import.keras.noSuchLayer", chosen, recurrent.size(), recurrent.size() - 1));
        }
        int at = recurrent.get(chosen == null ? 0 : chosen);
        Layer rnn = layers.get(at);
        List<Message> notes = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (int k = 0; k < at; k++) {
            Layer l = layers.get(k);
            if (l.cls().equals("Embedding") && chosen == null) {
                throw new ImportException(Message.of("problem.import.keras.embedding", l.name(), rnn.cls()));
            }
            if (l.cls().equals("Dense") && chosen == null) {
                throw new ImportException(Message.of("problem.import.keras.denseBefore", l.name(), rnn.cls()));
            }
            if (!l.cls().equals("InputLayer") && !IDENTITY.contains(l.cls())) {
                dropped.add(l.name());
            }
        }
        if (!dropped.isEmpty()) {
            notes.add(Message.of("import.notes.keras.onlyLayer", chosen, rnn.name(), String.join(", ", dropped)));
        }
        List<Layer> denses = new ArrayList<>();
        boolean last = at == recurrent.get(recurrent.size() - 1);
        for (int k = at + 1; k < layers.size() && last; k++) {
            if (layers.get(k).cls().equals("Dense")) {
                denses.add(layers.get(k));
            }
        }
        if (denses.size() > 1 && chosen == null) {
            throw new ImportException(Message.of("problem.import.keras.severalDense", denses.size(), String.join(", ",
                    denses.stream().map(Layer::name).toList()), rnn.cls()));
        }
        Layer dense = denses.size() == 1 ? denses.get(0) : null;
        for (Layer l : layers) {
            if (IDENTITY.contains(l.cls())) {
                notes.add(Message.of("import.notes.keras.identityLayer", l.cls(), l.name()));
            }
        }
        int classIndex = 0;
        for (int k = 0; k < at; k++) {
            if (layers.get(k).cls().equals(rnn.cls())) {
                classIndex++;
            }
        }
        return map(rnn, at, classIndex, dense, layers, version, format, name, store, notes);
    }

    private Imported map(Layer rnn, int at, int classIndex, Layer dense, List<Layer> layers, String version, String format,
                         String name, Store store, List<Message> notes) throws ImportException {
        JsonNode c = rnn.config();
        CellType cell = switch (rnn.cls()) {
            case "SimpleRNN" -> CellType.RNN;
            case "LSTM" -> CellType.LSTM;
            default -> CellType.GRU;
        };
        if (c.path("go_backwards").asBoolean(false)) {
            throw new ImportException(Message.of("problem.import.keras.goBackwards", rnn.cls(), rnn.name()));
        }
        Activation act = activation(c.path("activation"), rnn);
        GateActivation gate = GateActivation.SIGMOID;
        if (cell != CellType.RNN) {
            gate = gateActivation(c.path("recurrent_activation"), rnn, version);
        }
        boolean useBias = c.path("use_bias").asBoolean(true);
        int units = c.path("units").asInt(c.path("output_dim").asInt(-1));
        int k = cell.gateCount();
        Map<String, Raw> a = store.arrays(rnn, classIndex);
        Raw kernel = a.get("kernel");
        Raw recurrentKernel = a.get("recurrent_kernel");
        Raw bias = a.get("bias");
        if (kernel == null || recurrentKernel == null || (useBias && bias == null)) {
            throw new ImportException(Message.of("problem.at", name, Message.of("problem.import.keras.lacksArrays",
                    rnn.cls(), rnn.name())));
        }
        if (kernel.dims().length != 2 || kernel.dims()[1] % k != 0) {
            throw new ImportException(Message.of("problem.at", name, Message.of("problem.import.keras.kernelShape",
                    rnn.cls(), Arrays.toString(kernel.dims()), k)));
        }
        int h = kernel.dims()[1] / k;
        int in = kernel.dims()[0];
        if (units > 0 && units != h) {
            throw new ImportException(Message.of("problem.at", name, Message.of("problem.import.keras.units", rnn.cls(),
                    units, Arrays.toString(kernel.dims()))));
        }
        if (h > Limits.MAX_SIZE || in > Limits.MAX_SIZE) {
            throw new ImportException(Message.of("problem.import.keras.tooLarge", rnn.cls(), in, h, Limits.MAX_SIZE));
        }
        expect(recurrentKernel, name, rnn.name() + " recurrent_kernel", h, k * h);
        boolean resetAfter = false;
        if (cell == CellType.GRU) {
            JsonNode ra = c.get("reset_after");
            boolean twoRows = bias != null && bias.dims().length == 2;
            if (ra != null && ra.asBoolean() != twoRows && bias != null) {
                throw new ImportException(Message.of("problem.at", name, Message.of("problem.import.keras.resetAfter",
                        ra.asBoolean(), Arrays.toString(bias.dims()))));
            }
            resetAfter = ra != null ? ra.asBoolean() : twoRows;
        }
        if (bias != null) {
            if (resetAfter) {
                expect(bias, name, rnn.name() + " bias", 2, k * h);
            } else {
                expect(bias, name, rnn.name() + " bias", k * h);
            }
        }
        // the output layer
        int out;
        OutputActivation outAct = OutputActivation.LINEAR;
        Raw dk = null;
        Raw db = null;
        if (dense != null) {
            outAct = outputActivation(dense);
            Map<String, Raw> d = store.arrays(dense, classIndexOf(layers, dense));
            dk = d.get("kernel");
            db = d.get("bias");
            if (dk == null || dk.dims().length != 2 || dk.dims()[0] != h) {
                throw new ImportException(Message.of("problem.at", name, Message.of("problem.import.keras.denseKernel",
                        dense.name(), h)));
            }
            out = dk.dims()[1];
            if (out > Limits.MAX_SIZE) {
                throw new ImportException(Message.of("problem.import.keras.denseTooLarge", out, Limits.MAX_SIZE));
            }
            if (db != null) {
                expect(db, name, dense.name() + " bias", out);
            }
        } else {
            out = h;
        }
        ModelConfig cfg = new ModelConfig(cell, in, h, out, act, outAct, false, resetAfter, gate);
        Weights w = Weights.zeros(cfg);
        List<Message> mapping = new ArrayList<>();
        String kl = store.label(rnn, "kernel");
        String rl = store.label(rnn, "recurrent_kernel");
        String bl = store.label(rnn, "bias");
        for (KerasLayout.Gate g : KerasLayout.gates(cell)) {
            int from = g.block() * h;
            boolean blocks = cell != CellType.RNN;
            w.set(g.param("Wx"), transposed(kernel, from, h));
            mapping.add(blocks
                    ? Message.of("import.mapping.keras.kernel.block", g.param("Wx"), kl, from, from + h, g.keras())
                    : Message.of("import.mapping.keras.kernel", g.param("Wx"), kl, from, from + h));
            w.set(g.param("Wh"), transposed(recurrentKernel, from, h));
            mapping.add(blocks
                    ? Message.of("import.mapping.keras.kernel.block", g.param("Wh"), rl, from, from + h, g.keras())
                    : Message.of("import.mapping.keras.kernel", g.param("Wh"), rl, from, from + h));
            double[] b = new double[h];
            if (bias != null) {
                int width = k * h;
                for (int j = 0; j < h; j++) {
                    b[j] = bias.data()[from + j];
                    if (resetAfter && !g.engine().equals("a")) {
                        b[j] += bias.data()[width + from + j];
                    }
                }
                if (resetAfter) {
                    mapping.add(g.engine().equals("a")
                            ? Message.of("import.mapping.keras.bias.input", g.param("b"), bl, from, from + h)
                            : Message.of("import.mapping.keras.bias.summed", g.param("b"), bl, from, from + h));
                } else {
                    mapping.add(blocks ? Message.of("import.mapping.keras.bias.block", g.param("b"), bl, from, from + h,
                            g.keras()) : Message.of("import.mapping.keras.bias", g.param("b"), bl, from, from + h));
                }
            } else {
                mapping.add(Message.of("import.mapping.keras.noBias", g.param("b")));
            }
            w.setVector(g.param("b"), b);
        }
        if (resetAfter) {
            int from = 2 * h;
            double[] bh = new double[h];
            if (bias != null) {
                System.arraycopy(bias.data(), 3 * h + from, bh, 0, h);
            }
            w.setVector("bh_a", bh);
            mapping.add(bias != null ? Message.of("import.mapping.keras.recurrentBias", bl, from, from + h)
                    : Message.of("import.mapping.keras.noBias", "bh_a"));
        }
        if (dense != null) {
            w.set("Wy", transposed(dk, 0, out));
            mapping.add(Message.of("import.mapping.keras.denseKernel", store.label(dense, "kernel")));
            double[] by = new double[out];
            if (db != null) {
                System.arraycopy(db.data(), 0, by, 0, out);
                mapping.add(Message.of("import.mapping.by", store.label(dense, "bias")));
            } else {
                mapping.add(Message.of("import.mapping.keras.noBias", "by"));
            }
            w.setVector("by", by);
            if (!c.path("return_sequences").asBoolean(false)) {
                notes.add(Message.of("import.notes.keras.lastStepOnly", dense.name()));
            }
        } else {
            double[][] eye = new double[h][h];
            for (int j = 0; j < h; j++) {
                eye[j][j] = 1;
            }
            w.set("Wy", eye);
            mapping.add(Message.of("import.mapping.keras.identity"));
            List<String> left = new ArrayList<>();
            for (int j = at + 1; j < layers.size(); j++) {
                if (layers.get(j).cls().equals("Dense") || RECURRENT.contains(layers.get(j).cls())) {
                    left.add(layers.get(j).name());
                }
            }
            notes.add(left.isEmpty() ? Message.of("import.notes.keras.noDense", rnn.name())
                    : Message.of("import.notes.keras.noDense.leftOut", rnn.name(), String.join(", ", left)));
        }
        if (cell == CellType.LSTM) {
            notes.add(Message.of("import.notes.keras.lstmBlocks"));
        } else if (cell == CellType.GRU) {
            notes.add(Message.of("import.notes.keras.gruBlocks"));
            notes.add(resetAfter ? Message.of("import.notes.keras.resetAfter")
                    : Message.of("import.notes.keras.resetBefore"));
        }
        if (gate == GateActivation.HARD_SIGMOID) {
            notes.add(Message.of("import.notes.keras.hardSigmoid", version == null ? "2" : version));
        }
        if (c.path("dropout").asDouble(0) > 0 || c.path("recurrent_dropout").asDouble(0) > 0) {
            notes.add(Message.of("import.notes.keras.dropout", rnn.cls()));
        }
        notes.add(kernel.float32() ? Message.of("import.notes.keras.float32")
                : Message.of("import.notes.keras.float64"));
        return new Imported("Keras", version, format, name, cfg, w, mapping, notes);
    }

    // ------------------------------------------------------------------ configuration

    private static List<Layer> layers(JsonNode model, String name) throws ImportException {
        String cls = model.path("class_name").asText("");
        JsonNode cfg = model.path("config");
        JsonNode list = cfg.isArray() ? cfg : cfg.path("layers");
        if (!list.isArray()) {
            throw new ImportException(Message.of("problem.at", name, Message.of("problem.import.keras.noLayers", cls)));
        }
        List<Layer> out = new ArrayList<>();
        for (JsonNode l : list) {
            String c = l.path("class_name").asText("");
            JsonNode lc = l.path("config");
            String n = lc.path("name").asText(l.path("name").asText(c));
            if (c.equals("Sequential") || c.equals("Functional") || c.equals("Model")) {
                throw new ImportException(Message.of("problem.import.keras.nested", n, name));
            }
            out.add(new Layer(c, n, lc));
        }
        return out;
    }

    private static Activation activation(JsonNode a, Layer l) throws ImportException {
        String key = a.isMissingNode() || a.isNull() ? "tanh" : a.asText("");
        if (key.equals("linear") || key.equals("tanh") || key.equals("sigmoid") || key.equals("relu")) {
            return Activation.fromKey(key);
        }
        throw new ImportException(Message.of("problem.import.keras.activation", l.cls(), show(a)));
    }

    private static GateActivation gateActivation(JsonNode a, Layer l, String version) throws ImportException {
        String key = a.isMissingNode() || a.isNull() ? "sigmoid" : a.asText("");
        if (key.equals("sigmoid")) {
            return GateActivation.SIGMOID;
        }
        if (key.equals("hard_sigmoid")) {
            if (version != null && !version.startsWith("2.") && !version.startsWith("1.")) {
                throw new ImportException(Message.of("problem.import.keras.hardSigmoid3", l.cls(), version));
            }
            return GateActivation.HARD_SIGMOID;
        }
        throw new ImportException(Message.of("problem.import.keras.gateActivation", l.cls(), show(a)));
    }

    private static OutputActivation outputActivation(Layer d) throws ImportException {
        JsonNode a = d.config().path("activation");
        String key = a.isMissingNode() || a.isNull() ? "linear" : a.asText("");
        return switch (key) {
            case "linear" -> OutputActivation.LINEAR;
            case "sigmoid" -> OutputActivation.SIGMOID;
            case "softmax" -> OutputActivation.SOFTMAX;
            default -> throw new ImportException(Message.of("problem.import.keras.denseActivation", show(a)));
        };
    }

    private static String show(JsonNode a) {
        return a.isTextual() ? a.asText() : a.toString();
    }

    private static int classIndexOf(List<Layer> layers, Layer l) {
        int n = 0;
        for (Layer x : layers) {
            if (x == l) {
                return n;
            }
            if (x.cls().equals(l.cls())) {
                n++;
            }
        }
        return n;
    }

    private static String names(List<Layer> layers, List<Integer> at) {
        List<String> n = new ArrayList<>();
        for (int k : at) {
            n.add(layers.get(k).name());
        }
        return String.join(", ", n);
    }

    /** Keras 3's store name of a class: "SimpleRNN" → "simple_rnn", "GRU" → "gru". */
    static String snake(String cls) {
        return switch (cls) {
            case "SimpleRNN" -> "simple_rnn";
            default -> cls.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        };
    }

    // ------------------------------------------------------------------ arrays

    /** "lstm/lstm_cell/kernel:0" → "kernel". */
    private static String role(String weightName) {
        String s = weightName.substring(weightName.lastIndexOf('/') + 1);
        int colon = s.indexOf(':');
        return colon >= 0 ? s.substring(0, colon) : s;
    }

    private static Raw raw(Dataset ds, String name) throws ImportException {
        int[] dims = ds.getDimensions();
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        if (n > (long) Limits.MAX_SIZE * Limits.MAX_SIZE * 4) {
            throw new ImportException(Message.of("problem.at", name, Message.of("problem.import.keras.arrayTooLarge",
                    ds.getPath(), Arrays.toString(dims))));
        }
        Object flat = ds.getDataFlat();
        double[] out;
        if (flat instanceof float[] f) {
            out = new double[f.length];
            for (int k = 0; k < f.length; k++) {
                out[k] = f[k];
            }
        } else if (flat instanceof double[] d) {
            out = d.clone();
        } else {
            throw new ImportException(Message.of("problem.at", name, Message.of("problem.import.keras.arrayType",
                    ds.getPath(), ds.getJavaType().getSimpleName())));
        }
        for (double v : out) {
            if (!Double.isFinite(v)) {
                throw new ImportException(Message.of("problem.at", name, Message.of("problem.import.keras.nonFinite",
                        ds.getPath())));
            }
        }
        return new Raw(out, dims, flat instanceof float[]);
    }

    private static void expect(Raw r, String file, String what, int... dims) throws ImportException {
        if (!Arrays.equals(r.dims(), dims)) {
            throw new ImportException(Message.of("problem.at", file, Message.of("problem.import.keras.shape", what,
                    Arrays.toString(r.dims()), Arrays.toString(dims))));
        }
    }

    /** Columns {@code from .. from+n} of a (rows, cols) array, transposed: n × rows. */
    private static double[][] transposed(Raw r, int from, int n) {
        int rows = r.dims()[0];
        int cols = r.dims()[1];
        double[][] m = new double[n][rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < n; j++) {
                m[j][i] = r.data()[i * cols + from + j];
            }
        }
        return m;
    }

    // ------------------------------------------------------------------ files

    private static String stringAttribute(Node n, String key) {
        Attribute a = n.getAttribute(key);
        if (a == null) {
            return null;
        }
        Object d = a.getData();
        if (d instanceof String s) {
            return s;
        }
        if (d instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        return String.valueOf(d);
    }

    private static List<String> strings(Object data) {
        if (data instanceof String[] s) {
            return List.of(s);
        }
        if (data instanceof Object[] o) {
            List<String> out = new ArrayList<>();
            for (Object x : o) {
                out.add(String.valueOf(x));
            }
            return out;
        }
        return data == null ? List.of() : List.of(String.valueOf(data));
    }

    private static JsonNode tree(String text, String name) throws ImportException {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            // Jackson's words, as they are in both languages
            throw new ImportException(Message.of("problem.at", name, Message.of("problem.import.keras.configJson",
                    String.valueOf(e.getOriginalMessage()))), e);
        }
    }

    private static byte[] entry(ZipFile zip, String entry, long limit, String name) throws ImportException, IOException {
        ZipEntry e = zip.getEntry(entry);
        if (e == null) {
            throw new ImportException(Message.of("problem.import.keras.noEntry", name, entry));
        }
        try (InputStream in = zip.getInputStream(e)) {
            byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (b.length > limit) {
                throw new ImportException(Message.of("problem.at", name,
                        Message.of("problem.import.keras.entryTooLarge",
                        entry, limit >> 20)));
            }
            return b;
        }
    }
}
