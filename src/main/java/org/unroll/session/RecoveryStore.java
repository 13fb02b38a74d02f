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
 *
 * <p>Each running app has a slot of its own (ADR 0041), so that two windows open at once neither
 * overwrite nor delete each other's file, nor offer a session that is still running: the first
 * {@link #load} or {@link #save} claims the lowest slot whose lock file ({@code recovery.lock},
 * {@code recovery-2.lock}, …) no other process holds (an OS lock, gone when its process ends, a
 * crash included), and keeps it until {@link #release}. Slot 1's file is {@value #FILE_NAME}, slot
 * n's {@code recovery-n.json}. A slot claimed with no file of its own adopts the file of a slot no
 * running app holds (a second window that crashed while the first ran on), so that it is offered.
 * The slots are {@link AppSlot}'s, the mechanism the Training tab's checkpoint uses too (ADR 0043).
 */
public final class RecoveryStore {

    /** The file's name in the data folder (slot 1). */
    public static final String FILE_NAME = "recovery.json";

    private final Path dir;
    /** This app's slot among {@code recovery.json}, {@code recovery-2.json}, … (ADR 0041). */
    private final AppSlot slots;

    /** A store in this folder (created when the first recovery is saved). */
    public RecoveryStore(Path dir) {
        this.dir = dir;
        this.slots = new AppSlot(dir, "recovery", ".json");
    }

    /** The store in the user's data folder; nothing is created yet. */
    public static RecoveryStore forUser() {
        return new RecoveryStore(CheckpointStore.userDataDir());
    }

    /** The recovery file: this app's slot's once claimed, else slot 1's. */
    public Path file() {
        return slots.file();
    }

    /** The slot this app holds: 1, 2, …; 0 before the first load or save, or after {@link #release}. */
    public int slot() {
        return slots.slot();
    }

    /**
     * Gives up this app's slot (its file stays: a crash amounts to this). The next load or save
     * claims a slot again.
     */
    public void release() {
        slots.release();
    }

    /**
     * Saves the session atomically, creating the folder if needed (the previous file is replaced).
     *
     * @throws IOException if it cannot be written; the previous file is then intact
     */
    public void save(Recovery r) throws IOException {
        AtomicFile.write(slots.claim(), r::writeTo);
    }

    /**
     * The recovery file left by a session that did not quit normally, if there is one.
     *
     * @return empty when there is no file
     * @throws CheckpointException if it is not a valid recovery file (not a regular file, too large, corrupt)
     * @throws IOException if it cannot be read
     */
    public Optional<Recovery> load() throws CheckpointException, IOException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();    // nothing to offer; nothing created before the first save
        }
        Path f = slots.claim();
        if (!Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
            throw new CheckpointException("", org.unroll.engine.Message.of("problem.recovery.notRegular"));
        }
        byte[] b;
        try {
            // the shared reader (ADR 0031): bounded, never more than the limit, even if the file grew meanwhile
            b = org.unroll.engine.InputFile.readAllBytes(f, Recovery.MAX_BYTES);
        } catch (org.unroll.engine.InputFile.Refused e) {
            throw new CheckpointException("", e.message());
        }
        return Optional.of(Recovery.parse(b));
    }

    /**
     * Moves an unreadable recovery file aside, to {@code recovery-corrupt-<time>.json} in the same
     * folder, so that the next start does not trip on it again.
     *
     * @return where it went, or null if there was nothing to move
     */
    public synchronized Path setAside() throws IOException {
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

    /**
     * Deletes this app's recovery file, if any (a normal quit, or Discard); nothing when no slot is
     * claimed (this app has neither read nor written one).
     */
    public synchronized void discard() throws IOException {
        if (slots.slot() == 0) {
            return;
        }
        Files.deleteIfExists(file());
    }
}
