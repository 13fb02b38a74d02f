package org.unroll.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The branch-free tanh gives the same bits as the branching one it replaced, and stays within a relative 7e-16 of Math.tanh. */
class ActivationTanhTest {

    @Test
    void sameBitsAsTheBranchingFormEverywhere() {
        double[] edges = {0.0, -0.0, 0.0625, -0.0625, Math.nextDown(0.0625), Math.nextUp(0.0625), 20, -20,
            Math.nextUp(20.0), Math.nextDown(20.0), 18.5, 1e-300, -1e-300, Double.MIN_VALUE, 710, -710,
            Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        for (double x : edges) {
            assertEquals(Double.doubleToRawLongBits(Activation.tanhBranching(x)),
                    Double.doubleToRawLongBits(Activation.tanh(x)), "tanh(" + x + ")");
        }
        SplittableRandom rnd = new SplittableRandom(22);
        for (int i = 0; i < 2_000_000; i++) {
            double scale = Math.pow(10, rnd.nextInt(-8, 3));
            double x = rnd.nextGaussian() * scale;
            double want = Activation.tanhBranching(x);
            double got = Activation.tanh(x);
            if (Double.doubleToRawLongBits(want) != Double.doubleToRawLongBits(got)) {
                assertEquals(want, got, 0.0, "tanh(" + x + ")");
            }
            double tol = 7e-16 * Math.abs(Math.tanh(x)) + Double.MIN_NORMAL;
            if (Math.abs(got - Math.tanh(x)) > tol) {
                assertEquals(Math.tanh(x), got, tol, "tanh(" + x + ") against Math.tanh");
            }
        }
    }
}
