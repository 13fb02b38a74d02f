package org.unroll.export;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.ResourceBundle;
import org.unroll.engine.AtomicFile;
import org.unroll.view.Messages;

/**
 * Turns what an export threw into one sentence for the user, naming the file and the problem:
 * "cannot write /x/y.png: the folder does not exist". The command line prints it after "error: ",
 * the app shows it in a dialog.
 */
public final class ExportErrors {

    private ExportErrors() {
    }

    /**
     * One sentence in English on why writing {@code target} failed (the command line's). Looks at
     * the exception and its causes, and at whether the target's folder exists.
     *
     * @param failure what the writer threw (not modified)
     * @param target the file or folder that was being written
     */
    public static String describe(Throwable failure, Path target) {
        return describe(failure, target, Messages.bundle(Locale.ENGLISH));
    }

    /**
     * The same sentence in the language of a bundle (the app's). A size out of range is told in
     * the writer's own words, in English.
     *
     * @param failure what the writer threw (not modified)
     * @param target the file or folder that was being written
     * @param bundle the app's bundle {@code i18n.messages} (not modified)
     */
    public static String describe(Throwable failure, Path target, ResourceBundle bundle) {
        Path abs = target.toAbsolutePath().normalize();
        return Messages.format(bundle, "export.error.cannotWrite", abs, problem(failure, abs, bundle));
    }

    private static String problem(Throwable failure, Path target, ResourceBundle b) {
        Throwable e = unwrap(failure);
        if (e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        if (e instanceof OutOfMemoryError) {
            return b.getString("export.error.memory");
        }
        String text = String.valueOf(e.getMessage());
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("no space left") || lower.contains("disk quota")) {
            return Messages.format(b, "export.error.diskFull", reason(e));
        }
        if (lower.contains("read-only file system")) {
            return b.getString("export.error.readOnly");
        }
        if (e instanceof AccessDeniedException || lower.contains("permission denied")
                || lower.contains("access is denied")) {
            return b.getString("export.error.denied");
        }
        if (e instanceof AtomicFile.NotWritableException nw) {
            return b.getString(switch (nw.kind()) {
                case FOLDER -> "export.error.isFolder";
                case FIFO -> "export.error.isFifo";
                case DEVICE -> "export.error.isDevice";
                case SOCKET -> "export.error.isSocket";
                case OTHER -> "export.error.notRegular";
                case READ_ONLY -> "export.error.readOnlyFile";
            });
        }
        if (e instanceof FileSystemException fse && "is a folder".equals(fse.getReason())) {
            return b.getString("export.error.isFolder");
        }
        if (e instanceof FileSystemException fse && "is not a folder".equals(fse.getReason())) {
            return b.getString("export.error.isFile");
        }
        Path parent = target.getParent();
        if (e instanceof NotDirectoryException || parent != null && Files.exists(parent) && !Files.isDirectory(parent)) {
            return b.getString("export.error.pathPart");
        }
        if (e instanceof NoSuchFileException || lower.startsWith("no such directory")
                || parent != null && !Files.exists(parent)) {
            return b.getString("export.error.noFolder");
        }
        if (e instanceof IOException) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return Messages.format(b, "export.error.draw", e);
    }

    /**
     * The exception to describe: the failure itself if it is about the arguments or memory, else the
     * first IOException among its causes (inside UncheckedIOException and library wrappers), else
     * the failure.
     */
    private static Throwable unwrap(Throwable failure) {
        if (failure instanceof IllegalArgumentException || failure instanceof Error) {
            return failure;
        }
        Throwable e = failure;
        for (int depth = 0; depth < 16 && e != null; depth++) {
            if (e instanceof IOException) {
                return e;
            }
            e = e.getCause() == e ? null : e.getCause();
        }
        return failure;
    }

    private static String reason(Throwable e) {
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        String m = e.getMessage();
        return m == null ? "no space left" : m.strip();
    }
}
