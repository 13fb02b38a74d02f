package org.unroll.ui.graph;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.IntBuffer;
import java.util.Arrays;
import javafx.scene.Group;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;

/**
 * The graph's picture shown as a grid of tiles, an {@link ImageView} each (ADR 0034): a new picture
 * replaces only the tiles whose pixels changed, so that only those are dirty in the scene and the
 * render thread draws only them (a whole picture of 877 × 604 pixels, in JavaFX's software
 * pipeline, was the largest part of a frame). Which tiles changed is worked out where the picture is
 * painted, off the JavaFX thread ({@link #changed}); the JavaFX thread copies those tiles' pixels.
 *
 * <p>The tile's size is {@code -Dunroll.graph.tile=N} pixels (default {@value #DEFAULT_TILE}; 0: the
 * whole picture as one image, as before), and one tile at a device scale other than 1 (the picture
 * is then scaled, and tiles scaled one by one could show their seams).
 */
final class PictureTiles {

    static final int DEFAULT_TILE = 128;
    private static final int TILE = Math.max(0, Integer.getInteger("unroll.graph.tile", DEFAULT_TILE));

    private final Group root = new Group();
    private final int configured;
    private int width;
    private int height;
    private int tile;
    private int cols;
    private int rows;
    private PixelBuffer<IntBuffer>[] buffers;
    private BufferedImage shown;
    private int lastReplaced;

    PictureTiles() {
        this(TILE);
    }

    /** Tiles of {@code tile} pixels (0: one image). */
    PictureTiles(int tile) {
        this.configured = tile;
        root.setMouseTransparent(true);
        root.setManaged(false);
    }

    /** The node showing the tiles. */
    Group node() {
        return root;
    }

    /** The tiles' size for a picture of this size at this device scale. */
    static int tileSize(int configured, int w, int h, double scale) {
        return configured <= 0 || scale != 1 ? Math.max(w, h) : configured;
    }

    int tileSize(int w, int h, double scale) {
        return tileSize(configured, w, h, scale);
    }

    /** The tile's size the app's pictures are shown in ({@code -Dunroll.graph.tile}). */
    static int configuredTile() {
        return TILE;
    }

    /**
     * Which tiles of {@code next} differ from {@code base} (any thread: the painting thread calls
     * it), row by row, tile by tile; null when the two pictures are not of one size (all differ).
     */
    static boolean[] changed(BufferedImage base, BufferedImage next, int tile) {
        if (base == null || next == null || base.getWidth() != next.getWidth() || base.getHeight() != next.getHeight()) {
            return null;
        }
        int w = next.getWidth();
        int h = next.getHeight();
        int cols = (w + tile - 1) / tile;
        int rows = (h + tile - 1) / tile;
        int[] a = pixels(base);
        int[] b = pixels(next);
        boolean[] out = new boolean[cols * rows];
        for (int ty = 0; ty < rows; ty++) {
            int y1 = Math.min(h, (ty + 1) * tile);
            for (int tx = 0; tx < cols; tx++) {
                int x0 = tx * tile;
                int x1 = Math.min(w, x0 + tile);
                for (int y = ty * tile; y < y1; y++) {
                    int from = y * w + x0;
                    int to = y * w + x1;
                    if (!Arrays.equals(a, from, to, b, from, to)) {
                        out[ty * cols + tx] = true;
                        break;
                    }
                }
            }
        }
        return out;
    }

