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
        String where = at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        return new CaseException(path(e), "not valid JSON" + where + ": " + what(e.getOriginalMessage()));
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
    static String what(String message) {
        String m = message == null ? "" : firstLine(message);
        Matcher g;
        if (m.startsWith("Unexpected end-of-input")) {
            String opened = opened(m);
            if (m.contains("VALUE_STRING") || m.contains("field name") || m.contains("in a String")) {
                return "the file ends inside a string (a closing \" is missing)";
            }
            if (m.contains("for Array")) {
                return "the file ends before the array" + opened + " is closed with ']'";
            }
            if (m.contains("for Object")) {
                return "the file ends before the object" + opened + " is closed with '}'";
            }
            return "the file ends early";
        }
        if ((g = CHAR.matcher(m)).matches()) {
            String c = g.group(1);
            String q = quoted(c);
            String rest = g.group(2);
            if (rest.startsWith("was expecting double-quote to start field name")) {
                return c.equals("}") ? "a trailing comma before '}' (JSON allows none)"
                        : q + " where a key in double quotes was expected";
            }
            if (rest.startsWith("expected a value")) {
                return c.equals("]") || c.equals("}") ? "a trailing comma before '" + c + "' (JSON allows none), or a value missing"
                        : q + " where a value was expected";
            }
            if (rest.startsWith("was expecting comma to separate Object entries")) {
                return q + " where a comma or '}' was expected (a comma missing?)";
            }
            if (rest.startsWith("was expecting comma to separate Array entries")) {
                return q + " where a comma or ']' was expected (a comma missing?)";
            }
            if (rest.startsWith("was expecting a colon")) {
                return q + " where ':' was expected after a key";
            }
            if (rest.contains("root-level")) {
                return "more after the end of the document (a file holds one JSON value)";
            }
            return "unexpected " + q;
        }
        if (m.startsWith("Unexpected close marker") && m.contains("no open")) {
            return "'" + m.charAt(m.indexOf('\'') + 1) + "' closes nothing (one too many?)";
        }
        if ((g = CLOSE.matcher(m)).matches()) {
            String kind = g.group(2).equals("]") ? "array" : "object";
            return "'" + g.group(1) + "' where '" + g.group(2) + "' was expected, to close the " + kind + opened(m);
        }
        if ((g = NON_STANDARD.matcher(m)).matches()) {
            return g.group(1) + " is not a JSON number (a case holds finite numbers only)";
        }
        if ((g = TOKEN.matcher(m)).matches()) {
            return "'" + g.group(1) + "' is not a JSON value (a number, a \"string\", true, false, null, an array or an object)";
        }
        if (m.startsWith("Invalid numeric value") || m.startsWith("Invalid number")) {
            return "not a JSON number: " + lower(clean(m.substring(m.indexOf(':') + 1).trim()));
        }
        if (m.startsWith("Trailing token")) {
            return "more after the end of the document (a file holds one JSON value)";
        }
        if ((g = CTRL.matcher(m)).matches()) {
            return String.format(java.util.Locale.ROOT, "a control character (U+%04X) inside a string; write it escaped, such as \\n",
                    Integer.parseInt(g.group(1)));
        }
        if ((g = ESCAPE.matcher(m)).matches()) {
            return "\\" + g.group(1) + " is not a JSON escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX are)";
        }
        if ((g = UTF8.matcher(m)).matches()) {
            return "not UTF-8 text (byte " + g.group(1) + ")";
        }
        String c = clean(m);
        return c.isEmpty() ? "malformed" : lower(c);
    }

    /** A character as the message shows it: {@code '}'}; the single quote in words. */
    private static String quoted(String c) {
        return c.equals("'") ? "a single quote" : "'" + c + "'";
    }

    /** " opened at line L, column C" from a message naming where a container started, else "". */
    private static String opened(String m) {
        Matcher s = START.matcher(m);
        return s.find() ? " opened at line " + s.group(1) + ", column " + s.group(2) : "";
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

    /** What a JSON value is, in words ("an array", "a string", … "null"), for messages. */
    public static String kind(JsonNode n) {
        if (n.isArray()) {
            return "an array";
        }
        if (n.isObject()) {
            return "an object";
        }
        if (n.isTextual()) {
            return "a string";
        }
        if (n.isNumber()) {
            return "a number";
        }
        if (n.isBoolean()) {
            return "a boolean";
        }
        return "null";
    }

    /** A JSON value as a message quotes it: a short string in quotes, a number as written, else its kind. */
    public static String show(JsonNode n) {
        if (n.isTextual()) {
            String s = n.asText();
            return "\"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
        }
        if (n.isValueNode()) {
            return n.toString();
        }
        return kind(n);
    }
}
