package org.unroll.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The keys a presenter's clicker sends: B or '.' blanks the screen and brings it back; F5/F11 full screen. */
@ExtendWith(ApplicationExtension.class)
class PresentationKeysTest {

    private AppContext ctx;
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        ctx = Fixtures.context();
        window = Fixtures.window(stage, ctx, 1280, 720);
        ctx.main().build(Fixtures::demo);
    }

    @Test
    void bOrPeriodBlanksTheScreenAndBringsItBack(FxRobot robot) {
        int at = ctx.main().cursorProperty().get().position();
        assertFalse(window.isBlanked());
        robot.type(KeyCode.B);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.isBlanked(), "B blanks");
        assertTrue(robot.lookup("#blankScreen").query().isVisible());
        robot.type(KeyCode.PERIOD);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(window.isBlanked(), "'.' brings the picture back");
        // Ctrl+B still goes to the backward pass and does not blank
        robot.press(KeyCode.CONTROL).type(KeyCode.B).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(window.isBlanked());
        assertTrue(ctx.main().cursorProperty().get().position() != at, "Ctrl+B moved the cursor");
    }

    @Test
    void f11TogglesFullScreen(FxRobot robot) {
        assertFalse(stage.isFullScreen());
        robot.type(KeyCode.F11);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(stage.isFullScreen(), "F11 enters full screen");
        assertEquals(ctx.main().getBundle().getString("window.fullScreenHint"), stage.getFullScreenExitHint());
        robot.type(KeyCode.F5);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(stage.isFullScreen(), "F5 leaves it again");
    }
}
