package org.unroll.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sentences for errors that cannot be provoked here (the tests may run as root, the disk is not full). */
class ExportErrorsTest {

    @TempDir
    Path dir;

    @Test
    void permissionDenied() {
        Path out = dir.resolve("x.png");
        assertEquals("cannot write " + out + ": permission denied",
                ExportErrors.describe(new AccessDeniedException(dir.resolve(".x.png.123.tmp").toString()), out));
    }

    @Test
    void diskFull() {
        Path out = dir.resolve("x.pdf");
        assertEquals("cannot write " + out + ": the disk is full (No space left on device)",
                ExportErrors.describe(new IOException("No space left on device"), out));
        assertEquals("cannot write " + out + ": the disk is full (No space left on device)",
                ExportErrors.describe(new FileSystemException(out.toString(), null, "No space left on device"), out));
        assertEquals("cannot write " + out + ": the disk is full (No space left on device)",
                ExportErrors.describe(new RuntimeException(new UncheckedIOException(new IOException("No space left on device"))), out));
    }

    @Test
    void aTargetThatIsNotARegularFileIsNamedInBothLanguages() {
        Path out = dir.resolve("x.png");
        for (org.unroll.engine.AtomicFile.Kind k : org.unroll.engine.AtomicFile.Kind.values()) {
            var e = new org.unroll.engine.AtomicFile.NotWritableException(out, k);
            String en = ExportErrors.describe(e, out);
            String ja = ExportErrors.describe(e, out, org.unroll.view.Messages.bundle(java.util.Locale.JAPANESE));
            assertEquals(1, en.lines().count());
            org.junit.jupiter.api.Assertions.assertTrue(en.startsWith("cannot write " + out + ": it is ")
                    || en.equals("cannot write " + out + ": the file is read-only; it is not replaced"), en);
            org.junit.jupiter.api.Assertions.assertTrue(ja.startsWith(out + " に書き出せません: "), ja);
            org.junit.jupiter.api.Assertions.assertNotEquals(en, ja);
        }
        assertEquals("cannot write " + out + ": it is a FIFO, not a regular file", ExportErrors.describe(
                new org.unroll.engine.AtomicFile.NotWritableException(out, org.unroll.engine.AtomicFile.Kind.FIFO), out));
    }

    @Test
    void readOnlyDisk() {
        Path out = dir.resolve("x.svg");
        assertEquals("cannot write " + out + ": the disk is read-only",
                ExportErrors.describe(new FileSystemException(out.toString(), null, "Read-only file system"), out));
    }

    @Test
    void badArgumentsAndMemory() {
        Path out = dir.resolve("x.png");
        assertEquals("cannot write " + out + ": the scale 9 is out of range",
                ExportErrors.describe(new IllegalArgumentException("the scale 9 is out of range"), out));
        assertEquals("cannot write " + out + ": not enough memory for an image this size; choose a smaller size or scale",
                ExportErrors.describe(new OutOfMemoryError("Java heap space"), out));
    }

    @Test
    void relativePathsAreShownAbsolute() {
        Path out = Path.of("some-missing-folder-for-the-test/x.png");
        assertEquals("cannot write " + out.toAbsolutePath() + ": the folder does not exist",
                ExportErrors.describe(new IOException("no such directory: whatever"), out));
    }

    @Test
    void theAppSaysItInItsLanguage() {
        java.nio.file.Path target = java.nio.file.Path.of("/no/such/folder/x.png");
        java.io.IOException e = new java.nio.file.NoSuchFileException("/no/such/folder/.x.png.1.tmp");
        assertEquals("/no/such/folder/x.png に書き出せません: フォルダがありません",
                ExportErrors.describe(e, target, org.unroll.view.Messages.bundle(java.util.Locale.JAPANESE)));
        assertEquals("cannot write /no/such/folder/x.png: the folder does not exist", ExportErrors.describe(e, target));
    }
}
