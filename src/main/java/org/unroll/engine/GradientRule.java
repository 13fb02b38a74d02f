package org.unroll.engine;

/**
 * How one step adds to a shared parameter's gradient: the error that reaches the parameter's
 * product at step t, times what it multiplied. {@code OUTER}: δ(t) u(t+shift)ᵀ (a weight matrix:
 * the book's e_h(t) x(t)ᵀ); {@code SUM}: δ(t) (a bias); {@code DIAGONAL}: δ(t) ⊙ u(t+shift) (a
 * peephole). Summed over t these give the gradient. Each cell states its rules once
 * ({@link Cell#gradientRules()}); the engine's fused one-product gradients, the trace's per-step
 * terms and the schedule's gradient events all read them.
 *
 * @param param the case-file parameter
 * @param delta the error (a per-step delta quantity of the trace)
 * @param input what the parameter multiplies (null for SUM)
 * @param shift the input's time offset: -1 for h(t−1), c(t−1); 0 otherwise
 * @param kind the shape of the term
 */
public record GradientRule(String param, Quantity delta, Quantity input, int shift, Kind kind) {

    /** The shape of a per-step term. */
    public enum Kind { OUTER, SUM, DIAGONAL }

    static GradientRule outer(String param, Quantity delta, Quantity input, int shift) {
        return new GradientRule(param, delta, input, shift, Kind.OUTER);
    }

    static GradientRule sum(String param, Quantity delta) {
        return new GradientRule(param, delta, null, 0, Kind.SUM);
    }

    static GradientRule diagonal(String param, Quantity delta, Quantity input, int shift) {
        return new GradientRule(param, delta, input, shift, Kind.DIAGONAL);
    }
}
