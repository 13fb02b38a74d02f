package org.unroll.schedule;

import java.util.Objects;
import java.util.Optional;
import org.unroll.graph.Node;

/**
 * A position in a {@link Schedule}: how far the walk-through has got. An immutable value — every
 * move returns a new cursor and leaves this one as it was, so going back is just keeping (or
 * recomputing) an earlier cursor, and {@code c.next().previous().equals(c)} whenever
 * {@code c.position() < schedule.size() - 1}.
 *
 * <p>Position -1 means nothing has been computed; position i means events 0..i have happened.
 * Every move stays within -1..size-1 (moves past either end stop there).
 *
 * <p>A <em>run</em> is a maximal stretch of consecutive events of the same phase, step and
 * truncation window: one cell's worth of work (x(t) … E_t of a step going forward, one step's
 * errors going backward, one gradient term).
 *
 * @param schedule the schedule (immutable; compared by identity)
 * @param position -1 .. schedule.size()-1
 */
public record Cursor(Schedule schedule, int position) {

    public Cursor {
        Objects.requireNonNull(schedule, "schedule");
        if (position < -1 || position >= schedule.size()) {
            throw new IllegalArgumentException("position " + position + " outside -1.." + (schedule.size() - 1));
        }
    }

    /** The event at the position, empty at position -1. */
    public Optional<Event> current() {
        return position < 0 ? Optional.empty() : Optional.of(schedule.event(position));
    }

    /** Whether nothing has been computed yet (position -1). */
    public boolean atStart() {
        return position == -1;
    }

    /** Whether every event has happened. */
    public boolean atEnd() {
        return position == schedule.size() - 1;
    }

    /** One event on (stays at the end). */
    public Cursor next() {
        return seek(position + 1);
    }

    /** One event back (stays at -1). */
    public Cursor previous() {
        return seek(position - 1);
    }

    /**
     * The cursor at an index, clamped to -1..size-1.
     *
     * @param index any int
     */
    public Cursor seek(int index) {
        int p = Math.max(-1, Math.min(schedule.size() - 1, index));
        return p == position ? this : new Cursor(schedule, p);
    }

    /** Before the first event (position -1). */
    public Cursor start() {
        return seek(-1);
    }

    /** After the last event. */
    public Cursor end() {
        return seek(schedule.size() - 1);
    }

    /**
     * At the first event of a phase (unchanged if the schedule has no such phase).
     *
     * @param phase the phase
     */
    public Cursor toPhase(Phase phase) {
        int i = schedule.firstIndexOf(phase);
        return i < 0 ? this : seek(i);
    }

    /**
     * To the first event of the next run — the next time step (or truncation window, or gradient
     * term) — within the current phase; unchanged when the current run is the phase's last. From
     * position -1, to the first event.
     */
    public Cursor nextStep() {
        if (position < 0) {
            return seek(0);
        }
        int j = schedule.runEnd(position) + 1;
        if (j < schedule.size() && schedule.event(j).phase() == schedule.event(position).phase()) {
            return seek(j);
        }
        return this;
    }

    /**
     * To the first event of the run before the current one, within the current phase; unchanged
     * when the current run is the phase's first (or at position -1).
     */
    public Cursor previousStep() {
        if (position < 0) {
            return this;
        }
        int j = schedule.runStart(position) - 1;
        if (j >= 0 && schedule.event(j).phase() == schedule.event(position).phase()) {
            return seek(schedule.runStart(j));
        }
        return this;
    }

    /**
     * Completes a cell: to the last event of the current run, or, when the cursor is already
     * there, to the last event of the next run (in any phase). From -1, to the end of the first
     * run. Unchanged at the end.
     */
    public Cursor nextCell() {
        if (schedule.size() == 0) {
            return this;
        }
        if (position < 0) {
            return seek(schedule.runEnd(0));
        }
        int e = schedule.runEnd(position);
        if (e > position) {
            return seek(e);
        }
        return e + 1 < schedule.size() ? seek(schedule.runEnd(e + 1)) : this;
    }

    /**
     * Undoes a cell: to the last event before the current run (-1 if it is the first run), so
     * that {@code nextCell()} after it completes the current run again.
     */
    public Cursor previousCell() {
        if (position < 0) {
            return this;
        }
        return seek(schedule.runStart(position) - 1);
    }

    /**
     * Whether a node's value ({@code isDelta} false) or error ({@code isDelta} true) has been
     * computed at this position. A parameter's value is given, so always computed; a parameter's
     * "error" is its gradient, computed once its last term (step T) has been added. For an error
     * that several truncated windows compute, the first window's counts. False for what no event
     * computes (a gate activation's error).
     *
     * @param node a node of the schedule's graph (not modified)
     * @param isDelta error rather than value
     */
    public boolean isComputed(Node node, boolean isDelta) {
        if (node.isParameter()) {
            if (!isDelta) {
                return true;
            }
            int last = schedule.lastIndexOf(node, true);
            return last >= 0 && last <= position;
        }
        int first = schedule.firstIndexOf(node, isDelta);
        return first >= 0 && first <= position;
    }

    /** The phase of the current event, empty at position -1. */
    public Optional<Phase> phase() {
        return current().map(Event::phase);
    }

    @Override
    public String toString() {
        return "Cursor " + position + "/" + (schedule.size() - 1) + current().map(e -> " " + e).orElse("");
    }
}
