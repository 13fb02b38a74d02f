package org.unroll.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.unroll.engine.Case;
import org.unroll.engine.Trace;
import org.unroll.graph.Node;
import org.unroll.graph.NodeKind;
import org.unroll.graph.Notation;
import org.unroll.graph.UnrolledGraph;

/**
 * The chain rule on the edges: an error event's factors name the edges the error comes back
 * along, and their numbers are the engine's (the terms sum to what the local derivative
 * multiplies; times it, the error the trace records).
 */
class ChainRuleFactorsTest {

    private static Schedule schedule(String file) {
        Case c = TestCases.read(Path.of("src/test/resources/cases", file));
        Trace tr = c.compute();
        return Schedule.of(UnrolledGraph.of(tr), tr, c.weights());
    }

    private static Event backward(Schedule s, String key, int step) {
        for (Event e : s.events()) {
            if (e.phase() == Phase.BACKWARD && e.node().key().equals(key) && e.node().step() == step) {
                return e;
            }
        }
        throw new AssertionError("no error event " + key + "@" + step);
    }

    /** Every factor's value and the trace's error agree: Σ terms (⊙ the local derivative) = δ. */
    private static void assertSumsToError(Schedule s, Event e) {
        List<Factor> fs = s.factors(e.index());
        assertFalse(fs.isEmpty(), "factors of " + e);
        double[] local = null;
        double[] sum = null;
        for (Factor f : fs) {
            double[] v = f.value();
            assertNotNull(v, "value of " + f);
            if (f.isLocal()) {
                local = v;
            } else if (sum == null) {
                sum = v.clone();
            } else {
                for (int i = 0; i < v.length; i++) {
                    sum[i] += v[i];
                }
            }
        }
        double[] err = Expr.column(e.value());
        for (int i = 0; i < err.length; i++) {
            double want = err[i];
            double got = (sum == null ? 0 : sum[i]) * (local == null ? 1 : local[i]);
            assertEquals(want, got, 1e-12 + 1e-9 * Math.abs(want), e + " entry " + i);
        }
    }

    @Test
    void rnnErrorHasTheBooksThreeFactorsOnTheirEdges() {
        Schedule s = schedule("rnn-sigmoid-many-to-many-sse.json");
        int t = 2;
        Event e = backward(s, "p", t);
        List<Factor> fs = s.factors(e.index());
        assertEquals(3, fs.size(), fs.toString());
        Factor local = fs.get(0);
        assertTrue(local.isLocal());
        assertEquals("p(" + t + ")", local.edge().from().label());
        assertEquals("h(" + t + ")", local.edge().to().label());
        assertEquals("f′(p(t))", local.plain(Notation.BOOK));
        Factor right = fs.get(1);
        assertEquals("h(" + t + ")", right.edge().from().label());
        assertEquals("p(" + (t + 1) + ")", right.edge().to().label());
        assertEquals("Wᵀ e_h(t+1)", right.plain(Notation.BOOK));
        Factor above = fs.get(2);
        assertEquals("q(" + t + ")", above.edge().to().label());
        assertEquals("Vᵀ e_o(t)", above.plain(Notation.BOOK));
        // Wᵀ e_h(t+1) from the trace's matrices: W's transpose times the next step's error
        UnrolledGraph g = s.graph();
        double[][] w = s.values().matrix(g.parameter("Wh"));
        double[] next = s.values().delta(g.node("p", t + 1));
        double[] v = right.value();
        for (int i = 0; i < v.length; i++) {
            double x = 0;
            for (int k = 0; k < next.length; k++) {
                x += w[k][i] * next[k];
            }
            assertEquals(x, v[i], 1e-15);
        }
        assertSumsToError(s, e);
        // in PyTorch's names the same factor
        assertEquals("weight_hh_l0ᵀ ∂E/∂p(t+1)", right.plain(Notation.PYTORCH).replace("pre_h", "p"));
    }

    @Test
    void lstmErrorsFactorThroughTheirConsumers() {
        Schedule s = schedule("lstm-peephole-nonzero-state-sparse.json");
        int T = s.graph().length();
        int checked = 0;
        for (Event e : s.events()) {
            if (e.phase() != Phase.BACKWARD || e.node().kind() == NodeKind.OUTPUT_PRE) {
                continue;
            }
            assertSumsToError(s, e);
            checked++;
        }
        assertTrue(checked > 5 * T, "checked " + checked);
        Event dc = backward(s, "c", 1);
        List<String> edges = s.factors(dc.index()).stream().map(f -> f.edge().to().label()).toList();
        assertTrue(edges.contains("c(2)"), edges.toString());
        assertTrue(edges.contains("h(1)"), edges.toString());
        Event di = backward(s, "pre_i", 2);
        Factor local = s.factors(di.index()).get(0);
        assertTrue(local.isLocal());
        assertEquals("i(2)", local.edge().to().label());
        assertEquals("σ′(p_i(t))", local.plain(Notation.BOOK));
        Factor through = s.factors(di.index()).get(1);
        assertEquals("c(2)", through.edge().to().label());
        assertEquals("e_c(t) ⊙ a(t)", through.plain(Notation.BOOK));
    }

    @Test
    void gruErrorsFactorThroughTheirConsumers() {
        for (String f : List.of("gru-reset-before-mse.json", "gru-reset-after-xent-softmax-many-to-one.json",
                "gru-hard-sigmoid-gates.json")) {
            Schedule s = schedule(f);
            for (Event e : s.events()) {
                if (e.phase() == Phase.BACKWARD && e.node().kind() != NodeKind.OUTPUT_PRE) {
                    assertSumsToError(s, e);
                }
            }
        }
        Schedule s = schedule("gru-reset-before-mse.json");
        Event dh = backward(s, "h", 1);
        List<Factor> fs = s.factors(dh.index());
        Node h1 = s.graph().node("h", 1);
        for (Factor x : fs) {
            assertEquals(h1, x.edge().from(), x.toString());
        }
        List<String> to = fs.stream().map(x -> x.edge().to().label()).toList();
        assertTrue(to.contains("h(2)") && to.contains("p_z(2)") && to.contains("p_r(2)") && to.contains("p_a(2)"),
                to.toString());
    }

    @Test
    void truncatedWindowsUseTheirOwnErrors() {
        Schedule s = schedule("rnn-tanh-truncated-k2.json");
        int n = 0;
        for (Event e : s.events()) {
            if (e.phase() == Phase.BACKWARD && e.node().kind() == NodeKind.PRE) {
                assertSumsToError(s, e);
                n++;
            }
        }
        assertTrue(n > 0);
    }

    @Test
    void otherEventsHaveNoFactors() {
        Schedule s = schedule("rnn-tanh-many-to-one.json");
        assertTrue(s.factors(0).isEmpty());
        assertTrue(s.factors(s.size() - 1).isEmpty());
    }
}
