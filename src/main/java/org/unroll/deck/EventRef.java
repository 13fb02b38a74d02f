package org.unroll.deck;

import java.util.Locale;
import org.unroll.engine.InvalidInput;
import org.unroll.engine.Message;
import org.unroll.schedule.Event;
import org.unroll.schedule.Phase;
import org.unroll.schedule.Schedule;

/**
 * Events named in deck and scene files, stable across runs of the same case: a number as the
 * status bar counts them ({@code 42}; 0 is the start), {@code start}, {@code end}, a phase's first
 * event ({@code forward}, {@code loss}, {@code backward}, {@code gradients}), or an event key
 * {@code PHASE:KEY@STEP} with the node's trace key ({@code backward:p@3} is e_h(3),
 * {@code backward:q@25} is e_o(25), {@code gradients:Wh@3} the term step 3 adds to W), and for a
 * truncated window {@code /S} ({@code backward:p@3/5}: inside the window of E_5).
 */
public final class EventRef {

    private EventRef() {
    }

    /** The stable key of an event: {@code backward:p@3}, {@code gradients:Wh@1}, {@code backward:p@3/5}. */
    public static String key(Event e) {
        return phaseKey(e.phase()) + ":" + e.node().key() + "@" + e.step() + (e.window() > 0 ? "/" + e.window() : "");
    }

    /** The key of a position: {@code start} before the first event, else the event's key. */
    public static String key(Schedule s, int position) {
        return position < 0 ? "start" : key(s.event(position));
    }

    /** The word of a phase in references: forward, loss, backward, gradients. */
    public static String phaseKey(Phase p) {
        return switch (p) {
            case FORWARD -> "forward";
            case LOSS -> "loss";
            case BACKWARD -> "backward";
            case GRADIENT -> "gradients";
        };
    }

    /** The phase of a word (forward, loss, backward, gradients or gradient), or null. */
    public static Phase phase(String word) {
        return switch (word.strip().toLowerCase(Locale.ROOT)) {
            case "forward" -> Phase.FORWARD;
            case "loss" -> Phase.LOSS;
            case "backward" -> Phase.BACKWARD;
            case "gradients", "gradient" -> Phase.GRADIENT;
            default -> null;
        };
    }

    /** Whether a text has the form of a reference (it may still name no event of a given case). */
    public static boolean wellFormed(String ref) {
        String r = ref.strip().toLowerCase(Locale.ROOT);
        if (r.matches("\\d+") || r.equals("start") || r.equals("end") || phase(r) != null) {
            return true;
        }
        int colon = r.indexOf(':');
        return colon > 0 && phase(r.substring(0, colon)) != null && ref.strip().substring(colon + 1).matches("[^@]+@\\d+(/\\d+)?");
    }

    /**
     * The schedule position a reference names.
     *
     * @param ref the reference (not null)
     * @param s the schedule
     * @return −1 (the start) .. size − 1
     * @throws IllegalArgumentException naming the reference when the schedule has no such event
     */
    public static int resolve(String ref, Schedule s) {
        String r = ref.strip();
        String low = r.toLowerCase(Locale.ROOT);
        int n = s.size();
        if (low.matches("\\d+")) {
            int i = Integer.parseInt(low) - 1;
            if (i >= n) {
                throw new InvalidInput(Message.of("problem.event.outOfRange", r, String.valueOf(n)));
            }
            return i;
        }
        if (low.equals("start")) {
            return -1;
        }
        if (low.equals("end")) {
            return n - 1;
        }
        Phase p = phase(low);
        if (p != null) {
            int i = s.firstIndexOf(p);
            if (i < 0) {
                throw new InvalidInput(Message.of("problem.event.noPhase", low));
            }
            return i;
        }
        int colon = r.indexOf(':');
        int at = r.lastIndexOf('@');
        if (colon <= 0 || at < colon || (p = phase(r.substring(0, colon))) == null) {
            throw new InvalidInput(Message.of("problem.event.expected", r));
        }
        String key = r.substring(colon + 1, at);
        String rest = r.substring(at + 1);
        int slash = rest.indexOf('/');
        int step;
        int window;
        try {
            step = Integer.parseInt(slash < 0 ? rest : rest.substring(0, slash));
            window = slash < 0 ? 0 : Integer.parseInt(rest.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new InvalidInput(Message.of("problem.event.step", r));
        }
        for (Event e : s.events()) {
            if (e.phase() == p && e.step() == step && e.node().key().equals(key)
                    && (slash < 0 ? true : e.window() == window)) {
                return e.index();
            }
        }
        throw new InvalidInput(Message.of("problem.event.none", r, s.graph().config().cell().key(),
                String.valueOf(s.graph().length())));
    }
}
