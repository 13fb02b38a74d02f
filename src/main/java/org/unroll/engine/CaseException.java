package org.unroll.engine;

/**
 * A case that cannot be used: names the JSON path of the first problem and what was expected
 * there, for example {@code model.params.Wx_i: expected a 3×2 matrix, got 3×1}. The problem is a
 * {@link Message}: {@link #getMessage()} is its English text, {@link #getMessage(java.util.Locale)}
 * the same line in another language (ADR 0044); the path is the same in both.
 */
public final class CaseException extends Exception implements Message.Localized {

    private static final long serialVersionUID = 1L;
    private final String path;
    private final Message problem;
    private final Message message;

    /**
     * @param path the JSON path of the problem ({@code ""} for the document as a whole)
     * @param problem what was expected there and what was found (control characters in either are
     *     kept as their escapes, {@link ControlChars}, in every language)
     */
    public CaseException(String path, Message problem) {
        this(path, problem, line(path, problem));
    }

    /**
     * A problem in words that are not from the bundles (another library's, the operating
     * system's): shown as they are in every language.
     */
    public CaseException(String path, String problem) {
        this(path, Message.plain(problem));
    }

    private CaseException(String path, Message problem, Message line) {
        super(line.english());
        // a key or a value quoted from the file may hold control characters: never shown raw (ADR 0032)
        this.path = ControlChars.escape(path);
        this.problem = problem.escaped();
        this.message = line;
    }

    /** The line "path: problem" (the problem alone at the top level), escaped. */
    static Message line(String path, Message problem) {
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
