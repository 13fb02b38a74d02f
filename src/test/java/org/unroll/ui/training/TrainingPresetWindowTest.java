package org.unroll.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
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
import org.unroll.engine.EarlyStopping;
import org.unroll.engine.GateActivation;
import org.unroll.engine.InitScheme;
import org.unroll.engine.OptimizerKind;
import org.unroll.engine.ValidationSplit;
import org.unroll.session.BookPresets;
import org.unroll.session.TrainingRun;
import org.unroll.session.TrainingSetup;
import org.unroll.ui.AppContext;
import org.unroll.ui.Fixtures;
import org.unroll.ui.MainWindow;

/**
 * The Training tab's Preset menu (ADR 0023), headless: choosing one of the book's scripts fills the
 * tab's settings, the run trains with them, and a run that stopped early says so.
 */
@ExtendWith(ApplicationExtension.class)
class TrainingPresetWindowTest {

    private AppContext ctx;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        ctx = Fixtures.context();
        window = Fixtures.window(stage, ctx, 1600, 1000);
        window.controller().showTab(1);
        ctx.training().setSnapshotsPerSecond(1_000_000);
    }

    @SuppressWarnings("unchecked")
    private static <T> T value(FxRobot robot, String id) {
        Object n = robot.lookup(id).query();
        if (n instanceof ComboBox<?> c) {
            return (T) c.getValue();
        }
        if (n instanceof Spinner<?> s) {
            return (T) s.getValue();
        }
        return (T) (Boolean) ((CheckBox) n).isSelected();
    }

    private static void choose(FxRobot robot, String name) {
        ComboBox<BookPresets.Preset> box = robot.lookup("#presetBox").queryComboBox();
        BookPresets.Preset p = BookPresets.find(name).orElseThrow();
        robot.interact(() -> box.getSelectionModel().select(p));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void choosingAPresetFillsTheTab(FxRobot robot) throws Exception {
        ComboBox<BookPresets.Preset> box = robot.lookup("#presetBox").queryComboBox();
        assertEquals(BookPresets.all(), box.getItems());
        assertEquals("The book's scripts…", box.getPromptText());
        // the tab before: the engine's defaults
        assertEquals(InitScheme.GLOROT_UNIFORM, value(robot, "#initBox"));
        assertEquals(10, (int) value(robot, "#validationSpinner"));
        assertEquals(0, (int) value(robot, "#patienceSpinner"));

        choose(robot, "book2-sine-gru");
        assertEquals(TrainingViewModel.Task.SINE, value(robot, "#taskBox"));
        assertEquals(CellType.GRU, value(robot, "#cellBox"));
        assertEquals(GateActivation.SIGMOID, value(robot, "#gateBox"));
        assertEquals(50, (int) value(robot, "#hiddenSpinner"));
        assertEquals(OptimizerKind.AMSGRAD, value(robot, "#optimizerBox"));
        assertEquals(0.001, (double) value(robot, "#lrSpinner"), 0);
        assertEquals(100, (int) value(robot, "#batchSpinner"));
        assertEquals(1000, (int) value(robot, "#epochsSpinner"));
        assertEquals(0.0, (double) value(robot, "#clipSpinner"), 0);
        assertEquals(0, (int) value(robot, "#truncateSpinner"));
        assertEquals(123, (int) value(robot, "#seedSpinner"));
        assertEquals(InitScheme.GLOROT_NORMAL, value(robot, "#initBox"));
        assertEquals(20, (int) value(robot, "#validationSpinner"));
        assertTrue((Boolean) value(robot, "#validationLastBox"));
        assertEquals(10, (int) value(robot, "#patienceSpinner"));
        assertEquals(EarlyStopping.Monitor.VALIDATION_LOSS, value(robot, "#monitorBox"));
        assertTrue((Boolean) value(robot, "#resetAfterBox"));
        assertTrue(robot.lookup("#presetSource").queryAs(Label.class).getText()
                .contains("yusugomori/deeplearning-keras-tf2-torch 5/10_sin_gru_keras.py"));
        // what Start trains is the preset's setup
        TrainingSetup expected = BookPresets.find("book2-sine-gru").orElseThrow().setup();
        assertEquals(expected.config(expected.dataset()), ctx.training().setup().config(expected.dataset()));

        choose(robot, "book1-adding-lstm");
        assertEquals(TrainingViewModel.Task.ADDING, value(robot, "#taskBox"));
        assertEquals(200, (int) value(robot, "#lengthSpinner"));
        assertEquals(10_000, (int) value(robot, "#countSpinner"));
        assertEquals(CellType.LSTM, value(robot, "#cellBox"));
        assertEquals(GateActivation.HARD_SIGMOID, value(robot, "#gateBox"));
        assertEquals(100, (int) value(robot, "#hiddenSpinner"));
        assertEquals(OptimizerKind.ADAM, value(robot, "#optimizerBox"));
        assertEquals(InitScheme.NORMAL, value(robot, "#initBox"));
        assertEquals(0, (int) value(robot, "#validationSpinner"));
        assertFalse((Boolean) value(robot, "#validationLastBox"));
        assertEquals(100, (int) value(robot, "#patienceSpinner"));
        assertEquals(EarlyStopping.Monitor.TRAINING_LOSS, value(robot, "#monitorBox"));
        assertFalse((Boolean) value(robot, "#resetAfterBox"));
        assertTrue(robot.lookup("#resetAfterBox").queryAs(CheckBox.class).isDisabled(), "for a GRU only");
        // a name the narrow form cuts short is whole in the box's tooltip, and follows the choice
        ComboBox<?> task = robot.lookup("#taskBox").queryComboBox();
        assertEquals("Adding problem (book 5.2)", task.getTooltip().getText());
        choose(robot, "book2-sine-rnn");
        assertEquals("Glorot normal, orthogonal (2nd ed.)", robot.lookup("#initBox").queryComboBox().getTooltip().getText());
        assertTrue(robot.lookup("#presetBox").queryComboBox().getTooltip().getText().length() > 0);
        choose(robot, "book1-adding-lstm");
        TrainingSetup s = ctx.training().setup();
        assertEquals(new ValidationSplit(0, true), s.validation());
        assertEquals(new EarlyStopping(100, EarlyStopping.Monitor.TRAINING_LOSS), s.earlyStopping());
    }

    @Test
    void aRunThatStopsEarlySaysSo(FxRobot robot) {
        choose(robot, "book2-sine-rnn");
        TrainingViewModel vm = ctx.training();
        robot.interact(() -> {
            // small and jumpy: plain SGD with a large step, clipped; patience 1 stops at the first
            // epoch whose validation loss is not below the best (deterministic in the seed)
            vm.hiddenProperty().set(2);
            vm.optimizerProperty().set(OptimizerKind.SGD);
            vm.learningRateProperty().set(10);
            vm.clipProperty().set(0.5);
            vm.epochsProperty().set(200);
            vm.patienceProperty().set(1);
        });
        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(TrainingRun.State.DONE, vm.stateProperty().get());
        String text = robot.lookup("#progressLabel").queryAs(Label.class).getText();
        assertTrue(text.startsWith("Stopped early at epoch "), text);
        int epoch = Integer.parseInt(text.substring("Stopped early at epoch ".length()).split(" ")[0]);
        assertTrue(epoch >= 2 && epoch < 200, text);
        assertTrue(text.contains(" of 200"), text);
        assertEquals(epoch, vm.run().history().size());
        // the run is complete: its bar is full, not stopped at epoch / 200
        assertEquals(1.0, robot.lookup("#progressBar").queryAs(javafx.scene.control.ProgressBar.class).getProgress());
    }
}
