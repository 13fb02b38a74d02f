package org.unroll.deck;

import java.util.Arrays;
import org.unroll.graph.Node;
import org.unroll.view.Session;

/**
 * A scene made ready: its session computed, its cursor and its walk's stops found. Immutable (the
 * session is shared between the scenes of one case).
 *
 * @param index the scene's position in the deck
 * @param scene the scene
 * @param session the session of its case
 * @param stops the schedule positions PageDown stops at inside the scene, ascending; the first is
 *              the scene's cursor (its moment)
 * @param selected the node the scene selects, or null
 */
public record Resolved(int index, Scene scene, Session session, int[] stops, Node selected) {

    public Resolved {
        stops = stops.clone();
        if (stops.length == 0) {
            throw new IllegalArgumentException("a scene has at least its own moment");
        }
    }

    @Override
    public int[] stops() {
        return stops.clone();
    }

    /** The scene's moment: where its cursor is when it opens. */
    public int start() {
        return stops[0];
    }

    /** Its last stop. */
    public int last() {
        return stops[stops.length - 1];
    }

    /** The number of stops (1: the scene's moment only). */
    public int stopCount() {
        return stops.length;
    }

    /** The first stop after a position, or Integer.MIN_VALUE when there is none (then the next scene). */
    public int stopAfter(int position) {
        for (int s : stops) {
            if (s > position) {
                return s;
            }
        }
        return Integer.MIN_VALUE;
    }

    /** The last stop before a position, or Integer.MIN_VALUE when there is none (then the previous scene). */
    public int stopBefore(int position) {
        for (int i = stops.length - 1; i >= 0; i--) {
            if (stops[i] < position) {
                return stops[i];
            }
        }
        return Integer.MIN_VALUE;
    }

    /** The number of the stop at or before a position, from 1. */
    public int stopNumber(int position) {
        int i = Arrays.binarySearch(stops, position);
        return i >= 0 ? i + 1 : Math.max(1, -i - 1);
    }
}
