package org.unroll.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unroll.engine.Case;

/**
 * Two apps at once (ADR 0041): each keeps its recovery file in a slot of its own, a running app's
 * session is never offered to another, and a crashed one's is offered to the next app to start.
 */
class RecoverySlotsTest {

    private static Recovery at(int cursor) throws Exception {
        Case c = BuiltinCases.load("builtin:mini-rnn");
        return new Recovery(Instant.parse("2026-12-04T01:30:00Z"), c, c.compute(), null, List.of(), List.of(),
                List.of(), null, cursor, "graph", TrainingSetup.defaults(), TrainingRun.State.NEW, 0, null, 0);
    }

    @Test
    void twoAppsAtOnceNeitherOverwriteNorDeleteNorOfferEachOthersSession(@TempDir Path dir) throws Exception {
        RecoveryStore a = new RecoveryStore(dir);
        RecoveryStore b = new RecoveryStore(dir);
        a.save(at(11));
        assertTrue(b.load().isEmpty(), "the running app's session is not offered to the second");
        b.save(at(22));
        assertEquals(1, a.slot());
        assertEquals(2, b.slot());
        assertNotEquals(a.file(), b.file());
        assertEquals(11, a.load().orElseThrow().cursor());
        a.discard();                                   // the first quits normally
        a.release();
        assertFalse(Files.exists(a.file()));
        assertEquals(22, b.load().orElseThrow().cursor(), "the second's file is still there");
        b.release();
    }

    @Test
    void aCrashedAppsSessionIsOfferedToTheNextStart(@TempDir Path dir) throws Exception {
        RecoveryStore a = new RecoveryStore(dir);
        a.save(at(11));
        a.release();                                   // a crash: the lock goes with the process
        RecoveryStore next = new RecoveryStore(dir);
        assertEquals(11, next.load().orElseThrow().cursor());
        assertEquals(1, next.slot());
        next.release();
    }

    @Test
    void aSecondWindowThatCrashedIsOfferedEvenWhenItsSlotIsNotTheNextOnesOwn(@TempDir Path dir) throws Exception {
        RecoveryStore first = new RecoveryStore(dir);
        RecoveryStore second = new RecoveryStore(dir);
        first.save(at(11));
        second.save(at(22));
        second.release();                              // the second window crashes
        first.discard();                               // the first quits normally afterwards
        first.release();
        RecoveryStore next = new RecoveryStore(dir);
        assertEquals(22, next.load().orElseThrow().cursor(), "slot 2's orphan adopted into slot 1");
        assertEquals(1, next.slot());
        try (var l = Files.list(dir)) {
            assertEquals(List.of(RecoveryStore.FILE_NAME),
                    l.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).toList());
        }
        next.release();
    }

    @Test
    void aFolderWithoutLocksKeepsTheOneFileAsBefore(@TempDir Path dir) throws Exception {
        Files.createDirectory(dir.resolve("recovery.lock"));    // a lock file that cannot be opened
        RecoveryStore before = new RecoveryStore(dir);
        before.save(at(44));
        assertEquals(1, before.slot());
        before.release();
        RecoveryStore next = new RecoveryStore(dir);
        assertEquals(44, next.load().orElseThrow().cursor(), "recovery.json is offered as before slots");
        assertEquals(dir.resolve(RecoveryStore.FILE_NAME), next.file());
        next.release();
    }

    @Test
    void anotherProcessHoldsItsSlotUntilItIsKilled(@TempDir Path dir) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Holder.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("slot 1", out.readLine());
            RecoveryStore here = new RecoveryStore(dir);
            assertTrue(here.load().isEmpty(), "a session another process is running is not offered");
            assertEquals(2, here.slot());
            p.destroyForcibly();                      // the other app is killed: its OS lock goes with it
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            RecoveryStore next = new RecoveryStore(dir);
            assertEquals(33, next.load().orElseThrow().cursor());
            assertEquals(1, next.slot());
            next.release();
            here.release();
        } finally {
            p.destroyForcibly();
        }
    }

    /** The other app: claims a slot, saves, says which, then runs until killed. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            RecoveryStore s = new RecoveryStore(Path.of(args[0]));
            s.save(at(33));
            System.out.println("slot " + s.slot());
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }
    }
}
