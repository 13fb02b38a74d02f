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
     * @param problem what was expected there and what was found
     */
    public DeckException(String path, String problem) {
        super(path.isEmpty() ? problem : path + ": " + problem);
        this.path = path;
        this.problem = problem;
    }

    public String path() {
        return path;
    }

    public String problem() {
        return problem;
    }
}
