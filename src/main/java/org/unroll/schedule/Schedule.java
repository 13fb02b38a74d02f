package org.unroll.schedule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.unroll.engine.Trace;
import org.unroll.engine.Weights;
import org.unroll.graph.Node;
import org.unroll.graph.NodeKind;
import org.unroll.graph.Notation;
import org.unroll.graph.TraceValues;
import org.unroll.graph.UnrolledGraph;

/**
 * The order in which BPTT computes everything for one trace, derived from the unrolled graph:
 *
 * <ol>
 * <li>FORWARD — every node's value in the graph's {@linkplain UnrolledGraph#topologicalOrder()
 *     topological order} (x(t), h(0), c(0) included; parameters are given, E_t and E wait for
 *     the next phase);</li>
 * <li>LOSS — E_1 … E_T (the steps with a target), then E;</li>
 * <li>BACKWARD — every error the trace keeps, in reverse topological order. With truncated BPTT
 *     ({@code truncate = k}) instead: for each loss term E_s, s from the last down, its window:
 *     the errors ∂E_s/∂· of the nodes of steps s, s-1, …, s-k+1 (e_o only at s; no h(0)/c(0)),
 *     in reverse topological order, each event carrying its {@link Event#window() window} s.
 *     The trace keeps only the pre-activation errors summed over the windows, so the per-window
 *     errors are recomputed here by running backward through each window from the trace's
 *     forward values and the weights (the tests check that they add up to the trace's sums);</li>
 * <li>GRADIENT — for each parameter (case order) and each step t = 1..T, the term step t adds to
 *     ∂E/∂θ ({@code Trace.gradientTerm}) and the running sum, which at t = T is {@code Trace.grad}.</li>
 * </ol>
 *
 * <p>Immutable and thread-safe. Building it works out every event's reads and symbolic equation
 * in the book's notation; the other notations' equations ({@link Event#equation(Notation)}) are
 * worked out on first use and kept by the event;
 * the substituted equations and the numbers are computed when asked for (a fraction of a
 * millisecond each; a running sum of a gradient adds only the terms since the nearest
 * checkpoint). No method modifies its arguments.
 */
public final class Schedule {

    /**
     * The most events a schedule may have ({@link org.unroll.engine.Limits#MAX_EVENTS}); a longer
     * one is refused ({@link TooLong}).
     */
    public static final int MAX_EVENTS = org.unroll.engine.Limits.MAX_EVENTS;

