package org.unroll.engine;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/**
 * Seeded weight initialisation, reproducible bit for bit: the same seed gives the same weights on
 * every run and platform (one {@link SplittableRandom} stream; Gaussians by the polar method with
 * {@link StrictMath}).
 *
 * <p>The scheme is Keras's default for recurrent layers, applied per gate matrix:
 * <ul>
 *   <li>input weights {@code Wx} / {@code Wx_g} (H×I): Glorot uniform, U(−l, l) with l = √(6/(I+H));
 *   <li>recurrent weights {@code Wh} / {@code Wh_g} (H×H): orthogonal, Q of the QR decomposition of a
 *       standard Gaussian matrix, columns multiplied by sign(diag R);
 *   <li>output weights {@code Wy} (O×H): Glorot uniform, l = √(6/(H+O));
 *   <li>every bias, the LSTM peepholes and the GRU {@code bh_a}: zero, except the LSTM forget-gate
 *       bias {@code b_f}, which is set to a given value (1.0 is the usual choice).
 * </ul>
 * Matrices are drawn in case-file parameter order, each row-major in the case layout. That is
 * {@link InitScheme#GLOROT_UNIFORM}, the default; {@link #create(ModelConfig, long, double, InitScheme)}
 * takes the books' schemes too.
 */
public final class Initializer {

    private Initializer() {
    }

    /**
     * Fresh weights for a configuration, initialised from a seed.
     *
     * @param config the network's shape (not modified)
     * @param seed the seed
     * @param forgetBias the value of every entry of the LSTM forget-gate bias {@code b_f}; ignored for RNN and GRU
     * @return new weights
     */
    public static Weights create(ModelConfig config, long seed, double forgetBias) {
        Weights w = Weights.zeros(config);
        initialize(w, seed, forgetBias);
        return w;
    }

    /**
     * Fresh weights for a configuration, initialised from a seed by a scheme.
     *
     * @param config the network's shape (not modified)
     * @param seed the seed
     * @param forgetBias the value of every entry of the LSTM forget-gate bias {@code b_f}; ignored for RNN and GRU
     * @param scheme the scheme ({@link InitScheme#GLOROT_UNIFORM} gives exactly {@link #create(ModelConfig, long, double)})
     * @return new weights
     */
    public static Weights create(ModelConfig config, long seed, double forgetBias, InitScheme scheme) {
        Weights w = Weights.zeros(config);
        initialize(w, seed, forgetBias, scheme);
        return w;
    }

    /**
     * Overwrites every parameter of {@code w} with seeded initial values drawn by a scheme.
     *
     * @param w the weights (modified: every entry is overwritten)
     * @param seed the seed
     * @param forgetBias the value of every entry of the LSTM forget-gate bias {@code b_f}; ignored for RNN and GRU
     * @param scheme the scheme ({@link InitScheme#GLOROT_UNIFORM}: exactly {@link #initialize(Weights, long, double)})
     */
    public static void initialize(Weights w, long seed, double forgetBias, InitScheme scheme) {
        if (scheme == InitScheme.GLOROT_UNIFORM) {
            initialize(w, seed, forgetBias);
            return;
        }
        ParamLayout layout = w.layout();
        ModelConfig cfg = layout.config();
        int in = cfg.inputSize();
        int hid = cfg.hiddenSize();
        int out = cfg.outputSize();
        int gates = cfg.cell().gateCount();
        SplittableRandom rnd = new SplittableRandom(seed);
        w.zero();
        double[][] stacked = null; // the G·H × H recurrent stack, drawn at its first gate
        int gate = 0;
        for (ParamSpec p : layout.params()) {
            int block = p.block();
            if (block == layout.wxBlock()) {
                w.set(p.name(), scheme == InitScheme.NORMAL ? normal(rnd, p.rows(), p.cols(), BOOK1_STDDEV)
                        : glorotNormal(rnd, p.rows(), p.cols(), in + gates * hid));
            } else if (block == layout.whBlock()) {
                if (stacked == null) {
                    stacked = orthonormalColumns(rnd, gates * hid, hid);
                }
                w.set(p.name(), java.util.Arrays.copyOfRange(stacked, gate * hid, (gate + 1) * hid));
                gate++;
            } else if (block == layout.wyBlock()) {
                w.set(p.name(), scheme == InitScheme.NORMAL ? normal(rnd, p.rows(), p.cols(), BOOK1_STDDEV)
                        : glorotUniform(rnd, p.rows(), p.cols(), hid + out));
            } else if (p.name().equals("b_f") && cfg.cell() == CellType.LSTM) {
                double[] v = new double[hid];
                Arrays.fill(v, forgetBias);
                w.setVector("b_f", v);
            }
        }
    }

    /** The standard deviation of the first edition's {@code np.random.normal(scale=.01)}. */
    public static final double BOOK1_STDDEV = 0.01;

    /** The standard deviation of a standard normal truncated to [−2, 2] (scipy's {@code truncnorm.std(-2, 2)}; Keras's constant). */
    static final double TRUNCATED_STD = 0.87962566103423978;

