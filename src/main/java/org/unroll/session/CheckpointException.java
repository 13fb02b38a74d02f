package org.unroll.session;

/**
 * A checkpoint that cannot be used: names the JSON path of the first problem, in one line, as
 * case files do ({@code state.weights.Wh: expected a 3×3 matrix, got 3×2}).
 */
public final class CheckpointException extends Exception {

    private static final long serialVersionUID = 1L;
    private final String path;

    /**
     * @param path the JSON path of the problem ({@code ""} for the document as a whole)
     * @param problem what was expected there and what was found
     */
    public CheckpointException(String path, String problem) {
        super(path.isEmpty() ? problem : path + ": " + problem);
        this.path = path;
    }

    /** The JSON path of the problem, {@code ""} for the whole document. */
    public String path() {
        return path;
    }
}
