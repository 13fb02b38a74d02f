package org.unroll.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.unroll.engine.AtomicFile;
import org.unroll.engine.Case;
import org.unroll.engine.CaseException;
import org.unroll.engine.CaseFile;
import org.unroll.session.BuiltinCases;

/** Reading and writing case files for the commands, with the command line's error format. */
final class Cases {

    private Cases() {
    }

    /**
     * Reads a case named on the command line: a built-in one ({@code builtin:mini-lstm}, see
     * {@link BuiltinCases}) or a case file; or throws a {@link UserError} {@code NAME: PATH: WHAT}.
     */
    static Case read(String spec) {
        if (BuiltinCases.isBuiltin(spec)) {
            try {
                return BuiltinCases.load(spec);
            } catch (CaseException e) {
                throw new UserError(e.path().isEmpty() ? e.getMessage() : spec + ": " + e.getMessage());
            } catch (IOException e) {
                throw new UserError(spec + ": cannot read: " + e.getMessage());
            }
        }
        Path file;
        try {
            file = Path.of(spec);
        } catch (java.nio.file.InvalidPathException e) {
            // a NUL in the name: no file can have it
            throw new UserError(spec + ": not a valid file name");
        }
        return read(file);
    }

    /** Reads a case or throws a {@link UserError} {@code FILE: PATH: WHAT}. */
    static Case read(Path file) {
        try {
            return CaseFile.read(file);
        } catch (CaseException e) {
            throw new UserError(file + ": " + e.getMessage());
        } catch (IOException e) {
            throw readError(file, e);
        }
    }

    /** The command line's one line for a file that cannot be read. */
    static UserError readError(Path file, IOException e) {
        if (e instanceof org.unroll.engine.InputFile.Refused) {
            // not a regular file (never opened), beyond a limit, not UTF-8: the problem as it is
            return new UserError(file + ": " + e.getMessage());
        }
        if (e instanceof NoSuchFileException) {
            return new UserError(file + ": no such file");
        }
        if (e instanceof AccessDeniedException) {
            return new UserError(file + ": permission denied");
        }
        return new UserError(file + ": cannot read: " + e.getMessage());
    }

    /**
     * Throws a {@link UserError} naming the first number that overflowed, if any: such a trace is
     * never written (JSON has no NaN) nor compared.
     */
    static void requireFinite(java.nio.file.Path file, org.unroll.engine.Trace tr) {
        String where = tr.firstNonFinite();
        if (where != null) {
            throw new UserError(file + ": " + where + ": the computation overflowed (not a finite number);"
                    + " the weights or inputs are too large");
        }
    }

    /**
     * Throws a {@link UserError} ("cannot write /abs/FILE: it is a FIFO, not a regular file") if
     * {@code file} cannot be written: a folder, FIFO, socket, device node or read-only file, or a
     * missing folder. Opens nothing. Null: nothing to check.
     */
    static void checkTarget(Path file) {
        if (file == null) {
            return;
        }
        try {
            AtomicFile.checkTarget(file);
        } catch (IOException e) {
            throw new UserError(org.unroll.export.ExportErrors.describe(e, file));
        }
    }

    /**
     * A case as bytes for standard output, or a {@link UserError} naming the case-file limit when
     * it would be larger than the reader takes.
     */
    static byte[] bytes(String name, Case c, org.unroll.engine.Trace tr) {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        try {
            CaseFile.write(c, tr, buf);
        } catch (CaseFile.TooLarge e) {
            throw new UserError(name + ": not written: " + e.getMessage());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return buf.toByteArray();
    }

    /** Writes atomically or throws a {@link UserError} naming the file. */
    static void write(Path file, AtomicFile.Content content) {
        try {
            AtomicFile.write(file, content);
        } catch (CaseFile.TooLarge e) {
            // the reader's limit, named; nothing is left behind (ADR 0031)
            throw new UserError(file + ": not written: " + e.getMessage());
        } catch (IOException e) {
            // the same sentence as every export's ("cannot write /abs/FILE: why")
            throw new UserError(org.unroll.export.ExportErrors.describe(e, file));
        }
    }
}
