package org.unroll.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the app keeps the checkpoint of the Training tab's run between sessions: one file,
 * {@value #FILE_NAME}, in the user's data folder. The folder is the system property
 * {@value #PROPERTY} when set (tests), else {@code %APPDATA%\Unroll} on Windows,
 * {@code ~/Library/Application Support/Unroll} on macOS, and {@code $XDG_DATA_HOME/unroll}
 * (default {@code ~/.local/share/unroll}) elsewhere. Do the file work off the JavaFX thread.
 */
public final class CheckpointStore {

    /** The system property that names the data folder. */
    public static final String PROPERTY = "unroll.data.dir";
    /** The file's name in the data folder. */
    public static final String FILE_NAME = "training-checkpoint.json";

    private final Path dir;

    /** A store in this folder (created when the first checkpoint is saved). */
    public CheckpointStore(Path dir) {
        this.dir = dir;
    }

    /** The store in the user's data folder (see the class comment); nothing is created yet. */
    public static CheckpointStore forUser() {
        return new CheckpointStore(userDataDir());
    }

    /** The user's data folder for Unroll (see the class comment). */
    public static Path userDataDir() {
        String p = System.getProperty(PROPERTY);
        if (p != null && !p.isBlank()) {
            return Path.of(p);
        }
        String home = System.getProperty("user.home", ".");
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = System.getenv("APPDATA");
            return appData != null && !appData.isBlank() ? Path.of(appData, "Unroll") : Path.of(home, "AppData", "Roaming", "Unroll");
        }
        if (os.startsWith("mac")) {
            return Path.of(home, "Library", "Application Support", "Unroll");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg, "unroll") : Path.of(home, ".local", "share", "unroll");
    }

    /** The checkpoint's file. */
    public Path file() {
        return dir.resolve(FILE_NAME);
    }

    /**
     * Saves a checkpoint atomically, creating the folder if needed (the previous one is replaced).
     *
     * @throws IOException if it cannot be written; the previous file is then intact
     */
    public void save(Checkpoint c) throws IOException {
        Files.createDirectories(dir);
        c.write(file());
    }

    /**
     * The saved checkpoint, if there is one.
     *
     * @return empty when there is no file
     * @throws CheckpointException if the file is not a valid checkpoint
     * @throws IOException if it cannot be read
     */
    public Optional<Checkpoint> load() throws CheckpointException, IOException {
        Path f = file();
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        return Optional.of(Checkpoint.read(f));
    }

    /** Deletes the saved checkpoint, if any. */
    public void discard() throws IOException {
        Files.deleteIfExists(file());
    }
}
