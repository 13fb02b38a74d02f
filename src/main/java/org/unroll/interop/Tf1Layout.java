package org.unroll.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.unroll.engine.Activation;
import org.unroll.engine.CellType;
import org.unroll.engine.GateActivation;
import org.unroll.engine.Limits;
import org.unroll.engine.Message;
import org.unroll.engine.ModelConfig;
import org.unroll.engine.OutputActivation;
import org.unroll.engine.Weights;

/**
 * TensorFlow 1.x {@code BasicLSTMCell}/{@code LSTMCell} weights, given as arrays named as in a TF1
 * checkpoint ({@code rnn/basic_lstm_cell/kernel [I+H, 4H]}, {@code …/bias [4H]}, gate order
 * {@code i, j, f, o}; optionally a dense output layer {@code dense/kernel [H, O]},
 * {@code dense/bias [O]}), in an .npz or safetensors file. TensorFlow adds {@code forget_bias}
 * (1.0 unless the model said otherwise) to the f pre-activation at run time, so the import adds
 * it to the stored f bias: b_f = bias[f] + forget_bias.
 */
final class Tf1Layout {

    private Tf1Layout() {
    }

    /** The key of the cell's kernel, or null when the arrays are not a TF1 LSTM cell's. */
    static String kernelKey(Map<String, Tensor> sd) {
        String found = null;
        for (String k : sd.keySet()) {
            if (k.endsWith("lstm_cell/kernel")) {
                if (found != null) {
                    return "several";
                }
                found = k;
            }
        }
        return found;
    }

    static Imported toImported(StateDictFiles.Loaded loaded, String source, ImportOptions options)
            throws ImportException {
        Map<String, Tensor> sd = loaded.tensors();
        String kk = kernelKey(sd);
        if ("several".equals(kk)) {
            throw new ImportException(Message.of("problem.at", source, Message.of("problem.import.tf1.severalCells")));
        }
        String cellPrefix = kk.substring(0, kk.length() - "kernel".length());
        Tensor kernel = sd.get(kk);
        Tensor bias = sd.get(cellPrefix + "bias");
        for (String k : sd.keySet()) {
            if (k.startsWith(cellPrefix) && !k.equals(kk) && !k.equals(cellPrefix + "bias")) {
                throw new ImportException(Message.of("problem.at", source,
                        Message.of("problem.import.tf1.peepholes", k)));
            }
        }
        if (kernel.shape().length != 2 || kernel.shape()[1] % 4 != 0) {
            throw new ImportException(Message.of("problem.at", source, Message.of("problem.import.tf1.kernel", kk,
                    kernel.shapeText())));
        }
        int h = kernel.shape()[1] / 4;
        int in = kernel.shape()[0] - h;
        if (in < 1 || h < 1 || in > Limits.MAX_SIZE || h > Limits.MAX_SIZE) {
            throw new ImportException(Message.of("problem.at", source, Message.of("problem.import.tf1.kernelLimits", kk,
                    kernel.shapeText())));
        }
        if (bias == null || !bias.hasShape(4 * h)) {
            throw new ImportException(Message.of("problem.at", source, Message.of("problem.import.tf1.bias",
                    cellPrefix + "bias", "(" + 4 * h + ",)")));
        }
        Tensor dk = null;
        Tensor db = null;
        String dense = null;
        for (String k : sd.keySet()) {
            if (k.startsWith(cellPrefix)) {
                continue;
            }
            if (k.endsWith("/kernel")) {
                if (dense != null) {
                    throw new ImportException(Message.of("problem.at", source,
                            Message.of("problem.import.tf1.severalDense",
                            dense, k)));
                }
                dense = k.substring(0, k.length() - "kernel".length());
            } else if (!k.endsWith("/bias")) {
                throw new ImportException(Message.of("problem.at", source, Message.of("problem.import.tf1.stray", k)));
            }
        }
        if (dense != null) {
            dk = sd.get(dense + "kernel");
            db = sd.get(dense + "bias");
            if (dk.shape().length != 2 || dk.shape()[0] != h || (db != null && !db.hasShape(dk.shape()[1]))) {
                throw new ImportException(Message.of("problem.at", source, Message.of("problem.import.tf1.dense",
                        dense + "kernel", dk.shapeText())));
            }
        }
        int out = dk == null ? h : dk.shape()[1];
        OutputActivation g = options.outputActivation() == null ? OutputActivation.LINEAR : options.outputActivation();
        ModelConfig cfg = new ModelConfig(CellType.LSTM, in, h, out, Activation.TANH,
                dk == null ? OutputActivation.LINEAR : g, false, false, GateActivation.SIGMOID);
        Weights w = Weights.zeros(cfg);
        List<Message> mapping = new ArrayList<>();
        List<Message> notes = new ArrayList<>();
        String[] tf = {"i", "j", "f", "o"};
        String[] eng = {"_i", "_a", "_f", "_o"};
        for (int k = 0; k < 4; k++) {
            double[][] wx = new double[h][in];
            double[][] wh = new double[h][h];
            double[] b = new double[h];
            for (int j = 0; j < h; j++) {
                int col = k * h + j;
                for (int c = 0; c < in; c++) {
                    wx[j][c] = kernel.at(c, col);
                }
                for (int c = 0; c < h; c++) {
                    wh[j][c] = kernel.at(in + c, col);
                }
                b[j] = bias.data()[col] + (k == 2 ? options.forgetBias() : 0);
            }
            w.set("Wx" + eng[k], wx);
            w.set("Wh" + eng[k], wh);
            w.setVector("b" + eng[k], b);
            int first = k * h;
            int last = (k + 1) * h - 1;
            mapping.add(Message.of("import.mapping.tf1.wx", "Wx" + eng[k], kk, in - 1, first, last, tf[k]));
            mapping.add(Message.of("import.mapping.tf1.wh", "Wh" + eng[k], kk, in, in + h - 1, first, last, tf[k]));
            mapping.add(k == 2
                    ? Message.of("import.mapping.tf1.bias.forget", "b" + eng[k], cellPrefix + "bias", first, last,
                            tf[k], options.forgetBias())
                    : Message.of("import.mapping.tf1.bias", "b" + eng[k], cellPrefix + "bias", first, last, tf[k]));
        }
        notes.add(Message.of("import.notes.tf1.forgetBias", options.forgetBias()));
        if (dk != null) {
            double[][] wy = new double[out][h];
            for (int j = 0; j < out; j++) {
                for (int c = 0; c < h; c++) {
                    wy[j][c] = dk.at(c, j);
                }
            }
            w.set("Wy", wy);
            mapping.add(Message.of("import.mapping.tf1.denseKernel", dense + "kernel"));
            if (db != null) {
                w.setVector("by", db.data().clone());
                mapping.add(Message.of("import.mapping.by", dense + "bias"));
            }
            notes.add(Message.of("import.notes.tf1.denseActivation", g.key()));
        } else {
            TorchLayout.identityOutput(w, mapping);
            notes.add(Message.of("import.notes.tf1.noDense"));
        }
        return new Imported("TensorFlow 1.x", null, loaded.format(), source, cfg, w, mapping, notes);
    }
}
