package org.unroll.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The two layout decisions of ADR 0003, measured on EJML at batch 1 (run with
 * {@code scripts/jmh.sh GateProduct}):
 * <ol>
 * <li>an LSTM step's recurrent product as one fused h·Wh (H×4H) or as four h·Wh_g (H×H);</li>
 * <li>a weight gradient over T steps as T rank-1 updates during the backward loop, or as one
 * product of the stacked per-step matrices after it.</li>
 * </ol>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GateProductBenchmark {

    @Param({"20", "64", "128", "256"})
    public int hidden;

    /** Steps for the gradient comparison. */
    public static final int STEPS = 100;

    private DMatrixRMaj h;
    private DMatrixRMaj fused;
    private DMatrixRMaj[] gates;
    private DMatrixRMaj outFused;
    private DMatrixRMaj[] outGates;
    private DMatrixRMaj[] hSteps;
    private DMatrixRMaj[] dSteps;
    private DMatrixRMaj hStacked;
    private DMatrixRMaj dStacked;
    private DMatrixRMaj grad;

    private static DMatrixRMaj random(int r, int c, SplittableRandom rnd) {
        DMatrixRMaj m = new DMatrixRMaj(r, c);
        for (int i = 0; i < m.getNumElements(); i++) {
            m.data[i] = rnd.nextDouble(-1, 1);
        }
        return m;
    }

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(1);
        int hh = hidden;
        h = random(1, hh, rnd);
        fused = random(hh, 4 * hh, rnd);
        gates = new DMatrixRMaj[4];
        outGates = new DMatrixRMaj[4];
        for (int g = 0; g < 4; g++) {
            gates[g] = random(hh, hh, rnd);
            outGates[g] = new DMatrixRMaj(1, hh);
        }
        outFused = new DMatrixRMaj(1, 4 * hh);
        hSteps = new DMatrixRMaj[STEPS];
        dSteps = new DMatrixRMaj[STEPS];
        hStacked = new DMatrixRMaj(STEPS, hh);
        dStacked = new DMatrixRMaj(STEPS, 4 * hh);
        for (int t = 0; t < STEPS; t++) {
            hSteps[t] = random(1, hh, rnd);
            dSteps[t] = random(1, 4 * hh, rnd);
        }
        grad = new DMatrixRMaj(hh, 4 * hh);
    }

    @Benchmark
    public DMatrixRMaj stepFused() {
        CommonOps_DDRM.mult(h, fused, outFused);
        return outFused;
    }

    @Benchmark
    public DMatrixRMaj[] stepFourGates() {
        for (int g = 0; g < 4; g++) {
            CommonOps_DDRM.mult(h, gates[g], outGates[g]);
        }
        return outGates;
    }

    @Benchmark
    public DMatrixRMaj gradientPerStep() {
        grad.zero();
        for (int t = 0; t < STEPS; t++) {
            CommonOps_DDRM.multAddTransA(hSteps[t], dSteps[t], grad);
        }
        return grad;
    }

    @Benchmark
    public DMatrixRMaj gradientStacked() {
        int hh = hidden;
        for (int t = 0; t < STEPS; t++) {
            System.arraycopy(hSteps[t].data, 0, hStacked.data, t * hh, hh);
            System.arraycopy(dSteps[t].data, 0, dStacked.data, t * 4 * hh, 4 * hh);
        }
        CommonOps_DDRM.multTransA(hStacked, dStacked, grad);
        return grad;
    }
}
