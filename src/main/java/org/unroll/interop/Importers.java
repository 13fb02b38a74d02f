package org.unroll.interop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.unroll.engine.Message;

/** Every reader, and the one entry that picks the reader for a file. */
public final class Importers {

    /** How many bytes of a file the readers see to decide. */
    static final int HEAD = 512;

    /** The readers, tried in this order; the first that accepts a file reads it. */
    // Keras first: the PyTorch reader takes any zip not named .keras
    private static final List<ModelReader> READERS = List.of(new KerasReader(), new PyTorchReader());

    private Importers() {
    }

    /**
     * Reads a network from another framework's file.
     *
     * @throws ImportException the file is of no kind known here, or its reader refuses it
     * @throws IOException the file cannot be read
     */
    public static Imported read(Path file, ImportOptions options) throws ImportException, IOException {
        byte[] head;
        try {
            // a FIFO, a device or a folder is refused unopened (ADR 0031); each reader bounds its reads
            head = org.unroll.engine.InputFile.head(file, HEAD, Long.MAX_VALUE);
        } catch (org.unroll.engine.InputFile.Refused e) {
            throw new ImportException(Message.of("problem.at", file.getFileName().toString(), Message.from(e)));
        }
        String name = file.getFileName().toString();
        for (ModelReader r : READERS) {
            if (r.accepts(name, head)) {
                return r.read(file, options);
            }
        }
        throw new ImportException(Message.of("problem.import.unknownKind", name));
    }
}
