package org.unroll.export;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.IntFunction;
import javax.imageio.IIOImage;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.unroll.engine.AtomicFile;

/**
 * Animations as GIF, with the JDK's own GIF writer (javax.imageio). Frames are drawn one at a time
 * on white and written at once, so only two frames are in memory; after the first, each frame
 * stores only the rectangle that changed (disposal "none" keeps the rest). Each frame gets its own
 * 256-colour palette.
 */
public final class GifExport {

    /** The most frames one animation may have. */
    public static final int MAX_FRAMES = Checks.MAX_FRAMES;
    /** The longest delay: GIF stores hundredths of a second in 16 bits. */
    public static final int MAX_DELAY_MILLIS = 655_350;

    private static final String FORMAT = "javax_imageio_gif_image_1.0";

    private GifExport() {
    }

    /**
     * Writes an animated GIF, atomically: on failure {@code out} is unchanged and no temporary file
     * is left.
     *
     * @param frameCount the number of frames, 1 … {@value #MAX_FRAMES}
     * @param frame the figure of frame i (0-based), asked once per frame in order (not modified)
     * @param width the logical width, {@value Checks#MIN_SIDE} … {@value Checks#MAX_SIDE}
     * @param height the logical height, {@value Checks#MIN_SIDE} … {@value Checks#MAX_SIDE}
     * @param scale pixels per logical unit, 1 … 4
     * @param delayMillis how long each frame shows, 0 … {@value #MAX_DELAY_MILLIS}; stored rounded
     *     to hundredths of a second
     * @param loop whether viewers repeat the animation forever (the NETSCAPE2.0 extension); otherwise
     *     it plays once
     * @param out the file to create or replace
     * @throws IOException if the file cannot be written (no such folder, permission denied, disk full)
     * @throws IllegalArgumentException if a size, the scale, the frame count or the delay is out of
     *     range
     */
    public static void write(int frameCount, IntFunction<Figure> frame, int width, int height, double scale,
            int delayMillis, boolean loop, Path out) throws IOException {
        Objects.requireNonNull(frame, "frame");
        Checks.frames(frameCount);
        Checks.pixels(width, height, scale);
        if (delayMillis < 0 || delayMillis > MAX_DELAY_MILLIS) {
            throw new IllegalArgumentException("the frame delay " + delayMillis
                    + " ms is out of range: it must be between 0 and " + MAX_DELAY_MILLIS + " ms");
        }
        Checks.fileTarget(out);
        int delay = (int) Math.round(delayMillis / 10.0);
        AtomicFile.write(out, stream -> writeGif(frameCount, frame, width, height, scale, delay, loop, stream));
    }

    private static void writeGif(int frameCount, IntFunction<Figure> frame, int width, int height, double scale,
            int delayCentis, boolean loop, OutputStream stream) throws IOException {
        ImageWriter writer = PngExport.writer("gif");
        try (ImageOutputStream ios = new MemoryCacheImageOutputStream(stream)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            writer.prepareWriteSequence(null);
            BufferedImage previous = null;
            for (int i = 0; i < frameCount; i++) {
                Figure f = Objects.requireNonNull(frame.apply(i), "the figure of frame " + i + " is null");
                BufferedImage full = PngExport.render(f, width, height, scale, BufferedImage.TYPE_INT_RGB, Color.WHITE);
                // after the first frame only the rectangle that changed is stored (disposal "none"
                // keeps the rest on screen): a step of the walk changes a few nodes, not the picture
                Rectangle changed = previous == null ? new Rectangle(0, 0, full.getWidth(), full.getHeight())
                        : changed(previous, full);
                BufferedImage img = full.getSubimage(changed.x, changed.y, changed.width, changed.height);
                IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), param);
                configure(meta, delayCentis, loop && i == 0, changed.x, changed.y);
                writer.writeToSequence(new IIOImage(img, null, meta), param);
                previous = full;
                // hand the bytes on: the GIF writer never seeks back, so the memory cache stays small
                ios.flush();
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
    }

    /** The smallest rectangle outside which two images of one size agree (1 × 1 if they are equal). */
    static Rectangle changed(BufferedImage a, BufferedImage b) {
        int w = a.getWidth();
        int h = a.getHeight();
        int[] ra = new int[w];
        int[] rb = new int[w];
        int x0 = w;
        int x1 = -1;
        int y0 = h;
        int y1 = -1;
        for (int y = 0; y < h; y++) {
            a.getRGB(0, y, w, 1, ra, 0, w);
            b.getRGB(0, y, w, 1, rb, 0, w);
            int first = -1;
            int last = -1;
            for (int x = 0; x < w; x++) {
                if (ra[x] != rb[x]) {
                    if (first < 0) {
                        first = x;
                    }
                    last = x;
                }
            }
            if (first >= 0) {
                x0 = Math.min(x0, first);
                x1 = Math.max(x1, last);
                y0 = Math.min(y0, y);
                y1 = y;
            }
        }
        return x1 < 0 ? new Rectangle(0, 0, 1, 1) : new Rectangle(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
    }

    private static void configure(IIOMetadata meta, int delayCentis, boolean loopExtension, int left, int top)
            throws IOException {
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(FORMAT);
        IIOMetadataNode descriptor = child(root, "ImageDescriptor");
        descriptor.setAttribute("imageLeftPosition", Integer.toString(left));
        descriptor.setAttribute("imageTopPosition", Integer.toString(top));
        IIOMetadataNode gce = child(root, "GraphicControlExtension");
        gce.setAttribute("disposalMethod", "none");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", "FALSE");
        gce.setAttribute("delayTime", Integer.toString(delayCentis));
        gce.setAttribute("transparentColorIndex", "0");
        if (loopExtension) {
            IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
            app.setAttribute("applicationID", "NETSCAPE");
            app.setAttribute("authenticationCode", "2.0");
            // sub-block 1, then the loop count (0: forever) as a little-endian 16-bit number
            app.setUserObject(new byte[] {1, 0, 0});
            child(root, "ApplicationExtensions").appendChild(app);
        }
        meta.setFromTree(FORMAT, root);
    }

    private static IIOMetadataNode child(IIOMetadataNode parent, String name) {
        for (int i = 0; i < parent.getLength(); i++) {
            if (parent.item(i) instanceof IIOMetadataNode n && n.getNodeName().equalsIgnoreCase(name)) {
                return n;
            }
        }
        IIOMetadataNode n = new IIOMetadataNode(name);
        parent.appendChild(n);
        return n;
    }
}
