package org.unroll.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PNG files have the requested pixel size at every scale, and a slide's background is white. */
class PngExportTest {

    private static final int WHITE = 0xFFFFFFFF;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "scale {0}")
    @ValueSource(doubles = {1, 2, 4, 1.5})
    void pixelSizeIsLogicalSizeTimesScale(double scale) throws Exception {
        Path out = dir.resolve("slide.png");
        PngExport.write(TestFigures.slide(), 640, 360, scale, out);

        BufferedImage img = ImageIO.read(out.toFile());
        assertEquals(Math.round(640 * scale), img.getWidth());
        assertEquals(Math.round(360 * scale), img.getHeight());
        assertEquals(WHITE, img.getRGB(0, 0), "top-left corner");
        assertEquals(WHITE, img.getRGB(img.getWidth() - 1, img.getHeight() - 1), "bottom-right corner");
        assertEquals(0xFF0000FF, img.getRGB(img.getWidth() / 2, img.getHeight() / 2), "the disc in the middle");
    }

    @Test
    void renderLeavesUnpaintedPixelsTransparent() {
        BufferedImage img = PngExport.render(TestFigures.shapes(), 100, 50, 2);
        assertEquals(200, img.getWidth());
        assertEquals(100, img.getHeight());
        assertEquals(0, img.getRGB(199, 0) >>> 24, "alpha of an unpainted corner");
    }

    @Test
    void outOfRangeArgumentsNameTheProblem() {
        Path out = dir.resolve("x.png");
        Figure f = TestFigures.shapes();
        String tooSmall = assertThrows(IllegalArgumentException.class, () -> PngExport.write(f, 15, 100, 1, out)).getMessage();
        assertTrue(tooSmall.contains("15 × 100") && tooSmall.contains("between 16 and 8192"), tooSmall);
        String scale = assertThrows(IllegalArgumentException.class, () -> PngExport.write(f, 100, 100, 4.5, out)).getMessage();
        assertTrue(scale.contains("scale 4.5") && scale.contains("between 1 and 4"), scale);
        String nan = assertThrows(IllegalArgumentException.class, () -> PngExport.write(f, 100, 100, Double.NaN, out)).getMessage();
        assertTrue(nan.contains("scale NaN"), nan);
        String pixels = assertThrows(IllegalArgumentException.class, () -> PngExport.write(f, 8000, 8000, 2, out)).getMessage();
        assertTrue(pixels.contains("16000 × 16000") && pixels.contains("smaller size or scale"), pixels);
        assertFalse(Files.exists(out));
    }
}
