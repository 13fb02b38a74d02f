package org.unroll.engine;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * OpenBLAS's {@code dgemm} (through JavaCPP, the library bundled for linux-x86_64) for the large
 * products of a mini-batch shard (ADR 0022). The only class that touches native code.
 *
 * <p>Loaded on first use, once; when it cannot load (another platform, a read-only cache folder,
 * {@code -Dunroll.blas=java}) {@link #available()} is false and says why, and the engine's own
 * {@link Kernels} compute every product. OpenBLAS runs on one thread: the engine's shards are
 * its parallelism, and one-thread {@code dgemm} gives the same bits on every call.
 */
public final class NativeBlas {

    private static volatile boolean enabled = !"java".equalsIgnoreCase(System.getProperty("unroll.blas", ""));

    private NativeBlas() {
    }

    /** The library, loaded when first asked for. */
    private static final class Holder {
        static final String FAILURE;

        static {
            String failure = null;
            try {
                Loader.load(openblas_nolapack.class);
                org.bytedeco.openblas.presets.openblas_nolapack.blas_set_num_threads(1);
                // a product whose answer is known: [1 2; 3 4]·[5; 6] = [17; 39]
                double[] c = new double[2];
                openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                        openblas_nolapack.CblasNoTrans, 2, 1, 2, 1.0, new double[] {1, 2, 3, 4}, 2,
                        new double[] {5, 6}, 1, 0.0, c, 1);
                if (c[0] != 17 || c[1] != 39) {
                    failure = "dgemm gave " + c[0] + ", " + c[1] + " for 17, 39";
                }
            } catch (Throwable t) {
                failure = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
            }
            FAILURE = failure;
        }
    }

    /** Whether the products go to OpenBLAS: it is switched on and has loaded (loads it if need be). */
    public static boolean available() {
        return enabled && Holder.FAILURE == null;
    }

    /** Why OpenBLAS is not used ("" when it is): switched off, or the loader's one-line failure. */
    public static String status() {
        if (!enabled) {
            return "switched off (-Dunroll.blas=java)";
        }
        return Holder.FAILURE == null ? "" : Holder.FAILURE;
    }

    /**
     * Switches OpenBLAS on or off for later products (the system property {@code unroll.blas=java}
     * starts it off). With it off, or unavailable, {@link Kernels} compute every product.
     */
    public static void setEnabled(boolean on) {
        enabled = on;
    }

    /**
     * C = op(A)·op(B) + β·C, row-major: op(A) is m×k, op(B) k×n, C m×n with leading dimension n.
     * A, B are not modified; C is (overwritten when β = 0: its old values are not read).
     *
     * @param transA whether A is stored k×m (lda its columns) and used transposed
     * @param transB whether B is stored n×k (ldb its columns) and used transposed
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, double[] a, int lda, double[] b, int ldb,
                     double beta, double[] c) {
        openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor,
                transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                m, n, k, 1.0, a, lda, b, ldb, beta, c, n);
    }
}
