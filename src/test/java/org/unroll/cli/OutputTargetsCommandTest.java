package org.unroll.cli;

import static org.unroll.testing.Commands.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -o} at what is not a regular file (ADR 0030): exit 2 and one line naming the path and
 * what it is, nothing opened (a FIFO would hang the command), nothing replaced; a full disk is one
 * line too, with the old file intact and no temporary left.
 */
class OutputTargetsCommandTest {

    @TempDir
    Path dir;

    private Path fifo;
    private Path fifoLink;
    private Thread reader;
    private final AtomicLong readBytes = new AtomicLong(-1);

    /**
     * A FIFO with a reader waiting on it: if the command opened it to write, the command would not
     * hang (the reader is there) but the bytes it wrote would be counted.
     */
    private Path fifo(String name) {
        fifo = dir.resolve(name);
        assumeTrue(run("mkfifo", fifo.toString()), "mkfifo");
        // a second name of the FIFO: if the command replaced the first, the reader is still met
        Path link;
        try {
            link = Files.createLink(dir.resolve("." + name + ".link"), fifo);
        } catch (IOException | UnsupportedOperationException e) {
            assumeTrue(false, "hard links");
            return fifo;
        }
        fifoLink = link;
        reader = new Thread(() -> {
            try (InputStream in = new FileInputStream(link.toFile())) {
                long n = 0;
                byte[] buf = new byte[8192];
                for (int k; (k = in.read(buf)) >= 0; ) {
                    n += k;
                }
                readBytes.set(n);
            } catch (IOException e) {
                readBytes.set(-2);
            }
        }, "fifo-reader");
        reader.setDaemon(true);
        reader.start();
        return fifo;
    }

    @AfterEach
    void releaseTheReader() throws Exception {
        if (reader != null) {
            // the reader waits for a writer: this open meets it, and the reader sees the end
            try (OutputStream o = new FileOutputStream(fifoLink.toFile())) {
                o.flush();
            }
            reader.join();
            assertEquals(0, readBytes.get(), "the command wrote nothing into the FIFO");
        }
    }

    private static void assertOneLine(CliTest.Run r, String line) {
        assertEquals(2, r.code(), r.err());
        assertEquals(line, r.err().strip());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void runToAFifoIsRefusedInOneLine() throws Exception {
        Path p = fifo("out.json");
        CliTest.Run r = CliTest.run("run", CliTest.resource("rnn-tanh-many-to-one.json").toString(), "-o", p.toString());
        assertOneLine(r, "error: cannot write " + p.toAbsolutePath() + ": it is a FIFO, not a regular file");
        assertFalse(Files.isRegularFile(p), "still a FIFO");
    }

    @Test
    void exportToAFifoIsRefusedBeforeDrawing() throws Exception {
        Path p = fifo("graph.png");
        CliTest.Run r = CliTest.run("export", "-o", p.toString());
        assertOneLine(r, "error: cannot write " + p.toAbsolutePath() + ": it is a FIFO, not a regular file");
    }

    @Test
    void kerasWeightsToAFifoAreRefused() throws Exception {
        Path p = fifo("w.h5");
        CliTest.Run r = CliTest.run("export", "--format", "keras", "-o", p.toString());
        assertOneLine(r, "error: cannot write " + p.toAbsolutePath() + ": it is a FIFO, not a regular file");
    }

    @Test
    void trainRefusesAFifoCheckpointBeforeTraining() throws Exception {
        Path p = fifo("run.ckpt.json");
        CliTest.Run r = CliTest.run("train", "--task", "sine", "--cell", "gru", "--hidden", "3", "--epochs", "2",
                "--checkpoint", p.toString());
        assertOneLine(r, "error: cannot write " + p.toAbsolutePath() + ": it is a FIFO, not a regular file");
        assertFalse(r.out().contains("epoch"), "refused before the first epoch: " + r.out());
    }

    @Test
    void aDeviceNodeIsRefused() throws Exception {
        Path dev = dir.resolve("full");
        // the numbers of /dev/full (1, 7), made in the temporary folder and never opened; needs root
        assumeTrue(run("mknod", dev.toString(), "c", "1", "7"), "mknod (root)");
        CliTest.Run r = CliTest.run("run", CliTest.resource("rnn-tanh-many-to-one.json").toString(), "-o", dev.toString());
        assertOneLine(r, "error: cannot write " + dev.toAbsolutePath() + ": it is a device, not a regular file");
        assertFalse(Files.isRegularFile(dev), "the node is still there, not replaced");
    }

    @Test
    void aFolderIsRefused() throws Exception {
        Path d = Files.createDirectory(dir.resolve("model.json"));
        CliTest.Run r = CliTest.run("train", "--task", "sine", "--cell", "gru", "--hidden", "3", "--epochs", "1",
                "-o", d.toString());
        assertOneLine(r, "error: cannot write " + d.toAbsolutePath() + ": it is a folder, not a file");
    }

    @Test
    void aReadOnlyFileIsNotReplaced() throws Exception {
        Path f = dir.resolve("ro.json");
        Files.writeString(f, "old");
        assumeTrue(f.toFile().setReadOnly(), "read-only files");
        CliTest.Run r = CliTest.run("run", CliTest.resource("rnn-tanh-many-to-one.json").toString(), "-o", f.toString());
        assertOneLine(r, "error: cannot write " + f.toAbsolutePath() + ": the file is read-only; it is not replaced");
        assertEquals("old", Files.readString(f));
    }

    @Test
    void aFullDiskIsOneLineAndTheOldFileStays() throws Exception {
        Path mnt = Files.createDirectory(dir.resolve("small"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mnt.toString()), "mount a 1 MiB tmpfs (root)");
        try {
            Path out = mnt.resolve("out.json");
            Files.writeString(out, "old");
            try (OutputStream o = Files.newOutputStream(mnt.resolve("filler"))) {
                byte[] block = new byte[4096];
                for (int i = 0; i < 1024; i++) {
                    o.write(block);
                }
            } catch (IOException full) {
                // the disk is full now
            }
            CliTest.Run r = CliTest.run("run", CliTest.resource("rnn-tanh-many-to-one.json").toString(), "-o", out.toString());
            assertEquals(2, r.code(), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("error: cannot write " + out.toAbsolutePath() + ": the disk is full"), r.err());
            assertTrue(r.err().toLowerCase(java.util.Locale.ROOT).contains("no space left"), r.err());
            assertEquals("old", Files.readString(out));
            try (Stream<Path> s = Files.list(mnt)) {
                assertEquals(List.of("filler", "out.json"), s.map(p -> p.getFileName().toString()).sorted().toList(),
                        "no temporary left");
            }
        } finally {
            run("umount", mnt.toString());
        }
    }
}
