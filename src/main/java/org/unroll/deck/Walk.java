package org.unroll.deck;

import org.unroll.schedule.Phase;

/**
 * Which events PageDown walks through inside a scene before it moves to the next scene. The walk
 * starts at the scene's cursor and ends at {@link #to()}; its stops are the events between them
 * that the rule keeps. Immutable.
 *
 * @param rule which events are stops
 * @param phase for {@link Rule#ONLY}, the phase of the kept events
 * @param node for {@link Rule#ONLY}, the trace key of the kept events' nodes ({@code "p"}, {@code "Wh"} …),
 *             or null for every node of the phase
 * @param to an event reference ({@link EventRef}) where the walk ends, or null: for ALL and
 *           SKIP_ZERO_ERRORS the end of the cursor's phase (of the forward pass from the start),
 *           for ONLY the end of the walk-through
 */
public record Walk(Rule rule, Phase phase, String node, String to) {

    /** No stops: PageDown goes to the next scene. */
    public static final Walk NONE = new Walk(Rule.NONE, null, null, null);

    /** The rules. */
    public enum Rule {
        /** No stops inside the scene. */
        NONE("none"),
        /** Every event. */
        ALL("all"),
        /** Only the events of one phase (and, if given, one node kind). */
        ONLY("only"),
        /** Every event but the errors that are exactly zero (e_o(t) = 0 at a step without a target). */
        SKIP_ZERO_ERRORS("skip-zero-errors");

        private final String key;

        Rule(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        /** The rule of a key, or null. */
        public static Rule fromKey(String k) {
            for (Rule r : values()) {
                if (r.key.equals(k)) {
                    return r;
                }
            }
            return null;
        }
    }

    public Walk {
        if (rule == null) {
            throw new IllegalArgumentException("no rule");
        }
        if (rule == Rule.ONLY && phase == null) {
            throw new IllegalArgumentException("only: which phase?");
        }
    }

    /** The {@code only} value as written in a file: {@code backward} or {@code backward:p}. */
    public String onlyText() {
        return phase == null ? null : EventRef.phaseKey(phase) + (node == null ? "" : ":" + node);
    }

    /** Parses an {@code only} value ({@code PHASE} or {@code PHASE:NODE}); null if it is not one. */
    static Walk only(String text, String to) {
        String t = text.strip();
        int colon = t.indexOf(':');
        Phase p = EventRef.phase(colon < 0 ? t : t.substring(0, colon));
        if (p == null) {
            return null;
        }
        String node = colon < 0 ? null : t.substring(colon + 1).strip();
        return new Walk(Rule.ONLY, p, node == null || node.isEmpty() ? null : node, to);
    }

    @Override
    public String toString() {
        return rule.key() + (rule == Rule.ONLY ? " " + onlyText() : "") + (to == null ? "" : " to " + to);
    }
}
