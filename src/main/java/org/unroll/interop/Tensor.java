package org.unroll.interop;

import java.util.Arrays;

/**
 * One named array of a state dict, contiguous in row-major order, its values widened to double
 * (exactly: float32, float16 and bfloat16 values are all doubles).
 *
 * @param dtype the stored element type as the file names it ("float32", "float64", ...)
 * @param shape the dimensions (empty for a scalar)
 * @param data the values, row-major; {@code data.length} is the product of {@code shape}
 */
record Tensor(String dtype, int[] shape, double[] data) {

    Tensor {
        shape = shape.clone();
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, not "
                    + data.length);
        }
    }

    /** The shape as the frameworks print it: {@code (12, 2)}. */
    String shapeText() {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            s.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return s.append(shape.length == 1 ? ",)" : ")").toString();
    }

    /** Whether the shape is exactly {@code dims}. */
    boolean hasShape(int... dims) {
        return Arrays.equals(shape, dims);
    }

    /** Element (r, c) of a matrix. */
    double at(int r, int c) {
        return data[r * shape[1] + c];
    }
}
