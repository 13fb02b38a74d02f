package org.unroll.schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.unroll.engine.Activation;
import org.unroll.engine.Case;
import org.unroll.engine.CaseException;
import org.unroll.engine.CaseFile;
import org.unroll.engine.CellType;
import org.unroll.engine.GateActivation;
import org.unroll.engine.LossKind;
import org.unroll.engine.ModelConfig;
import org.unroll.engine.OutputActivation;
import org.unroll.engine.ParamSpec;
import org.unroll.engine.Sequence;
import org.unroll.engine.Weights;

/** The reference cases of src/test/resources/cases, and small random cases for property tests. */
public final class TestCases {

    private TestCases() {
    }

    /** Every reference case file, sorted by name. */
    public static List<Path> referenceFiles() {
        try {
            Path dir = Path.of(TestCases.class.getResource("/cases").toURI());
            try (Stream<Path> s = Files.list(dir)) {
                return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Case read(Path p) {
        try {
            return CaseFile.read(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CaseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cell variants: rnn, lstm, lstm with peepholes, gru, gru with resetAfter, and the hard-sigmoid gates. */
    public static final List<ModelConfig> VARIANTS = List.of(
            ModelConfig.of(CellType.RNN, 2, 3, 1),
            ModelConfig.of(CellType.LSTM, 2, 3, 1),
            ModelConfig.of(CellType.LSTM, 2, 3, 1).withPeephole(true),
            ModelConfig.of(CellType.GRU, 2, 3, 1),
            ModelConfig.of(CellType.GRU, 2, 3, 1).withResetAfter(true),
            ModelConfig.of(CellType.LSTM, 2, 3, 1).withGateActivation(GateActivation.HARD_SIGMOID),
            ModelConfig.of(CellType.GRU, 2, 3, 1).withResetAfter(true).withGateActivation(GateActivation.HARD_SIGMOID));

    /** A loss with an output activation it may go with. */
    public enum LossOutput {
        MSE_LINEAR(LossKind.MSE, OutputActivation.LINEAR),
        MSE_SIGMOID(LossKind.MSE, OutputActivation.SIGMOID),
        SSE_LINEAR(LossKind.SSE, OutputActivation.LINEAR),
        SSE_SOFTMAX(LossKind.SSE, OutputActivation.SOFTMAX),
        XENT_SOFTMAX(LossKind.XENT, OutputActivation.SOFTMAX),
        XENT_SIGMOID(LossKind.XENT, OutputActivation.SIGMOID);

        public final LossKind loss;
        public final OutputActivation output;

        LossOutput(LossKind loss, OutputActivation output) {
            this.loss = loss;
            this.output = output;
        }
    }

    /**
     * A random case, fully determined by its arguments: weights, inputs in ±1.5, non-zero initial
     * states, some steps without a target (never all).
     */
    public static Case random(int variant, Activation act, LossOutput lo, int in, int hid, int out, int steps,
                              Integer truncate, long seed) {
        ModelConfig base = VARIANTS.get(variant);
        ModelConfig cfg = new ModelConfig(base.cell(), in, hid, out, act, lo.output, base.peephole(),
                base.resetAfter());
        SplittableRandom rnd = new SplittableRandom(seed);
        Weights w = Weights.zeros(cfg);
        for (ParamSpec ps : w.layout().params()) {
            double[][] m = new double[ps.rows()][ps.cols()];
            for (double[] row : m) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = rnd.nextDouble(-1.2, 1.2);
                }
            }
            w.set(ps.name(), m);
        }
        double[][] xs = new double[steps][in];
        double[][] ts = new double[steps][];
        for (int t = 0; t < steps; t++) {
            for (int j = 0; j < in; j++) {
                xs[t][j] = rnd.nextDouble(-1.5, 1.5);
            }
            if (t == steps - 1 || rnd.nextInt(3) > 0) {
                ts[t] = target(rnd, lo, out);
            }
        }
        double[] h0 = new double[hid];
        double[] c0 = new double[hid];
        for (int j = 0; j < hid; j++) {
            h0[j] = rnd.nextDouble(-0.5, 0.5);
            c0[j] = cfg.cell() == CellType.LSTM ? rnd.nextDouble(-0.5, 0.5) : 0.0;
        }
        return new Case("random", null, cfg, w, new Sequence(xs, ts, h0, c0), lo.loss, truncate, null);
    }

    private static double[] target(SplittableRandom rnd, LossOutput lo, int out) {
        double[] t = new double[out];
        if (lo == LossOutput.XENT_SOFTMAX || lo == LossOutput.SSE_SOFTMAX) {
            t[rnd.nextInt(out)] = 1.0;
        } else if (lo == LossOutput.XENT_SIGMOID || lo == LossOutput.MSE_SIGMOID) {
            for (int j = 0; j < out; j++) {
                t[j] = rnd.nextDouble();
            }
        } else {
            for (int j = 0; j < out; j++) {
                t[j] = rnd.nextDouble(-1, 1);
            }
        }
        return t;
    }
}
