package org.unroll.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.unroll.engine.AtomicFile;

/**
 * Where the app keeps its recovery file (ADR 0033): {@value #FILE_NAME} in the user's data folder
 * ({@link CheckpointStore#userDataDir()}, the {@code unroll.data.dir} property in tests), beside
 * the Training tab's checkpoint. Written atomically; removed on a normal quit; a file that cannot
 * be read is moved aside ({@link #setAside}) so that it is offered once, never again. Do the file
 * work off the JavaFX thread.
 */
public final class RecoveryStore {

    /** The file's name in the data folder. */
    public static final String FILE_NAME = "recovery.json";

    private final Path dir;

    /** A store in this folder (created when the first recovery is saved). */
    public RecoveryStore(Path dir) {
        this.dir = dir;
    }

    /** The store in the user's data folder; nothing is created yet. */
    public static RecoveryStore forUser() {
        return new RecoveryStore(CheckpointStore.userDataDir());
    }

    /** The recovery file. */
    public Path file() {
        return dir.resolve(FILE_NAME);
    }

    /**
     * Saves the session atomically, creating the folder if needed (the previous file is replaced).
     *
     * @throws IOException if it cannot be written; the previous file is then intact
     */
    public void save(Recovery r) throws IOException {
        Files.createDirectories(dir);
        AtomicFile.write(file(), r::writeTo);
    }

    /**
     * The recovery file left by a session that did not quit normally, if there is one.
     *
     * @return empty when there is no file
     * @throws CheckpointException if it is not a valid recovery file (not a regular file, too large, corrupt)
     * @throws IOException if it cannot be read
     */
    public Optional<Recovery> load() throws CheckpointException, IOException {
        Path f = file();
        if (!Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
            throw new CheckpointException("", "not a regular file");
        }
        byte[] b;
        try {
            // the shared reader (ADR 0031): bounded, never more than the limit, even if the file grew meanwhile
            b = org.unroll.engine.InputFile.readAllBytes(f, Recovery.MAX_BYTES);
        } catch (org.unroll.engine.InputFile.Refused e) {
            throw new CheckpointException("", e.getMessage());
        }
        return Optional.of(Recovery.parse(b));
    }

    /**
     * Moves an unreadable recovery file aside, to {@code recovery-corrupt-<time>.json} in the same
     * folder, so that the next start does not trip on it again.
     *
     * @return where it went, or null if there was nothing to move
     */
    public Path setAside() throws IOException {
        Path f = file();
        if (!Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        String stamp = Instant.now().toString().replace(':', '-');
        Path to = dir.resolve("recovery-corrupt-" + stamp + ".json");
        for (int i = 2; Files.exists(to, LinkOption.NOFOLLOW_LINKS); i++) {
            to = dir.resolve("recovery-corrupt-" + stamp + "-" + i + ".json");
        }
        Files.move(f, to);
        return to;
    }

    /** Deletes the recovery file, if any (a normal quit, or Discard). */
    public void discard() throws IOException {
        Files.deleteIfExists(file());
    }
}
