package org.unroll.ui.deck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.unroll.deck.Deck;
import org.unroll.deck.DeckFile;
import org.unroll.graph.Notation;
import org.unroll.ui.AppContext;
import org.unroll.ui.Fixtures;
import org.unroll.ui.MainWindow;
import org.unroll.ui.graph.GraphView;

/**
 * Decks in the window, headless: the chapter 5 deck from its first scene to its last by PageDown
 * in English and in Japanese, a scene saved and opened again gives the same pixels of the graph
 * canvas, and the presenter view shows the notes and drives the deck.
 */
@ExtendWith(ApplicationExtension.class)
class DeckWindowTest {

    private AppContext ctx;
    private MainWindow window;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        ctx = Fixtures.context();
        window = Fixtures.window(stage, ctx, 1280, 720);
    }

    private DeckViewModel deck() {
        return ctx.deck();
    }

    private String statusBar(FxRobot robot) {
        return robot.lookup("#deckLabel").queryAs(Label.class).getText();
    }

    private void stepThrough(FxRobot robot, Locale locale, String sceneWord) throws Exception {
        robot.interact(() -> ctx.main().setLanguage(locale));
        robot.interact(() -> deck().openBuiltin());
        WaitForAsyncUtils.waitForFxEvents();
        Deck d = DeckFile.read(DeckFile.BUILTIN_CHAPTER5);
        assertEquals(0, deck().index());
        assertTrue(statusBar(robot).startsWith(sceneWord + " 1/12 · " + d.scene(0).title().in(locale)), statusBar(robot));
        int presses = 0;
        int lastScene = 0;
        while (!(deck().index() == 11 && deck().current().stopAfter(ctx.main().getCursor().position()) == Integer.MIN_VALUE)) {
            if (presses < 5) {
                robot.type(KeyCode.PAGE_DOWN);
            } else {
                // the same key event, delivered to the window's scene without the robot's pauses
                robot.interact(() -> javafx.event.Event.fireEvent(window.scene(), new javafx.scene.input.KeyEvent(
                        javafx.scene.input.KeyEvent.KEY_PRESSED, "", "", KeyCode.PAGE_DOWN, false, false, false, false)));
            }
            WaitForAsyncUtils.waitForFxEvents();
            presses++;
            int i = deck().index();
            assertTrue(i == lastScene || i == lastScene + 1, "scene " + lastScene + " → " + i);
            if (i != lastScene) {
                // a new scene opens at its moment and says so in the status bar
                assertEquals(deck().current().start(), ctx.main().getCursor().position());
                assertTrue(statusBar(robot).startsWith(sceneWord + " " + (i + 1) + "/12 · "
                        + d.scene(i).title().in(locale)), statusBar(robot));
                lastScene = i;
            }
            assertTrue(presses < 400, "the deck ends");
        }
        assertEquals(11, deck().index());
        assertEquals(d.scene(11).notes().in(locale), deck().notesProperty().get());
        assertTrue(presses > 100, presses + " presses: the walks stop inside the scenes");
        robot.type(KeyCode.PAGE_DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(11, deck().index(), "PageDown at the end stays");
        assertEquals(ctx.main().text("deck.atEnd"), ctx.main().messageProperty().get());
        // back: PageUp goes to scene 11's last stop
        robot.type(KeyCode.PAGE_UP);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(10, deck().index());
        assertEquals(deck().current().last(), ctx.main().getCursor().position());
        assertFalse(window.lastAlert() != null && window.lastAlert().isShowing(), "no problem dialog");
    }

    @Test
    void theChapter5DeckStepsFromItsFirstSceneToItsLastInEnglish(FxRobot robot) throws Exception {
        stepThrough(robot, Locale.ENGLISH, "Scene");
    }

    @Test
    void theChapter5DeckStepsFromItsFirstSceneToItsLastInJapanese(FxRobot robot) throws Exception {
        stepThrough(robot, Locale.JAPANESE, "シーン");
        assertTrue(deck().notesProperty().get().contains("リセットゲート"), deck().notesProperty().get());
    }

    private int[] canvasPixels(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        int[][] out = new int[1][];
        robot.interact(() -> {
            GraphView g = window.controller().graph().view();
            // the picture the graph shows (painted off the JavaFX thread into an image, ADR 0013)
            javafx.scene.image.Image img = g.picture();
            PixelReader r = img.getPixelReader();
            int w = (int) img.getWidth();
            int h = (int) img.getHeight();
            int[] px = new int[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    px[y * w + x] = r.getArgb(x, y);
                }
            }
            out[0] = px;
        });
        return out[0];
    }

    @Test
    void aSceneSavedAndOpenedAgainGivesTheSamePicture(FxRobot robot) throws Exception {
        robot.interact(() -> ctx.main().build(Fixtures::demo));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            ctx.main().seek(140);
            window.controller().graph().zoomBy(1.6);
            ctx.main().setNotation(Notation.KERAS);
            ctx.main().select(ctx.main().getSession().graph().parameters().get(1));
        });
        int[] before = canvasPixels(robot);
        Path file = dir.resolve("moment.json");
        robot.interact(() -> window.controller().saveSceneTo(file));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Files.size(file) > 1000);
        String json = Files.readString(file);
        assertTrue(json.contains("\"format\" : \"unroll-scene\""), json.substring(0, 200));
        assertTrue(json.contains("\"notation\" : \"keras\""));
        assertTrue(json.contains("\"selected\" : \"Wh\""));

        // somewhere else entirely
        robot.interact(() -> {
            ctx.main().seek(3);
            ctx.main().setNotation(Notation.BOOK);
            window.controller().graph().zoomToFit();
        });
        assertFalse(java.util.Arrays.equals(before, canvasPixels(robot)), "the picture changed");

        robot.interact(() -> deck().open(file));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(140, ctx.main().getCursor().position());
        assertEquals(Notation.KERAS, ctx.main().getNotation());
        assertEquals("Wh", ctx.main().selectedProperty().get().key());
        assertArrayEquals(before, canvasPixels(robot), "the same pixels of the graph canvas");
    }

    @Test
    void thePresenterViewShowsTheNotesTheNextStopAndTheEquationAndItsKeysDriveTheDeck(FxRobot robot) throws Exception {
        robot.interact(() -> deck().openBuiltin());
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> window.togglePresenter());
        WaitForAsyncUtils.waitForFxEvents();
        PresenterWindow p = window.presenter();
        assertNotNull(p);
        assertTrue(p.stage().isShowing());
        Deck d = DeckFile.read(DeckFile.BUILTIN_CHAPTER5);
        assertEquals(d.scene(0).notes().en(), p.controller().notesText());
        assertTrue(p.controller().nextText().startsWith("Next: event "), p.controller().nextText());
        assertTrue(p.controller().elapsedText().matches("\\d+:\\d\\d"), p.controller().elapsedText());
        robot.interact(() -> p.stage().requestFocus());
        robot.targetWindow(p.stage());
        robot.type(KeyCode.PAGE_DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        // the first stop of scene 1 is h(1)
        assertEquals("h", ctx.main().getCursor().current().orElseThrow().node().key());
        assertNotNull(p.controller().equationImage(), "the equation is typeset");
        robot.interact(() -> ctx.main().setLanguage(Locale.JAPANESE));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(d.scene(0).notes().ja(), p.controller().notesText());
        assertNotEquals("", p.controller().nextText());
        robot.interact(() -> p.stage().hide());
    }
}
