package org.unroll.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.unroll.engine.CellType;
import org.unroll.engine.ModelConfig;
import org.unroll.engine.ParamLayout;
import org.unroll.engine.ParamSpec;
import org.unroll.schedule.TestCases;
import org.unroll.testing.Seeded;

class UnrolledGraphTest {

    /** Per variant of {@link TestCases#VARIANTS}: nodes per step, edges per step, nodes besides the steps. */
    private static final int[][] SHAPE = {
        {5, 7, 5 + 1 + 1},     // rnn: x p h q y; 5 params, h0, E
        {13, 25, 14 + 2 + 1},  // lstm: x, 4 pre, 4 gates, c, h, q, y; 14 params, h0, c0, E
        {13, 28, 17 + 2 + 1},  // lstm + 3 peepholes
        {10, 19, 11 + 1 + 1},  // gru: x, 3 pre, 3 gates, h, q, y; 11 params, h0, E
        {10, 20, 12 + 1 + 1},  // gru resetAfter: + bh_a
        {13, 25, 14 + 2 + 1},  // lstm with hard-sigmoid gates: the same graph
        {10, 20, 12 + 1 + 1},  // gru resetAfter with hard-sigmoid gates: the same graph
    };

    static Stream<Arguments> smallGraphs() {
        List<Arguments> l = new ArrayList<>();
        for (int v = 0; v < TestCases.VARIANTS.size(); v++) {
            for (int t = 1; t <= 3; t++) {
                for (int mask = 1; mask < (1 << t); mask++) {
                    l.add(Arguments.of(v, t, mask));
                }
            }
        }
        return l.stream();
    }

    private static boolean[] targets(int steps, int mask) {
        boolean[] b = new boolean[steps];
        for (int t = 0; t < steps; t++) {
            b[t] = (mask >> t & 1) == 1;
        }
        return b;
    }

    @ParameterizedTest(name = "variant {0}, T={1}, targets {2}")
    @MethodSource("smallGraphs")
    void nodeAndEdgeCountsPerCell(int variant, int steps, int mask) {
        ModelConfig cfg = TestCases.VARIANTS.get(variant);
        UnrolledGraph g = UnrolledGraph.of(cfg, steps, targets(steps, mask));
        int targets = Integer.bitCount(mask);
        int[] s = SHAPE[variant];
        assertEquals(s[2] + steps * s[0] + targets, g.nodes().size(), "nodes");
        assertEquals(steps * s[1] + 2 * targets, g.edges().size(), "edges");
        for (int t = 1; t <= steps; t++) {
            boolean ht = (mask >> (t - 1) & 1) == 1;
            assertEquals(s[0] + (ht ? 1 : 0), g.nodesAtStep(t).size(), "nodes of step " + t);
            assertEquals(ht, g.contains("E_t", t));
            int into = 0;
            for (Node n : g.nodesAtStep(t)) {
                into += g.inputsOf(n).size();
            }
            assertEquals(s[1] + (ht ? 1 : 0), into, "edges into step " + t);
            int gates = cfg.cell().gateCount();
            int cellNodes = cfg.cell() == CellType.RNN ? 2 : 2 * gates + 1 + (cfg.cell() == CellType.LSTM ? 1 : 0);
            assertEquals(cellNodes, g.cell(t).size(), "cell(" + t + ")");
        }
        assertEquals(targets, g.inputsOf(g.node("E", 0)).size());
    }

    @ParameterizedTest(name = "variant {0}, T={1}, targets {2}")
    @MethodSource("smallGraphs")
    void oneNodePerParameterLinkedToEveryStep(int variant, int steps, int mask) {
        ModelConfig cfg = TestCases.VARIANTS.get(variant);
        UnrolledGraph g = UnrolledGraph.of(cfg, steps, targets(steps, mask));
        List<String> names = ParamLayout.of(cfg).params().stream().map(ParamSpec::name).toList();
        assertEquals(names, g.parameters().stream().map(Node::key).toList());
        List<Integer> all = IntStream.rangeClosed(1, steps).boxed().toList();
        for (Node p : g.parameters()) {
            assertEquals(NodeKind.PARAMETER, p.kind());
            assertEquals(0, p.step());
            assertSame(p, g.parameter(p.key()));
            long same = g.nodes().stream().filter(n -> n.key().equals(p.key())).count();
            assertEquals(1, same, "one node for " + p.key());
            assertEquals(all, g.stepsUsing(p), p.key() + " is read at every step");
            for (int t = 1; t <= steps; t++) {
                int tt = t;
                long reads = g.edgesUsing(p).stream().filter(e -> e.to().step() == tt).count();
                boolean twice = cfg.cell() == CellType.GRU && p.key().equals("Wh_a");
                assertEquals(twice ? 2 : 1, reads, p.key() + " at step " + t);
            }
            for (Edge e : g.edgesUsing(p)) {
                assertSame(p, e.parameterUsed());
            }
        }
    }

