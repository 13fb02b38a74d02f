package org.unroll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unroll.engine.Case;
import org.unroll.engine.CaseCheck;
import org.unroll.engine.CaseFile;

/** The command line as a user runs it: exit codes, messages, files. */
class CliTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = UnrollCommand.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    static Path resource(String name) throws Exception {
        return Path.of(CliTest.class.getResource("/cases/" + name).toURI());
    }

    /** A reference case without its expected block. */
    private Path stripped(String name) throws Exception {
        Case c = CaseFile.read(resource(name)).withExpected(null);
        Path p = dir.resolve("stripped-" + name);
        try (var o = Files.newOutputStream(p)) {
            CaseFile.write(c, null, o);
        }
        return p;
    }

    @Test
    void runFillsExpectedAndItAgreesWithTheReference() throws Exception {
        Path in = stripped("lstm-peephole-nonzero-state-sparse.json");
        Path out = dir.resolve("out.json");
        Run r = run("run", in.toString(), "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        Case written = CaseFile.read(out);
        Case ref = CaseFile.read(resource("lstm-peephole-nonzero-state-sparse.json"));
        // the written expected block, checked against the independently computed trace of the reference
        CaseCheck.Result res = CaseCheck.compare(written.expected(), ref.compute());
        assertTrue(res.agrees(), res.summary());
        assertTrue(written.expected().deltas().containsKey("dc0"));
        // and the reference's expected against the written file's computation
        assertTrue(CaseCheck.compare(ref.expected(), written.compute()).agrees());
    }

    @Test
    void runWithoutOutputWritesToStdout() throws Exception {
        Run r = run("run", stripped("rnn-tanh-truncated-k2.json").toString());
        assertEquals(0, r.code(), r.err());
        Case c = CaseFile.parse(r.out().getBytes(StandardCharsets.UTF_8));
        assertEquals(2, c.truncate());
        assertTrue(c.expected().grads().containsKey("Wh"));
        assertEquals(null, c.expected().deltas(), "truncated: loss and grads only");
        assertEquals(null, c.expected().forward());
    }

    @Test
    void checkAgreesOnEveryReferenceCase() throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("check"));
        try (var s = Files.list(resource("lstm-many-to-many.json").getParent())) {
            s.sorted().forEach(p -> args.add(p.toString()));
        }
        Run r = run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals(15, r.out().lines().filter(l -> l.contains(": OK")).count(), r.out());
    }

    @Test
    void checkExitsOneAndNamesTheWorstKeyWhenANumberDiffers() throws Exception {
        String text = Files.readString(resource("rnn-tanh-many-to-one.json"));
        String changed = text.replace("\"loss\": 0.012594613109158754", "\"loss\": 0.0125947");
        Path p = dir.resolve("changed.json");
        Files.writeString(p, changed);
        Run r = run("check", p.toString());
        assertEquals(1, r.code());
        assertTrue(r.out().contains("DIFFERS at loss"), r.out());
    }

    @Test
    void invalidInputExitsTwoWithPathAndNoOutputFile() throws Exception {
        String text = Files.readString(resource("lstm-many-to-many.json"));
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, text.replace("\"hiddenSize\": 3", "\"hiddenSize\": 4"));
        Path out = dir.resolve("never.json");
        Run r = run("run", bad.toString(), "-o", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: " + bad + ": model.params.Wx_i: expected a 4×"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertFalse(Files.exists(out));
        try (var s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void unwritableOutputGivesAClearMessage() throws Exception {
        Path out = dir.resolve("missing-dir").resolve("out.json");
        Run r = run("run", resource("rnn-tanh-many-to-one.json").toString(), "-o", out.toString());
        assertEquals(2, r.code());
        assertEquals("error: cannot write " + out.toAbsolutePath() + ": the folder does not exist", r.err().strip());
    }

    @Test
    void failedRunLeavesThePreviousFileUntouched() throws Exception {
        Path out = dir.resolve("previous.json");
        Files.writeString(out, "previous content");
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"format\": \"unroll-case/1\", \"model\": ");
        Run r = run("run", bad.toString(), "-o", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("not valid JSON"), r.err());
        assertEquals("previous content", Files.readString(out));
    }

    @Test
    void missingFileAndBadOptionExitTwo() {
        Run r = run("check", dir.resolve("nope.json").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("nope.json: no such file"), r.err());
        Run b = run("bench", "--cell", "tree", "--hidden", "3", "--steps", "5");
        assertEquals(2, b.code());
        assertTrue(b.err().startsWith("error: --cell"), b.err());
        Run u = run("bench", "--cell", "rnn", "--hidden", "x", "--steps", "5");
        assertEquals(2, u.code());
    }

    @Test
    void benchUiChecksItsOptionsAndNeedsTheWindowFromTheLauncher() throws Exception {
        Run missing = run("bench", "--ui", "--case", dir.resolve("nope.json").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().startsWith("error: --case: no such file"), missing.err());
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"format\": \"unroll-case/1\"}");
        Run invalid = run("bench", "--ui", "--case", bad.toString());
        assertEquals(2, invalid.code());
        assertTrue(invalid.err().startsWith("error: " + bad), invalid.err());
        assertEquals(1, invalid.err().lines().count(), invalid.err());
        Run zero = run("bench", "--ui", "--events", "0");
        assertEquals(2, zero.code());
        assertTrue(zero.err().startsWith("error: --events"), zero.err());
        Run size = run("bench", "--ui", "--window", "big");
        assertEquals(2, size.code());
        assertTrue(size.err().startsWith("error: --window"), size.err());
        Run noWindow = run("bench", "--ui", "--events", "3");
        assertEquals(2, noWindow.code());
        assertTrue(noWindow.err().contains("run it from the jar"), noWindow.err());
        Run noCell = run("bench", "--hidden", "3", "--steps", "5");
        assertEquals(2, noCell.code());
        assertTrue(noCell.err().contains("--cell, --hidden and --steps are required"), noCell.err());
        // with the launcher's hook, the window benchmark gets the checked options
        Object[] got = new Object[3];
        int code = UnrollCommand.execute((c, n, w) -> {
            got[0] = c;
            got[1] = n;
            got[2] = w;
            return 0;
        }, "bench", "--ui", "--case", resource("rnn-tanh-many-to-one.json").toString(), "--events", "7");
        assertEquals(0, code);
        assertEquals(resource("rnn-tanh-many-to-one.json"), got[0]);
        assertEquals(7, got[1]);
        assertEquals("1280x720", got[2]);
    }

    @Test
    void gradcheckPassesOnAReferenceCase() throws Exception {
        Run r = run("gradcheck", resource("gru-reset-after-xent-softmax-many-to-one.json").toString());
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("bh_a"), r.out());
    }

    @Test
    void benchPrintsMedianLast() {
        Run r = run("bench", "--cell", "gru", "--hidden", "4", "--steps", "10", "--seconds", "0.05");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(lines.size() - 1).matches("median_ms=\\d+\\.\\d+"), r.out());
    }

    @Test
    void trainWritesACaseThatChecks() throws Exception {
        Path out = dir.resolve("model.json");
        Run r = run("train", "--task", "sine", "--cell", "gru", "--hidden", "5", "--epochs", "3", "--seed", "4",
                "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(lines.size() - 2).startsWith("val_mse="), r.out());
        assertTrue(lines.get(lines.size() - 1).startsWith("seconds="), r.out());
        Case c = CaseFile.read(out);
        assertEquals(5, c.config().hiddenSize());
        assertEquals(25, c.sequence().length());
        assertEquals(0, run("check", out.toString()).code());
    }

    @Test
    void trainRejectsBadInputWithExitTwo() throws Exception {
        assertEquals(2, run("train", "--task", "spiral").code());
        Run lr = run("train", "--lr", "-1");
        assertEquals(2, lr.code());
        assertTrue(lr.err().startsWith("error: --lr"), lr.err());
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "1.0\n2.0\nthree\n");
        Run c = run("train", "--task", "csv:" + csv, "--window", "1");
        assertEquals(2, c.code());
        assertTrue(c.err().contains("bad.csv"), c.err());
        Run d = run("train", "--task", "sine", "--optimizer", "sgd", "--lr", "1e200", "--epochs", "2");
        assertEquals(2, d.code());
        assertTrue(d.err().contains("diverged"), d.err());
    }

    @Test
    void numbersThatOverflowAreReportedNotWritten() throws Exception {
        String text = Files.readString(resource("rnn-tanh-many-to-one.json"));
        com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode doc = (com.fasterxml.jackson.databind.node.ObjectNode) m.readTree(text);
        com.fasterxml.jackson.databind.node.ObjectNode model = (com.fasterxml.jackson.databind.node.ObjectNode) doc.get("model");
        model.put("activation", "linear");
        for (com.fasterxml.jackson.databind.JsonNode row : model.get("params").get("Wh")) {
            for (int j = 0; j < row.size(); j++) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) row).set(j, 1e200);
            }
        }
        Path p = dir.resolve("overflow.json");
        Files.writeString(p, m.writeValueAsString(doc));
        Path out = dir.resolve("out.json");
        Run r = run("run", p.toString(), "-o", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: " + p + ": ") && r.err().contains("overflowed"), r.err());
        assertFalse(Files.exists(out));
        Run g = run("gradcheck", p.toString());
        assertEquals(2, g.code(), g.out());
        assertTrue(g.err().contains("overflowed"), g.err());
    }
}
