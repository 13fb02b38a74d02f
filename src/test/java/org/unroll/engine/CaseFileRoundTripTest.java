package org.unroll.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every reference case survives {@code write(case, case.compute())} → {@code parse}: the same
 * configuration, weights bit for bit, the same sequence, and an expected block that agrees with a
 * fresh computation; the text is laid out for people (a matrix one row a line, a vector on one line).
 */
class CaseFileRoundTripTest {

    /** One row of numbers (or null) on its own line, as the pretty printer writes a matrix row. */
    private static final Pattern ROW_LINE = Pattern.compile("^\\s*(null|\\[[^\\[\\]{}]*\\]),?$");
    /** A key followed by a whole vector on the same line. */
    private static final String NUM = "-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?";
    private static final Pattern VECTOR_VALUE = Pattern.compile("^\\[(" + NUM + "(, " + NUM + ")*)?\\],?$");

    static Stream<Path> cases() throws IOException, URISyntaxException {
        Path dir = Path.of(CaseFileRoundTripTest.class.getResource("/cases").toURI());
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> l = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            return l.stream();
        }
    }

    private static byte[] write(Case c, Trace tr) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CaseFile.write(c, tr, out);
        return out.toByteArray();
    }

    private static Case parse(byte[] json) {
        try {
            return CaseFile.parse(json);
        } catch (CaseException e) {
            return fail("the written case does not parse: " + e.getMessage() + "\n" + new String(json, StandardCharsets.UTF_8));
        }
    }

    private static void assertBits(double[] expected, double[] actual, String what) {
        if (expected == null || actual == null) {
            assertEquals(expected == null, actual == null, what + ": null-ness");
            return;
        }
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToRawLongBits(expected[i]) != Double.doubleToRawLongBits(actual[i])) {
                fail(what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]);
            }
        }
    }

    private static void assertBits(double[][] expected, double[][] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": rows");
        for (int r = 0; r < expected.length; r++) {
            assertBits(expected[r], actual[r], what + "[" + r + "]");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void writeThenParseGivesTheSameCase(Path file) throws Exception {
        Case c = CaseFile.read(file);
        Trace tr = c.compute();
        byte[] json = write(c, tr);
        Case back = parse(json);

        assertEquals(c.config(), back.config());
        assertEquals(c.name(), back.name());
        assertEquals(c.description(), back.description());
        assertEquals(c.loss(), back.loss());
        assertEquals(c.truncate(), back.truncate());

        // weights bit for bit, both as the case names them and as the engine stores them
        for (ParamSpec p : c.weights().layout().params()) {
            assertBits(c.weights().get(p.name()), back.weights().get(p.name()), "params." + p.name());
        }
        for (int b = 0; b < c.weights().blocks().size(); b++) {
            assertBits(c.weights().block(b).data, back.weights().block(b).data, "block " + b);
        }

        // the sequence
        Sequence s = c.sequence();
        Sequence s2 = back.sequence();
        assertBits(s.inputs(), s2.inputs(), "inputs");
        assertEquals(s.targets().length, s2.targets().length);
        for (int t = 0; t < s.length(); t++) {
            assertBits(s.targets()[t], s2.targets()[t], "targets[" + t + "]");
        }
        assertBits(s.h0(), s2.h0(), "h0");
        assertBits(s.c0(), s2.c0(), "c0");

        // the written expected block: loss and grads are the trace's bits; it agrees with a fresh run
        Case.Expected ex = back.expected();
        assertNotNull(ex, "expected block written");
        assertEquals(Double.doubleToRawLongBits(tr.loss()), Double.doubleToRawLongBits(ex.loss()), "expected.loss");
        ParamLayout lay = ParamLayout.of(c.config());
        assertEquals(lay.params().stream().map(ParamSpec::name).toList(), List.copyOf(ex.grads().keySet()));
        for (ParamSpec p : lay.params()) {
            double[][] g = tr.grad(p.name());
            double[][] want = p.vector() ? new double[][] {column(g)} : g;
            assertBits(want, ex.grads().get(p.name()), "expected.grads." + p.name());
        }
        CaseCheck.Result r = CaseCheck.compare(ex, back.compute());
        assertTrue(r.agrees(), r.summary());
        assertTrue(r.compared() > 0);

        if (c.truncate() != null) {
            assertNull(ex.forward(), "a truncated case's expected block has no forward part");
            assertNull(ex.deltas(), "a truncated case's expected block has no deltas part");
        } else {
            assertEquals(tr.forwardKeys(), List.copyOf(ex.forward().keySet()));
            for (String k : tr.forwardKeys()) {
                assertBits(tr.forward(Quantity.fromKey(k)), ex.forward().get(k), "expected.forward." + k);
            }
            for (String k : tr.deltaKeys()) {
                assertBits(tr.delta(Quantity.fromKey(k)), ex.deltas().get(k), "expected.deltas." + k);
            }
            assertBits(tr.initialDelta(Quantity.DH0), ex.deltas().get("dh0")[0], "expected.deltas.dh0");
            if (c.config().hasCellState()) {
                assertBits(tr.initialDelta(Quantity.DC0), ex.deltas().get("dc0")[0], "expected.deltas.dc0");
            }
        }

        // the original expected block (computed independently) agrees with the written one, too
        if (c.expected() != null) {
            CaseCheck.Result orig = CaseCheck.compare(c.expected(), back.compute());
            assertTrue(orig.agrees(), orig.summary());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void writingIsDeterministicAndStable(Path file) throws Exception {
        Case c = CaseFile.read(file);
        byte[] once = write(c, c.compute());
        assertArrayEquals(once, write(c, c.compute()), "two writes of the same case");
        Case back = parse(once);
        assertArrayEquals(once, write(back, back.compute()), "write ∘ parse ∘ write is the identity");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void writtenTextIsLaidOutForPeople(Path file) throws Exception {
        Case c = CaseFile.read(file);
        Trace tr = c.compute();
        String text = new String(write(c, tr), StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        assertTrue(text.endsWith("}\n"), "ends with a newline");

        for (ParamSpec p : c.weights().layout().params()) {
            String key = "\"" + p.name() + "\": ";
            if (p.vector()) {
                String line = onlyLineStartingWith(lines, "params", key);
                assertTrue(VECTOR_VALUE.matcher(line.trim().substring(key.length())).matches(),
                        p.name() + ": a vector on one line: " + line);
            } else {
                assertMatrixOneRowPerLine(lines, "params", key, p.rows(), p.name());
            }
        }
        assertMatrixOneRowPerLine(lines, "sequence", "\"inputs\": ", c.sequence().length(), "inputs");
        assertMatrixOneRowPerLine(lines, "sequence", "\"targets\": ", c.sequence().length(), "targets");
        String h0 = onlyLineStartingWith(lines, "sequence", "\"h0\": ");
        assertTrue(VECTOR_VALUE.matcher(h0.trim().substring(6)).matches(), "h0 on one line: " + h0);
        if (tr.truncate() == null) {
            assertMatrixOneRowPerLine(lines, "expected", "\"h\": ", c.sequence().length(), "expected.forward.h");
            assertMatrixOneRowPerLine(lines, "expected", "\"dq\": ", c.sequence().length(), "expected.deltas.dq");
            String dh0 = onlyLineStartingWith(lines, "expected", "\"dh0\": ");
            assertTrue(VECTOR_VALUE.matcher(dh0.trim().substring(7)).matches(), "dh0, a vector, on one line: " + dh0);
        }
        // objects: one key a line, indented by two spaces a level
        assertEquals("{", lines.get(0));
        assertEquals("  \"format\": \"unroll-case/1\",", lines.get(1));
        assertTrue(lines.contains("  \"model\": {"), "model opens on its own line");
        assertTrue(lines.contains("    \"params\": {"), "params opens on its own line, nested");
    }

    /** Lines after the first line that starts with {@code "section": } — crude but enough to scope a key. */
    private static int sectionStart(List<String> lines, String section) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().startsWith("\"" + section + "\": ")) {
                return i;
            }
        }
        return fail("no section " + section);
    }

    private static String onlyLineStartingWith(List<String> lines, String section, String key) {
        for (int i = sectionStart(lines, section); i < lines.size(); i++) {
            if (lines.get(i).trim().startsWith(key)) {
                return lines.get(i);
            }
        }
        return fail("no line " + key + " after " + section);
    }

    private static void assertMatrixOneRowPerLine(List<String> lines, String section, String key, int rows, String what) {
        int i = sectionStart(lines, section);
        while (i < lines.size() && !lines.get(i).trim().startsWith(key)) {
            i++;
        }
        assertTrue(i < lines.size(), "no " + what);
        assertEquals(key + "[", lines.get(i).trim(), what + ": the matrix opens its own line");
        String indent = lines.get(i).substring(0, lines.get(i).indexOf('"'));
        for (int r = 1; r <= rows; r++) {
            String row = lines.get(i + r);
            assertTrue(ROW_LINE.matcher(row).matches(), what + ": row " + (r - 1) + " on a line of its own: " + row);
            assertEquals(indent + "  ", row.substring(0, indent.length() + 2), what + ": row indented one level");
            assertEquals(r < rows, row.endsWith(","), what + ": row separators");
        }
        String close = lines.get(i + rows + 1).trim();
        assertTrue(close.equals("]") || close.equals("],"), what + ": closes after " + rows + " rows, got " + close);
    }

    private static double[] column(double[][] m) {
        return Arrays.stream(m).mapToDouble(r -> r[0]).toArray();
    }

    @Test
    void truncatedCaseWritesOnlyLossAndGrads() throws Exception {
        Case c = CaseFile.read(cases().filter(p -> p.getFileName().toString().contains("truncated")).findFirst()
                .orElseThrow());
        assertNotNull(c.truncate());
        Trace tr = c.compute();
        String text = new String(write(c, tr), StandardCharsets.UTF_8);
        String expected = text.substring(text.indexOf("\"expected\": {"));
        assertTrue(expected.contains("\"loss\": "));
        assertTrue(expected.contains("\"grads\": {"));
        assertTrue(!expected.contains("\"forward\"") && !expected.contains("\"deltas\""),
                "only loss and grads in a truncated case's expected block:\n" + expected);
        Case back = parse(text.getBytes(StandardCharsets.UTF_8));
        assertEquals(c.truncate(), back.truncate());
        assertNull(back.expected().forward());
        assertNull(back.expected().deltas());
    }

    /**
     * Writing a case without a trace re-writes its own expected block: vectors ({@code dh0},
     * {@code dc0}, the grads of vector parameters) stay flat and the parts keep the format's order.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void writingTheCaseOwnExpectedBlockKeepsItsShapeAndOrder(Path file) throws Exception {
        Case c = CaseFile.read(file);
        String viaTrace = new String(write(c, c.compute()), StandardCharsets.UTF_8);
        String own = new String(write(c, null), StandardCharsets.UTF_8);
        List<String> parts = own.lines().map(String::trim)
                .filter(l -> l.equals("\"forward\": {") || l.equals("\"deltas\": {") || l.equals("\"grads\": {")).toList();
        List<String> want = viaTrace.lines().map(String::trim)
                .filter(l -> l.equals("\"forward\": {") || l.equals("\"deltas\": {") || l.equals("\"grads\": {")).toList();
        assertEquals(want, parts, "expected parts in the case format's order");
        String expected = own.substring(own.indexOf("\"expected\": {"));
        for (String line : expected.lines().toList()) {
            String t = line.trim();
            if (t.startsWith("\"b") || t.startsWith("\"dh0\"") || t.startsWith("\"dc0\"") || t.startsWith("\"p_")) {
                assertTrue(!t.endsWith("["), "a vector is written flat, on one line: " + line);
            }
        }
    }
}
