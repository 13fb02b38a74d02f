package org.unroll.schedule;

import org.unroll.engine.Quantity;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.unroll.engine.Activation;
import org.unroll.engine.Batch;
import org.unroll.engine.Bptt;
import org.unroll.engine.Case;
import org.unroll.engine.CellType;
import org.unroll.engine.Trace;
import org.unroll.graph.Node;
import org.unroll.graph.NodeKind;
import org.unroll.graph.UnrolledGraph;
import org.unroll.testing.Gen;
import org.unroll.testing.Seeded;

class ScheduleTest {

    static List<Path> cases() {
        return TestCases.referenceFiles();
    }

    private static Case named(String prefix) {
        return TestCases.read(cases().stream().filter(p -> p.getFileName().toString().startsWith(prefix))
                .findFirst().orElseThrow());
    }

    private static Schedule schedule(Case c) {
        Trace tr = c.compute();
        return Schedule.of(UnrolledGraph.of(tr), tr, c.weights());
    }

    private static Event find(Schedule s, Phase phase, String key, int step) {
        for (Event e : s.events()) {
            if (e.phase() == phase && e.node().key().equals(key) && e.step() == step) {
                return e;
            }
        }
        throw new AssertionError("no " + phase + " event for " + key + "(" + step + ")");
    }

