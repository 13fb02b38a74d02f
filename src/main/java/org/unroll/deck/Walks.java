package org.unroll.deck;

import java.util.ArrayList;
import java.util.List;
import org.unroll.schedule.Event;
import org.unroll.schedule.Phase;
import org.unroll.schedule.Schedule;

/** The stops of a scene's walk in a schedule. */
public final class Walks {

    private Walks() {
    }

    /**
     * The positions PageDown stops at: the start, then every event after it up to the walk's end
     * that the rule keeps.
     *
     * @param s the schedule
     * @param start the scene's cursor (−1 .. size − 1)
     * @param walk the walk
     * @param to the last position of the walk (resolved from {@link Walk#to()}), or
     *           Integer.MIN_VALUE for the rule's default
     * @return the stops, ascending, the start first
     */
    public static int[] stops(Schedule s, int start, Walk walk, int to) {
        List<Integer> stops = new ArrayList<>();
        stops.add(start);
        if (walk.rule() != Walk.Rule.NONE) {
            int end = to != Integer.MIN_VALUE ? to : defaultEnd(s, start, walk);
            for (int i = Math.max(0, start + 1); i <= end && i < s.size(); i++) {
                if (keeps(s.event(i), walk)) {
                    stops.add(i);
                }
            }
        }
        return stops.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Whether a walk stops at an event. */
    public static boolean keeps(Event e, Walk walk) {
        return switch (walk.rule()) {
            case NONE -> false;
            case ALL -> true;
            case ONLY -> e.phase() == walk.phase() && (walk.node() == null || e.node().key().equals(walk.node()));
            case SKIP_ZERO_ERRORS -> !isZeroError(e);
        };
    }

    /** Whether an event computes an error or a gradient term that is exactly zero (e_o(t) = 0 where there is no target). */
    public static boolean isZeroError(Event e) {
        if (!e.isDelta()) {
            return false;
        }
        for (double[] row : e.value()) {
            for (double v : row) {
                if (v != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private static int defaultEnd(Schedule s, int start, Walk walk) {
        if (walk.rule() == Walk.Rule.ONLY) {
            return s.size() - 1;
        }
        Phase p = start < 0 ? Phase.FORWARD : s.event(start).phase();
        int end = start;
        for (int i = Math.max(0, start); i < s.size(); i++) {
            if (s.event(i).phase() == p) {
                end = i;
            } else if (i > start && s.event(i).phase() != p) {
                break;
            }
        }
        return end;
    }
}
