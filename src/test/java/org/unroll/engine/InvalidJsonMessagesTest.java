package org.unroll.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A file that is not JSON gets one line in the reader's words: the JSON path of the array or object
 * the parser was in, the line and column, and what is wrong — never Jackson's internals ("Source:
 * REDACTED …", character codes, feature names, token types).
 */
class InvalidJsonMessagesTest {

    private static final Path CASE = Path.of("src/test/resources/cases/rnn-tanh-many-to-one.json");

    private static String good() throws IOException {
        return Files.readString(CASE);
    }

    private static CaseException problem(String doc) {
        return assertThrows(CaseException.class, () -> CaseFile.parse(doc.getBytes(StandardCharsets.UTF_8)), doc);
    }

    /** The message: one line, no Jackson internals, and the fragments asked for. */
    private static CaseException check(String doc, String path, String... fragments) {
        CaseException e = problem(doc);
        String m = e.getMessage();
        assertFalse(m.contains("\n") || m.contains("\r"), "one line: " + m);
        for (String internal : List.of("Source", "REDACTED", "(code ", "`", "StreamReadFeature", "JsonReadFeature",
                "VALUE_", "START_", "END_", "Jackson", "com.fasterxml", "CTRL-CHAR", "marker")) {
            assertFalse(m.contains(internal), "no '" + internal + "' in: " + m);
        }
        assertEquals(path, e.path(), () -> "path of: " + m);
        for (String f : fragments) {
            assertTrue(m.toLowerCase(Locale.ROOT).contains(f.toLowerCase(Locale.ROOT)), () -> "'" + f + "' in: " + m);
        }
        return e;
    }

    @Test
    void aTruncatedFileSaysWhatIsLeftOpen() throws IOException {
        String g = good();
        // cut in the middle of the model's parameters
        int at = g.indexOf("\"Wh\"");
        String cut = g.substring(0, g.indexOf(']', at) - 1);
        CaseException e = check(cut, e0(cut), "not valid JSON (line", "column", "the file ends before the array opened at line");
        assertTrue(e.path().startsWith("model.params.Wh"), e.getMessage());
        check("{\"format\": \"unroll-case/1\", \"model\": ", "", "not valid JSON (line 1, column", "ends");
        check("{\"format\": \"unroll-case/1", "", "the file ends inside a string");
        check("{\"format\": \"unroll-case/1\", \"model\": {\"cell\": \"rnn\"", "model", "the object opened at line 1");
    }

    /** The path of the array the cut lands in, whatever it is: filled in by the message itself. */
    private static String e0(String cut) {
        return problem(cut).path();
    }

    @Test
    void aTrailingCommaIsNamed() throws IOException {
        String g = good();
        String inModel = g.replaceFirst("\"hiddenSize\": *(\\d+)", "\"hiddenSize\": $1,}, \"x\": {");
        check(inModel, "model", "trailing comma before '}'", "line", "column");
        check("{\"format\": \"unroll-case/1\", }", "", "trailing comma before '}'", "line 1, column 29");
        check("{\"a\": [1, 2, ]}", "a", "trailing comma before ']'");
    }

    @Test
    void aMissingCommaOrColonOrQuoteIsNamed() {
        check("{\"a\": 1 \"b\": 2}", "", "where a comma or '}' was expected");
        check("{\"a\": [1 2]}", "a", "where a comma or ']' was expected");
        check("{\"a\" 1}", "", "where ':' was expected");
        check("{'a': 1}", "", "a single quote where a key in double quotes was expected");
        check("{\"a\": [1, 2}", "a", "'}' where ']' was expected, to close the array opened at line 1, column 7");
        check("{\"a\": 1}}", "", "closes nothing");
    }

    @Test
    void badTokensAndNumbersAreNamed() {
        check("{\"a\": tru}", "", "'tru' is not a JSON value");
        check("{\"a\": NaN}", "", "NaN is not a JSON number");
        check("{\"a\": 01}", "", "not a JSON number", "leading zero");
        check("{\"a\": \"x\u0001y\"}", "", "a control character (U+0001) inside a string");
        check("{\"a\": \"\\q\"}", "", "\\q is not a JSON escape");
    }

    @Test
    void anythingAfterTheDocumentIsAnError() throws IOException {
        check(good() + "\n{}", "", "more after the end of the document");
        check(good() + " x", "", "'x' is not a JSON value");
    }

    @Test
    void aWrongTypeIsTheReadersMessageAtItsPath() throws IOException {
        String g = good();
        CaseException e = check(g.replaceFirst("\"hiddenSize\": *\\d+", "\"hiddenSize\": \"three\""), "model.hiddenSize",
                "expected a whole number");
        assertEquals("model.hiddenSize: expected a whole number ≥ 1, got \"three\"", e.getMessage());
        check(g.replaceFirst("\"loss\": *\"[a-z]+\"", "\"loss\": 3"), "loss", "expected one of");
    }

    @Test
    void notUtf8IsNamed() {
        byte[] doc = {'{', '"', 'a', '"', ':', ' ', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        CaseException e = assertThrows(CaseException.class, () -> CaseFile.parse(doc));
        assertFalse(e.getMessage().contains("Source"), e.getMessage());
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }
}
