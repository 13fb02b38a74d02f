package org.unroll.ui.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.unroll.ui.AppContext;
import org.unroll.ui.Fixtures;
import org.unroll.ui.MainWindow;

/**
 * The graph's picture in tiles (ADR 0034), headless: a step replaces only the tiles whose pixels
 * changed, so only they are dirty for the render thread, and the tiles then show exactly the
 * picture a whole paint gives.
 */
@ExtendWith(ApplicationExtension.class)
class GraphTilesWindowTest {

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

    @Test
    void aStepReplacesOnlyTheChangedTilesAndTheTilesShowTheWholePicture(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        int[] before = new int[2];
        robot.interact(() -> System.arraycopy(graph().tiles(), 0, before, 0, 2));
        assertTrue(before[0] > 1, "the picture is shown in tiles: " + before[0]);
        int[][] previous = new int[1][];
        robot.interact(() -> previous[0] = argb(graph().picture()));
        int w = previous[0].length / (int) Math.round(graph().picture().getHeight());
        int fewer = 0;
        for (int i = 0; i < 8; i++) {
            robot.interact(() -> ctx.main().next());
            WaitForAsyncUtils.waitForFxEvents();
            int[] t = new int[2];
            int[][] shown = new int[1][];
            int[][] whole = new int[1][];
            robot.interact(() -> {
                System.arraycopy(graph().tiles(), 0, t, 0, 2);
                shown[0] = argb(graph().picture());
                Image img = graph().picture();
                BufferedImage b = new BufferedImage((int) img.getWidth(), (int) img.getHeight(), BufferedImage.TYPE_INT_ARGB_PRE);
                java.awt.Graphics2D g = b.createGraphics();
                graph().paintTo(g);
                g.dispose();
                BufferedImage argb = new BufferedImage(b.getWidth(), b.getHeight(), BufferedImage.TYPE_INT_ARGB);
                argb.getGraphics().drawImage(b, 0, 0, null);
                whole[0] = ((DataBufferInt) argb.getRaster().getDataBuffer()).getData();
            });
            assertEquals(before[0], t[0], "the same grid");
            assertArrayEquals(whole[0], shown[0], "step " + i + ": the tiles show the picture a whole paint gives");
            assertEquals(differing(previous[0], shown[0], w, 128), t[1],
                    "step " + i + ": the tiles replaced are those whose pixels changed");
            fewer += t[1] < t[0] ? 1 : 0;
            previous[0] = shown[0];
        }
        assertTrue(fewer > 0, "some steps replace fewer tiles than all");
    }

