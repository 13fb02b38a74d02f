package org.unroll.engine;

import org.ejml.data.DMatrixRMaj;

/**
 * The dense products of the time loop, as unit-stride loops that index every array with the same
 * expression. HotSpot's C2 on JDK 17 vectorises {@code y[j] += a * x[j]} but not
 * {@code y[j] += a * x[off + j]} (two arrays at different offsets might alias): on this machine
 * 9.8 against 3.3 GMAC/s. EJML's kernels index the way the second loop does, so the three
 * products of every step (x·Wx, h·Wh and the weight gradients) run here on row arrays, 2–3× faster
 * (ADR 0003). Storage stays EJML's {@link DMatrixRMaj}; transposes, extracts, QR and the rest still
 * go through EJML.
 */
final class Kernels {

    private Kernels() {
    }

    /** A matrix as separate row arrays, each starting at index 0, so the loops above vectorise. */
    static final class Rows {
        double[][] rows = new double[0][];
        int count;
        int width;
        private double[][] owned = new double[0][];
        private double[][] refs = new double[0][];
        /**
         * The matrix these rows were made from, row-major (a copy), for {@link NativeBlas}: these rows
         * are {@code flat} (count × width) or, when {@code flatTransposed}, its transpose
         * ({@code flat} is width × count). Null for stacked rows.
         */
        double[] flat;
        boolean flatTransposed;
        /** {@code flat} in native memory, set with it when {@link NativeBlas} is available. */
        private final NativeBlas.Matrix nativeFlat = new NativeBlas.Matrix();
        private boolean nativeReady;
        private int flatRows;
        private int flatCols;

        /** Makes this the transpose of {@code m} (copies). m is not modified. */
        Rows transposeOf(DMatrixRMaj m) {
            ensureOwned(m.numCols, m.numRows);
            for (int r = 0; r < m.numRows; r++) {
                int o = r * m.numCols;
                for (int c = 0; c < m.numCols; c++) {
                    owned[c][r] = m.data[o + c];
                }
            }
            rows = owned;
            keepFlatTransposed(m);
            return this;
        }

        /**
         * Keeps mᵀ row-major as {@code flat} (not m with {@code flatTransposed}): OpenBLAS multiplies
         * by a plain factor about 1.5× faster than by a transposed one at these sizes (ADR 0035).
         */
        private void keepFlatTransposed(DMatrixRMaj m) {
            int n = m.numRows * m.numCols;
            if (flat == null || flat.length != n) {
                flat = new double[n];
            }
            int r = m.numCols;
            int c = m.numRows;
            for (int i = 0; i < r; i++) {
                System.arraycopy(owned[i], 0, flat, i * c, c);
            }
            flatTransposed = false;
            flatRows = r;
            flatCols = c;
            nativeReady = false;
        }

        private void keepFlat(DMatrixRMaj m, boolean transposed) {
            int n = m.numRows * m.numCols;
            if (flat == null || flat.length != n) {
                flat = new double[n];
            }
            System.arraycopy(m.data, 0, flat, 0, n);
            flatTransposed = transposed;
            flatRows = m.numRows;
            flatCols = m.numCols;
            nativeReady = false;
        }

        /** {@link #nativeFlat}, copied from {@code flat} on first use after it changed. */
        NativeBlas.Matrix nativeFlat() {
            if (!nativeReady) {
                nativeFlat.set(flat, flatRows, flatCols);
                nativeReady = true;
            }
            return nativeFlat;
        }

        /** Makes this a copy of {@code m}. m is not modified. */
        Rows copyOf(DMatrixRMaj m) {
            ensureOwned(m.numRows, m.numCols);
            for (int r = 0; r < m.numRows; r++) {
                System.arraycopy(m.data, r * m.numCols, owned[r], 0, m.numCols);
            }
            rows = owned;
            keepFlat(m, false);
            return this;
        }

        /**
         * Makes this the stacked rows of {@code src[0..steps)} (each B×cols), columns
         * [from, from+width): row k·B+b is row b of src[k]. With B = 1 and all columns the rows are
         * the matrices' own arrays (no copy). src is not modified.
         */
        Rows stack(DMatrixRMaj[] src, int steps, int from, int width) {
            flat = null;
            nativeReady = false;
            int b = src[0].numRows;
            int cols = src[0].numCols;
            if (b == 1 && from == 0 && width == cols) {
                if (refs.length < steps) {
                    refs = new double[steps][];
                }
                for (int k = 0; k < steps; k++) {
                    refs[k] = src[k].data;
                }
                rows = refs;
                count = steps;
                this.width = width;
                return this;
            }
            ensureOwned(steps * b, width);
            for (int k = 0; k < steps; k++) {
                for (int r = 0; r < b; r++) {
                    System.arraycopy(src[k].data, r * cols + from, owned[k * b + r], 0, width);
                }
            }
            rows = owned;
            return this;
        }

