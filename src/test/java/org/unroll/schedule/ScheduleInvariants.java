package org.unroll.schedule;

import org.unroll.engine.Quantity;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.unroll.engine.Trace;
import org.unroll.graph.Edge;
import org.unroll.graph.Node;
import org.unroll.graph.NodeKind;
import org.unroll.graph.UnrolledGraph;

/** The properties every schedule must have, checked against its trace. */
final class ScheduleInvariants {

    private ScheduleInvariants() {
    }

    static void checkAll(Schedule s) {
        phasesInOrder(s);
        forwardFromTheGraph(s);
        readsComeFirst(s);
        gradientsAfterTheirDeltas(s);
        gradientTermsSumToGrad(s);
        lossTermsSumToLoss(s);
        backwardValues(s);
    }

    static void phasesInOrder(Schedule s) {
        Phase prev = Phase.FORWARD;
        for (Event e : s.events()) {
            assertTrue(e.phase().ordinal() >= prev.ordinal(), "phase order at " + e);
            prev = e.phase();
            assertEquals(s.event(e.index()), e);
        }
        for (Phase p : Phase.values()) {
            int i = s.firstIndexOf(p);
            assertTrue(i >= 0, p + " present");
            assertEquals(p, s.event(i).phase());
            assertTrue(i == 0 || s.event(i - 1).phase() != p);
        }
    }

    /** One FORWARD event per computed node, in topological order, reading exactly its inputs. */
    static void forwardFromTheGraph(Schedule s) {
        UnrolledGraph g = s.graph();
        Set<Node> seen = new HashSet<>();
        int lastPos = -1;
        List<Node> topo = g.topologicalOrder();
        for (Event e : s.events()) {
            if (e.phase() != Phase.FORWARD && e.phase() != Phase.LOSS) {
                continue;
            }
            assertTrue(seen.add(e.node()), "once: " + e);
            if (e.phase() == Phase.FORWARD) {
                int pos = topo.indexOf(e.node());
                assertTrue(pos > lastPos, "topological: " + e);
                lastPos = pos;
            }
            Set<Node> expected = new HashSet<>();
            for (Edge in : g.inputsOf(e.node())) {
                expected.add(in.from());
                if (in.parameter() != null) {
                    expected.add(in.parameter());
                }
            }
            Set<Node> read = new HashSet<>();
            for (Ref r : e.reads()) {
                assertTrue(!r.isDelta(), "a forward value reads no error: " + e);
                read.add(r.node());
            }
            assertEquals(expected, read, "reads of " + e);
        }
        for (Node n : g.nodes()) {
            assertEquals(!n.isParameter(), seen.contains(n), "forward event for " + n);
        }
    }

    /**
     * Every value read was computed before; every error read was computed before (for a BACKWARD
     * event in a truncated window, by the same window).
     */
    static void readsComeFirst(Schedule s) {
        Map<String, Integer> deltaAt = new HashMap<>();
        for (Event e : s.events()) {
            for (Ref r : e.reads()) {
                if (r.node().isParameter()) {
                    assertTrue(!r.isDelta());
                    continue;
                }
                if (!r.isDelta()) {
                    int i = s.firstIndexOf(r.node(), false);
                    assertTrue(i >= 0 && i < e.index(), e + " reads " + r + " before it is computed");
                    if (e.isDelta()) {
                        assertTrue(e.phase() == Phase.BACKWARD || e.phase() == Phase.GRADIENT);
                    }
                } else if (e.phase() == Phase.BACKWARD) {
                    Integer i = deltaAt.get(r.node().id() + "@" + e.window());
                    assertNotNull(i, e + " reads " + r + " not computed in its window");
                    assertTrue(i < e.index());
                } else {
                    assertEquals(Phase.GRADIENT, e.phase(), e + " reads an error");
                }
            }
            if (e.phase() == Phase.BACKWARD) {
                assertTrue(e.isDelta());
                assertTrue(deltaAt.put(e.node().id() + "@" + e.window(), e.index()) == null, "once per window: " + e);
            }
        }
    }

    /** Every GRADIENT event for (θ, t) comes after all the events that compute the errors of step t it reads. */
    static void gradientsAfterTheirDeltas(Schedule s) {
        for (Event e : s.events()) {
            if (e.phase() != Phase.GRADIENT) {
                continue;
            }
            assertEquals(e.node(), e.parameter());
            int deltas = 0;
            for (Ref r : e.reads()) {
                if (r.isDelta()) {
                    deltas++;
                    assertEquals(e.step(), r.node().step(), e + " reads " + r);
                    int last = s.lastIndexOf(r.node(), true);
                    boolean anyWindow = last >= 0;
                    if (anyWindow) {
                        assertTrue(last < e.index(), e + " before " + r);
                    } else {
                        // truncated: no window reaches this step, the (summed) error is zero
                        assertNotNull(s.trace().truncate(), e + ": no event computes " + r);
                    }
                }
            }
            assertEquals(1, deltas, "one error per gradient term: " + e);
        }
    }

