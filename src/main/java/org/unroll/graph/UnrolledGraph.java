package org.unroll.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.TreeSet;
import org.unroll.engine.Cell;
import org.unroll.engine.CellType;
import org.unroll.engine.ModelConfig;
import org.unroll.engine.ParamLayout;
import org.unroll.engine.ParamSpec;
import org.unroll.engine.Quantity;
import org.unroll.engine.Trace;
import org.unroll.engine.Wire;

/**
 * A recurrent network unrolled over T time steps, as an immutable graph of {@link Node}s and
 * {@link Edge}s — structure only, no numbers (see {@link TraceValues} for those).
 *
 * <p>Per step t: x(t); the pre-activation(s) p(t) / pre_g(t); the gate activations (LSTM, GRU);
 * c(t) (LSTM); h(t); q(t); y(t); and E_t when step t has a target. Besides: h(0), c(0) (LSTM), one
 * node per parameter — the <em>same</em> node for every step, which is what "U and W are shared
 * across time" means in the picture — and E. The step's nodes and edges are the cell's own
 * {@linkplain Cell#stepQuantities() quantities} and {@linkplain Cell#wiring() wiring}, repeated at
 * every step (see {@link Edge} for how parameters and biases appear): nothing here knows a cell.
 *
 * <p>Immutable and thread-safe; every list returned is unmodifiable. No method modifies its
 * arguments (nodes are immutable records; arrays passed in are copied).
 */
public final class UnrolledGraph {

    private final ModelConfig config;
    private final int length;
    private final boolean[] hasTarget;
    private final List<Node> nodes;
    private final List<Edge> edges;
    private final List<Node> parameters;
    private final Map<String, Node[]> byKey;
    private final List<List<Edge>> inputs;
    private final List<List<Edge>> consumers;
    private final List<List<Edge>> using;
    private final List<Node> topo;

