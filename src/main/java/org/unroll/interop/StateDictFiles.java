package org.unroll.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.unroll.engine.InputFile;
import org.unroll.engine.Limits;
import org.unroll.engine.Message;

/**
 * The containers a state dict comes in, read into named tensors: {@code torch.save}'s zip format
 * and its legacy format (a pickle stream), numpy's {@code savez} (a zip of .npy files) and
 * safetensors. Nothing is executed; every size is checked before anything is allocated.
 */
final class StateDictFiles {

    /** What a file held. */
    record Loaded(String format, String version, LinkedHashMap<String, Tensor> tensors) {
    }

    /** The legacy format's first pickle: this long. */
    static final BigInteger LEGACY_MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);

    private static final ObjectMapper JSON = new ObjectMapper();

    private StateDictFiles() {
    }

    static boolean isZip(byte[] head) {
        return head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }

    /** A pickle of protocol 2 or later starts with PROTO and its number. */
    static boolean isPickle(byte[] head) {
        return head.length >= 2 && (head[0] & 0xff) == 0x80 && head[1] >= 2 && head[1] <= 5;
    }

    /** safetensors: a little-endian u64 header size, then a JSON object. */
    static boolean isSafetensors(byte[] head) {
        return head.length >= 9 && head[8] == '{';
    }

    static Loaded read(Path file, byte[] head) throws ImportException, IOException {
        String name = file.getFileName().toString();
        try {
            InputFile.check(file, Limits.MAX_FILE_BYTES);
        } catch (InputFile.Refused e) {
            throw new ImportException(Message.of("problem.at", name, Message.from(e)));
        }
        try {
            if (isZip(head)) {
                return readZip(file);
            }
            if (isPickle(head)) {
                return readLegacy(bytes(file, name));
            }
            if (isSafetensors(head)) {
                return readSafetensors(bytes(file, name));
            }
        } catch (TorchPickle.Refused e) {
            throw new ImportException(Message.of("problem.at", name, Message.from(e)));
        } catch (ZipException e) {
            // the JDK's words for the damage, as they are in both languages
            throw new ImportException(Message.of("problem.import.zipDamaged", name, String.valueOf(e.getMessage())));
        } catch (EOFException e) {
            throw new ImportException(Message.of("problem.import.truncated", name));
        }
        throw new ImportException(Message.of("problem.import.notStateDict", name));
    }

    /** The whole file, bounded by the engine's file limit even if it grows meanwhile (ADR 0031). */
    private static byte[] bytes(Path file, String name) throws ImportException, IOException {
        try {
            return InputFile.readAllBytes(file, Limits.MAX_FILE_BYTES);
        } catch (InputFile.Refused e) {
            throw new ImportException(Message.of("problem.at", name, Message.from(e)));
        }
    }

    // ---- torch.save, zip ----

    private static Loaded readZip(Path file) throws IOException {
        try (ZipFile z = new ZipFile(file.toFile())) {
            String prefix = null;
            boolean npz = false;
            for (Enumeration<? extends ZipEntry> en = z.entries(); en.hasMoreElements(); ) {
                String n = en.nextElement().getName();
                if (n.endsWith("/data.pkl") || n.equals("data.pkl")) {
                    prefix = n.substring(0, n.length() - "data.pkl".length());
                    break;
                }
                if (n.endsWith(".npy")) {
                    npz = true;
                }
            }
            if (prefix == null) {
                if (npz) {
                    return readNpz(z);
                }
                throw new TorchPickle.Refused(Message.of("problem.import.zip.noDataPkl"));
            }
            String version = text(z, prefix + "version");
            String byteorder = text(z, prefix + "byteorder");
            ByteOrder order = "big".equals(byteorder) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            TorchPickle.Safe u = new TorchPickle.Safe();
            Object root = TorchPickle.load(u, entry(z, prefix + "data.pkl"));
            for (TorchPickle.Storage s : u.storages) {
                if (s.values == null) {
                    byte[] raw = entry(z, prefix + "data/" + s.key);
                    s.values = TorchPickle.decode(raw, s.type, s.numel, order);
                }
            }
            return new Loaded("state_dict (torch.save, zip" + (version == null ? "" : ", format version " + version)
                    + ")", null, TorchPickle.tensors(root));
        }
    }

    private static String text(ZipFile z, String name) throws IOException {
        ZipEntry e = z.getEntry(name);
        return e == null ? null : new String(entry(z, name), StandardCharsets.UTF_8).strip();
    }

    private static byte[] entry(ZipFile z, String name) throws IOException {
        ZipEntry e = z.getEntry(name);
        if (e == null) {
            throw new TorchPickle.Refused(Message.of("problem.import.zip.noEntry", name));
        }
        if (e.getSize() > Limits.MAX_FILE_BYTES) {
            throw new TorchPickle.Refused(Message.of("problem.import.zip.entryTooLarge", name));
        }
        try (InputStream in = z.getInputStream(e)) {
            byte[] b = in.readNBytes((int) Limits.MAX_FILE_BYTES + 1);
            if (b.length > Limits.MAX_FILE_BYTES) {
                throw new TorchPickle.Refused(Message.of("problem.import.zip.entryTooLarge", name));
            }
            return b;
        }
    }

    // ---- torch.save, legacy ----

    private static Loaded readLegacy(byte[] bytes) throws IOException {
        InputStream in = new ByteArrayInputStream(bytes);
        TorchPickle.Safe u = new TorchPickle.Safe();
        Object magic = TorchPickle.load(u, in);
        if (!LEGACY_MAGIC.equals(magic instanceof Number n ? new BigInteger(n.toString()) : null)) {
            throw new TorchPickle.Refused(Message.of("problem.import.legacy.noMagic"));
        }
        Object protocol = TorchPickle.load(u, in);
        Object sysInfo = TorchPickle.load(u, in);
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        if (sysInfo instanceof Map<?, ?> m && Boolean.FALSE.equals(m.get("little_endian"))) {
            order = ByteOrder.BIG_ENDIAN;
        }
        Object root = TorchPickle.load(u, in);
        Object keys = TorchPickle.load(u, in);
        Map<String, TorchPickle.Storage> byKey = new HashMap<>();
        for (TorchPickle.Storage s : u.storages) {
            byKey.putIfAbsent(s.key, s);
        }
        DataInputStream data = new DataInputStream(in);
        for (Object k : TorchPickle.tuple(keys)) {
            TorchPickle.Storage s = byKey.get(String.valueOf(k));
            if (s == null) {
                throw new TorchPickle.Refused(Message.of("problem.import.legacy.unusedStorage", k));
            }
            byte[] n8 = new byte[8];
            data.readFully(n8);
            long numel = ByteBuffer.wrap(n8).order(order).getLong();
            if (numel < 0 || numel * s.type.size() > bytes.length) {
                throw new TorchPickle.Refused(Message.of("problem.import.legacy.storageSize", numel, bytes.length));
            }
            byte[] raw = new byte[(int) (numel * s.type.size())];
            data.readFully(raw);
            s.values = TorchPickle.decode(raw, s.type, numel, order);
        }
        for (TorchPickle.Storage s : u.storages) {
            if (s.values == null) {
                s.values = byKey.get(s.key).values;
            }
        }
        return new Loaded("state_dict (torch.save, legacy format, protocol " + protocol + ")", null,
                TorchPickle.tensors(root));
    }

    // ---- numpy savez ----

    private static final Pattern NPY_DESCR = Pattern.compile("'descr':\\s*'([<>|=])([fi])(\\d)'");
    private static final Pattern NPY_ORDER = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern NPY_SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private static Loaded readNpz(ZipFile z) throws IOException {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        List<ZipEntry> entries = new ArrayList<>();
        for (Enumeration<? extends ZipEntry> en = z.entries(); en.hasMoreElements(); ) {
            entries.add(en.nextElement());
        }
        for (ZipEntry e : entries) {
            String n = e.getName();
            if (!n.endsWith(".npy")) {
                throw new TorchPickle.Refused(Message.of("problem.import.npz.notNpy", n));
            }
            out.put(n.substring(0, n.length() - 4), npy(n, entry(z, n)));
        }
        return new Loaded("numpy savez (.npz)", null, out);
    }

    /** One .npy file: magic, version, a header (a Python dict literal), the data. */
    static Tensor npy(String name, byte[] b) {
        if (b.length < 10 || (b[0] & 0xff) != 0x93 || b[1] != 'N' || b[2] != 'U' || b[3] != 'M' || b[4] != 'P'
                || b[5] != 'Y') {
            throw new TorchPickle.Refused(Message.of("problem.import.npy.noMagic", name));
        }
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int major = b[6];
        int hlen;
        int start;
        if (major == 1) {
            hlen = bb.getShort(8) & 0xffff;
            start = 10;
        } else if (major == 2 || major == 3) {
            hlen = bb.getInt(8);
            start = 12;
        } else {
            throw new TorchPickle.Refused(Message.of("problem.at", name,
                    Message.of("problem.import.npy.version", major)));
        }
        if (hlen < 0 || start + hlen > b.length) {
            throw new TorchPickle.Refused(Message.of("problem.at", name,
                    Message.of("problem.import.npy.headerPastEnd")));
        }
        String header = new String(b, start, hlen, StandardCharsets.ISO_8859_1);
        Matcher d = NPY_DESCR.matcher(header);
        Matcher f = NPY_ORDER.matcher(header);
        Matcher s = NPY_SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw new TorchPickle.Refused(Message.of("problem.at", name, Message.of("problem.import.npy.header",
                    header.strip())));
        }
        String kind = d.group(2);
        int size = Integer.parseInt(d.group(3));
        String dtype = (kind.equals("f") ? "float" : "int") + size * 8;
        if (!(dtype.equals("float32") || dtype.equals("float64") || dtype.equals("float16") || dtype.equals("int64")
                || dtype.equals("int32"))) {
            throw new TorchPickle.Refused(Message.of("problem.at", name, Message.of("problem.import.dtype", dtype)));
        }
        List<Integer> shape = new ArrayList<>();
        for (String p : s.group(1).split(",")) {
            if (!p.isBlank()) {
                shape.add(Integer.parseInt(p.strip()));
            }
        }
        int[] dims = shape.stream().mapToInt(Integer::intValue).toArray();
        long n = 1;
        for (int x : dims) {
            n *= x;
        }
        int data = start + hlen;
        if (data + n * size != b.length) {
            throw new TorchPickle.Refused(Message.of("problem.at", name,
                    Message.of("problem.import.npy.dataSize", n * size,
                    b.length - data)));
        }
        TorchPickle.StorageType type = storageOf(dtype);
        byte[] raw = java.util.Arrays.copyOfRange(b, data, b.length);
        double[] v = TorchPickle.decode(raw, type, n, d.group(1).equals(">") ? ByteOrder.BIG_ENDIAN
                : ByteOrder.LITTLE_ENDIAN);
        if (f.group(1).equals("True") && dims.length == 2) {
            double[] t = new double[v.length];
            for (int r = 0; r < dims[0]; r++) {
                for (int c = 0; c < dims[1]; c++) {
                    t[r * dims[1] + c] = v[c * dims[0] + r];
                }
            }
            v = t;
        } else if (f.group(1).equals("True") && dims.length > 2) {
            throw new TorchPickle.Refused(Message.of("problem.at", name, Message.of("problem.import.npy.fortran")));
        }
        return new Tensor(dtype, dims, v);
    }

    private static TorchPickle.StorageType storageOf(String dtype) {
        for (TorchPickle.StorageType t : TorchPickle.STORAGES.values()) {
            if (t.dtype().equals(dtype)) {
                return t;
            }
        }
        throw new TorchPickle.Refused(Message.of("problem.import.dtype", dtype));
    }

    // ---- safetensors ----

    private static final Map<String, String> ST_DTYPES = Map.of("F32", "float32", "F64", "float64", "F16", "float16",
            "BF16", "bfloat16", "I64", "int64", "I32", "int32");

    private static Loaded readSafetensors(byte[] b) throws IOException {
        long hlen = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        if (hlen < 2 || 8 + hlen > b.length) {
            throw new TorchPickle.Refused(Message.of("problem.import.safetensors.headerPastEnd", hlen));
        }
        JsonNode header;
        try {
            header = JSON.readTree(new String(b, 8, (int) hlen, StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new TorchPickle.Refused(Message.of("problem.import.safetensors.notJson"));
        }
        if (header == null || !header.isObject()) {
            throw new TorchPickle.Refused(Message.of("problem.import.safetensors.notObject"));
        }
        int base = 8 + (int) hlen;
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            fields.add(it.next());
        }
        String version = null;
        for (Map.Entry<String, JsonNode> e : fields) {
            String k = e.getKey();
            JsonNode v = e.getValue();
            if (k.equals("__metadata__")) {
                continue;
            }
            String dtype = ST_DTYPES.get(v.path("dtype").asText());
            if (dtype == null) {
                throw new TorchPickle.Refused(Message.of("problem.at", k, Message.of("problem.import.safetensors.dtype",
                        v.path("dtype").toString())));
            }
            JsonNode shape = v.path("shape");
            JsonNode offs = v.path("data_offsets");
            if (!shape.isArray() || !offs.isArray() || offs.size() != 2) {
                throw new TorchPickle.Refused(Message.of("problem.at", k,
                        Message.of("problem.import.safetensors.noShape")));
            }
            int[] dims = new int[shape.size()];
            long n = 1;
            for (int i = 0; i < dims.length; i++) {
                dims[i] = shape.get(i).asInt(-1);
                if (dims[i] < 0) {
                    throw new TorchPickle.Refused(Message.of("problem.at", k,
                            Message.of("problem.import.safetensors.dimension")));
                }
                n *= dims[i];
            }
            long from = offs.get(0).asLong(-1);
            long to = offs.get(1).asLong(-1);
            if (from < 0 || to < from || base + to > b.length) {
                throw new TorchPickle.Refused(Message.of("problem.at", k,
                        Message.of("problem.import.safetensors.offsets")));
            }
            TorchPickle.StorageType type = storageOf(dtype);
            byte[] raw = java.util.Arrays.copyOfRange(b, base + (int) from, base + (int) to);
            out.put(k, new Tensor(dtype, dims, TorchPickle.decode(raw, type, n, ByteOrder.LITTLE_ENDIAN)));
        }
        return new Loaded("safetensors", version, out);
    }
}
