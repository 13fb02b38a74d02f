package org.unroll.engine;

/**
 * Input the engine refuses, said in either language (ADR 0044): an {@link IllegalArgumentException}
 * whose {@link #getMessage()} is the English line, as before, and whose {@link #message()} says it
 * in the window's language. For readers that have always thrown {@code IllegalArgumentException}
 * (the training CSV reader), so that callers catching it keep working.
 */
public final class InvalidInput extends IllegalArgumentException implements Message.Localized {

    private static final long serialVersionUID = 1L;
    private final Message message;

    public InvalidInput(Message message) {
        super(message.english());
        this.message = message;
    }

    public InvalidInput(Message message, Throwable cause) {
        super(message.english(), cause);
        this.message = message;
    }

    @Override
    public Message message() {
        return message;
    }
}