    static void gradientTermsSumToGrad(Schedule s) {
        Trace tr = s.trace();
        UnrolledGraph g = s.graph();
        for (Node p : g.parameters()) {
            double[][] grad = tr.grad(p.key());
            double[][] sum = new double[grad.length][grad[0].length];
            double[][] abs = new double[grad.length][grad[0].length];
            int t = 0;
            for (Event e : s.events()) {
                if (e.phase() == Phase.GRADIENT && e.node().equals(p)) {
                    assertEquals(++t, e.step(), "steps 1..T in order");
                    double[][] term = e.value();
                    for (int r = 0; r < sum.length; r++) {
                        for (int c = 0; c < sum[r].length; c++) {
                            sum[r][c] += term[r][c];
                            abs[r][c] += Math.abs(term[r][c]);
                        }
                    }
                    double[][] run = s.runningSum(e.index());
                    for (int r = 0; r < sum.length; r++) {
                        assertArrayEquals(sum[r], run[r], 1e-15, "running sum");
                    }
                }
            }
            assertEquals(g.length(), t, "a term per step for " + p.key());
            for (int r = 0; r < sum.length; r++) {
                for (int c = 0; c < sum[r].length; c++) {
                    double tol = 1e-12 * Math.max(abs[r][c], Math.abs(grad[r][c])) + 1e-300;
                    if (Math.abs(sum[r][c] - grad[r][c]) > tol) {
                        fail(p.key() + "[" + r + "][" + c + "]: terms sum to " + sum[r][c] + ", grad " + grad[r][c]);
                    }
                }
            }
        }
    }

    static void lossTermsSumToLoss(Schedule s) {
        double sum = 0;
        int terms = 0;
        Event total = null;
        for (Event e : s.events()) {
            if (e.phase() == Phase.LOSS && e.node().kind() == NodeKind.LOSS_TERM) {
                sum += e.value()[0][0];
                terms++;
            } else if (e.phase() == Phase.LOSS) {
                total = e;
            }
        }
        double loss = s.trace().loss();
        assertEquals(s.values().targetCount(), terms);
        assertEquals(loss, sum, 1e-12 * Math.abs(loss));
        assertNotNull(total);
        assertEquals(loss, total.value()[0][0]);
    }

    /**
     * Full BPTT: one event per error the trace keeps, with the trace's number. Truncated: each
     * window's events lie in its k steps, and the windows' pre-activation errors add up to the
     * trace's.
     */
    static void backwardValues(Schedule s) {
        Trace tr = s.trace();
        UnrolledGraph g = s.graph();
        List<Node> topo = g.topologicalOrder();
        Integer k = tr.truncate();
        Map<String, double[]> sums = new HashMap<>();
        int lastWindow = -1;
        int lastPos = Integer.MAX_VALUE;
        for (Event e : s.events()) {
            if (e.phase() != Phase.BACKWARD) {
                continue;
            }
            Node n = e.node();
            double[] v = column(e.value());
            int pos = topo.indexOf(n);
            if (e.window() != lastWindow) {
                lastWindow = e.window();
                lastPos = Integer.MAX_VALUE;
            }
            assertTrue(pos < lastPos, "reverse topological order: " + e);
            lastPos = pos;
            if (k == null) {
                assertEquals(0, e.window());
                double[] d = s.values().delta(n);
                assertArrayEquals(d, v, n.label());
            } else {
                int sw = e.window();
                assertTrue(g.hasTarget(sw), "a window per loss term");
                assertTrue(n.step() <= sw && n.step() > sw - k, e + " outside its window");
                if (n.kind() == NodeKind.OUTPUT_PRE) {
                    assertEquals(sw, n.step());
                }
                if (n.kind() == NodeKind.PRE) {
                    double[] acc = sums.computeIfAbsent(n.deltaKey() + n.step(), x -> new double[v.length]);
                    for (int j = 0; j < v.length; j++) {
                        acc[j] += v[j];
                    }
                }
            }
        }
        if (k == null) {
            int expected = 0;
            for (Node n : g.nodes()) {
                expected += n.hasDelta() && !n.isParameter() ? 1 : 0;
            }
            assertEquals(expected, s.firstIndexOf(Phase.GRADIENT) - s.firstIndexOf(Phase.BACKWARD));
        } else {
            for (Node n : g.nodes()) {
                if (n.kind() != NodeKind.PRE) {
                    continue;
                }
                double[] want = tr.delta(Quantity.fromKey(n.deltaKey()), n.step());
                double[] got = sums.getOrDefault(n.deltaKey() + n.step(), new double[want.length]);
                for (int j = 0; j < want.length; j++) {
                    assertEquals(want[j], got[j], 1e-12 + 1e-9 * Math.abs(want[j]), n.label() + " summed over windows");
                }
            }
        }
    }

    static double[] column(double[][] m) {
        double[] v = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            assertEquals(1, m[i].length);
            v[i] = m[i][0];
        }
        return v;
    }
}