        /**
         * Makes this the stacked rows [a row, columns [0, aWidth) | b row] of a and b over
         * {@code steps} (both B rows each). Neither is modified.
         */
        Rows stackConcat(DMatrixRMaj[] a, int aWidth, DMatrixRMaj[] b, int steps) {
            flat = null;
            nativeReady = false;
            int nb = a[0].numRows;
            int ac = a[0].numCols;
            int bc = b[0].numCols;
            ensureOwned(steps * nb, aWidth + bc);
            for (int k = 0; k < steps; k++) {
                for (int r = 0; r < nb; r++) {
                    double[] row = owned[k * nb + r];
                    System.arraycopy(a[k].data, r * ac, row, 0, aWidth);
                    System.arraycopy(b[k].data, r * bc, row, aWidth, bc);
                }
            }
            rows = owned;
            return this;
        }

        /** dst (1×width) = the sum of all rows. dst is modified. */
        void columnSums(DMatrixRMaj dst) {
            double[] d = dst.data;
            java.util.Arrays.fill(d, 0, width, 0.0);
            for (int r = 0; r < count; r++) {
                double[] row = rows[r];
                for (int j = 0; j < width; j++) {
                    d[j] += row[j];
                }
            }
        }

        private void ensureOwned(int n, int w) {
            if (owned.length < n || owned.length == 0 || owned[0].length != w) {
                owned = new double[n][w];
            }
            count = n;
            width = w;
        }
    }

    /**
     * c = a·B, or c += a·B when {@code add}: a is m×k, B is k rows of n, c m×n (shape set when not
     * adding). a and B are not modified.
     *
     * @param tmp scratch of length ≥ n (modified)
     */
    static void mult(DMatrixRMaj a, Rows b, DMatrixRMaj c, boolean add, double[] tmp) {
        int m = a.numRows;
        int k = a.numCols;
        int n = b.width;
        if (b.count != k) {
            throw new IllegalArgumentException("shapes " + m + "×" + k + " and " + b.count + "×" + n);
        }
        if (!add) {
            c.reshape(m, n);
        }
        if (m >= BLAS_MIN_ROWS && k >= BLAS_MIN_INNER && (long) m * k * n >= BLAS_MIN_MACS && b.flat != null
                && NativeBlas.available()) {
            // b is flat (k×n), or flatᵀ with flat stored n×k
            NativeBlas.multiply(m, n, k, a.data, b.nativeFlat(), b.flatTransposed, add ? 1.0 : 0.0, c.data);
            return;
        }
        if (n == 1) {
            // one output column (the output layer of a one-output network): the same sums as
            // accumulate's, in the same order, without its inner loop of length 1
            for (int i = 0; i < m; i++) {
                c.data[i] = dotInGroupsOfFour(a.data, i * k, k, b.rows, add ? c.data[i] : 0.0);
            }
            return;
        }
        if (k == 1) {
            // an outer product (x·Wx with one input, the noisy sine): accumulate's one-row tail,
            // the same sums in the same order, without a scratch row
            double[] b0 = b.rows[0];
            for (int i = 0; i < m; i++) {
                double av = a.data[i];
                int o = i * n;
                if (av == 0.0) {
                    if (!add) {
                        java.util.Arrays.fill(c.data, o, o + n, 0.0);
                    }
                    continue;
                }
                if (add) {
                    for (int j = 0; j < n; j++) {
                        c.data[o + j] += av * b0[j];
                    }
                } else {
                    for (int j = 0; j < n; j++) {
                        c.data[o + j] = 0.0 + av * b0[j];
                    }
                }
            }
            return;
        }
        if (m == 1 && c.data.length == n) {
            if (!add) {
                java.util.Arrays.fill(c.data, 0, n, 0.0);
            }
            accumulate(a.data, 0, k, b.rows, 0, c.data, n);
            return;
        }
        for (int i = 0; i < m; i++) {
            if (add) {
                System.arraycopy(c.data, i * n, tmp, 0, n);
            } else {
                java.util.Arrays.fill(tmp, 0, n, 0.0);
            }
            accumulate(a.data, i * k, k, b.rows, 0, tmp, n);
            System.arraycopy(tmp, 0, c.data, i * n, n);
        }
    }

    /**
     * out = Lᵀ·R where L is given transposed ({@code lt}, m×count, row i holds column i of L) and R
     * as {@code count} rows of n: out[i] = Σ_r lt[i][r]·R[r]. Used for every weight gradient:
     * one product over all steps. lt and R are not modified.
     *
     * @param out m×n (reshaped, overwritten)
     * @param tmp scratch of length ≥ n (modified)
     */
    static void multTransA(DMatrixRMaj lt, Rows r, DMatrixRMaj out, double[] tmp) {
        int m = lt.numRows;
        int cnt = lt.numCols;
        int n = r.width;
        if (r.count != cnt) {
            throw new IllegalArgumentException("shapes " + cnt + " and " + r.count);
        }
        out.reshape(m, n);
        java.util.Arrays.fill(out.data, 0, m * n, 0.0);
        // blocks of steps, so that a block of R stays in cache while every row of out takes it in
        for (int r0 = 0; r0 < cnt; r0 += STEP_BLOCK) {
            int len = Math.min(STEP_BLOCK, cnt - r0);
            for (int i = 0; i < m; i++) {
                System.arraycopy(out.data, i * n, tmp, 0, n);
                accumulate(lt.data, i * cnt + r0, len, r.rows, r0, tmp, n);
                System.arraycopy(tmp, 0, out.data, i * n, n);
            }
        }
    }