    @ParameterizedTest(name = "variant {0}, T={1}, targets {2}")
    @MethodSource("smallGraphs")
    void topologicalOrderIsValid(int variant, int steps, int mask) {
        UnrolledGraph g = UnrolledGraph.of(TestCases.VARIANTS.get(variant), steps, targets(steps, mask));
        assertTopological(g);
    }

    static void assertTopological(UnrolledGraph g) {
        List<Node> order = g.topologicalOrder();
        assertEquals(g.nodes().size(), order.size());
        assertEquals(new HashSet<>(g.nodes()), new HashSet<>(order));
        int[] pos = new int[order.size()];
        for (int i = 0; i < order.size(); i++) {
            pos[order.get(i).id()] = i;
        }
        for (Edge e : g.edges()) {
            assertTrue(pos[e.from().id()] < pos[e.to().id()], "edge " + e + " goes backward");
            if (e.parameter() != null) {
                assertTrue(pos[e.parameter().id()] < pos[e.to().id()], "parameter after its reader: " + e);
            }
        }
        // step by step: the steps of the non-global nodes never decrease; E is last
        int last = 0;
        for (Node n : order) {
            if (n.step() > 0) {
                assertTrue(n.step() >= last, "step order at " + n);
                last = n.step();
            }
        }
        assertEquals(NodeKind.LOSS, order.get(order.size() - 1).kind());
    }

    /** One unrolling: a variant of {@link TestCases#VARIANTS}, T, and the steps with a target as bits. */
    record Unrolling(int variant, int steps, int mask) {
    }

    @TestFactory
    Stream<DynamicTest> topologicalOrderOfAnyUnrolling() {
        return Seeded.cases("topologicalOrderOfAnyUnrolling", 200,
                g -> new Unrolling(g.between(0, TestCases.VARIANTS.size() - 1), g.between(1, 12), g.between(1, 4095)),
                u -> topologicalOrderOfAnyUnrolling(u.variant(), u.steps(), u.mask()));
    }

    private static void topologicalOrderOfAnyUnrolling(int variant, int steps, int mask) {
        boolean[] ht = targets(steps, mask);
        UnrolledGraph g = UnrolledGraph.of(TestCases.VARIANTS.get(variant), steps, ht);
        assertTopological(g);
        for (Edge e : g.edges()) {
            assertTrue(g.inputsOf(e.to()).contains(e));
            assertTrue(g.consumersOf(e.from()).contains(e));
        }
    }

    @Test
    void rnnStructureAndLabels() {
        UnrolledGraph g = UnrolledGraph.of(ModelConfig.of(CellType.RNN, 2, 3, 1), 3, new boolean[] {false, true, true});
        assertEquals(List.of("U", "W", "b", "V", "c"), g.parameters().stream().map(Node::label).toList());
        Node p3 = g.node("p", 3);
        assertEquals("p(3)", p3.label());
        assertEquals("dp", p3.deltaKey());
        assertEquals("h(2)", g.node("h", 2).label());
        assertEquals("h(0)", g.node("h", 0).label());
        assertSame(g.node("h", 0), g.node("h0", 0));
        assertEquals("dh0", g.node("h0", 0).deltaKey());
        assertEquals("E_2", g.node("E_t", 2).label());
        assertFalse(g.contains("E_t", 1));
        assertNull(g.node("y", 1).deltaKey());
        assertNull(g.node("x", 1).deltaKey());
        assertEquals("dq", g.node("q", 1).deltaKey());
        // p(3) reads x(3) via U, h(2) via W, and b
        List<Edge> in = g.inputsOf(p3);
        assertEquals(3, in.size());
        assertEquals(new Edge(g.node("x", 3), p3, g.parameter("Wx")), in.get(0));
        assertEquals(new Edge(g.node("h", 2), p3, g.parameter("Wh")), in.get(1));
        assertEquals(new Edge(g.parameter("b"), p3, null), in.get(2));
        assertTrue(in.get(1).isRecurrent());
        assertFalse(in.get(0).isRecurrent());
        // h(2) feeds p(3) and q(2)
        assertEquals(Set.of(p3, g.node("q", 2)),
                Set.copyOf(g.consumersOf(g.node("h", 2)).stream().map(Edge::to).toList()));
        assertEquals(List.of(g.node("p", 2), g.node("h", 2)), g.cell(2));
        assertThrows(IllegalArgumentException.class, () -> g.node("c", 1));
        assertThrows(IllegalArgumentException.class, () -> g.node("p", 4));
        assertThrows(IllegalArgumentException.class, () -> g.parameter("Wx_i"));
    }

