package org.unroll.ui.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.unroll.cli.UnrollCommand;
import org.unroll.export.ExportView;
import org.unroll.export.Format;
import org.unroll.ui.AppContext;
import org.unroll.ui.Fixtures;
import org.unroll.ui.MainWindow;
import org.unroll.ui.training.TrainingPlots;
import org.unroll.ui.training.TrainingViewModel;

/**
 * The Export dialog as a user drives it, headless: it opens on the keyboard, offers what the open
 * case has, writes what the command line writes for the same view (byte for byte), writes the walk
 * as a GIF, copies to the clipboard, and says why when it cannot write.
 */
@ExtendWith(ApplicationExtension.class)
class ExportWindowTest {

    @TempDir
    Path dir;

    private AppContext ctx;
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        ctx = Fixtures.context();
        window = Fixtures.window(stage, ctx, 1500, 950);
        ctx.main().build(Fixtures::demo);
    }

    private ExportDialog open(FxRobot robot, ExportView view) {
        ExportDialog[] d = new ExportDialog[1];
        robot.interact(() -> d[0] = window.controller().openExport(view));
        WaitForAsyncUtils.waitForFxEvents();
        return d[0];
    }

    @Test
    void theShortcutOpensTheDialogWithWhatTheDemoHas(FxRobot robot) {
        robot.press(KeyCode.CONTROL).type(KeyCode.E).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        List<Window> dialogs = robot.listTargetWindows().stream().filter(w -> w != stage).toList();
        assertFalse(dialogs.isEmpty(), "the Export dialog is open");
        ComboBox<?> views = robot.from(dialogs.get(0).getScene().getRoot()).lookup("#viewBox").queryAs(ComboBox.class);
        ExportViewModel vm = ctx.export();
        assertEquals(ExportView.GRAPH, views.getValue());
        // the demo is a simple RNN that has not been trained in the Training tab: no gates, no loss
        assertTrue(vm.views().containsAll(List.of(ExportView.GRAPH, ExportView.STATES, ExportView.PREDICTION,
                ExportView.GRADFLOW, ExportView.CASE)));
        assertFalse(vm.views().contains(ExportView.GATES));
        assertFalse(vm.views().contains(ExportView.LOSS));
        assertEquals(List.of(Format.PNG, Format.SVG, Format.PDF, Format.GIF, Format.CSV, Format.FRAMES), vm.formats());
        robot.interact(() -> vm.viewProperty().set(ExportView.STATES));
        assertEquals(List.of(Format.PNG, Format.SVG, Format.PDF, Format.CSV), vm.formats());
        ImageView preview = robot.from(dialogs.get(0).getScene().getRoot()).lookup("#previewImage")
                .queryAs(ImageView.class);
        assertNotNull(preview.getImage(), "a preview is shown");
        assertEquals(1280, (int) preview.getImage().getWidth());
    }

    @Test
    void theAppAndTheCommandLineWriteTheSameFile(FxRobot robot) throws Exception {
        robot.interact(() -> ctx.main().seek(64));
        ExportDialog d = open(robot, ExportView.GRAPH);
        ExportViewModel vm = ctx.export();
        assertEquals(65, vm.toProperty().get(), "the cursor's event, numbered as in the status bar");
        Path app = dir.resolve("app.png");
        robot.interact(() -> d.controller().exportTo(app));
        Path cli = dir.resolve("cli.png");
        assertEquals(0, UnrollCommand.execute("export", "--at", "65", "-o", cli.toString()));
        assertArrayEquals(Files.readAllBytes(cli), Files.readAllBytes(app), "same PNG, byte for byte");
        BufferedImage img = ImageIO.read(app.toFile());
        assertEquals(1280, img.getWidth());
        assertEquals(720, img.getHeight());

        robot.interact(() -> {
            vm.formatProperty().set(Format.SVG);
            vm.titleProperty().set("BPTT, step 65");
            vm.equationProperty().set(true);
        });
        Path appSvg = dir.resolve("app.svg");
        robot.interact(() -> d.controller().exportTo(appSvg));
        Path cliSvg = dir.resolve("cli.svg");
        assertEquals(0, UnrollCommand.execute("export", "--at", "65", "--title", "BPTT, step 65", "--equation", "-o",
                cliSvg.toString()));
        assertEquals(Files.readString(cliSvg), Files.readString(appSvg));
        assertTrue(Files.readString(appSvg).contains("BPTT, step 65"));
        assertTrue(ctx.main().messageProperty().get().contains("app.svg"), "the status bar says what was written");
    }

    @Test
    void theWalkBetweenTwoEventsIsAGifWithAFrameEach(FxRobot robot) throws Exception {
        robot.interact(() -> ctx.main().seek(40));
        ExportDialog d = open(robot, ExportView.GRAPH);
        ExportViewModel vm = ctx.export();
        robot.interact(() -> {
            vm.formatProperty().set(Format.GIF);
            vm.presetProperty().set(ExportViewModel.SizePreset.CUSTOM);
            vm.widthProperty().set(480);
            vm.heightProperty().set(270);
            vm.fromProperty().set(35);
            vm.toProperty().set(41);
        });
        Path gif = dir.resolve("walk.gif");
        robot.interact(() -> d.controller().exportTo(gif));
        ImageReader r = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            r.setInput(in);
            assertEquals(7, r.getNumImages(true), "events 35 to 41");
            assertEquals(480, r.read(0).getWidth());
        } finally {
            r.dispose();
        }
    }

    @Test
    void aFileThatCannotBeWrittenGivesADialogAndLeavesWhatWasThere(FxRobot robot) throws Exception {
        ExportDialog d = open(robot, ExportView.GRAPH);
        Path missing = dir.resolve("no-such-folder").resolve("x.png");
        robot.interact(() -> d.controller().exportTo(missing));
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(window.lastAlert());
        assertTrue(window.lastAlert().getContentText().contains("the folder does not exist"),
                window.lastAlert().getContentText());
        assertFalse(Files.exists(missing));
        robot.interact(() -> window.lastAlert().close());

        Path folder = Files.createDirectory(dir.resolve("taken.png"));
        Files.writeString(folder.resolve("keep.txt"), "mine");
        robot.interact(() -> d.controller().exportTo(folder));
        assertTrue(window.lastAlert().getContentText().contains("folder"), window.lastAlert().getContentText());
        assertEquals("mine", Files.readString(folder.resolve("keep.txt")));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.filter(p -> p.getFileName().toString().endsWith(".tmp")).count(),
                    "no temporary files left");
        }
    }

    @Test
    void copyPutsTheFigureOnTheClipboard(FxRobot robot) {
        open(robot, ExportView.GRAPH);
        robot.interact(() -> window.controller().copyImage());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Copied a 1280 × 720 image to the clipboard", ctx.export().statusProperty().get());
        boolean[] has = new boolean[1];
        robot.interact(() -> has[0] = javafx.scene.input.Clipboard.getSystemClipboard().hasImage());
        assertTrue(has[0], "the clipboard holds an image");
    }

    @Test
    void theComparisonsPlotsExportAfterARun(FxRobot robot) throws Exception {
        ExportViewModel vm = ctx.export();
        ExportDialog first = open(robot, ExportView.GRAPH);
        assertFalse(vm.views().contains(ExportView.COMPARE_LOSS), "no comparison has run");
        robot.interact(() -> first.stage().close());
        Fixtures.runSmallComparison(robot, ctx, window);
        ExportDialog d = open(robot, ExportView.COMPARE_GRADIENT);
        assertEquals(ExportView.COMPARE_GRADIENT, vm.viewProperty().get());
        robot.interact(() -> vm.formatProperty().set(Format.CSV));
        Path csv = dir.resolve("gradient.csv");
        robot.interact(() -> d.controller().exportTo(csv));
        List<String> lines = Files.readAllLines(csv);
        assertEquals("series,x,y", lines.get(0));
        // two networks, 20 steps each
        assertEquals(1 + 2 * 20, lines.size());
        robot.interact(() -> vm.formatProperty().set(Format.PDF));
        Path pdf = dir.resolve("gradient.pdf");
        robot.interact(() -> d.controller().exportTo(pdf));
        assertTrue(Files.readString(pdf, java.nio.charset.StandardCharsets.ISO_8859_1).startsWith("%PDF"));
    }

    @Test
    void everyPlotHasExportAndCopyInItsMenu(FxRobot robot) {
        TrainingPlots plots = window.controller().training().plots();
        for (String name : org.unroll.charts.Plots.TRAINING) {
            List<String> items = plots.viewer(name).getContextMenu().getItems().stream()
                    .map(javafx.scene.control.MenuItem::getText).toList();
            assertEquals(List.of("Export this plot…", "Copy as image"), items, name);
        }
        var compare = window.controller().compare();
        assertNotNull(compare);
    }

    @Test
    void afterTrainingInTheAppThePlotsAndGraphExportAsTheCommandLineTrainsThem(FxRobot robot) throws Exception {
        TrainingViewModel t = ctx.training();
        t.cellProperty().set(org.unroll.engine.CellType.LSTM);
        t.hiddenProperty().set(3);
        t.epochsProperty().set(4);
        robot.interact(() -> window.controller().showTab(1));
        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(org.unroll.session.TrainingRun.State.DONE, t.stateProperty().get());
        assertEquals(-1, t.markedStepProperty().get(), "no step marked: the command line passes no --at");
        ExportDialog d = open(robot, ExportView.GATES);
        ExportViewModel vm = ctx.export();
        assertEquals(ExportView.GATES, vm.viewProperty().get());
        Path app = dir.resolve("gates-app.png");
        robot.interact(() -> d.controller().exportTo(app));
        Path cli = dir.resolve("gates-cli.png");
        assertEquals(0, UnrollCommand.execute("export", "--view", "gates", "--train-epochs", "4", "--cell", "lstm",
                "--hidden", "3", "-o", cli.toString()));
        assertArrayEquals(Files.readAllBytes(cli), Files.readAllBytes(app), "the gate plot, byte for byte");

        // the stepper now shows the trained network on the same sequence: the graph agrees too
        int last = ctx.main().getSession().schedule().size();
        robot.interact(() -> {
            vm.viewProperty().set(ExportView.GRAPH);
            vm.toProperty().set(last);
        });
        Path graphApp = dir.resolve("graph-app.png");
        robot.interact(() -> d.controller().exportTo(graphApp));
        Path graphCli = dir.resolve("graph-cli.png");
        assertEquals(0, UnrollCommand.execute("export", "--train-epochs", "4", "--cell", "lstm", "--hidden", "3",
                "-o", graphCli.toString()));
        assertArrayEquals(Files.readAllBytes(graphCli), Files.readAllBytes(graphApp), "the graph, byte for byte");
    }
}
