package org.unroll.deck;

import org.unroll.engine.ControlChars;
import org.unroll.engine.Message;

/**
 * A deck or scene that cannot be used: names the JSON path of the first problem and what was
 * expected there, for example {@code scenes[2].walk.events: expected all, only or skip-zero-errors,
 * got "some"}, in the manner of the case files' {@code CaseException}. The problem is a
 * {@link Message}: {@link #getMessage()} is its English text, {@link #getMessage(java.util.Locale)}
 * the same line in another language (ADR 0044).
 */
public final class DeckException extends Exception implements Message.Localized {

    private static final long serialVersionUID = 1L;
    private final String path;
    private final Message problem;
    private final Message message;

    /**
     * @param path the JSON path of the problem ({@code ""} for the document as a whole)
     * @param problem what was expected there and what was found (control characters in either are
     *     kept as their escapes, {@link ControlChars}, in every language)
     */
    public DeckException(String path, Message problem) {
        super(line(path, problem).english());
        // a key or a value quoted from the file may hold control characters: never shown raw (ADR 0032)
        this.path = ControlChars.escape(path);
        this.problem = problem.escaped();
        this.message = line(path, problem);
    }

    /**
     * A problem in words that are not from the bundles (another exception's message): shown as
     * they are in every language.
     */
    public DeckException(String path, String problem) {
        this(path, Message.plain(problem));
    }

    private static Message line(String path, Message problem) {
        return (path.isEmpty() ? problem : Message.of("problem.at", path, problem)).escaped();
    }

    public String path() {
        return path;
    }

    /** The problem alone, in English (escaped). */
    public String problem() {
        return problem.english();
    }

    /** The problem alone, in either language (escaped). */
    public Message problemMessage() {
        return problem;
    }

    /** The whole line, path and problem (escaped). */
    @Override
    public Message message() {
        return message;
    }
}
