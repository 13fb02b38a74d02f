package org.unroll.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
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
import org.unroll.engine.CellType;
import org.unroll.engine.LossKind;
import org.unroll.session.TrainingRun;
import org.unroll.ui.model.ModelPanelViewModel;
import org.unroll.ui.training.TrainingViewModel;
import org.unroll.view.Messages;

/**
 * The defects a presenter met (issue 10), each as the presenter met it, in the window: View ▸ 日本語
 * left texts in English; Ctrl + did not zoom; "time left" stayed after Stop; the Model tab showed the
 * values of the case before; Build left the side panel on Model; an invalid JSON file's dialog
 * carried Jackson's internals.
 */
@ExtendWith(ApplicationExtension.class)
class PresenterDefectsTest {

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

    // ---------------------------------------------------------------- language

    /**
     * Every English text that has a different Japanese one, found on screen after switching to
     * Japanese: an exact bundle value, or the fixed start of a formatted one ("Epoch {0}/…").
     */
    private static List<String> englishLeftOn(Parent root) {
        ResourceBundle en = Messages.bundle(Locale.ENGLISH);
        ResourceBundle ja = Messages.bundle(Locale.JAPANESE);
        Map<String, String> exact = new LinkedHashMap<>();
        Map<String, String> prefixes = new LinkedHashMap<>();
        for (String key : en.keySet()) {
            String e = en.getString(key);
            String j = ja.getString(key);
            if (e.equals(j) || e.isBlank()) {
                continue;
            }
            int brace = e.indexOf('{');
            if (brace < 0) {
                exact.put(e, key);
            } else if (brace >= 4 && !e.substring(0, brace).equals(j.substring(0, Math.min(brace, j.length())))) {
                prefixes.put(e.substring(0, brace), key);
            }
        }
        List<String> texts = new ArrayList<>();
        collect(root, texts);
        List<String> left = new ArrayList<>();
        for (String t : texts) {
            if (exact.containsKey(t)) {
                left.add(exact.get(t) + " = \"" + t + "\"");
            }
            for (Map.Entry<String, String> p : prefixes.entrySet()) {
                if (t.startsWith(p.getKey())) {
                    left.add(p.getValue() + " = \"" + t + "\"");
                }
            }
        }
        return left;
    }

    private static void collect(javafx.scene.Node n, List<String> texts) {
        if (n instanceof Labeled l && l.getText() != null) {
            texts.add(l.getText());
        } else if (n instanceof Text t && t.getText() != null) {
            texts.add(t.getText());
        }
        if (n instanceof TabPane tp) {
            for (Tab tab : tp.getTabs()) {
                texts.add(tab.getText());
                if (tab.getContent() != null) {
                    collect(tab.getContent(), texts);
                }
            }
        }
        if (n instanceof Parent p) {
            for (javafx.scene.Node c : p.getChildrenUnmodifiable()) {
                collect(c, texts);
            }
        }
    }

    @Test
    void japaneseLeavesNoEnglishTextOnScreen(FxRobot robot) {
        // every place that shows a status: the status bar (Ready), the training line (idle, then a run),
        // the comparison's line
        TrainingViewModel t = ctx.training();
        t.hiddenProperty().set(3);
        t.epochsProperty().set(3);
        t.setSnapshotsPerSecond(1_000_000);
        robot.interact(() -> window.controller().showTab(1));
        Parent before = window.scene().getRoot();
        List<String> englishIdle = new ArrayList<>();
        collect(before, englishIdle);
        assertTrue(englishIdle.contains("Set up a run and press Start."), "the idle hint is shown: " + englishIdle);
        assertTrue(englishIdle.contains("Ready"), "the status bar says Ready");
        robot.interact(() -> window.controller().languageItem(Locale.JAPANESE).fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(), englishLeftOn(window.scene().getRoot()), "idle, in Japanese");

        robot.interact(() -> vm().setLanguage(Locale.ENGLISH));
        robot.interact(() -> window.controller().showTab(1));
        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(TrainingRun.State.DONE, t.stateProperty().get());
        Fixtures.runSmallComparison(robot, ctx, window);
        assertEquals(TrainingRun.State.DONE, t.stateProperty().get());
        List<String> english = new ArrayList<>();
        collect(window.scene().getRoot(), english);
        assertTrue(english.stream().anyMatch(s -> s.startsWith("Epoch 3/3")), english.toString());
        robot.interact(() -> window.controller().languageItem(Locale.JAPANESE).fire());
        WaitForAsyncUtils.waitForFxEvents();
        for (int tab = 0; tab < 3; tab++) {
            int k = tab;
            robot.interact(() -> window.controller().showTab(k));
            assertEquals(List.of(), englishLeftOn(window.scene().getRoot()), "tab " + tab + " in Japanese");
        }
        assertEquals(ctx.main().text("status.ready"), robot.lookup("#messageLabel").queryAs(Label.class).getText());
        assertEquals("準備完了", robot.lookup("#messageLabel").queryAs(Label.class).getText());
        robot.interact(() -> vm().setLanguage(Locale.ENGLISH));
        assertEquals("Ready", robot.lookup("#messageLabel").queryAs(Label.class).getText(), "and back");
    }

