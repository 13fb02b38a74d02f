package org.unroll.engine;

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
}
