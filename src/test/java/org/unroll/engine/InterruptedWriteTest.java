package org.unroll.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write killed midway (ADR 0030): a child JVM writes a large file through {@link AtomicFile} and
 * is killed once it has started; the old file is intact, and the temporary it left is deleted by
 * the next start's clean-up (kill -9) or by the exit hook (a plain kill, as Ctrl+C), after the
 * tasks at exit have written their last file.
 */
class InterruptedWriteTest {

    @TempDir
    Path dir;

    private Process start(Path journal, Path target, Path... last) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SlowWriterMain.class.getName(),
                journal.toString(), target.toString()));
        for (Path p : last) {
            cmd.add(p.toString());
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("writing", r.readLine(), "the child started writing");
        return p;
    }

    private List<String> temporaries(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
        }
    }

    @Test
    void killedMidWriteTheOldFileStaysAndTheNextStartRemovesTheTemporary() throws Exception {
        Path out = Files.createDirectory(dir.resolve("out"));
        Path journal = dir.resolve("data/writing");
        Path target = out.resolve("model.json");
        Files.writeString(target, "old");

        Process p = start(journal, target);
        List<String> during = temporaries(out);
        p.destroyForcibly();
        p.waitFor();

        assertEquals(1, during.size(), "the write was under way: " + during);
        assertTrue(during.get(0).matches("\\.model\\.json\\." + p.pid() + "\\.\\d+\\.tmp"), during.get(0));
        assertEquals("old", Files.readString(target), "the old file is intact");
        assertEquals(during, temporaries(out), "kill -9: nothing could clean up");
        assertTrue(Files.exists(journal.resolve(p.pid() + ".txt")), "the journal lists it");

        assertEquals(1, Temporaries.removeStale(journal), "the next start deletes it");
        assertEquals(List.of(), temporaries(out));
        assertFalse(Files.exists(journal.resolve(p.pid() + ".txt")), "and its journal");
        assertEquals("old", Files.readString(target));
        assertEquals(0, Temporaries.removeStale(journal), "nothing more");
    }

    @Test
    void theAppsNextStartRemovesIt() throws Exception {
        Path data = dir.resolve("data");
        Path target = dir.resolve("frames.gif");
        Files.writeString(target, "old");
        Process p = start(data.resolve("writing"), target); // the Launcher's journal folder in the data folder
        p.destroyForcibly();
        p.waitFor();
        assertEquals(1, temporaries(dir).size());

        // any start of the jar: here the command line's --version, with the data folder of the test
        Process next = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dunroll.data.dir=" + data, "-cp", System.getProperty("java.class.path"), "org.unroll.Launcher",
                "--version").redirectErrorStream(true).start();
        next.getInputStream().readAllBytes();
        assertEquals(0, next.waitFor());

        assertEquals(List.of(), temporaries(dir));
        assertEquals("old", Files.readString(target));
        try (Stream<Path> s = Files.list(data.resolve("writing"))) {
            assertEquals(0, s.count(), "no journal left");
        }
    }

    @Test
    void aPlainKillRunsTheLastWriteThenRemovesTheTemporary() throws Exception {
        Path journal = dir.resolve("data/writing");
        Path target = dir.resolve("export.gif");
        Path last = dir.resolve("checkpoint.json");
        Files.writeString(target, "old");

        Process p = start(journal, target, last);
        p.destroy(); // SIGTERM, as Ctrl+C: the shutdown hooks run
        p.waitFor();

        assertEquals("saved", Files.readString(last), "the task at exit wrote its file first");
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(), temporaries(dir), "the exit hook deleted the interrupted write's temporary");
        assertFalse(Files.exists(journal.resolve(p.pid() + ".txt")), "and the journal");
    }

    @Test
    void aLiveProcessesTemporariesAreLeftAlone() throws Exception {
        Path journal = dir.resolve("data/writing");
        Path target = dir.resolve("live.json");
        Process p = start(journal, target);
        try {
            assertEquals(0, Temporaries.removeStale(journal), "its process is running");
            assertEquals(1, temporaries(dir).size());
        } finally {
            p.destroyForcibly();
            p.waitFor();
        }
        assertEquals(1, Temporaries.removeStale(journal));
        assertEquals(List.of(), temporaries(dir));
    }

    @Test
    void onlyTemporariesOfTheJournalsOwnProcessAreDeleted() throws Exception {
        Path journal = Files.createDirectories(dir.resolve("data/writing"));
        Path keep = Files.writeString(dir.resolve("precious.json"), "mine");
        Path other = Files.writeString(dir.resolve(".x.json.1.1.tmp"), "another process's");
        long dead = deadPid();
        Path ours = Files.writeString(dir.resolve(".x.json." + dead + ".7.tmp"), "stale");
        Files.writeString(journal.resolve(dead + ".txt"), keep.toAbsolutePath() + "\n" + other.toAbsolutePath() + "\n"
                + ours.toAbsolutePath() + "\nnot a path \0\n");
        assertEquals(1, Temporaries.removeStale(journal));
        assertTrue(Files.exists(keep));
        assertTrue(Files.exists(other));
        assertFalse(Files.exists(ours));
    }

    /** The id of a process that has ended. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor();
        return p.pid();
    }
}
