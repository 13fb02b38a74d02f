package org.unroll.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Slides: white background, title on top, content in the middle, caption (text or LaTeX) below. */
class SlideTest {

    static final String DELTA = "\\delta_h(t) = \\frac{\\partial E}{\\partial h(t)}";

    @TempDir
    Path dir;

    private static int inkRows(BufferedImage img, int fromY, int toY) {
        int rows = 0;
        for (int y = fromY; y < toY; y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    rows++;
                    break;
                }
            }
        }
        return rows;
    }

    @Test
    void runsHeadless() {
        assertTrue(GraphicsEnvironment.isHeadless(), "surefire sets java.awt.headless=true");
    }

    @Test
    void latexCaptionRendersIntoTheCaptionArea() throws Exception {
        Figure empty = (g2, area) -> { };
        Path out = dir.resolve("eq.png");
        PngExport.write(Slide.of(empty).withLatexCaption(DELTA), 1280, 720, 1, out);

        BufferedImage img = ImageIO.read(out.toFile());
        assertEquals(0, inkRows(img, 0, 500), "nothing above the caption");
        int rows = inkRows(img, 500, 720);
        assertTrue(rows > 30, "the fraction is some 60 px tall, inked rows: " + rows);
    }

    @Test
    void wideFormulaIsScaledDownToFit() {
        String wide = DELTA + " + " + DELTA + " + " + DELTA + " + " + DELTA;
        BufferedImage img = PngExport.render(Slide.of((g2, a) -> { }).withLatexCaption(wide), 400, 300, 1);
        int margin = (int) SlideStyle.standard().margin();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x : new int[] {0, margin - 2, img.getWidth() - margin + 1, img.getWidth() - 1}) {
                assertEquals(0xFFFFFFFF, img.getRGB(x, y), "ink in the margin at " + x + "," + y);
            }
        }
        assertTrue(inkRows(img, 0, 300) > 5, "the formula is drawn");
    }

    @Test
    void titleContentAndJapaneseCaptionInTheirPlaces() {
        BufferedImage img = PngExport.render(TestFigures.slide(), 1280, 720, 1);
        assertTrue(inkRows(img, 0, 32 + 45) > 20, "title band");
        assertEquals(0xFF0000FF, img.getRGB(640, 360), "content in the middle");
        assertTrue(inkRows(img, 720 - 32 - 35, 720 - 32) > 15, "caption band");
        assertEquals(0xFFFFFFFF, img.getRGB(5, 5));
    }

    @Test
    void restoresTheGraphicsState() {
        BufferedImage img = new BufferedImage(200, 100, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g2 = img.createGraphics();
        Font font = new Font("Serif", Font.ITALIC, 11);
        g2.setFont(font);
        g2.setColor(Color.MAGENTA);
        TestFigures.slide().withStyle(SlideStyle.forSize(200, 100)).draw(g2, new java.awt.geom.Rectangle2D.Double(0, 0, 200, 100));
        assertEquals(font, g2.getFont());
        assertEquals(Color.MAGENTA, g2.getColor());
        assertTrue(g2.getTransform().isIdentity());
        g2.dispose();
    }

    @Test
    void badLatexIsRejectedWhenSet() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Slide.of((g2, a) -> { }).withLatexCaption("\\nosuchcommand x"));
        assertTrue(e.getMessage().startsWith("not a LaTeX formula") && e.getMessage().contains("nosuchcommand"),
                e.getMessage());
    }

    @Test
    void wrapsJapaneseWithoutSpacesAndCutsWithEllipsis() {
        BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g2 = img.createGraphics();
        FontMetrics fm = g2.getFontMetrics(new Font("SansSerif", Font.PLAIN, 20));
        String text = "順伝播と逆伝播".repeat(10);
        List<String> lines = Slide.wrap(text, fm, 200, 10);
        assertTrue(lines.size() > 1, "wrapped: " + lines);
        assertEquals(text, String.join("", lines));
        lines.forEach(l -> assertTrue(fm.stringWidth(l) <= 200, l));
        List<String> cut = Slide.wrap(text, fm, 200, 2);
        assertEquals(2, cut.size());
        assertTrue(cut.get(1).endsWith("…"));
        assertEquals(List.of("one two", "three"), Slide.wrap("one two\nthree", fm, 1000, 3));
        g2.dispose();
    }

    @Test
    void styles() {
        SlideStyle s = SlideStyle.standard();
        assertEquals(Color.WHITE, s.background());
        assertEquals("SansSerif", s.fontFamily());
        assertEquals(36f, s.titleSize());
        assertEquals(24f, s.captionSize());
        SlideStyle half = SlideStyle.forSize(640, 360);
        assertEquals(18f, half.titleSize());
        assertEquals(12f, half.captionSize());
        assertEquals(16, half.margin());
        assertEquals(72f, s.scaled(2).titleSize());
        assertThrows(IllegalArgumentException.class, () -> s.scaled(0));
        Slide slide = Slide.of((g2, a) -> { });
        assertSame(s.getClass(), slide.style().getClass());
        assertEquals(s, slide.style());
    }
}
