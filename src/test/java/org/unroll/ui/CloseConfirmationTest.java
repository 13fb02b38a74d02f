package org.unroll.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.unroll.session.CaseEdit;
import org.unroll.session.TrainingRun;

/**
 * Closing the window (ADR 0028): nothing to lose closes without a question; an unsaved edit asks,
 * and Cancel keeps the window open.
 */
@ExtendWith(ApplicationExtension.class)
class CloseConfirmationTest {

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
    void whatWouldBeLostIsNamed() {
        assertEquals(List.of(), CloseGuard.losses(false, null));
        assertEquals(List.of(), CloseGuard.losses(false, TrainingRun.State.NEW));
        assertEquals(List.of("close.lose.edits", "close.lose.running"), CloseGuard.losses(true, TrainingRun.State.RUNNING));
        assertEquals(List.of("close.lose.weights"), CloseGuard.losses(false, TrainingRun.State.PAUSED));
        ResourceBundle ja = org.unroll.view.Messages.bundle(Locale.JAPANESE);
        assertTrue(CloseGuard.text(ja, List.of("close.lose.edits")).contains("編集"));
    }

    @Test
    void nothingToLoseClosesWithoutAQuestion() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> ctx.main().getSession() != null);
        boolean[] may = new boolean[1];
        WaitForAsyncUtils.asyncFx(() -> may[0] = window.confirmClose()).get(10, TimeUnit.SECONDS);
        assertTrue(may[0]);
        assertNull(window.closeAlert());
    }

    @Test
    void anUnsavedEditAsksAndCancelKeepsTheWindow(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> ctx.main().getSession() != null);
        String name = ctx.main().getSession().kase().weights().layout().blocks().get(0).name();
        WaitForAsyncUtils.asyncFx(() -> ctx.main().edit(CaseEdit.What.PARAMETER, name, 0, 0, 0, "0.7"))
                .get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> ctx.main().editedProperty().get());
        // the window's close button: the request is answered by the dialog
        Platform.runLater(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.closeAlert() != null);
        var alert = window.closeAlert();
        assertNotNull(alert);
        assertTrue(alert.getContentText().contains("The case has edits that are not saved."), alert.getContentText());
        ButtonType cancel = alert.getButtonTypes().stream()
                .filter(b -> b.getButtonData() == ButtonBar.ButtonData.CANCEL_CLOSE).findFirst().orElseThrow();
        assertEquals("Cancel", cancel.getText());
        robot.interact(() -> ((Button) alert.getDialogPane().lookupButton(cancel)).fire());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.closeAlert() == null);
        assertTrue(stage.isShowing(), "Cancel keeps the window open");
    }
}
