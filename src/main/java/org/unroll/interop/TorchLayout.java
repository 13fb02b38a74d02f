package org.unroll.interop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.unroll.engine.Activation;
import org.unroll.engine.CellType;
import org.unroll.engine.GateActivation;
import org.unroll.engine.Limits;
import org.unroll.engine.Message;
import org.unroll.engine.ModelConfig;
import org.unroll.engine.OutputActivation;
import org.unroll.engine.Weights;

/**
 * PyTorch's layout of {@code nn.RNN}/{@code nn.LSTM}/{@code nn.GRU} and {@code nn.Linear} in a
 * state dict, to the engine's parameters and back. {@code weight_ih_l0 (gH, I)},
 * {@code weight_hh_l0 (gH, H)}, {@code bias_ih_l0}, {@code bias_hh_l0 (gH)}; the row blocks are
 * LSTM {@code i, f, g, o} (the engine's i, f, a, o) and GRU {@code r, z, n} (r, z, a). The two
 * biases are summed into b, except the GRU's {@code b_hn}, which sits inside the reset product and
 * is the reset-after GRU's {@code bh_a}.
 */
final class TorchLayout {

    private static final Pattern RECURRENT = Pattern.compile(
            "^(.*?)(weight_ih|weight_hh|bias_ih|bias_hh|weight_hr)_l(\\d+)(_reverse)?$");

    /** The state dict keys written on export: the book's {@code l1} (recurrent) and {@code l2} (Linear). */
    static final String RNN_MODULE = "l1.";
    static final String LINEAR_MODULE = "l2.";

    /** A module at the top level of a state dict (its keys have no prefix), as a refusal names it. */
    private static final Message TOP_LEVEL = Message.of("problem.import.torch.topLevel");

    private TorchLayout() {
    }

    /** Module names as a list (", " in English, "、" in Japanese; the top level said in each language). */
    private static Message list(List<Message> names) {
        Message m = names.get(0);
        for (int i = 1; i < names.size(); i++) {
            m = Message.of("problem.import.list", m, names.get(i));
        }
        return m;
    }

