package org.unroll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.unroll.deck.DeckException;
import org.unroll.deck.DeckFile;
import org.unroll.engine.CaseException;
import org.unroll.engine.CaseFile;
import org.unroll.engine.Datasets;
import org.unroll.engine.InputFile;
import org.unroll.engine.Limits;
import org.unroll.interop.ImportException;
import org.unroll.interop.ImportOptions;
import org.unroll.interop.ImportSequences;
import org.unroll.interop.Importers;
import org.unroll.session.Checkpoint;
import org.unroll.session.CheckpointException;

/**
 * Issue 14, ADR 0031: every input is checked for what it is before it is opened, and every read is
 * bounded. A FIFO with no writer would block a reader that opened it; the readers must not open it,
 * so these tests end at once (the timeout is only a guard against a regression hanging the build).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class InputFilesTest {

    @TempDir
    Path dir;

    /** A FIFO in the temporary folder (no writer), or the test is skipped where mkfifo is missing. */
    private Path fifo(String name) throws Exception {
        Path p = dir.resolve(name);
        try {
            Process pr = new ProcessBuilder("mkfifo", p.toString()).redirectErrorStream(true).start();
            pr.getInputStream().readAllBytes();
            Assumptions.assumeTrue(pr.waitFor() == 0 && Files.exists(p), "mkfifo failed");
        } catch (java.io.IOException e) {
            Assumptions.abort("no mkfifo here: " + e.getMessage());
        }
        return p;
    }

    /** A sparse file one byte over a limit: cheap to make, never written. */
    private Path sparse(String name, long size) throws Exception {
        Path p = dir.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(size);
        }
        return p;
    }

    private static void oneLine(String expectedFragment, String message) {
        assertTrue(message.contains(expectedFragment), message);
        assertFalse(message.strip().contains("\n"), "one line: " + message);
    }

    @Test
    void aFifoIsRefusedUnopenedByEveryReader() throws Exception {
        Path f = fifo("pipe.json");
        String fifo = "not a regular file (a FIFO)";
        oneLine(fifo, assertThrows(CaseException.class, () -> CaseFile.read(f)).getMessage());
        oneLine(fifo, assertThrows(DeckException.class, () -> DeckFile.read(f)).getMessage());
        oneLine(fifo, assertThrows(CheckpointException.class, () -> Checkpoint.read(f)).getMessage());
        oneLine(fifo, assertThrows(IllegalArgumentException.class, () -> Datasets.fromCsv(f, 3, 1)).getMessage());
        oneLine(fifo, assertThrows(ImportException.class, () -> ImportSequences.csv(f, 1, 1, 2)).getMessage());
        oneLine(fifo, assertThrows(ImportException.class, () -> Importers.read(f, ImportOptions.defaults())).getMessage());
        oneLine(fifo, assertThrows(UserError.class, () -> ImportCommand.csv(f, 1, 1, 2)).getMessage());
        oneLine(fifo, assertThrows(UserError.class, () -> TrainCommand.againstSeries(f)).getMessage());
        // the helper itself, for the readers that stream (the checkpoint's SHA-256 of the CSV)
        assertThrows(InputFile.Refused.class, () -> InputFile.open(f, 100));
    }

    @Test
    void theCommandLineNamesTheFifoInOneLine() throws Exception {
        Path f = fifo("pipe.json");
        CliTest.Run r = CliTest.run("check", f.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("error: " + f + ": not a regular file (a FIFO)", r.err().strip());
        CliTest.Run t = CliTest.run("train", "--task", "csv:" + f, "--epochs", "1", "--hidden", "2");
        assertEquals(2, t.code(), t.err());
        oneLine("not a regular file (a FIFO)", t.err());
    }

    @Test
    void aFolderIsRefusedInOneLine() throws Exception {
        Path d = Files.createDirectory(dir.resolve("folder.json"));
        CliTest.Run r = CliTest.run("check", d.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("error: " + d + ": not a regular file (a folder)", r.err().strip());
        oneLine("not a regular file (a folder)",
                assertThrows(IllegalArgumentException.class, () -> Datasets.fromCsv(d, 3, 1)).getMessage());
        oneLine("not a regular file (a folder)",
                assertThrows(DeckException.class, () -> DeckFile.read(d)).getMessage());
        oneLine("not a regular file (a folder)",
                assertThrows(UserError.class, () -> TrainCommand.againstSeries(d)).getMessage());
    }

    @Test
    void aFileOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        Path big = sparse("big.case.json", Limits.MAX_FILE_BYTES + 1);
        CliTest.Run r = CliTest.run("check", big.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("error: " + big + ": file is " + (Limits.MAX_FILE_BYTES + 1) + " bytes; the limit is 64 MiB",
                r.err().strip());
        Path csv = sparse("big.csv", Datasets.MAX_CSV_BYTES + 1);
        oneLine("the limit is 64 MiB",
                assertThrows(IllegalArgumentException.class, () -> Datasets.fromCsv(csv, 3, 1)).getMessage());
        oneLine("the limit is 64 MiB", assertThrows(ImportException.class, () -> ImportSequences.csv(csv, 1, 1, 2)).getMessage());
        oneLine("the limit is 64 MiB", assertThrows(UserError.class, () -> ImportCommand.csv(csv, 1, 1, 2)).getMessage());
        oneLine("the limit is 64 MiB", assertThrows(UserError.class, () -> TrainCommand.againstSeries(csv)).getMessage());
        oneLine("the limit is 64 MiB", assertThrows(DeckException.class, () -> DeckFile.read(big)).getMessage());
    }

    @Test
    void aFileWhoseSizeLiesIsReadNoFurtherThanTheLimit() throws Exception {
        // /proc files say they are empty and hold more: the same as a file that grows while read
        Path p = Path.of("/proc/self/status");
        Assumptions.assumeTrue(Files.isRegularFile(p) && Files.size(p) == 0, "no /proc here");
        assertTrue(InputFile.readAllBytes(p, 1 << 20).length > 10);
        InputFile.Refused e = assertThrows(InputFile.Refused.class, () -> InputFile.readAllBytes(p, 10));
        assertEquals("file is larger than 10 bytes; the limit is 10 bytes", e.getMessage());
        try (var in = InputFile.open(p, 10)) {
            assertThrows(InputFile.Refused.class, in::readAllBytes);
        }
    }

    @Test
    void aRegularFileIsStillRead() throws Exception {
        Path csv = dir.resolve("ok.csv");
        Files.write(csv, List.of("a,b", "1,2", "3,4", "5,6", "7,8", "9,10"));
        assertEquals(2, Datasets.fromCsv(csv, 2, 1).inputSize());
        assertEquals(null, InputFile.kind(csv));
    }
}