    /** A schedule beyond {@link #MAX_EVENTS}: its message is one line naming the count and the limit. */
    public static final class TooLong extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        TooLong(String message) {
            super(message);
        }
    }

    private final UnrolledGraph graph;
    private final Trace trace;
    private final TraceValues values;
    private final Equations equations;
    private final WindowBackward windows;
    /** The book's symbols, which the events' {@link Event#equation()} use. */
    private final Expr.Sym book;
    private final List<Event> events;
    private final int[] firstValue;
    private final int[] lastValue;
    private final int[] firstDelta;
    private final int[] lastDelta;
    private final Map<Phase, Integer> phaseStart = new EnumMap<>(Phase.class);
    private final int[] runStart;
    private final int[] runEnd;
    /** Per parameter id, its gradient's prefix sums every few steps (made on first use). */
    private final Map<Integer, double[][][]> checkpoints = new ConcurrentHashMap<>();
    /** The last truncated window recomputed (consecutive events of a window share it). */
    private final AtomicReference<CachedWindow> lastWindow = new AtomicReference<>();

    private record CachedWindow(int s, WindowBackward.Result result) {
    }

    /** The running sum last computed, so that walking the gradient events in order adds one term each. */
    private final AtomicReference<CachedSum> lastSum = new AtomicReference<>();
    /** The parameters' matrices, shared read-only by the renderers. */
    private final Map<Integer, double[][]> matrices = new HashMap<>();

    private record CachedSum(int param, int step, double[][] sum) {
    }

    /** At most this many bytes of prefix-sum checkpoints per parameter. */
    private static final long CHECKPOINT_BYTES = 8L << 20;

    private Schedule(UnrolledGraph g, Trace tr, Weights w) {
        this.graph = g;
        this.trace = tr;
        this.book = new Expr.Sym(Notation.BOOK, g.config());
        this.values = new TraceValues(tr, w);
        this.equations = new Equations(g, tr.lossKind(), values.targetCount());
        this.windows = tr.hasBackward() ? new WindowBackward(tr, w) : null;
        for (Node p : g.parameters()) {
            matrices.put(p.id(), values.matrix(p));
        }
        checkSize();
        List<Event> ev = new ArrayList<>();
        Map<String, String> interned = new HashMap<>();
        List<Node> topo = g.topologicalOrder();
        for (Node n : topo) {
            NodeKind k = n.kind();
            if (k != NodeKind.PARAMETER && k != NodeKind.LOSS_TERM && k != NodeKind.LOSS) {
                add(ev, interned, Phase.FORWARD, n, false, n.step(), 0);
            }
        }
        for (Node n : topo) {
            if (n.kind() == NodeKind.LOSS_TERM) {
                add(ev, interned, Phase.LOSS, n, false, n.step(), 0);
            }
        }
        for (Node n : topo) {
            if (n.kind() == NodeKind.LOSS) {
                add(ev, interned, Phase.LOSS, n, false, 0, 0);
            }
        }
        if (tr.hasBackward()) {
            List<Node> rev = new ArrayList<>(topo);
            Collections.reverse(rev);
            if (tr.truncate() == null) {
                for (Node n : rev) {
                    if (n.hasDelta() && !n.isParameter()) {
                        add(ev, interned, Phase.BACKWARD, n, true, n.step(), 0);
                    }
                }
            } else {
                for (int s = g.length(); s >= 1; s--) {
                    if (!g.hasTarget(s)) {
                        continue;
                    }
                    Predicate<Node> in = inWindow(s);
                    for (Node n : rev) {
                        if (in.test(n)) {
                            add(ev, interned, Phase.BACKWARD, n, true, n.step(), s);
                        }
                    }
                }
            }
            for (Node p : g.parameters()) {
                for (int t = 1; t <= g.length(); t++) {
                    add(ev, interned, Phase.GRADIENT, p, true, t, 0);
                }
            }
        }
        this.events = Collections.unmodifiableList(ev);
        int nn = g.nodes().size();
        firstValue = new int[nn];
        lastValue = new int[nn];
        firstDelta = new int[nn];
        lastDelta = new int[nn];
        Arrays.fill(firstValue, -1);
        Arrays.fill(lastValue, -1);
        Arrays.fill(firstDelta, -1);
        Arrays.fill(lastDelta, -1);
        runStart = new int[ev.size()];
        runEnd = new int[ev.size()];
        for (Event e : ev) {
            int id = e.node().id();
            int i = e.index();
            int[] first = e.isDelta() ? firstDelta : firstValue;
            int[] last = e.isDelta() ? lastDelta : lastValue;
            if (first[id] < 0) {
                first[id] = i;
            }
            last[id] = i;
            phaseStart.putIfAbsent(e.phase(), i);
            runStart[i] = i > 0 && sameRun(ev.get(i - 1), e) ? runStart[i - 1] : i;
        }
        for (int i = ev.size() - 1; i >= 0; i--) {
            runEnd[i] = i + 1 < ev.size() && sameRun(ev.get(i + 1), ev.get(i)) ? runEnd[i + 1] : i;
        }
    }

    private static boolean sameRun(Event a, Event b) {
        return a.phase() == b.phase() && a.step() == b.step() && a.window() == b.window();
    }

    private void checkSize() {
        requireWithinLimit(graph, trace.truncate(), trace.hasBackward());
    }

    /**
     * About how many events the schedule of a graph has (an upper bound with truncation), without
     * building it or computing anything.
     *
     * @param g the unrolled graph (not modified)
     * @param truncate the truncation window k, or null for full BPTT
     * @param backward whether the trace has the backward pass
     */
    public static long eventCount(UnrolledGraph g, Integer truncate, boolean backward) {
        long n = g.nodes().size() - g.parameters().size();
        if (backward) {
            long perStep = g.nodes().size() / Math.max(1, g.length()) + 1;
            long targets = 0;
            for (int t = 1; t <= g.length(); t++) {
                targets += g.hasTarget(t) ? 1 : 0;
            }
            n += truncate == null ? g.nodes().size() : targets * Math.min(truncate, g.length()) * perStep;
            n += (long) g.parameters().size() * g.length();
        }
        return n;
    }

    /**
     * Refuses, before the trace is computed, a graph whose schedule would pass {@link #MAX_EVENTS}
     * (ADR 0031: the limit is the engine's, documented, and told in one line).
     *
     * @throws TooLong naming T, the count and the limit
     */
    public static void requireWithinLimit(UnrolledGraph g, Integer truncate, boolean backward) {
        long n = eventCount(g, truncate, backward);
        if (n > MAX_EVENTS) {
            throw new TooLong("T = " + g.length() + " gives about " + n + " events to walk, more than the "
                    + MAX_EVENTS + " the graph, its walk and its exports take (the engine's event limit);"
                    + " use a shorter sequence" + (truncate != null ? " (or a smaller truncation window)" : ""));
        }
    }

    /**
     * The schedule of a trace.
     *
     * @param g the unrolled graph of the trace's network and sequence (not modified; immutable)
     * @param tr the trace (not modified; immutable)
     * @param w the weights the trace was computed with (not modified; the parameters are copied)
     * @throws IllegalArgumentException if the graph, the trace and the weights do not match, or
     *                                  the schedule would exceed {@link #MAX_EVENTS}
     */
    public static Schedule of(UnrolledGraph g, Trace tr, Weights w) {
        Objects.requireNonNull(g, "graph");
        Objects.requireNonNull(tr, "trace");
        Objects.requireNonNull(w, "weights");
        if (!g.config().equals(tr.config()) || !w.config().equals(tr.config())) {
            throw new IllegalArgumentException("graph, trace and weights are of different networks");
        }
        if (g.length() != tr.length()) {
            throw new IllegalArgumentException("the graph has " + g.length() + " steps, the trace " + tr.length());
        }
        for (int t = 1; t <= g.length(); t++) {
            if (g.hasTarget(t) != (tr.target(t) != null)) {
                throw new IllegalArgumentException("graph and trace differ on whether step " + t + " has a target");
            }
        }
        return new Schedule(g, tr, w);
    }

    /**
     * The schedule of a trace over its own graph ({@link UnrolledGraph#of(Trace)}).
     *
     * @param tr the trace (not modified)
     * @param w the weights it was computed with (not modified)
     */
    public static Schedule of(Trace tr, Weights w) {
        return of(UnrolledGraph.of(tr), tr, w);
    }

    /** Which nodes' errors a truncated window of the loss term E_s computes. */
    private Predicate<Node> inWindow(int s) {
        int k = trace.truncate();
        int lo = Math.max(1, s - k + 1);
        return n -> n.hasDelta() && n.kind() != NodeKind.PARAMETER && n.kind() != NodeKind.INITIAL_STATE
                && n.step() >= lo && n.step() <= s && (n.kind() != NodeKind.OUTPUT_PRE || n.step() == s);
    }

    private Predicate<Node> allowed(int window) {
        return window == 0 ? n -> true : inWindow(window);
    }

    private void add(List<Event> ev, Map<String, String> interned, Phase phase, Node n, boolean delta, int step,
                     int window) {
        Expr rhs = rhs(phase, n, delta, step, window);
        LinkedHashSet<Ref> reads = new LinkedHashSet<>();
        if (rhs != null) {
            List<Ref> l = new ArrayList<>();
            rhs.refs(l);
            reads.addAll(l);
        }
        Node param = null;
        if (phase == Phase.GRADIENT) {
            param = n;
        } else {
            for (Ref r : reads) {
                if (r.node().isParameter()) {
                    param = r.node();
                    break;
                }
            }
        }
        String eq = equation(book, phase, n, delta, step, rhs);
        eq = interned.computeIfAbsent(eq, x -> x);
        ev.add(new Event(this, ev.size(), phase, n, delta, step, window, List.copyOf(reads), param, eq));
    }

    private Expr rhs(Phase phase, Node n, boolean delta, int step, int window) {
        return switch (phase) {
            case FORWARD, LOSS -> equations.forward(n);
            case BACKWARD -> equations.error(n, allowed(window));
            case GRADIENT -> equations.gradientTerm(n, step);
        };
    }

    private static String equation(Expr.Sym sy, Phase phase, Node n, boolean delta, int step, Expr rhs) {
        return lhs(sy, phase, n, delta, step) + (rhs == null ? "" : (phase == Phase.GRADIENT ? " \\mathrel{+}= " : " = ")
                + rhs.sym(sy, step));
    }

    /** An event's symbolic equation in a notation (the book's is made with the schedule). */
    String equation(Event e, Notation notation) {
        if (notation == Notation.BOOK) {
            return e.equation();
        }
        Expr rhs = rhs(e.phase(), e.node(), e.isDelta(), e.step(), e.window());
        return equation(new Expr.Sym(notation, graph.config()), e.phase(), e.node(), e.isDelta(), e.step(), rhs);
    }

    /**
     * An event's symbolic equation with its steps written as numbers, for a worksheet: {@code h(2) =
     * f\left(p(2)\right)} where {@link Event#equation(Notation)} writes {@code h(t) = f\left(p(t)\right)};
     * for a GRADIENT event the term of its step, {@code \frac{\partial E}{\partial U} \mathrel{+}= e_h(2)
     * x(2)^\top}. Worked out afresh.
     *
     * @param e an event of this schedule
     * @param notation the notation
     */
    public String equationAtStep(Event e, Notation notation) {
        Expr rhs = rhs(e.phase(), e.node(), e.isDelta(), e.step(), e.window());
        return equation(symbols(notation), e.phase(), e.node(), e.isDelta(), 0, rhs);
    }

    /**
     * The left-hand side of {@link #equationAtStep}: {@code h(2)}, {@code e_h(2)}, {@code E_{1}}, or for
     * a GRADIENT event the gradient {@code \frac{\partial E}{\partial U}}.
     *
     * @param e an event of this schedule
     * @param notation the notation
     */
    public String leftSideAtStep(Event e, Notation notation) {
        return lhs(symbols(notation), e.phase(), e.node(), e.isDelta(), 0);
    }

    /** The left-hand side, its step written relative to {@code te} (0: absolute). */
    private static String lhs(Expr.Sym sy, Phase phase, Node n, boolean delta, int te) {
        String time = Expr.time(n.step(), te);
        return delta || phase == Phase.GRADIENT ? sy.notation().deltaLatex(sy.config(), n, time)
                : sy.notation().latex(sy.config(), n, time);
    }

    // ------------------------------------------------------------------ numbers

    /** The Values an event's numbers come from: the trace's, or a truncated window's errors. */
    private Expr.Values valuesFor(Event e) {
        WindowBackward.Result wr = e.window() > 0 ? windowResult(e.window()) : null;
        return new Expr.Values() {
            @Override
            public double[] value(Node n) {
                return values.value(n);
            }

            @Override
            public double[][] matrix(Node p) {
                return matrices.get(p.id());
            }

            @Override
            public double[] delta(Node n) {
                if (wr != null && n.kind() != NodeKind.OUTPUT_PRE) {
                    return wr.get(n);
                }
                return values.delta(n);
            }

            @Override
            public double[] target(int t) {
                return trace.target(t);
            }
        };
    }

    private WindowBackward.Result windowResult(int s) {
        CachedWindow last = lastWindow.get();
        if (last != null && last.s() == s) {
            return last.result();
        }
        int lo = Math.max(1, s - trace.truncate() + 1);
        WindowBackward.Result r = windows.run(lo, s, t -> t == s);
        lastWindow.set(new CachedWindow(s, r));
        return r;
    }

    /**
     * The factors of an error event's chain rule, each on its edge of the graph ({@link Factor}):
     * the local derivative first (for a pre-activation), then one term per consumer in the
     * equation's order; empty for other events. Worked out on each call (cheap: symbols only
     * until a factor's value is asked for).
     *
     * @param index an event index
     */
    public List<Factor> factors(int index) {
        Event e = events.get(index);
        if (e.phase() != Phase.BACKWARD) {
            return List.of();
        }
        List<Factor> out = new ArrayList<>();
        for (Equations.Term t : equations.factors(e.node(), allowed(e.window()))) {
            boolean local = t.edge().from().equals(e.node()) && e.node().kind() == NodeKind.PRE
                    && (t.edge().to().kind() == NodeKind.GATE || t.edge().to().kind() == NodeKind.HIDDEN);
            out.add(new Factor(this, e, t.edge(), local, t.expr()));
        }
        return List.copyOf(out);
    }

    /** The numbers an event's expressions read (a truncated window's errors inside a window). */
    Expr.Values valuesOf(Event e) {
        return valuesFor(e);
    }

    Expr.Sym symbols(Notation notation) {
        return notation == null || notation == Notation.BOOK ? book : new Expr.Sym(notation, graph.config());
    }

    String substitute(Event e) {
        return substitute(e, book, LatexFormat.Elision.NORMAL);
    }

    /** An event's substituted equation in a notation (computed afresh; {@link Event} caches it). */
    String substitute(Event e, Notation notation) {
        return substitute(e, notation, LatexFormat.Elision.NORMAL);
    }

    /** An event's substituted equation in a notation, shortened as an elision says (computed afresh). */
    String substitute(Event e, Notation notation, LatexFormat.Elision el) {
        return substitute(e, notation == Notation.BOOK ? book : new Expr.Sym(notation, graph.config()), el, false);
    }

    /** An event's substituted equation with its result (and a gradient's running sum) a blank box. */
    String substituteHidden(Event e, Notation notation, LatexFormat.Elision el) {
        return substitute(e, symbols(notation), el, true);
    }

    /** The blank a hidden result is written as (predict, then reveal). */
    public static final String BLANK = "\\boxed{\\;?\\;}";

    private String substitute(Event e, Expr.Sym sy, LatexFormat.Elision el) {
        return substitute(e, sy, el, false);
    }

    private String substitute(Event e, Expr.Sym sy, LatexFormat.Elision el, boolean hide) {
        Expr rhs = rhs(e.phase(), e.node(), e.isDelta(), e.step(), e.window());
        Expr.Values v0 = valuesFor(e);
        Expr.Values v = el == LatexFormat.Elision.NORMAL ? v0 : new Expr.Values() {
            @Override
            public double[] value(Node n) {
                return v0.value(n);
            }

            @Override
            public double[][] matrix(Node p) {
                return v0.matrix(p);
            }

            @Override
            public double[] delta(Node n) {
                return v0.delta(n);
            }

            @Override
            public double[] target(int t) {
                return v0.target(t);
            }

            @Override
            public LatexFormat.Elision elision() {
                return el;
            }
        };
        StringBuilder sb = new StringBuilder();
        if (e.phase() == Phase.GRADIENT) {
            String l = lhs(sy, e.phase(), e.node(), true, e.step());
            sb.append(l).append(" \\mathrel{+}= ");
            rhs.num(sb, v);
            sb.append(" = ").append(hide ? BLANK : LatexFormat.matrix(value(e.index()), el));
            sb.append(",\\quad ").append(l).append(" = ").append(hide ? BLANK
                    : LatexFormat.matrix(runningSum(e.index()), el));
            return sb.toString();
        }
        sb.append(lhs(sy, e.phase(), e.node(), e.isDelta(), 0));
        if (rhs != null) {
            sb.append(" = ");
            rhs.num(sb, v);
        }
        sb.append(" = ").append(hide ? BLANK : format(e, value(e.index()), el));
        return sb.toString();
    }

    private static String format(Event e, double[][] m, LatexFormat.Elision el) {
        NodeKind k = e.node().kind();
        if (!e.isDelta() && (k == NodeKind.LOSS_TERM || k == NodeKind.LOSS)) {
            return LatexFormat.number(m[0][0]);
        }
        return LatexFormat.matrix(m, el);
    }

    /**
     * The result of an event in case shape: a node's value or error as an n×1 column (E_t and E
     * as 1×1); inside a truncated window, that window's error ∂E_s/∂·; for a GRADIENT event the
     * term its step adds to the gradient. A fresh copy.
     *
     * @param index an event index, 0..size()-1
     */
    public double[][] value(int index) {
        Event e = events.get(index);
        Node n = e.node();
        double[] v;
        switch (e.phase()) {
            case FORWARD, LOSS -> v = values.value(n);
            case BACKWARD -> v = valuesFor(e).delta(n);
            case GRADIENT -> {
                return values.gradientTerm(n, e.step());
            }
            default -> throw new IllegalStateException();
        }
        double[][] m = new double[v.length][1];
        for (int i = 0; i < v.length; i++) {
            m[i][0] = v[i];
        }
        return m;
    }

    /**
     * For a GRADIENT event at step t, the parameter's gradient so far: the sum of the terms of
     * steps 1..t (at t = T, {@code Trace.grad}); null for other events.
     *
     * @param index an event index
     */
    public double[][] runningSum(int index) {
        Event e = events.get(index);
        if (e.phase() != Phase.GRADIENT) {
            return null;
        }
        Node p = e.node();
        int step = e.step();
        double[][][] cps = checkpoints.computeIfAbsent(p.id(), id -> prefixCheckpoints(p));
        int every = checkpointEvery(p);
        int base = step / every;
        double[][] sum;
        int from;
        CachedSum last = lastSum.get();
        if (last != null && last.param() == p.id() && last.step() <= step && last.step() >= base * every) {
            sum = copy(last.sum());
            from = last.step() + 1;
        } else {
            sum = copy(cps[base]);
            from = base * every + 1;
        }
        for (int t = from; t <= step; t++) {
            addInto(sum, values.gradientTerm(p, t));
        }
        lastSum.set(new CachedSum(p.id(), step, copy(sum)));
        return sum;
    }

    /** Steps between checkpoints: 8, or more when a parameter is large (at most CHECKPOINT_BYTES each). */
    private int checkpointEvery(Node p) {
        double[][] m = matrices.get(p.id());
        long bytes = 8L * m.length * m[0].length;
        long fit = Math.max(1, CHECKPOINT_BYTES / bytes);
        return (int) Math.max(8, Math.min(graph.length() + 1L, (graph.length() + fit - 1) / fit));
    }

    /** The sums of a parameter's terms over steps 1..j·every, for j = 0, 1, … (added in step order). */
    private double[][][] prefixCheckpoints(Node p) {
        int steps = graph.length();
        int every = checkpointEvery(p);
        double[][][] cps = new double[steps / every + 1][][];
        double[][] m = matrices.get(p.id());
        double[][] sum = new double[m.length][m[0].length];
        cps[0] = copy(sum);
        for (int t = 1; t <= steps; t++) {
            addInto(sum, values.gradientTerm(p, t));
            if (t % every == 0) {
                cps[t / every] = copy(sum);
            }
        }
        return cps;
    }

    private static void addInto(double[][] sum, double[][] term) {
        for (int r = 0; r < sum.length; r++) {
            for (int c = 0; c < sum[r].length; c++) {
                sum[r][c] += term[r][c];
            }
        }
    }

    private static double[][] copy(double[][] m) {
        double[][] r = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            r[i] = m[i].clone();
        }
        return r;
    }

    // ------------------------------------------------------------------ queries

    public UnrolledGraph graph() {
        return graph;
    }

    public Trace trace() {
        return trace;
    }

    /** The trace's numbers by node. */
    public TraceValues values() {
        return values;
    }

    /** Every event, in order. */
    public List<Event> events() {
        return events;
    }

    /**
     * The event at an index.
     *
     * @param index 0..size()-1
     */
    public Event event(int index) {
        return events.get(index);
    }

    public int size() {
        return events.size();
    }

    /**
     * The index of a phase's first event, or -1 when it has none (a trace without backward pass).
     *
     * @param phase the phase
     */
    public int firstIndexOf(Phase phase) {
        return phaseStart.getOrDefault(phase, -1);
    }

    /**
     * The index of the first event that computes a node's value ({@code isDelta} false) or error
     * / gradient term ({@code isDelta} true), or -1 if no event does (parameters' values are
     * given; gate activations, y, E_t and E have no error events).
     *
     * @param node a node of this schedule's graph (not modified)
     * @param isDelta error rather than value
     */
    public int firstIndexOf(Node node, boolean isDelta) {
        return (isDelta ? firstDelta : firstValue)[node.id()];
    }

    /**
     * Like {@link #firstIndexOf(Node, boolean)}, the last such event (there are several for an
     * error that several truncated windows compute, and for a parameter's gradient terms).
     *
     * @param node a node of this schedule's graph (not modified)
     * @param isDelta error rather than value
     */
    public int lastIndexOf(Node node, boolean isDelta) {
        return (isDelta ? lastDelta : lastValue)[node.id()];
    }

    /**
     * The events whose {@link Event#step()} is t, in order.
     *
     * @param t the step (0 for h(0), c(0) and E)
     */
    public List<Event> eventsAtStep(int t) {
        List<Event> r = new ArrayList<>();
        for (Event e : events) {
            if (e.step() == t) {
                r.add(e);
            }
        }
        return Collections.unmodifiableList(r);
    }

    /** A cursor before the first event. */
    public Cursor cursor() {
        return new Cursor(this, -1);
    }

    /**
     * The first index of the run containing an event: consecutive events of the same phase, step
     * and window (one cell's worth of work).
     */
    int runStart(int index) {
        return runStart[index];
    }

    /** The last index of the run containing an event. */
    int runEnd(int index) {
        return runEnd[index];
    }

    @Override
    public String toString() {
        return "Schedule of " + size() + " events over " + graph;
    }
}
