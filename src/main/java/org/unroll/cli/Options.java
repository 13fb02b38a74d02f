package org.unroll.cli;

import org.unroll.engine.CellType;
import org.unroll.engine.OptimizerKind;

/** Checks of option values shared by the commands; each throws a {@link UserError} naming the option. */
final class Options {

    private Options() {
    }

    /** A whole number in lo..hi. */
    static void range(String opt, int v, int lo, int hi) {
        if (v < lo || v > hi) {
            throw new UserError(opt + ": expected a whole number in " + lo + ".." + hi + ", got " + v);
        }
    }

    /** The cell of rnn, lstm or gru. */
    static CellType cell(String opt, String key) {
        CellType c = CellType.fromKey(key);
        if (c == null) {
            throw new UserError(opt + ": expected rnn, lstm or gru, got " + key);
        }
        return c;
    }

    /** The optimiser of sgd, momentum, adam or amsgrad. */
    static OptimizerKind optimizer(String opt, String key) {
        OptimizerKind o = OptimizerKind.fromKey(key);
        if (o == null) {
            throw new UserError(opt + ": expected sgd, momentum, adam or amsgrad, got " + key);
        }
        return o;
    }

    /** A learning rate: positive and finite. */
    static void learningRate(String opt, double lr) {
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new UserError(opt + ": expected a positive number, got " + lr);
        }
    }

    /** A clipping norm: 0 (off) or positive, finite. */
    static void clip(String opt, double clip) {
        if (!(clip >= 0) || !Double.isFinite(clip)) {
            throw new UserError(opt + ": expected 0 (off) or a positive number, got " + clip);
        }
    }

    /**
     * A truncation: null (the option left out) for full BPTT, else a whole number of steps in
     * 1..{@link org.unroll.engine.Limits#MAX_STEPS}, the engine's meaning of {@code truncate}.
     */
    static void truncate(String opt, Integer k) {
        if (k != null && (k < 1 || k > org.unroll.engine.Limits.MAX_STEPS)) {
            throw new UserError(opt + ": expected a whole number of steps in 1.." + org.unroll.engine.Limits.MAX_STEPS
                    + " (leave " + opt + " out for full BPTT), got " + k);
        }
    }
}
