package org.unroll.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import javafx.geometry.Bounds;
import javafx.scene.control.TableRow;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.unroll.graph.Node;
import org.unroll.schedule.Event;
import org.unroll.schedule.Phase;
import org.unroll.schedule.Schedule;
import org.unroll.ui.inspector.InspectorController;
import org.unroll.ui.inspector.InspectorViewModel.TermRow;
import org.unroll.view.Numbers;
import org.unroll.view.Session;

/**
 * The inspector in the window at 1280 × 720: after a jump its heat map is coloured on the scale of
 * the numbers it shows; at End the per-step table shows the current row; the equation with the
 * numbers of a 200-step LSTM (H = 8) fits the inspector without a scroll bar, and a click shows
 * every value.
 */
@ExtendWith(ApplicationExtension.class)
class InspectorWindowTest {

    private static final Path LSTM_200 = Path.of("src/test/resources/bench/lstm-adding-200.json");
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

    @Test
    void afterAJumpTheHeatMapIsColouredOnTheScaleOfItsNumbers(FxRobot robot) {
        robot.interact(() -> ctx.main().build(Fixtures::demo));
        Session s = ctx.main().getSession();
        Node h3 = s.graph().node("h", 3);
        robot.interact(() -> ctx.main().seek(s.schedule().firstIndexOf(h3, false)));
        assertEquals(s.valueScale().limit(), inspector().heatStrip().scale().limit(), 0, "a forward value: the values' scale");
        // Ctrl+B: from a value to the first error, whose numbers are ~50 times smaller
        robot.press(KeyCode.CONTROL).type(KeyCode.B).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        Event e = ctx.main().getCursor().current().orElseThrow();
        assertEquals(Phase.BACKWARD, e.phase());
        assertEquals(s.deltaScale().limit(), inspector().heatStrip().scale().limit(), 0,
                "the error is coloured on the errors' scale, not the values' (it showed as grey)");
        double[][] shown = inspector().heatStrip().shown();
        assertEquals(Numbers.format(shown[0][0]), Numbers.format(e.value()[0][0]));
        // Home, then → : the first forward value on the values' scale again
        robot.type(KeyCode.HOME).type(KeyCode.RIGHT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(s.valueScale().limit(), inspector().heatStrip().scale().limit(), 0);
    }

    @Test
    void atEndThePerStepTableShowsTheCurrentRow(FxRobot robot) {
        robot.interact(() -> ctx.main().build(Fixtures::demo));
        robot.type(KeyCode.END);
        WaitForAsyncUtils.waitForFxEvents();
        Event e = ctx.main().getCursor().current().orElseThrow();
        assertEquals(Phase.GRADIENT, e.phase());
        var table = inspector().termsTable();
        int current = -1;
        for (int i = 0; i < table.getItems().size(); i++) {
            if (table.getItems().get(i).current()) {
                current = i;
            }
        }
        assertEquals(e.step() - 1, current, "the current term is the event's step");
        assertTrue(current > 15, "far down a table that shows about ten rows: " + current);
        Bounds view = table.localToScene(table.getLayoutBounds());
        boolean seen = false;
        for (javafx.scene.Node n : table.lookupAll(".table-row-cell")) {
            if (n instanceof TableRow<?> row && row.isVisible() && row.getItem() instanceof TermRow t && t.current()) {
                Bounds b = row.localToScene(row.getLayoutBounds());
                seen |= b.getMinY() >= view.getMinY() && b.getMaxY() <= view.getMaxY() + 1;
            }
        }
        assertTrue(seen, "the current row is in view");
    }

    @Test
    void theInspectorsScrollPanesDoNotCacheTheirChangingContentAsBitmaps(FxRobot robot) {
        robot.interact(() -> ctx.main().seek(5));
        java.util.List<javafx.scene.Node> viewports = new java.util.ArrayList<>();
        robot.interact(() -> viewports.addAll(inspector().scroll().lookupAll(".viewport")));
        assertEquals(3, viewports.size(), "the inspector and its two equations scroll");
        for (javafx.scene.Node v : viewports) {
            assertEquals(false, v.isCache(), "a viewport cached as a bitmap is drawn twice a frame");
        }
    }

    @Test
    void aLongLstmsEquationFitsTheInspectorAndAClickShowsEveryValue(FxRobot robot) {
        robot.interact(() -> ctx.main().open(LSTM_200));
        Session s = ctx.main().getSession();
        assertNotNull(s, "the 200-step LSTM is shown");
        assertEquals(8, s.graph().config().hiddenSize());
        Schedule sch = s.schedule();
        Node[] nodes = {sch.graph().node("pre_f", 116), sch.graph().node("c", 116), sch.graph().node("h", 116)};
        for (Node n : nodes) {
            for (boolean delta : new boolean[] {false, true}) {
                int at = sch.firstIndexOf(n, delta);
                robot.interact(() -> ctx.main().seek(at));
                double room = inspector().scroll().getViewportBounds().getWidth();
                var img = inspector().substitutedView().getImage();
                assertNotNull(img, sch.event(at) + " typeset");
                assertTrue(room > 200, "the inspector has room: " + room);
                assertTrue(img.getWidth() <= room, sch.event(at) + ": " + img.getWidth() + " px in " + room + " px");
            }
        }
        Node w = sch.graph().parameter("Wh_f");
        int grad = sch.lastIndexOf(w, true);
        robot.interact(() -> ctx.main().seek(grad));
        assertTrue(inspector().substitutedView().getImage().getWidth() <= inspector().scroll().getViewportBounds().getWidth());
        // the full values of p_f(116)'s equation, one click away
        int at = sch.firstIndexOf(nodes[0], false);
        robot.interact(() -> ctx.main().seek(at));
        robot.clickOn(inspector().substitutedView());
        WaitForAsyncUtils.waitForFxEvents();
        Stage values = inspector().fullValuesWindow();
        assertNotNull(values, "a click opens the full values");
        assertTrue(values.isShowing());
        TextArea area = (TextArea) values.getScene().lookup("#fullValuesText");
        String text = area.getText();
        assertTrue(text.contains(Numbers.column(s.values().value(sch.graph().node("h", 115)))), text);
        assertTrue(text.contains(Numbers.matrix(s.values().matrix(sch.graph().parameter("Wh_f")))), text);
        assertTrue(text.contains(Numbers.column(sch.event(at).value().length == 8 ? column(sch.event(at).value()) : null)));
        assertSame(area, values.getScene().lookup("#fullValuesText"));
        robot.interact(values::close);
    }

    private static double[] column(double[][] m) {
        double[] v = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            v[i] = m[i][0];
        }
        return v;
    }
}