    @Test
    void theOverviewStripIsReplacedOnlyWhenItsPixelsChange(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        long[] n = new long[3];
        robot.interact(() -> n[0] = graph().overviewReplaced());
        // another notation: the graph's labels change, the overview strip does not
        robot.interact(() -> graph().setNotation(org.unroll.graph.Notation.values()[1]));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> n[1] = graph().overviewReplaced());
        assertEquals(n[0], n[1], "a picture whose overview strip has the same pixels keeps the strip shown");
        // a step moves the strip's cursor: replaced
        robot.interact(() -> ctx.main().next());
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> n[2] = graph().overviewReplaced());
        assertTrue(n[2] > n[1], "a step replaces the overview strip");
    }

    @Test
    void onlyTheTilesWithAChangedPixelAreFound() {
        BufferedImage a = new BufferedImage(300, 200, BufferedImage.TYPE_INT_ARGB_PRE);
        BufferedImage b = new BufferedImage(300, 200, BufferedImage.TYPE_INT_ARGB_PRE);
        b.setRGB(130, 5, 0xff102030); // tile (1, 0)
        b.setRGB(299, 199, 0xff102030); // the last tile, cut short (2, 1)
        boolean[] changed = PictureTiles.changed(a, b, 128);
        assertNotNull(changed);
        assertArrayEquals(new boolean[] {false, true, false, false, false, true}, changed);
        assertNull(PictureTiles.changed(a, new BufferedImage(301, 200, BufferedImage.TYPE_INT_ARGB_PRE), 128),
                "pictures of two sizes: all tiles");
    }

    @Test
    void aPictureAfterAnotherThanItsBaseReplacesEveryTile(FxRobot robot) {
        BufferedImage a = new BufferedImage(300, 200, BufferedImage.TYPE_INT_ARGB_PRE);
        BufferedImage b = new BufferedImage(300, 200, BufferedImage.TYPE_INT_ARGB_PRE);
        BufferedImage c = new BufferedImage(300, 200, BufferedImage.TYPE_INT_ARGB_PRE);
        b.setRGB(10, 10, 0xffff0000);
        c.setRGB(290, 190, 0xff00ff00);
        int[] replaced = new int[3];
        int[][] shown = new int[1][];
        robot.interact(() -> {
            PictureTiles t = new PictureTiles(128);
            t.show(a, null, null, 1, 0, 0);
            replaced[0] = t.lastReplaced();
            t.show(b, a, PictureTiles.changed(a, b, 128), 1, 0, 0);
            replaced[1] = t.lastReplaced();
            // c was compared with b, but a picture other than b is shown: every tile
            t.show(a, null, null, 1, 0, 0);
            t.show(c, b, PictureTiles.changed(b, c, 128), 1, 0, 0);
            replaced[2] = t.lastReplaced();
            shown[0] = argb(t.snapshot());
        });
        assertEquals(6, replaced[0]);
        assertEquals(1, replaced[1]);
        assertEquals(6, replaced[2]);
        assertEquals(0xff00ff00, shown[0][190 * 300 + 290]);
        assertEquals(0, shown[0][10 * 300 + 10]);
    }

    /** How many tiles of this size differ between two pictures of width w. */
    private static int differing(int[] a, int[] b, int w, int tile) {
        int h = a.length / w;
        int n = 0;
        for (int ty = 0; ty * tile < h; ty++) {
            for (int tx = 0; tx * tile < w; tx++) {
                boolean diff = false;
                for (int y = ty * tile; y < Math.min(h, (ty + 1) * tile) && !diff; y++) {
                    for (int x = tx * tile; x < Math.min(w, (tx + 1) * tile) && !diff; x++) {
                        diff = a[y * w + x] != b[y * w + x];
                    }
                }
                n += diff ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void aPictureOfTheSamePixelsKeepsTheOneShownForAPicturePaintedAheadAgainstIt(FxRobot robot) {
        BufferedImage a = new BufferedImage(300, 200, BufferedImage.TYPE_INT_ARGB_PRE);
        BufferedImage same = new BufferedImage(300, 200, BufferedImage.TYPE_INT_ARGB_PRE);
        BufferedImage next = new BufferedImage(300, 200, BufferedImage.TYPE_INT_ARGB_PRE);
        next.setRGB(10, 10, 0xffff0000);
        int[] replaced = new int[2];
        robot.interact(() -> {
            PictureTiles t = new PictureTiles(128);
            t.show(a, null, null, 1, 0, 0);
            // painted ahead against a, while the same frame is painted again and shown
            boolean[] ahead = PictureTiles.changed(a, next, 128);
            t.show(same, a, PictureTiles.changed(a, same, 128), 1, 0, 0);
            replaced[0] = t.lastReplaced();
            t.show(next, a, ahead, 1, 0, 0);
            replaced[1] = t.lastReplaced();
        });
        assertEquals(0, replaced[0], "no tile of the same pixels replaced");
        assertEquals(1, replaced[1], "the picture painted ahead replaces only its changed tile");
    }

    private static int[] argb(Image img) {
        PixelReader r = img.getPixelReader();
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        int[] px = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                px[y * w + x] = r.getArgb(x, y);
            }
        }
        return px;
    }
}
