package org.unroll.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.unroll.engine.CellType;
import org.unroll.session.Background;
import org.unroll.session.CaseEdit;
import org.unroll.session.Recovery;
import org.unroll.session.RecoveryStore;
import org.unroll.session.Runner;
import org.unroll.session.TrainingRun;
import org.unroll.ui.common.RecentFiles;
import org.unroll.ui.training.TrainingViewModel;

/**
 * Crash recovery through the real window, headless (ADR 0033): a session is saved off the JavaFX
 * thread; a second app instance started while the file is there (the first one killed, not quit)
 * offers it, and Restore brings back the edit, its undo, the cursor and trained weights; Discard
 * forgets it; a corrupt file is one line in the status bar and is moved aside; a normal quit
 * removes the file.
 */
@ExtendWith(ApplicationExtension.class)
class RecoveryWindowTest {

    private Path dir;
    private RecoveryStore store;
    private Stage first;
    private Stage second;

    @Start
    void start(Stage stage) {
        first = stage;
    }

    @BeforeEach
    void folder() throws IOException {
        dir = Files.createTempDirectory("unroll-recovery");
        store = new RecoveryStore(dir);
    }

    @AfterEach
    void closeSecond(FxRobot robot) {
        robot.interact(() -> {
            if (second != null) {
                second.hide();
            }
        });
    }

    private AppContext context() {
        Background bg = Background.synchronous();
        return new AppContext(bg, RecentFiles.inMemory(), Locale.ENGLISH, Runner::synchronous, Runnable::run,
                name -> bg, null, store);
    }

