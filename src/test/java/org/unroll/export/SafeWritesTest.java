package org.unroll.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every writer is atomic: a missing folder or a failing figure leaves the old file byte for byte and
 * no temporary files; the errors read as one sentence.
 */
class SafeWritesTest {

    @TempDir
    Path dir;

    /** Writes a file of format {@code f} with {@code figure} to {@code out}. */
    private static Executable write(Format f, Figure figure, Path out) {
        return switch (f) {
            case PNG -> () -> PngExport.write(figure, 200, 100, 1, out);
            case SVG -> () -> SvgExport.write(figure, 200, 100, out);
            case PDF -> () -> PdfExport.write(figure, 200, 100, out);
            case GIF -> () -> GifExport.write(2, i -> figure, 200, 100, 1, 100, true, out);
            case CSV -> () -> Csv.writeStreaming(out, List.of("a", "b"), sink -> {
                sink.row("1", "2");
                figure.draw(null, null);
            });
            case JSON, FRAMES, MD, TEX -> throw new IllegalArgumentException("not written from a figure");
        };
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"PNG", "SVG", "PDF", "GIF", "CSV"})
    void missingFolderFailsWithAClearSentence(Format f) {
        Path out = dir.resolve("no/such/folder/x." + f.extension());
        IOException e = assertThrows(IOException.class, write(f, TestFigures.slide(), out));
        assertEquals("cannot write " + out + ": the folder does not exist", ExportErrors.describe(e, out));
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"PNG", "SVG", "PDF", "GIF", "CSV"})
    void failingFigureLeavesTheOldFileAndNoTemporaries(Format f) throws Exception {
        Path out = dir.resolve("x." + f.extension());
        byte[] old = {42, 43, 44};
        Files.write(out, old);
        Figure failing = (g2, area) -> {
            throw new IllegalStateException("boom");
        };

        IllegalStateException e = assertThrows(IllegalStateException.class, write(f, failing, out));

        assertArrayEquals(old, Files.readAllBytes(out));
        assertEquals(List.of("x." + f.extension()), names(), "no .x.*.tmp left");
        assertEquals("cannot write " + out + ": the figure failed to draw (java.lang.IllegalStateException: boom)",
                ExportErrors.describe(e, out));
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"PNG", "SVG", "PDF", "GIF", "CSV"})
    void aFolderIsNotReplaced(Format f) throws Exception {
        Path out = Files.createDirectory(dir.resolve("x." + f.extension()));
        IOException e = assertThrows(IOException.class, write(f, TestFigures.shapes(), out));
        assertEquals("cannot write " + out + ": it is a folder, not a file", ExportErrors.describe(e, out));
        assertEquals(List.of("x." + f.extension()), names());
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"PNG", "SVG", "PDF", "GIF", "CSV"})
    void readOnlyFolderSaysPermissionDenied(Format f) throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path ro = Files.createDirectory(dir.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(ro), "running as root: a read-only folder is writable anyway");
            Path out = ro.resolve("x." + f.extension());
            IOException e = assertThrows(IOException.class, write(f, TestFigures.shapes(), out));
            assertEquals("cannot write " + out + ": permission denied", ExportErrors.describe(e, out));
            assertFalse(Files.exists(out));
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
