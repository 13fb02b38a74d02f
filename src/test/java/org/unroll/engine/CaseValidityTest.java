package org.unroll.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * One test per rule of the case format's "What is valid" section (and the defaults of "Envelope"):
 * each invalid document must be rejected with a {@link CaseException} naming the exact JSON path of
 * the first problem and a message that names it; each "accepted" document must parse.
 *
 * <p>Documents are built from the reference cases: the JSON text is loaded, changed with Jackson's
 * tree model (or, for things the tree cannot hold such as {@code NaN}, {@code 1e400} or a duplicate
 * key, by editing the serialized text) and handed to {@link CaseFile#parse(byte[])}.
 */
class CaseValidityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Map<String, ObjectNode> TEMPLATES = new HashMap<>();
    private static final String RAW = "@@RAW@@";

    /** rnn tanh, I=2, H=3, O=1, T=6, mse, target only at step 6 (index 5), h0 given. */
    private static final String RNN = "rnn-tanh-many-to-one";
    /** lstm, I=2, H=3, O=1, T=5, mse, peephole false, h0 and c0 given. */
    private static final String LSTM = "lstm-many-to-many";
    /** gru, I=1, H=2, O=1, T=4, sse, activation/outputActivation/h0/c0 omitted. */
    private static final String GRU = "gru-defaults-omitted";
    /** gru resetAfter, I=2, H=4, O=3, softmax + xent, target only at index 4. */
    private static final String XENT_SOFTMAX = "gru-reset-after-xent-softmax-many-to-one";
    /** lstm, I=3, H=4, O=2, sigmoid + xent, targets at every step (T=8). */
    private static final String XENT_SIGMOID = "lstm-xent-sigmoid";

    // ------------------------------------------------------------------ helpers

    private static ObjectNode template(String name) {
        ObjectNode t = TEMPLATES.computeIfAbsent(name, n -> {
            try (InputStream in = CaseValidityTest.class.getResourceAsStream("/cases/" + n + ".json")) {
                if (in == null) {
                    throw new IllegalStateException("no reference case " + n);
                }
                return (ObjectNode) JSON.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return t.deepCopy();
    }

    private static ObjectNode model(ObjectNode doc) {
        return (ObjectNode) doc.get("model");
    }

    private static ObjectNode params(ObjectNode doc) {
        return (ObjectNode) model(doc).get("params");
    }

    private static ObjectNode seq(ObjectNode doc) {
        return (ObjectNode) doc.get("sequence");
    }

    private static ArrayNode targets(ObjectNode doc) {
        return (ArrayNode) seq(doc).get("targets");
    }

    private static ArrayNode arr(double... v) {
        ArrayNode a = F.arrayNode();
        for (double d : v) {
            a.add(d);
        }
        return a;
    }

    private static ArrayNode mat(double[]... rows) {
        ArrayNode a = F.arrayNode();
        for (double[] r : rows) {
            a.add(arr(r));
        }
        return a;
    }

    private static ObjectNode edit(String template, Consumer<ObjectNode> change) {
        ObjectNode doc = template(template);
        change.accept(doc);
        return doc;
    }

    private static String text(JsonNode doc) {
        try {
            return JSON.writeValueAsString(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document's text with the string value {@link #RAW} replaced by a raw literal. */
    private static String withRaw(JsonNode doc, String literal) {
        String s = text(doc);
        String quoted = "\"" + RAW + "\"";
        assertEquals(1, s.split(java.util.regex.Pattern.quote(quoted), -1).length - 1, "exactly one placeholder");
        return s.replace(quoted, literal);
    }

    /** The text with the first occurrence of {@code target} replaced (which must exist). */
    private static String replaceOnce(String s, String target, String replacement) {
        int i = s.indexOf(target);
        assertTrue(i >= 0, "test setup: '" + target + "' not in the document");
        return s.substring(0, i) + replacement + s.substring(i + target.length());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Case accepts(JsonNode doc) {
        return accepts(utf8(text(doc)));
    }

    private static Case accepts(byte[] doc) {
        try {
            return CaseFile.parse(doc);
        } catch (CaseException e) {
            return fail("expected the case to be accepted, got: " + e.getMessage());
        }
    }

    private static CaseException rejects(JsonNode doc) {
        return rejects(utf8(text(doc)));
    }

    private static CaseException rejects(byte[] doc) {
        return assertThrows(CaseException.class, () -> CaseFile.parse(doc));
    }

    /** Asserts the exact path and that the problem mentions every fragment (case-insensitive). */
    private static CaseException assertProblem(CaseException e, String path, String... fragments) {
        assertEquals(path, e.path(), () -> "path of: " + e.getMessage());
        String low = e.problem().toLowerCase(Locale.ROOT);
        for (String f : fragments) {
            assertTrue(low.contains(f.toLowerCase(Locale.ROOT)),
                    () -> "message should mention '" + f + "': " + e.getMessage());
        }
        assertEquals(path.isEmpty() ? e.problem() : path + ": " + e.problem(), e.getMessage());
        return e;
    }

    private static CaseException assertInvalid(JsonNode doc, String path, String... fragments) {
        return assertProblem(rejects(doc), path, fragments);
    }

    private static CaseException assertInvalid(String doc, String path, String... fragments) {
        return assertProblem(rejects(utf8(doc)), path, fragments);
    }

    private static int firstTargetIndex(ObjectNode doc) {
        ArrayNode t = targets(doc);
        for (int i = 0; i < t.size(); i++) {
            if (!t.get(i).isNull()) {
                return i;
            }
        }
        throw new IllegalStateException("no target");
    }

    /** Loss of a case: two cases that must mean the same network give the same bits. */
    private static long lossBits(Case c) {
        return Double.doubleToRawLongBits(c.compute().loss());
    }

    // ------------------------------------------------------------------ the reference cases themselves

    @Test
    void templatesAreValid() {
        for (String t : new String[] {RNN, LSTM, GRU, XENT_SOFTMAX, XENT_SIGMOID}) {
            accepts(template(t));
        }
    }

    // ------------------------------------------------------------------ format

    @Test
    void missingFormatIsInvalid() {
        assertInvalid(edit(RNN, d -> d.remove("format")), "format", "missing", "unroll-case/1");
    }

    @Test
    void wrongFormatIsInvalid() {
        assertInvalid(edit(RNN, d -> d.put("format", "unroll-case/2")), "format", "unroll-case/1", "unroll-case/2");
        assertInvalid(edit(RNN, d -> d.put("format", 1)), "format", "unroll-case/1");
        assertInvalid(edit(RNN, d -> d.putNull("format")), "format", "unroll-case/1");
        assertInvalid(edit(RNN, d -> d.put("format", "UNROLL-CASE/1")), "format", "unroll-case/1");
    }

    @Test
    void documentThatIsNotAnObjectIsInvalid() {
        assertInvalid("[1, 2]", "", "object");
        assertInvalid("\"unroll-case/1\"", "", "object");
        assertInvalid("", "", "empty");
    }

    // ------------------------------------------------------------------ required members

    @Test
    void requiredMembersMissingAreInvalid() {
        assertInvalid(edit(RNN, d -> d.remove("model")), "model", "missing");
        assertInvalid(edit(RNN, d -> d.remove("sequence")), "sequence", "missing");
        assertInvalid(edit(RNN, d -> d.remove("loss")), "loss", "missing", "mse, sse or xent");
        assertInvalid(edit(RNN, d -> model(d).remove("cell")), "model.cell", "missing", "rnn, lstm or gru");
        assertInvalid(edit(RNN, d -> model(d).remove("inputSize")), "model.inputSize", "missing", "whole number");
        assertInvalid(edit(RNN, d -> model(d).remove("hiddenSize")), "model.hiddenSize", "missing", "whole number");
        assertInvalid(edit(RNN, d -> model(d).remove("outputSize")), "model.outputSize", "missing", "whole number");
        assertInvalid(edit(RNN, d -> model(d).remove("params")), "model.params", "missing");
        assertInvalid(edit(RNN, d -> seq(d).remove("inputs")), "sequence.inputs", "missing");
        assertInvalid(edit(RNN, d -> seq(d).remove("targets")), "sequence.targets", "missing");
        assertInvalid(edit(RNN, d -> seq(d).putArray("inputs")), "sequence.inputs", "non-empty");
    }

    // ------------------------------------------------------------------ sizes

    @Test
    void sizesThatAreNotWholeNumbersAreInvalid() {
        assertInvalid(edit(RNN, d -> model(d).put("inputSize", 1.5)), "model.inputSize", "whole number", "1.5");
        assertInvalid(edit(RNN, d -> model(d).put("hiddenSize", 2.25)), "model.hiddenSize", "whole number", "2.25");
        assertInvalid(edit(RNN, d -> model(d).put("outputSize", "1")), "model.outputSize", "whole number", "\"1\"");
        assertInvalid(edit(RNN, d -> model(d).put("inputSize", true)), "model.inputSize", "whole number", "true");
        assertInvalid(edit(RNN, d -> model(d).putNull("hiddenSize")), "model.hiddenSize", "whole number", "null");
        assertInvalid(edit(RNN, d -> model(d).putArray("outputSize").add(1)), "model.outputSize", "whole number");
    }

    @Test
    void sizesBelowOneAreInvalid() {
        assertInvalid(edit(RNN, d -> model(d).put("inputSize", 0)), "model.inputSize", "≥ 1", "0");
        assertInvalid(edit(RNN, d -> model(d).put("hiddenSize", -3)), "model.hiddenSize", "≥ 1", "-3");
        assertInvalid(edit(RNN, d -> model(d).put("outputSize", 0)), "model.outputSize", "≥ 1", "0");
        assertInvalid(edit(RNN, d -> model(d).put("outputSize", -0.5)), "model.outputSize", "≥ 1");
    }

    @Test
    void sizesBeyondTheEngineLimitAreInvalidWithTheLimitNamed() {
        String lim = String.valueOf(Limits.MAX_SIZE);
        int over = Limits.MAX_SIZE + 1;
        assertInvalid(edit(RNN, d -> model(d).put("inputSize", over)), "model.inputSize", "limit", lim, String.valueOf(over));
        assertInvalid(edit(RNN, d -> model(d).put("hiddenSize", over)), "model.hiddenSize", "limit", lim);
        assertInvalid(edit(RNN, d -> model(d).put("outputSize", over)), "model.outputSize", "limit", lim);
        assertInvalid(edit(RNN, d -> model(d).put("hiddenSize", 1e9)), "model.hiddenSize", "limit", lim);
        // an integer that overflows int and long must not wrap around to something small
        assertInvalid(withRaw(edit(RNN, d -> model(d).put("hiddenSize", RAW)), "18446744073709551619"),
                "model.hiddenSize", "limit", lim);
        assertInvalid(withRaw(edit(RNN, d -> model(d).put("hiddenSize", RAW)), "4294967299"),
                "model.hiddenSize", "limit", lim);
    }

    @Test
    void sizeAtTheEngineLimitIsAccepted() {
        // rnn with I = MAX_SIZE, H = O = T = 1: small enough to write out, big enough to be at the limit
        int n = Limits.MAX_SIZE;
        ObjectNode d = edit(RNN, doc -> {
            ObjectNode m = model(doc);
            m.put("inputSize", n);
            m.put("hiddenSize", 1);
            m.put("outputSize", 1);
            ObjectNode p = m.putObject("params");
            p.set("Wx", mat(new double[n]));
            p.set("Wh", mat(new double[1]));
            p.set("b", arr(0));
            p.set("Wy", mat(new double[1]));
            p.set("by", arr(0));
            ObjectNode s = doc.putObject("sequence");
            s.set("inputs", mat(new double[n]));
            s.putArray("targets").add(arr(0.5));
            doc.remove("expected");
        });
        Case c = accepts(d);
        assertEquals(n, c.config().inputSize());
    }

    // ------------------------------------------------------------------ T and trace memory

    /** An rnn document with T rows of {@code [0.0]}, I = O = 1, empty params: cheap to build at any T. */
    private static String longSequence(String cell, int hidden, int steps) {
        StringBuilder sb = new StringBuilder(steps * 8 + 200);
        sb.append("{\"format\":\"unroll-case/1\",\"model\":{\"cell\":\"").append(cell)
                .append("\",\"inputSize\":1,\"hiddenSize\":").append(hidden)
                .append(",\"outputSize\":1,\"params\":{}},\"sequence\":{\"inputs\":[");
        for (int t = 0; t < steps; t++) {
            sb.append(t == 0 ? "[0.0]" : ",[0.0]");
        }
        sb.append("],\"targets\":[");
        for (int t = 0; t < steps; t++) {
            sb.append(t == 0 ? "" : ",").append(t == steps - 1 ? "[0.5]" : "null");
        }
        sb.append("]},\"loss\":\"mse\"}");
        return sb.toString();
    }

    @Test
    void stepsBeyondTheEngineLimitAreRejected() {
        String doc = longSequence("rnn", 1, Limits.MAX_STEPS + 1);
        CaseException e = rejects(utf8(doc));
        assertProblem(e, "sequence.inputs", "limit", String.valueOf(Limits.MAX_STEPS), String.valueOf(Limits.MAX_STEPS + 1));
    }

    @Test
    void stepsAtTheEngineLimitAreAccepted() {
        // same cheap document at T = MAX_STEPS, with the parameters written out (H = 1)
        String doc = longSequence("rnn", 1, Limits.MAX_STEPS).replace("\"params\":{}",
                "\"params\":{\"Wx\":[[0.1]],\"Wh\":[[0.2]],\"b\":[0.0],\"Wy\":[[1.0]],\"by\":[0.0]}");
        Case c = accepts(utf8(doc));
        assertEquals(Limits.MAX_STEPS, c.sequence().length());
    }

    @Test
    void traceMemoryBeyondTheEngineLimitIsRejectedBeforeAllocating() {
        // H = MAX_SIZE with T = 6000: a few tens of kilobytes of JSON that would need more than the
        // trace limit. The params are left empty: the limit must be checked before they are read
        // (and before the H×H weights are allocated) — were they read first, the problem would be
        // the missing model.params.Wx, not the limit at sequence.inputs.
        int h = Limits.MAX_SIZE;
        int steps = 6000;
        ModelConfig cfg = ModelConfig.of(CellType.RNN, 1, h, 1);
        assertTrue(Limits.traceBytes(cfg, steps, 1) > Limits.MAX_TRACE_BYTES, "test setup: must be beyond the limit");
        String doc = longSequence("rnn", h, steps);
        CaseException e = rejects(utf8(doc));
        assertProblem(e, "sequence.inputs", "limit", (Limits.MAX_TRACE_BYTES >> 20) + " MiB", "T=" + steps, "H=" + h);

        // an lstm at a quarter of the size limit with a long sequence, too
        String lstm = longSequence("lstm", 512, 20_000);
        assertTrue(Limits.traceBytes(ModelConfig.of(CellType.LSTM, 1, 512, 1), 20_000, 1) > Limits.MAX_TRACE_BYTES);
        CaseException e2 = rejects(utf8(lstm));
        assertProblem(e2, "sequence.inputs", "limit", (Limits.MAX_TRACE_BYTES >> 20) + " MiB");
    }

    // ------------------------------------------------------------------ numbers

    @Test
    void nanAndInfinityLiteralsAreInvalidJson() {
        for (String lit : new String[] {"NaN", "Infinity", "-Infinity", "+Infinity", "nan", "inf"}) {
            String doc = withRaw(edit(RNN, d -> ((ArrayNode) params(d).get("by")).set(0, TextNode.valueOf(RAW))), lit);
            // the path of the array the parser was in, the line and column
            CaseException e = assertProblem(rejects(utf8(doc)), "model.params.by", "not valid JSON", "line");
            assertFalse(e.problem().contains("Source"), e.problem());
            assertFalse(e.problem().isBlank());
        }
    }

    @Test
    void numbersThatOverflowADoubleAreInvalidAtTheirPath() {
        Map<String, Consumer<ObjectNode>> where = new java.util.LinkedHashMap<>();
        where.put("model.params.by[0]", d -> ((ArrayNode) params(d).get("by")).set(0, TextNode.valueOf(RAW)));
        where.put("model.params.Wx[1][0]",
                d -> ((ArrayNode) params(d).get("Wx").get(1)).set(0, TextNode.valueOf(RAW)));
        where.put("sequence.inputs[2][1]",
                d -> ((ArrayNode) seq(d).get("inputs").get(2)).set(1, TextNode.valueOf(RAW)));
        where.put("sequence.targets[5][0]", d -> ((ArrayNode) targets(d).get(5)).set(0, TextNode.valueOf(RAW)));
        where.put("sequence.h0[1]", d -> ((ArrayNode) seq(d).get("h0")).set(1, TextNode.valueOf(RAW)));
        where.put("expected.loss", d -> ((ObjectNode) d.get("expected")).put("loss", RAW));
        where.put("expected.forward.h[0][2]",
                d -> ((ArrayNode) d.get("expected").get("forward").get("h").get(0)).set(2, TextNode.valueOf(RAW)));
        for (Map.Entry<String, Consumer<ObjectNode>> w : where.entrySet()) {
            for (String lit : new String[] {"1e400", "-1e400", "1.7976931348623159e308", "1" + "0".repeat(320)}) {
                String doc = withRaw(edit(RNN, w.getValue()), lit);
                assertProblem(rejects(utf8(doc)), w.getKey(), "overflow");
            }
        }
        // a size that overflows is not a whole number
        assertInvalid(withRaw(edit(RNN, d -> model(d).put("inputSize", RAW)), "1e400"), "model.inputSize", "whole number");
        assertInvalid(withRaw(edit(RNN, d -> d.put("truncate", RAW)), "1e400"), "truncate", "whole number");
    }

    @Test
    void numbersThatUnderflowToZeroAreFiniteAndAccepted() {
        Case c = accepts(utf8(withRaw(edit(RNN, d -> ((ArrayNode) seq(d).get("h0")).set(1, TextNode.valueOf(RAW))),
                "1e-400")));
        assertEquals(0.0, c.sequence().h0()[1]);
        Case c2 = accepts(utf8(withRaw(edit(RNN, d -> ((ArrayNode) seq(d).get("h0")).set(1, TextNode.valueOf(RAW))),
                "4.9e-324")));
        assertEquals(Double.MIN_VALUE, c2.sequence().h0()[1]);
    }

    // ------------------------------------------------------------------ params

    @Test
    void missingParameterIsInvalid() {
        assertInvalid(edit(LSTM, d -> params(d).remove("Wh_f")), "model.params.Wh_f", "missing", "3×3 matrix");
        assertInvalid(edit(LSTM, d -> params(d).remove("b_o")), "model.params.b_o", "missing", "vector of length 3");
        assertInvalid(edit(RNN, d -> params(d).remove("Wy")), "model.params.Wy", "missing", "1×3 matrix");
        assertInvalid(edit(XENT_SOFTMAX, d -> params(d).remove("bh_a")), "model.params.bh_a", "missing", "vector of length 4");
        assertInvalid(edit(LSTM, d -> {
            model(d).put("peephole", true);
            params(d).set("p_i", arr(0, 0, 0));
            params(d).set("p_f", arr(0, 0, 0));
        }), "model.params.p_o", "missing", "peephole");
        assertInvalid(edit(RNN, d -> model(d).putObject("params")), "model.params.Wx", "missing");
        assertInvalid(edit(RNN, d -> model(d).putArray("params")), "model.params", "object");
    }

    @Test
    void unknownParameterIsInvalid() {
        assertInvalid(edit(LSTM, d -> params(d).set("p_i", arr(0.1, 0.2, 0.3))), "model.params.p_i",
                "unknown parameter", "lstm");
        assertInvalid(edit(GRU, d -> params(d).set("bh_a", arr(0, 0))), "model.params.bh_a", "unknown parameter", "gru");
        assertInvalid(edit(LSTM, d -> params(d).set("Wx", mat(new double[] {0, 0}, new double[] {0, 0}, new double[] {0, 0}))),
                "model.params.Wx", "unknown parameter");
        assertInvalid(edit(RNN, d -> params(d).set("wx", mat(new double[] {0, 0}, new double[] {0, 0}, new double[] {0, 0}))),
                "model.params.wx", "unknown parameter");
        // the message names what is expected
        CaseException e = rejects(edit(RNN, d -> params(d).put("V", 1)));
        assertProblem(e, "model.params.V", "Wx, Wh, b, Wy, by");
    }

    @Test
    void parameterWithTheWrongShapeIsInvalid() {
        CaseException e = rejects(edit(LSTM, d -> params(d).set("Wx_i",
                mat(new double[] {0.1}, new double[] {0.2}, new double[] {0.3}))));
        assertEquals("model.params.Wx_i: expected a 3×2 matrix, got 3×1", e.getMessage());
        assertInvalid(edit(LSTM, d -> params(d).set("Wx_i", mat(new double[3], new double[3]))),
                "model.params.Wx_i", "expected a 3×2 matrix, got 2×3");
        assertInvalid(edit(LSTM, d -> params(d).set("Wx_i", mat(new double[2], new double[1], new double[2]))),
                "model.params.Wx_i", "expected a 3×2 matrix", "ragged", "row 1 has length 1");
        assertInvalid(edit(LSTM, d -> params(d).set("Wx_i", arr(0, 0, 0))),
                "model.params.Wx_i", "expected a 3×2 matrix", "vector of length 3");
        assertInvalid(edit(LSTM, d -> params(d).set("Wh_a", mat(new double[3], new double[3]))),
                "model.params.Wh_a", "expected a 3×3 matrix, got 2×3");
        assertInvalid(edit(LSTM, d -> params(d).set("b_i", arr(0, 0))),
                "model.params.b_i", "expected a vector of length 3, got length 2");
        assertInvalid(edit(LSTM, d -> params(d).set("b_i", F.objectNode())), "model.params.b_i", "vector of length 3");
        assertInvalid(edit(RNN, d -> params(d).set("Wy", arr(0, 0, 0))), "model.params.Wy", "expected a 1×3 matrix");
        // right shape, wrong element
        assertInvalid(edit(LSTM, d -> ((ArrayNode) params(d).get("Wx_i").get(2)).set(1, TextNode.valueOf("0.5"))),
                "model.params.Wx_i[2][1]", "number");
        assertInvalid(edit(LSTM, d -> ((ArrayNode) params(d).get("b_f")).set(0, F.nullNode())),
                "model.params.b_f[0]", "number");
    }

    // ------------------------------------------------------------------ options that do not apply

    @Test
    void optionThatChangesNothingIsAccepted() throws Exception {
        long gru = lossBits(accepts(template(GRU)));
        Case peepGru = accepts(edit(GRU, d -> model(d).put("peephole", false)));
        assertFalse(peepGru.config().peephole());
        assertEquals(gru, lossBits(peepGru));
        assertEquals(gru, lossBits(accepts(edit(GRU, d -> seq(d).set("c0", arr(0, 0))))));
        assertEquals(gru, lossBits(accepts(edit(GRU, d -> seq(d).set("c0", arr(-0.0, 0))))));

        long rnn = lossBits(accepts(template(RNN)));
        Case c0Rnn = accepts(edit(RNN, d -> seq(d).set("c0", arr(0, 0, 0))));
        assertArrayEquals(new double[3], c0Rnn.sequence().c0());
        assertEquals(rnn, lossBits(c0Rnn));
        assertEquals(rnn, lossBits(accepts(edit(RNN, d -> {
            model(d).put("peephole", false);
            model(d).put("resetAfter", false);
        }))));

        long lstm = lossBits(accepts(template(LSTM)));
        assertEquals(lstm, lossBits(accepts(edit(LSTM, d -> model(d).put("resetAfter", false)))));
    }

    @Test
    void optionThatWouldChangeSomethingIsInvalid() {
        assertInvalid(edit(RNN, d -> model(d).put("peephole", true)), "model.peephole", "lstm", "rnn");
        assertInvalid(edit(GRU, d -> model(d).put("peephole", true)), "model.peephole", "lstm", "gru");
        assertInvalid(edit(RNN, d -> model(d).put("resetAfter", true)), "model.resetAfter", "gru", "rnn");
        assertInvalid(edit(LSTM, d -> model(d).put("resetAfter", true)), "model.resetAfter", "gru", "lstm");
        assertInvalid(edit(GRU, d -> seq(d).set("c0", arr(0, 0.5))), "sequence.c0", "gru", "zeros");
        assertInvalid(edit(RNN, d -> seq(d).set("c0", arr(0, 0, 1e-300))), "sequence.c0", "rnn", "zeros");
        // and options must be booleans
        assertInvalid(edit(LSTM, d -> model(d).put("peephole", "false")), "model.peephole", "true or false");
        assertInvalid(edit(GRU, d -> model(d).put("resetAfter", 0)), "model.resetAfter", "true or false");
    }

    @Test
    void gateActivationIsSigmoidOrHardSigmoid() {
        // sigmoid is the default, and changes nothing on an rnn
        long lstm = lossBits(accepts(template(LSTM)));
        assertEquals(lstm, lossBits(accepts(edit(LSTM, d -> model(d).put("gateActivation", "sigmoid")))));
        long rnn = lossBits(accepts(template(RNN)));
        assertEquals(rnn, lossBits(accepts(edit(RNN, d -> model(d).put("gateActivation", "sigmoid")))));
        // hard_sigmoid gates change an lstm's and a gru's numbers
        Case hard = accepts(edit(LSTM, d -> model(d).put("gateActivation", "hard_sigmoid")));
        assertEquals(GateActivation.HARD_SIGMOID, hard.config().gateActivation());
        assertNotEquals(lstm, lossBits(hard));
        assertEquals(GateActivation.HARD_SIGMOID,
                accepts(edit(GRU, d -> model(d).put("gateActivation", "hard_sigmoid"))).config().gateActivation());
        // anything else is invalid, and hard_sigmoid would change an rnn
        assertInvalid(edit(LSTM, d -> model(d).put("gateActivation", "tanh")), "model.gateActivation",
                "sigmoid or hard_sigmoid");
        assertInvalid(edit(GRU, d -> model(d).put("gateActivation", 1)), "model.gateActivation");
        assertInvalid(edit(RNN, d -> model(d).put("gateActivation", "hard_sigmoid")), "model.gateActivation",
                "lstm or a gru", "rnn");
    }

    // ------------------------------------------------------------------ xent targets

    @Test
    void xentWithSoftmaxNeedsProbabilityVectors() {
        int t = firstTargetIndex(template(XENT_SOFTMAX));
        String path = "sequence.targets[" + t + "]";
        accepts(edit(XENT_SOFTMAX, d -> targets(d).set(t, arr(0.2, 0.3, 0.5))));
        // a negative entry, even when the vector still sums to 1
        assertInvalid(edit(XENT_SOFTMAX, d -> targets(d).set(t, arr(0.6, -0.1, 0.5))), path + "[1]", "≥ 0", "-0.1");
        // sum off by 1e-6 and 1e-8: beyond the 1e-9 of the spec
        assertInvalid(edit(XENT_SOFTMAX, d -> targets(d).set(t, arr(0.2, 0.3, 0.5 + 1e-6))), path, "sum");
        assertInvalid(edit(XENT_SOFTMAX, d -> targets(d).set(t, arr(0.2, 0.3, 0.5 - 1e-8))), path, "sum");
        assertInvalid(edit(XENT_SOFTMAX, d -> targets(d).set(t, arr(0, 0, 0))), path, "sum");
        // sum off by 1e-12 and 1e-10: within it
        Case c = accepts(edit(XENT_SOFTMAX, d -> targets(d).set(t, arr(0.2, 0.3, 0.5 + 1e-12))));
        assertEquals(0.5 + 1e-12, c.sequence().targets()[t][2]);
        accepts(edit(XENT_SOFTMAX, d -> targets(d).set(t, arr(0.2, 0.3, 0.5 - 1e-10))));
        // an entry above 1 is fine as long as ... it cannot be: the others would have to be negative
        assertInvalid(edit(XENT_SOFTMAX, d -> targets(d).set(t, arr(1.5, 0, -0.5))), path + "[2]", "≥ 0");
    }

    @Test
    void xentWithSigmoidNeedsTargetsInTheUnitInterval() {
        assertInvalid(edit(XENT_SIGMOID, d -> targets(d).set(3, arr(0.5, 1.5))), "sequence.targets[3][1]", "[0, 1]", "1.5");
        assertInvalid(edit(XENT_SIGMOID, d -> targets(d).set(0, arr(-0.25, 0.5))), "sequence.targets[0][0]", "[0, 1]", "-0.25");
        assertInvalid(edit(XENT_SIGMOID, d -> targets(d).set(7, arr(0.5, 1 + 1e-12))), "sequence.targets[7][1]", "[0, 1]");
        // the ends of the interval are in it, and the entries need not sum to anything
        accepts(edit(XENT_SIGMOID, d -> {
            targets(d).set(0, arr(0, 1));
            targets(d).set(1, arr(1, 1));
            targets(d).set(2, arr(0, 0));
            targets(d).set(3, arr(0.9, 0.9));
        }));
    }

    @Test
    void xentWithALinearOutputIsInvalid() {
        assertInvalid(edit(RNN, d -> d.put("loss", "xent")), "loss", "xent", "linear", "sigmoid or softmax");
        assertInvalid(edit(GRU, d -> d.put("loss", "xent")), "loss", "xent", "linear");
        assertInvalid(edit(XENT_SIGMOID, d -> model(d).put("outputActivation", "linear")), "loss", "linear");
    }

    @Test
    void mseAndSseGoWithAnyOutputActivationAndAnyTargets() {
        for (String out : new String[] {"linear", "sigmoid", "softmax"}) {
            for (String loss : new String[] {"mse", "sse"}) {
                Case c = accepts(edit(XENT_SOFTMAX, d -> {
                    model(d).put("outputActivation", out);
                    d.put("loss", loss);
                    d.remove("expected");
                    targets(d).set(firstTargetIndex(d), arr(-2, 3, 7));
                }));
                assertEquals(LossKind.fromKey(loss), c.loss());
                assertEquals(OutputActivation.fromKey(out), c.config().outputActivation());
            }
        }
    }

    // ------------------------------------------------------------------ keys

    @Test
    void unknownKeysAtTheTopLevelAndInModelAreIgnored() {
        long base = lossBits(accepts(template(LSTM)));
        Case c = accepts(edit(LSTM, d -> {
            d.put("version", 2);
            d.putObject("comment").put("by", "someone").putArray("tags").add("x");
            d.putArray("futureList").add(1).addNull();
            model(d).put("dropout", 0.5);
            model(d).putObject("layerNorm").put("enabled", true);
            model(d).put("Peephole", true); // not the option: keys are case-sensitive
        }));
        assertEquals(base, lossBits(c));
        assertFalse(c.config().peephole());
    }

    @Test
    void duplicateKeysAnywhereAreInvalid() {
        // the path is that of the duplicated key; the message names it
        String rnn = text(template(RNN));
        assertInvalid(replaceOnce(rnn, "\"loss\":\"mse\"", "\"loss\":\"mse\",\"loss\":\"mse\""), "loss", "duplicate", "'loss'");
        assertInvalid(replaceOnce(rnn, "\"format\":", "\"format\":\"unroll-case/1\",\"format\":"), "format", "duplicate", "'format'");
        assertInvalid(replaceOnce(rnn, "\"cell\":\"rnn\"", "\"cell\":\"rnn\",\"cell\":\"lstm\""), "model.cell", "duplicate", "'cell'");
        assertInvalid(replaceOnce(rnn, "\"by\":", "\"by\":[0.0],\"by\":"), "model.params.by", "duplicate", "'by'");
        assertInvalid(replaceOnce(rnn, "\"h0\":", "\"h0\":[0,0,0],\"h0\":"), "sequence.h0", "duplicate", "'h0'");
        assertInvalid(replaceOnce(rnn, "\"grads\":{", "\"grads\":{\"Wx\":[[0,0]],"), "expected.grads.Wx", "duplicate", "'Wx'");
        // inside a member that would otherwise be ignored
        String extra = text(edit(RNN, d -> d.putObject("extra").putObject("inner").put("a", 1)));
        assertInvalid(replaceOnce(extra, "\"a\":1", "\"a\":1,\"a\":2"), "extra.inner.a", "duplicate", "'a'");
        String extraArr = text(edit(RNN, d -> d.putArray("extraList").addObject().put("a", 1)));
        assertInvalid(replaceOnce(extraArr, "\"a\":1", "\"a\":1,\"a\":1"), "extraList[0].a", "duplicate", "'a'");
    }

    @Test
    void utf8ByteOrderMarkIsAccepted() {
        byte[] body = utf8(text(template(LSTM)));
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        assertEquals(lossBits(accepts(body)), lossBits(accepts(withBom)));
        // and a problem after a BOM is still reported at its path
        byte[] bad = utf8(text(edit(LSTM, d -> d.put("loss", "mae"))));
        byte[] badBom = new byte[bad.length + 3];
        System.arraycopy(withBom, 0, badBom, 0, 3);
        System.arraycopy(bad, 0, badBom, 3, bad.length);
        assertProblem(rejects(badBom), "loss", "mae");
    }

    // ------------------------------------------------------------------ sequence

    @Test
    void targetsWithTheWrongCountAreInvalid() {
        assertInvalid(edit(RNN, d -> targets(d).remove(0)), "sequence.targets", "6 entries", "5 entries");
        assertInvalid(edit(RNN, d -> targets(d).addNull()), "sequence.targets", "6 entries", "7 entries");
        assertInvalid(edit(RNN, d -> seq(d).putObject("targets")), "sequence.targets", "6 entries");
    }

    @Test
    void targetsThatAreAllNullAreInvalid() {
        assertInvalid(edit(RNN, d -> targets(d).set(5, F.nullNode())), "sequence.targets", "null", "at least one");
    }

    @Test
    void targetWithTheWrongLengthIsInvalid() {
        assertInvalid(edit(RNN, d -> targets(d).set(5, arr(0.1, 0.2))), "sequence.targets[5]",
                "expected a vector of length 1, got length 2");
        assertInvalid(edit(RNN, d -> targets(d).set(2, arr())), "sequence.targets[2]", "vector of length 1", "length 0");
        assertInvalid(edit(RNN, d -> targets(d).set(5, F.numberNode(0.1))), "sequence.targets[5]", "vector of length 1");
        assertInvalid(edit(RNN, d -> targets(d).set(5, mat(new double[] {0.1}))), "sequence.targets[5][0]", "number");
    }

    @Test
    void inputRowsWithTheWrongLengthAreInvalid() {
        assertInvalid(edit(RNN, d -> ((ArrayNode) seq(d).get("inputs")).set(3, arr(1))), "sequence.inputs",
                "expected a 6×2 matrix", "ragged", "row 3 has length 1");
        assertInvalid(edit(RNN, d -> ((ArrayNode) seq(d).get("inputs")).set(4, F.nullNode())), "sequence.inputs",
                "expected a 6×2 matrix", "ragged", "row 4 is null");
        assertInvalid(edit(RNN, d -> {
            ArrayNode in = (ArrayNode) seq(d).get("inputs");
            for (int t = 0; t < in.size(); t++) {
                in.set(t, arr(0, 1, 0));
            }
        }), "sequence.inputs", "expected a 6×2 matrix, got 6×3");
        assertInvalid(edit(RNN, d -> ((ArrayNode) seq(d).get("inputs")).set(0, F.nullNode())), "sequence.inputs",
                "expected a 6×2 matrix");
        assertInvalid(edit(RNN, d -> seq(d).set("inputs", arr(0, 1, 0))), "sequence.inputs", "expected a 3×2 matrix");
    }

    @Test
    void initialStateWithTheWrongLengthIsInvalid() {
        assertInvalid(edit(RNN, d -> seq(d).set("h0", arr(0, 0))), "sequence.h0",
                "expected a vector of length 3, got length 2");
        assertInvalid(edit(RNN, d -> seq(d).set("h0", arr(0, 0, 0, 0))), "sequence.h0", "vector of length 3");
        assertInvalid(edit(LSTM, d -> seq(d).set("c0", arr(0, 0))), "sequence.c0", "vector of length 3");
        assertInvalid(edit(RNN, d -> seq(d).put("h0", 0)), "sequence.h0", "vector of length 3");
    }

    // ------------------------------------------------------------------ truncate

    @Test
    void truncateMustBeNullOrAWholeNumberAtLeastOne() {
        for (JsonNode bad : new JsonNode[] {F.numberNode(0), F.numberNode(-1), F.numberNode(1.5), TextNode.valueOf("2"),
                F.booleanNode(true), F.objectNode(), arr(2)}) {
            assertInvalid(edit(RNN, d -> d.set("truncate", bad)), "truncate", "null or a whole number", "≥ 1");
        }
        assertNull(accepts(edit(RNN, d -> d.putNull("truncate"))).truncate());
        assertNull(accepts(edit(RNN, d -> d.remove("truncate"))).truncate());
        assertEquals(1, accepts(edit(RNN, d -> d.put("truncate", 1))).truncate());
        assertEquals(2, accepts(edit(RNN, d -> d.put("truncate", 2))).truncate());
        assertEquals(1000, accepts(edit(RNN, d -> d.put("truncate", 1000))).truncate()); // k ≥ T is allowed
    }

    // ------------------------------------------------------------------ enumerations

    @Test
    void unknownActivationIsInvalid() {
        assertInvalid(edit(RNN, d -> model(d).put("activation", "softplus")), "model.activation",
                "tanh, sigmoid, relu or linear", "softplus");
        assertInvalid(edit(RNN, d -> model(d).put("activation", "softmax")), "model.activation", "softmax");
        assertInvalid(edit(RNN, d -> model(d).put("activation", 1)), "model.activation", "tanh");
        assertInvalid(edit(RNN, d -> model(d).putNull("activation")), "model.activation", "tanh");
    }

    @Test
    void unknownOutputActivationIsInvalid() {
        assertInvalid(edit(RNN, d -> model(d).put("outputActivation", "tanh")), "model.outputActivation",
                "linear, sigmoid or softmax", "tanh");
        assertInvalid(edit(RNN, d -> model(d).put("outputActivation", "")), "model.outputActivation", "linear");
    }

    @Test
    void unknownLossIsInvalid() {
        assertInvalid(edit(RNN, d -> d.put("loss", "mae")), "loss", "mse, sse or xent", "mae");
        assertInvalid(edit(RNN, d -> d.put("loss", "crossentropy")), "loss", "xent");
        assertInvalid(edit(RNN, d -> d.putNull("loss")), "loss", "mse");
    }

    @Test
    void unknownCellIsInvalid() {
        assertInvalid(edit(RNN, d -> model(d).put("cell", "cnn")), "model.cell", "rnn, lstm or gru", "cnn");
        assertInvalid(edit(RNN, d -> model(d).put("cell", "elman")), "model.cell", "rnn, lstm or gru");
        assertInvalid(edit(RNN, d -> model(d).put("cell", 3)), "model.cell", "rnn");
        // keys are exact, as the spec writes them
        assertInvalid(edit(RNN, d -> model(d).put("cell", "RNN")), "model.cell", "rnn, lstm or gru", "RNN");
    }

    // ------------------------------------------------------------------ nesting

    @Test
    void deepNestingIsACaseExceptionNotAStackOverflow() {
        int n = 10_000;
        String arrays = "[".repeat(n) + "]".repeat(n);
        String objects = "{\"a\":".repeat(n) + "1" + "}".repeat(n);
        String nestedInIgnored = replaceOnce(text(template(RNN)), "\"loss\":\"mse\"", "\"loss\":\"mse\",\"x\":" + arrays);
        String nestedInParam = replaceOnce(text(template(RNN)), "\"by\":[", "\"by\":[" + arrays + ",");
        for (String doc : new String[] {arrays, objects, nestedInIgnored, nestedInParam}) {
            CaseException e = rejects(utf8(doc));
            assertProblem(e, "", "limit", "nesting", String.valueOf(Limits.MAX_NESTING));
        }
    }

    @Test
    void overlongNumberLiteralIsRejectedWithTheLimitNamed() {
        // valid JSON, but beyond the reader's limit on the length of a number literal (400 characters)
        String doc = withRaw(edit(RNN, d -> ((ArrayNode) seq(d).get("h0")).set(0, TextNode.valueOf(RAW))),
                "0." + "1".repeat(500));
        assertProblem(rejects(utf8(doc)), "", "limit", "400");
    }

    // ------------------------------------------------------------------ defaults

    @Test
    void omittedOptionalMembersTakeTheirDefaults() {
        ObjectNode d = edit(GRU, doc -> {
            doc.remove("name");
            doc.remove("description");
            doc.remove("truncate");
            model(doc).remove("activation");
            model(doc).remove("outputActivation");
            model(doc).remove("peephole");
            model(doc).remove("resetAfter");
            seq(doc).remove("h0");
            seq(doc).remove("c0");
        });
        Case c = accepts(d);
        assertNull(c.name());
        assertNull(c.description());
        assertNull(c.truncate());
        assertEquals(Activation.TANH, c.config().activation());
        assertEquals(OutputActivation.LINEAR, c.config().outputActivation());
        assertFalse(c.config().peephole());
        assertFalse(c.config().resetAfter());
        assertArrayEquals(new double[2], c.sequence().h0());
        assertArrayEquals(new double[2], c.sequence().c0());

        // the same case with every default written out computes the same bits
        Case explicit = accepts(edit(GRU, doc -> {
            doc.remove("name");
            doc.putNull("truncate");
            model(doc).put("activation", "tanh");
            model(doc).put("outputActivation", "linear");
            model(doc).put("resetAfter", false);
            seq(doc).set("h0", arr(0, 0));
            seq(doc).set("c0", arr(0, 0));
        }));
        assertEquals(c.config(), explicit.config());
        assertEquals(lossBits(c), lossBits(explicit));
        // and name/description null are the same as omitted
        Case nulls = accepts(edit(GRU, doc -> {
            doc.putNull("name");
            doc.putNull("description");
            seq(doc).putNull("h0");
        }));
        assertNull(nulls.name());
        assertNull(nulls.description());
        // LSTM: c0 and h0 default to zeros too
        Case lstm = accepts(edit(LSTM, doc -> {
            seq(doc).remove("h0");
            seq(doc).remove("c0");
        }));
        assertArrayEquals(new double[3], lstm.sequence().h0());
        assertArrayEquals(new double[3], lstm.sequence().c0());
    }

    @Test
    void nameAndDescriptionMustBeStrings() {
        assertInvalid(edit(RNN, d -> d.put("name", 3)), "name", "string");
        assertInvalid(edit(RNN, d -> d.putObject("description")), "description", "string");
        assertEquals("名前 ✓", accepts(edit(RNN, d -> d.put("name", "名前 ✓"))).name());
    }
}
