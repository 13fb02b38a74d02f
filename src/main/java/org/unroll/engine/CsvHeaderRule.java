package org.unroll.engine;

import java.util.function.Predicate;

/**
 * The one rule for a CSV's first row, shared by every CSV reader (training data, imported
 * sequences, {@code import --inputs}; ADR 0031): the row is a header when none of its cells is a
 * number, data when all its non-blank cells are numbers, and refused when it mixes the two — a data
 * row with one mistyped cell used to be dropped silently as a header.
 */
public final class CsvHeaderRule {

    private CsvHeaderRule() {
    }

    /**
     * Judges a first row.
     *
     * @param cells    the row's cells, as split (each is stripped before it is judged)
     * @param isNumber what the reader counts as a number
     * @return {@code true} when the row is a header, {@code false} when it is data
     * @throws IllegalArgumentException when the row mixes numbers and text, with the message
     *                                  {@link #mixed} gives for its first text cell (an {@link InvalidInput},
     *                                  which says it in either language)
     */
    public static boolean isHeader(String[] cells, Predicate<String> isNumber, String where, int line) {
        return isHeader(cells, isNumber, Message.plain(where), line);
    }

    /** The same, the place named in either language (a file's name, or "typed numbers"). */
    public static boolean isHeader(String[] cells, Predicate<String> isNumber, Message where, int line) {
        int text = -1;
        boolean number = false;
        for (int c = 0; c < cells.length; c++) {
            String s = cells[c].strip();
            if (isNumber.test(s)) {
                number = true;
            } else if (!s.isEmpty() && text < 0) {
                text = c;
            }
        }
        if (!number) {
            return true;
        }
        if (text >= 0) {
            throw new InvalidInput(mixedMessage(where, line, text + 1, cells[text].strip()));
        }
        return false;
    }

    /** The one wording of a refused first row: {@code WHERE line L, column C: 'X' is not a number; …}. */
    public static String mixed(String where, int line, int column, String cell) {
        return mixedMessage(Message.plain(where), line, column, cell).english();
    }

    /** The same wording in either language (ADR 0044); the cell's control characters escaped in both. */
    public static Message mixedMessage(Message where, int line, int column, String cell) {
        return Message.of("problem.csv.mixedHeader", where, line, column, ControlChars.escape(cell));
    }
}
