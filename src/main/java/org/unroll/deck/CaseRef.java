package org.unroll.deck;

import org.unroll.engine.Case;
import org.unroll.session.TrainingSetup;

/**
 * Where a scene's case comes from: exactly one of a reference ({@code builtin:demo}, the app's
 * demo; {@code builtin:NAME}, a case the app ships in {@code decks/cases/NAME.json}; or a case
 * file, relative to the deck's folder), a case embedded in the scene (with its trained weights),
 * or training settings that make the case deterministically (train with this seed, then the
 * first validation sequence). Immutable (the embedded case is not modified by anyone).
 *
 * @param ref the reference, or null
 * @param truncate for a reference, truncated BPTT through k steps instead of the case's own setting; or null
 * @param embedded the embedded case, or null
 * @param train the training settings, or null
 */
public record CaseRef(String ref, Integer truncate, Case embedded, TrainingSetup train) {

    /** The app's demo: the book's noisy-sine RNN. */
    public static final String DEMO = "builtin:demo";

    public CaseRef {
        int given = (ref != null ? 1 : 0) + (embedded != null ? 1 : 0) + (train != null ? 1 : 0);
        if (given != 1) {
            throw new IllegalArgumentException("a case reference, an embedded case or training settings, exactly one");
        }
    }

    public static CaseRef of(String ref) {
        return new CaseRef(ref, null, null, null);
    }

    public static CaseRef embedded(Case c) {
        return new CaseRef(null, null, c, null);
    }

    /** Whether the reference names something the app ships ({@code builtin:…}). */
    public boolean isBuiltin() {
        return ref != null && ref.startsWith("builtin:");
    }

    /**
     * What identifies the case within one deck: scenes with the same key share one computed
     * session.
     */
    String cacheKey() {
        if (ref != null) {
            return "ref:" + ref + (truncate == null ? "" : "|k=" + truncate);
        }
        if (train != null) {
            return "train:" + train;
        }
        return "embedded:" + System.identityHashCode(embedded);
    }
}
