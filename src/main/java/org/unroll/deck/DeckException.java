package org.unroll.deck;

/**
 * A deck or scene that cannot be used: names the JSON path of the first problem and what was
 * expected there, for example {@code scenes[2].walk.events: expected all, only or skip-zero-errors,
 * got "some"}, in the manner of the case files' {@code CaseException}.
 */
public final class DeckException extends Exception {

    private static final long serialVersionUID = 1L;
    private final String path;
    private final String problem;

    /**
     * @param path the JSON path of the problem ({@code ""} for the document as a whole)
     * @param problem what was expected there and what was found (control characters in either are
     *     kept as their escapes, {@link org.unroll.engine.ControlChars})
     */
    public DeckException(String path, String problem) {
        super(path.isEmpty() ? org.unroll.engine.ControlChars.escape(problem) : org.unroll.engine.ControlChars.escape(path + ": " + problem));
        // a key or a value quoted from the file may hold control characters: never shown raw (ADR 0032)
        this.path = org.unroll.engine.ControlChars.escape(path);
        this.problem = org.unroll.engine.ControlChars.escape(problem);
    }

    public String path() {
        return path;
    }

    public String problem() {
        return problem;
    }
}
