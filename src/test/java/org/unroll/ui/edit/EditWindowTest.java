package org.unroll.ui.edit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.unroll.engine.GradCheck;
import org.unroll.engine.Trace;
import org.unroll.graph.Node;
import org.unroll.ui.AppContext;
import org.unroll.ui.Fixtures;
import org.unroll.ui.MainWindow;
import org.unroll.ui.graph.GraphView;
import org.unroll.ui.gradcheck.GradCheckController;
import org.unroll.ui.gradcheck.GradCheckWindow;
import org.unroll.view.Numbers;
import org.unroll.view.Session;

/**
 * Editing through the window at 1280 × 720 (headless, Monocle): a click on a parameter in the
 * band opens its numbers under the inspector; a number typed there and Enter recompute every
 * value, and the inspector and the graph show the new session's numbers (their caches keyed by
 * the old one are not used); a bad number shows its line and changes nothing; Ctrl+Z and Ctrl+Y;
 * the gradient-check panel opens from the inspector and from View ▸ Gradient check….
 */
@ExtendWith(ApplicationExtension.class)
class EditWindowTest {

    private static final Path LSTM = Fixtures.CASES.resolve("lstm-many-to-many.json");
    private AppContext ctx;
    private MainWindow window;
    private Stage stage;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        ctx = Fixtures.context();
        window = Fixtures.window(stage, ctx, 1280, 720);
    }

    private GraphView graph() {
        return window.controller().graph().view();
    }

    private Canvas mouseCanvas() {
        return (Canvas) graph().getChildrenUnmodifiable().stream().filter(Canvas.class::isInstance).findFirst().orElseThrow();
    }

    /** Clicks a parameter's box in the band, as a user does. */
    private void clickParameter(FxRobot robot, Node p) {
        double[] box = graph().painter().parameterBox(p, mouseCanvas().getWidth(), graph().look());
        assertNotNull(box, p + " in the band");
        Point2D at = mouseCanvas().localToScreen(box[0] + box[2] / 2, box[1] + box[3] / 2);
        robot.clickOn(at);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private TextField cell(FxRobot robot, int r, int c) {
        TextField f = robot.lookup("#edit-cell-" + r + "-" + c).queryAs(TextField.class);
        assertNotNull(f, "the grid's field " + r + "," + c);
        return f;
    }

    private void type(FxRobot robot, TextField f, String text) {
        robot.clickOn(f);
        robot.interact(() -> {
            f.requestFocus();
            f.selectAll();
        });
        robot.write(text).type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aWeightEditedInTheInspectorUpdatesEveryNumberShownAndUndoRedoFromTheKeyboard(FxRobot robot) throws Exception {
        robot.interact(() -> ctx.main().open(LSTM));
        Session before = ctx.main().getSession();
        Trace original = before.trace();
        int at = before.schedule().firstIndexOf(before.graph().node("pre_f", 3), true);
        robot.interact(() -> ctx.main().seek(at));
        Node wf = before.graph().parameter("Wh_f");
        clickParameter(robot, wf);
        assertEquals(wf, ctx.main().selectedProperty().get(), "the click in the band selects W_f");
        assertTrue(window.controller().inspector().heatStrip().isVisible());

        type(robot, cell(robot, 1, 0), "0.7");

        Session after = ctx.main().getSession();
        assertFalse(before == after, "recomputed");
        Traces.assertMatchesRun(Traces.runEdited(LSTM, dir, 0.7, "model.params.Wh_f", 1, 0), after.trace());
        // the inspector shows the new session's numbers, not a snapshot cached for the old one
        assertArrayEquals(after.kase().weights().get("Wh_f"), window.controller().inspector().heatStrip().shown());
        assertTrue(robot.lookup(".numbers").queryAll().stream()
                .anyMatch(l -> l instanceof Label lb && lb.getText().equals(Numbers.matrix(after.kase().weights().get("Wh_f")))));
        assertEquals("0.7000", cell(robot, 1, 0).getText());
        // the graph paints the new session at the same event, its view kept
        assertSame(after, graph().painter().session());
        assertEquals(at, graph().drawnIndex());
        Node pf3 = after.graph().node("pre_f", 3);
        assertArrayEquals(after.deltaAt(pf3, at), graph().frame().error().apply(pf3), "the graph draws the new error");
        assertFalse(java.util.Arrays.equals(before.deltaAt(pf3, at), graph().frame().error().apply(pf3)));
        assertTrue(stage.getTitle().endsWith("lstm-many-to-many.json (edited)"), stage.getTitle());
        assertEquals(1, robot.lookup("#historyList").queryListView().getItems().size());
        // now to h(3) in the forward pass: the inspector's numbers are the edited case's
        Node h3 = after.graph().node("h", 3);
        robot.interact(() -> ctx.main().seek(after.schedule().firstIndexOf(h3, false)));
        double[] shown = java.util.Arrays.stream(window.controller().inspector().heatStrip().shown())
                .mapToDouble(r -> r[0]).toArray();
        assertArrayEquals(after.values().value(h3), shown);
        assertFalse(java.util.Arrays.equals(before.values().value(h3), shown), "h(3) changed with W_f");
        assertEquals(after.schedule().firstIndexOf(h3, false), graph().drawnIndex());

        // Ctrl+Z (focus out of the text field, as after a click on the graph), then Ctrl+Y
        robot.interact(() -> mouseCanvas().requestFocus());
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        Traces.assertSameTrace(original, ctx.main().getSession().trace());
        assertFalse(stage.getTitle().contains("edited"), stage.getTitle());
        robot.press(KeyCode.CONTROL).type(KeyCode.Y).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        Traces.assertSameTrace(after.trace(), ctx.main().getSession().trace());
        // Ctrl+Z again, then Ctrl+Shift+Z (Edit ▸ Redo's own key)
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        Traces.assertSameTrace(original, ctx.main().getSession().trace());
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.Z).release(KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        Traces.assertSameTrace(after.trace(), ctx.main().getSession().trace());
    }

    @Test
    void aBadNumberShowsItsLineAndChangesNothing(FxRobot robot) {
        robot.interact(() -> ctx.main().open(LSTM));
        Session s = ctx.main().getSession();
        clickParameter(robot, s.graph().parameter("b_i"));
        TextField f = cell(robot, 0, 0);
        type(robot, f, "abc");
        assertSame(s, ctx.main().getSession());
        Label problem = robot.lookup(".edit-problem").queryAs(Label.class);
        assertTrue(problem.isVisible());
        assertEquals("b_i[0]: \"abc\" is not a number; nothing changed", problem.getText());
        assertTrue(f.getStyleClass().contains("edit-error"));
        // Esc puts the number back
        robot.clickOn(f).type(KeyCode.ESCAPE);
        assertEquals(Numbers.format(s.kase().weights().getVector("b_i")[0]), f.getText());
    }

    @Test
    void theGradientCheckPanelOpensFromTheInspectorAtItsParameterAndFromTheViewMenu(FxRobot robot) {
        robot.interact(() -> ctx.main().open(LSTM));
        Session s = ctx.main().getSession();
        clickParameter(robot, s.graph().parameter("Wx_o"));
        robot.clickOn("#gradCheckLink");
        WaitForAsyncUtils.waitForFxEvents();
        GradCheckWindow w = window.gradientCheckWindow();
        assertNotNull(w);
        assertTrue(w.stage().isShowing());
        GradCheckController c = w.controller();
        assertEquals(14, c.table().getRoot().getChildren().size(), "a row per parameter");
        assertTrue(c.summaryLabel().getText().startsWith("Pass: all 14 parameters"), c.summaryLabel().getText());
        TreeItem<GradCheckController.Line> selected = c.table().getSelectionModel().getSelectedItem();
        assertTrue(selected.getValue().name().startsWith("U_o"), selected.getValue().name());
        assertTrue(selected.isExpanded());
        assertEquals(6, selected.getChildren().size(), "its 3×2 elements");
        GradCheck.Element e = GradCheck.check(s.kase(), GradCheck.DEFAULT_EPS).stream()
                .filter(x -> x.name().equals("Wx_o")).findFirst().orElseThrow().elements().get(3);
        GradCheckController.Line l = selected.getChildren().get(3).getValue();
        assertEquals("U_o[1,1]", l.name());
        assertEquals(String.format(java.util.Locale.ROOT, "%.8e", e.analytic()), l.analytic());
        assertEquals(String.format(java.util.Locale.ROOT, "%.8e", e.numeric()), l.numeric());
        assertEquals("pass", l.verdict());
        robot.interact(() -> w.stage().hide());

        // View ▸ Gradient check…
        robot.clickOn("#viewMenu");
        robot.clickOn("Gradient check…");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.gradientCheckWindow().stage().isShowing());
        assertEquals(14, window.gradientCheckWindow().controller().table().getRoot().getChildren().size());
        robot.interact(() -> window.gradientCheckWindow().stage().hide());
    }
}
