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
     * @param problem what was expected there and what was found
     */
    public CaseException(String path, String problem) {
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
