package org.unroll.engine;

/**
 * A case that cannot be used: names the JSON path of the first problem and what was expected
 * there, for example {@code model.params.Wx_i: expected a 3×2 matrix, got 3×1}.
 */
public final class CaseException extends Exception {

    private static final long serialVersionUID = 1L;
    private final String path;
    private final String problem;

    /**
     * @param path the JSON path of the problem ({@code ""} for the document as a whole)
     * @param problem what was expected there and what was found (control characters in either are
     *     kept as their escapes, {@link ControlChars})
     */
    public CaseException(String path, String problem) {
        super(path.isEmpty() ? ControlChars.escape(problem) : ControlChars.escape(path + ": " + problem));
        // a key or a value quoted from the file may hold control characters: never shown raw (ADR 0032)
        this.path = ControlChars.escape(path);
        this.problem = ControlChars.escape(problem);
    }

    public String path() {
        return path;
    }

    public String problem() {
        return problem;
    }
}
