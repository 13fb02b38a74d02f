package org.unroll.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Writes a file atomically: to a temporary file beside it ({@code .NAME.PID.N.tmp}, see
 * {@link Temporaries}), flushed to the disk, then a rename. A failed or interrupted write leaves
 * no partial file, and the previous file, if any, untouched. Only a regular file or a new path is
 * written: a folder, FIFO, socket or device node is refused before anything is opened, and so is
 * a read-only file; a replaced file keeps its mode (and, where allowed, its owner). A symbolic
 * link to a file is followed: the file it names is replaced and the link stays (ADR 0030).
 */
public final class AtomicFile {

    /** Writes the content of a file to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes the content of a file to a path (for libraries that open the file themselves). */
    @FunctionalInterface
    public interface PathContent {
        void writeTo(Path file) throws IOException;
    }

    /** What an existing path is when it cannot be written as a file. */
    public enum Kind {
        /** A folder. */
        FOLDER("is a folder"),
        /** A named pipe. */
        FIFO("is a FIFO"),
        /** A character or block device node. */
        DEVICE("is a device"),
        /** A Unix-domain socket. */
        SOCKET("is a socket"),
        /** Something else that is not a regular file. */
        OTHER("is not a regular file"),
        /** A regular file without write permission. */
        READ_ONLY("is read-only");

        private final String reason;

        Kind(String reason) {
            this.reason = reason;
        }

        /** The English reason, as in "/abs/x: is a FIFO". */
        public String reason() {
            return reason;
        }
    }

    /** A target that is not written: what it is, in {@link #kind()}. */
    public static final class NotWritableException extends FileSystemException {
        private static final long serialVersionUID = 1L;
        private final transient Kind kind;

        public NotWritableException(Path file, Kind kind) {
            super(file.toString(), null, kind.reason());
            this.kind = kind;
        }

        /** What the path is. */
        public Kind kind() {
            return kind;
        }
    }

    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFSOCK = 0140000;

    private static volatile Integer umask;

    private AtomicFile() {
    }

