package org.unroll.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Issue 14: one UTF-8 document per file; other encodings and trailing text refused in one line. */
class StrictJsonTest {

    private static String text() throws Exception {
        try (var s = Files.list(Path.of("src/test/resources/cases"))) {
            Path p = s.filter(f -> f.toString().endsWith(".json")).sorted().findFirst().orElseThrow();
            return Files.readString(p);
        }
    }

    @Test
    void utf8CaseIsRead() throws Exception {
        CaseFile.parse(text().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void utf16AndUtf32AreRefused() throws Exception {
        String t = text();
        for (String cs : new String[] {"UTF-16", "UTF-16LE", "UTF-16BE", "UTF-32", "UTF-32LE", "UTF-32BE"}) {
            byte[] b = t.getBytes(Charset.forName(cs));
            CaseException e = assertThrows(CaseException.class, () -> CaseFile.parse(b), cs);
            assertTrue(e.getMessage().contains("UTF-8"), cs + ": " + e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), "one line");
        }
    }

    @Test
    void textAfterTheDocumentIsRefused() throws Exception {
        String t = text();
        assertThrows(CaseException.class, () -> CaseFile.parse((t + "\n{}").getBytes(StandardCharsets.UTF_8)));
        assertThrows(CaseException.class, () -> CaseFile.parse((t + "\ngarbage").getBytes(StandardCharsets.UTF_8)));
    }

    /** The case with its first input replaced by a number literal (issue 14: 401 characters passed). */
    private static byte[] withNumber(String t, String literal) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"inputs\"\\s*:\\s*\\[\\s*\\[\\s*([-+0-9.eE]+)").matcher(t);
        assertTrue(m.find());
        return (t.substring(0, m.start(1)) + literal + t.substring(m.end(1))).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aNumberOf400CharactersIsReadAnd401AreRefused() throws Exception {
        String t = text();
        assertEquals(400, Limits.MAX_NUMBER_CHARS);
        // every form: the sign, the point and the exponent count as characters
        for (String[] form : new String[][] {{"", ""}, {"-", ""}, {"0.", ""}, {"-0.", ""}, {"1e-", ""}}) {
            String head = form[0];
            String at400 = head + "1".repeat(400 - head.length());
            String at401 = head + "1".repeat(401 - head.length());
            if (head.equals("1e-")) {
                at400 = "1e-" + "0".repeat(396) + "5";
                at401 = "1e-" + "0".repeat(397) + "5";
            } else if (head.isEmpty() || head.equals("-")) {
                // a whole number of 400 digits overflows nothing but is a huge input; keep it a fraction
                at400 = head + "0." + "1".repeat(398 - head.length());
                at401 = head + "0." + "1".repeat(399 - head.length());
            }
            assertEquals(400, at400.length());
            assertEquals(401, at401.length());
            byte[] ok = withNumber(t, at400);
            CaseFile.parse(ok);
            byte[] bad = withNumber(t, at401);
            CaseException e = assertThrows(CaseException.class, () -> CaseFile.parse(bad), at401);
            assertTrue(e.getMessage().contains("a number of 401 characters") && e.getMessage().contains("the limit is 400"),
                    e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), "one line");
        }
        // a whole number of 401 digits, unsigned (Jackson's own check) and signed (which it let through)
        assertThrows(CaseException.class, () -> CaseFile.parse(withNumber(t, "1".repeat(401))));
        assertThrows(CaseException.class, () -> CaseFile.parse(withNumber(t, "-" + "1".repeat(400))));
        // digits inside a string are text, not a number
        CaseFile.parse(t.replaceFirst("\\{", "{\"note\": \"" + "1".repeat(1000) + "\",").getBytes(StandardCharsets.UTF_8));
    }
}
