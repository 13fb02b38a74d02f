package org.unroll.interop;

import org.unroll.engine.Message;

/**
 * A file that cannot be imported: its message is one sentence for the user, naming the file's
 * problem or what the case format cannot hold (for example "stacked recurrent layers (3): import
 * one with --layer N"). The sentence is a {@link Message} (ADR 0044): {@link #getMessage()} is its
 * English text, the command line's, and {@link #getMessage(java.util.Locale)} the same sentence in
 * Japanese, the file's names, layers, shapes and values as they are in both.
 */
public final class ImportException extends Exception implements Message.Localized {

    private static final long serialVersionUID = 1L;
    private final Message message;

    public ImportException(Message message) {
        this(message, null);
    }

    public ImportException(Message message, Throwable cause) {
        super(message.english(), cause);
        this.message = message;
    }

    @Override
    public Message message() {
        return message;
    }
}