    @org.junit.jupiter.api.Test
    void hardSigmoidGatesShowTheirOwnFunction() {
        Path file = TestCases.referenceFiles().stream()
                .filter(p -> p.getFileName().toString().equals("lstm-hard-sigmoid-gates.json")).findFirst().orElseThrow();
        Schedule s = schedule(TestCases.read(file));
        assertTrue(find(s, Phase.FORWARD, "i", 2).equation().contains("\\sigma_{\\mathrm{hard}}"),
                find(s, Phase.FORWARD, "i", 2).equation());
        assertTrue(find(s, Phase.BACKWARD, "pre_f", 2).equation().contains("\\sigma_{\\mathrm{hard}}'"),
                find(s, Phase.BACKWARD, "pre_f", 2).equation());
        // the candidate keeps the activation f
        assertTrue(find(s, Phase.FORWARD, "a", 2).equation().contains("f\\left("), find(s, Phase.FORWARD, "a", 2).equation());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void referenceCaseSchedules(Path file) {
        Schedule s = schedule(TestCases.read(file));
        ScheduleInvariants.checkAll(s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void windowBackwardOverEveryStepIsFullBptt(Path file) {
        Case c = TestCases.read(file);
        Case full = new Case(c.name(), c.description(), c.config(), c.weights(), c.sequence(), c.loss(), null, null);
        Trace tr = full.compute();
        WindowBackward.Result r = new WindowBackward(tr, c.weights()).run(1, tr.length(), t -> true);
        UnrolledGraph g = UnrolledGraph.of(tr);
        int checked = 0;
        for (Node n : g.nodes()) {
            if (!n.hasDelta() || n.isParameter() || n.kind() == NodeKind.OUTPUT_PRE) {
                continue;
            }
            double[] want = n.kind() == NodeKind.INITIAL_STATE ? tr.initialDelta(Quantity.fromKey(n.deltaKey()))
                    : tr.delta(Quantity.fromKey(n.deltaKey()), n.step());
            double[] got = r.get(n);
            for (int j = 0; j < want.length; j++) {
                assertEquals(want[j], got[j], 1e-12 + 1e-9 * Math.abs(want[j]), n.label());
            }
            checked++;
        }
        assertTrue(checked > 0);
    }

    @Test
    void rnnErrorFollowsTheBook() {
        Schedule s = schedule(named("rnn-tanh-many-to-one"));
        UnrolledGraph g = s.graph();
        Event dp = find(s, Phase.BACKWARD, "p", 3);
        assertEquals("e_h(t) = \\left(W^\\top e_h(t+1) + V^\\top e_o(t)\\right) \\odot f'\\left(p(t)\\right)",
                dp.equation());
        // the errors to its right, the forward value to its left (and the shared W, V on the way)
        assertEquals(List.of(new Ref(g.parameter("Wh"), false), new Ref(g.node("p", 4), true),
                new Ref(g.parameter("Wy"), false),
                new Ref(g.node("q", 3), true), new Ref(g.node("p", 3), false)), dp.reads());
        assertSame(g.parameter("Wh"), dp.parameter());
        int last = g.length();
        assertEquals("e_h(t) = \\left(V^\\top e_o(t)\\right) \\odot f'\\left(p(t)\\right)",
                find(s, Phase.BACKWARD, "p", last).equation(), "no t+1 at the last step");
        assertEquals("\\frac{\\partial E}{\\partial h(t)} = W^\\top e_h(t+1) + V^\\top e_o(t)",
                find(s, Phase.BACKWARD, "h", 2).equation());
        assertEquals("\\frac{\\partial E}{\\partial h(0)} = W^\\top e_h(1)", find(s, Phase.BACKWARD, "h0", 0).equation());
        assertEquals("p(t) = U x(t) + W h(t-1) + b", find(s, Phase.FORWARD, "p", 2).equation());
        assertEquals("\\frac{\\partial E}{\\partial W} \\mathrel{+}= e_h(t) h(t-1)^\\top",
                find(s, Phase.GRADIENT, "Wh", 2).equation());
        // the same equation text for every middle step
        assertSame(find(s, Phase.BACKWARD, "p", 2).equation(), find(s, Phase.BACKWARD, "p", 3).equation());
    }

    @Test
    void substitutedShowsTheNumbers() {
        Case c = named("rnn-tanh-many-to-one");
        Schedule s = schedule(c);
        Trace tr = s.trace();
        Event h1 = find(s, Phase.FORWARD, "h", 1);
        String first = LatexFormat.number(tr.forward(Quantity.H, 1)[0]);
        assertTrue(h1.substituted().startsWith("h(1) = f\\left("), h1.substituted());
        assertTrue(h1.substituted().endsWith(" = " + LatexFormat.vector(tr.forward(Quantity.H, 1))), h1.substituted());
        assertTrue(h1.substituted().contains(first));
        assertTrue(h1.substituted().contains(LatexFormat.vector(tr.forward(Quantity.P, 1))), "f's argument p(1)");

        Event p2 = find(s, Phase.FORWARD, "p", 2);
        assertTrue(p2.substituted().contains(LatexFormat.matrix(c.weights().get("Wh"))), "W written out");
        assertTrue(p2.substituted().contains(LatexFormat.vector(tr.forward(Quantity.H, 1))), "h(1) substituted");

        Event dp = find(s, Phase.BACKWARD, "p", 2);
        assertTrue(dp.substituted().startsWith("e_h(2) = "));
        assertTrue(dp.substituted().contains(LatexFormat.vector(tr.delta(Quantity.DP, 3))), "e_h(3) substituted");
        assertTrue(dp.substituted().endsWith(LatexFormat.vector(tr.delta(Quantity.DP, 2))));

        Event loss = find(s, Phase.LOSS, "E", 0);
        assertTrue(loss.substituted().endsWith(" = " + LatexFormat.number(tr.loss())), loss.substituted());

        Event gT = find(s, Phase.GRADIENT, "Wh", tr.length());
        assertTrue(gT.substituted().endsWith(LatexFormat.matrix(tr.grad("Wh"))), "running sum at T is the gradient");
        assertTrue(gT.substituted().contains(LatexFormat.matrix(tr.gradientTerm("Wh", tr.length()))));
        assertSame(gT.substituted(), gT.substituted(), "worked out once");
    }

    @Test
    void lstmAndGruEquations() {
        Schedule lstm = schedule(named("lstm-peephole-nonzero-state-sparse"));
        assertEquals("\\delta_{i}(t) = e_c(t) \\odot a(t) \\odot \\sigma'\\left(p_{i}(t)\\right)",
                find(lstm, Phase.BACKWARD, "pre_i", 2).equation());
        assertEquals("c(t) = i(t) \\odot a(t) + f(t) \\odot c(t-1)", find(lstm, Phase.FORWARD, "c", 2).equation());
        assertEquals("e_c(t) = w_{ci} \\odot \\delta_{i}(t+1) + w_{cf} \\odot \\delta_{f}(t+1) + e_c(t+1) \\odot f(t+1)"
                        + " + w_{co} \\odot \\delta_{o}(t) + \\frac{\\partial E}{\\partial h(t)} \\odot o(t) \\odot "
                        + "f'\\left(c(t)\\right)", find(lstm, Phase.BACKWARD, "c", 2).equation());
        Schedule gru = schedule(named("gru-reset-before"));
        assertEquals("p_{a}(t) = U_a x(t) + W_a \\left(r(t) \\odot h(t-1)\\right) + b_a",
                find(gru, Phase.FORWARD, "pre_a", 2).equation());
        assertEquals("h(t) = z(t) \\odot h(t-1) + \\left(1 - z(t)\\right) \\odot a(t)",
                find(gru, Phase.FORWARD, "h", 2).equation());
        Schedule gruAfter = schedule(named("gru-reset-after"));
        assertEquals("p_{a}(t) = U_a x(t) + b_a + r(t) \\odot \\left(W_a h(t-1) + b_{ha}\\right)",
                find(gruAfter, Phase.FORWARD, "pre_a", 2).equation());
        assertEquals("\\frac{\\partial E}{\\partial b_{ha}} \\mathrel{+}= \\delta_{a}(t) \\odot r(t)",
                find(gruAfter, Phase.GRADIENT, "bh_a", 2).equation());
    }

    @Test
    void truncatedWindows() {
        Case c = named("rnn-tanh-truncated-k2");
        Schedule s = schedule(c);
        Trace tr = s.trace();
        assertEquals(2, tr.truncate());
        // each loss term s gets a window: e_o(s), then h, p of steps s and s-1
        List<Event> w5 = s.events().stream().filter(e -> e.window() == 5).toList();
        assertEquals(List.of("q5", "h5", "p5", "h4", "p4"),
                w5.stream().map(e -> e.node().key() + e.node().step()).toList());
        assertEquals("\\frac{\\partial E}{\\partial h(t)} = W^\\top e_h(t+1)", w5.get(3).equation(),
                "inside a window, no e_o(t) for t < s");
        Event first = s.event(s.firstIndexOf(Phase.BACKWARD));
        assertEquals(tr.length(), first.window(), "windows from the last loss term down");
        // window 1 only reaches step 1
        assertEquals(3, s.events().stream().filter(e -> e.window() == 1).count());
        assertEquals(0, s.eventsAtStep(3).stream().filter(e -> e.phase() == Phase.BACKWARD && e.node().key().equals("q")
                && e.window() != 3).count());
    }

    @Test
    void eventsAtStepAndLookups() {
        Schedule s = schedule(named("lstm-many-to-many"));
        UnrolledGraph g = s.graph();
        for (int t = 0; t <= g.length(); t++) {
            for (Event e : s.eventsAtStep(t)) {
                assertEquals(t, e.step());
            }
        }
        Node c2 = g.node("c", 2);
        int fi = s.firstIndexOf(c2, false);
        assertEquals(c2, s.event(fi).node());
        assertEquals(fi, s.lastIndexOf(c2, false));
        assertEquals(-1, s.firstIndexOf(g.node("i", 2), true), "gate errors have no events");
        assertEquals(-1, s.firstIndexOf(g.parameter("Wx_i"), false), "parameters are given");
        Node wx = g.parameter("Wx_i");
        assertEquals(g.length(), s.lastIndexOf(wx, true) - s.firstIndexOf(wx, true) + 1);
        assertNull(s.runningSum(0));
        assertThrows(UnsupportedOperationException.class, () -> s.events().clear());
        assertThrows(IllegalArgumentException.class,
                () -> Schedule.of(UnrolledGraph.of(s.trace().config(), g.length() + 1, new boolean[g.length() + 1]),
                        s.trace(), named("lstm-many-to-many").weights()));
    }

    @Test
    void forwardOnlyTraceHasNoBackwardPhases() {
        Case c = named("lstm-many-to-many");
        Bptt b = new Bptt(c.config(), c.loss());
        b.forward(c.weights(), Batch.of(c.sequence()));
        Trace tr = b.trace(0);
        Schedule s = Schedule.of(tr, c.weights());
        assertEquals(-1, s.firstIndexOf(Phase.BACKWARD));
        assertEquals(-1, s.firstIndexOf(Phase.GRADIENT));
        assertEquals(Phase.LOSS, s.event(s.size() - 1).phase());
        ScheduleInvariants.forwardFromTheGraph(s);
        ScheduleInvariants.lossTermsSumToLoss(s);
        assertEquals(s.cursor(), s.cursor().toPhase(Phase.BACKWARD), "no such phase: unchanged");
    }

    @Test
    void refusesSchedulesBeyondTheLimit() {
        Case c = TestCases.random(0, Activation.TANH, TestCases.LossOutput.MSE_LINEAR, 1, 1, 1, 100_000, null, 3);
        Trace tr = c.compute();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Schedule.of(tr, c.weights()));
        assertTrue(e.getMessage().contains(String.valueOf(Schedule.MAX_EVENTS)), e.getMessage());
    }

    // ------------------------------------------------------------------ properties

    /** {@code sizes} in 0..26 encodes I, H, O in 1..3; {@code truncate} 0 is full BPTT. */
    record Setup(int variant, Activation act, TestCases.LossOutput lo, int sizes, int steps, int truncate,
                 long seed) {

        Case build() {
            Integer k = truncate == 0 ? null : truncate;
            return TestCases.random(variant, act, lo, 1 + sizes % 3, 1 + sizes / 3 % 3, 1 + sizes / 9, steps, k, seed);
        }
    }

    static Setup setup(Gen g) {
        return new Setup(g.between(0, TestCases.VARIANTS.size() - 1), g.oneOf(Activation.class),
                g.oneOf(TestCases.LossOutput.class), g.between(0, 26), g.between(1, 7), g.between(0, 4), g.anyLong());
    }

    @TestFactory
    Stream<DynamicTest> randomNetworksKeepTheInvariants() {
        return Seeded.cases("randomNetworksKeepTheInvariants", 150, ScheduleTest::setup,
                ScheduleTest::randomNetworksKeepTheInvariants);
    }

    private static void randomNetworksKeepTheInvariants(Setup setup) {
        Case c = setup.build();
        Trace tr = c.compute();
        Schedule s = Schedule.of(tr, c.weights());
        ScheduleInvariants.checkAll(s);
        for (Event e : s.events()) {
            assertTrue(!e.equation().isEmpty() && !e.substituted().isEmpty(), e.toString());
        }
        if (tr.truncate() != null) {
            // per-window errors recomputed here agree with the trace's dq and with its summed deltas (checked above)
            for (Event e : s.events()) {
                if (e.phase() == Phase.BACKWARD && e.node().kind() == NodeKind.OUTPUT_PRE) {
                    assertArrayEquals(tr.delta(Quantity.DQ, e.step()), ScheduleInvariants.column(e.value()));
                }
            }
        }
    }

    @Test
    void cellTypesAllCovered() {
        // the reference cases reach every cell; the property above reaches every option
        assertEquals(3, cases().stream().map(p -> TestCases.read(p).config().cell()).distinct().count());
        assertTrue(cases().stream().anyMatch(p -> TestCases.read(p).config().cell() == CellType.GRU
                && TestCases.read(p).config().resetAfter()));
    }
}
