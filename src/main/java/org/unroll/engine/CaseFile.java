package org.unroll.engine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes {@code unroll-case/1} files with Jackson, enforcing every rule of the case
 * format's "What is valid" section. The first problem found is reported as a {@link CaseException}
 * naming its JSON path.
 */
public final class CaseFile {

    /** The format tag every case carries. */
    public static final String FORMAT = "unroll-case/1";

    private static final ObjectMapper MAPPER = strictJson().build();

    /**
     * The reading rules of every JSON file Unroll reads (cases, scenes, decks): bounded nesting,
     * numbers and strings; duplicate keys refused; one document per file (anything after it is a
     * mistake, not something to ignore). A new builder each call; the caller may add to it.
     */
    public static JsonMapper.Builder strictJson() {
        return JsonMapper.builder(JsonFactory.builder()
                        .streamReadConstraints(StreamReadConstraints.builder()
                                .maxNestingDepth(Limits.MAX_NESTING)
                                .maxNumberLength(Limits.MAX_NUMBER_CHARS)
                                .maxStringLength(1 << 20)
                                .build())
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * Why bytes are not a UTF-8 document (a message in either language, ADR 0044), or null: a
     * UTF-16 or UTF-32 byte order mark, or a zero byte (which UTF-8 JSON never holds, and UTF-16/32
     * text without a mark always does). The format says UTF-8; Jackson alone would detect and
     * accept the other encodings.
     */
    public static Message encodingProblem(byte[] json) {
        int n = json.length;
        if (n >= 4 && (json[0] == 0 && json[1] == 0 && (json[2] & 0xff) == 0xFE && (json[3] & 0xff) == 0xFF
                || (json[0] & 0xff) == 0xFF && (json[1] & 0xff) == 0xFE && json[2] == 0 && json[3] == 0)) {
            return Message.of("problem.json.utf32");
        }
        if (n >= 2 && ((json[0] & 0xff) == 0xFE && (json[1] & 0xff) == 0xFF
                || (json[0] & 0xff) == 0xFF && (json[1] & 0xff) == 0xFE)) {
            return Message.of("problem.json.utf16");
        }
        for (int i = 0; i < n; i++) {
            if (json[i] == 0) {
                return Message.of("problem.json.zeroByte", i);
            }
        }
        return null;
    }

    /**
     * Why bytes are not a document every JSON reader here accepts (in either language), or null: the
     * {@linkplain #encodingProblem encoding}, or a number literal longer than
     * {@link Limits#MAX_NUMBER_CHARS} characters, its sign, point and exponent included (Jackson's
     * own limit counts the digits only, so a 401-character number with a minus sign or a point
     * passed a 400-character limit; ADR 0031). One pass over the bytes, outside strings.
     */
    public static Message documentProblem(byte[] json) {
        Message enc = encodingProblem(json);
        if (enc != null) {
            return enc;
        }
        boolean inString = false;
        int run = 0;
        int line = 1;
        int column = 0;
        int runColumn = 0;
        for (int i = 0; i <= json.length; i++) {
            int b = i < json.length ? json[i] & 0xff : ' ';
            if (inString) {
                if (b == '\\') {
                    i++;
                    column++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b >= '0' && b <= '9' || b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E') {
                if (run++ == 0) {
                    runColumn = column + 1;
                }
            } else {
                if (run > Limits.MAX_NUMBER_CHARS) {
                    return Message.of("problem.json.numberTooLong", run, line, runColumn, Limits.MAX_NUMBER_CHARS);
                }
                run = 0;
                inString = b == '"';
            }
            if (b == '\n') {
                line++;
                column = 0;
            } else if ((b & 0xC0) != 0x80) {
                column++; // a character starts here (UTF-8 continuation bytes do not count)
            }
        }
        return null;
    }

    private static final Set<String> SEQUENCE_KEYS = Set.of("inputs", "targets", "h0", "c0");

    private CaseFile() {
    }

    /**
     * Reads and validates a case file.
     *
     * @param file the file (not modified)
     * @throws CaseException if the file is not a valid case (path "" for unreadable or malformed files)
     * @throws IOException if the file cannot be read
     */
    public static Case read(Path file) throws CaseException, IOException {
        byte[] json;
        try {
            json = InputFile.readAllBytes(file, Limits.MAX_FILE_BYTES);
        } catch (InputFile.Refused e) {
            // not a regular file (never opened), or beyond the limit: one line, as any invalid case
            throw new CaseException("", e.message());
        }
        return parse(json);
    }

    /**
     * Parses and validates a case from UTF-8 bytes (a byte order mark is accepted).
     *
     * @param json the document (not modified)
     */
    public static Case parse(byte[] json) throws CaseException {
        if (json.length > Limits.MAX_FILE_BYTES) {
            throw new CaseException("", Message.of("problem.json.documentTooLarge", json.length, Limits.MAX_FILE_BYTES));
        }
        Message enc = documentProblem(json);
        if (enc != null) {
            throw new CaseException("", enc);
        }
        // the memory budget (ADR 0032): refused before the tree is built, not out of memory halfway
        Message memory = MemoryBudget.problem(MemoryBudget.jsonBytes(json), MemoryBudget.heap(),
                Message.of("problem.memory.toRead"));
        if (memory != null) {
            throw new CaseException("", memory);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (StreamConstraintsException e) {
            // valid JSON, but beyond one of the engine's limits (nesting depth, number or string length)
            throw new CaseException("", Message.of("problem.json.beyondEngineLimits", JsonErrors.limit(e.getOriginalMessage())));
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage();
            if (msg != null && msg.startsWith("Duplicate field")) {
                String key = msg.substring(msg.indexOf('\'') + 1, msg.lastIndexOf('\''));
                String base = pathOf(e);
                throw new CaseException(base.isEmpty() ? key : base + "." + key, Message.of("problem.json.duplicateKey", key));
            }
            // one line in the reader's words: where (path, line, column) and what, never Jackson's internals
            throw JsonErrors.describe(e);
        } catch (IOException e) {
            throw new CaseException("", Message.of("problem.json.cannotRead", e.getMessage()));
        }
        if (root == null || root.isMissingNode()) {
            throw new CaseException("", Message.of("problem.json.empty"));
        }
        return new Reader(root).read();
    }

    private static String pathOf(JsonProcessingException e) {
        Object ctx = e.getProcessor() instanceof JsonParser p ? p.getParsingContext() : null;
        if (ctx instanceof com.fasterxml.jackson.core.JsonStreamContext c) {
            StringBuilder sb = new StringBuilder();
            buildPath(c.getParent(), sb);
            return sb.toString();
        }
        return "";
    }

    private static void buildPath(com.fasterxml.jackson.core.JsonStreamContext c, StringBuilder sb) {
        if (c == null || c.inRoot()) {
            return;
        }
        buildPath(c.getParent(), sb);
        if (c.inArray()) {
            sb.append('[').append(c.getCurrentIndex()).append(']');
        } else if (c.getCurrentName() != null) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(c.getCurrentName());
        }
    }

    /** The validating reader: walks the tree in document order and stops at the first problem. */
    private static final class Reader {
        private final JsonNode root;

        Reader(JsonNode root) {
            this.root = root;
        }

        Case read() throws CaseException {
            if (!root.isObject()) {
                throw new CaseException("", Message.of("problem.expected.jsonObject", JsonErrors.kindOf(root)));
            }
            JsonNode fmt = root.get("format");
            if (fmt == null) {
                throw new CaseException("format", Message.of("problem.case.format.missing", FORMAT));
            }
            if (!fmt.isTextual() || !FORMAT.equals(fmt.asText())) {
                throw new CaseException("format", Message.of("problem.case.format.wrong", FORMAT, JsonErrors.shown(fmt)));
            }
            String name = optText(root, "name", "name");
            String description = optText(root, "description", "description");
            JsonNode model = object(root, "model", "model");
            CellType cell = enumValue(model, "cell", "model.cell", null, CellType::fromKey,
                    Message.of("problem.or3", "rnn", "lstm", "gru"));
            int in = size(model, "inputSize", "model.inputSize", Limits.MAX_SIZE);
            int hid = size(model, "hiddenSize", "model.hiddenSize", Limits.MAX_SIZE);
            int out = size(model, "outputSize", "model.outputSize", Limits.MAX_SIZE);
            Activation act = enumValue(model, "activation", "model.activation", Activation.TANH,
                    Activation::fromKey, Message.of("problem.or4", "tanh", "sigmoid", "relu", "linear"));
            OutputActivation outAct = enumValue(model, "outputActivation", "model.outputActivation",
                    OutputActivation.LINEAR, OutputActivation::fromKey, Message.of("problem.or3", "linear", "sigmoid", "softmax"));
            boolean peep = bool(model, "peephole", "model.peephole");
            boolean resetAfter = bool(model, "resetAfter", "model.resetAfter");
            if (peep && cell != CellType.LSTM) {
                throw new CaseException("model.peephole", Message.of("problem.case.peephole", cell.key()));
            }
            if (resetAfter && cell != CellType.GRU) {
                throw new CaseException("model.resetAfter", Message.of("problem.case.resetAfter", cell.key()));
            }
            GateActivation gate = enumValue(model, "gateActivation", "model.gateActivation", GateActivation.SIGMOID,
                    GateActivation::fromKey, Message.of("problem.or2", "sigmoid", "hard_sigmoid"));
            if (gate != GateActivation.SIGMOID && cell == CellType.RNN) {
                throw new CaseException("model.gateActivation", Message.of("problem.case.gateActivation", gate.key()));
            }
            ModelConfig cfg = new ModelConfig(cell, in, hid, out, act, outAct, peep, resetAfter, gate);

            JsonNode seq = object(root, "sequence", "sequence");
            JsonNode inputs = seq.get("inputs");
            if (inputs == null) {
                throw new CaseException("sequence.inputs", Message.of("problem.case.inputs.missing", in));
            }
            if (!inputs.isArray() || inputs.isEmpty()) {
                throw new CaseException("sequence.inputs", Message.of("problem.case.inputs.notRows", JsonErrors.shown(inputs)));
            }
            int steps = inputs.size();
            if (steps > Limits.MAX_STEPS) {
                throw new CaseException("sequence.inputs", Message.of("problem.case.inputs.tooManySteps", steps, Limits.MAX_STEPS));
            }
            long bytes = Limits.traceBytes(cfg, steps, 1);
            if (bytes > Limits.MAX_TRACE_BYTES) {
                throw new CaseException("sequence.inputs", Message.of("problem.case.inputs.traceTooLarge", steps, hid,
                        bytes >> 20, Limits.MAX_TRACE_BYTES >> 20));
            }
            // the memory budget (ADR 0032): computing it must fit the heap, checked before anything large is made
            JsonNode trunc = root.get("truncate");
            Message heap = MemoryBudget.problem(Limits.computeBytes(cfg, steps, trunc != null && !trunc.isNull()),
                    MemoryBudget.heap(), Message.of("problem.memory.toCompute", steps, hid));
            if (heap != null) {
                throw new CaseException("sequence.inputs", heap);
            }
            // parameters
            JsonNode params = object(model, "params", "model.params");
            ParamLayout layout = ParamLayout.of(cfg);
            Weights w = new Weights(layout);
            for (ParamSpec p : layout.params()) {
                String path = "model.params." + p.name();
                JsonNode v = params.get(p.name());
                if (v == null) {
                    throw new CaseException(path, Message.of("problem.case.param.missing", describe(cfg), shapeOf(p)));
                }
                if (p.vector()) {
                    w.setVector(p.name(), vector(v, path, p.rows()));
                } else {
                    w.set(p.name(), matrix(v, path, p.rows(), p.cols()));
                }
            }
            for (Iterator<String> it = params.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (layout.param(k) == null) {
                    throw new CaseException("model.params." + k, Message.of("problem.case.param.unknown", describe(cfg),
                            names(layout)));
                }
            }
            // sequence
            for (Iterator<String> it = seq.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!SEQUENCE_KEYS.contains(k)) {
                    throw new CaseException("sequence." + k, Message.of("problem.case.sequence.unknownKey",
                            "inputs, targets, h0, c0"));
                }
            }
            double[][] x = matrix(inputs, "sequence.inputs", steps, in);
            JsonNode tg = seq.get("targets");
            if (tg == null) {
                throw new CaseException("sequence.targets", Message.of("problem.case.targets.missing", steps, out));
            }
            if (!tg.isArray() || tg.size() != steps) {
                throw new CaseException("sequence.targets", Message.of("problem.case.targets.count", steps,
                        tg.isArray() ? Message.of("problem.got.entries", tg.size()) : JsonErrors.shown(tg)));
            }
            double[][] targets = new double[steps][];
            int present = 0;
            for (int t = 0; t < steps; t++) {
                JsonNode e = tg.get(t);
                if (!e.isNull()) {
                    targets[t] = vector(e, "sequence.targets[" + t + "]", out);
                    present++;
                }
            }
            if (present == 0) {
                throw new CaseException("sequence.targets", Message.of("problem.case.targets.allNull"));
            }
            double[] h0 = optVector(seq, "h0", "sequence.h0", hid);
            double[] c0 = optVector(seq, "c0", "sequence.c0", hid);
            if (cell != CellType.LSTM) {
                for (double v : c0) {
                    if (v != 0.0) {
                        throw new CaseException("sequence.c0", Message.of("problem.case.c0", cell.key()));
                    }
                }
            }
            LossKind loss = enumValue(root, "loss", "loss", null, LossKind::fromKey, Message.of("problem.or3", "mse", "sse", "xent"));
            if (loss == LossKind.XENT) {
                if (outAct == OutputActivation.LINEAR) {
                    throw new CaseException("loss", Message.of("problem.case.xent.linear"));
                }
                for (int t = 0; t < steps; t++) {
                    if (targets[t] == null) {
                        continue;
                    }
                    String path = "sequence.targets[" + t + "]";
                    double sum = 0;
                    for (int j = 0; j < out; j++) {
                        double v = targets[t][j];
                        if (v < 0 || (outAct == OutputActivation.SIGMOID && v > 1)) {
                            throw new CaseException(path + "[" + j + "]", outAct == OutputActivation.SOFTMAX
                                    ? Message.of("problem.case.xent.softmaxEntry", v)
                                    : Message.of("problem.case.xent.sigmoidEntry", v));
                        }
                        sum += v;
                    }
                    if (outAct == OutputActivation.SOFTMAX && Math.abs(sum - 1.0) > 1e-9) {
                        throw new CaseException(path, Message.of("problem.case.xent.softmaxSum", sum));
                    }
                }
            }
            Integer truncate = null;
            JsonNode tr = root.get("truncate");
            if (tr != null && !tr.isNull()) {
                truncate = wholeNumber(tr, "truncate", Integer.MAX_VALUE, Message.of("problem.what.truncate"));
            }
            Case.Expected expected = null;
            JsonNode ex = root.get("expected");
            if (ex != null && !ex.isNull()) {
                expected = expected(ex, cfg, steps, layout);
            }
            return new Case(name, description, cfg, w, new Sequence(x, targets, h0, c0), loss, truncate, expected);
        }

        private Case.Expected expected(JsonNode ex, ModelConfig cfg, int steps, ParamLayout layout) throws CaseException {
            if (!ex.isObject()) {
                throw new CaseException("expected", Message.of("problem.expected.object", JsonErrors.shown(ex)));
            }
            Double loss = null;
            JsonNode l = ex.get("loss");
            if (l != null && !l.isNull()) {
                loss = number(l, "expected.loss");
            }
            Shapes shapes = new Shapes(cfg, steps, layout);
            return new Case.Expected(loss, arrays(ex, "forward", shapes), arrays(ex, "deltas", shapes),
                    arrays(ex, "grads", shapes));
        }

        /**
         * The shape the model gives each entry of the expected block, as the rows and columns it is
         * stored with (a vector: one row), or null for a key this model does not compute (which the
         * check reports). An entry of another shape is refused when the case is read, naming both
         * shapes, instead of being compared (ADR 0031).
         */
        private record Shapes(ModelConfig cfg, int steps, ParamLayout layout) {

            /** {rows, columns, how to say it: 0 T×H, 1 T×O, 2 a vector, 3 a parameter's matrix}, or null. */
            int[] of(String part, String key) {
                Cell cell = Cell.of(cfg);
                int h = cfg.hiddenSize();
                int o = cfg.outputSize();
                Quantity q = Quantity.fromKey(key);
                switch (part) {
                    case "forward":
                        if (q == null || !q.inCase() || !cell.forwardQuantities().contains(q)) {
                            return null;
                        }
                        return q == Quantity.Q || q == Quantity.Y ? new int[] {steps, o, 1} : new int[] {steps, h, 0};
                    case "deltas":
                        if (q == Quantity.DH0 || q == Quantity.DC0 && cfg.cell() == CellType.LSTM) {
                            return new int[] {1, h, 2};
                        }
                        if (q == null || !q.inCase() || !cell.deltaQuantities(true).contains(q)) {
                            return null;
                        }
                        return q == Quantity.DQ ? new int[] {steps, o, 1} : new int[] {steps, h, 0};
                    default:
                        ParamSpec p = layout.param(key);
                        return p == null ? null : p.vector() ? new int[] {1, p.rows(), 2} : new int[] {p.rows(), p.cols(), 3};
                }
            }

            static Message text(int[] shape) {
                return switch (shape[2]) {
                    case 0 -> Message.plain(shape[0] + "×" + shape[1] + " (T×H)");
                    case 1 -> Message.plain(shape[0] + "×" + shape[1] + " (T×O)");
                    case 2 -> Message.of("problem.what.vector", shape[1]);
                    default -> Message.plain(shape[0] + "×" + shape[1]);
                };
            }
        }

        private Map<String, double[][]> arrays(JsonNode ex, String part, Shapes shapes) throws CaseException {
            JsonNode n = ex.get(part);
            if (n == null || n.isNull()) {
                return null;
            }
            String base = "expected." + part;
            if (!n.isObject()) {
                throw new CaseException(base, Message.of("problem.expected.object", JsonErrors.shown(n)));
            }
            Map<String, double[][]> m = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String path = base + "." + e.getKey();
                JsonNode v = e.getValue();
                if (!v.isArray()) {
                    throw new CaseException(path, Message.of("problem.expected.array", JsonErrors.shown(v)));
                }
                boolean isMatrix = v.size() > 0 && v.get(0).isArray();
                if (isMatrix) {
                    double[][] rows = new double[v.size()][];
                    for (int r = 0; r < v.size(); r++) {
                        JsonNode row = v.get(r);
                        if (!row.isArray()) {
                            throw new CaseException(path + "[" + r + "]", Message.of("problem.case.expected.row",
                                    JsonErrors.shown(row)));
                        }
                        rows[r] = vector(row, path + "[" + r + "]", row.size());
                    }
                    m.put(e.getKey(), rows);
                } else {
                    m.put(e.getKey(), new double[][] {vector(v, path, v.size())});
                }
                int[] want = shapes.of(part, e.getKey());
                double[][] got = m.get(e.getKey());
                if (want != null && !fits(got, want)) {
                    throw new CaseException(path, Message.of("problem.case.expected.shape", shape(v), e.getKey(),
                            Shapes.text(want)));
                }
            }
            return m;
        }

        private static boolean fits(double[][] m, int[] shape) {
            if (m.length != shape[0]) {
                return false;
            }
            for (double[] row : m) {
                if (row.length != shape[1]) {
                    return false;
                }
            }
            return true;
        }

        private static String names(ParamLayout layout) {
            StringBuilder sb = new StringBuilder();
            for (ParamSpec p : layout.params()) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(p.name());
            }
            return sb.toString();
        }

        /** The model as the messages name it: "lstm", "lstm with peepholes", "gru with resetAfter with hard_sigmoid gates". */
        private static Message describe(ModelConfig cfg) {
            Message s = Message.plain(cfg.cell().key());
            if (cfg.peephole()) {
                s = Message.of("problem.case.model.peepholes", s);
            }
            if (cfg.resetAfter()) {
                s = Message.of("problem.case.model.resetAfter", s);
            }
            if (cfg.gateActivation() != GateActivation.SIGMOID) {
                s = Message.of("problem.case.model.gates", s, cfg.gateActivation().key());
            }
            return s;
        }

        /** A parameter's shape as the messages name it: "a 3×2 matrix", "a vector of length 3". */
        private static Message shapeOf(ParamSpec p) {
            return p.vector() ? Message.of("problem.what.vector", p.rows()) : Message.of("problem.what.matrix", p.rows(), p.cols());
        }
    }

