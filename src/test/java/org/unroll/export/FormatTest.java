package org.unroll.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Format names and file extensions. */
class FormatTest {

    @Test
    void parseIsCaseInsensitive() {
        assertEquals(Format.PNG, Format.parse("png"));
        assertEquals(Format.SVG, Format.parse(" SVG "));
        assertEquals(Format.FRAMES, Format.parse("Frames"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Format.parse("jpeg"));
        assertEquals("unknown export format \"jpeg\"; allowed: png, svg, pdf, gif, csv, json, frames, md, tex", e.getMessage());
    }

    @Test
    void fromFileName() {
        assertEquals(Format.PDF, Format.fromFileName(Path.of("/tmp/Slide.PDF")));
        assertEquals(Format.GIF, Format.fromFileName(Path.of("a.b.gif")));
        assertEquals(Format.PNG, Format.fromFileName(Path.of("x.png")), "never FRAMES");
        assertEquals(Format.CSV, Format.fromFileName(Path.of("trace.csv")));
        String msg = assertThrows(IllegalArgumentException.class, () -> Format.fromFileName(Path.of("notes.txt"))).getMessage();
        assertTrue(msg.contains("\"notes.txt\"") && msg.contains(".png, .svg, .pdf, .gif, .csv"), msg);
        assertThrows(IllegalArgumentException.class, () -> Format.fromFileName(Path.of("frames")));
        assertThrows(IllegalArgumentException.class, () -> Format.fromFileName(Path.of(".png")));
    }

    @Test
    void extensions() {
        assertEquals("svg", Format.SVG.extension());
        assertEquals("png", Format.FRAMES.extension());
        assertTrue(Format.FRAMES.isFolder());
        assertEquals("frames", Format.FRAMES.id());
    }
}
