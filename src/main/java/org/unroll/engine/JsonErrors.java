package org.unroll.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says in one line what is wrong with a document that is not JSON, in the reader's words and not
 * Jackson's: where (the JSON path of the array or object the parser was in, the line and column)
 * and what ({@code a trailing comma before '}'}, {@code the file ends before the array opened at
 * line 76, column 9 is closed}). Never Jackson's internals: no "Source: REDACTED", no
 * {@code (code 125)}, no feature names. Any JSON file the project reads can use it.
 */
public final class JsonErrors {

    private static final Pattern CHAR = Pattern.compile("^Unexpected character \\('(.{1,2})' \\(code \\d+\\)\\)(?: \\(.*\\))?: (.*)$");
    private static final Pattern TOKEN = Pattern.compile("^Unrecognized token '([^']*)'.*");
    private static final Pattern NON_STANDARD = Pattern.compile("^Non-standard token '([^']*)'.*");
    private static final Pattern CLOSE = Pattern.compile("^Unexpected close marker '(.)': expected '(.)'.*");
    private static final Pattern START = Pattern.compile("line: (\\d+), column: (\\d+)");
    private static final Pattern CTRL = Pattern.compile("^Illegal unquoted character \\(\\(CTRL-CHAR, code (\\d+)\\)\\).*");
    private static final Pattern ESCAPE = Pattern.compile("^Unrecognized character escape '(.)'.*");
    private static final Pattern UTF8 = Pattern.compile("^Invalid UTF-8 (?:start|middle) byte (0x[0-9a-fA-F]+).*");
    // Jackson's words, cleaned, that the reader has no words of its own for: kept in English as they
    // are, and said in Japanese too when they are recognised exactly (ADR 0044)
    private static final Pattern NUMBER_CHAR = Pattern.compile("^unexpected character \\('(.{1,2})'\\) in numeric value: (.*)$");
    private static final Pattern CTRL_BETWEEN = Pattern.compile(
            "^illegal character \\(\\(CTRL-CHAR, code (\\d+)\\)\\): only regular white space \\(\\\\r, \\\\n, \\\\t\\) is allowed between tokens$");
    private static final Pattern DUPLICATE = Pattern.compile("^duplicate field '(.*)'$");
    private static final Pattern NESTING = Pattern.compile(
            "^Document nesting depth \\((\\d+)\\) exceeds the maximum allowed \\((\\d+), from `StreamReadConstraints.getMaxNestingDepth\\(\\)`\\)$");
    private static final Pattern STRING_LENGTH = Pattern.compile(
            "^String value length \\((\\d+)\\) exceeds the maximum allowed \\((\\d+), from `StreamReadConstraints.getMaxStringLength\\(\\)`\\)$");

    private JsonErrors() {
    }

