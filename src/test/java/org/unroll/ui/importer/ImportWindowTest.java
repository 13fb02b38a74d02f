package org.unroll.ui.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Assumptions;
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
import org.unroll.interop.KerasWriter;
import org.unroll.ui.AppContext;
import org.unroll.ui.Fixtures;
import org.unroll.ui.MainWindow;

/**
 * File ▸ Import… as a user drives it, headless: a Keras file written here (so that it runs
 * everywhere) and, when {@code ../shared/models/keras} is there, a real stacked one refused with its
 * one sentence, then imported one layer at a time.
 */
@ExtendWith(ApplicationExtension.class)
class ImportWindowTest {

    @TempDir
    Path dir;

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

    private ImportDialog open(FxRobot robot, Path file) {
        ImportDialog[] d = new ImportDialog[1];
        robot.interact(() -> d[0] = window.controller().openImport(file));
        WaitForAsyncUtils.waitForFxEvents();
        return d[0];
    }

    @Test
    void showsTheMappingAndOpensTheNetworkAsTheCurrentCase(FxRobot robot) throws Exception {
        Case gru = CaseFile.read(Fixtures.CASES.resolve("gru-reset-after-xent-softmax-many-to-one.json"));
        Path file = dir.resolve("gru.h5");
        KerasWriter.write(gru.config(), gru.weights(), file);
        ImportDialog d = open(robot, file);
        var root = d.stage().getScene().getRoot();
        @SuppressWarnings("unchecked")
        ListView<String> mapping = robot.from(root).lookup("#mappingList").queryAs(ListView.class);
        assertTrue(mapping.getItems().contains("bh_a ← gru/bias[1, 8:12] (recurrent bias of block h, inside r ⊙ (…))"),
                mapping.getItems().toString());
        assertTrue(mapping.getItems().contains("Wx_z ← gru/kernel[:, 0:4]ᵀ (block z)"), mapping.getItems().toString());
        List<String> summary = ctx.importer().summary();
        assertEquals("Keras 2.15.0 · HDF5 (model.save) · gru.h5", summary.get(0));
        assertEquals("GRU (reset after) · inputs I = 2, hidden H = 4, outputs O = 3", summary.get(1));
        assertEquals("activation tanh · gates sigmoid · output softmax", summary.get(2));
        assertFalse(robot.from(root).lookup("#refusalLabel").queryAs(Label.class).isVisible());

        Button openButton = robot.from(root).lookup("#openButton").queryAs(Button.class);
        assertFalse(openButton.isDisabled());
        robot.interact(openButton::fire);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(d.stage().isShowing());
        Case shown = ctx.main().getSession().kase();
        assertEquals(gru.config(), shown.config());
        assertEquals(10, shown.sequence().length(), "zeros of T = 10 steps by default");
        assertEquals("gru", shown.name());
    }

    @Test
    void theSequenceCanBeTypedOrDrawnFromTheBooksAddingProblem(FxRobot robot) throws Exception {
        Case lstm = CaseFile.read(Fixtures.CASES.resolve("lstm-many-to-many.json"));
        Path file = dir.resolve("lstm.h5");
        KerasWriter.write(lstm.config(), lstm.weights(), file);
        ImportDialog d = open(robot, file);
        var root = d.stage().getScene().getRoot();
        javafx.scene.control.RadioButton task = robot.from(root).lookup("#taskRadio")
                .queryAs(javafx.scene.control.RadioButton.class);
        assertFalse(task.isDisabled(), "I = 2, O = 1: the adding problem fits");
        javafx.scene.control.TextArea typed = robot.from(root).lookup("#typedArea")
                .queryAs(javafx.scene.control.TextArea.class);
        robot.interact(() -> typed.setText("0.5 1 0.7\n0.25 0 0.1\n1 1"));
        assertTrue(robot.from(root).lookup("#typedRadio").queryAs(javafx.scene.control.RadioButton.class).isSelected());
        robot.interact(robot.from(root).lookup("#openButton").queryAs(Button.class)::fire);
        WaitForAsyncUtils.waitForFxEvents();
        Case shown = ctx.main().getSession().kase();
        assertEquals(3, shown.sequence().length());
        assertArrayEquals(new double[] {0.25, 0}, shown.sequence().inputs()[1]);
        assertArrayEquals(new double[] {0.1}, shown.sequence().targets()[1]);

        ImportDialog again = open(robot, file);
        var root2 = again.stage().getScene().getRoot();
        robot.interact(() -> robot.from(root2).lookup("#taskRadio").queryAs(javafx.scene.control.RadioButton.class)
                .setSelected(true));
        robot.interact(robot.from(root2).lookup("#openButton").queryAs(Button.class)::fire);
        WaitForAsyncUtils.waitForFxEvents();
        Case adding = ctx.main().getSession().kase();
        assertArrayEquals(org.unroll.engine.Datasets.addingProblem(10, 2, 1).train()[0].inputs(),
                adding.sequence().inputs(), "one adding-problem sequence of T = 10 (the spinner's default)");
    }

    @Test
    void theSequencesChoicesKeepTheirWholeLabelsInJapaneseAt1280(FxRobot robot) throws Exception {
        Case lstm = CaseFile.read(Fixtures.CASES.resolve("lstm-many-to-many.json"));
        Path file = dir.resolve("lstm.h5");
        KerasWriter.write(lstm.config(), lstm.weights(), file);
        robot.interact(() -> ctx.main().setLanguage(java.util.Locale.JAPANESE));
        ImportDialog d = open(robot, file);
        var root = d.stage().getScene().getRoot();
        for (String id : List.of("#zerosRadio", "#csvRadio", "#currentRadio", "#taskRadio", "#typedRadio")) {
            javafx.scene.control.RadioButton r = robot.from(root).lookup(id).queryAs(javafx.scene.control.RadioButton.class);
            // the typed sequence's text area gives way, not the labels ("本の課..." before)
            assertTrue(r.getWidth() >= r.prefWidth(-1) - 0.5, id + " " + r.getText() + ": " + r.getWidth()
                    + " of " + r.prefWidth(-1));
        }
        robot.interact(() -> ctx.main().setLanguage(java.util.Locale.ENGLISH));
    }

    @Test
    void aRefusalShowsItsSentenceAndTheLayerOfAStackedModelImports(FxRobot robot) {
        Path stacked = Path.of("..", "shared", "models", "keras", "keras231-gru-resetbefore-stacked4-H50-I1.h5");
        Assumptions.assumeTrue(Files.isRegularFile(stacked), "../shared/models/keras is absent");
        ImportDialog d = open(robot, stacked);
        var root = d.stage().getScene().getRoot();
        Label refusal = robot.from(root).lookup("#refusalLabel").queryAs(Label.class);
        assertTrue(refusal.isVisible());
        assertEquals("4 stacked recurrent layers (gru_1, gru_2, gru_3, gru_4): a case holds one; import one with"
                + " --layer N (0 to 3)", refusal.getText());
        assertTrue(robot.from(root).lookup("#openButton").queryAs(Button.class).isDisabled());
        CheckBox layer = robot.from(root).lookup("#layerCheck").queryAs(CheckBox.class);
        robot.interact(() -> layer.setSelected(true));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(refusal.isVisible());
        assertEquals(CellType.GRU, ctx.importer().foundProperty().get().config().cell());
        assertEquals(50, ctx.importer().foundProperty().get().config().outputSize(), "layer 0: y = h");
        assertTrue(ctx.importer().notes().stream().anyMatch(n -> n.startsWith("no Dense layer is imported")));
    }
}
