package org.unroll.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.unroll.ui.graph.GraphView;
import org.unroll.view.GraphLayout;
import org.unroll.view.GraphPainter;
import org.unroll.view.LabelInk;
import org.unroll.view.Presentation;

/**
 * Presentation mode in the window (issue 10): View ▸ Presentation and its keys, labels at least
 * 24 px high at the largest type size in a 1280 × 720 window with the current node in view, the
 * controls hiding full screen and coming back with the mouse, the spotlight.
 */
@ExtendWith(ApplicationExtension.class)
class PresentationModeTest {

    private AppContext ctx;
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        ctx = Fixtures.context();
        window = Fixtures.window(stage, ctx, 1280, 720);
        // the idle timer never fires by itself here: the tests call what it does
        window.setIdleDelay(Duration.hours(1));
        ctx.main().build(Fixtures::demo);
    }

    private GraphView graph() {
        return window.controller().graph().view();
    }

    private void shortcutShift(FxRobot robot, KeyCode k) {
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(k).release(KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theMenuAndItsKeysDressTheWindow(FxRobot robot) {
        List<String> labels = new ArrayList<>();
        for (MenuItem item : window.controller().presentationMenu().getItems()) {
            labels.add(item.getText());
        }
        assertTrue(labels.containsAll(List.of("Larger type", "Smaller type", "Type size: 0 of 4", "High contrast",
                "Errors on a log scale", "Spotlight (L)", "Full screen on")), labels.toString());
        for (int i = 1; i <= 5; i++) {
            shortcutShift(robot, KeyCode.UP);
            assertEquals(Math.min(i, 4), ctx.main().getPresentation().typeSize(), "Ctrl+Shift+Up, " + i + " times");
        }
        assertTrue(window.controller().presentationMenu().getItems().stream()
                .anyMatch(m -> "Type size: 4 of 4".equals(m.getText())));
        robot.type(KeyCode.OPEN_BRACKET);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(3, ctx.main().getPresentation().typeSize(), "[ is a step smaller");
        robot.type(KeyCode.CLOSE_BRACKET);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(4, ctx.main().getPresentation().typeSize(), "] a step larger");
        // every view reads it: the window's style class, the graph, the inspector's equations
        javafx.scene.Parent main = robot.lookup(".main").queryParent();
        assertTrue(main.getStyleClass().contains("type-4"));
        assertEquals(Presentation.MAX_TYPE_SIZE, graph().presentation().typeSize());
        assertEquals(17 * (1 + (3.1 - 1) * 0.65), window.controller().inspector().equationSize(), 1e-4);
        shortcutShift(robot, KeyCode.H);
        assertTrue(ctx.main().getPresentation().highContrast(), "Ctrl+Shift+H: high contrast");
        assertTrue(main.getStyleClass().contains("high-contrast"));
        assertTrue(graph().presentation().highContrast());
        shortcutShift(robot, KeyCode.L);
        assertTrue(ctx.main().getPresentation().logErrors(), "Ctrl+Shift+L: errors on a log scale");
        shortcutShift(robot, KeyCode.DOWN);
        assertEquals(3, ctx.main().getPresentation().typeSize());
        assertTrue(ctx.main().getPresentation().highContrast(), "the type size leaves the theme as it was");
        assertFalse(ctx.main().spotlightProperty().get(), "Ctrl+Shift+L is not the spotlight's L");
    }

    /** The graph as the window shows it now, painted on an image of the canvas's size. */
    private BufferedImage shown(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        AtomicReference<BufferedImage> out = new AtomicReference<>();
        robot.interact(() -> {
            double[] size = graph().drawingSize();
            BufferedImage img = new BufferedImage((int) size[0], (int) size[1], BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            graph().paintTo(g);
            g.dispose();
            out.set(img);
        });
        return out.get();
    }

    private int[] labelInk(FxRobot robot) {
        BufferedImage img = shown(robot);
        AtomicReference<int[]> ink = new AtomicReference<>();
        robot.interact(() -> ink.set(LabelInk.heights(graph().painter(), graph().frame(), graph().viewport(),
                img.getWidth(), img.getHeight(), graph().look(), img)));
        return ink.get();
    }

    /** Whether the current node's box is wholly in the part of the graph shown. */
    private boolean currentInView(FxRobot robot) {
        AtomicReference<Boolean> in = new AtomicReference<>();
        robot.interact(() -> {
            GraphLayout.Box b = graph().layoutOfGraph().box(graph().frame().current());
            Rectangle2D shown = graph().shownRegion();
            in.set(shown.contains(b.x(), b.y(), b.w(), b.h()));
        });
        return in.get();
    }

    @Test
    void atTheLargestTypeSizeLabelsAreAtLeast24PxHighAndTheCurrentNodeInView(FxRobot robot) {
        robot.interact(() -> ctx.main().setPresentation(new Presentation(Presentation.MAX_TYPE_SIZE, true, false)));
        for (String c : new String[] {"demo", "lstm-many-to-many.json"}) {
            if (!c.equals("demo")) {
                robot.interact(() -> ctx.main().open(Fixtures.CASES.resolve(c)));
                WaitForAsyncUtils.waitForFxEvents();
            }
            // a forward event in the middle, then the backward pass at the other end: the camera follows
            List<Integer> backward = ctx.main().getSession().schedule().events().stream()
                    .filter(e -> e.phase() == org.unroll.schedule.Phase.BACKWARD).map(e -> e.index()).toList();
            for (int at : new int[] {backward.get(0) / 3, backward.get(backward.size() * 2 / 3)}) {
                robot.interact(() -> ctx.main().seek(at));
                WaitForAsyncUtils.waitForFxEvents();
                assertTrue(currentInView(robot), c + ": the current node of event " + at + " is in view");
                int[] ink = labelInk(robot);
                double[] size = graph().drawingSize();
                System.out.printf("%s in a 1280 × 720 window, type size 4, event %d: canvas %.0f × %.0f, %d labels in"
                        + " view, %d..%d px high%n", c, at, size[0], size[1], ink[2], ink[0], ink[1]);
                assertTrue(ink[2] >= 3, c + ": labels in view " + ink[2]);
                assertTrue(ink[0] >= 24, c + ": the smallest label in view is " + ink[0] + " px high");
            }
        }
        // and the legend inside the canvas at this size
        double[] size = graph().drawingSize();
        GraphPainter.Look look = graph().look();
        assertTrue(GraphPainter.legendHeight(size[0], look) < size[1] * 0.3);
    }

    @Test
    void controlsHideFullScreenAndComeBackWhenTheMouseMoves(FxRobot robot) {
        robot.interact(window::hideControls);
        assertTrue(window.controlsShown(), "not full screen: the controls stay");
        robot.interact(() -> stage.setFullScreen(true));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(window::hideControls);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(window.controlsShown(), "the mouse rested: hidden");
        assertFalse(robot.lookup("#statusBar").query().isVisible());
        assertFalse(robot.lookup("#topBar").query().isVisible());
        assertTrue(robot.lookup(".main").queryParent().getStyleClass().contains("controls-hidden"));
        assertTrue(graph().isVisible(), "the graph stays");
        robot.moveTo(graph()).moveBy(40, 25);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.controlsShown(), "the mouse moved: back");
        assertTrue(robot.lookup("#statusBar").query().isVisible());
        robot.interact(window::hideControls);
        assertFalse(window.controlsShown());
        robot.interact(() -> stage.setFullScreen(false));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.controlsShown(), "leaving full screen brings them back");
    }

    @Test
    void lTogglesTheSpotlightWhichFollowsTheMouse(FxRobot robot) {
        assertFalse(window.isSpotlightOn());
        robot.moveTo(graph());
        robot.type(KeyCode.L);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.isSpotlightOn(), "L: spotlight on");
        assertTrue(robot.lookup("#spotlight").query().isVisible());
        assertTrue(ctx.main().spotlightProperty().get());
        double[] before = window.spotlightCentre();
        robot.moveBy(-60, 30);
        WaitForAsyncUtils.waitForFxEvents();
        double[] after = window.spotlightCentre();
        assertEquals(before[0] - 60, after[0], 1.5, "it follows the mouse");
        assertEquals(before[1] + 30, after[1], 1.5);
        robot.type(KeyCode.L);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(window.isSpotlightOn(), "L again: off");
        assertFalse(robot.lookup("#spotlight").query().isVisible());
    }
}
