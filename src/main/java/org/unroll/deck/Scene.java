package org.unroll.deck;

import java.awt.geom.Rectangle2D;
import java.util.Locale;
import java.util.Objects;
import org.unroll.graph.Notation;

/**
 * A moment to come back to: the case, the cursor, the selected node, the part of the graph shown,
 * the tab, the notation, the language and the dress of the picture, with a title, speaker notes
 * and the walk PageDown takes inside it. What a scene does not say (a null) is left as the window
 * has it. Immutable.
 *
 * @param title the title (both languages)
 * @param notes the speaker notes (both languages)
 * @param kase where the case comes from
 * @param cursor the event shown, an {@link EventRef} ("start" when not given)
 * @param selected the node shown in the inspector, {@code KEY@STEP} ({@code h@3}) or a parameter's
 *                 key ({@code Wh}); or null: the event's node
 * @param region the part of the graph shown, in world coordinates (as the window showed it); or
 *               null: the default view (the whole graph, or the first steps of a long one)
 * @param tab the tab shown (stepper, inspector, model, fused, training, compare), or null
 * @param notation the notation, or null
 * @param language the language (en or ja), or null
 * @param presentation type size, contrast, log colours: the parts given replace the window's; or null
 * @param rolled whether the graph is shown rolled, or null
 * @param walk the events PageDown walks through before the next scene
 * @param predict predict, then reveal: each event's result hidden until the presenter reveals it
 *                (true), shown at once (false), or null: as the window has it (deck version 2)
 */
public record Scene(Text title, Text notes, CaseRef kase, String cursor, String selected, Rectangle2D region,
                    String tab, Notation notation, Locale language, Dress presentation, Boolean rolled,
                    Walk walk, Boolean predict) {

    /** A scene that leaves predict, then reveal as the window has it. */
    public Scene(Text title, Text notes, CaseRef kase, String cursor, String selected, Rectangle2D region,
                 String tab, Notation notation, Locale language, Dress presentation, Boolean rolled, Walk walk) {
        this(title, notes, kase, cursor, selected, region, tab, notation, language, presentation, rolled, walk, null);
    }

    /** The tabs a scene may show. */
    public static final java.util.List<String> TABS = java.util.List.of("stepper", "inspector", "model", "fused",
            "training", "compare");

    public Scene {
        title = title == null ? Text.EMPTY : title;
        notes = notes == null ? Text.EMPTY : notes;
        Objects.requireNonNull(kase, "kase");
        cursor = cursor == null ? "start" : cursor;
        region = region == null ? null : (Rectangle2D) region.clone();
        walk = walk == null ? Walk.NONE : walk;
    }

    @Override
    public Rectangle2D region() {
        return region == null ? null : (Rectangle2D) region.clone();
    }
}