    /** An app instance on a stage: the window, and the demo loaded as the app's start does. */
    private MainWindow open(FxRobot robot, Stage stage, AppContext ctx) throws Exception {
        MainWindow[] w = new MainWindow[1];
        robot.interact(() -> {
            w[0] = Fixtures.window(stage, ctx, 1280, 720);
            ctx.main().build(Fixtures::demo);
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> ctx.main().getSession() != null);
        return w[0];
    }

    private Stage secondStage(FxRobot robot) {
        robot.interact(() -> second = new Stage());
        return second;
    }

    private static String firstParameter(AppContext ctx) {
        return ctx.main().getSession().kase().weights().layout().blocks().get(0).name();
    }

    private static double firstWeight(AppContext ctx) {
        return ctx.main().getSession().kase().weights().block(0).data[0];
    }

    /** A save, called on the JavaFX thread as the timer would, and waited for. */
    private static Path save(AppContext ctx) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> ctx.recovery().saveNow()).get(10, TimeUnit.SECONDS)
                .get(20, TimeUnit.SECONDS);
    }

    /** A crash: the window goes without the normal quit, the file stays. */
    private static void crash(FxRobot robot, AppContext ctx, Stage stage) {
        robot.interact(() -> {
            ctx.recovery().stop();
            stage.hide();
        });
    }

    private static void choose(FxRobot robot, Alert a, ButtonBar.ButtonData which) {
        var type = a.getButtonTypes().stream().filter(b -> b.getButtonData() == which).findFirst().orElseThrow();
        robot.interact(() -> ((Button) a.getDialogPane().lookupButton(type)).fire());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void anEditSurvivesACrashAndRestoreBringsItBack(FxRobot robot) throws Exception {
        AppContext a = context();
        open(robot, first, a);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> a.recovery().isArmed());
        double original = firstWeight(a);
        String name = firstParameter(a);
        robot.interact(() -> a.main().edit(CaseEdit.What.PARAMETER, name, 0, 0, 0, "0.7"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> a.main().editedProperty().get());
        robot.interact(() -> a.main().seek(40));
        Path saved = save(a);
        assertEquals(store.file(), saved);
        assertEquals("unroll-recovery", a.recovery().lastWriter(), "written off the JavaFX thread");
        assertNull(save(a), "an unchanged session is not written again");
        crash(robot, a, first);
        assertTrue(Files.exists(store.file()));

        AppContext b = context();
        MainWindow w = open(robot, secondStage(robot), b);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> w.recoveryAlert() != null);
        Alert offer = w.recoveryAlert();
        assertEquals("Unroll did not close normally last time. Bring back what it showed?", offer.getHeaderText());
        assertTrue(offer.getContentText().contains("with one edit not saved"), offer.getContentText());
        assertTrue(offer.getContentText().contains("at event 41"), offer.getContentText());
        assertFalse(b.recovery().isArmed(), "nothing is saved over the offered session");
        assertEquals(original, firstWeight(b), 0.0, "the new instance shows the demo until Restore");
        choose(robot, offer, ButtonBar.ButtonData.YES);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> b.main().editedProperty().get());
        assertEquals(0.7, firstWeight(b), 0.0);
        assertEquals(40, b.main().getCursor().position());
        assertTrue(b.main().titleProperty().get().contains("edited"), b.main().titleProperty().get());
        assertTrue(b.recovery().isArmed());
        // the history came back too: undo gives the number before the edit
        robot.interact(() -> b.main().undo());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !b.main().editedProperty().get());
        assertEquals(original, firstWeight(b), 0.0);
        assertNull(w.recoveryAlert());
    }

    @Test
    void discardForgetsTheSessionAndDeletesTheFile(FxRobot robot) throws Exception {
        AppContext a = context();
        open(robot, first, a);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> a.recovery().isArmed());
        robot.interact(() -> a.main().edit(CaseEdit.What.PARAMETER, firstParameter(a), 0, 0, 0, "0.7"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> a.main().editedProperty().get());
        assertNotNull(save(a));
        crash(robot, a, first);

        AppContext b = context();
        MainWindow w = open(robot, secondStage(robot), b);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> w.recoveryAlert() != null);
        double demo = firstWeight(b);
        choose(robot, w.recoveryAlert(), ButtonBar.ButtonData.NO);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !Files.exists(store.file()));
        assertFalse(b.main().editedProperty().get());
        assertEquals(demo, firstWeight(b), 0.0);
        assertNotEquals(0.7, firstWeight(b));
        assertTrue(b.recovery().isArmed(), "saving starts after Discard");
    }

    @Test
    void aCorruptFileIsOneLineAndIsSetAside(FxRobot robot) throws Exception {
        Files.writeString(store.file(), "{\"format\": \"unroll-recovery\", \"version\": 1, \"savedAt\": ");
        AppContext b = context();
        MainWindow w = open(robot, first, b);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> b.recovery().isArmed());
        String status = b.main().messageProperty().get();
        assertTrue(status.startsWith("The recovery file could not be read ("), status);
        assertTrue(status.contains("moved aside to recovery-corrupt-"), status);
        assertFalse(status.contains("\n"), status);
        assertTrue(status.contains("not valid JSON"), status);
        // the reader's problem follows the language with the rest of the line (ADR 0044)
        robot.interact(() -> b.main().setLanguage(java.util.Locale.JAPANESE));
        String ja = b.main().messageProperty().get();
        assertTrue(ja.startsWith("復元ファイルを読めませんでした（") && ja.contains("JSON として正しくありません"), ja);
        robot.interact(() -> b.main().setLanguage(java.util.Locale.ENGLISH));
        assertEquals(status, b.main().messageProperty().get());
        assertNull(w.recoveryAlert());
        assertFalse(Files.exists(store.file()));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.filter(p -> p.getFileName().toString().startsWith("recovery-corrupt-")).count());
        }
        assertNotNull(b.main().getSession(), "the start went on");
        // the next save writes a good file again
        robot.interact(() -> b.main().seek(3));
        assertNotNull(save(b));
        assertTrue(Files.exists(store.file()));
    }

    @Test
    void aNormalQuitRemovesTheFile(FxRobot robot) throws Exception {
        AppContext a = context();
        open(robot, first, a);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> a.recovery().isArmed());
        assertNotNull(save(a));
        assertTrue(Files.exists(store.file()));
        robot.interact(() -> a.recovery().quit());
        assertFalse(Files.exists(store.file()));
        robot.interact(() -> first.hide());
    }

    @Test
    void aTrainingPauseSavesAndRestoreBringsBackTheTrainedWeights(FxRobot robot) throws Exception {
        AppContext a = context();
        open(robot, first, a);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> a.recovery().isArmed());
        TrainingViewModel t = a.training();
        t.setSnapshotsPerSecond(1_000_000);
        robot.interact(() -> {
            t.cellProperty().set(CellType.GRU);
            t.hiddenProperty().set(2);
            t.epochsProperty().set(9);
        });
        t.plotsProperty().addListener((o, x, p) -> {
            if (p != null && p.snapshot().epoch() == 4 && !p.snapshot().last()) {
                t.pause();
            }
        });
        robot.interact(() -> t.start());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> t.stateProperty().get() == TrainingRun.State.PAUSED);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> a.main().getSession().title().contains("after epoch"));
        // the pause saved by itself (no call here): wait until the file holds the paused run and its weights
        double[] trained = a.main().getSession().kase().weights().block(0).data.clone();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            try {
                Recovery r = store.load().orElse(null);
                return r != null && r.training() == TrainingRun.State.PAUSED
                        && java.util.Arrays.equals(trained, r.kase().weights().block(0).data);
            } catch (Exception e) {
                return false;
            }
        });
        crash(robot, a, first);

        AppContext b = context();
        MainWindow w = open(robot, secondStage(robot), b);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> w.recoveryAlert() != null);
        assertTrue(w.recoveryAlert().getContentText().contains("(the run: Paused, at epoch 4)"),
                w.recoveryAlert().getContentText());
        choose(robot, w.recoveryAlert(), ButtonBar.ButtonData.YES);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> b.main().getSession().title().contains("after epoch"));
        assertArrayEquals(trained, b.main().getSession().kase().weights().block(0).data, 0.0);
        assertEquals(CellType.GRU, b.training().cellProperty().get(), "the Training tab's settings came back");
        assertEquals(2, b.training().hiddenProperty().get());
        assertEquals(9, b.training().epochsProperty().get());
    }

    @Test
    void theDeckComesBackAtItsSceneAndCursor(FxRobot robot) throws Exception {
        AppContext a = context();
        open(robot, first, a);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> a.recovery().isArmed());
        robot.interact(() -> a.deck().openBuiltin());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> a.deck().isOpen() && a.deck().current() != null);
        robot.interact(() -> a.deck().goTo(2, false));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> a.deck().current() != null && a.deck().current().index() == 2);
        robot.interact(() -> a.main().next());
        int at = a.main().getCursor().position();
        org.unroll.view.Session scene = a.main().getSession();
        assertNotNull(save(a));
        crash(robot, a, first);

        AppContext b = context();
        MainWindow w = open(robot, secondStage(robot), b);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> w.recoveryAlert() != null);
        assertTrue(w.recoveryAlert().getContentText().contains("the deck builtin:chapter5 at scene 3"),
                w.recoveryAlert().getContentText());
        choose(robot, w.recoveryAlert(), ButtonBar.ButtonData.YES);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> b.recovery().isArmed());
        assertTrue(b.deck().isOpen());
        assertEquals(2, b.deck().index());
        assertEquals(at, b.main().getCursor().position());
        assertEquals(scene.title(), b.main().getSession().title());
    }

    @Test
    void theOfferReadsInJapanese() throws Exception {
        Recovery r = new Recovery(java.time.Instant.parse("2026-12-02T13:30:00Z"), Fixtures.demo(), null, null,
                java.util.List.of(new CaseEdit(CaseEdit.What.PARAMETER, "Wh", 0, 0, 0, 0.1, 0.7)), java.util.List.of(),
                java.util.List.of(), null, 9, null, null, TrainingRun.State.PAUSED, 12, null, -1);
        String ja = RecoveryText.describe(org.unroll.view.Messages.bundle(Locale.JAPANESE), r, Locale.JAPANESE);
        assertTrue(ja.contains("保存されていない編集 1 件"), ja);
        assertTrue(ja.contains("イベント 10 の位置"), ja);
        assertTrue(ja.contains("エポック 12"), ja);
    }

    @Test
    void aRunThatDivergedIsOfferedAsDivergedNotAsFailed() throws Exception {
        Recovery r = new Recovery(java.time.Instant.parse("2026-12-02T13:30:00Z"), Fixtures.demo(), null, null,
                java.util.List.of(), java.util.List.of(), java.util.List.of(), null, 9, null, null,
                TrainingRun.State.FAILED, 7, null, -1, true);
        Recovery back = Recovery.parse(bytes(r));
        assertTrue(back.diverged());
        String en = RecoveryText.describe(org.unroll.view.Messages.bundle(Locale.ENGLISH), back, Locale.ENGLISH);
        assertTrue(en.contains("(the run: Diverged, at epoch 7)"), en);
        String ja = RecoveryText.describe(org.unroll.view.Messages.bundle(Locale.JAPANESE), back, Locale.JAPANESE);
        assertTrue(ja.contains(org.unroll.view.Messages.bundle(Locale.JAPANESE).getString("training.state.diverged")), ja);
        Recovery failed = Recovery.parse(bytes(new Recovery(r.savedAt(), r.kase(), null, null, r.done(), r.undone(),
                r.clean(), null, 9, null, null, TrainingRun.State.FAILED, 7, null, -1)));
        assertFalse(failed.diverged());
        assertTrue(RecoveryText.describe(org.unroll.view.Messages.bundle(Locale.ENGLISH), failed, Locale.ENGLISH)
                .contains("(the run: Failed, at epoch 7)"));
    }

    private static byte[] bytes(Recovery r) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        r.writeTo(out);
        return out.toByteArray();
    }

    @Test
    void aDeckThatIsGoneLeavesTheCaseToComeBackAlone(FxRobot robot) throws Exception {
        Recovery r = new Recovery(java.time.Instant.now(), Fixtures.demo(), null, null, java.util.List.of(),
                java.util.List.of(), java.util.List.of(), null, 7, null, null, null, 0,
                dir.resolve("gone.deck.json").toString(), 1);
        store.save(r);
        AppContext b = context();
        MainWindow w = open(robot, first, b);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> w.recoveryAlert() != null);
        choose(robot, w.recoveryAlert(), ButtonBar.ButtonData.YES);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> b.recovery().isArmed());
        assertFalse(b.deck().isOpen());
        assertEquals(7, b.main().getCursor().position());
        assertNotNull(w.lastAlert(), "the deck's problem is shown");
    }
}
