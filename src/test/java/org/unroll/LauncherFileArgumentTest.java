package org.unroll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unroll.session.AppVersion;

/** What a desktop's file association passes opens the app; subcommands stay headless (ADR 0029). */
class LauncherFileArgumentTest {

    @Test
    void aFileOrTheAppsOptionsOpenTheAppASubcommandDoesNot(@TempDir Path dir) throws Exception {
        Path deck = Files.writeString(dir.resolve("lesson.deck.json"), "{\"format\": \"unroll-deck\"}");
        assertTrue(Launcher.opensApp(new String[0]));
        assertTrue(Launcher.opensApp(new String[] {deck.toString()}));
        assertTrue(Launcher.opensApp(new String[] {"--lang=ja"}));
        assertFalse(Launcher.opensApp(new String[] {"check", deck.toString()}));
        assertFalse(Launcher.opensApp(new String[] {"--version"}));
        assertFalse(Launcher.opensApp(new String[] {"--help"}));
        assertFalse(Launcher.opensApp(new String[] {dir.resolve("missing.json").toString()}));
    }

    @Test
    void theVersionIsThePomsFilteredIntoTheResource() throws Exception {
        String xml = Files.readString(Path.of("pom.xml"));
        String v = xml.replaceFirst("(?s).*?<artifactId>unroll</artifactId>\\s*<version>([^<]+)</version>.*", "$1");
        assertEquals(v, AppVersion.version());
    }
}
