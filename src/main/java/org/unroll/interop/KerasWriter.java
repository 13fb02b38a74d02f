package org.unroll.interop;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.unroll.engine.AtomicFile;
import org.unroll.engine.CellType;
import org.unroll.engine.GateActivation;
import org.unroll.engine.Message;
import org.unroll.engine.ModelConfig;
import org.unroll.engine.Weights;

/**
 * The engine's weights as a Keras HDF5 file in the layout {@code model.save("x.h5")} writes (tf.keras
 * 2.x): root attributes {@code keras_version}, {@code backend} and {@code model_config} (a Sequential
 * of the recurrent layer with {@code return_sequences=True} and a Dense), and the group
 * {@code model_weights} with {@code layer_names} and, per layer, {@code weight_names} and its
 * datasets ({@code lstm/lstm/kernel:0}, ...), in float64. {@code model.load_weights} of a matching
 * model accepts it (Keras casts to float32); {@link KerasReader} reads it back exactly. See ADR 0021.
 */
public final class KerasWriter {

    /** The layout's Keras version: the one whose hard_sigmoid is the case's. */
    static final String LAYOUT_VERSION = "2.15.0";

    private static final ObjectMapper JSON = new ObjectMapper();

    private KerasWriter() {
    }

    /** Layer names in the file. */
    static String layerName(CellType cell) {
        return switch (cell) {
            case RNN -> "simple_rnn";
            case LSTM -> "lstm";
            case GRU -> "gru";
        };
    }

    /**
     * Writes the file atomically (a temporary file beside it, then moved).
     *
     * @throws ImportException the network has what Keras's layers cannot hold (peepholes)
     */
    public static void write(ModelConfig cfg, Weights w, Path target) throws ImportException, IOException {
        write(cfg, w, target, modelConfig(cfg), LAYOUT_VERSION);
    }

    /** The same with another model_config and keras_version (tests write files of other Keras versions). */
    static void write(ModelConfig cfg, Weights w, Path target, String modelConfig, String version)
            throws ImportException, IOException {
        if (cfg.peephole()) {
            throw new ImportException(Message.of("problem.export.keras.peepholes"));
        }
        CellType cell = cfg.cell();
        int h = cfg.hiddenSize();
        int k = cell.gateCount();
        int in = cfg.inputSize();
        int out = cfg.outputSize();
        double[][] kernel = new double[in][k * h];
        double[][] recurrent = new double[h][k * h];
        double[] bias = new double[k * h];
        double[][] bias2 = cfg.resetAfter() ? new double[2][k * h] : null;
        for (KerasLayout.Gate g : KerasLayout.gates(cell)) {
            int from = g.block() * h;
            double[][] wx = w.get(g.param("Wx"));
            double[][] wh = w.get(g.param("Wh"));
            double[] b = w.getVector(g.param("b"));
            for (int j = 0; j < h; j++) {
                for (int i = 0; i < in; i++) {
                    kernel[i][from + j] = wx[j][i];
                }
                for (int i = 0; i < h; i++) {
                    recurrent[i][from + j] = wh[j][i];
                }
                bias[from + j] = b[j];
            }
        }
        if (bias2 != null) {
            bias2[0] = bias;
            double[] bh = w.getVector("bh_a");
            System.arraycopy(bh, 0, bias2[1], 2 * h, h);
        }
        double[][] wy = w.get("Wy");
        double[][] dk = new double[h][out];
        for (int o = 0; o < out; o++) {
            for (int j = 0; j < h; j++) {
                dk[j][o] = wy[o][j];
            }
        }
        double[] db = w.getVector("by");
        String rnn = layerName(cell);
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        AtomicFile.writeByPath(target, tmp -> {
            try (WritableHdfFile f = HdfFile.write(tmp)) {
                f.putAttribute("keras_version", version);
                f.putAttribute("backend", "tensorflow");
                f.putAttribute("model_config", modelConfig);
                f.putAttribute("written_by", "Unroll (Keras 2 layout of model.save; load with model.load_weights)");
                WritableGroup mw = f.putGroup("model_weights");
                mw.putAttribute("layer_names", new String[] {rnn, "dense"});
                mw.putAttribute("keras_version", version);
                mw.putAttribute("backend", "tensorflow");
                WritableGroup rg = mw.putGroup(rnn);
                rg.putAttribute("weight_names", new String[] {rnn + "/kernel:0", rnn + "/recurrent_kernel:0",
                        rnn + "/bias:0"});
                WritableGroup rg2 = rg.putGroup(rnn);
                rg2.putDataset("kernel:0", kernel);
                rg2.putDataset("recurrent_kernel:0", recurrent);
                if (bias2 != null) {
                    rg2.putDataset("bias:0", bias2);
                } else {
                    rg2.putDataset("bias:0", bias);
                }
                WritableGroup dg = mw.putGroup("dense");
                dg.putAttribute("weight_names", new String[] {"dense/kernel:0", "dense/bias:0"});
                WritableGroup dg2 = dg.putGroup("dense");
                dg2.putDataset("kernel:0", dk);
                dg2.putDataset("bias:0", db);
            }
        });
    }

