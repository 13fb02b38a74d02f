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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unroll.engine.CellType;
import org.unroll.engine.Dataset;
import org.unroll.engine.OptimizerKind;
import org.unroll.engine.Trainer;

/**
 * Two apps training at once (ADR 0043): each keeps its checkpoint in a slot of its own, neither
 * deletes the other's, a run another app is training is never offered, a killed app's run is
 * offered to exactly one app that starts after it, and the one file of the versions before slots
 * is still offered.
 */
class CheckpointSlotsTest {

    private static final TrainingSetup SETUP = TrainingSetup.defaults().toBuilder().cell(CellType.RNN).hidden(2)
            .optimizer(OptimizerKind.SGD).batch(40).epochs(20).seed(3).build();

    /** A run's checkpoint after {@code epochs} epochs (tells the apps' runs apart). */
    private static Checkpoint after(int epochs) throws Exception {
        Dataset data = SETUP.dataset();
        Trainer t = new Trainer(SETUP.config(data), data);
        LossHistory h = new LossHistory();
        t.runEpochs(epochs, r -> h.add(r.trainLoss(), r.validationLoss()));
        return Checkpoint.of(SETUP, Checkpoint.DataId.of(SETUP, data), t, h, 1_000_000L);
    }

    private static int offered(CheckpointStore s) throws Exception {
        return s.load().map(Checkpoint::epoch).orElse(-1);
    }

