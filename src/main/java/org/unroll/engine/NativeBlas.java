package org.unroll.engine;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.ejml.data.DMatrixRMaj;

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

    /**
     * Starts loading the library on a daemon thread (0.1 s here, the native file unpacked and linked),
     * so the first product of a run does not wait for it; a product asked for meanwhile waits for the
     * load to finish (class initialisation). Does nothing when switched off.
     */
    public static void preload() {
        if (!enabled) {
            return;
        }
        Thread t = new Thread(NativeBlas::available, "unroll-blas-load");
        t.setDaemon(true);
        t.start();
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
     * A matrix copied once into native memory, for the many products of one pass (a pass's
     * weights). Not thread-safe; reused from pass to pass.
     */
    static final class Matrix {
        private DoublePointer data;
        private long capacity;

        /** Copies rows × cols values of {@code src} (row-major) in. src is not modified. */
        void set(double[] src, int rows, int cols) {
            long n = (long) rows * cols;
            if (data == null || capacity < n) {
                data = new DoublePointer(Math.max(1, n));
                capacity = n;
            }
            data.put(src, 0, (int) n);
        }
    }

    /** One thread's native scratch: the left factor and the result. */
    private static final class Scratch {
        DoublePointer a;
        DoublePointer c;
        long aCap;
        long cCap;

        /** Makes the two buffers hold at least an and cn values. */
        void ensure(long an, long cn) {
            if (an > aCap) {
                a = new DoublePointer(an);
                aCap = an;
            }
            if (cn > cCap) {
                c = new DoublePointer(cn);
                cCap = cn;
            }
        }
    }

    private static final java.util.concurrent.atomic.LongAdder CALLS = new java.util.concurrent.atomic.LongAdder();

    /** How many products have gone to OpenBLAS in this process (for tests and {@code bench}). */
    public static long calls() {
        return CALLS.sum();
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /**
     * C = A·op(B) + β·C, row-major: A is m×k (its first m·k values, leading dimension k), op(B)
     * k×n, C m×n (leading dimension n). A and B are not modified; C is (its old values are not read
     * when β = 0).
     *
     * @param b the right factor, stored k×n, or n×k when {@code transB}
     */
    static void multiply(int m, int n, int k, double[] a, Matrix b, boolean transB, double beta, double[] c) {
        CALLS.increment();
        Scratch s = SCRATCH.get();
        long an = (long) m * k;
        long cn = (long) m * n;
        s.ensure(Math.max(1, an), Math.max(1, cn));
        s.a.put(a, 0, (int) an);
        if (beta != 0) {
            s.c.put(c, 0, (int) cn);
        }
        openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                m, n, k, 1.0, s.a, k, b.data, transB ? k : n, beta, s.c, n);
        s.c.get(c, 0, (int) cn);
    }

    /**
     * A weight gradient Σ_t in(t)ᵀ · δ(t) added up while the backward loop runs (ADR 0035): each
     * step's factors are copied into native memory as soon as δ(t) is computed, while both are
     * still in cache, and every {@link #STEPS_PER_PRODUCT} steps one product adds them to the sum,
     * kept in native memory (before, every δ(t) was read back from memory after the loop). Not
     * thread-safe; one per gradient of one engine, reused from pass to pass.
     */
    static final class Sum {
        private DoublePointer a;
        private DoublePointer b;
        private DoublePointer c;
        private long aCap;
        private long bCap;
        private long cCap;
        private int rows;
        private int width;
        private int batch;
        private int pending;
        private boolean started;

        /** Starts a sum of products of batch × rows and batch × width factors (rows × width). */
        void begin(int rows, int width, int batch) {
            this.rows = rows;
            this.width = width;
            this.batch = batch;
            long an = (long) batch * rows * STEPS_PER_PRODUCT;
            long bn = (long) batch * width * STEPS_PER_PRODUCT;
            long cn = (long) rows * width;
            if (an > aCap) {
                a = new DoublePointer(an);
                aCap = an;
            }
            if (bn > bCap) {
                b = new DoublePointer(bn);
                bCap = bn;
            }
            if (cn > cCap) {
                c = new DoublePointer(Math.max(1, cn));
                cCap = cn;
            }
            pending = 0;
            started = false;
        }

        /** Adds inᵀ · delta (their first batch·rows and batch·width values). Neither is modified. */
        void add(double[] in, double[] delta) {
            long an = (long) batch * rows;
            long bn = (long) batch * width;
            a.position(an * pending).put(in, 0, (int) an);
            b.position(bn * pending).put(delta, 0, (int) bn);
            pending++;
            if (pending == STEPS_PER_PRODUCT) {
                flush();
            }
        }

        private void flush() {
            if (pending == 0) {
                return;
            }
            CALLS.increment();
            a.position(0);
            b.position(0);
            openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasTrans,
                    openblas_nolapack.CblasNoTrans, rows, width, batch * pending, 1.0, a, rows, b, width,
                    started ? 1.0 : 0.0, c, width);
            started = true;
            pending = 0;
        }

        /** Writes the sum (rows × width, row-major) into out; zeros when nothing was added. */
        void finish(double[] out) {
            flush();
            int cn = rows * width;
            if (!started) {
                java.util.Arrays.fill(out, 0, cn, 0.0);
            } else {
                c.position(0).get(out, 0, cn);
            }
        }
    }

    /**
     * Steps per product in a {@link Sum}. Measured on the adding problem's LSTM shard (50 × 50 by
     * 50 × 200 a step): 1 is the fastest; stacking 4 or 16 steps into one longer product was slower
     * (OpenBLAS at 27 against 40 GMAC/s: the stacked factors no longer fit in L2).
     */
    static final int STEPS_PER_PRODUCT = 1;
}
