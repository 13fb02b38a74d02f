package org.unroll.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.unroll.view.Messages;

/**
 * Every visible string comes from the bundles: both languages have the same keys with the same
 * arguments, the FXML uses only those, and so do the engine's messages ({@code Message.of("key",
 * …)} in the main sources, ADR 0044).
 */
class BundlesTest {

    @Test
    void englishAndJapaneseHaveTheSameKeys() {
        ResourceBundle en = Messages.bundle(Locale.ENGLISH);
        ResourceBundle ja = Messages.bundle(Locale.JAPANESE);
        assertEquals(new TreeSet<>(en.keySet()), new TreeSet<>(ja.keySet()));
        assertEquals("ファイル", ja.getString("menu.file"));
        assertEquals("File", en.getString("menu.file"));
        assertEquals(Locale.ENGLISH, Messages.supported(Locale.FRENCH));
    }

    @Test
    void everyFxmlKeyExists() throws IOException {
        ResourceBundle en = Messages.bundle(Locale.ENGLISH);
        Pattern key = Pattern.compile("\"%([a-zA-Z0-9.]+)\"");
        int n = 0;
        int read = 0;
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/fxml"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".fxml")).toList()) {
                read++;
                Matcher m = key.matcher(Files.readString(f));
                while (m.find()) {
                    assertTrue(en.containsKey(m.group(1)), f.getFileName() + ": " + m.group(1));
                    n++;
                }
                assertTrue(!Files.readString(f).matches("(?s).*text=\"[A-Za-z]{4,}.*"), f + " has a literal text");
            }
        }
        assertEquals(14, read, "main.fxml and the features' files in fxml/<feature>/");
        assertTrue(n > 30);
    }

    /** The arguments a pattern takes: one more than its largest {n}; 0 for a text without any. */
    static int arguments(String pattern) {
        if (!pattern.matches("(?s).*\\{\\d+[},].*")) {
            return 0; // a text without arguments is shown as it is (Messages.format), not parsed
        }
        return new MessageFormat(pattern, Locale.ROOT).getFormatsByArgumentIndex().length;
    }

    @Test
    void bothLanguagesTakeTheSameArguments() {
        ResourceBundle en = Messages.bundle(Locale.ENGLISH);
        ResourceBundle ja = Messages.bundle(Locale.JAPANESE);
        for (String key : en.keySet()) {
            assertEquals(arguments(en.getString(key)), arguments(ja.getString(key)), key + ": the same {n} in en and ja");
        }
    }

    /**
     * Every key the main sources give {@code Message.of} (always a literal: the keys can be found)
     * is in both bundles, with as many arguments as the code passes; every {@code problem.} key is
     * used; and a problem's pattern writes a single quote as MessageFormat reads it ('' with
     * arguments, ' without).
     */
    @Test
    void everyEngineMessageKeyIsInBothBundlesWithTheArgumentsTheCodePasses() throws IOException {
        ResourceBundle en = Messages.bundle(Locale.ENGLISH);
        ResourceBundle ja = Messages.bundle(Locale.JAPANESE);
        Map<String, String> used = new TreeMap<>();
        int calls = 0;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String src = Files.readString(f);
                for (int at = src.indexOf("Message.of("); at >= 0; at = src.indexOf("Message.of(", at + 1)) {
                    if (at > 0 && Character.isJavaIdentifierPart(src.charAt(at - 1))) {
                        continue; // another class's of(
                    }
                    int open = at + "Message.of(".length();
                    String where = f.getFileName() + ":" + (src.substring(0, at).split("\n", -1).length);
                    if (src.startsWith("String key", open)) {
                        continue; // the declaration itself
                    }
                    assertTrue(src.charAt(open) == '"', where + ": the key is a literal");
                    int close = src.indexOf('"', open + 1);
                    String key = src.substring(open + 1, close);
                    int args = countArguments(src, close + 1, where);
                    assertTrue(en.containsKey(key), where + ": " + key + " is in messages_en");
                    assertTrue(ja.containsKey(key), where + ": " + key + " is in messages_ja");
                    assertEquals(args, arguments(en.getString(key)), where + ": " + key + " takes the arguments passed (en)");
                    assertEquals(args, arguments(ja.getString(key)), where + ": " + key + " takes the arguments passed (ja)");
                    used.put(key, where);
                    calls++;
                }
            }
        }
        assertTrue(calls > 200, "the engine's, the session's and the deck's problems carry keys: " + calls);
        for (String key : en.keySet()) {
            if (!key.startsWith("problem.")) {
                continue;
            }
            assertTrue(used.containsKey(key), key + " is used by Message.of");
            for (ResourceBundle b : new ResourceBundle[] {en, ja}) {
                String p = b.getString(key);
                if (arguments(p) > 0) {
                    assertFalse(p.replace("''", "").contains("'"), key + " (" + b.getLocale() + "): a quote with arguments is ''");
                } else {
                    assertFalse(p.contains("''"), key + " (" + b.getLocale() + "): a text without arguments has plain quotes");
                }
            }
        }
    }

    /** The arguments after a call's first one, from just after the key to the closing parenthesis. */
    private static int countArguments(String src, int from, String where) {
        int depth = 0;
        int commas = 0;
        for (int i = from; i < src.length(); i++) {
            char c = src.charAt(i);
            if (c == '"' || c == '\'') {
                for (i++; src.charAt(i) != c; i++) {
                    if (src.charAt(i) == '\\') {
                        i++;
                    }
                }
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
            } else if (c == ')') {
                if (depth == 0) {
                    return commas;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                commas++;
            }
        }
        throw new AssertionError(where + ": the call does not end");
    }
}
