package org.unroll.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.unroll.view.Messages;

/** Every visible string comes from the bundles: both languages have the same keys, and the FXML uses only those. */
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
}