    private static List<String> checkpoints(Path dir) throws Exception {
        try (var l = Files.list(dir)) {
            return l.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void twoAppsTrainingAtOnceNeitherOverwriteNorDeleteNorOfferEachOthersRun(@TempDir Path dir) throws Exception {
        CheckpointStore a = new CheckpointStore(dir);
        CheckpointStore b = new CheckpointStore(dir);
        a.save(after(2));
        assertEquals(-1, offered(b), "the run the first app is training is not offered to the second");
        b.save(after(3));
        assertEquals(1, a.slot());
        assertEquals(2, b.slot());
        assertNotEquals(a.file(), b.file());
        assertEquals(2, Checkpoint.read(a.file()).epoch(), "the second's autosave did not overwrite the first's");
        b.discard();                                   // the second's run is done
        assertFalse(Files.exists(b.file()));
        assertEquals(2, Checkpoint.read(a.file()).epoch(), "the second's discard left the first's checkpoint");
        a.discard();
        a.release();
        b.release();
        assertEquals(List.of(), checkpoints(dir));
    }

    @Test
    void aDiscardBeforeAnyLoadOrSaveDeletesNothing(@TempDir Path dir) throws Exception {
        CheckpointStore a = new CheckpointStore(dir);
        a.save(after(2));
        CheckpointStore fresh = new CheckpointStore(dir);
        fresh.discard();                               // a new run's start in an app that never read nor wrote
        assertEquals(0, fresh.slot());
        assertEquals(2, Checkpoint.read(a.file()).epoch());
        a.release();
    }

    @Test
    void aKilledAppsRunIsOfferedToOneAppThatStartsAfterItNotTwo(@TempDir Path dir) throws Exception {
        CheckpointStore first = new CheckpointStore(dir);
        CheckpointStore second = new CheckpointStore(dir);
        first.save(after(2));
        second.save(after(3));
        second.release();                              // the second app is killed mid-run
        first.discard();                               // the first's run is done; it quits normally
        first.release();
        CheckpointStore next = new CheckpointStore(dir);
        CheckpointStore alsoNext = new CheckpointStore(dir);
        assertEquals(3, offered(next), "slot 2's orphan adopted into slot 1");
        assertEquals(1, next.slot());
        assertEquals(-1, offered(alsoNext), "offered once, not to both apps that start afterwards");
        assertEquals(List.of(CheckpointStore.FILE_NAME), checkpoints(dir));
        next.release();
        alsoNext.release();
    }

    @Test
    void aRunLeftPausedByANormalQuitIsOfferedAtTheNextStart(@TempDir Path dir) throws Exception {
        CheckpointStore a = new CheckpointStore(dir);
        a.save(after(4));
        a.release();                                   // quit with the run paused: the checkpoint stays
        CheckpointStore next = new CheckpointStore(dir);
        assertEquals(4, offered(next));
        assertEquals(1, next.slot());
        next.release();
    }

    @Test
    void theOneFileOfTheVersionsBeforeSlotsIsOfferedOnce(@TempDir Path dir) throws Exception {
        after(5).write(dir.resolve(CheckpointStore.FILE_NAME));    // as an Unroll before slots left it
        CheckpointStore first = new CheckpointStore(dir);
        CheckpointStore second = new CheckpointStore(dir);
        assertEquals(5, offered(first));
        assertEquals(dir.resolve(CheckpointStore.FILE_NAME), first.file());
        assertEquals(-1, offered(second));
        first.release();
        second.release();
    }

    @Test
    void aFolderWithoutLocksKeepsTheOneFileAsBefore(@TempDir Path dir) throws Exception {
        Files.createDirectory(dir.resolve("training-checkpoint.lock"));   // a lock file that cannot be opened
        CheckpointStore before = new CheckpointStore(dir);
        before.save(after(2));
        assertEquals(1, before.slot());
        before.release();
        CheckpointStore next = new CheckpointStore(dir);
        assertEquals(2, offered(next), "training-checkpoint.json is offered as before slots");
        assertEquals(dir.resolve(CheckpointStore.FILE_NAME), next.file());
        next.release();
    }

    @Test
    void theRecoveryFileAndTheCheckpointHaveSlotsOfTheirOwn(@TempDir Path dir) throws Exception {
        CheckpointStore c = new CheckpointStore(dir);
        RecoveryStore r = new RecoveryStore(dir);
        c.save(after(2));
        assertTrue(r.load().isEmpty());
        assertEquals(1, c.slot());
        assertEquals(1, r.slot(), "the checkpoint's lock is not the recovery file's");
        assertEquals(2, Checkpoint.read(c.file()).epoch());
        c.release();
        r.release();
    }

    @Test
    void anotherProcessTrainingKeepsItsRunUntilItIsKilledThenOneAppAdoptsIt(@TempDir Path dir) throws Exception {
        CheckpointStore early = new CheckpointStore(dir);
        assertEquals(-1, offered(early));              // an app already running, with nothing to resume
        assertEquals(1, early.slot());
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Holder.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("slot 2", out.readLine());
            CheckpointStore during = new CheckpointStore(dir);
            assertEquals(-1, offered(during), "a run another process is training is not offered");
            assertEquals(3, during.slot());
            during.discard();                          // a new run's start there deletes only its own
            early.discard();
            assertEquals(7, Checkpoint.read(dir.resolve("training-checkpoint-2.json")).epoch());

            p.destroyForcibly();                       // the other app is killed: its OS lock goes with it
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            early.release();                           // the first app quits: slot 1 is free, without a file
            CheckpointStore next = new CheckpointStore(dir);
            CheckpointStore alsoNext = new CheckpointStore(dir);
            assertEquals(7, offered(next), "the killed app's run is offered to the next start");
            assertEquals(1, next.slot(), "adopted from slot 2 into slot 1");
            assertEquals(-1, offered(alsoNext), "and to that one only");
            assertEquals(2, alsoNext.slot());
            assertEquals(List.of(CheckpointStore.FILE_NAME), checkpoints(dir));
            next.release();
            alsoNext.release();
            during.release();
        } finally {
            p.destroyForcibly();
        }
    }

    /** The other app: claims a slot, autosaves its run, says which slot, then trains on until killed. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            CheckpointStore s = new CheckpointStore(Path.of(args[0]));
            s.save(after(7));
            System.out.println("slot " + s.slot());
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }
    }
}
