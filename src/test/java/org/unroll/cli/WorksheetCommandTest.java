package org.unroll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lowagie.text.pdf.PdfReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unroll.engine.CaseFile;
import org.unroll.session.BuiltinCases;

/**
 * {@code export --view worksheet} and the built-in mini cases on the command line, as a user types
 * them: {@code run}, {@code check} and {@code export --case} take {@code builtin:mini-lstm}; a case too
 * large for a worksheet exits 2 with one line naming the limit and writes nothing.
 */
class WorksheetCommandTest {

    @TempDir
    Path dir;

    @Test
    void runAndCheckTakeTheMiniCasesByName() throws Exception {
        CliTest.Run check = CliTest.run("check", "builtin:mini-rnn", "builtin:mini-lstm", "builtin:mini-gru");
        assertEquals(0, check.code(), check.err());
        assertEquals(3, check.out().strip().split("\n").length);
        assertTrue(check.out().startsWith("builtin:mini-rnn: OK"), check.out());
        Path out = dir.resolve("mini-gru.json");
        CliTest.Run run = CliTest.run("run", "builtin:mini-gru", "-o", out.toString());
        assertEquals(0, run.code(), run.err());
        assertEquals(BuiltinCases.load("builtin:mini-gru").expected().loss(), CaseFile.read(out).expected().loss());
        CliTest.Run bad = CliTest.run("run", "builtin:mini-cnn");
        assertEquals(2, bad.code());
        assertTrue(bad.err().strip().startsWith("error: no built-in case builtin:mini-cnn (there are builtin:demo,"),
                bad.err());
    }

    @Test
    void theReadmeCommandsWriteMarkdownLatexAndPdf() throws Exception {
        Path md = dir.resolve("sheet.md");
        CliTest.Run r = CliTest.run("export", "--case", "builtin:mini-lstm", "--view", "worksheet", "--format", "md",
                "-o", md.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("wrote " + md + " (89 blanks)", r.out().strip());
        String text = Files.readString(md);
        assertTrue(text.contains("$$p_{i}(1) = U_i x(1) + W_i h(0) + b_i = "), "book notation, steps as numbers");
        assertTrue(text.contains("# Answer key"), "the key included by default");

        Path pdf = dir.resolve("sheet-ja.pdf");
        r = CliTest.run("export", "--case", "builtin:mini-rnn", "--view", "worksheet", "--lang", "ja", "--paper",
                "letter", "--key", "separate", "--digits", "3", "-o", pdf.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("wrote " + pdf + " and " + dir.resolve("sheet-ja-key.pdf") + " (50 blanks)", r.out().strip());
        PdfReader reader = new PdfReader(Files.readAllBytes(pdf));
        try {
            assertEquals(612, reader.getPageSize(1).getWidth(), 0.01);
            assertEquals(792, reader.getPageSize(1).getHeight(), 0.01);
        } finally {
            reader.close();
        }

        Path tex = dir.resolve("sheet.tex");
        r = CliTest.run("export", "--case", "src/test/resources/cases/rnn-linear-nonzero-h0.json", "--view",
                "worksheet", "--notation", "tensorflow", "-o", tex.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(tex).contains("\\documentclass[a4paper,11pt]{article}"));
    }

    @Test
    void aCaseTooLargeExitsTwoWithTheLimitAndWritesNothing() {
        Path out = dir.resolve("big.md");
        String big = "src/test/resources/cases/rnn-tanh-many-to-one.json";
        CliTest.Run r = CliTest.run("export", "--case", big, "--view", "worksheet", "-o", out.toString());
        assertEquals(2, r.code());
        assertEquals("error: " + big + ": too large for a worksheet: T ≤ 4 (this case has T = 6)", r.err().strip());
        assertFalse(Files.exists(out));
        r = CliTest.run("export", "--case", "builtin:mini-rnn", "--view", "worksheet", "-o", dir.resolve("x.png").toString());
        assertEquals(2, r.code());
        assertEquals("error: --format: a worksheet is written as pdf, md or tex, not png", r.err().strip());
        r = CliTest.run("export", "--case", "builtin:mini-rnn", "--view", "worksheet", "--digits", "12", "-o",
                out.toString());
        assertEquals(2, r.code());
        assertEquals("error: --digits: the digits must be 1 to 8, got 12", r.err().strip());
        r = CliTest.run("export", "--case", "builtin:mini-rnn", "--view", "graph", "-o", dir.resolve("g.md").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: --format: the graph view cannot be written as md"), r.err());
    }
}
