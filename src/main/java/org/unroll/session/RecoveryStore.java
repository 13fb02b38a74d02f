package org.unroll.session;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
 */
public final class RecoveryStore {

    /** The file's name in the data folder (slot 1). */
    public static final String FILE_NAME = "recovery.json";

    /** How many apps at once get a slot of their own; more share the last one. */
    static final int SLOTS = 16;

    private final Path dir;
    private int slot;            // 0: not claimed yet
    private FileChannel lockChannel;
    private FileLock lock;
    private boolean unlockable;

    /** A store in this folder (created when the first recovery is saved). */
    public RecoveryStore(Path dir) {
        this.dir = dir;
    }

    /** The store in the user's data folder; nothing is created yet. */
    public static RecoveryStore forUser() {
        return new RecoveryStore(CheckpointStore.userDataDir());
    }

    /** The recovery file: this app's slot's once claimed, else slot 1's. */
    public synchronized Path file() {
        return fileOf(slot == 0 ? 1 : slot);
    }

    /** The slot this app holds: 1, 2, …; 0 before the first load or save, or after {@link #release}. */
    public synchronized int slot() {
        return slot;
    }

    private Path fileOf(int n) {
        return dir.resolve(n == 1 ? FILE_NAME : "recovery-" + n + ".json");
    }

    private Path lockOf(int n) {
        return dir.resolve(n == 1 ? "recovery.lock" : "recovery-" + n + ".lock");
    }

    /** A lock on slot n's lock file if no one holds it, else null (the channel closed). */
    private FileLock tryLock(int n, FileChannel[] channel) {
        FileChannel ch = null;
        try {
            ch = FileChannel.open(lockOf(n), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l = ch.tryLock();
            if (l != null) {
                channel[0] = ch;
                return l;
            }
        } catch (OverlappingFileLockException e) {
            // held by this process (another window in the same JVM, as in tests)
        } catch (IOException e) {
            unlockable = true;  // not lockable here (a read-only folder, one that refuses locks)
        }
        closeQuietly(ch);
        return null;
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // nothing to keep
            }
        }
    }

    /**
     * Claims a slot if none is held: the lowest free one, then, if its file is absent, adopts one
     * left in a slot no running app holds. Without a folder that can be locked it takes slot 1
     * unlocked, as before slots existed.
     */
    private synchronized void claim() throws IOException {
        if (slot != 0) {
            return;
        }
        Files.createDirectories(dir);
        FileChannel[] ch = new FileChannel[1];
        unlockable = false;
        for (int n = 1; n <= SLOTS && !unlockable; n++) {
            FileLock l = tryLock(n, ch);
            if (l != null) {
                slot = n;
                lock = l;
                lockChannel = ch[0];
                break;
            }
        }
        if (slot == 0) {
            // no locks in this folder: slot 1, as before slots existed; every slot held: share the last
            slot = unlockable ? 1 : SLOTS;
            return;
        }
        if (Files.exists(fileOf(slot), LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        for (int n = 1; n <= SLOTS; n++) {
            if (n == slot || !Files.exists(fileOf(n), LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            FileChannel[] other = new FileChannel[1];
            FileLock l = tryLock(n, other);
            if (l == null) {
                continue;       // its app is running
            }
            try {
                try {
                    Files.move(fileOf(n), fileOf(slot), StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(fileOf(n), fileOf(slot));
                }
                return;
            } catch (IOException e) {
                // left where it is: offered when its slot is claimed
            } finally {
                try {
                    l.release();
                } catch (IOException e) {
                    // closing the channel releases it too
                }
                closeQuietly(other[0]);
            }
        }
    }

    /**
     * Gives up this app's slot (its file stays: a crash amounts to this). The next load or save
     * claims a slot again.
     */
    public synchronized void release() {
        if (lock != null) {
            try {
                lock.release();
            } catch (IOException e) {
                // closing the channel releases it too
            }
        }
        closeQuietly(lockChannel);
        lock = null;
        lockChannel = null;
        slot = 0;
    }

    /**
     * Saves the session atomically, creating the folder if needed (the previous file is replaced).
     *
     * @throws IOException if it cannot be written; the previous file is then intact
     */
    public void save(Recovery r) throws IOException {
        claim();
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
        if (!Files.isDirectory(dir)) {
            return Optional.empty();    // nothing to offer; nothing created before the first save
        }
        claim();
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
        if (slot == 0) {
            return;
        }
        Files.deleteIfExists(file());
    }
}
