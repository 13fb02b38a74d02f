package org.unroll.schedule;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.unroll.graph.Node;
import org.unroll.graph.Notation;

/**
 * One thing that happens in the walk-through: a node's forward value, a loss term, a node's
 * error, or the term one step adds to a shared parameter's gradient. Immutable: every property
 * is fixed when the {@link Schedule} is made; {@link #substituted()} and the numbers are worked
 * out on first use from the schedule's (immutable) trace. Two events are equal when they are the
 * same position of the same schedule.
 */
public final class Event {

    private final Schedule owner;
    private final int index;
    private final Phase phase;
    private final Node node;
    private final boolean isDelta;
    private final int step;
    private final int window;
    private final List<Ref> reads;
    private final Node parameter;
    private final String equation;
    private volatile String substituted;
    /**
     * The other notations' equations (at a notation's ordinal) and substituted equations (at
     * {@code Notation.values().length} + ordinal), made on first use; null until a notation other
     * than the book's is asked for.
     */
    private volatile AtomicReferenceArray<String> others;
    private static final int NOTATIONS = Notation.values().length;

    Event(Schedule owner, int index, Phase phase, Node node, boolean isDelta, int step, int window, List<Ref> reads,
          Node parameter, String equation) {
        this.owner = owner;
        this.index = index;
        this.phase = phase;
        this.node = node;
        this.isDelta = isDelta;
        this.step = step;
        this.window = window;
        this.reads = reads;
        this.parameter = parameter;
        this.equation = equation;
    }

    /** Position in {@link Schedule#events()}. */
    public int index() {
        return index;
    }

    public Phase phase() {
        return phase;
    }

    /**
     * The node computed: for FORWARD and LOSS its value, for BACKWARD its error, for GRADIENT the
     * parameter whose gradient grows.
     */
    public Node node() {
        return node;
    }

    /** Whether this event computes an error (BACKWARD) or a gradient term (GRADIENT) rather than a value. */
    public boolean isDelta() {
        return isDelta;
    }

    /**
     * The time step the event belongs to: the node's step (0 for h(0), c(0) and E), or for a
     * GRADIENT event the step t whose term it adds.
     */
    public int step() {
        return step;
    }

    /**
     * For a BACKWARD event of truncated BPTT, the step s of the loss term E_s whose k-step window
     * it belongs to (its errors are ∂E_s/∂·); 0 otherwise.
     */
    public int window() {
        return window;
    }

    /**
     * What the event reads, in the order the equation mentions it, without repeats. A forward
     * value reads its inputs (and the parameters on the way); an error reads the errors of the
     * nodes to its right and the forward values (and parameters) of the local derivative — the
     * study notes' rule. Inside a truncated window, an error read is that window's; a GRADIENT
     * event reads the pre-activation errors summed over the windows (what the trace keeps).
     * Targets are not nodes and are not listed.
     */
    public List<Ref> reads() {
        return reads;
    }

    /**
     * For a GRADIENT event the parameter; otherwise the first parameter {@link #reads()} lists,
     * or null when the event reads none (all of them are in {@link #reads()}).
     */
    public Node parameter() {
        return parameter;
    }

    /**
     * The equation in LaTeX, in the book's notation with symbols only and the step written
     * {@code t} (absolute numbers for h(0), c(0), E), e.g.
     * {@code e_h(t) = \left(W^\top e_h(t+1) + V^\top e_o(t)\right) \odot f'\left(p(t)\right)}.
     * Terms that do not exist at this step (no t+1 at the last step, paths outside a truncated
     * window) are left out.
     */
    public String equation() {
        return equation;
    }

    /**
     * The same equation with this trace's numbers: the left side at its step, the right side with
     * every symbol replaced by its value, then the result; numbers to 4 significant digits, long
     * vectors shortened ({@link LatexFormat}). For a GRADIENT event, also the running sum.
     */
    public String substituted() {
        String s = substituted;
        if (s == null) {
            s = owner.substitute(this);
            substituted = s;
        }
        return s;
    }

    /**
     * The equation in a notation ({@link #equation()} is {@link Notation#BOOK}'s): the same
     * equation, its symbols named as the notation names them — Keras's
     * {@code \mathrm{recurrent\_kernel}}, PyTorch's {@code \mathrm{weight\_hh\_l0}}, errors written
     * {@code \frac{\partial E}{\partial …}}. Worked out on first use and kept.
     *
     * @param notation the notation
     */
    public String equation(Notation notation) {
        if (notation == Notation.BOOK) {
            return equation;
        }
        return cached(notation.ordinal(), notation, false);
    }

    /**
     * {@link #substituted()} in a notation (the left side's symbol and the symbols written before
     * the numbers are the notation's). Worked out on first use and kept.
     *
     * @param notation the notation
     */
    public String substituted(Notation notation) {
        if (notation == Notation.BOOK) {
            return substituted();
        }
        return cached(NOTATIONS + notation.ordinal(), notation, true);
    }

    /**
     * {@link #substituted(Notation)} with long vectors and large matrices shortened as an elision
     * says ({@link LatexFormat.Elision#NORMAL}: the same string; others are worked out afresh):
     * for a narrow inspector that elides rather than scroll.
     *
     * @param notation the notation
     * @param el how much of long vectors and large matrices is written
     */
    public String substituted(Notation notation, LatexFormat.Elision el) {
        if (el == null || el.equals(LatexFormat.Elision.NORMAL)) {
            return substituted(notation);
        }
        return owner.substitute(this, notation, el);
    }

    /**
     * {@link #substituted(Notation, LatexFormat.Elision)} with the result left blank
     * ({@link Schedule#BLANK}; for a gradient term, its value and the running sum): the inputs'
     * numbers only, for the room to work the result out (predict, then reveal). Computed afresh.
     *
     * @param notation the notation
     * @param el how much of long vectors and large matrices is written (null: {@link LatexFormat.Elision#NORMAL})
     */
    public String substitutedHidden(Notation notation, LatexFormat.Elision el) {
        return owner.substituteHidden(this, notation, el == null ? LatexFormat.Elision.NORMAL : el);
    }

    private String cached(int slot, Notation notation, boolean numbers) {
        AtomicReferenceArray<String> a = others;
        if (a == null) {
            synchronized (this) {
                a = others;
                if (a == null) {
                    a = new AtomicReferenceArray<>(2 * NOTATIONS);
                    others = a;
                }
            }
        }
        String s = a.get(slot);
        if (s == null) {
            s = numbers ? owner.substitute(this, notation) : owner.equation(this, notation);
            a.compareAndSet(slot, null, s);
        }
        return s;
    }

    /** This event's result in case shape (a vector as n×1; see {@link Schedule#value(int)}). A copy. */
    public double[][] value() {
        return owner.value(index);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Event e && e.owner == owner && e.index == index;
    }

    @Override
    public int hashCode() {
        return Objects.hash(System.identityHashCode(owner), index);
    }

    @Override
    public String toString() {
        return index + " " + phase + " " + (phase == Phase.GRADIENT ? "dE/d" + node.label() + " @" + step
                : (isDelta ? "d " : "") + node.label()) + (window > 0 ? " [E_" + window + "]" : "");
    }
}