    @Test
    void anExportsStatusLineFollowsTheLanguage(FxRobot robot, @TempDir Path dir) {
        Path out = dir.resolve("graph.svg");
        robot.interact(() -> {
            ctx.export().prepare(org.unroll.export.ExportView.GRAPH, null, 900, 500);
            ctx.export().formatProperty().set(org.unroll.export.Format.SVG);
            ctx.export().export(out, null);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Files.exists(out));
        Label status = robot.lookup("#messageLabel").queryAs(Label.class);
        assertEquals(Messages.format(Messages.bundle(Locale.ENGLISH), "export.wrote", out), status.getText());
        robot.interact(() -> vm().setLanguage(Locale.JAPANESE));
        status = robot.lookup("#messageLabel").queryAs(Label.class);
        assertEquals(Messages.format(Messages.bundle(Locale.JAPANESE), "export.wrote", out), status.getText());
        assertEquals(List.of(), englishLeftOn(window.scene().getRoot()));
    }

    // ---------------------------------------------------------------- zoom keys

    private double zoom() {
        return window.controller().graph().view().zoom();
    }

    private void chord(FxRobot robot, KeyCode... keys) {
        robot.press(keys);
        robot.release(keys);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void ctrlPlusZoomsWhateverKeyTypesThePlus(FxRobot robot) {
        robot.interact(() -> window.controller().zoomToFit());
        double fit = zoom();
        double z = fit;
        // US keyboard: Ctrl+Shift+= ; the '=' key alone; a '+' key; the keypad's + and −; '-'
        Object[][] presses = {
            {1.25, new KeyCode[] {KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.EQUALS}},
            {1 / 1.25, new KeyCode[] {KeyCode.CONTROL, KeyCode.MINUS}},
            {1.25, new KeyCode[] {KeyCode.CONTROL, KeyCode.EQUALS}},
            {1 / 1.25, new KeyCode[] {KeyCode.CONTROL, KeyCode.SUBTRACT}},
            {1.25, new KeyCode[] {KeyCode.CONTROL, KeyCode.ADD}},
            {1.25, new KeyCode[] {KeyCode.CONTROL, KeyCode.PLUS}},
        };
        for (Object[] p : presses) {
            KeyCode[] keys = (KeyCode[]) p[1];
            chord(robot, keys);
            z *= (double) p[0];
            assertEquals(z, zoom(), 1e-9 * z, "after " + java.util.Arrays.toString(keys) + ": zoomed once by " + p[0]);
        }
        chord(robot, KeyCode.CONTROL, KeyCode.DIGIT0);
        assertEquals(fit, zoom(), 1e-9 * fit, "Ctrl+0 fits again");
    }

    // ---------------------------------------------------------------- training: no time left after Stop

    /** Starts a small run from the Training tab and does {@code then} when epoch 3 arrives. */
    private TrainingViewModel trainUntilEpoch3(FxRobot robot, Runnable then) {
        TrainingViewModel t = ctx.training();
        t.hiddenProperty().set(3);
        t.epochsProperty().set(50);
        t.setSnapshotsPerSecond(1_000_000);
        t.plotsProperty().addListener((o, a, p) -> {
            if (p != null && p.snapshot().epoch() == 3) {
                then.run();
            }
        });
        robot.interact(() -> window.controller().showTab(1));
        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitForFxEvents();
        return t;
    }

    @Test
    void afterStopTheProgressSaysHowLongItTrainedNotTheTimeLeft(FxRobot robot) {
        TrainingViewModel t = trainUntilEpoch3(robot, ctx.training()::stop);
        assertEquals(TrainingRun.State.STOPPED, t.stateProperty().get());
        String shown = robot.lookup("#progressLabel").queryAs(Label.class).getText();
        assertFalse(shown.contains("time left"), shown);
        assertTrue(shown.contains("trained for"), shown);
        assertTrue(shown.startsWith("Epoch 3/50") || shown.startsWith("Epoch 4/50"), shown);
    }

    @Test
    void whilePausedTheTimeLeftStays(FxRobot robot) {
        TrainingViewModel t = trainUntilEpoch3(robot, ctx.training()::pause);
        assertEquals(TrainingRun.State.PAUSED, t.stateProperty().get());
        assertTrue(robot.lookup("#progressLabel").queryAs(Label.class).getText().contains("time left"));
        robot.interact(t::stop);
    }

    // ---------------------------------------------------------------- the Model tab follows the case

    private String field(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(TextField.class).getText();
    }

    @Test
    void theModelTabShowsTheOpenedCaseNotTheOneBefore(FxRobot robot) throws Exception {
        robot.clickOn("#modelTab");
        ModelPanelViewModel m = ctx.model();
        Case demo = vm().getSession().kase();
        assertEquals(Integer.toString(demo.config().hiddenSize()), field(robot, "#hiddenSizeField"), "the demo's H");
        assertEquals(Integer.toString(demo.sequence().length()), field(robot, "#stepsField"), "the demo's T");

        Path file = Fixtures.CASES.resolve("lstm-saturated-gates.json");
        Case c = CaseFile.read(file);
        robot.interact(() -> vm().open(file));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(CellType.LSTM, m.cellProperty().get());
        assertEquals(ModelPanelViewModel.Task.ADDING, m.taskProperty().get(), "I = 2, O = 1: the adding problem");
        assertEquals("2", field(robot, "#inputSizeField"));
        assertEquals(Integer.toString(c.config().hiddenSize()), field(robot, "#hiddenSizeField"));
        assertEquals("1", field(robot, "#outputSizeField"));
        assertEquals(Integer.toString(c.sequence().length()), field(robot, "#stepsField"));
        assertEquals(c.loss(), m.lossProperty().get());
        assertEquals("", field(robot, "#truncateField"));
        assertNull(m.unmatchedProperty().get());
        assertFalse(robot.lookup("#unmatchedLabel").queryAs(Label.class).isVisible());

        Path truncated = Fixtures.CASES.resolve("rnn-tanh-truncated-k2.json");
        robot.interact(() -> vm().open(truncated));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(CellType.RNN, m.cellProperty().get());
        assertEquals("2", field(robot, "#truncateField"), "its k");

        // sizes no input sequence of the form has: the form says so instead of showing stale sizes
        Path softmax = Fixtures.CASES.resolve("rnn-tanh-xent-softmax.json");
        Case s = CaseFile.read(softmax);
        robot.interact(() -> vm().open(softmax));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(LossKind.XENT, m.lossProperty().get());
        assertEquals(s.config().outputActivation(), m.outputActivationProperty().get());
        assertEquals(Integer.toString(s.config().hiddenSize()), field(robot, "#hiddenSizeField"));
        assertEquals(s.config(), m.unmatchedProperty().get());
        Label note = robot.lookup("#unmatchedLabel").queryAs(Label.class);
        assertTrue(note.isVisible());
        assertTrue(note.getText().contains("I = " + s.config().inputSize() + ", O = " + s.config().outputSize()),
                note.getText());
    }

    @Test
    void afterBuildTheSidePanelShowsTheInspector(FxRobot robot) {
        robot.clickOn("#modelTab");
        TabPane side = robot.lookup("#sideTabs").queryAs(TabPane.class);
        assertEquals(1, side.getSelectionModel().getSelectedIndex());
        // a form that makes no network: the dialog, and the form stays in view to be corrected
        robot.interact(() -> ctx.model().hiddenSizeProperty().set("0"));
        robot.clickOn("#buildButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(window.lastAlert());
        robot.interact(() -> window.lastAlert().close());
        assertEquals(1, side.getSelectionModel().getSelectedIndex(), "still on Model after a failed Build");

        robot.interact(() -> {
            ctx.model().hiddenSizeProperty().set("5");
            ctx.model().stepsProperty().set("9");
        });
        robot.clickOn("#buildButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(5, vm().getSession().kase().config().hiddenSize());
        assertEquals(0, side.getSelectionModel().getSelectedIndex(), "the inspector, beside the new graph");
        assertEquals("inspectorTab", side.getSelectionModel().getSelectedItem().getId());
    }

    // ---------------------------------------------------------------- an invalid JSON file

    @Test
    void anInvalidJsonFileGetsOneLineWithoutJacksonsInternals(FxRobot robot, @TempDir Path dir) throws Exception {
        String json = Files.readString(Fixtures.CASES.resolve("lstm-many-to-many.json"));
        Path cut = dir.resolve("cut.json");
        Files.writeString(cut, json.substring(0, json.length() / 2));
        robot.interact(() -> vm().open(cut));
        WaitForAsyncUtils.waitForFxEvents();
        String text = robot.lookup("#problemDialog").queryAs(javafx.scene.control.DialogPane.class).getContentText();
        assertFalse(text.contains("Source"), text);
        assertFalse(text.contains("REDACTED"), text);
        assertFalse(text.contains("\n"), "one line: " + text);
        assertTrue(text.contains("line ") && text.contains("column "), text);
        assertTrue(text.contains("the file ends before"), text);
        robot.interact(() -> window.lastAlert().close());
    }
}
