package org.unroll.interop;

/**
 * A file that cannot be imported: its message is one sentence for the user, naming the file's
 * problem or what the case format cannot hold (for example "stacked recurrent layers (3): import
 * one with --layer N").
 */
public final class ImportException extends Exception {

    private static final long serialVersionUID = 1L;

    public ImportException(String message) {
        super(message);
    }

    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
