package org.unroll.deck;

import java.util.Locale;
import java.util.Objects;

/**
 * A text in English and Japanese (a scene's title, its speaker notes). Immutable.
 *
 * @param en the English text (never null; may be empty)
 * @param ja the Japanese text, or null: the English one is shown
 */
public record Text(String en, String ja) {

    /** No text. */
    public static final Text EMPTY = new Text("", null);

    public Text {
        Objects.requireNonNull(en, "en");
        ja = ja == null || ja.isEmpty() ? null : ja;
    }

    /** The text in a language: the Japanese one for {@code ja} when there is one, else the English. */
    public String in(Locale l) {
        return l != null && "ja".equals(l.getLanguage()) && ja != null ? ja : en;
    }
}
