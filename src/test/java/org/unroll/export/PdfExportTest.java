package org.unroll.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.PdfReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PDF files have one page of the requested size and survive Japanese text. */
class PdfExportTest {

    @TempDir
    Path dir;

    @Test
    void onePageOfTheRequestedSizeWithJapaneseTitle() throws Exception {
        Path out = dir.resolve("slide.pdf");
        PdfExport.write(TestFigures.slide(), 1280, 720, out);

        byte[] bytes = Files.readAllBytes(out);
        assertEquals("%PDF", new String(bytes, 0, 4, StandardCharsets.US_ASCII));
        PdfReader reader = new PdfReader(bytes);
        try {
            assertEquals(1, reader.getNumberOfPages());
            Rectangle page = reader.getPageSize(1);
            assertEquals(1280f, page.getWidth(), 1e-3);
            assertEquals(720f, page.getHeight(), 1e-3);
            // the title and caption glyphs are outlines: the page has substantial content
            assertTrue(reader.getPageContent(1).length > 5_000, "page content: " + reader.getPageContent(1).length);
        } finally {
            reader.close();
        }
    }

    @Test
    void fractionalPageSize() throws Exception {
        Path out = dir.resolve("a4.pdf");
        PdfExport.write(TestFigures.shapes(), 595.28f, 841.89f, out);
        PdfReader reader = new PdfReader(Files.readAllBytes(out));
        try {
            assertEquals(595.28f, reader.getPageSize(1).getWidth(), 1e-2);
            assertEquals(841.89f, reader.getPageSize(1).getHeight(), 1e-2);
        } finally {
            reader.close();
        }
    }
}
