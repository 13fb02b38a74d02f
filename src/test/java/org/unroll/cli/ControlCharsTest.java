package org.unroll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lowagie.text.pdf.PdfReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unroll.deck.DeckFile;
import org.unroll.deck.DeckSessions;
import org.unroll.engine.CaseFile;
import org.unroll.engine.ControlChars;
import org.unroll.export.Handout;
import org.unroll.export.SvgExport;

/**
 * Control characters in what a user hands Unroll (a case's name, a deck's titles and notes, a
 * value or a key in a bad file, a file name, a title on the command line) never reach the terminal
 * or a written file raw: they are shown as their escapes, {@code \}{@code u001b} (ADR 0032).
 */
class ControlCharsTest {

    /** ESC [31m (red), NUL, BEL, a lone CR and the right-to-left override, as a JSON string's escapes. */
    private static final String HOSTILE_JSON = "\\u001b[31mred\\u0000nul\\u0007bel\\rcr\\u202eevil\\u001b[0m";
    /** The same as Java text. */
    private static final String HOSTILE = "\u001b[31mred\u0000nul\u0007bel\rcr\u202eevil\u001b[0m";

    @TempDir
    Path dir;

    private static void assertClean(String what, String text) {
        for (char c : new char[] {'\u001b', '\u0000', '\u0007', '\u202e'}) {
            assertFalse(text.indexOf(c) >= 0, what + " holds U+" + Integer.toHexString(c) + ": " + text);
        }
        String lines = text.replace("\r\n", "\n");
        assertFalse(lines.indexOf('\r') >= 0, what + " holds a carriage return: " + text);
    }

    private Path hostileCase() throws Exception {
        String s = Files.readString(Path.of("src/main/resources/cases/mini-rnn.json"));
        s = s.replace("\"name\": \"mini-rnn\"", "\"name\": \"" + HOSTILE_JSON + "\"")
                .replaceFirst("\"description\": \"", "\"description\": \"" + HOSTILE_JSON);
        Path f = dir.resolve("hostile.json");
        Files.writeString(f, s);
        assertEquals(HOSTILE, CaseFile.read(f).name(), "the case holds the characters themselves");
        return f;
    }

