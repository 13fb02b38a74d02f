package org.unroll.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unroll.engine.CellType;
import org.unroll.session.Background;
import org.unroll.session.Checkpoint;
import org.unroll.session.CheckpointStore;
import org.unroll.session.Runner;
import org.unroll.session.TrainingRun;
import org.unroll.ui.AppContext;
import org.unroll.ui.common.RecentFiles;

/**
 * Two Training tabs of two apps on one data folder (ADR 0043), without a stage: each autosaves its
 * own checkpoint, a run the other app is training is not offered, the end of one run deletes only
 * its own checkpoint, and a run left paused by a normal quit is offered at the next start.
 */
class TwoAppsTrainingTest {

    /** An app's Training tab on the folder, training synchronously; it pauses its run at that epoch. */
    private static TrainingViewModel app(Path dir, int pauseAt) {
        Background bg = Background.synchronous();
        AppContext ctx = new AppContext(bg, RecentFiles.inMemory(), Locale.ENGLISH, Runner::synchronous, Runnable::run,
                name -> bg, new CheckpointStore(dir));
        TrainingViewModel vm = ctx.training();
        vm.cellProperty().set(CellType.GRU);
        vm.hiddenProperty().set(2);
        vm.epochsProperty().set(9);
        vm.setSnapshotsPerSecond(1_000_000);
        vm.plotsProperty().addListener((o, a, p) -> {
            if (p != null && p.snapshot().epoch() == pauseAt && !p.snapshot().last()) {
                vm.pause();
            }
        });
        return vm;
    }

    @Test
    void eachAppKeepsItsOwnRunAndTheNextStartIsOfferedTheOneLeftPaused(@TempDir Path dir) throws Exception {
        TrainingViewModel a = app(dir, 4);
        a.start();
        assertEquals(TrainingRun.State.PAUSED, a.stateProperty().get());
        assertEquals(4, Checkpoint.read(a.autosaveFile()).epoch(), "autosaved on pause");

        TrainingViewModel b = app(dir, 3);
        assertNull(b.resumeOfferProperty().get(), "the run the first app is training is not offered");
        b.start();
        assertEquals(TrainingRun.State.PAUSED, b.stateProperty().get());
        assertNotEquals(a.autosaveFile(), b.autosaveFile());
        assertEquals(3, Checkpoint.read(b.autosaveFile()).epoch());
        assertEquals(4, Checkpoint.read(a.autosaveFile()).epoch(), "the second's autosave left the first's");

        b.stop();                                      // the second's run ends: its checkpoint goes, not the first's
        assertFalse(Files.exists(b.autosaveFile()));
        assertEquals(4, Checkpoint.read(a.autosaveFile()).epoch());
        b.quit();

        a.quit();                                      // the first quits with its run paused
        TrainingViewModel next = app(dir, -1);
        Checkpoint offered = next.resumeOfferProperty().get();
        assertNotNull(offered, "the run left paused is offered at the next start");
        assertEquals(4, offered.epoch());
        assertNull(app(dir, -1).resumeOfferProperty().get(), "to one app only");
        next.resumeSaved();
        assertEquals(TrainingRun.State.DONE, next.stateProperty().get());
        assertEquals(9, next.run().history().size());
        assertFalse(Files.exists(next.autosaveFile()), "the resumed run, done, leaves nothing to resume");
    }
}
