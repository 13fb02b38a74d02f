package org.unroll.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.unroll.session.Background;
import org.unroll.session.Runner;
import org.unroll.ui.common.FxBackground;
import org.unroll.ui.common.RecentFiles;

/**
 * With the app's own workers (threads), a step holds the work ahead until the step's frame is
 * rendered (ADR 0040), then the next event's picture is painted ahead all the same, and the next
 * key shows it in the key's own handler. Headless (Monocle).
 */
@ExtendWith(ApplicationExtension.class)
class AheadGateWindowTest {

    private AppContext ctx;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        ctx = new AppContext(Background.synchronous(), RecentFiles.inMemory(), Locale.ENGLISH, Runner::synchronous,
                Platform::runLater, FxBackground::new);
        window = Fixtures.window(stage, ctx, 1280, 720);
        ctx.main().build(Fixtures::demo);
    }

    private boolean settled() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> window.controller().settled()
                && window.controller().shows(ctx.main().getCursor().position())).get();
    }

    @Test
    void aStepHoldsTheWorkAheadUntilItsFrameThenPaintsTheNextEventAhead(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, this::settled);
        MainViewModel vm = ctx.main();
        var graph = window.controller().graph().view();
        int at = vm.getCursor().position();
        assertEquals(at + 1, (int) WaitForAsyncUtils.asyncFx(graph::paintedAheadIndex).get(),
                "the next event's picture is painted ahead while the view is still");
        List<Boolean> heldAtStep = new ArrayList<>();
        List<Boolean> busyAtStep = new ArrayList<>();
        long opened = vm.aheadGate().opened();
        robot.interact(() -> vm.cursorProperty().addListener((o, a, c) -> {
            heldAtStep.add(vm.aheadGate().held());
            busyAtStep.add(graph.busy());
        }));
        robot.type(KeyCode.RIGHT);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.aheadGate().opened() > opened);
        assertEquals(List.of(true), heldAtStep, "the step closed the gate before the views saw it");
        assertEquals(List.of(true), busyAtStep, "a held picture counts as work left (what bench --ui waits for)");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, this::settled);
        assertEquals(at + 1, vm.getCursor().position());
        assertEquals(at + 2, (int) WaitForAsyncUtils.asyncFx(graph::paintedAheadIndex).get(),
                "after the gate opened, the event after it was painted ahead");
        // the next key shows that picture at once: drawn by the time the frame's listeners run
        List<Integer> drawnInHandler = new ArrayList<>();
        robot.interact(() -> vm.frameProperty().addListener((o, a, f) -> drawnInHandler.add(graph.drawnIndex())));
        robot.type(KeyCode.RIGHT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(at + 2), drawnInHandler);
        assertTrue(vm.aheadGate().held() || vm.aheadGate().opened() > opened + 1);
    }
}
