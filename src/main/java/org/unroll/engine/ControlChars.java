package org.unroll.engine;

/**
 * The one rule for text that came from a file or the command line and is shown to someone (ADR
 * 0032): every character that would act rather than be seen is replaced by its visible escape,
 * <code>&#92;u001b</code> for ESC, in the message on the terminal, in an error dialog and in a figure (SVG,
 * PDF, PNG, GIF). Those are the control characters (U+0000–U+001F, U+007F–U+009F: escape
 * sequences, NUL, BEL, CR, the C1 controls), the bidirectional controls (U+061C, U+200E, U+200F,
 * U+202A–U+202E, U+2066–U+2069: they reorder what follows them on screen), the line and paragraph
 * separators U+2028, U+2029 and the XML non-characters U+FFFE, U+FFFF. XML 1.0 forbids most of
 * the C0 controls even written as character references, so an SVG holding one is ill-formed; an
 * escape is plain text everywhere. The text itself, in memory and in the case or deck file Unroll
 * writes back, is not changed.
 */
public final class ControlChars {

    private ControlChars() {
    }

    /** Whether {@code c} is replaced by its escape in a line of text. */
    public static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f)
                || c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x2028 || c == 0x2029 || c == 0xfffe || c == 0xffff;
    }

    /**
     * A line of text with every unsafe character replaced by its escape <code>&#92;uXXXX</code> (four
     * lower-case hex digits); a line break too. The same string when there is none.
     *
     * @param s the text, or null (returned as is)
     */
    public static String escape(String s) {
        return escape(s, false);
    }

    /**
     * Text of several lines (a scene's notes): the same, but a line break {@code \n} is kept, since
     * the layout breaks the lines there.
     *
     * @param s the text, or null (returned as is)
     */
    public static String escapeKeepingLines(String s) {
        return escape(s, true);
    }

    private static String escape(String s, boolean keepLines) {
        if (s == null) {
            return null;
        }
        int i = 0;
        while (i < s.length() && !(unsafe(s.charAt(i)) && !(keepLines && s.charAt(i) == '\n'))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (unsafe(c) && !(keepLines && c == '\n')) {
                sb.append("\\u").append(Character.forDigit(c >> 12 & 0xf, 16)).append(Character.forDigit(c >> 8 & 0xf, 16))
                        .append(Character.forDigit(c >> 4 & 0xf, 16)).append(Character.forDigit(c & 0xf, 16));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
