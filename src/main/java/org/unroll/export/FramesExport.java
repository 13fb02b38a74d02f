package org.unroll.export;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.IntFunction;
import org.unroll.engine.AtomicFile;
import org.unroll.engine.Temporaries;

/**
 * An animation as numbered PNG files ({@code prefix-0001.png}, {@code prefix-0002.png} …), for
 * video tools and slides. All or nothing: the frames are written into a hidden folder beside them
 * and renamed into place at the end, so a failure leaves none of this call's files behind.
 */
public final class FramesExport {

    /** The most frames one call may write. */
    public static final int MAX_FRAMES = Checks.MAX_FRAMES;

    private FramesExport() {
    }

    /**
     * The file name of frame {@code index} (0-based) of {@code frameCount}: the prefix, a dash and
     * the 1-based number with at least four digits (more when there are more frames), ".png".
     */
    public static String fileName(String prefix, int index, int frameCount) {
        int digits = Math.max(4, Integer.toString(frameCount).length());
        return String.format(Locale.ROOT, "%s-%0" + digits + "d.png", prefix, index + 1);
    }

    /**
     * Writes frames 0 … frameCount − 1 as numbered PNGs into {@code dir}, created (with its parents)
     * if missing. Files of the same names are replaced; other files in the folder are left alone.
     * If anything fails, the files this call would have added are not there, folders it created
     * are removed again, and files that were there before are untouched (except in the unlikely
     * event of a failure while renaming the finished frames into place, which may have replaced
     * some same-named old frames already).
     *
     * @param frameCount the number of frames, 1 … {@value #MAX_FRAMES}
     * @param frame the figure of frame i (0-based), asked once per frame in order (not modified)
     * @param width the logical width, {@value Checks#MIN_SIDE} … {@value Checks#MAX_SIDE}
     * @param height the logical height, {@value Checks#MIN_SIDE} … {@value Checks#MAX_SIDE}
     * @param scale pixels per logical unit, 1 … 4
     * @param dir the folder of the frames
     * @param prefix the start of each file name: not empty, no path separators
     * @return the files written, in frame order
     * @throws IOException if a file or the folder cannot be written
     * @throws IllegalArgumentException if a size, the scale, the frame count or the prefix is not allowed
     */
    public static List<Path> write(int frameCount, IntFunction<Figure> frame, int width, int height, double scale,
            Path dir, String prefix) throws IOException {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(dir, "dir");
        checkPrefix(prefix);
        Checks.frames(frameCount);
        Checks.pixels(width, height, scale);
        Path folder = dir.toAbsolutePath();
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new FileSystemException(folder.toString(), null, "is not a folder");
        }
        if (Files.isDirectory(folder)) {
            // every frame's name is a regular file or new: checked before anything is drawn
            for (int i = 0; i < frameCount; i++) {
                AtomicFile.checkTarget(folder.resolve(fileName(prefix, i, frameCount)));
            }
        }
        List<Path> created = missingFolders(folder);
        List<Path> added = new ArrayList<>();
        Path staging = null;
        try {
            Files.createDirectories(folder);
            staging = Temporaries.newFolder(folder, prefix + "-frames");
            List<Path> staged = new ArrayList<>(frameCount);
            for (int i = 0; i < frameCount; i++) {
                Figure f = Objects.requireNonNull(frame.apply(i), "the figure of frame " + i + " is null");
                BufferedImage img = PngExport.render(f, width, height, scale);
                Path file = staging.resolve(fileName(prefix, i, frameCount));
                AtomicFile.write(file, s -> PngExport.writePng(img, s));
                staged.add(file);
            }
            List<Path> result = new ArrayList<>(frameCount);
            for (Path file : staged) {
                Path target = AtomicFile.checkTarget(folder.resolve(file.getFileName()));
                boolean existed = Files.exists(target);
                move(file, target);
                if (!existed) {
                    added.add(target);
                }
                result.add(target);
            }
            Temporaries.discard(staging);
            syncFolder(folder);
            return List.copyOf(result);
        } catch (IOException | RuntimeException | Error e) {
            cleanUp(e, staging, added, created);
            throw e;
        }
    }

    private static void checkPrefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException("the file name prefix is empty");
        }
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c == '/' || c == '\\' || c < ' ') {
                throw new IllegalArgumentException("the file name prefix \"" + prefix
                        + "\" must not contain path separators or control characters");
            }
        }
        if (prefix.equals(".") || prefix.equals("..")) {
            throw new IllegalArgumentException("the file name prefix must not be \"" + prefix + "\"");
        }
    }

    /** The folders createDirectories would make, deepest first. */
    private static List<Path> missingFolders(Path folder) {
        List<Path> missing = new ArrayList<>();
        for (Path p = folder; p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(p);
        }
        return missing;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void cleanUp(Throwable failure, Path staging, List<Path> added, List<Path> created) {
        try {
            for (Path p : added) {
                Files.deleteIfExists(p);
            }
            if (staging != null) {
                Temporaries.discard(staging);
            }
            for (Path dir : created) {
                Files.deleteIfExists(dir);
            }
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** Flushes the folder's renames to the disk where the system allows it. */
    private static void syncFolder(Path dir) {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(dir, java.nio.file.StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            // Windows cannot open a folder
        }
    }
}
