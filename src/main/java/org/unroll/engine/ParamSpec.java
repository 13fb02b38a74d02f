package org.unroll.engine;

/**
 * One parameter as a case file names it, and where it lives inside the engine's fused blocks.
 *
 * <p>Every parameter is stored transposed inside its block: element (r, c) of the case matrix is
 * element (c, colOffset + r) of block {@code block}. A vector of length n is treated as an n×1
 * matrix, so it fills row 0 of its block from {@code colOffset}.
 *
 * @param name the case-file key ({@code Wx_i}, {@code b}, {@code Wy} …)
 * @param rows rows of the case matrix (the length, for a vector)
 * @param cols columns of the case matrix (1 for a vector)
 * @param vector whether the case file writes it as a flat array
 * @param block index of the fused block in {@link ParamLayout#blocks()}
 * @param colOffset first column inside that block
 */
public record ParamSpec(String name, int rows, int cols, boolean vector, int block, int colOffset) {

    /** A human description of the shape, as used in error messages: "3×2 matrix" or "vector of length 3". */
    public String shapeText() {
        return vector ? "vector of length " + rows : rows + "×" + cols + " matrix";
    }

    /** Number of scalars. */
    public int size() {
        return rows * cols;
    }
}
