package org.unroll.ui.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.unroll.engine.CellType;
import org.unroll.engine.OptimizerKind;
import org.unroll.session.Background;
import org.unroll.session.Runner;
import org.unroll.session.TrainingRun;
import org.unroll.ui.AppContext;
import org.unroll.ui.Fixtures;
import org.unroll.ui.MainWindow;
import org.unroll.ui.common.RecentFiles;

/**
 * A real diverging run in the window at 1280 × 720 (ADR 0033): a learning rate of 10 typed into
 * the Training tab's spinner, Start; the run halts on its last good weights, the tab and the
 * window's status bar say so readably, naming the epoch and the parameter with the largest gradient.
 */
@ExtendWith(ApplicationExtension.class)
class DivergenceWindowTest {

    private AppContext ctx;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        Background bg = Background.synchronous();
        ctx = new AppContext(bg, RecentFiles.inMemory(), Locale.ENGLISH, Runner::synchronous, Runnable::run,
                name -> bg, null);
        window = Fixtures.window(stage, ctx, 1280, 720);
        ctx.main().build(Fixtures::demo);
        window.controller().showTab(1);
        ctx.training().setSnapshotsPerSecond(1_000_000);
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @SuppressWarnings("unchecked")
    private static void type(FxRobot robot, String spinner, String value) {
        Spinner<Double> s = robot.lookup(spinner).queryAs(Spinner.class);
        robot.interact(() -> {
            s.getEditor().setText(value);
            s.commitValue();
        });
    }

    @Test
    void aDivergingRunHaltsOnItsLastGoodWeightsAndSaysWhyReadably(FxRobot robot) throws Exception {
        TrainingViewModel t = ctx.training();
        robot.interact(() -> {
            t.cellProperty().set(CellType.RNN);
            t.hiddenProperty().set(3);
            t.optimizerProperty().set(OptimizerKind.SGD);
            t.epochsProperty().set(50);
        });
        type(robot, "#lrSpinner", "10");
        type(robot, "#clipSpinner", "0");
        assertEquals(10.0, t.learningRateProperty().get(), 0.0, "the spinner took the typed rate");
        assertEquals(0.0, t.clipProperty().get(), 0.0);
        javafx.scene.control.Button start = robot.lookup("#startButton").queryButton();
        assertFalse(start.isDisabled());
        robot.interact(start::fire);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> t.stateProperty().get() == TrainingRun.State.FAILED);
        WaitForAsyncUtils.waitForFxEvents();
        TrainingRun run = t.run();
        assertTrue(run.failure() instanceof org.unroll.engine.Trainer.Diverged, String.valueOf(run.failure()));
        var d = (org.unroll.engine.Trainer.Diverged) run.failure();
        assertTrue(d.parameter() != null && !d.parameter().isEmpty());

        assertEquals("Diverged", text(robot, "#stateLabel"));
        String tab = text(robot, "#progressLabel");
        assertTrue(tab.startsWith("Diverged at epoch " + d.epoch() + ": "), tab);
        assertTrue(tab.contains("(largest gradient: " + d.parameter() + ", norm "), tab);
        String status = text(robot, "#messageLabel");
        assertEquals("Training diverged at epoch " + d.epoch() + " (largest gradient: " + d.parameter()
                + "): the stepper shows the weights of epoch " + (d.epoch() - 1) + " (Training tab: what to change)", status);
        for (String s : new String[] {tab, status}) {
            assertFalse(s.matches("(?s).*\\d{12,}.*"), "no long numbers: " + s);
            assertTrue(s.length() < 260, s);
        }
        // the stepper shows the last good epoch's weights, all finite
        assertTrue(ctx.main().getSession().title().contains("after epoch " + run.latest().epoch()),
                ctx.main().getSession().title());
        assertEquals(d.epoch() - 1, run.latest().epoch());
        for (int i = 0; i < run.latest().weights().blocks().size(); i++) {
            double[] w = ctx.main().getSession().kase().weights().block(i).data;
            assertArrayEquals(run.latest().weights().block(i).data, w, 0.0);
            assertTrue(java.util.Arrays.stream(w).allMatch(Double::isFinite));
        }
        // in Japanese the status bar says it again, in Japanese
        robot.interact(() -> ctx.main().setLanguage(Locale.JAPANESE));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(text(robot, "#messageLabel").startsWith("学習がエポック " + d.epoch() + " で発散しました"),
                text(robot, "#messageLabel"));
    }
}
