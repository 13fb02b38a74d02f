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
 * Matrices are drawn in case-file parameter order, each row-major in the case layout.
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