    /**
     * A rows×cols matrix of N(0, σ²) entries.
     *
     * @param rnd the random stream (modified)
     */
    private static double[][] normal(SplittableRandom rnd, int rows, int cols, double sigma) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int c = 0; c < cols; c++) {
                row[c] = sigma * gaussian(rnd);
            }
        }
        return m;
    }

    /**
     * A rows×cols matrix drawn as Keras's {@code GlorotNormal}: a normal truncated at two standard
     * deviations (redrawn outside), scaled so that the entries' standard deviation is √(2 / fanSum).
     *
     * @param rnd the random stream (modified)
     */
    private static double[][] glorotNormal(SplittableRandom rnd, int rows, int cols, int fanSum) {
        double scale = Math.sqrt(2.0 / fanSum) / TRUNCATED_STD;
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int c = 0; c < cols; c++) {
                double z;
                do {
                    z = gaussian(rnd);
                } while (Math.abs(z) > 2);
                row[c] = scale * z;
            }
        }
        return m;
    }

    /**
     * A rows×cols matrix (rows ≥ cols) with orthonormal columns: Q · diag(sign(diag R)) of the thin QR
     * decomposition of a standard Gaussian matrix, as Keras's {@code Orthogonal} and PyTorch's
     * {@code orthogonal_} draw a fused recurrent kernel.
     *
     * @param rnd the random stream (modified)
     */
    private static double[][] orthonormalColumns(SplittableRandom rnd, int rows, int cols) {
        DMatrixRMaj a = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < a.data.length; i++) {
            a.data[i] = gaussian(rnd);
        }
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(rows, cols);
        if (!qr.decompose(a)) {
            throw new IllegalStateException("QR decomposition failed");
        }
        DMatrixRMaj q = qr.getQ(null, true);
        DMatrixRMaj r = qr.getR(null, true);
        double[][] m = new double[rows][cols];
        for (int c = 0; c < cols; c++) {
            double sign = r.unsafe_get(c, c) < 0 ? -1.0 : 1.0;
            for (int row = 0; row < rows; row++) {
                m[row][c] = sign * q.unsafe_get(row, c);
            }
        }
        return m;
    }

    /**
     * Overwrites every parameter of {@code w} with seeded initial values.
     *
     * @param w the weights (modified: every entry is overwritten)
     * @param seed the seed
     * @param forgetBias the value of every entry of the LSTM forget-gate bias {@code b_f}; ignored for RNN and GRU
     */
    public static void initialize(Weights w, long seed, double forgetBias) {
        ParamLayout layout = w.layout();
        ModelConfig cfg = layout.config();
        int in = cfg.inputSize();
        int hid = cfg.hiddenSize();
        int out = cfg.outputSize();
        SplittableRandom rnd = new SplittableRandom(seed);
        w.zero();
        for (ParamSpec p : layout.params()) {
            int block = p.block();
            if (block == layout.wxBlock()) {
                w.set(p.name(), glorotUniform(rnd, p.rows(), p.cols(), in + hid));
            } else if (block == layout.whBlock()) {
                w.set(p.name(), orthogonal(rnd, hid));
            } else if (block == layout.wyBlock()) {
                w.set(p.name(), glorotUniform(rnd, p.rows(), p.cols(), hid + out));
            } else if (p.name().equals("b_f") && cfg.cell() == CellType.LSTM) {
                double[] v = new double[hid];
                Arrays.fill(v, forgetBias);
                w.setVector("b_f", v);
            }
        }
    }

    /**
     * A rows×cols matrix of U(−l, l) entries with l = √(6 / fanSum).
     *
     * @param rnd the random stream (modified: advanced by rows·cols draws)
     */
    private static double[][] glorotUniform(SplittableRandom rnd, int rows, int cols, int fanSum) {
        double limit = Math.sqrt(6.0 / fanSum);
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int c = 0; c < cols; c++) {
                row[c] = (2 * rnd.nextDouble() - 1) * limit;
            }
        }
        return m;
    }

    /**
     * An n×n orthogonal matrix: Q · diag(sign(diag R)) of the QR decomposition of a standard Gaussian
     * matrix (Haar-distributed; Saxe et al., as Keras's {@code Orthogonal}).
     *
     * @param rnd the random stream (modified)
     */
    private static double[][] orthogonal(SplittableRandom rnd, int n) {
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        for (int i = 0; i < a.data.length; i++) {
            a.data[i] = gaussian(rnd);
        }
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, n);
        if (!qr.decompose(a)) {
            throw new IllegalStateException("QR decomposition failed");
        }
        DMatrixRMaj q = qr.getQ(null, false);
        DMatrixRMaj r = qr.getR(null, false);
        double[][] m = new double[n][n];
        for (int c = 0; c < n; c++) {
            double sign = r.unsafe_get(c, c) < 0 ? -1.0 : 1.0;
            for (int row = 0; row < n; row++) {
                m[row][c] = sign * q.unsafe_get(row, c);
            }
        }
        return m;
    }

    /**
     * A standard normal draw by Marsaglia's polar method; {@link StrictMath} keeps it identical on
     * every JVM.
     *
     * @param rnd the random stream (modified)
     */
    private static double gaussian(SplittableRandom rnd) {
        double u;
        double v;
        double s;
        do {
            u = 2 * rnd.nextDouble() - 1;
            v = 2 * rnd.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * StrictMath.sqrt(-2 * StrictMath.log(s) / s);
    }
}