    static Imported toImported(StateDictFiles.Loaded loaded, String source, ImportOptions options)
            throws ImportException {
        Map<String, Tensor> sd = loaded.tensors();
        if (sd.isEmpty()) {
            throw new ImportException(Message.of("problem.import.torch.empty", source));
        }
        // the recurrent module: its prefix, its layers
        String prefix = null;
        Set<Integer> layers = new TreeSet<>();
        Set<String> prefixes = new LinkedHashSet<>();
        for (String k : sd.keySet()) {
            Matcher m = RECURRENT.matcher(k);
            if (m.matches()) {
                prefixes.add(m.group(1));
                if (m.group(4) != null) {
                    throw new ImportException(Message.of("problem.at", source,
                            Message.of("problem.import.torch.bidirectional", k)));
                }
                if (m.group(2).equals("weight_hr")) {
                    throw new ImportException(Message.of("problem.at", source,
                            Message.of("problem.import.torch.projSize", k)));
                }
                layers.add(Integer.parseInt(m.group(3)));
            }
        }
        if (prefixes.isEmpty()) {
            throw new ImportException(Message.of("problem.import.torch.noRecurrent", source));
        }
        if (prefixes.size() > 1) {
            throw new ImportException(Message.of("problem.import.torch.severalModules", source,
                    list(prefixes.stream()
                            .map(p -> p.isEmpty() ? TOP_LEVEL : Message.plain(p.substring(0, p.length() - 1)))
                            .toList())));
        }
        prefix = prefixes.iterator().next();
        int nLayers = layers.size();
        int layer;
        if (options.layer() != null) {
            layer = options.layer();
            if (!layers.contains(layer)) {
                throw new ImportException(Message.of("problem.at", source,
                        Message.of("problem.import.torch.noSuchLayer", layer,
                        nLayers, nLayers - 1)));
            }
        } else if (nLayers > 1) {
            throw new ImportException(Message.of("problem.at", source,
                    Message.of("problem.import.torch.stacked", nLayers,
                    nLayers - 1)));
        } else {
            layer = layers.iterator().next();
        }
        String l = "_l" + layer;
        Tensor wih = need(sd, source, prefix + "weight_ih" + l);
        Tensor whh = need(sd, source, prefix + "weight_hh" + l);
        Tensor bih = sd.get(prefix + "bias_ih" + l);
        Tensor bhh = sd.get(prefix + "bias_hh" + l);
        if (wih.shape().length != 2 || whh.shape().length != 2) {
            throw new ImportException(Message.of("problem.at", source, Message.of("problem.import.torch.notMatrices",
                    prefix + "weight_ih" + l, "weight_hh" + l)));
        }
        int h = whh.shape()[1];
        int in = wih.shape()[1];
        int rows = whh.shape()[0];
        if (h < 1 || rows % h != 0 || wih.shape()[0] != rows) {
            throw new ImportException(Message.of("problem.at", source, Message.of("problem.import.torch.shapes",
                    prefix + "weight_ih" + l, wih.shapeText(), "weight_hh" + l, whh.shapeText())));
        }
        CellType cell = switch (rows / h) {
            case 1 -> CellType.RNN;
            case 3 -> CellType.GRU;
            case 4 -> CellType.LSTM;
            default -> throw new ImportException(Message.of("problem.at", source,
                    Message.of("problem.import.torch.rowBlocks",
                    "weight_hh" + l, whh.shapeText(), rows / h)));
        };
        for (Tensor b : new Tensor[] {bih, bhh}) {
            if (b != null && !b.hasShape(rows)) {
                throw new ImportException(Message.of("problem.at", source, Message.of("problem.import.torch.bias",
                        prefix + l.substring(1), b.shapeText(), "(" + rows + ",)")));
            }
        }
        if (in > Limits.MAX_SIZE || h > Limits.MAX_SIZE) {
            throw new ImportException(Message.of("problem.at", source, Message.of("problem.import.torch.sizes", in, h,
                    Limits.MAX_SIZE)));
        }

        // the output layer: one nn.Linear on h, after the recurrent module
        List<String> keys = new ArrayList<>(sd.keySet());
        int firstRecurrent = keys.indexOf(prefix + "weight_ih_l0") >= 0 ? keys.indexOf(prefix + "weight_ih_l0")
                : keys.indexOf(prefix + "weight_ih" + l);
        Map<String, List<String>> modules = new LinkedHashMap<>();
        for (String k : keys) {
            if (RECURRENT.matcher(k).matches() && k.startsWith(prefix)) {
                continue;
            }
            int dot = k.lastIndexOf('.');
            modules.computeIfAbsent(dot < 0 ? "" : k.substring(0, dot + 1), x -> new ArrayList<>()).add(k);
        }
        String linear = null;
        for (Map.Entry<String, List<String>> e : modules.entrySet()) {
            String mod = e.getKey();
            Message shown = mod.isEmpty() ? TOP_LEVEL : Message.plain(mod.substring(0, mod.length() - 1));
            Tensor w = sd.get(mod + "weight");
            boolean before = keys.indexOf(e.getValue().get(0)) < firstRecurrent;
            boolean weightOnly = w != null && e.getValue().size() == 1;
            boolean linearShape = w != null && w.shape().length == 2 && w.shape()[1] == h
                    && e.getValue().stream().allMatch(k -> k.equals(mod + "weight") || k.equals(mod + "bias"));
            // an nn.Embedding: a weight (n, I) alone; told from a Linear without bias on h by its
            // width, or when I = H by coming first in the file (a pickle's order is the model's)
            if (weightOnly && w.shape().length == 2 && w.shape()[1] == in && (w.shape()[1] != h || before)) {
                throw new ImportException(Message.of("problem.at", source, Message.of("problem.import.torch.embedding",
                        mod + "weight", w.shapeText())));
            }
            if (!linearShape) {
                throw new ImportException(Message.of("problem.at", source,
                        Message.of("problem.import.torch.notLinear", shown,
                        String.join(", ", e.getValue()))));
            }
            if (linear != null) {
                throw new ImportException(Message.of("problem.at", source,
                        Message.of("problem.import.torch.severalLinear",
                        linear.substring(0, linear.length() - 1), shown)));
            }
            linear = mod;
        }
        boolean lastLayer = layer == layers.stream().mapToInt(Integer::intValue).max().getAsInt();

        List<Message> mapping = new ArrayList<>();
        List<Message> notes = new ArrayList<>();
        Activation act = Activation.TANH;
        if (cell == CellType.RNN) {
            act = options.activation() == null ? Activation.TANH : options.activation();
            if (act != Activation.TANH && act != Activation.RELU) {
                throw new ImportException(Message.of("problem.import.torch.rnnActivationOption", act.key()));
            }
            notes.add(options.activation() == null ? Message.of("import.notes.torch.nonlinearity.default", act.key())
                    : Message.of("import.notes.torch.nonlinearity.option", act.key()));
        } else if (options.activation() != null && options.activation() != Activation.TANH) {
            throw new ImportException(Message.of("problem.import.torch.tanhOnlyOption", options.activation().key(),
                    cell == CellType.LSTM ? "LSTM" : "GRU"));
        }
        Tensor lw = null;
        Tensor lb = null;
        int out;
        if (linear != null && lastLayer) {
            lw = sd.get(linear + "weight");
            lb = sd.get(linear + "bias");
            out = lw.shape()[0];
            if (lb != null && !lb.hasShape(out)) {
                throw new ImportException(Message.of("problem.at", source, Message.of("problem.import.torch.linearBias",
                        linear + "bias", lb.shapeText(), linear + "weight", lw.shapeText())));
            }
            if (out < 1 || out > Limits.MAX_SIZE) {
                throw new ImportException(Message.of("problem.at", source,
                        Message.of("problem.import.torch.outputUnits", out)));
            }
        } else {
            out = h;
            notes.add(linear != null ? Message.of("import.notes.torch.notLast", layer, linear, layer - 1)
                    : Message.of("import.notes.torch.noLinear", h));
        }
        if (layer > 0 && linear != null && lastLayer) {
            notes.add(Message.of("import.notes.torch.layerAlone", layer, layer - 1));
        }
        OutputActivation g = options.outputActivation() == null ? OutputActivation.LINEAR : options.outputActivation();
        if (lw != null) {
            notes.add(options.outputActivation() == null
                    ? Message.of("import.notes.torch.outputActivation.default", g.key())
                    : Message.of("import.notes.torch.outputActivation.option", g.key()));
        }
        ModelConfig cfg = new ModelConfig(cell, in, h, out, act, lw == null ? OutputActivation.LINEAR : g, false,
                cell == CellType.GRU, GateActivation.SIGMOID);
        Weights w = Weights.zeros(cfg);
        String pl = prefix + "%s" + l;
        String[] torchGates = switch (cell) {
            case RNN -> new String[] {""};
            case LSTM -> new String[] {"i", "f", "g", "o"};
            case GRU -> new String[] {"r", "z", "n"};
        };
        String[] engineGates = switch (cell) {
            case RNN -> new String[] {""};
            case LSTM -> new String[] {"_i", "_f", "_a", "_o"};
            case GRU -> new String[] {"_r", "_z", "_a"};
        };
        for (int k = 0; k < torchGates.length; k++) {
            boolean blocks = cell != CellType.RNN;
            int first = k * h;
            int end = (k + 1) * h;
            w.set("Wx" + engineGates[k], rows(wih, k * h, h));
            mapping.add(blocks ? Message.of("import.mapping.torch.weights.block", "Wx" + engineGates[k],
                    pl.formatted("weight_ih"), first, end - 1, torchGates[k])
                    : Message.of("import.mapping.torch.weights", "Wx" + engineGates[k], pl.formatted("weight_ih")));
            w.set("Wh" + engineGates[k], rows(whh, k * h, h));
            mapping.add(blocks ? Message.of("import.mapping.torch.weights.block", "Wh" + engineGates[k],
                    pl.formatted("weight_hh"), first, end - 1, torchGates[k])
                    : Message.of("import.mapping.torch.weights", "Wh" + engineGates[k], pl.formatted("weight_hh")));
            double[] bi = bih == null ? new double[h] : slice(bih, k * h, h);
            double[] bh = bhh == null ? new double[h] : slice(bhh, k * h, h);
            if (cell == CellType.GRU && k == 2) {
                w.setVector("b_a", bi);
                w.setVector("bh_a", bh);
                mapping.add(Message.of("import.mapping.torch.gruInputBias", pl.formatted("bias_ih"), first, end));
                mapping.add(Message.of("import.mapping.torch.gruRecurrentBias", pl.formatted("bias_hh"), first, end));
            } else {
                double[] sum = new double[h];
                for (int j = 0; j < h; j++) {
                    sum[j] = bi[j] + bh[j];
                }
                w.setVector("b" + engineGates[k], sum);
                mapping.add(blocks ? Message.of("import.mapping.torch.biases.block", "b" + engineGates[k],
                        pl.formatted("bias_ih"), pl.formatted("bias_hh"), first, end)
                        : Message.of("import.mapping.torch.biases", "b" + engineGates[k], pl.formatted("bias_ih"),
                        pl.formatted("bias_hh")));
            }
        }
        notes.add(cell == CellType.GRU ? Message.of("import.notes.torch.gruBiases")
                : Message.of("import.notes.torch.biasesSummed", l, cell == CellType.RNN ? "b" : "b_i, b_f, b_a, b_o"));
        if (bih == null || bhh == null) {
            notes.add(bih == null && bhh == null ? Message.of("import.notes.torch.noBiases")
                    : Message.of("import.notes.torch.noBias", bih == null ? "bias_ih" : "bias_hh"));
        }
        if (lw != null) {
            w.set("Wy", rows(lw, 0, out));
            mapping.add(Message.of("import.mapping.wy", linear + "weight"));
            if (lb != null) {
                w.setVector("by", slice(lb, 0, out));
                mapping.add(Message.of("import.mapping.by", linear + "bias"));
            } else {
                mapping.add(Message.of("import.mapping.torch.linearNoBias", linear));
            }
        } else {
            TorchLayout.identityOutput(w, mapping);
        }
        String dtype = wih.dtype();
        if (!dtype.equals("float64")) {
            notes.add(Message.of("import.notes.torch.dtype", dtype));
        }
        return new Imported("PyTorch", loaded.version(), loaded.format(), source, cfg, w, mapping, notes);
    }

