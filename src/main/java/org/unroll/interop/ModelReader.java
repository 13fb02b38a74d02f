package org.unroll.interop;

import java.io.IOException;
import java.nio.file.Path;

/** Reads one kind of file (one framework's format) into an {@link Imported}. */
public interface ModelReader {

    /**
     * Whether this reader reads the file, judged from its name and its first bytes (a zip's
     * {@code PK}, HDF5's signature, a pickle's protocol byte, ...), without reading it whole.
     */
    boolean accepts(String fileName, byte[] head);

    /**
     * Reads the file. Bounded: a file larger than the engine's limits is refused before it is read.
     *
     * @throws ImportException the file is not what it claims, or holds what a case cannot
     * @throws IOException the file cannot be read
     */
    Imported read(Path file, ImportOptions options) throws ImportException, IOException;
}