    /**
     * Writes {@code target} atomically.
     *
     * @param target the file to create or replace
     * @param content what to write (called once)
     * @throws IOException if the directory is not writable, the disk is full or the content fails,
     *     or the target is not a regular file or is read-only ({@link NotWritableException}); the
     *     target is then unchanged and no temporary file is left behind
     */
    public static void write(Path target, Content content) throws IOException {
        Path abs = checkTarget(target);
        Path tmp = Temporaries.newFile(abs.getParent(), abs.getFileName().toString());
        boolean done = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream out = new java.io.BufferedOutputStream(new Unclosable(Channels.newOutputStream(ch)), 1 << 16);
                content.writeTo(out);
                out.flush();
                ch.force(true);
            }
            finish(tmp, abs);
            done = true;
        } finally {
            if (!done) {
                Temporaries.discard(tmp);
            }
        }
    }

    /**
     * Writes {@code target} atomically through a library that opens the file itself: it is given
     * the temporary file (empty, existing) to write.
     *
     * @see #write(Path, Content)
     */
    public static void writeByPath(Path target, PathContent content) throws IOException {
        Path abs = checkTarget(target);
        Path tmp = Temporaries.newFile(abs.getParent(), abs.getFileName().toString());
        boolean done = false;
        try {
            content.writeTo(tmp);
            if (!Files.isRegularFile(tmp, LinkOption.NOFOLLOW_LINKS)) {
                throw new NoSuchFileException(tmp.toString(), null, "the temporary file is gone");
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            finish(tmp, abs);
            done = true;
        } finally {
            if (!done) {
                Temporaries.discard(tmp);
            }
        }
    }

    /** Gives the temporary the old file's mode, renames it into place and syncs the folder. */
    private static void finish(Path tmp, Path abs) throws IOException {
        permitAsBefore(tmp, abs);
        try {
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
        }
        Temporaries.done(tmp);
        syncFolder(abs.getParent());
    }

    /**
     * Checks that {@code target} may be written, opening nothing (a FIFO would block): it is a
     * new path in an existing folder, or a regular file that is writable. A symbolic link to an
     * existing file is resolved.
     *
     * @return the absolute path that is written (the link's file for a link)
     * @throws NotWritableException if it is a folder, FIFO, socket, device node or something
     *     other than a regular file, or a read-only file
     * @throws AccessDeniedException if this user may not write the file
     * @throws IOException if its folder does not exist ("no such directory: DIR")
     */
    public static Path checkTarget(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        if (Files.isSymbolicLink(abs) && Files.exists(abs)) {
            abs = abs.toRealPath();
        }
        Path dir = abs.getParent();
        if (dir == null || abs.getFileName() == null) {
            throw new NotWritableException(abs, Kind.FOLDER);
        }
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(abs, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            if (!Files.isDirectory(dir)) {
                throw new IOException("no such directory: " + dir);
            }
            return abs;
        }
        Integer mode = mode(abs);
        if (mode != null) {
            switch (mode & S_IFMT) {
                case S_IFREG:
                    break;
                case S_IFDIR:
                    throw new NotWritableException(abs, Kind.FOLDER);
                case S_IFIFO:
                    throw new NotWritableException(abs, Kind.FIFO);
                case S_IFCHR, S_IFBLK:
                    throw new NotWritableException(abs, Kind.DEVICE);
                case S_IFSOCK:
                    throw new NotWritableException(abs, Kind.SOCKET);
                default:
                    throw new NotWritableException(abs, Kind.OTHER);
            }
            if ((mode & 0222) == 0) {
                // no one may write it (root could, and would replace it silently)
                throw new NotWritableException(abs, Kind.READ_ONLY);
            }
        } else if (a.isDirectory()) {
            throw new NotWritableException(abs, Kind.FOLDER);
        } else if (!a.isRegularFile()) {
            throw new NotWritableException(abs, Kind.OTHER);
        }
        if (!Files.isWritable(abs)) {
            if (mode == null) {
                throw new NotWritableException(abs, Kind.READ_ONLY);
            }
            throw new AccessDeniedException(abs.toString(), null, "permission denied");
        }
        return abs;
    }

    /** The st_mode of a path (links followed), or null where the file system does not tell. */
    private static Integer mode(Path p) throws IOException {
        try {
            return (Integer) Files.getAttribute(p, "unix:mode");
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Gives the temporary file the mode (and, where allowed, the owner and group) of the file it
     * replaces, exactly; a new file gets rw-r--r-- less the process's umask. Where the unix
     * attributes are not supported, the POSIX permissions are copied; elsewhere the defaults stand.
     */
    private static void permitAsBefore(Path tmp, Path target) throws IOException {
        Integer old = Files.exists(target) ? mode(target) : null;
        try {
            if (old != null) {
                try {
                    Files.setAttribute(tmp, "unix:uid", Files.getAttribute(target, "unix:uid"));
                    Files.setAttribute(tmp, "unix:gid", Files.getAttribute(target, "unix:gid"));
                } catch (IOException e) {
                    // not allowed to give it another owner (not root): this user's file then
                }
                Files.setAttribute(tmp, "unix:mode", old & 07777);
                return;
            }
            if (Files.exists(target)) {
                Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
                return;
            }
            int mode = 0644 & ~umask();
            try {
                Files.setAttribute(tmp, "unix:mode", mode);
            } catch (IllegalArgumentException e) {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the default permissions stand
        }
    }

    /** The process's umask (Linux: /proc/self/status), else 022. */
    static int umask() {
        Integer u = umask;
        if (u == null) {
            u = 022;
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("Umask:")) {
                        u = Integer.parseInt(line.substring(6).strip(), 8);
                        break;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not Linux: the usual 022
            }
            umask = u;
        }
        return u;
    }

    /** Flushes a folder's entries (the rename) to the disk where the system allows it. */
    static void syncFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            // Windows cannot open a folder: the rename is as durable as the system makes it
        }
    }

    /** A stream whose close only flushes: the channel is forced and closed by the writer. */
    private static final class Unclosable extends java.io.FilterOutputStream {
        Unclosable(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