    @Test
    void lstmPeepholeEdges() {
        ModelConfig cfg = ModelConfig.of(CellType.LSTM, 2, 3, 2).withPeephole(true);
        UnrolledGraph g = UnrolledGraph.of(cfg, 2, new boolean[] {true, true});
        Node preI = g.node("pre_i", 2);
        Node preO = g.node("pre_o", 2);
        assertEquals("p_i(2)", preI.label());
        assertEquals("dpre_i", preI.deltaKey());
        assertEquals("i(1)", g.node("i", 1).label());
        assertNull(g.node("i", 1).deltaKey(), "gate errors are folded into the pre-activation's");
        assertEquals("w_ci", g.parameter("p_i").label());
        assertEquals("W_i", g.parameter("Wh_i").label(), "the book's W for the recurrent matrix, extended to the gates");
        assertEquals("U_i", g.parameter("Wx_i").label());
        assertEquals("V", g.parameter("Wy").label());
        assertEquals("c", g.parameter("by").label());
        assertTrue(g.inputsOf(preI).contains(new Edge(g.node("c", 1), preI, g.parameter("p_i"))));
        assertTrue(g.inputsOf(preO).contains(new Edge(g.node("c", 2), preO, g.parameter("p_o"))), "c(t) -> pre_o(t)");
        assertEquals(Set.of("i", "a", "f", "c"),
                Set.copyOf(g.inputsOf(g.node("c", 2)).stream().map(e -> e.from().key()).toList()));
        assertSame(g.node("c0", 0), g.inputsOf(g.node("c", 1)).get(3).from());
        assertEquals(Set.of("c", "o"), Set.copyOf(g.inputsOf(g.node("h", 1)).stream().map(e -> e.from().key()).toList()));
        // with peepholes the output gate waits for c(t)
        List<Node> order = g.topologicalOrder();
        assertTrue(order.indexOf(g.node("c", 1)) < order.indexOf(g.node("pre_o", 1)));
    }

    @Test
    void gruVariants() {
        for (boolean after : new boolean[] {false, true}) {
            ModelConfig cfg = ModelConfig.of(CellType.GRU, 1, 2, 1).withResetAfter(after);
            UnrolledGraph g = UnrolledGraph.of(cfg, 2, new boolean[] {false, true});
            Node preA = g.node("pre_a", 2);
            Set<String> from = Set.copyOf(g.inputsOf(preA).stream().map(e -> e.from().key()).toList());
            assertEquals(after ? Set.of("x", "h", "r", "b_a", "bh_a") : Set.of("x", "h", "r", "b_a"), from);
            assertTrue(g.inputsOf(preA).contains(new Edge(g.node("r", 2), preA, g.parameter("Wh_a"))));
            assertEquals(Set.of("z", "h", "a"),
                    Set.copyOf(g.inputsOf(g.node("h", 2)).stream().map(e -> e.from().key()).toList()));
            assertFalse(g.contains("c", 1));
        }
    }

    @Test
    void listsAreUnmodifiableAndArgumentsChecked() {
        boolean[] ht = {true, false};
        UnrolledGraph g = UnrolledGraph.of(ModelConfig.of(CellType.RNN, 1, 1, 1), 2, ht);
        ht[1] = true;
        assertFalse(g.hasTarget(2), "hasTarget is copied");
        assertThrows(UnsupportedOperationException.class, () -> g.nodes().clear());
        assertThrows(UnsupportedOperationException.class, () -> g.edges().clear());
        assertThrows(UnsupportedOperationException.class, () -> g.topologicalOrder().clear());
        assertThrows(UnsupportedOperationException.class, () -> g.inputsOf(g.node("p", 1)).clear());
        assertThrows(IllegalArgumentException.class, () -> UnrolledGraph.of(ModelConfig.of(CellType.RNN, 1, 1, 1), 0,
                new boolean[0]));
        assertThrows(IllegalArgumentException.class, () -> UnrolledGraph.of(ModelConfig.of(CellType.RNN, 1, 1, 1), 2,
                new boolean[1]));
        UnrolledGraph other = UnrolledGraph.of(ModelConfig.of(CellType.LSTM, 1, 1, 1), 2, ht);
        assertThrows(IllegalArgumentException.class, () -> g.inputsOf(other.node("c", 1)));
    }
}
