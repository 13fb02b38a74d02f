package org.unroll.engine;

/**
 * The logistic sigmoid and tanh over whole arrays, in loops that HotSpot's C2 vectorises (ADR 0035).
 * {@link Math#exp} is an intrinsic call that C2 does not vectorise (4–6 ns a value here); these
 * compute e^v themselves, Cody–Waite style — v = n·ln 2 + r, |r| ≤ ln 2 / 2, e^r − 1 by its Taylor
 * polynomial to r¹³ (truncation below 2·10⁻¹⁶), 2ⁿ from the exponent bits — and each stage is its
 * own short loop over the same index: one loop with all of it holds too many nodes for C2 to unroll,
 * and a loop it does not unroll it does not vectorise (measured: 1.5 against 20 ns a value).
 *
 * <p>Results are within a few units in the last place of {@link Activation#sigmoid} and
 * {@link Activation#tanh} (the tests hold them to a relative 1.5·10⁻¹⁵ and 2.5·10⁻¹⁵ over
 * 10⁻¹² ≤ |x| ≤ 10³), not the same bits; so only batched engines use them ({@link Kernels#BLAS_MIN_ROWS} rows and more,
 * where OpenBLAS already decides the last bits), never a batch-1 path. The same inputs give the
 * same bits every time. At the extremes: σ(x) for x below −708 is 2⁻¹⁰²² (about 10⁻³⁰⁸) instead
 * of 0 or a subnormal; tanh(−0) is +0.
 */
final class VecMath {

    private VecMath() {
    }

    private static final double LOG2E = 1.4426950408889634;
    /** 1.5·2⁵², added and subtracted to round to the nearest integer without a conversion. */
    private static final double SHIFT = 0x1.8p52;
    /** ln 2 in two parts (fdlibm's ln2_hi, ln2_lo): n·LN2_HI is exact for |n| < 2¹¹. */
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double C2 = 1.0 / 2;
    private static final double C3 = 1.0 / 6;
    private static final double C4 = 1.0 / 24;
    private static final double C5 = 1.0 / 120;
    private static final double C6 = 1.0 / 720;
    private static final double C7 = 1.0 / 5040;
    private static final double C8 = 1.0 / 40320;
    private static final double C9 = 1.0 / 362880;
    private static final double C10 = 1.0 / 3628800;
    private static final double C11 = 1.0 / 39916800;
    private static final double C12 = 1.0 / 479001600;
    private static final double C13 = 1.0 / 6227020800.0;
    /** The range of v = −x or −2x kept: e^709 is finite, 2⁻¹⁰²¹ still normal. */
    private static final double V_MAX = 709.0;
    private static final double V_MIN = -708.0;

    /**
     * y[i] = σ(x[i]) where {@code scale[i]} is −1, tanh(x[i]) where it is −2, for i in [0, n).
     * x is not modified (it may be y); t is scratch of length ≥ n.
     */
    static void sigmoidOrTanh(double[] x, double[] scale, double[] y, double[] t, int n) {
        reduce(x, scale, y, t, n);
        expm1OfR(y, n);
        powersOfTwo(t, n);
        for (int i = 0; i < n; i++) {
            double s = t[i];
            double e = (1.0 - s) - s * y[i]; // 1 − e^v
            double c = scale[i];
            // σ = 1 / (1 + e^−x) = 1 / (2 − e); tanh = (1 − e^−2x) / (1 + e^−2x) = e / (2 − e)
            y[i] = ((2.0 + c) + (-1.0 - c) * e) / (2.0 - e);
        }
    }

    /** y[i] = σ(x[i]) for i in [0, n). x is not modified (it may be y); t is scratch of length ≥ n. */
    static void sigmoid(double[] x, double[] y, double[] t, int n) {
        reduce(x, -1.0, y, t, n);
        expm1OfR(y, n);
        powersOfTwo(t, n);
        for (int i = 0; i < n; i++) {
            double s = t[i];
            double e = (1.0 - s) - s * y[i];
            y[i] = 1.0 / (2.0 - e);
        }
    }

    /** y[i] = tanh(x[i]) for i in [0, n). x is not modified (it may be y); t is scratch of length ≥ n. */
    static void tanh(double[] x, double[] y, double[] t, int n) {
        reduce(x, -2.0, y, t, n);
        expm1OfR(y, n);
        powersOfTwo(t, n);
        for (int i = 0; i < n; i++) {
            double s = t[i];
            double e = (1.0 - s) - s * y[i];
            y[i] = e / (2.0 - e);
        }
    }

    /** r[i] and t[i] (n + SHIFT) for v = scale[i]·x[i]. */
    private static void reduce(double[] x, double[] scale, double[] r, double[] t, int n) {
        for (int i = 0; i < n; i++) {
            double v = Math.max(Math.min(scale[i] * x[i], V_MAX), V_MIN);
            double tt = v * LOG2E + SHIFT;
            double nf = tt - SHIFT;
            t[i] = tt;
            r[i] = (v - nf * LN2_HI) - nf * LN2_LO;
        }
    }

    private static void reduce(double[] x, double scale, double[] r, double[] t, int n) {
        for (int i = 0; i < n; i++) {
            double v = Math.max(Math.min(scale * x[i], V_MAX), V_MIN);
            double tt = v * LOG2E + SHIFT;
            double nf = tt - SHIFT;
            t[i] = tt;
            r[i] = (v - nf * LN2_HI) - nf * LN2_LO;
        }
    }

    /** r[i] := e^r[i] − 1, |r| ≤ ln 2 / 2 (a little more after rounding). */
    private static void expm1OfR(double[] r, int n) {
        for (int i = 0; i < n; i++) {
            double x = r[i];
            r[i] = x * (1.0 + x * (C2 + x * (C3 + x * (C4 + x * (C5 + x * (C6 + x * (C7 + x * (C8 + x * (C9
                    + x * (C10 + x * (C11 + x * (C12 + x * C13))))))))))));
        }
    }

    /** t[i] := 2ⁿ, where t[i] holds n + SHIFT (n's low bits are the low bits of the mantissa). */
    private static void powersOfTwo(double[] t, int n) {
        for (int i = 0; i < n; i++) {
            t[i] = Double.longBitsToDouble((Double.doubleToRawLongBits(t[i]) << 52) + (1023L << 52));
        }
    }
}
