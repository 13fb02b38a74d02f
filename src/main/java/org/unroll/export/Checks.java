package org.unroll.export;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** The argument checks the writers share; every message names the problem and the allowed range. */
final class Checks {

    /** The smallest logical width or height. */
    static final int MIN_SIDE = 16;
    /** The largest logical width or height. */
    static final int MAX_SIDE = 8192;
    /** The largest scale of a bitmap (4: four times the pixels across for print or high-DPI). */
    static final double MAX_SCALE = 4;
    /** The most pixels one bitmap may have: 8192 × 8192 (a 256 MB ARGB image). */
    static final long MAX_PIXELS = 8192L * 8192L;
    /** The most frames of an animation or a frame sequence. */
    static final int MAX_FRAMES = 5000;

    private Checks() {
    }

    static void size(double width, double height) {
        if (!(width >= MIN_SIDE && width <= MAX_SIDE) || !(height >= MIN_SIDE && height <= MAX_SIDE)) {
            throw new IllegalArgumentException("the size " + number(width) + " × " + number(height)
                    + " is out of range: width and height must be between " + MIN_SIDE + " and " + MAX_SIDE);
        }
    }

    /** Checks a bitmap's logical size and scale; returns {width, height} in pixels. */
    static int[] pixels(int width, int height, double scale) {
        size(width, height);
        if (!(scale >= 1 && scale <= MAX_SCALE)) {
            throw new IllegalArgumentException("the scale " + number(scale) + " is out of range: it must be between 1 and "
                    + number(MAX_SCALE));
        }
        long w = Math.round(width * scale);
        long h = Math.round(height * scale);
        if (w * h > MAX_PIXELS) {
            throw new IllegalArgumentException("the image would be " + w + " × " + h + " = " + w * h
                    + " pixels, more than the " + MAX_PIXELS + " (8192 × 8192) allowed: choose a smaller size or scale");
        }
        return new int[] {(int) w, (int) h};
    }

    static void frames(int frameCount) {
        if (frameCount < 1 || frameCount > MAX_FRAMES) {
            throw new IllegalArgumentException("the number of frames " + frameCount
                    + " is out of range: it must be between 1 and " + MAX_FRAMES);
        }
    }

    /**
     * Fails if {@code out} is not a regular file or a new path (a folder, FIFO, socket or device
     * node), or is read-only: checked before anything is drawn, and opening nothing.
     */
    static void fileTarget(Path out) throws IOException {
        Objects.requireNonNull(out, "out");
        org.unroll.engine.AtomicFile.checkTarget(out);
    }

    private static String number(double d) {
        return d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
