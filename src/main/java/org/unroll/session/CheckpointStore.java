package org.unroll.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the app keeps the checkpoint of the Training tab's run between sessions: in the user's
 * data folder, the system property {@value #PROPERTY} when set (tests), else {@code %APPDATA%\Unroll}
 * on Windows, {@code ~/Library/Application Support/Unroll} on macOS, and {@code $XDG_DATA_HOME/unroll}
 * (default {@code ~/.local/share/unroll}) elsewhere. Do the file work off the JavaFX thread.
 *
 * <p>Each running app has a checkpoint of its own (ADR 0043, the slots of ADR 0041 by
 * {@link AppSlot}), so that two apps training at once neither overwrite nor delete each other's, and
 * an app started while another trains is not offered the live run: the first {@link #load} or
 * {@link #save} claims the lowest slot whose lock file ({@code training-checkpoint.lock},
 * {@code training-checkpoint-2.lock}, …) no other process holds, and keeps it until {@link #release}.
 * Slot 1's file is {@value #FILE_NAME}, the one file of the versions before slots, so that a
 * checkpoint they left is still offered; slot n's is {@code training-checkpoint-n.json}. A slot
 * claimed with no file of its own adopts the file of a slot no running app holds (an app killed
 * while it trained, or closed with its run paused), so that exactly one app is offered it.
 */
public final class CheckpointStore {

    /** The system property that names the data folder. */
    public static final String PROPERTY = "unroll.data.dir";
    /** The file's name in the data folder (slot 1's; the one file before slots). */
    public static final String FILE_NAME = "training-checkpoint.json";

    private final Path dir;
    /** This app's slot among {@value #FILE_NAME}, {@code training-checkpoint-2.json}, … */
    private final AppSlot slots;

    /** A store in this folder (created when the first checkpoint is saved). */
    public CheckpointStore(Path dir) {
        this.dir = dir;
        this.slots = new AppSlot(dir, "training-checkpoint", ".json");
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

    /** This app's checkpoint file once a slot is claimed (the first load or save), else slot 1's. */
    public Path file() {
        return slots.file();
    }

    /** The slot this app holds: 1, 2, …; 0 before the first load or save, or after {@link #release}. */
    public int slot() {
        return slots.slot();
    }

    /**
     * Gives up this app's slot; its checkpoint stays, to be offered to the next app that claims the
     * slot or adopts the file (a normal quit with a run unfinished, or a kill, amount to this).
     */
    public void release() {
        slots.release();
    }

    /**
     * Saves a checkpoint atomically, creating the folder if needed (the previous one is replaced).
     *
     * @throws IOException if it cannot be written; the previous file is then intact
     */
    public void save(Checkpoint c) throws IOException {
        c.write(slots.claim());
    }

    /**
     * The checkpoint of a run left unfinished in this app's slot (its own, or one it adopted), if
     * there is one; never the checkpoint of a run another app is training.
     *
     * @return empty when there is no file
     * @throws CheckpointException if the file is not a valid checkpoint
     * @throws IOException if it cannot be read
     */
    public Optional<Checkpoint> load() throws CheckpointException, IOException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();    // nothing to offer; nothing created before the first save
        }
        Path f = slots.claim();
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        return Optional.of(Checkpoint.read(f));
    }

    /**
     * Deletes this app's checkpoint, if any; nothing when no slot is claimed (this app has neither
     * read nor written one), so another app's checkpoint is never deleted.
     */
    public void discard() throws IOException {
        if (slots.slot() == 0) {
            return;
        }
        Files.deleteIfExists(file());
    }
}