    /**
     * dst[0..width) = Σ_k Σ_b src[k] row b, columns [from, from + width), added in the order
     * k = 0…steps−1, b = 0…rows−1 (as {@link Rows#columnSums} of the stacked rows, without stacking).
     * src is not modified.
     *
     * @param tmp scratch of length ≥ width (modified)
     */
    static void columnSums(DMatrixRMaj[] src, int steps, int rows, int from, int width, double[] dst, double[] tmp) {
        java.util.Arrays.fill(dst, 0, width, 0.0);
        for (int k = 0; k < steps; k++) {
            double[] d = src[k].data;
            int cols = src[k].numCols;
            for (int b = 0; b < rows; b++) {
                System.arraycopy(d, b * cols + from, tmp, 0, width);
                for (int j = 0; j < width; j++) {
                    dst[j] += tmp[j];
                }
            }
        }
    }

    /**
     * The fewest rows (sequences of a shard) for which a product goes to {@link NativeBlas}: below
     * it the call's overhead outweighs the faster loop, and every batch-1 path (the stepper, run,
     * bench, the gradient check) and the book's batch 10 keep the engine's own kernels and bits.
     */
    static final int BLAS_MIN_ROWS = 16;

    /** The smallest inner dimension sent to {@link NativeBlas}: x·Wx with a few inputs stays here. */
    static final int BLAS_MIN_INNER = 8;

    /**
     * The fewest multiply-adds of a product sent to {@link NativeBlas}: below it copying the factors
     * in and out costs more than OpenBLAS saves. Measured on this project's Xeon (ADR 0039): the
     * simple RNN's 50×20·20×20 (20,000) takes 8.2 µs in {@link #mult} (a fixed 7–9 µs a call for
     * 16–96 rows, the per-row loop's entry) and 2.6 µs through OpenBLAS, copies included; the noisy
     * sine at batch 100 trains 1.8× faster (RNN) and 1.9× (GRU) with 8,192 than with the 65,536 before.
     * 4,096 also takes the sine's validation pass (18 sequences: 18×20·20×20 = 7,200) to OpenBLAS;
     * the smallest product it admits is 16×8·8×32.
     */
    static final long BLAS_MIN_MACS = 4_096;

    /** Steps per block in {@link #multTransA}: 32 rows of up to 4H doubles stay in L2. */
    static final int STEP_BLOCK = 32;

    /**
     * c + Σ_p a[ao+p]·b[p][0], added as {@link #accumulate} adds into a one-column c (the same
     * groups of four, the same skipped zeros), so the result has the same bits.
     */
    static double dotInGroupsOfFour(double[] a, int ao, int k, double[][] b, double c) {
        int p = 0;
        for (; p + 3 < k; p += 4) {
            double a0 = a[ao + p];
            double a1 = a[ao + p + 1];
            double a2 = a[ao + p + 2];
            double a3 = a[ao + p + 3];
            if (a0 == 0.0 && a1 == 0.0 && a2 == 0.0 && a3 == 0.0) {
                continue;
            }
            c += a0 * b[p][0] + a1 * b[p + 1][0] + a2 * b[p + 2][0] + a3 * b[p + 3][0];
        }
        for (; p < k; p++) {
            double av = a[ao + p];
            if (av == 0.0) {
                continue;
            }
            c += av * b[p][0];
        }
        return c;
    }

    /** c[0..n) += Σ_p a[ao+p]·b[bo+p][0..n), four rows of b at a time. a and b are not modified. */
    static void accumulate(double[] a, int ao, int k, double[][] b, int bo, double[] c, int n) {
        int p = 0;
        for (; p + 3 < k; p += 4) {
            double a0 = a[ao + p];
            double a1 = a[ao + p + 1];
            double a2 = a[ao + p + 2];
            double a3 = a[ao + p + 3];
            if (a0 == 0.0 && a1 == 0.0 && a2 == 0.0 && a3 == 0.0) {
                continue;
            }
            double[] b0 = b[bo + p];
            double[] b1 = b[bo + p + 1];
            double[] b2 = b[bo + p + 2];
            double[] b3 = b[bo + p + 3];
            for (int j = 0; j < n; j++) {
                c[j] += a0 * b0[j] + a1 * b1[j] + a2 * b2[j] + a3 * b3[j];
            }
        }
        for (; p < k; p++) {
            double av = a[ao + p];
            if (av == 0.0) {
                continue;
            }
            double[] bp = b[bo + p];
            for (int j = 0; j < n; j++) {
                c[j] += av * bp[j];
            }
        }
    }
}
