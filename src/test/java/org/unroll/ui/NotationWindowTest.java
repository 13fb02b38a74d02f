package org.unroll.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.jfree.svg.SVGGraphics2D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.unroll.engine.CellType;
import org.unroll.engine.GateActivation;
import org.unroll.graph.FusedKernel;
import org.unroll.graph.Node;
import org.unroll.graph.Notation;
import org.unroll.schedule.Schedule;
import org.unroll.ui.graph.GraphView;
import org.unroll.ui.model.FusedKernelView;

/**
 * View ▸ Notation as a user switches it, headless: the graph's parameter band, the inspector's
 * equation, the fused-kernel tab and the model tab's gate choice; the notation survives a switch
 * of language (which rebuilds the window).
 */
@ExtendWith(ApplicationExtension.class)
class NotationWindowTest {

    private static final Pattern TEXT = Pattern.compile(">([^<>]*)</text>");
    private AppContext ctx;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        ctx = Fixtures.context();
        window = Fixtures.window(stage, ctx, 1280, 720);
        ctx.main().build(Fixtures::demo);
    }

    private GraphView graph() {
        return window.controller().graph().view();
    }

    /** The texts the graph draws now, painted as the canvas is into an SVG. */
    private List<String> drawnTexts(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        List<String> out = new ArrayList<>();
        robot.interact(() -> {
            SVGGraphics2D g = new SVGGraphics2D(1280, 720);
            graph().paintTo(g);
            Matcher m = TEXT.matcher(g.getSVGElement());
            while (m.find()) {
                out.add(m.group(1));
            }
        });
        return out;
    }

    private void choose(FxRobot robot, Notation n) {
        robot.interact(() -> window.controller().notationItem(n).fire());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theMenuRelabelsTheRecurrentMatrixOfTheBand(FxRobot robot) {
        List<String> names = new ArrayList<>();
        for (MenuItem item : window.controller().notationMenu().getItems()) {
            names.add(item.getText());
        }
        assertEquals(List.of("Book (詳解ディープラーニング)", "TensorFlow 1.x", "Keras", "PyTorch"), names);
        assertTrue(window.controller().notationItem(Notation.BOOK).isSelected());
        Node wh = ctx.main().getSession().graph().parameter("Wh");
        String[][] expected = {{"book", "W"}, {"keras", "recurrent_kernel"}, {"pytorch", "weight_hh_l0"},
                {"tensorflow", "U"}};
        for (String[] e : expected) {
            Notation n = Notation.fromKey(e[0]);
            choose(robot, n);
            assertEquals(n, ctx.main().getNotation());
            assertTrue(window.controller().notationItem(n).isSelected());
            assertEquals(n, graph().notation());
            assertEquals(e[1], graph().labelOf(wh), n.key());
            assertTrue(drawnTexts(robot).contains(e[1]), n.key() + " draws " + e[1]);
        }
        // the legend's line (on the band's caption line in a narrow window)
        choose(robot, Notation.BOOK);
        assertTrue(drawnTexts(robot).stream().anyMatch(t -> t.contains("δp(t) = e_h(t)")), drawnTexts(robot).toString());
        choose(robot, Notation.PYTORCH);
        assertFalse(drawnTexts(robot).contains("W"), "no book letters in PyTorch's band");
    }

    @Test
    void theInspectorsEquationFollowsTheNotation(FxRobot robot) {
        Schedule s = ctx.main().getSession().schedule();
        int at = s.firstIndexOf(s.graph().node("p", 20), true);
        robot.interact(() -> ctx.main().seek(at));
        WaitForAsyncUtils.waitForFxEvents();
        String book = ctx.inspector().equationProperty().get();
        Label note = robot.lookup("#noteLabel").queryAs(Label.class);
        assertTrue(note.isVisible());
        assertTrue(note.getText().startsWith("e_h(t) = ∂E/∂p(t)"), note.getText());
        choose(robot, Notation.KERAS);
        String keras = ctx.inspector().equationProperty().get();
        assertNotEquals(book, keras);
        assertTrue(keras.contains("recurrent\\_kernel"), keras);
        assertEquals(s.event(at).equation(Notation.KERAS), keras);
        assertFalse(note.isVisible(), "the e_h note is the book's");
        assertEquals(at, ctx.main().getCursor().position(), "relabelled, not moved");
        // a PyTorch bias: its mapping line under the equation
        robot.interact(() -> ctx.main().seek(s.lastIndexOf(s.graph().parameter("b"), true)));
        choose(robot, Notation.PYTORCH);
        Label mapping = robot.lookup("#mappingLabel").queryAs(Label.class);
        assertTrue(mapping.isVisible());
        assertTrue(mapping.getText().contains("bias_ih_l0"), mapping.getText());
    }

    @Test
    void theNotationSurvivesALanguageSwitch(FxRobot robot) {
        choose(robot, Notation.PYTORCH);
        robot.interact(() -> ctx.main().seek(5));
        robot.interact(() -> window.controller().languageItem(Locale.JAPANESE).fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("表示", window.controller().menus().get(1).getText());
        assertEquals("表記", window.controller().notationMenu().getText());
        assertEquals(Notation.PYTORCH, ctx.main().getNotation());
        assertTrue(window.controller().notationItem(Notation.PYTORCH).isSelected(), "the rebuilt menu shows it");
        assertEquals("書籍 (詳解ディープラーニング)", window.controller().notationItem(Notation.BOOK).getText());
        assertEquals(Notation.PYTORCH, graph().notation(), "the rebuilt graph draws in it");
        assertEquals("weight_hh_l0", graph().labelOf(ctx.main().getSession().graph().parameter("Wh")));
        assertEquals(5, ctx.main().getCursor().position());
        choose(robot, Notation.KERAS);
        assertEquals("recurrent_kernel", graph().labelOf(ctx.main().getSession().graph().parameter("Wh")));
        robot.interact(() -> ctx.main().setLanguage(Locale.ENGLISH));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.controller().notationItem(Notation.KERAS).isSelected());
    }

    @Test
    void theFusedKernelTabDrawsFusedKernelOfTheSession(FxRobot robot) {
        robot.interact(() -> window.controller().showTab("fused"));
        choose(robot, Notation.TENSORFLOW);
        List<FusedKernel.Matrix> expected = FusedKernel.of(Notation.TENSORFLOW, ctx.main().getSession().kase().weights());
        List<FusedKernelView> views = window.controller().fused().views();
        assertEquals(expected.size(), views.size());
        for (int i = 0; i < views.size(); i++) {
            assertEquals(expected.get(i).name(), views.get(i).shown().matrix().name());
            assertEquals(expected.get(i).blocks(), views.get(i).shown().matrix().blocks());
        }
        assertEquals("basic_rnn_cell/kernel", views.get(0).shown().matrix().name());
        assertTrue(views.get(0).getHeight() > 10, "drawn at a readable size: " + views.get(0).getHeight());
        // pointing at the kernel's lower part (its h rows) describes that block
        FusedKernel.Matrix kernel = views.get(0).shown().matrix();
        robot.moveTo(views.get(0), javafx.geometry.Pos.BOTTOM_LEFT, new javafx.geometry.Point2D(8, -8),
                org.testfx.robot.Motion.DIRECT);
        WaitForAsyncUtils.waitForFxEvents();
        String d = FusedKernel.describe(kernel, kernel.blocks().get(1), ctx.main().getBundle());
        assertEquals(d, robot.lookup("#fusedDescription").queryAs(Label.class).getText());
        assertTrue(d.contains("Wh"), d);
        choose(robot, Notation.PYTORCH);
        assertEquals("weight_ih_l0", window.controller().fused().views().get(0).shown().matrix().name());
    }

    @Test
    void theGateChoiceIsForLstmAndGruOnly(FxRobot robot) {
        robot.interact(() -> window.controller().showTab("model"));
        WaitForAsyncUtils.waitForFxEvents();
        var choice = robot.lookup("#gateActivationChoice").queryAs(javafx.scene.control.ChoiceBox.class);
        assertEquals(CellType.RNN, ctx.model().cellProperty().get());
        assertTrue(choice.isDisabled(), "disabled for the RNN");
        robot.interact(() -> ctx.model().cellProperty().set(CellType.LSTM));
        assertFalse(choice.isDisabled());
        robot.interact(() -> choice.setValue(GateActivation.HARD_SIGMOID));
        robot.interact(() -> {
            ctx.model().stepsProperty().set("5");
            ctx.model().build();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(GateActivation.HARD_SIGMOID, ctx.main().getSession().kase().config().gateActivation());
        assertEquals(CellType.LSTM, ctx.main().getSession().kase().config().cell());
    }
}