    /** The Sequential the file describes, as Keras 2's model_config JSON. */
    static String modelConfig(ModelConfig cfg) {
        ObjectNode root = JSON.createObjectNode();
        root.put("class_name", "Sequential");
        ObjectNode c = root.putObject("config");
        c.put("name", "sequential");
        ArrayNode layers = c.putArray("layers");
        ObjectNode input = layers.addObject();
        input.put("class_name", "InputLayer");
        ObjectNode ic = input.putObject("config");
        ArrayNode shape = ic.putArray("batch_input_shape");
        shape.addNull();
        shape.addNull();
        shape.add(cfg.inputSize());
        ic.put("dtype", "float32");
        ic.put("name", "input");
        ObjectNode r = layers.addObject();
        r.put("class_name", KerasLayout.className(cfg.cell()));
        ObjectNode rc = r.putObject("config");
        rc.put("name", layerName(cfg.cell()));
        rc.put("units", cfg.hiddenSize());
        rc.put("activation", cfg.activation().key());
        if (cfg.cell() != CellType.RNN) {
            rc.put("recurrent_activation", cfg.gateActivation() == GateActivation.HARD_SIGMOID ? "hard_sigmoid" : "sigmoid");
        }
        rc.put("use_bias", true);
        rc.put("return_sequences", true);
        if (cfg.cell() == CellType.GRU) {
            rc.put("reset_after", cfg.resetAfter());
        }
        ObjectNode d = layers.addObject();
        d.put("class_name", "Dense");
        ObjectNode dc = d.putObject("config");
        dc.put("name", "dense");
        dc.put("units", cfg.outputSize());
        dc.put("activation", cfg.outputActivation().key());
        dc.put("use_bias", true);
        return root.toString();
    }

    /** The two lines of Python that build the matching model and load the file (for the README and the CLI). */
    public static String python(ModelConfig cfg, String fileName) {
        String layer = KerasLayout.className(cfg.cell()) + "(" + cfg.hiddenSize() + ", activation=\""
                + cfg.activation().key() + "\""
                + (cfg.cell() == CellType.RNN ? "" : ", recurrent_activation=\""
                + (cfg.gateActivation() == GateActivation.HARD_SIGMOID ? "hard_sigmoid" : "sigmoid") + "\"")
                + (cfg.cell() == CellType.GRU ? ", reset_after=" + (cfg.resetAfter() ? "True" : "False") : "")
                + ", return_sequences=True)";
        return "m = keras.Sequential([keras.Input((None, " + cfg.inputSize() + ")), keras.layers." + layer
                + ", keras.layers.Dense(" + cfg.outputSize() + ", activation=\"" + cfg.outputActivation().key() + "\")])\n"
                + "m.load_weights(\"" + fileName + "\")";
    }
}
