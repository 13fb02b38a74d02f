package org.unroll.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.unroll.engine.Case;
import org.unroll.export.ExportErrors;
import org.unroll.interop.ImportException;
import org.unroll.interop.KerasWriter;

/** {@code export --format keras} (or {@code -o FILE.h5}): the case's weights in Keras's layout (ADR 0021). */
final class KerasWeights {

    private KerasWeights() {
    }

    /** Whether the export asks for Keras weights. */
    static boolean wanted(String format, Path output) {
        if (format != null) {
            return format.equalsIgnoreCase("keras");
        }
        String n = output.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".h5") || n.endsWith(".hdf5");
    }

    /** Writes the file and prints the Python that loads it; exit 0, or a {@link UserError}. */
    static int write(Case c, Path output) {
        try {
            KerasWriter.write(c.config(), c.weights(), output);
        } catch (ImportException e) {
            throw new UserError(e.getMessage());
        } catch (IOException e) {
            throw new UserError(ExportErrors.describe(e, output));
        }
        System.out.println("wrote " + output + "; in Python (import keras):");
        System.out.println(KerasWriter.python(c.config(), output.getFileName().toString()));
        return 0;
    }
}
