package org.unroll.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Numbered PNG frames: names, count, size; all or nothing. */
class FramesExportTest {

    @TempDir
    Path dir;

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void numberedFilesInANewFolder() throws Exception {
        Path folder = dir.resolve("a/b/frames");
        List<Path> files = FramesExport.write(3, GifExportTest::frame, 160, 90, 2, folder, "bptt");

        assertEquals(List.of("bptt-0001.png", "bptt-0002.png", "bptt-0003.png"), names(folder));
        assertEquals(3, files.size());
        assertEquals(folder.resolve("bptt-0002.png").toAbsolutePath(), files.get(1));
        BufferedImage img = ImageIO.read(files.get(0).toFile());
        assertEquals(320, img.getWidth());
        assertEquals(180, img.getHeight());
    }

    @Test
    void aFrameNameThatIsAFifoIsRefusedBeforeAnyFrameIsDrawn() throws Exception {
        Path fifo = dir.resolve("run-0002.png");
        boolean made;
        try {
            made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
        } catch (IOException e) {
            made = false;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(made, "mkfifo");
        int[] drawn = {0};
        org.unroll.engine.AtomicFile.NotWritableException e = assertThrows(
                org.unroll.engine.AtomicFile.NotWritableException.class, () -> FramesExport.write(3, i -> {
                    drawn[0]++;
                    return GifExportTest.frame(i);
                }, 64, 36, 1, dir, "run"));
        assertEquals(org.unroll.engine.AtomicFile.Kind.FIFO, e.kind());
        assertEquals(0, drawn[0], "nothing drawn");
        assertEquals(List.of("run-0002.png"), names(dir), "no frame, no staging folder");
        assertFalse(Files.isRegularFile(fifo));
    }

    @Test
    void moreDigitsForManyFrames() {
        assertEquals("f-0001.png", FramesExport.fileName("f", 0, 9999));
        assertEquals("f-00001.png", FramesExport.fileName("f", 0, 10000));
        assertEquals("f-10000.png", FramesExport.fileName("f", 9999, 10000));
    }

    @Test
    void failureMidwayLeavesNoNewFilesAndKeepsOldOnes() throws Exception {
        Path unrelated = Files.writeString(dir.resolve("notes.txt"), "keep me");
        byte[] oldFrame = {1, 2, 3};
        Files.write(dir.resolve("run-0002.png"), oldFrame);

        assertThrows(IllegalStateException.class, () -> FramesExport.write(5,
                i -> i == 3 ? TestFigures.failing() : GifExportTest.frame(i), 64, 36, 1, dir, "run"));

        assertEquals(List.of("notes.txt", "run-0002.png"), names(dir), "no new files, no staging folder");
        assertEquals("keep me", Files.readString(unrelated));
        assertArrayEquals(oldFrame, Files.readAllBytes(dir.resolve("run-0002.png")));
    }

    @Test
    void failureRemovesTheFoldersItCreated() {
        Path folder = dir.resolve("new/frames");
        assertThrows(IllegalStateException.class, () -> FramesExport.write(2,
                i -> i == 1 ? TestFigures.failing() : GifExportTest.frame(i), 64, 36, 1, folder, "run"));
        assertFalse(Files.exists(dir.resolve("new")));
    }

    @Test
    void badPrefixOrFolder() throws Exception {
        String sep = assertThrows(IllegalArgumentException.class,
                () -> FramesExport.write(2, GifExportTest::frame, 64, 36, 1, dir, "../x")).getMessage();
        assertTrue(sep.contains("path separators"), sep);
        Path file = Files.writeString(dir.resolve("file"), "x");
        IOException e = assertThrows(IOException.class,
                () -> FramesExport.write(2, GifExportTest::frame, 64, 36, 1, file, "f"));
        assertEquals("cannot write " + file.toAbsolutePath() + ": it is a file, not a folder",
                ExportErrors.describe(e, file));
    }
}
