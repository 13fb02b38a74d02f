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

/**
 * One running app's slot in a family of numbered files in the data folder (ADR 0041, 0043): slot 1's
 * file is {@code NAME.EXT}, slot n's {@code NAME-n.EXT}, each guarded by the OS lock of its lock
 * file {@code NAME.lock}, {@code NAME-n.lock}. A lock goes with its process however it ends (a kill
 * included), so a slot whose lock is free holds a file that no running app is writing.
 *
 * <p>{@link #claim} takes the lowest of {@value #SLOTS} slots whose lock no one holds and keeps it
 * until {@link #release}; a slot claimed with no file of its own adopts (an atomic move) the file of
 * a slot no running app holds, so that exactly one app is offered it. A folder where a lock file
 * cannot be opened keeps slot 1's file unlocked, as before slots; with every slot held, the last is
 * shared. The recovery file ({@link RecoveryStore}) and the Training tab's checkpoint
 * ({@link CheckpointStore}) each have a family of their own.
 */
final class AppSlot {

    /** How many apps at once get a slot of their own; more share the last one. */
    static final int SLOTS = 16;

    private final Path dir;
    private final String name;
    private final String ext;
    private int slot;            // 0: not claimed yet
    private FileChannel lockChannel;
    private FileLock lock;
    private boolean unlockable;

    /**
     * @param dir the data folder (created at the first claim)
     * @param name the files' name without its extension ({@code recovery})
     * @param ext the files' extension with its dot ({@code .json})
     */
    AppSlot(Path dir, String name, String ext) {
        this.dir = dir;
        this.name = name;
        this.ext = ext;
    }

    /** The slot this app holds: 1, 2, …; 0 before the first claim, or after {@link #release}. */
    synchronized int slot() {
        return slot;
    }

    /** This app's file once a slot is claimed, else slot 1's. */
    synchronized Path file() {
        return fileOf(slot == 0 ? 1 : slot);
    }

    /** Slot n's file. */
    Path fileOf(int n) {
        return dir.resolve(n == 1 ? name + ext : name + "-" + n + ext);
    }

    private Path lockOf(int n) {
        return dir.resolve(n == 1 ? name + ".lock" : name + "-" + n + ".lock");
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
     * unlocked, as before slots existed. Creates the folder.
     *
     * @return the slot's file (taken with the claim, so that a {@link #release} meanwhile does not
     *     turn it into slot 1's)
     * @throws IOException if the folder cannot be created
     */
    synchronized Path claim() throws IOException {
        if (slot == 0) {
            take();
        }
        return fileOf(slot);
    }

    private void take() throws IOException {
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
                // left where it is (or another app took it first): offered when its slot is claimed
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

    /** Gives up the slot (its file stays: a crash amounts to this). The next claim takes one again. */
    synchronized void release() {
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
}
