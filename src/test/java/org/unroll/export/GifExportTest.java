package org.unroll.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Node;

/** Animated GIFs: every frame, the delay, the loop extension; frames are asked for one by one. */
class GifExportTest {

    private static final String FORMAT = "javax_imageio_gif_image_1.0";

    @TempDir
    Path dir;

    /** A slide whose title counts the frame and whose disc moves. */
    static Figure frame(int i) {
        Figure moving = (g2, area) -> {
            g2.setColor(Color.BLUE);
            g2.fillRect((int) (area.getX() + i * 10), (int) area.getCenterY(), 20, 20);
        };
        return Slide.of(moving).withTitle("t = " + (i + 1)).withStyle(SlideStyle.forSize(320, 180));
    }

    private static Node find(Node n, String name) {
        if (n.getNodeName().equals(name)) {
            return n;
        }
        for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
            Node found = find(c, name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    @Test
    void framesDelayAndLoop() throws Exception {
        Path out = dir.resolve("anim.gif");
        List<Integer> asked = new ArrayList<>();
        GifExport.write(7, i -> {
            asked.add(i);
            return frame(i);
        }, 320, 180, 1.5, 120, true, out);

        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), asked);
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(out.toFile())) {
            reader.setInput(in);
            assertEquals(7, reader.getNumImages(true));
            BufferedImage first = reader.read(0);
            assertEquals(480, first.getWidth());
            assertEquals(270, first.getHeight());
            assertEquals(0xFFFFFFFF, first.getRGB(0, 0), "white background");
            for (int i = 0; i < 7; i++) {
                IIOMetadata meta = reader.getImageMetadata(i);
                Node gce = find(meta.getAsTree(FORMAT), "GraphicControlExtension");
                assertEquals("12", gce.getAttributes().getNamedItem("delayTime").getNodeValue(), "1/100 s");
                assertEquals("none", gce.getAttributes().getNamedItem("disposalMethod").getNodeValue());
            }
            Node app = find(reader.getImageMetadata(0).getAsTree(FORMAT), "ApplicationExtension");
            assertEquals("NETSCAPE", app.getAttributes().getNamedItem("applicationID").getNodeValue());
            assertEquals("2.0", app.getAttributes().getNamedItem("authenticationCode").getNodeValue());
        } finally {
            reader.dispose();
        }
    }

    @Test
    void noLoopExtensionWhenPlayingOnce() throws Exception {
        Path out = dir.resolve("once.gif");
        GifExport.write(2, GifExportTest::frame, 64, 36, 1, 50, false, out);
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(out.toFile())) {
            reader.setInput(in);
            assertEquals(2, reader.getNumImages(true));
            assertEquals(null, find(reader.getImageMetadata(0).getAsTree(FORMAT), "ApplicationExtension"));
        } finally {
            reader.dispose();
        }
    }

    @Test
    void limits() {
        Path out = dir.resolve("x.gif");
        String frames = assertThrows(IllegalArgumentException.class,
                () -> GifExport.write(5001, GifExportTest::frame, 64, 36, 1, 50, true, out)).getMessage();
        assertTrue(frames.contains("5001") && frames.contains("between 1 and 5000"), frames);
        String delay = assertThrows(IllegalArgumentException.class,
                () -> GifExport.write(2, GifExportTest::frame, 64, 36, 1, -1, true, out)).getMessage();
        assertTrue(delay.contains("delay -1 ms"), delay);
        assertFalse(Files.exists(out));
    }

    @Test
    void aFailingFrameLeavesNoFile() {
        Path out = dir.resolve("fail.gif");
        assertThrows(IllegalStateException.class,
                () -> GifExport.write(5, i -> i == 3 ? TestFigures.failing() : frame(i), 64, 36, 1, 50, true, out));
        assertFalse(Files.exists(out));
    }

    @Test
    void laterFramesStoreOnlyWhatChangedAndCompositeBackToEveryFrame() throws Exception {
        // a red square walking over white, and a still frame: two colours, so the palette is exact
        int n = 5;
        java.util.function.IntFunction<Figure> square = i -> (g, area) -> {
            g.setColor(Color.WHITE);
            g.fill(area);
            g.setColor(Color.RED);
            int k = Math.min(i, n - 2);
            g.fill(new java.awt.geom.Rectangle2D.Double(10 + 20 * k, 30, 12, 12));
        };
        Path out = dir.resolve("moving.gif");
        GifExport.write(n, square, 160, 90, 1, 100, true, out);
        ImageReader r = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(out.toFile())) {
            r.setInput(in);
            assertEquals(n, r.getNumImages(true));
            BufferedImage screen = new BufferedImage(160, 90, BufferedImage.TYPE_INT_RGB);
            for (int i = 0; i < n; i++) {
                BufferedImage part = r.read(i);
                org.w3c.dom.Element d = (org.w3c.dom.Element) ((org.w3c.dom.Element) r.getImageMetadata(i)
                        .getAsTree("javax_imageio_gif_image_1.0")).getElementsByTagName("ImageDescriptor").item(0);
                int left = Integer.parseInt(d.getAttribute("imageLeftPosition"));
                int top = Integer.parseInt(d.getAttribute("imageTopPosition"));
                if (i > 0) {
                    assertTrue(part.getWidth() * part.getHeight() < 160 * 90 / 4,
                            "frame " + i + " stores only the changed part: " + part.getWidth() + "×" + part.getHeight());
                }
                java.awt.Graphics2D g = screen.createGraphics();
                g.drawImage(part, left, top, null);
                g.dispose();
                BufferedImage expected = PngExport.render(square.apply(i), 160, 90, 1);
                for (int y = 0; y < 90; y++) {
                    for (int x = 0; x < 160; x++) {
                        assertEquals(expected.getRGB(x, y) | 0xff000000, screen.getRGB(x, y) | 0xff000000,
                                "frame " + i + " at " + x + "," + y);
                    }
                }
            }
        } finally {
            r.dispose();
        }
    }

    @Test
    void theChangedRectangleIsTight() {
        BufferedImage a = new BufferedImage(50, 40, BufferedImage.TYPE_INT_RGB);
        BufferedImage b = new BufferedImage(50, 40, BufferedImage.TYPE_INT_RGB);
        assertEquals(new java.awt.Rectangle(0, 0, 1, 1), GifExport.changed(a, b), "equal: a 1×1 frame");
        b.setRGB(7, 3, 0xff0000);
        b.setRGB(20, 31, 0x00ff00);
        assertEquals(new java.awt.Rectangle(7, 3, 14, 29), GifExport.changed(a, b));
    }
}
