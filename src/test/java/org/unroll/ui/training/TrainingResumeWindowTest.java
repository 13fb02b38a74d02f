package org.unroll.ui.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.unroll.engine.CellType;
import org.unroll.engine.Dataset;
import org.unroll.engine.OptimizerKind;
import org.unroll.engine.Trainer;
import org.unroll.session.Background;
import org.unroll.session.Checkpoint;
import org.unroll.session.CheckpointStore;
import org.unroll.session.LossHistory;
import org.unroll.session.Runner;
import org.unroll.session.TrainingRun;
import org.unroll.session.TrainingSetup;
import org.unroll.ui.AppContext;
import org.unroll.ui.Fixtures;
import org.unroll.ui.MainWindow;
import org.unroll.ui.common.RecentFiles;

/**
 * The Training tab after the app was closed or killed mid-run, headless: it offers to resume the
 * autosaved checkpoint, and Resume continues to the same weights as a run never interrupted;
 * Discard forgets it; a run autosaves when it pauses; divergence reads as one short sentence.
 */
@ExtendWith(ApplicationExtension.class)
class TrainingResumeWindowTest {

    /** Sine, LSTM H=3, Adam, 8 epochs: the run left behind at epoch 3. */
    static final TrainingSetup SETUP = TrainingSetup.defaults().toBuilder().cell(CellType.LSTM).hidden(3)
            .optimizer(OptimizerKind.ADAM).batch(40).epochs(8).seed(2).build();

    private AppContext ctx;
    private MainWindow window;
    private CheckpointStore store;

    @Start
    void start(Stage stage) throws IOException {
        store = new CheckpointStore(Files.createTempDirectory("unroll-data"));
        Dataset data = SETUP.dataset();
        Trainer t = new Trainer(SETUP.config(data), data);
        LossHistory h = new LossHistory();
        t.runEpochs(3, r -> h.add(r.trainLoss(), r.validationLoss()));
        store.save(Checkpoint.of(SETUP, Checkpoint.DataId.of(SETUP, data), t, h, 1_000_000_000L));

        Background bg = Background.synchronous();
        ctx = new AppContext(bg, RecentFiles.inMemory(), Locale.ENGLISH, Runner::synchronous, Runnable::run,
                name -> bg, store);
        window = Fixtures.window(stage, ctx, 1600, 1000);
        window.controller().showTab(1);
        ctx.training().setSnapshotsPerSecond(1_000_000);
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private static boolean shown(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(HBox.class).isVisible();
    }

    @Test
    void resumeContinuesToTheSameWeightsAsAnUninterruptedRun(FxRobot robot) throws Exception {
        assertTrue(shown(robot, "#resumeSavedBar"));
        assertEquals("Resume training from epoch 3 (LSTM, Noisy sine (book 5.1))?", text(robot, "#resumeSavedLabel"));
        robot.clickOn("#resumeSavedButton");
        WaitForAsyncUtils.waitForFxEvents();
        TrainingRun run = ctx.training().run();
        assertEquals(TrainingRun.State.DONE, ctx.training().stateProperty().get());
        assertEquals(8, run.history().size());
        assertFalse(shown(robot, "#resumeSavedBar"));
        assertEquals(3, ctx.training().hiddenProperty().get(), "the form shows the resumed run's settings");
        assertEquals(40, ctx.training().batchSizeProperty().get());

        Dataset data = SETUP.dataset();
        Trainer straight = new Trainer(SETUP.config(data), data);
        LossHistory h = new LossHistory();
        straight.runEpochs(8, r -> h.add(r.trainLoss(), r.validationLoss()));
        assertEquals(h.train(), run.history().train());
        for (int i = 0; i < straight.weights().blocks().size(); i++) {
            assertArrayEquals(straight.weights().block(i).data, run.latest().weights().block(i).data, 0.0);
        }
        assertFalse(Files.exists(store.file()), "a finished run leaves nothing to resume");
    }

    @Test
    void discardForgetsTheSavedRun(FxRobot robot) {
        robot.clickOn("#discardSavedButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(shown(robot, "#resumeSavedBar"));
        assertNull(ctx.training().resumeOfferProperty().get());
        assertFalse(Files.exists(store.file()));
    }

    @Test
    void aRunAutosavesWhenItPauses(FxRobot robot) throws Exception {
        TrainingViewModel t = ctx.training();
        robot.interact(() -> {
            t.cellProperty().set(CellType.GRU);
            t.hiddenProperty().set(2);
            t.epochsProperty().set(9);
        });
        t.setAutosaveEpochs(2);
        t.plotsProperty().addListener((o, a, p) -> {
            if (p != null && p.snapshot().epoch() == 5 && !p.snapshot().last()) {
                t.pause();
            }
        });
        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(TrainingRun.State.PAUSED, t.stateProperty().get());
        Checkpoint c = Checkpoint.read(store.file());
        assertEquals(5, c.epoch());
        assertEquals(CellType.GRU, c.config().model().cell());
        assertEquals(5, c.trainLosses().size());
        robot.clickOn("#stopButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(Files.exists(store.file()), "a stopped run leaves nothing to resume");
    }

    @Test
    void inJapaneseTheOfferReadsSo(FxRobot robot) {
        robot.interact(() -> ctx.main().setLanguage(Locale.JAPANESE));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("エポック 3 から学習を再開しますか（LSTM、" + java.util.ResourceBundle.getBundle("i18n.messages",
                Locale.JAPANESE).getString("training.task.sine") + "）？", ctx.training().resumeTextProperty().get());
    }

    @Test
    void divergenceReadsAsOneShortSentence(FxRobot robot) {
        robot.clickOn("#discardSavedButton");
        TrainingViewModel t = ctx.training();
        robot.interact(() -> {
            t.cellProperty().set(CellType.RNN);
            t.hiddenProperty().set(3);
            t.optimizerProperty().set(OptimizerKind.SGD);
            t.learningRateProperty().set(10);
            t.clipProperty().set(0);
            t.epochsProperty().set(50);
        });
        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(TrainingRun.State.FAILED, t.stateProperty().get());
        String status = text(robot, "#progressLabel");
        assertTrue(status.matches("Diverged at epoch \\d+: .*\\. The weights of epoch \\d+ are kept\\. Lower the learning"
                + " rate \\(now 10\\) or clip the gradient norm \\(Clip norm 1\\)\\."), status);
        assertTrue(status.length() < 260, status);
        assertEquals("Diverged", text(robot, "#stateLabel"));
        assertFalse(Files.exists(store.file()));
        // the stepper shows the last good epoch's weights
        TrainingRun run = t.run();
        assertTrue(ctx.main().getSession().title().contains("after epoch " + run.latest().epoch()),
                ctx.main().getSession().title());
        assertArrayEquals(run.latest().weights().block(1).data, ctx.main().getSession().kase().weights().block(1).data,
                0.0);
        assertTrue(java.util.Arrays.stream(run.latest().weights().block(1).data).allMatch(Double::isFinite));
    }
}