    /**
     * Shows a picture (JavaFX thread). When the picture shown now is {@code base} and the grid is
     * the same, only the tiles marked in {@code changed} get its pixels (and only they are dirty);
     * else every tile does.
     *
     * @param fitW the width to show it at (0: its own), as {@link ImageView#setFitWidth}
     * @param fitH the height to show it at (0: its own)
     */
    void show(BufferedImage src, BufferedImage base, boolean[] changed, double scale, double fitW, double fitH) {
        if (src == null) {
            root.getChildren().clear();
            buffers = null;
            shown = null;
            width = 0;
            height = 0;
            lastReplaced = 0;
            return;
        }
        int w = src.getWidth();
        int h = src.getHeight();
        int t = tileSize(w, h, scale);
        int[] px = pixels(src);
        boolean sameGrid = buffers != null && w == width && h == height && t == tile;
        if (!sameGrid) {
            build(w, h, t);
        }
        boolean partial = sameGrid && shown == base && changed != null && changed.length == buffers.length;
        int replaced = 0;
        for (int i = 0; i < buffers.length; i++) {
            if (partial && !changed[i]) {
                continue;
            }
            copyTile(px, i);
            replaced++;
        }
        ImageView single = buffers.length == 1 ? (ImageView) root.getChildren().get(0) : null;
        if (single != null) {
            single.setFitWidth(fitW);
            single.setFitHeight(fitH);
            single.setSmooth(fitW != 0 || fitH != 0);
        }
        if (!partial || replaced > 0) {
            // a picture of the same pixels keeps the one shown as the one shown, so that a picture
            // painted ahead against it still finds it (a redraw of the same frame paints it again)
            shown = src;
        }
        lastReplaced = replaced;
    }

    @SuppressWarnings("unchecked")
    private void build(int w, int h, int t) {
        width = w;
        height = h;
        tile = t;
        cols = (w + t - 1) / t;
        rows = (h + t - 1) / t;
        buffers = new PixelBuffer[cols * rows];
        ImageView[] views = new ImageView[cols * rows];
        for (int ty = 0; ty < rows; ty++) {
            for (int tx = 0; tx < cols; tx++) {
                int tw = Math.min(w, (tx + 1) * t) - tx * t;
                int th = Math.min(h, (ty + 1) * t) - ty * t;
                PixelBuffer<IntBuffer> b = new PixelBuffer<>(tw, th, IntBuffer.allocate(tw * th),
                        PixelFormat.getIntArgbPreInstance());
                ImageView v = new ImageView(new WritableImage(b));
                v.setSmooth(false);
                v.setMouseTransparent(true);
                v.setLayoutX(tx * t);
                v.setLayoutY(ty * t);
                buffers[ty * cols + tx] = b;
                views[ty * cols + tx] = v;
            }
        }
        root.getChildren().setAll(views);
        shown = null;
    }

    /** Copies one tile's pixels from the picture, and marks that tile (only) dirty. */
    private void copyTile(int[] px, int i) {
        PixelBuffer<IntBuffer> b = buffers[i];
        int x0 = (i % cols) * tile;
        int y0 = (i / cols) * tile;
        int tw = b.getWidth();
        int th = b.getHeight();
        b.updateBuffer(pb -> {
            IntBuffer buf = pb.getBuffer();
            buf.clear();
            for (int y = 0; y < th; y++) {
                buf.put(px, (y0 + y) * width + x0, tw);
            }
            buf.flip();
            return null;
        });
    }

    /** The picture shown now (its pixels are not changed after it is shown), or null. */
    BufferedImage shown() {
        return shown;
    }

    /** How many tiles the last picture shown replaced. */
    int lastReplaced() {
        return lastReplaced;
    }

    /** How many tiles the picture is shown in. */
    int count() {
        return buffers == null ? 0 : buffers.length;
    }

    /** The picture the tiles show now, read back from the tiles (tests compare its pixels), or null. */
    WritableImage snapshot() {
        if (buffers == null) {
            return null;
        }
        WritableImage out = new WritableImage(width, height);
        for (int i = 0; i < buffers.length; i++) {
            PixelReader r = ((ImageView) root.getChildren().get(i)).getImage().getPixelReader();
            int x0 = (i % cols) * tile;
            int y0 = (i / cols) * tile;
            int tw = buffers[i].getWidth();
            int th = buffers[i].getHeight();
            out.getPixelWriter().setPixels(x0, y0, tw, th, r, 0, 0);
        }
        return out;
    }

    private static int[] pixels(BufferedImage img) {
        return ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
    }
}
