package org.unroll.ui.worksheet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.unroll.engine.CellType;
import org.unroll.export.Format;
import org.unroll.export.Worksheet;
import org.unroll.graph.Notation;
import org.unroll.session.BuiltinCases;
import org.unroll.ui.AppContext;
import org.unroll.ui.Fixtures;
import org.unroll.ui.MainWindow;

/**
 * File ▸ Worksheet… as a user drives it, headless: the dialog opens on the window's case, writes the
 * Markdown worksheet where the file field says, and says in one line why it will not write a case too
 * large; File ▸ Open a built-in case and the Model tab's shrink open the mini cases.
 */
@ExtendWith(ApplicationExtension.class)
class WorksheetWindowTest {

    @TempDir
    Path dir;

    private AppContext ctx;
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        ctx = Fixtures.context();
        window = Fixtures.window(stage, ctx, 1280, 800);
        ctx.main().build(Fixtures::demo);
    }

    private MenuItem fileItem(String id) {
        return window.controller().menus().get(0).getItems().stream().filter(i -> id.equals(i.getId())).findFirst()
                .orElseThrow();
    }

    private Window openDialog(FxRobot robot) {
        robot.interact(() -> fileItem("worksheetItem").fire());
        WaitForAsyncUtils.waitForFxEvents();
        List<Window> dialogs = robot.listTargetWindows().stream().filter(w -> w != stage && w.isShowing()).toList();
        assertEquals(1, dialogs.size(), "the Worksheet dialog is open");
        return dialogs.get(0);
    }

    @Test
    void theDialogWritesTheMiniLstmAsMarkdown(FxRobot robot) throws Exception {
        robot.interact(() -> ((javafx.scene.control.Menu) fileItem("builtinMenu")).getItems().stream()
                .filter(i -> "miniLstmItem".equals(i.getId())).findFirst().orElseThrow().fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("mini-lstm", ctx.main().getSession().kase().name());
        robot.interact(() -> ctx.main().setNotation(Notation.TENSORFLOW));
        Window d = openDialog(robot);
        var root = d.getScene().getRoot();
        Label caseLabel = robot.from(root).lookup("#caseLabel").queryAs(Label.class);
        assertEquals("Case: mini-lstm (LSTM, T = 2, H = 2; 89 blanks)", caseLabel.getText());
        @SuppressWarnings("unchecked")
        ComboBox<Format> format = robot.from(root).lookup("#formatBox").queryAs(ComboBox.class);
        @SuppressWarnings("unchecked")
        ComboBox<Notation> notation = robot.from(root).lookup("#notationBox").queryAs(ComboBox.class);
        assertEquals(Notation.TENSORFLOW, notation.getValue(), "the window's notation");
        robot.interact(() -> format.setValue(Format.MD));
        Path out = dir.resolve("sheet.md");
        TextField file = robot.from(root).lookup("#fileField").queryAs(TextField.class);
        robot.interact(() -> file.setText(out.toString()));
        robot.clickOn(robot.from(root).lookup("#writeButton").queryAs(Button.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Files.exists(out), "written");
        Label status = robot.from(root).lookup("#statusLabel").queryAs(Label.class);
        assertEquals("Wrote " + out, status.getText());
        String md = Files.readString(out);
        assertTrue(md.startsWith("# mini-lstm: BPTT by hand (LSTM, T = 2, H = 2)"), md.substring(0, 80));
        assertEquals(89, md.lines().filter(l -> l.matches("^\\*\\*\\((\\d+|Σ\\d+)\\)\\*\\*$")).count(),
                "89 blanks on the sheet");
        assertTrue(md.contains("Notation: TensorFlow"), "the notation chosen");
        // the answer for E is the engine's, rounded to the dialog's 4 decimals
        String loss = Worksheet.rounded(ctx.main().getSession().trace().loss(), 4);
        assertTrue(md.contains("**(31)** $E = " + loss + "$"), "E in the key: " + loss);
    }

    @Test
    void aCaseTooLargeIsRefusedInOneLineAndWriteIsOff(FxRobot robot) throws Exception {
        Window d = openDialog(robot);
        var root = d.getScene().getRoot();
        Label status = robot.from(root).lookup("#statusLabel").queryAs(Label.class);
        assertEquals("too large for a worksheet: T ≤ 4 (this case has T = 25)", status.getText());
        assertEquals("Case: noisy-sine-rnn-demo (simple RNN, T = 25, H = 4)",
                robot.from(root).lookup("#caseLabel").queryAs(Label.class).getText());
        assertTrue(robot.from(root).lookup("#writeButton").queryAs(Button.class).isDisabled());
        robot.interact(d::hide);
        robot.interact(() -> window.controller().languageItem(Locale.JAPANESE).fire());
        WaitForAsyncUtils.waitForFxEvents();
        Window ja = openDialog(robot);
        assertEquals("ワークシートには大きすぎます: T ≤ 4 (このケースは T = 25)",
                robot.from(ja.getScene().getRoot()).lookup("#statusLabel").queryAs(Label.class).getText());
        List<Path> none;
        try (var s = Files.list(dir)) {
            none = s.toList();
        }
        assertTrue(none.isEmpty(), "nothing written");
    }

    @Test
    void theModelTabShrinksTheDemoToTheMiniCaseOfTheSelectedCell(FxRobot robot) {
        robot.interact(() -> window.controller().showTab("model"));
        WaitForAsyncUtils.waitForFxEvents();
        for (CellType cell : new CellType[] {CellType.GRU, CellType.LSTM, CellType.RNN}) {
            robot.interact(() -> ctx.model().cellProperty().set(cell));
            robot.interact(() -> window.controller().showTab("model"));
            WaitForAsyncUtils.waitForFxEvents();
            Button shrink = robot.lookup("#shrinkButton").queryAs(Button.class);
            assertNotNull(shrink);
            robot.interact(shrink::fire);
            WaitForAsyncUtils.waitForFxEvents();
            var s = ctx.main().getSession();
            assertEquals(BuiltinCases.mini(cell).substring("builtin:".length()), s.kase().name());
            assertEquals(cell, s.kase().config().cell(), "the selected cell kept");
            assertEquals(cell, ctx.model().cellProperty().get());
            assertEquals("2", ctx.model().hiddenSizeProperty().get(), "the form follows the mini case");
            assertFalse(s.trace().length() > 3);
        }
    }
}
