package org.unroll.engine;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Every file Unroll reads goes through here (ADR 0031): what the path is is checked before it is
 * opened, and every read is bounded. A path that is not a regular file — a FIFO, a device such as
 * {@code /dev/zero}, a folder, a socket — is refused without being opened (so a FIFO with no writer
 * cannot block), and no read goes past its limit, even when the file grows while it is read.
 */
public final class InputFile {

    /**
     * A file refused before or while it was read: not a regular file, or beyond a size limit.
     * {@link #getMessage()} is the problem alone ({@code not a regular file (a FIFO)}), without the
     * file, which the caller names in its own way; {@link #message()} the same in either language.
     */
    public static final class Refused extends IOException implements Message.Localized {

        private static final long serialVersionUID = 1L;

        private final transient Path file;
        private final Message problem;

        public Refused(Path file, Message problem) {
            super(problem.english());
            this.file = file;
            this.problem = problem;
        }

        /** A problem in words not from the bundles, shown as they are in every language. */
        public Refused(Path file, String problem) {
            this(file, Message.plain(problem));
        }

        /** The problem alone, in either language. */
        @Override
        public Message message() {
            return problem;
        }

        /** The file refused. */
        public Path file() {
            return file;
        }
    }

    private InputFile() {
    }

    /**
     * What a path that is not a regular file is, in a few words ({@code a FIFO}, {@code a folder},
     * {@code a character device} …), or null for a regular file. Symbolic links are followed.
     *
     * @throws NoSuchFileException if nothing is there
     * @throws IOException if the path's attributes cannot be read
     */
    public static String kind(Path file) throws IOException {
        Message k = kindOf(file);
        return k == null ? null : k.english();
    }

    /** What a path that is not a regular file is ({@link #kind}), in either language; null for a regular file. */
    public static Message kindOf(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        if (a.isRegularFile()) {
            return null;
        }
        if (a.isDirectory()) {
            return Message.of("problem.file.folder");
        }
        try {
            // the POSIX file type bits (S_IFMT); the "unix" view exists on Linux and macOS
            int mode = (Integer) Files.getAttribute(file, "unix:mode");
            switch (mode & 0170000) {
                case 0010000:
                    return Message.of("problem.file.fifo");
                case 0020000:
                    return Message.of("problem.file.charDevice");
                case 0060000:
                    return Message.of("problem.file.blockDevice");
                case 0140000:
                    return Message.of("problem.file.socket");
                default:
                    break;
            }
        } catch (UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            // no unix view (Windows): the generic words below
        }
        return Message.of("problem.file.special");
    }

    /**
     * Checks that a path is a regular file no larger than a limit, without opening it.
     *
     * @param file the path
     * @param limit the largest size accepted, in bytes
     * @return its size
     * @throws Refused if it is not a regular file or is larger than the limit
     * @throws IOException if it does not exist or its attributes cannot be read
     */
    public static long check(Path file, long limit) throws IOException {
        Message kind = kindOf(file);
        if (kind != null) {
            throw new Refused(file, Message.of("problem.file.notRegular", kind));
        }
        long size = Files.size(file);
        if (size > limit) {
            throw tooLarge(file, size, limit);
        }
        return size;
    }

    /**
     * Reads a whole regular file of at most {@code limit} bytes. The path is checked first
     * ({@link #check}); the read stops at the limit, so a file that grows meanwhile is refused, not
     * read on.
     *
     * @throws Refused if it is not a regular file or is, or grows, larger than the limit
     */
    public static byte[] readAllBytes(Path file, long limit) throws IOException {
        check(file, limit);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (b.length > limit) {
                throw tooLarge(file, -1, limit);
            }
            return b;
        }
    }

    /**
     * The lines of a UTF-8 text file of at most {@code limit} bytes (read as {@link #readAllBytes});
     * a byte order mark is dropped.
     *
     * @throws Refused if it is not a regular file, is larger than the limit, or is not UTF-8 text
     */
    public static List<String> readLines(Path file, long limit) throws IOException {
        byte[] b = readAllBytes(file, limit);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw new Refused(file, Message.of("problem.file.notUtf8"));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return text.lines().toList();
    }

    /**
     * Opens a regular file of at most {@code limit} bytes for streaming. The path is checked first
     * ({@link #check}); the stream throws {@link Refused} once more than {@code limit} bytes would
     * be read (a file that grows while it is read).
     *
     * @throws Refused if it is not a regular file or is larger than the limit
     */
    public static InputStream open(Path file, long limit) throws IOException {
        check(file, limit);
        return new Bounded(Files.newInputStream(file), file, limit);
    }

    /**
     * The first {@code n} bytes of a regular file (fewer if it is shorter), for telling its kind;
     * the path is checked first, as every read here.
     */
    public static byte[] head(Path file, int n, long limit) throws IOException {
        check(file, limit);
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(n);
        }
    }

    /** The one wording of a file over a limit, in bytes and in MiB when it is a whole number of them. */
    public static String tooLargeText(long size, long limit) {
        return tooLarge(size, limit).english();
    }

    /** The same wording in either language. */
    public static Message tooLarge(long size, long limit) {
        Message lim = limit % (1L << 20) == 0 ? Message.of("problem.file.limitMiB", limit >> 20)
                : Message.of("problem.file.limitBytes", limit);
        return size < 0 ? Message.of("problem.file.largerThan", limit, lim) : Message.of("problem.file.tooLarge", size, lim);
    }

    private static Refused tooLarge(Path file, long size, long limit) {
        return new Refused(file, tooLarge(size, limit));
    }

    /** A stream that refuses to read past a limit. */
    private static final class Bounded extends FilterInputStream {
        private final Path file;
        private final long limit;
        private long read;

        Bounded(InputStream in, Path file, long limit) {
            super(in);
            this.file = file;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            if (s > 0) {
                count(s);
            }
            return s;
        }

        private void count(long n) throws Refused {
            read += n;
            if (read > limit) {
                throw tooLarge(file, -1, limit);
            }
        }
    }
}