    /** No output layer in the file: Wy = I, by = 0 (y(t) = h(t)). */
    static void identityOutput(Weights w, List<Message> mapping) {
        int h = w.config().hiddenSize();
        double[][] id = new double[h][h];
        for (int j = 0; j < h; j++) {
            id[j][j] = 1;
        }
        w.set("Wy", id);
        mapping.add(Message.of("import.mapping.identity"));
    }

    private static Tensor need(Map<String, Tensor> sd, String source, String key) throws ImportException {
        Tensor t = sd.get(key);
        if (t == null) {
            throw new ImportException(Message.of("problem.at", source, Message.of("problem.import.torch.noKey", key)));
        }
        return t;
    }

    /** Rows from..from+n of a matrix. */
    static double[][] rows(Tensor t, int from, int n) {
        int cols = t.shape()[1];
        double[][] m = new double[n][cols];
        for (int r = 0; r < n; r++) {
            System.arraycopy(t.data(), (from + r) * cols, m[r], 0, cols);
        }
        return m;
    }

    static double[] slice(Tensor t, int from, int n) {
        double[] v = new double[n];
        System.arraycopy(t.data(), from, v, 0, n);
        return v;
    }

    // ---- export ----

    /**
     * The state dict of a network in the engine: {@code l1.weight_ih_l0 … l1.bias_hh_l0} (the
     * recurrent layer, as nn.RNN/nn.LSTM/nn.GRU names it) and {@code l2.weight}, {@code l2.bias}
     * (the output layer, an nn.Linear): the book's model. All of b goes to bias_ih; bias_hh is
     * zero, except a GRU's b_hn, which is bh_a.
     *
     * @throws ImportException naming what PyTorch's modules cannot compute
     */
    static LinkedHashMap<String, Tensor> toStateDict(Weights w) throws ImportException {
        ModelConfig cfg = w.config();
        CellType cell = cfg.cell();
        if (cell == CellType.RNN && cfg.activation() != Activation.TANH && cfg.activation() != Activation.RELU) {
            throw new ImportException(Message.of("problem.export.torch.rnnActivation", cfg.activation().key()));
        }
        if (cell != CellType.RNN && cfg.activation() != Activation.TANH) {
            throw new ImportException(Message.of("problem.export.torch.tanhOnly",
                    cell == CellType.LSTM ? "LSTM" : "GRU",
                    cfg.activation().key()));
        }
        if (cfg.gateActivation() != GateActivation.SIGMOID) {
            throw new ImportException(Message.of("problem.export.torch.gates", cfg.gateActivation().key()));
        }
        if (cfg.peephole()) {
            throw new ImportException(Message.of("problem.export.torch.peepholes"));
        }
        if (cell == CellType.GRU && !cfg.resetAfter()) {
            throw new ImportException(Message.of("problem.export.torch.resetBefore"));
        }
        int h = cfg.hiddenSize();
        int in = cfg.inputSize();
        String[] gates = switch (cell) {
            case RNN -> new String[] {""};
            case LSTM -> new String[] {"_i", "_f", "_a", "_o"};
            case GRU -> new String[] {"_r", "_z", "_a"};
        };
        int rows = gates.length * h;
        double[] wih = new double[rows * in];
        double[] whh = new double[rows * h];
        double[] bih = new double[rows];
        double[] bhh = new double[rows];
        for (int k = 0; k < gates.length; k++) {
            double[][] x = w.get("Wx" + gates[k]);
            double[][] r = w.get("Wh" + gates[k]);
            double[] b = w.getVector("b" + gates[k]);
            for (int j = 0; j < h; j++) {
                System.arraycopy(x[j], 0, wih, (k * h + j) * in, in);
                System.arraycopy(r[j], 0, whh, (k * h + j) * h, h);
                bih[k * h + j] = b[j];
            }
        }
        if (cell == CellType.GRU) {
            System.arraycopy(w.getVector("bh_a"), 0, bhh, 2 * h, h);
        }
        LinkedHashMap<String, Tensor> sd = new LinkedHashMap<>();
        sd.put(RNN_MODULE + "weight_ih_l0", new Tensor("float64", new int[] {rows, in}, wih));
        sd.put(RNN_MODULE + "weight_hh_l0", new Tensor("float64", new int[] {rows, h}, whh));
        sd.put(RNN_MODULE + "bias_ih_l0", new Tensor("float64", new int[] {rows}, bih));
        sd.put(RNN_MODULE + "bias_hh_l0", new Tensor("float64", new int[] {rows}, bhh));
        int o = cfg.outputSize();
        double[][] wy = w.get("Wy");
        double[] wyf = new double[o * h];
        for (int j = 0; j < o; j++) {
            System.arraycopy(wy[j], 0, wyf, j * h, h);
        }
        sd.put(LINEAR_MODULE + "weight", new Tensor("float64", new int[] {o, h}, wyf));
        sd.put(LINEAR_MODULE + "bias", new Tensor("float64", new int[] {o}, w.getVector("by")));
        return sd;
    }
}
