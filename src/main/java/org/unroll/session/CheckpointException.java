package org.unroll.session;

import org.unroll.engine.Message;

/**
 * A checkpoint that cannot be used: names the JSON path of the first problem, in one line, as
 * case files do ({@code state.weights.Wh: expected a 3×3 matrix, got 3×2}). The problem is a
 * {@link Message}: {@link #getMessage()} is its English text, {@link #getMessage(java.util.Locale)}
 * the same line in another language (ADR 0044).
 */
public final class CheckpointException extends Exception implements Message.Localized {

    private static final long serialVersionUID = 1L;
    private final String path;
    private final Message message;

    /**
     * @param path the JSON path of the problem ({@code ""} for the document as a whole)
     * @param problem what was expected there and what was found
     */
    public CheckpointException(String path, Message problem) {
        super(line(path, problem).english());
        this.path = path;
        this.message = line(path, problem);
    }

    /**
     * A problem in words that are not from the bundles (another exception's message): shown as
     * they are in every language.
     */
    public CheckpointException(String path, String problem) {
        this(path, Message.plain(problem));
    }

    private static Message line(String path, Message problem) {
        return path.isEmpty() ? problem : Message.of("problem.at", path, problem);
    }

    /** The JSON path of the problem, {@code ""} for the whole document. */
    public String path() {
        return path;
    }

    /** The whole line, path and problem. */
    @Override
    public Message message() {
        return message;
    }
}