    private UnrolledGraph(ModelConfig cfg, int steps, boolean[] targets) {
        this.config = cfg;
        this.length = steps;
        this.hasTarget = targets.clone();
        Builder b = new Builder(cfg, steps);
        b.build(hasTarget);
        this.nodes = Collections.unmodifiableList(b.nodes);
        this.edges = Collections.unmodifiableList(b.edges);
        this.parameters = Collections.unmodifiableList(b.params);
        this.byKey = b.byKey;
        List<List<Edge>> in = new ArrayList<>();
        List<List<Edge>> out = new ArrayList<>();
        List<List<Edge>> use = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            in.add(new ArrayList<>());
            out.add(new ArrayList<>());
            use.add(new ArrayList<>());
        }
        for (Edge e : edges) {
            in.get(e.to().id()).add(e);
            out.get(e.from().id()).add(e);
            Node p = e.parameterUsed();
            if (p != null) {
                use.get(p.id()).add(e);
            }
        }
        this.inputs = freeze(in);
        this.consumers = freeze(out);
        this.using = freeze(use);
        this.topo = Collections.unmodifiableList(kahn());
    }

    private static List<List<Edge>> freeze(List<List<Edge>> l) {
        List<List<Edge>> r = new ArrayList<>(l.size());
        for (List<Edge> x : l) {
            r.add(List.copyOf(x));
        }
        return Collections.unmodifiableList(r);
    }

    /**
     * Unrolls a configuration over {@code steps} time steps.
     *
     * @param cfg the network's shape (not modified)
     * @param steps T ≥ 1
     * @param hasTarget which steps have a target: {@code hasTarget[t-1]} for step t, length T
     *                  (not modified; copied)
     * @return the graph
     * @throws IllegalArgumentException if T &lt; 1 or {@code hasTarget} has the wrong length
     */
    public static UnrolledGraph of(ModelConfig cfg, int steps, boolean[] hasTarget) {
        Objects.requireNonNull(cfg, "cfg");
        Objects.requireNonNull(hasTarget, "hasTarget");
        if (steps < 1) {
            throw new IllegalArgumentException("T must be >= 1, got " + steps);
        }
        if (hasTarget.length != steps) {
            throw new IllegalArgumentException("hasTarget has " + hasTarget.length + " entries, T is " + steps);
        }
        return new UnrolledGraph(cfg, steps, hasTarget);
    }

    /**
     * The graph of a trace's network and sequence (its configuration, T, and which steps have a target).
     *
     * @param trace the trace (not modified)
     */
    public static UnrolledGraph of(Trace trace) {
        boolean[] ht = new boolean[trace.length()];
        for (int t = 1; t <= ht.length; t++) {
            ht[t - 1] = trace.target(t) != null;
        }
        return of(trace.config(), trace.length(), ht);
    }

    public ModelConfig config() {
        return config;
    }

    /** T, the number of time steps. */
    public int length() {
        return length;
    }

    /**
     * Whether step t has a target, hence a node E_t.
     *
     * @param t the step (false outside 1..T)
     */
    public boolean hasTarget(int t) {
        return t >= 1 && t <= length && hasTarget[t - 1];
    }

    /** Every node, in id order. */
    public List<Node> nodes() {
        return nodes;
    }

    /** Every edge. */
    public List<Edge> edges() {
        return edges;
    }

    /** The parameter nodes, one per case-file parameter, in case-file order. */
    public List<Node> parameters() {
        return parameters;
    }

    /**
     * Whether a node with this key exists at step t (see {@link #node(String, int)}).
     *
     * @param key a trace key or parameter name
     * @param t the step
     */
    public boolean contains(String key, int t) {
        Node[] a = byKey.get(alias(key, t));
        return a != null && t >= 0 && t < a.length && a[t] != null;
    }

    /**
     * The node with a trace key at step t: {@code node("h", 3)}, {@code node("pre_i", 1)},
     * {@code node("E_t", 2)}; initial states as {@code node("h0", 0)} or {@code node("h", 0)};
     * parameters and E at step 0 ({@code node("Wh", 0)}, {@code node("E", 0)}).
     *
     * @param key a trace key or parameter name
     * @param t the step
     * @throws IllegalArgumentException if there is no such node
     */
    public Node node(String key, int t) {
        if (!contains(key, t)) {
            throw new IllegalArgumentException("no node " + key + " at step " + t);
        }
        return byKey.get(alias(key, t))[t];
    }

    /**
     * The parameter node of a case-file parameter name.
     *
     * @param name the case-file name ({@code "Wh"}, {@code "Wx_i"}, {@code "p_o"} …)
     * @throws IllegalArgumentException if this network has no such parameter
     */
    public Node parameter(String name) {
        Node n = contains(name, 0) ? node(name, 0) : null;
        if (n == null || n.kind() != NodeKind.PARAMETER) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return n;
    }

    private static String alias(String key, int t) {
        if (t == 0 && (key.equals("h") || key.equals("c"))) {
            return key + "0";
        }
        return key;
    }

    /**
     * The edges into a node: its forward value reads their {@code from}s (and parameters).
     *
     * @param node a node of this graph (not modified)
     * @throws IllegalArgumentException if the node is not of this graph
     */
    public List<Edge> inputsOf(Node node) {
        return inputs.get(check(node).id());
    }

    /**
     * The edges out of a node, to the nodes that read its value.
     *
     * @param node a node of this graph (not modified)
     * @throws IllegalArgumentException if the node is not of this graph
     */
    public List<Edge> consumersOf(Node node) {
        return consumers.get(check(node).id());
    }

    /**
     * The edges that read a parameter, as multiplier or as bias (see {@link Edge#parameterUsed()}).
     *
     * @param parameter a parameter node of this graph (not modified)
     */
    public List<Edge> edgesUsing(Node parameter) {
        return using.get(check(parameter).id());
    }

    /**
     * Every time step whose nodes read a parameter, ascending. For every parameter of a recurrent
     * cell this is 1..T: one matrix shared by all steps.
     *
     * @param parameter a parameter node of this graph (not modified)
     */
    public List<Integer> stepsUsing(Node parameter) {
        TreeSet<Integer> s = new TreeSet<>();
        for (Edge e : edgesUsing(parameter)) {
            s.add(e.to().step());
        }
        return List.copyOf(s);
    }

    /**
     * The nodes of step t's cell proper — the pre-activations, gates, c(t) and h(t) — in id order;
     * empty outside 1..T.
     *
     * @param t the step
     */
    public List<Node> cell(int t) {
        List<Node> r = new ArrayList<>();
        for (Node n : nodesAtStep(t)) {
            if (t >= 1 && (n.kind() == NodeKind.PRE || n.kind() == NodeKind.GATE || n.kind() == NodeKind.CELL
                    || n.kind() == NodeKind.HIDDEN)) {
                r.add(n);
            }
        }
        return List.copyOf(r);
    }

    /**
     * Every node whose step is t, in id order: for t ≥ 1 x(t), the cell, q(t), y(t) and E_t; for
     * t = 0 the parameters, the initial states and E.
     *
     * @param t the step
     */
    public List<Node> nodesAtStep(int t) {
        List<Node> r = new ArrayList<>();
        for (Node n : nodes) {
            if (n.step() == t) {
                r.add(n);
            }
        }
        return List.copyOf(r);
    }

    /**
     * All nodes in a topological order computed from the edges by Kahn's algorithm: every edge goes
     * from an earlier node to a later one. Among the nodes ready at once, the one with the smallest
     * step comes first (E, whose step is 0 but which reads every E_t, counting as after step T),
     * then by {@link NodeKind} declaration order, then by id. So the order runs step by step:
     * parameters and initial states, then step 1's nodes, step 2's …, and E last.
     */
    public List<Node> topologicalOrder() {
        return topo;
    }

    private List<Node> kahn() {
        int[] indeg = new int[nodes.size()];
        for (Edge e : edges) {
            indeg[e.to().id()]++;
        }
        PriorityQueue<Node> ready = new PriorityQueue<>(Comparator.comparingInt(UnrolledGraph::orderStep)
                .thenComparingInt(n -> n.kind().ordinal()).thenComparingInt(Node::id));
        for (Node n : nodes) {
            if (indeg[n.id()] == 0) {
                ready.add(n);
            }
        }
        List<Node> order = new ArrayList<>(nodes.size());
        while (!ready.isEmpty()) {
            Node n = ready.poll();
            order.add(n);
            for (Edge e : consumers.get(n.id())) {
                if (--indeg[e.to().id()] == 0) {
                    ready.add(e.to());
                }
            }
        }
        if (order.size() != nodes.size()) {
            throw new IllegalStateException("the unrolled graph has a cycle");
        }
        return order;
    }

    /** The step used to order ready nodes: E, which reads every step, counts as after the last. */
    private static int orderStep(Node n) {
        return n.kind() == NodeKind.LOSS ? Integer.MAX_VALUE : n.step();
    }

    private Node check(Node n) {
        Objects.requireNonNull(n, "node");
        if (n.id() < 0 || n.id() >= nodes.size() || !nodes.get(n.id()).equals(n)) {
            throw new IllegalArgumentException("node " + n + " is not in this graph");
        }
        return n;
    }

    @Override
    public String toString() {
        return config.cell().key() + " unrolled over " + length + " steps: " + nodes.size() + " nodes, "
                + edges.size() + " edges";
    }

    /** Creates the nodes and edges in a fixed order. */
    private static final class Builder {
        final ModelConfig cfg;
        final CellType cell;
        final int steps;
        final List<Node> nodes = new ArrayList<>();
        final List<Edge> edges = new ArrayList<>();
        final List<Node> params = new ArrayList<>();
        final Map<String, Node[]> byKey = new HashMap<>();

        Builder(ModelConfig cfg, int steps) {
            this.cfg = cfg;
            this.cell = cfg.cell();
            this.steps = steps;
        }

        Node add(NodeKind kind, String key, int t, String deltaKey) {
            Node n = new Node(nodes.size(), kind, key, t, Notation.label(cell, kind, key, t), deltaKey);
            nodes.add(n);
            Node[] a = byKey.computeIfAbsent(key, k -> new Node[steps + 1]);
            a[t] = n;
            return n;
        }

        Node at(String key, int t) {
            return byKey.get(key)[t];
        }

        Node p(String name) {
            return at(name, 0);
        }

        void edge(Node from, Node to, Node param) {
            edges.add(new Edge(from, to, param));
        }

        void build(boolean[] hasTarget) {
            Cell def = Cell.of(cfg);
            ParamLayout lay = ParamLayout.of(cfg);
            for (ParamSpec ps : lay.params()) {
                params.add(add(NodeKind.PARAMETER, ps.name(), 0, null));
            }
            for (Quantity s : def.states()) {
                add(NodeKind.INITIAL_STATE, s.key() + "0", 0, s == Quantity.C ? "dc0" : "dh0");
            }
            List<Node> lossTerms = new ArrayList<>();
            for (int t = 1; t <= steps; t++) {
                add(NodeKind.INPUT, "x", t, null);
                // the cell's step, as the cell defines it: its quantities, then its wires
                for (Quantity q : def.stepQuantities()) {
                    Quantity err = q.error();
                    add(kindOf(q), q.key(), t, err == null ? null : err.key());
                }
                for (Wire w : def.wiring()) {
                    Node to = at(w.to().key(), t);
                    if (w.from() == null) {
                        edge(p(w.param()), to, null);
                    } else {
                        edge(quantity(w.from(), t + w.shift()), to, w.param() == null ? null : p(w.param()));
                    }
                }
                Node h = at("h", t);
                Node q = add(NodeKind.OUTPUT_PRE, "q", t, "dq");
                Node y = add(NodeKind.OUTPUT, "y", t, null);
                edge(h, q, p("Wy"));
                edge(p("by"), q, null);
                edge(q, y, null);
                if (hasTarget[t - 1]) {
                    Node et = add(NodeKind.LOSS_TERM, "E_t", t, null);
                    edge(y, et, null);
                    lossTerms.add(et);
                }
            }
            Node e = add(NodeKind.LOSS, "E", 0, null);
            for (Node et : lossTerms) {
                edge(et, e, null);
            }
        }

        /** A quantity's node at step t; at t = 0 the initial state. */
        private Node quantity(Quantity q, int t) {
            return t == 0 ? at(q.key() + "0", 0) : at(q.key(), t);
        }

        private static NodeKind kindOf(Quantity q) {
            return switch (q) {
                case P, PRE_I, PRE_F, PRE_O, PRE_A, PRE_R, PRE_Z -> NodeKind.PRE;
                case I, F, O, A, R, Z -> NodeKind.GATE;
                case C -> NodeKind.CELL;
                case H -> NodeKind.HIDDEN;
                default -> throw new IllegalArgumentException("no node kind for " + q);
            };
        }
    }
}