    /**
     * The problem of a document Jackson could not parse.
     *
     * @param e what Jackson threw while parsing
     * @return the problem: the JSON path of the array or object the parser was in ({@code ""} at the
     *     top level), and "not valid JSON (line L, column C): what"
     */
    public static CaseException describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        Message what = what(e.getOriginalMessage());
        return new CaseException(path(e), at == null || at.getLineNr() < 1
                ? Message.of("problem.json.invalid", what)
                : Message.of("problem.json.invalidAt", at.getLineNr(), at.getColumnNr(), what));
    }

    /** The JSON path of the container the parser was in when it failed ("" at the top level). */
    static String path(JsonProcessingException e) {
        if (e.getProcessor() instanceof JsonParser p && p.getParsingContext() != null) {
            StringBuilder sb = new StringBuilder();
            build(p.getParsingContext().getParent(), sb);
            return sb.toString();
        }
        return "";
    }

    private static void build(JsonStreamContext c, StringBuilder sb) {
        if (c == null || c.inRoot()) {
            return;
        }
        build(c.getParent(), sb);
        if (c.inArray()) {
            sb.append('[').append(Math.max(0, c.getCurrentIndex())).append(']');
        } else if (c.getCurrentName() != null) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(c.getCurrentName());
        }
    }

    /** What went wrong, from Jackson's message (its first line; its wording is stable across 2.x). */
    static Message what(String message) {
        String m = message == null ? "" : firstLine(message);
        Matcher g;
        if (NESTING.matcher(m).matches() || STRING_LENGTH.matcher(m).matches()) {
            // a reader's limit met while parsing (the recovery and checkpoint readers): its words, not the cleaned-up
            // "(N, from )" left when the backquoted accessor is taken out
            return limit(m);
        }
        if (m.startsWith("Unexpected end-of-input")) {
            Matcher s = START.matcher(m);
            boolean opened = s.find();
            if (m.contains("VALUE_STRING") || m.contains("field name") || m.contains("in a String")) {
                return Message.of("problem.json.endsInString");
            }
            if (m.contains("for Array")) {
                return opened ? Message.of("problem.json.endsInArrayOpened", s.group(1), s.group(2))
                        : Message.of("problem.json.endsInArray");
            }
            if (m.contains("for Object")) {
                return opened ? Message.of("problem.json.endsInObjectOpened", s.group(1), s.group(2))
                        : Message.of("problem.json.endsInObject");
            }
            return Message.of("problem.json.endsEarly");
        }
        if ((g = CHAR.matcher(m)).matches()) {
            String c = g.group(1);
            Object q = quoted(c);
            String rest = g.group(2);
            if (rest.startsWith("was expecting double-quote to start field name")) {
                return c.equals("}") ? Message.of("problem.json.trailingCommaObject")
                        : Message.of("problem.json.keyExpected", q);
            }
            if (rest.startsWith("expected a value")) {
                return c.equals("]") || c.equals("}") ? Message.of("problem.json.trailingCommaOrValue", c)
                        : Message.of("problem.json.valueExpected", q);
            }
            if (rest.startsWith("was expecting comma to separate Object entries")) {
                return Message.of("problem.json.commaInObject", q);
            }
            if (rest.startsWith("was expecting comma to separate Array entries")) {
                return Message.of("problem.json.commaInArray", q);
            }
            if (rest.startsWith("was expecting a colon")) {
                return Message.of("problem.json.colonExpected", q);
            }
            if (rest.contains("root-level")) {
                return Message.of("problem.json.moreAfterEnd");
            }
            return Message.of("problem.json.unexpected", q);
        }
        if (m.startsWith("Unexpected close marker") && m.contains("no open")) {
            return Message.of("problem.json.closesNothing", String.valueOf(m.charAt(m.indexOf('\'') + 1)));
        }
        if ((g = CLOSE.matcher(m)).matches()) {
            Message kind = g.group(2).equals("]") ? Message.of("problem.json.theArray") : Message.of("problem.json.theObject");
            Matcher s = START.matcher(m);
            return s.find() ? Message.of("problem.json.wrongCloseOpened", g.group(1), g.group(2), kind, s.group(1), s.group(2))
                    : Message.of("problem.json.wrongClose", g.group(1), g.group(2), kind);
        }
        if ((g = NON_STANDARD.matcher(m)).matches()) {
            return Message.of("problem.json.notFinite", g.group(1));
        }
        if ((g = TOKEN.matcher(m)).matches()) {
            return Message.of("problem.json.notAValue", g.group(1));
        }
        if (m.startsWith("Invalid numeric value") || m.startsWith("Invalid number")) {
            // Jackson's own words after the colon: shown as they are, unless they are these
            String why = lower(clean(m.substring(m.indexOf(':') + 1).trim()));
            return Message.of("problem.json.notANumber", why.equals("leading zeroes not allowed")
                    ? Message.of("problem.json.number.leadingZeroes") : Message.plain(why));
        }
        if (m.startsWith("Trailing token")) {
            return Message.of("problem.json.moreAfterEnd");
        }
        if ((g = CTRL.matcher(m)).matches()) {
            return Message.of("problem.json.controlChar",
                    String.format(java.util.Locale.ROOT, "%04X", Integer.parseInt(g.group(1))));
        }
        if ((g = ESCAPE.matcher(m)).matches()) {
            return Message.of("problem.json.badEscape", "\\" + g.group(1), "\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
        }
        if ((g = UTF8.matcher(m)).matches()) {
            return Message.of("problem.json.notUtf8Byte", g.group(1));
        }
        String c = lower(clean(m));
        if ((g = NUMBER_CHAR.matcher(c)).matches()) {
            String q = "'" + g.group(1) + "'";
            switch (g.group(2)) {
                case "JSON spec does not allow numbers to have plus signs":
                    return Message.of("problem.json.number.plus", q);
                case "Decimal point not followed by a digit":
                    return Message.of("problem.json.number.point", q);
                case "expected digit (0-9) to follow minus sign, for valid numeric value":
                    return Message.of("problem.json.number.minus", q);
                default:
                    break;
            }
        }
        if ((g = CTRL_BETWEEN.matcher(c)).matches()) {
            return Message.of("problem.json.controlBetweenTokens", g.group(1));
        }
        if ((g = DUPLICATE.matcher(c)).matches()) {
            return Message.of("problem.json.duplicateField", g.group(1));
        }
        // Jackson's words for what this class does not name: shown as they are, in every language
        return c.isEmpty() ? Message.of("problem.json.malformed") : Message.plain(c);
    }

    /**
     * Which of the reader's limits (Jackson's {@code StreamReadConstraints}) a valid document
     * went beyond, from Jackson's message: its first line, said in either language when it is the
     * nesting depth or a string's length, else as it is ("malformed" when there is none).
     */
    public static Message limit(String message) {
        String m = message == null ? "malformed" : firstLine(message);
        Matcher g;
        if ((g = NESTING.matcher(m)).matches()) {
            return Message.of("problem.json.nestingDepth", g.group(1), g.group(2));
        }
        if ((g = STRING_LENGTH.matcher(m)).matches()) {
            return Message.of("problem.json.stringLength", g.group(1), g.group(2));
        }
        return Message.plain(m);
    }

    /** A character as the message shows it: {@code '}'} (a string); the single quote in words (a message). */
    private static Object quoted(String c) {
        return c.equals("'") ? Message.of("problem.json.singleQuote") : "'" + c + "'";
    }

    /** Jackson's message without its internals: the source, the character codes, the feature hints. */
    static String clean(String m) {
        String s = m.replaceAll("\\s*\\(?(?:at )?\\[Source:[^\\]]*\\][^)]*\\)?", "")
                .replaceAll(" \\(code \\d+\\)", "")
                .replaceAll(";?\\s*(?:enable|disable) `[^`]*`.*$", "")
                .replaceAll("`[^`]*`", "")
                .trim();
        return s.endsWith(":") ? s.substring(0, s.length() - 1) : s;
    }

    private static String lower(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** What a JSON value is, in words ("an array", "a string", … "null"), for messages, in English. */
    public static String kind(JsonNode n) {
        return kindOf(n).english();
    }

    /** What a JSON value is, in words ("an array", "a string", … "null"), in either language. */
    public static Message kindOf(JsonNode n) {
        if (n.isArray()) {
            return Message.of("problem.kind.array");
        }
        if (n.isObject()) {
            return Message.of("problem.kind.object");
        }
        if (n.isTextual()) {
            return Message.of("problem.kind.string");
        }
        if (n.isNumber()) {
            return Message.of("problem.kind.number");
        }
        if (n.isBoolean()) {
            return Message.of("problem.kind.boolean");
        }
        return Message.plain("null");
    }

    /** A JSON value as a message quotes it: a short string in quotes, a number as written, else its kind; in English. */
    public static String show(JsonNode n) {
        return shown(n).english();
    }

    /**
     * A JSON value as a message quotes it, in either language: a short string in quotes and a
     * number or literal as written (the same in both), else its kind in words.
     */
    public static Message shown(JsonNode n) {
        if (n.isTextual()) {
            String s = n.asText();
            return Message.plain("\"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"");
        }
        if (n.isValueNode()) {
            return Message.plain(n.toString());
        }
        return kindOf(n);
    }
}
