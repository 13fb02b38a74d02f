package org.unroll.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.unroll.engine.Case;
import org.unroll.engine.CaseFile;
import org.unroll.graph.Node;
import org.unroll.graph.UnrolledGraph;
import org.unroll.schedule.Event;
import org.unroll.schedule.Schedule;
import org.unroll.ui.graph.RolledView;
import org.unroll.view.Numbers;
import org.unroll.view.Session;

/**
 * The window as a user drives it, headless (Monocle): the keyboard moves the highlight through the
 * schedule and the inspector shows the numbers; the reference cases show their expected values;
 * an invalid file gives a dialog and changes nothing; the language switches at run time.
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    private AppContext ctx;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        ctx = Fixtures.context();
        window = Fixtures.window(stage, ctx, 1500, 950);
        ctx.main().build(Fixtures::demo);
    }

    private MainViewModel vm() {
        return ctx.main();
    }

    private Schedule schedule() {
        return vm().getSession().schedule();
    }

    private String shownNumbers(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup("#valuesLabel").queryAs(Label.class).getText();
    }

    private Node highlighted() {
        return window.controller().graph().view().frame().current();
    }

    @Test
    void opensOnTheDemoAndArrowKeysWalkTheSchedule(FxRobot robot) {
        assertEquals(25, vm().getSession().trace().length());
        assertTrue(vm().getCursor().atStart());
        assertEquals(null, highlighted());
        for (int i = 0; i < 6; i++) {
            robot.type(KeyCode.RIGHT);
            Event e = schedule().event(i);
            assertEquals(i, vm().getCursor().position());
            assertEquals(e.node(), highlighted(), "the highlight is on event " + i + "'s node");
            assertEquals(Numbers.matrix(e.value()), shownNumbers(robot));
        }
        Event e = schedule().event(5);
        String expected = Numbers.column(vm().getSession().values().value(e.node()));
        assertEquals(expected, shownNumbers(robot), "the trace's numbers, formatted alike");
        assertEquals("Node: " + e.node().label(), robot.lookup("#nodeLabel").queryAs(Label.class).getText());

        robot.type(KeyCode.LEFT);
        assertEquals(4, vm().getCursor().position());
        assertEquals(schedule().event(4).node(), highlighted());
        assertEquals(Numbers.matrix(schedule().event(4).value()), shownNumbers(robot));
        robot.type(KeyCode.PAGE_DOWN);
        assertEquals(5, vm().getCursor().position());
        robot.type(KeyCode.PAGE_UP);
        assertEquals(4, vm().getCursor().position());
    }

    @Test
    void shiftArrowMovesAWholeTimeStepHomeAndEndJump(FxRobot robot) {
        robot.type(KeyCode.RIGHT, 3);
        int step = schedule().event(2).step();
        robot.press(KeyCode.SHIFT).type(KeyCode.RIGHT).release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        Event now = vm().getCursor().current().orElseThrow();
        assertEquals(step + 1, now.step());
        assertEquals(now.node(), highlighted());
        robot.press(KeyCode.SHIFT).type(KeyCode.LEFT).release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(step, vm().getCursor().current().orElseThrow().step());

        robot.type(KeyCode.END);
        assertTrue(vm().getCursor().atEnd());
        robot.type(KeyCode.HOME);
        assertTrue(vm().getCursor().atStart());
        assertEquals(null, highlighted());
        robot.press(KeyCode.CONTROL).type(KeyCode.B).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(schedule().firstIndexOf(org.unroll.schedule.Phase.BACKWARD), vm().getCursor().position());
        assertTrue(window.controller().graph().view().frame().backward());
    }

    @Test
    void spacePlaysAndPauses(FxRobot robot) {
        robot.type(KeyCode.SPACE);
        assertTrue(vm().playingProperty().get());
        robot.type(KeyCode.SPACE);
        assertFalse(vm().playingProperty().get());
    }

    @Test
    void theInspectorTypesetsTheEquation(FxRobot robot) {
        Node p1 = schedule().graph().node("p", 1);
        robot.interact(() -> vm().seek(schedule().firstIndexOf(p1, false)));
        WaitForAsyncUtils.waitForFxEvents();
        ImageView eq = robot.lookup("#equationImage").queryAs(ImageView.class);
        ImageView sub = robot.lookup("#substitutedImage").queryAs(ImageView.class);
        assertNotNull(eq.getImage(), "JLaTeXMath rendered the symbolic equation");
        assertNotNull(sub.getImage(), "and the one with numbers");
        assertTrue(eq.getImage().getWidth() > 40);
        assertEquals(schedule().event(vm().getCursor().position()).equation(), eq.getUserData());
    }

    @Test
    void everyReferenceCaseShowsItsExpectedValuesAndErrors(FxRobot robot) throws Exception {
        List<Path> cases = Fixtures.cases();
        assertTrue(cases.size() >= 13);
        Label values = robot.lookup("#valuesLabel").queryAs(Label.class);
        Label sum = robot.lookup("#sumLabel").queryAs(Label.class);
        for (Path file : cases) {
            Case.Expected ex = CaseFile.read(file).expected();
            List<String> failures = new ArrayList<>();
            java.util.concurrent.atomic.AtomicInteger checked = new java.util.concurrent.atomic.AtomicInteger();
            // one trip to the JavaFX thread per case: open it, then step to each node and read the inspector
            robot.interact(() -> {
                vm().open(file);
                UnrolledGraph g = schedule().graph();
                int steps = g.length();
                if (ex.forward() != null) {
                    for (String key : List.of("h", "y")) {
                        for (int t : new int[] {1, steps}) {
                            check(values, g.node(key, t), false, ex.forward().get(key)[t - 1], failures, checked);
                        }
                    }
                }
                if (ex.deltas() != null) {
                    for (Node n : g.nodes()) {
                        if (n.hasDelta() && (n.step() == 1 || n.step() == steps) && !n.deltaKey().endsWith("0")
                                && ex.deltas().containsKey(n.deltaKey())) {
                            check(values, n, true, ex.deltas().get(n.deltaKey())[n.step() - 1], failures, checked);
                        }
                    }
                }
                if (ex.loss() != null) {
                    check(values, g.node("E", 0), false, new double[] {ex.loss()}, failures, checked);
                }
                if (ex.grads() != null) {
                    Node w = g.parameters().get(1);
                    vm().seek(schedule().lastIndexOf(w, true));
                    compare(sum.getText(), ex.grads().get(w.key()), "grad " + w.key(), failures);
                    checked.incrementAndGet();
                }
            });
            assertEquals(file.getFileName().toString(), vm().titleProperty().get(), "opened " + file);
            assertEquals(List.of(), failures, file.getFileName().toString());
            assertTrue(checked.get() >= 2, file + ": checked " + checked);
        }
    }

    /** Steps to the event that computes a node's value or error and compares the inspector's numbers. */
    private void check(Label values, Node n, boolean delta, double[] expected, List<String> failures,
                       java.util.concurrent.atomic.AtomicInteger checked) {
        int idx = schedule().firstIndexOf(n, delta);
        if (idx < 0) {
            failures.add("no event for " + n);
            return;
        }
        vm().seek(idx);
        if (!n.equals(highlighted())) {
            failures.add("highlight on " + highlighted() + ", not " + n);
        }
        compare(values.getText(), new double[][] {expected}, (delta ? "δ " : "") + n.label(), failures);
        checked.incrementAndGet();
    }

    private static void compare(String shownText, double[][] expected, String what, List<String> failures) {
        double[] shown = Fixtures.numbers(shownText);
        int k = 0;
        for (double[] row : expected) {
            for (double v : row) {
                if (k >= shown.length || !Numbers.agrees(Numbers.format(shown[k]), v)) {
                    failures.add(what + "[" + k + "] shows " + (k < shown.length ? shown[k] : "nothing")
                            + ", expected " + v);
                }
                k++;
            }
        }
        if (k != shown.length) {
            failures.add(what + ": " + shown.length + " numbers shown, " + k + " expected");
        }
    }

    @Test
    void anInvalidFileShowsADialogAndLeavesTheModel(FxRobot robot, @TempDir Path dir) throws Exception {
        robot.type(KeyCode.RIGHT, 2);
        Session before = vm().getSession();
        int position = vm().getCursor().position();
        Path bad = dir.resolve("broken.json");
        String json = Files.readString(Fixtures.CASES.resolve("lstm-many-to-many.json"));
        Files.writeString(bad, json.replaceFirst("\"hiddenSize\": *\\d+", "\"hiddenSize\": 9"));
        robot.interact(() -> vm().open(bad));
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(before, vm().getSession());
        assertEquals(position, vm().getCursor().position());
        assertNotNull(window.lastAlert());
        assertTrue(window.lastAlert().isShowing(), "a dialog");
        String text = robot.lookup("#problemDialog").queryAs(javafx.scene.control.DialogPane.class).getContentText();
        assertTrue(text.startsWith("model.params."), text);
        assertTrue(window.lastAlert().getHeaderText().contains("broken.json"));
        robot.interact(() -> window.lastAlert().close());
    }

    @Test
    void switchingToJapaneseChangesTheMenus(FxRobot robot) {
        robot.type(KeyCode.RIGHT, 3);
        robot.interact(() -> window.controller().languageItem(java.util.Locale.JAPANESE).fire());
        List<String> labels = new ArrayList<>();
        for (Menu m : window.controller().menus()) {
            labels.add(m.getText());
        }
        assertEquals(List.of("ファイル", "表示", "ヘルプ"), labels);
        assertEquals(3 - 1, vm().getCursor().position(), "the cursor survives the switch");
        assertTrue(robot.lookup("#phaseLabel").queryAs(Label.class).getText().startsWith("段階"));
        assertEquals(schedule().event(2).node(), highlighted());
        robot.type(KeyCode.RIGHT);
        assertEquals(3, vm().getCursor().position(), "the keyboard still works");
        robot.interact(() -> vm().setLanguage(java.util.Locale.ENGLISH));
        assertEquals("File", window.controller().menus().get(0).getText());
    }

    @Test
    void theToolbarButtonsStep(FxRobot robot) {
        robot.clickOn("#forwardButton");
        robot.clickOn("#forwardButton");
        assertEquals(1, vm().getCursor().position());
        robot.clickOn("#backButton");
        assertEquals(0, vm().getCursor().position());
        robot.clickOn("#toBackwardButton");
        assertTrue(vm().frameProperty().get().backward());
        robot.clickOn("#toEndButton");
        assertTrue(vm().getCursor().atEnd());
        robot.clickOn("#toForwardButton");
        assertTrue(vm().getCursor().atStart());
    }

    @Test
    void theModelPanelBuildsAndShowsANetwork(FxRobot robot) {
        robot.clickOn("#modelTab");
        javafx.scene.control.TextField hidden = robot.lookup("#hiddenSizeField").queryAs(javafx.scene.control.TextField.class);
        robot.interact(() -> {
            ctx.model().cellProperty().set(org.unroll.engine.CellType.GRU);
            hidden.setText("2");
            ctx.model().stepsProperty().set("7");
        });
        robot.clickOn("#buildButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(org.unroll.engine.CellType.GRU, vm().getSession().kase().config().cell());
        assertEquals(2, vm().getSession().kase().config().hiddenSize());
        assertEquals(7, vm().getSession().trace().length());
        assertEquals(null, highlighted());
    }

    @Test
    void theRolledViewFoldsAndUnfolds(FxRobot robot) throws Exception {
        RolledView rolled = robot.lookup("#rolledView").queryAs(RolledView.class);
        assertFalse(rolled.isVisible());
        robot.clickOn("#rolledButton");
        assertTrue(vm().rolledProperty().get());
        assertTrue(rolled.isVisible());
        // the fold is animated (RolledView's timer): wait until it has reached its end, however long
        // that takes on a loaded machine; the test passes on the state, not on the clock
        awaitOnFx(() -> rolled.foldAmount() == 1.0, "folded into one cell");
        assertEquals(1.0, rolled.foldAmount(), 1e-9, "folded into one cell");
        assertTrue(rolled.isVisible());
        robot.clickOn("#rolledButton");
        awaitOnFx(() -> rolled.foldAmount() == 0.0 && !rolled.isVisible(), "unfolded and hidden");
        assertEquals(0.0, rolled.foldAmount(), 1e-9);
        assertFalse(rolled.isVisible(), "unrolled again");
    }

    /**
     * Waits until {@code condition}, read on the FX thread, holds. The bound is only there so that a
     * broken animation fails the test instead of hanging it; it is far beyond the animation's length.
     */
    private static void awaitOnFx(java.util.concurrent.Callable<Boolean> condition, String what) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(60, java.util.concurrent.TimeUnit.SECONDS,
                    () -> WaitForAsyncUtils.asyncFx(condition).get());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("never " + what, e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
