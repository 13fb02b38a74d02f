package org.unroll.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The temporary files and folders of this process's writes ({@code .NAME.PID.N.tmp} beside the
 * file being written), so that none is left behind (ADR 0030):
 * <ul>
 *   <li>at exit, a shutdown hook deletes this process's temporaries that are still there (a write
 *       interrupted by Ctrl+C), after the tasks registered with {@link #atExit} have run (a hook
 *       that makes or waits for a last write must register there, not with {@code Runtime});</li>
 *   <li>with a journal folder ({@link #useJournal}, the app's data folder), each temporary is
 *       listed in {@code PID.txt} there before it is created, and the next start deletes the
 *       temporaries of the journals whose process is gone (killed, or the machine lost power).</li>
 * </ul>
 * Only names of the temporary pattern with the journal's own process id are ever deleted.
 */
public final class Temporaries {

    /** The process id in every temporary's name. */
    public static final long PID = ProcessHandle.current().pid();

    /** {@code .NAME.PID.N.tmp}: group 1 the process id. */
    private static final Pattern NAME = Pattern.compile("^\\..*\\.(\\d+)\\.\\d+\\.tmp$");
    private static final Pattern JOURNAL = Pattern.compile("^(\\d+)\\.txt$");
    /** How much longer than the target's name a temporary's may be kept to (file names ≤ 255 bytes). */
    private static final int MAX_NAME_CHARS = 80;

    private static final AtomicLong COUNTER = new AtomicLong();
    private static final Object LOCK = new Object();
    private static final Set<Path> LIVE = new LinkedHashSet<>();
    private static final List<Runnable> EXIT_TASKS = new ArrayList<>();
    private static Path journalDir;
    private static boolean exiting;

    static {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(Temporaries::exit, "unroll-temporaries-at-exit"));
        } catch (IllegalStateException e) {
            // loaded while the JVM is already shutting down: the next start cleans up
        }
    }

    private Temporaries() {
    }

    /**
     * Keeps the journal of this process's temporaries in {@code dir} (created with the first
     * temporary) and deletes the temporaries left by processes that are gone.
     *
     * @param dir the journal folder (the app's data folder's {@code writing} folder)
     * @return how many stale temporaries were deleted
     */
    public static int useJournal(Path dir) {
        Path abs = dir.toAbsolutePath();
        synchronized (LOCK) {
            journalDir = abs;
            if (!LIVE.isEmpty()) {
                for (Path p : LIVE) {
                    journal(p);
                }
            }
        }
        return removeStale(abs);
    }

    /**
     * Deletes the temporaries listed in the journals of {@code dir} whose process is no longer
     * running (or whose process id now belongs to a process started after the journal was
     * written), and those journals. Errors are ignored: a file that cannot be deleted stays listed.
     *
     * @return how many temporaries were deleted
     */
    public static int removeStale(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path journal : s) {
                Matcher m = JOURNAL.matcher(journal.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(m.group(1));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (pid == PID || running(pid, journal)) {
                    continue;
                }
                removed += removeListed(journal, pid);
            }
        } catch (IOException | RuntimeException e) {
            // a data folder that cannot be read: nothing to clean
        }
        return removed;
    }

    private static boolean running(long pid, Path journal) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty() || !h.get().isAlive()) {
            return false;
        }
        long started = h.get().info().startInstant().map(i -> i.toEpochMilli()).orElse(Long.MIN_VALUE);
        if (started == Long.MIN_VALUE) {
            return true;
        }
        try {
            // the owner started before it wrote its journal; a later start is a reused process id
            long written = Files.getLastModifiedTime(journal).toMillis();
            return started <= written + 2000;
        } catch (IOException e) {
            return true;
        }
    }

    private static int removeListed(Path journal, long pid) throws IOException {
        int removed = 0;
        boolean kept = false;
        for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            Path p;
            try {
                p = Path.of(line);
            } catch (RuntimeException e) {
                continue;
            }
            Matcher n = p.getFileName() == null ? null : NAME.matcher(p.getFileName().toString());
            if (!p.isAbsolute() || n == null || !n.matches() || !n.group(1).equals(Long.toString(pid))) {
                continue; // not one of ours: never deleted
            }
            try {
                if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    deleteTree(p);
                    removed++;
                }
            } catch (IOException e) {
                kept = true;
            }
        }
        if (!kept) {
            Files.deleteIfExists(journal);
        }
        return removed;
    }

    /**
     * Creates an empty temporary file for {@code target} in its folder, readable by the owner only,
     * listed until {@link #done} or {@link #discard}.
     */
    public static Path newFile(Path dir, String targetName) throws IOException {
        return create(dir, targetName, false);
    }

    /** Creates a temporary folder {@code .NAME.PID.N.tmp} in {@code dir}, listed until {@link #discard}. */
    public static Path newFolder(Path dir, String name) throws IOException {
        return create(dir, name, true);
    }

    private static Path create(Path dir, String name, boolean folder) throws IOException {
        String base = name.length() > MAX_NAME_CHARS ? name.substring(0, MAX_NAME_CHARS) : name;
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + base + "." + PID + "." + COUNTER.incrementAndGet() + ".tmp").toAbsolutePath();
            synchronized (LOCK) {
                LIVE.add(tmp);
                journal(tmp); // listed before it exists: a kill in between leaves nothing unlisted
            }
            try {
                if (folder) {
                    FileAttribute<?>[] a = posix
                            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                            : new FileAttribute<?>[0];
                    Files.createDirectory(tmp, a);
                } else {
                    FileAttribute<?>[] a = posix
                            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                            : new FileAttribute<?>[0];
                    Files.createFile(tmp, a);
                }
                return tmp;
            } catch (FileAlreadyExistsException e) {
                forget(tmp); // another process of the same id once (a reused id): the next number
                if (attempt > 100) {
                    throw e;
                }
            } catch (IOException | RuntimeException e) {
                forget(tmp);
                throw e;
            }
        }
    }

    /** The temporary was renamed into place: no longer listed. */
    public static void done(Path tmp) {
        forget(tmp.toAbsolutePath());
    }

    /** Deletes a temporary file or folder (with what it holds) and stops listing it. */
    public static void discard(Path tmp) throws IOException {
        Path abs = tmp.toAbsolutePath();
        try {
            deleteTree(abs);
        } finally {
            forget(abs);
        }
    }

    /**
     * Runs {@code task} at exit, before this process's temporaries are deleted (instead of
     * {@code Runtime.addShutdownHook}: a hook that writes, or waits for a write, must finish before
     * the temporaries go). The tasks run each in its own thread, and all are awaited.
     *
     * @return cancels the task (no effect once the JVM is exiting)
     */
    public static Runnable atExit(Runnable task) {
        synchronized (LOCK) {
            if (exiting) {
                throw new IllegalStateException("the JVM is exiting");
            }
            EXIT_TASKS.add(task);
        }
        return () -> {
            synchronized (LOCK) {
                EXIT_TASKS.remove(task);
            }
        };
    }

    /** The temporaries this process has open now (for tests and the exit hook). */
    public static List<Path> live() {
        synchronized (LOCK) {
            return List.copyOf(LIVE);
        }
    }

    private static void exit() {
        List<Runnable> tasks;
        synchronized (LOCK) {
            exiting = true;
            tasks = List.copyOf(EXIT_TASKS);
        }
        List<Thread> threads = new ArrayList<>();
        for (Runnable t : tasks) {
            Thread th = new Thread(t, "unroll-at-exit");
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) {
            try {
                th.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Path p : live()) {
            try {
                discard(p);
            } catch (IOException | RuntimeException e) {
                // listed in the journal still: the next start deletes it
            }
        }
    }

    private static void forget(Path tmp) {
        synchronized (LOCK) {
            LIVE.remove(tmp);
            if (LIVE.isEmpty() && journalDir != null) {
                try {
                    Files.deleteIfExists(journalFile());
                } catch (IOException e) {
                    // stale lines name files that are gone: harmless
                }
            }
        }
    }

    /** Appends a line to this process's journal (under LOCK); without a journal folder, nothing. */
    private static void journal(Path tmp) {
        if (journalDir == null) {
            return;
        }
        try {
            Files.createDirectories(journalDir);
            Files.writeString(journalFile(), tmp + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException | RuntimeException e) {
            // no journal (a read-only data folder): the exit hook still cleans up
        }
    }

    private static Path journalFile() {
        return journalDir.resolve(PID + ".txt");
    }

    /** Deletes a file, or a folder with all it holds; links are deleted, never followed. */
    private static void deleteTree(Path root) throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(root);
            return;
        }
        List<Path> paths;
        try (Stream<Path> s = Files.walk(root)) {
            paths = s.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : paths) {
            Files.deleteIfExists(p);
        }
    }
}
