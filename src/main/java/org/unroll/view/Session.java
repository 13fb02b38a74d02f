package org.unroll.view;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.unroll.engine.Case;
import org.unroll.engine.Trace;
import org.unroll.graph.Node;
import org.unroll.graph.TraceValues;
import org.unroll.graph.UnrolledGraph;
import org.unroll.schedule.Event;
import org.unroll.schedule.Phase;
import org.unroll.schedule.Schedule;

/**
 * One case ready to step through: the case, its trace, its unrolled graph and its schedule, all
 * immutable apart from a memo of the errors already drawn, built off the JavaFX thread ({@link #compute}).
 *
 * @param kase the case (its weights are not modified by anyone)
 * @param trace the engine's trace of the case
 * @param schedule the step schedule (holds the graph and the trace's numbers)
 * @param file the file the case came from, or null
 * @param title what the window calls the case
 * @param deltaEvents for each node id, the indices of the events that compute its error
 * @param valueScale colours of forward values (saturating at the largest magnitude)
 * @param deltaScale colours of errors
 * @param parameterScale colours of the parameters' entries
 * @param errorMemo the errors of the events seen so far, by event index (filled as they are drawn:
 *                  with truncated BPTT each costs a window's backward pass)
 */
public record Session(Case kase, Trace trace, Schedule schedule, Path file, String title, int[][] deltaEvents,
                      ColorScale valueScale, ColorScale deltaScale, ColorScale parameterScale,
                      java.util.Map<Integer, double[]> errorMemo) {

    /** Computes a case: forward pass, BPTT, graph and schedule. Call it off the JavaFX thread. */
    public static Session compute(Case c, Path file) {
        // the event limit first, before the trace is computed (ADR 0031)
        UnrolledGraph g = UnrolledGraph.of(c.config(), c.sequence().length(), hasTargets(c));
        Schedule.requireWithinLimit(g, c.truncate(), true);
        Trace tr = c.compute();
        Schedule s = Schedule.of(g, tr, c.weights());
        String title = file != null ? file.getFileName().toString() : c.name() != null ? c.name() : c.config().cell().key();
        List<List<Integer>> byNode = new ArrayList<>();
        for (int i = 0; i < g.nodes().size(); i++) {
            byNode.add(new ArrayList<>());
        }
        for (Event e : s.events()) {
            if (e.phase() == Phase.BACKWARD) {
                byNode.get(e.node().id()).add(e.index());
            }
        }
        int[][] deltas = new int[byNode.size()][];
        for (int i = 0; i < deltas.length; i++) {
            deltas[i] = byNode.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        List<double[]> vs = new ArrayList<>();
        List<double[]> ds = new ArrayList<>();
        List<double[]> ps = new ArrayList<>();
        TraceValues tv = s.values();
        for (Node n : g.nodes()) {
            if (n.isParameter()) {
                ps.addAll(java.util.Arrays.asList(tv.matrix(n)));
            } else if (n.kind() != org.unroll.graph.NodeKind.LOSS && n.kind() != org.unroll.graph.NodeKind.LOSS_TERM) {
                vs.add(tv.value(n));
                ds.add(tv.delta(n));
            }
        }
        return new Session(c, tr, s, file, title, deltas, ColorScale.fitting(vs), ColorScale.fitting(ds),
                ColorScale.fitting(ps), new java.util.concurrent.ConcurrentHashMap<>());
    }

    public UnrolledGraph graph() {
        return schedule.graph();
    }

    public TraceValues values() {
        return schedule.values();
    }

    /**
     * A node's error as known after event {@code index}: the result of the last BACKWARD event for
     * the node at or before the index (with truncated BPTT, that window's error), or null.
     */
    public double[] deltaAt(Node n, int index) {
        int[] evs = deltaEvents[n.id()];
        int best = -1;
        for (int e : evs) {
            if (e <= index) {
                best = e;
            } else {
                break;
            }
        }
        if (best < 0) {
            return null;
        }
        return errorOf(best).clone();
    }

    private static boolean[] hasTargets(Case c) {
        double[][] t = c.sequence().targets();
        boolean[] b = new boolean[t.length];
        for (int i = 0; i < t.length; i++) {
            b[i] = t[i] != null;
        }
        return b;
    }

    /** The error an event computes (memoised). */
    private double[] errorOf(int event) {
        return errorMemo.computeIfAbsent(event, i -> {
            double[][] m = schedule.value(i);
            double[] v = new double[m.length];
            for (int k = 0; k < m.length; k++) {
                v[k] = m[k][0];
            }
            return v;
        });
    }

    /** A node's forward value as known after event {@code index}, or null if not computed yet. */
    public double[] valueAt(Node n, int index) {
        if (n.isParameter()) {
            return null;
        }
        int first = schedule.firstIndexOf(n, false);
        return first >= 0 && first <= index ? values().value(n) : null;
    }

    /**
     * What the graph shows after event {@code index} of the schedule: the event's node and reads,
     * and every value and error known by then (−1 or less: before the first event).
     *
     * @param index the event index, −1..size−1
     * @return the frame
     * @throws IndexOutOfBoundsException if index is past the last event
     */
    public Frame frame(int index) {
        if (index < 0) {
            return Frame.empty();
        }
        Event e = schedule.events().get(index);
        boolean backward = e.phase() == Phase.BACKWARD || e.phase() == Phase.GRADIENT;
        return new Frame(index, e.node(), e.reads(), e.isDelta(), backward, n -> valueAt(n, index),
                n -> deltaAt(n, index));
    }

    /**
     * The frame of event {@code index}, its result hidden or not (predict, then reveal): hidden,
     * the event's node and reads are shown but every value and error is as known before the event,
     * so nothing of its result reaches the picture.
     *
     * @param index the event index, −1..size−1
     * @param hide whether the event's result is hidden
     */
    public Frame frame(int index, boolean hide) {
        if (!hide || index < 0) {
            return frame(index);
        }
        Event e = schedule.events().get(index);
        boolean backward = e.phase() == Phase.BACKWARD || e.phase() == Phase.GRADIENT;
        int before = index - 1;
        return new Frame(index, e.node(), e.reads(), e.isDelta(), backward, n -> valueAt(n, before),
                n -> deltaAt(n, before), true, List.of());
    }
}
