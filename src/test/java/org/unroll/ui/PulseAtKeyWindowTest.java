package org.unroll.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.unroll.ui.common.Pulses;

/**
 * A key press that moves the window on asks for a pulse at once (ADR 0034), not at the timer's
 * next tick; a key the window does not handle asks for none. Headless (Monocle).
 */
@ExtendWith(ApplicationExtension.class)
class PulseAtKeyWindowTest {

    private AppContext ctx;

    @Start
    void start(Stage stage) {
        ctx = Fixtures.context();
        Fixtures.window(stage, ctx, 1280, 720);
        ctx.main().build(Fixtures::demo);
    }

    @Test
    void aStepKeyAsksForAPulseAtOnce(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Pulses.immediate(), "the toolkit's pulse is reachable (else the timer's tick is waited for)");
        int before = ctx.main().getCursor().position();
        long asked = Pulses.asked();
        robot.type(KeyCode.RIGHT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before + 1, ctx.main().getCursor().position());
        assertEquals(asked + 1, Pulses.asked(), "→ asked for one pulse");
        robot.type(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(asked + 1, Pulses.asked(), "a key the window does not handle asks for none");
    }
}
