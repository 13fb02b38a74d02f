package org.unroll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lowagie.text.pdf.PdfReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export --deck}: a deck's handout, one PDF page per scene, from the command line. */
class HandoutCommandTest {

    @TempDir
    Path dir;

    @Test
    void theChapter5DeckIsAPdfOfOnePagePerSceneInBothLanguages() throws Exception {
        for (String lang : new String[] {"en", "ja"}) {
            Path out = dir.resolve("handout-" + lang + ".pdf");
            CliTest.Run r = CliTest.run("export", "--deck", "builtin:chapter5", "--format", "pdf", "--lang", lang,
                    "-o", out.toString());
            assertEquals(0, r.code(), r.err());
            assertEquals("wrote " + out + " (12 pages)", r.out().strip());
            PdfReader reader = new PdfReader(Files.readAllBytes(out));
            try {
                assertEquals(12, reader.getNumberOfPages());
                for (int p = 1; p <= 12; p++) {
                    assertEquals(842, reader.getPageSize(p).getWidth(), 1e-3);
                    assertTrue(reader.getPageContent(p).length > 5_000, "page " + p + " has the graph and the notes");
                }
            } finally {
                reader.close();
            }
        }
    }

    @Test
    void aBadDeckIsOneLineAndNoFile() throws Exception {
        Path deck = dir.resolve("bad.json");
        Files.writeString(deck, "{\"format\": \"unroll-deck\", \"version\": 7, \"scenes\": []}");
        Path out = dir.resolve("h.pdf");
        CliTest.Run r = CliTest.run("export", "--deck", deck.toString(), "-o", out.toString());
        assertEquals(2, r.code());
        assertEquals("error: " + deck + ": version: version 7 is not known to this app (it reads versions 1 and 2)",
                r.err().strip());
        assertFalse(Files.exists(out));
        CliTest.Run png = CliTest.run("export", "--deck", "builtin:chapter5", "-o", dir.resolve("h.png").toString());
        assertEquals(2, png.code());
        assertEquals("error: --format: a deck's handout is written as pdf, not png", png.err().strip());
    }
}
