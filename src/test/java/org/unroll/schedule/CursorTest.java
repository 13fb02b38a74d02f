package org.unroll.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.unroll.engine.Case;
import org.unroll.graph.Node;
import org.unroll.testing.Seeded;

class CursorTest {

    private static final Map<Path, Schedule> CACHE = new ConcurrentHashMap<>();

    static List<Path> cases() {
        return TestCases.referenceFiles();
    }

    static Schedule schedule(Path p) {
        return CACHE.computeIfAbsent(p, x -> {
            Case c = TestCases.read(x);
            return Schedule.of(c.compute(), c.weights());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void nextThenPreviousRestoresTheCursor(Path file) {
        Schedule s = schedule(file);
        for (int p = -1; p < s.size() - 1; p++) {
            Cursor c = s.cursor().seek(p);
            Cursor n = c.next();
            assertEquals(p + 1, n.position());
            assertEquals(c, n.previous());
            assertEquals(c.hashCode(), n.previous().hashCode());
            assertEquals(p, c.position(), "moving leaves the cursor as it was");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void seekStartEndAndPhases(Path file) {
        Schedule s = schedule(file);
        Cursor c = s.cursor();
        assertEquals(-1, c.position());
        assertTrue(c.atStart());
        assertTrue(c.current().isEmpty());
        assertEquals(c, c.previous(), "stays at -1");
        Cursor end = c.end();
        assertEquals(s.size() - 1, end.position());
        assertTrue(end.atEnd());
        assertEquals(end, end.next(), "stays at the end");
        assertEquals(c, end.start());
        assertEquals(c, c.seek(-7));
        assertEquals(end, c.seek(s.size() + 3));
        assertEquals(5, c.seek(5).position());
        for (Phase ph : Phase.values()) {
            Cursor at = c.toPhase(ph);
            assertEquals(s.firstIndexOf(ph), at.position());
            assertEquals(ph, at.current().orElseThrow().phase());
            assertEquals(ph, at.phase().orElseThrow());
        }
        assertThrows(IllegalArgumentException.class, () -> new Cursor(s, s.size()));
        assertThrows(IllegalArgumentException.class, () -> new Cursor(s, -2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isComputedFollowsThePosition(Path file) {
        Schedule s = schedule(file);
        List<Node> nodes = s.graph().nodes();
        Cursor c = s.cursor();
        for (Node n : nodes) {
            assertEquals(n.isParameter(), c.isComputed(n, false), "only parameters are given: " + n);
            assertFalse(c.isComputed(n, true));
        }
        for (Event e : s.events()) {
            Cursor at = c.seek(e.index());
            Cursor before = at.previous();
            if (e.phase() == Phase.GRADIENT) {
                boolean complete = e.step() == s.graph().length();
                assertEquals(complete, at.isComputed(e.node(), true), e.toString());
                assertFalse(before.isComputed(e.node(), true));
            } else {
                assertTrue(at.isComputed(e.node(), e.isDelta()), e.toString());
                boolean firstTime = s.firstIndexOf(e.node(), e.isDelta()) == e.index();
                assertEquals(!firstTime, before.isComputed(e.node(), e.isDelta()), e.toString());
            }
            for (Ref r : e.reads()) {
                if (!r.isDelta() || e.phase() != Phase.GRADIENT || s.lastIndexOf(r.node(), true) >= 0) {
                    assertTrue(before.isComputed(r.node(), r.isDelta()), e + " reads " + r + " not yet computed");
                }
            }
        }
        Cursor end = c.end();
        for (Node n : nodes) {
            assertTrue(end.isComputed(n, false), n.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void stepsAndCells(Path file) {
        Schedule s = schedule(file);
        // nextStep from the start walks the forward phase one step at a time, to each step's first event
        Cursor c = s.cursor().nextStep();
        assertEquals(0, c.position());
        List<Integer> steps = new ArrayList<>();
        while (true) {
            Event e = c.current().orElseThrow();
            assertEquals(Phase.FORWARD, e.phase());
            assertTrue(e.index() == 0 || s.event(e.index() - 1).step() != e.step(), "first of its step");
            steps.add(e.step());
            Cursor n = c.nextStep();
            if (n.equals(c)) {
                break;
            }
            assertEquals(c.seek(n.position() - 1).current().orElseThrow().phase(), Phase.FORWARD);
            Cursor back = n.previousStep();
            assertEquals(c, back, "previousStep undoes nextStep from a step's first event");
            c = n;
        }
        List<Integer> expected = new ArrayList<>();
        for (int t = 0; t <= s.graph().length(); t++) {
            expected.add(t);
        }
        assertEquals(expected, steps, "h(0) first, then 1..T");
        assertTrue(s.event(c.position()).step() == s.graph().length());
        // the backward phase goes the other way
        Cursor b = s.cursor().toPhase(Phase.BACKWARD);
        Cursor b2 = b.nextStep();
        assertEquals(Phase.BACKWARD, b2.phase().orElseThrow());
        assertTrue(b2.current().orElseThrow().step() != b.current().orElseThrow().step()
                || b2.current().orElseThrow().window() != b.current().orElseThrow().window());
        assertEquals(b, b.previousStep(), "no step before the first of the phase");

        // nextCell completes one run at a time; previousCell undoes it
        List<Cursor> trail = new ArrayList<>();
        Cursor k = s.cursor();
        trail.add(k);
        while (!k.atEnd()) {
            Cursor n = k.nextCell();
            assertTrue(n.position() > k.position());
            Event last = n.current().orElseThrow();
            assertTrue(n.atEnd() || !sameRun(last, s.event(n.position() + 1)), "a whole run: " + last);
            for (int i = k.position() + 1; i <= n.position(); i++) {
                assertTrue(sameRun(s.event(i), last), "one run at a time");
            }
            assertEquals(k, n.previousCell());
            k = n;
            trail.add(k);
        }
        assertEquals(k, k.nextCell());
        assertTrue(trail.size() > s.graph().length());
    }

    private static boolean sameRun(Event a, Event b) {
        return a.phase() == b.phase() && a.step() == b.step() && a.window() == b.window();
    }

    /** A reference case (its index), up to 60 moves (0..11, see the switch below) and a seek target. */
    record Walk(int caseIndex, List<Integer> moves, int seekTo) {
    }

    @TestFactory
    Stream<DynamicTest> anyMovesStayInRangeAndLeaveEarlierCursorsAlone() {
        return Seeded.cases("anyMovesStayInRangeAndLeaveEarlierCursorsAlone", 300,
                g -> new Walk(g.between(0, 12), g.listOf(0, 60, e -> e.between(0, 11)), g.between(-5000, 5000)),
                w -> anyMovesStayInRangeAndLeaveEarlierCursorsAlone(w.caseIndex(), w.moves(), w.seekTo()));
    }

    private static void anyMovesStayInRangeAndLeaveEarlierCursorsAlone(int caseIndex, List<Integer> moves, int seekTo) {
        List<Path> files = cases();
        Schedule s = schedule(files.get(caseIndex % files.size()));
        Cursor c = s.cursor();
        List<Cursor> seen = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int m : moves) {
            seen.add(c);
            positions.add(c.position());
            c = switch (m) {
                case 0 -> c.next();
                case 1 -> c.previous();
                case 2 -> c.nextStep();
                case 3 -> c.previousStep();
                case 4 -> c.nextCell();
                case 5 -> c.previousCell();
                case 6 -> c.toPhase(Phase.values()[Math.floorMod(seekTo, 4)]);
                case 7 -> c.seek(seekTo);
                case 8 -> c.start();
                case 9 -> c.end();
                case 10 -> c.seek(c.position() + seekTo % 50);
                default -> c.next().next();
            };
            assertTrue(c.position() >= -1 && c.position() < s.size(), "in range: " + c);
            assertSame(s, c.schedule());
            assertEquals(c.position() >= 0, c.current().isPresent());
        }
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(positions.get(i), seen.get(i).position(), "cursors are values");
            assertEquals(seen.get(i), s.cursor().seek(positions.get(i)));
        }
    }

    @Test
    void cursorsOfDifferentSchedulesDiffer() {
        Schedule a = schedule(cases().get(0));
        Case c = TestCases.read(cases().get(0));
        Schedule b = Schedule.of(c.compute(), c.weights());
        assertNotEquals(a.cursor(), b.cursor());
        assertEquals(a.cursor().next(), a.cursor().next());
    }
}
