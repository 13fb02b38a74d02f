package org.unroll.schedule;

import org.unroll.graph.Edge;
import org.unroll.graph.Notation;

/**
 * One factor of an error event's chain rule, on the edge of the graph it comes back along: the
 * local derivative ({@code f'(p(t))} on p(t) → h(t)) or a term through one consumer
 * ({@code W^T e_h(t+1)} on h(t) → p(t+1), {@code V^T e_o(t)} on h(t) → q(t)). Derived from the
 * graph's edges (the cell's wiring) by the same code that writes the event's equation, so the
 * factors are the equation's parts: the terms sum to what multiplies the local derivative (or,
 * for a state, to the error itself). Immutable; the value is worked out when asked for.
 */
public final class Factor {

    private final Schedule owner;
    private final Event event;
    private final Edge edge;
    private final boolean local;
    private final Expr expr;

    Factor(Schedule owner, Event event, Edge edge, boolean local, Expr expr) {
        this.owner = owner;
        this.event = event;
        this.edge = edge;
        this.local = local;
        this.expr = expr;
    }

    /** The edge (in the forward direction, from → to) the factor comes back along. */
    public Edge edge() {
        return edge;
    }

    /** Whether this is the local derivative (else a term through a consumer). */
    public boolean isLocal() {
        return local;
    }

    /** The event whose error this is a factor of. */
    public Event event() {
        return event;
    }

    /** The factor in LaTeX, in a notation, steps written relative to the event's ({@code t+1}). */
    public String latex(Notation notation) {
        return expr.sym(owner.symbols(notation), event.step());
    }

    /** The factor as plain text for the graph's edges: {@code Wᵀ e_h(t+1)}, {@code f′(p(t))}, {@code ∂E/∂h(t+1)}. */
    public String plain(Notation notation) {
        return LatexFormat.plain(latex(notation));
    }

    /**
     * The factor's numbers from the trace (inside a truncated window, the window's errors): a
     * vector, or null for a factor without a value of its own (the loss's derivative with its
     * target and constant).
     */
    public double[] value() {
        try {
            return Expr.column(expr.eval(owner.valuesOf(event)));
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return edge + ": " + latex(Notation.BOOK);
    }
}
