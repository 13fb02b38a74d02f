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
import org.unroll.schedule.Event;
import org.unroll.ui.inspector.InspectorController;
import org.unroll.view.Frame;
import org.unroll.view.Numbers;

/**
 * Predict, then reveal in the window at 1280 × 720 (Monocle): Ctrl+Shift+P turns it on; → moves
 * on with the result blank in the inspector and the graph's frame hidden; → (or R) reveals the
 * engine's value; → again moves on; a typed guess is marked; the chapter 5 deck's BPTT scene turns
 * it on and the presenter view shows what the room's view hides.
 */
@ExtendWith(ApplicationExtension.class)
class PredictRevealWindowTest {

    private AppContext ctx;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        ctx = Fixtures.context();
        window = Fixtures.window(stage, ctx, 1280, 720);
    }

    private InspectorController inspector() {
        return window.controller().inspector();
    }

    private Frame graphFrame() {
        return window.controller().graph().view().frame();
    }

    @Test
    void theClickersNextRevealsFirstThenMovesOn(FxRobot robot) {
        robot.interact(() -> ctx.main().build(Fixtures::demo));
        robot.interact(() -> window.controller().graph().view().requestFocus());
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.P).release(KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(ctx.main().predictProperty().get());
        robot.type(KeyCode.PAGE_DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        Event e = ctx.main().getCursor().current().orElseThrow();
        assertEquals(0, e.index());
        assertEquals("?", inspector().valuesLabel().getText(), "the result blank");
        assertTrue(graphFrame().hidden(), "the graph's frame says hidden");
        assertTrue(inspector().guessField().getParent().getParent().isVisible());
        // the room's guess, typed and marked
        double[][] m = e.value();
        StringBuilder wrong = new StringBuilder();
        StringBuilder right = new StringBuilder();
        for (double[] r : m) {
            wrong.append(r[0] + 1).append(' ');
            right.append(Numbers.format(r[0])).append(", ");
        }
        robot.interact(() -> inspector().guessField().setText(wrong.toString().trim()));
        robot.clickOn(inspector().guessField()).type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(ctx.main().text("inspector.guess.wrong"), inspector().guessVerdict().getText());
        robot.interact(() -> inspector().guessField().setText(right.toString()));
        robot.clickOn(inspector().guessField()).type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(ctx.main().text("inspector.guess.right"), inspector().guessVerdict().getText());
        // the clicker's next: reveals, the engine's value shown, on the graph too
        robot.interact(() -> window.controller().graph().view().requestFocus());
        robot.type(KeyCode.PAGE_DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, ctx.main().getCursor().position());
        assertTrue(inspector().valuesLabel().getText().startsWith(Numbers.format(e.value()[0][0])));
        assertFalse(graphFrame().hidden());
        assertFalse(inspector().guessField().getParent().getParent().isVisible());
        // the next moves on, hidden; R reveals
        robot.type(KeyCode.PAGE_DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, ctx.main().getCursor().position());
        assertTrue(graphFrame().hidden());
        robot.type(KeyCode.R);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(graphFrame().hidden());
        Event e1 = ctx.main().getCursor().current().orElseThrow();
        assertTrue(inspector().valuesLabel().getText().startsWith(Numbers.format(e1.value()[0][0])));
    }

    @Test
    void theDecksBpttSceneTurnsItOnAndThePresenterSeesTheResult(FxRobot robot) {
        robot.interact(() -> ctx.deck().openBuiltin());
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> ctx.deck().goTo(2, false));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, ctx.deck().index());
        assertTrue(ctx.main().predictProperty().get(), "the scene's \"predict\": true");
        assertTrue(ctx.main().isHidden());
        assertTrue(graphFrame().hidden());
        Event e = ctx.main().getCursor().current().orElseThrow();
        String hidden = ctx.deck().hiddenResultProperty().get();
        assertTrue(hidden.contains(Numbers.format(e.value()[0][0])), hidden);
        // the deck's next: reveals, then the next stop
        int at = ctx.main().getCursor().position();
        robot.interact(() -> ctx.deck().next());
        assertEquals(at, ctx.main().getCursor().position());
        assertFalse(ctx.main().isHidden());
        assertEquals("", ctx.deck().hiddenResultProperty().get());
        robot.interact(() -> ctx.deck().next());
        assertTrue(ctx.main().getCursor().position() > at);
        assertTrue(ctx.main().isHidden());
        // the next scene turns it off
        robot.interact(() -> ctx.deck().goTo(3, false));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(ctx.main().predictProperty().get());
        assertFalse(ctx.main().isHidden());
    }
}