    /** A javax.xml parser that checks well-formedness only (it does not fetch the SVG DTD). */
    private static javax.xml.parsers.DocumentBuilder parser() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder();
    }

    @Test
    void theEscapeIsVisibleAndOnlyForWhatActs() {
        assertEquals("\\u001b[31mred\\u0000nul\\u0007bel\\u000dcr\\u202eevil\\u001b[0m", ControlChars.escape(HOSTILE));
        assertEquals("a\\u000ab", ControlChars.escape("a\nb"));
        assertEquals("a\nb\\u0009", ControlChars.escapeKeepingLines("a\nb\t"));
        String fine = "h(t−1) ⊙ σ′ 日本語 é";
        assertTrue(fine == ControlChars.escape(fine), "text without them is returned as it is");
        assertEquals("line\r\n\ttab\\u000d\\u0085", Terminal.safe("line\r\n\ttab\r\u0085"));
    }

    @Test
    void checkAndRunPrintNoControlCharacter() throws Exception {
        Path f = hostileCase();
        CliTest.Run check = CliTest.run("check", f.toString());
        assertEquals(0, check.code(), check.err());
        assertClean("check", check.out() + check.err());
        CliTest.Run run = CliTest.run("run", f.toString());
        assertEquals(0, run.code(), run.err());
        assertClean("run", run.out().replace("\u202e", "") + run.err());
        assertTrue(run.out().contains("\\u001B[31mred\\u0000nul"), "the JSON document keeps them as JSON escapes");
        // a file name with them, named on the command line
        CliTest.Run nul = CliTest.run("check", "a\u0000b.json");
        assertEquals("error: a\\u0000b.json: not a valid file name", nul.err().strip());
        CliTest.Run missing = CliTest.run("check", dir + "/no" + HOSTILE + ".json");
        assertEquals(2, missing.code());
        assertClean("no such file", missing.out() + missing.err());
        assertTrue(missing.err().contains("no\\u001b[31mred\\u0000nul"), missing.err());
    }

    @Test
    void errorsQuotingTheFileShowTheEscapes() throws Exception {
        String valid = Files.readString(Path.of("src/main/resources/cases/mini-rnn.json"));
        String[] bad = {
            // a value quoted in the message
            valid.replace("\"cell\": \"rnn\"", "\"cell\": \"" + HOSTILE_JSON + "\""),
            // a key named in the JSON path
            valid.replace("\"Wx\":", "\"" + HOSTILE_JSON + "\": 1, \"Wx\":"),
            // a raw token Jackson quotes (not JSON at all)
            "{\"format\": x" + HOSTILE + "}",
            // raw control bytes inside a string
            valid.replace("\"name\": \"mini-rnn\"", "\"name\": \"" + HOSTILE + "\""),
        };
        for (int i = 0; i < bad.length; i++) {
            Path f = dir.resolve("bad" + i + ".json");
            Files.writeString(f, bad[i]);
            CliTest.Run r = CliTest.run("check", f.toString());
            assertEquals(2, r.code(), i + ": " + r.err());
            assertClean("error " + i, r.out() + r.err());
            assertTrue(r.err().startsWith("error: " + f + ": "), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
        assertTrue(CliTest.run("check", dir.resolve("bad0.json").toString()).err().contains("\\u001b[31mred"));
    }

    @Test
    void anSvgWithThemIsWellFormed() throws Exception {
        Path f = hostileCase();
        Path svg = dir.resolve("g.svg");
        CliTest.Run r = CliTest.run("export", "--case", f.toString(), "--format", "svg", "--title", HOSTILE,
                "--caption", "two\nlines " + HOSTILE, "-o", svg.toString());
        assertEquals(0, r.code(), r.err());
        assertClean("export", r.out() + r.err());
        byte[] bytes = Files.readAllBytes(svg);
        parser().parse(new ByteArrayInputStream(bytes));
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertClean("the SVG", text);
        assertTrue(text.contains("\\u001b[31mred\\u0000nul"), "the title drawn with its escapes");
        // the rule's guarantee for anything else drawn
        assertEquals("<t>\\u0000\\u001b\t</t>", SvgExport.wellFormed("<t>\u0000\u001b\t</t>"));
    }

    @Test
    void theWorksheetAndTheHandoutShowThem() throws Exception {
        Path f = hostileCase();
        Path md = dir.resolve("w.md");
        CliTest.Run w = CliTest.run("export", "--case", f.toString(), "--view", "worksheet", "--format", "md",
                "-o", md.toString());
        assertEquals(0, w.code(), w.err());
        assertClean("the worksheet", Files.readString(md));
        Path pdf = dir.resolve("w.pdf");
        assertEquals(0, CliTest.run("export", "--case", f.toString(), "--view", "worksheet", "--format", "pdf",
                "-o", pdf.toString()).code());

        Path deck = dir.resolve("hostile.deck.json");
        Files.writeString(deck, "{\"format\": \"unroll-deck\", \"version\": 1, \"title\": \"" + HOSTILE_JSON + "\","
                + " \"scenes\": [{\"title\": \"" + HOSTILE_JSON + "\", \"notes\": \"first\\n" + HOSTILE_JSON + "\","
                + " \"case\": \"builtin:mini-rnn\", \"cursor\": \"start\"}]}");
        Path out = dir.resolve("h.pdf");
        CliTest.Run h = CliTest.run("export", "--deck", deck.toString(), "--format", "pdf", "-o", out.toString());
        assertEquals(0, h.code(), h.err());
        assertClean("export --deck", h.out() + h.err());
        PdfReader reader = new PdfReader(Files.readAllBytes(out));
        try {
            assertEquals(1, reader.getNumberOfPages());
        } finally {
            reader.close();
        }
        // the page's texts as drawn (the PDF has them as outlines): the same page as an SVG
        DeckSessions sessions = new DeckSessions(DeckFile.read(deck));
        String page = SvgExport.toSvg(Handout.page(sessions.resolve(0), sessions.deck(), Locale.ENGLISH), 842, 595);
        parser()
                .parse(new ByteArrayInputStream(page.getBytes(StandardCharsets.UTF_8)));
        assertClean("the handout page", page);
        assertTrue(page.contains("\\u001b[31mred\\u0000nul\\u0007bel\\u000dcr\\u202eevil"), "title, notes, footer escaped");
    }
}
