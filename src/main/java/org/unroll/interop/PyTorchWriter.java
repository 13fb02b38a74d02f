package org.unroll.interop;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.unroll.engine.CellType;
import org.unroll.engine.OutputActivation;
import org.unroll.engine.Weights;

/**
 * A network of the engine written as a PyTorch state dict: {@code l1.weight_ih_l0},
 * {@code l1.weight_hh_l0}, {@code l1.bias_ih_l0}, {@code l1.bias_hh_l0} (an nn.RNN, nn.LSTM or
 * nn.GRU named l1) and {@code l2.weight}, {@code l2.bias} (an nn.Linear named l2), the book's model;
 * float64, so that every value is the engine's exactly. As {@code torch.save} writes it (a zip of
 * {@code archive/data.pkl}, {@code archive/data/N}, {@code archive/version}; the pickle written
 * here opcode by opcode, its tensors by persistent ids as torch does), or as safetensors.
 */
public final class PyTorchWriter {

    /** The two containers. */
    public enum Container {
        /** {@code torch.save}'s zip format. */
        PT,
        /** safetensors. */
        SAFETENSORS
    }

    private PyTorchWriter() {
    }

    /**
     * Writes the state dict of {@code w} to {@code out}.
     *
     * @return what the user's script must know, a sentence each (the module to build, the output activation)
     * @throws ImportException naming what PyTorch's modules cannot compute (a peephole LSTM, a reset-before GRU, ...)
     */
    public static List<String> write(Weights w, Container container, OutputStream out) throws ImportException, IOException {
        Map<String, Tensor> sd = TorchLayout.toStateDict(w);
        if (container == Container.PT) {
            writePt(sd, out);
        } else {
            writeSafetensors(sd, out);
        }
        return notes(w);
    }

    /** Checks that {@code w} can be written, without writing (for a message before a file is created). */
    public static void check(Weights w) throws ImportException {
        TorchLayout.toStateDict(w);
    }

    private static List<String> notes(Weights w) {
        var cfg = w.config();
        int i = cfg.inputSize();
        int h = cfg.hiddenSize();
        String module = switch (cfg.cell()) {
            case RNN -> "nn.RNN(" + i + ", " + h + (cfg.activation().key().equals("relu") ? ", nonlinearity='relu'" : "")
                    + ", batch_first=True)";
            case LSTM -> "nn.LSTM(" + i + ", " + h + ", batch_first=True)";
            case GRU -> "nn.GRU(" + i + ", " + h + ", batch_first=True)";
        };
        List<String> n = new ArrayList<>();
        n.add("keys: l1 = " + module + ", l2 = nn.Linear(" + h + ", " + cfg.outputSize() + "); float64 (load_state_dict"
                + " copies into a float32 model)");
        n.add("the bias b is in bias_ih" + (cfg.cell() == CellType.GRU ? " (and bh_a in bias_hh's n block)" : "")
                + "; bias_hh is zero" + (cfg.cell() == CellType.GRU ? " elsewhere" : ""));
        if (cfg.outputActivation() != OutputActivation.LINEAR) {
            n.add("the output activation " + cfg.outputActivation().key() + " follows l2 in the forward pass:"
                    + " apply it in your script");
        }
        return n;
    }

    // ---- the zip ----

    static void writePt(Map<String, Tensor> sd, OutputStream out) throws IOException {
        ZipOutputStream z = new ZipOutputStream(out);
        List<Tensor> storages = new ArrayList<>();
        stored(z, "archive/data.pkl", pickle(sd, storages));
        stored(z, "archive/byteorder", "little".getBytes(StandardCharsets.US_ASCII));
        for (int k = 0; k < storages.size(); k++) {
            double[] v = storages.get(k).data();
            ByteBuffer b = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (double d : v) {
                b.putDouble(d);
            }
            stored(z, "archive/data/" + k, b.array());
        }
        stored(z, "archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        z.finish();
    }

    /** An uncompressed entry with a fixed time, as torch's writer stores them (the file is reproducible). */
    private static void stored(ZipOutputStream z, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        e.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        e.setTime(315532800000L + 86_400_000L); // 1980-01-02, the zip format's first days
        z.putNextEntry(e);
        z.write(data);
        z.closeEntry();
    }

    /** The pickle torch.save writes for an OrderedDict of contiguous float64 tensors (protocol 2). */
    static byte[] pickle(Map<String, Tensor> sd, List<Tensor> storages) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(0x80);
        p.write(2);
        global(p, "collections", "OrderedDict");
        p.write(')');
        p.write('R');
        p.write('(');
        for (Map.Entry<String, Tensor> e : sd.entrySet()) {
            Tensor t = e.getValue();
            unicode(p, e.getKey());
            global(p, "torch._utils", "_rebuild_tensor_v2");
            p.write('(');
            // the persistent id: ('storage', torch.DoubleStorage, key, 'cpu', numel)
            p.write('(');
            unicode(p, "storage");
            global(p, "torch", "DoubleStorage");
            unicode(p, Integer.toString(storages.size()));
            unicode(p, "cpu");
            integer(p, t.data().length);
            p.write('t');
            p.write('Q');
            storages.add(t);
            integer(p, 0);
            int[] shape = t.shape();
            p.write('(');
            for (int d : shape) {
                integer(p, d);
            }
            p.write('t');
            p.write('(');
            long stride = 1;
            long[] strides = new long[shape.length];
            for (int d = shape.length - 1; d >= 0; d--) {
                strides[d] = stride;
                stride *= shape[d];
            }
            for (long s : strides) {
                integer(p, (int) s);
            }
            p.write('t');
            p.write(0x89); // NEWFALSE: requires_grad
            global(p, "collections", "OrderedDict"); // backward_hooks
            p.write(')');
            p.write('R');
            p.write('t');
            p.write('R');
        }
        p.write('u');
        p.write('.');
        return p.toByteArray();
    }

    private static void global(ByteArrayOutputStream p, String module, String name) {
        p.write('c');
        p.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static void unicode(ByteArrayOutputStream p, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        p.write('X');
        p.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
        p.writeBytes(b);
    }

    private static void integer(ByteArrayOutputStream p, int v) {
        p.write('J'); // BININT: a signed 4-byte little-endian integer
        p.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
    }

    // ---- safetensors ----

    static void writeSafetensors(Map<String, Tensor> sd, OutputStream out) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode header = json.createObjectNode();
        long off = 0;
        for (Map.Entry<String, Tensor> e : sd.entrySet()) {
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", "F64");
            var shape = t.putArray("shape");
            for (int d : e.getValue().shape()) {
                shape.add(d);
            }
            long n = e.getValue().data().length * 8L;
            t.putArray("data_offsets").add(off).add(off + n);
            off += n;
        }
        header.putObject("__metadata__").put("format", "pt");
        byte[] h = json.writeValueAsBytes(header);
        int pad = (8 - h.length % 8) % 8;
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length + pad);
        out.write(len.array());
        out.write(h);
        for (int i = 0; i < pad; i++) {
            out.write(' ');
        }
        for (Tensor t : sd.values()) {
            ByteBuffer b = ByteBuffer.allocate(t.data().length * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (double d : t.data()) {
                b.putDouble(d);
            }
            out.write(b.array());
        }
        out.flush();
    }
}