    // ---- small validating accessors ----

    private static JsonNode object(JsonNode parent, String key, String path) throws CaseException {
        JsonNode n = parent.get(key);
        if (n == null) {
            throw new CaseException(path, Message.of("problem.missing.object"));
        }
        if (!n.isObject()) {
            throw new CaseException(path, Message.of("problem.expected.object", JsonErrors.shown(n)));
        }
        return n;
    }

    private static String optText(JsonNode parent, String key, String path) throws CaseException {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new CaseException(path, Message.of("problem.expected.string", JsonErrors.shown(n)));
        }
        return n.asText();
    }

    private interface Lookup<E> {
        E find(String key);
    }

    private static <E> E enumValue(JsonNode parent, String key, String path, E dflt, Lookup<E> lookup, Message allowed)
            throws CaseException {
        JsonNode n = parent.get(key);
        if (n == null) {
            if (dflt == null) {
                throw new CaseException(path, Message.of("problem.missing.oneOf", allowed));
            }
            return dflt;
        }
        E v = n.isTextual() ? lookup.find(n.asText()) : null;
        if (v == null) {
            throw new CaseException(path, Message.of("problem.expected.oneOf", allowed, JsonErrors.shown(n)));
        }
        return v;
    }

    private static boolean bool(JsonNode parent, String key, String path) throws CaseException {
        JsonNode n = parent.get(key);
        if (n == null) {
            return false;
        }
        if (!n.isBoolean()) {
            throw new CaseException(path, Message.of("problem.expected.boolean", JsonErrors.shown(n)));
        }
        return n.booleanValue();
    }

    private static int size(JsonNode parent, String key, String path, int limit) throws CaseException {
        JsonNode n = parent.get(key);
        if (n == null) {
            throw new CaseException(path, Message.of("problem.missing.expected", Message.of("problem.what.wholeNumber1")));
        }
        return wholeNumber(n, path, limit, Message.of("problem.what.wholeNumber1"));
    }

    private static int wholeNumber(JsonNode n, String path, int limit, Message what) throws CaseException {
        if (!n.isNumber()) {
            throw new CaseException(path, Message.of("problem.expected.got", what, JsonErrors.shown(n)));
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d) || d != Math.rint(d) || d < 1) {
            throw new CaseException(path, Message.of("problem.expected.got", what, n.asText()));
        }
        if (d > limit) {
            throw new CaseException(path, Message.of("problem.case.beyondLimit", n.asText(), limit));
        }
        return (int) d;
    }

    private static double number(JsonNode n, String path) throws CaseException {
        if (!n.isNumber()) {
            throw new CaseException(path, Message.of("problem.expected.number", JsonErrors.shown(n)));
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d)) {
            throw new CaseException(path, Message.of("problem.case.overflow", Double.MAX_VALUE));
        }
        return d;
    }

    private static double[] vector(JsonNode n, String path, int len) throws CaseException {
        if (!n.isArray()) {
            throw new CaseException(path, Message.of("problem.expected.got", Message.of("problem.what.vector", len),
                    JsonErrors.shown(n)));
        }
        if (n.size() != len) {
            throw new CaseException(path, Message.of("problem.expected.got", Message.of("problem.what.vector", len),
                    Message.of("problem.got.length", n.size())));
        }
        double[] v = new double[len];
        for (int i = 0; i < len; i++) {
            v[i] = number(n.get(i), path + "[" + i + "]");
        }
        return v;
    }

    private static double[] optVector(JsonNode parent, String key, String path, int len) throws CaseException {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) {
            return new double[len];
        }
        return vector(n, path, len);
    }

    private static double[][] matrix(JsonNode n, String path, int rows, int cols) throws CaseException {
        Message want = Message.of("problem.what.matrix", rows, cols);
        if (!n.isArray()) {
            throw new CaseException(path, Message.of("problem.expected.got", want, JsonErrors.shown(n)));
        }
        if (n.size() != rows) {
            throw new CaseException(path, Message.of("problem.expected.got", want, shape(n)));
        }
        double[][] m = new double[rows][];
        for (int r = 0; r < rows; r++) {
            JsonNode row = n.get(r);
            if (!row.isArray() || row.size() != cols) {
                throw new CaseException(path, Message.of("problem.expected.got", want, shape(n)));
            }
            m[r] = vector(row, path + "[" + r + "]", cols);
        }
        return m;
    }

    private static Message shape(JsonNode n) {
        if (!n.isArray()) {
            return JsonErrors.shown(n);
        }
        int rows = n.size();
        if (rows == 0) {
            return Message.of("problem.got.emptyArray");
        }
        JsonNode first = n.get(0);
        if (!first.isArray()) {
            return Message.of("problem.what.vector", rows);
        }
        int cols = first.size();
        for (int i = 0; i < rows; i++) {
            JsonNode r = n.get(i);
            if (!r.isArray() || r.size() != cols) {
                return r.isArray() ? Message.of("problem.got.raggedLength", cols, i, r.size())
                        : Message.of("problem.got.raggedKind", cols, i, JsonErrors.kindOf(r));
            }
        }
        return Message.plain(rows + "×" + cols);
    }

    // ---- writing ----

    /**
     * Writes a case as JSON, with {@code expected} taken from a trace of it (or the case's own
     * expected block when {@code computed} is null). Nothing is modified.
     *
     * @param c the case
     * @param computed a trace of the case, or null
     * @param out the stream (not closed)
     */
    public static void write(Case c, Trace computed, OutputStream out) throws IOException {
        // whatever Unroll writes it can read: never more than the reader's limit (ADR 0031)
        out = new Capped(out, c, computed != null || c.expected() != null);
        JsonGenerator g = MAPPER.getFactory().createGenerator(out);
        g.setPrettyPrinter(new CasePrettyPrinter());
        g.writeStartObject();
        g.writeStringField("format", FORMAT);
        if (c.name() != null) {
            g.writeStringField("name", c.name());
        }
        if (c.description() != null) {
            g.writeStringField("description", c.description());
        }
        ModelConfig cfg = c.config();
        g.writeObjectFieldStart("model");
        g.writeStringField("cell", cfg.cell().key());
        g.writeNumberField("inputSize", cfg.inputSize());
        g.writeNumberField("hiddenSize", cfg.hiddenSize());
        g.writeNumberField("outputSize", cfg.outputSize());
        g.writeStringField("activation", cfg.activation().key());
        g.writeStringField("outputActivation", cfg.outputActivation().key());
        if (cfg.gateActivation() != GateActivation.SIGMOID) {
            g.writeStringField("gateActivation", cfg.gateActivation().key());
        }
        if (cfg.cell() == CellType.LSTM) {
            g.writeBooleanField("peephole", cfg.peephole());
        }
        if (cfg.cell() == CellType.GRU) {
            g.writeBooleanField("resetAfter", cfg.resetAfter());
        }
        g.writeObjectFieldStart("params");
        for (ParamSpec p : c.weights().layout().params()) {
            g.writeFieldName(p.name());
            if (p.vector()) {
                writeVector(g, c.weights().getVector(p.name()));
            } else {
                writeMatrix(g, c.weights().get(p.name()));
            }
        }
        g.writeEndObject();
        g.writeEndObject();
        Sequence s = c.sequence();
        g.writeObjectFieldStart("sequence");
        g.writeFieldName("inputs");
        writeMatrix(g, s.inputs());
        g.writeFieldName("targets");
        writeMatrix(g, s.targets());
        g.writeFieldName("h0");
        writeVector(g, s.h0());
        if (cfg.cell() == CellType.LSTM) {
            g.writeFieldName("c0");
            writeVector(g, s.c0());
        }
        g.writeEndObject();
        g.writeStringField("loss", c.loss().key());
        if (c.truncate() == null) {
            g.writeNullField("truncate");
        } else {
            g.writeNumberField("truncate", c.truncate());
        }
        if (computed != null) {
            writeExpected(g, computed);
        } else if (c.expected() != null) {
            writeExpected(g, c.expected(), c.weights().layout());
        }
        g.writeEndObject();
        g.flush();
        out.write('\n');
        out.flush();
    }

    /**
     * A case that would be larger as a file than {@link Limits#MAX_FILE_BYTES}, the most the reader
     * takes: refused while it is written, so that no case is written that cannot be read back.
     */
    public static final class TooLarge extends IOException {

        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }

    /** Counts what is written and refuses to go past the case-file limit. */
    private static final class Capped extends java.io.FilterOutputStream {
        private final Case kase;
        private final boolean expected;
        private long written;

        Capped(OutputStream out, Case kase, boolean expected) {
            super(out);
            this.kase = kase;
            this.expected = expected;
        }

        @Override
        public void write(int b) throws IOException {
            count(1);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            count(len);
            out.write(b, off, len);
        }

        private void count(long n) throws TooLarge {
            written += n;
            if (written > Limits.MAX_FILE_BYTES) {
                ModelConfig cfg = kase.config();
                throw new TooLarge("the case (" + cfg.cell().key() + ", T = " + kase.sequence().length()
                        + ", I = " + cfg.inputSize() + ", H = " + cfg.hiddenSize() + ", O = " + cfg.outputSize()
                        + (expected ? ", with its expected block" : "") + ") is more than "
                        + (Limits.MAX_FILE_BYTES >> 20) + " MiB as a file, the limit of the case files Unroll reads");
            }
        }
    }

    private static void writeExpected(JsonGenerator g, Trace tr) throws IOException {
        g.writeObjectFieldStart("expected");
        g.writeNumberField("loss", tr.loss());
        if (tr.truncate() == null) {
            g.writeObjectFieldStart("forward");
            for (Quantity k : tr.forwardQuantities()) {
                g.writeFieldName(k.key());
                writeMatrix(g, tr.forward(k));
            }
            g.writeEndObject();
            if (tr.hasBackward()) {
                g.writeObjectFieldStart("deltas");
                for (Quantity k : tr.deltaQuantities()) {
                    g.writeFieldName(k.key());
                    writeMatrix(g, tr.delta(k));
                }
                for (Quantity k : List.of(Quantity.DH0, Quantity.DC0)) {
                    double[] v = tr.initialDelta(k);
                    if (v != null) {
                        g.writeFieldName(k.key());
                        writeVector(g, v);
                    }
                }
                g.writeEndObject();
            }
        }
        if (tr.hasBackward()) {
            g.writeObjectFieldStart("grads");
            ParamLayout lay = ParamLayout.of(tr.config());
            for (String k : tr.gradKeys()) {
                g.writeFieldName(k);
                double[][] m = tr.grad(k);
                if (lay.param(k).vector()) {
                    writeVector(g, column(m));
                } else {
                    writeMatrix(g, m);
                }
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void writeExpected(JsonGenerator g, Case.Expected e, ParamLayout lay) throws IOException {
        g.writeObjectFieldStart("expected");
        if (e.loss() != null) {
            g.writeNumberField("loss", e.loss());
        }
        writePart(g, "forward", e.forward(), k -> false);
        writePart(g, "deltas", e.deltas(), k -> k.equals("dh0") || k.equals("dc0"));
        writePart(g, "grads", e.grads(), k -> lay.param(k) != null && lay.param(k).vector());
        g.writeEndObject();
    }

    private static void writePart(JsonGenerator g, String part, Map<String, double[][]> m,
                                  java.util.function.Predicate<String> isVector) throws IOException {
        if (m == null || m.isEmpty()) {
            return;
        }
        g.writeObjectFieldStart(part);
        for (Map.Entry<String, double[][]> en : m.entrySet()) {
            g.writeFieldName(en.getKey());
            double[][] v = en.getValue();
            if (isVector.test(en.getKey()) && v.length == 1) {
                writeVector(g, v[0]);
            } else {
                writeMatrix(g, v);
            }
        }
        g.writeEndObject();
    }

    private static double[] column(double[][] m) {
        double[] v = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            v[i] = m[i][0];
        }
        return v;
    }

    private static void writeVector(JsonGenerator g, double[] v) throws IOException {
        g.writeArray(v, 0, v.length);
    }

    private static void writeMatrix(JsonGenerator g, double[][] m) throws IOException {
        g.writeStartArray();
        if (g.getPrettyPrinter() instanceof CasePrettyPrinter pp) {
            pp.markRows(g);
        }
        for (double[] row : m) {
            if (row == null) {
                g.writeNull();
            } else {
                writeVector(g, row);
            }
        }
        g.writeEndArray();
    }
}
