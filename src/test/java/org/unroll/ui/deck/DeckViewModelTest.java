package org.unroll.ui.deck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unroll.session.Background;
import org.unroll.ui.MainViewModel;
import org.unroll.ui.common.RecentFiles;

/** The deck's view-model without a window: the timer on a clock of the test's own, the texts, the walk, bad files. */
class DeckViewModelTest {

    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final MainViewModel main = new MainViewModel(Background.synchronous(), RecentFiles.inMemory(), Locale.ENGLISH);
    private final DeckViewModel deck = new DeckViewModel(Background.synchronous(), main, now::get, Runnable::run);
    private final List<MainViewModel.Problem> problems = new ArrayList<>();

    @TempDir
    Path dir;

    DeckViewModelTest() {
        main.setOnProblem(problems::add);
    }

    @Test
    void theTimerCountsFromTheOpeningOnTheGivenClock() {
        deck.openBuiltin();
        deck.tick();
        assertEquals("0:00", deck.elapsedProperty().get());
        now.addAndGet(75_000_000_000L);
        deck.tick();
        assertEquals("1:15", deck.elapsedProperty().get());
        now.addAndGet(3_600_000_000_000L);
        deck.tick();
        assertEquals("1:01:15", deck.elapsedProperty().get());
        deck.restartTimer();
        assertEquals("0:00", deck.elapsedProperty().get());
    }

    @Test
    void theTextsFollowTheWalkAndTheLanguage() {
        deck.openBuiltin();
        assertEquals("Scene 1/12 · The simple RNN on the noisy sine, forward (5.1.2)   ·   stop 1/26",
                deck.statusProperty().get());
        assertEquals("", deck.equationProperty().get(), "before the first event");
        assertTrue(deck.nextProperty().get().startsWith("Next: event "), deck.nextProperty().get());
        assertTrue(deck.nextProperty().get().endsWith("h(1)"), deck.nextProperty().get());
        deck.next();
        assertEquals("h", main.getCursor().current().orElseThrow().node().key());
        assertFalse(deck.equationProperty().get().isEmpty());
        assertTrue(deck.statusProperty().get().endsWith("stop 2/26"));
        for (int i = 0; i < 25; i++) {
            deck.next();
        }
        assertEquals(1, deck.index(), "after h(25), the loss scene");
        deck.previous();
        assertEquals(0, deck.index());
        assertEquals(deck.current().last(), main.getCursor().position(), "back at scene 1's last stop, h(25)");
        main.setLanguage(Locale.JAPANESE);
        assertTrue(deck.statusProperty().get().startsWith("シーン 1/12 · ノイズ入りサイン波の単純RNN"), deck.statusProperty().get());
        assertTrue(deck.notesProperty().get().contains("隠れ層は4ユニット"));
        assertTrue(deck.nextProperty().get().startsWith("次：シーン 2 · 誤差関数"), deck.nextProperty().get());
        deck.close();
        assertNull(deck.deckProperty().get());
        assertEquals("", deck.statusProperty().get());
    }

    @Test
    void aBadDeckIsOneProblemAndTheWindowStaysAsItWas() throws Exception {
        main.build(org.unroll.ui.Fixtures::demo);
        var before = main.getSession();
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"format\": \"unroll-deck\", \"version\": 1, \"scenes\": [{\"title\": \"x\","
                + " \"case\": \"builtin:demo\", \"walk\": {\"events\": \"only\"}}]}", StandardCharsets.UTF_8);
        deck.open(f);
        assertEquals(1, problems.size());
        assertEquals("scenes[0].walk.only: missing; expected a phase (forward, loss, backward, gradients), or PHASE:KEY"
                + " such as backward:p", problems.get(0).message());
        assertFalse(deck.isOpen());
        assertTrue(main.getSession() == before);
        // in the window's language (ADR 0044)
        main.setLanguage(Locale.JAPANESE);
        deck.open(f);
        assertEquals("scenes[0].walk.only: ありません。段階（forward, loss, backward, gradients）か、backward:p のような"
                + " PHASE:KEY の形が必要です", problems.get(1).message());
    }

    @Test
    void theHandoutIsWrittenWithItsProgressInTheStatusBar() throws Exception {
        List<String> messages = new ArrayList<>();
        main.messageProperty().addListener((o, a, b) -> messages.add(b));
        Path f = dir.resolve("walk.pdf");
        deck.open(Path.of("src/test/resources/decks/short-walk.json"));
        deck.exportHandout(f, Locale.JAPANESE);
        assertTrue(messages.contains("Writing the handout: scene 3 of 3…"), messages.toString());
        assertEquals("Wrote the handout walk.pdf (3 pages)", main.messageProperty().get());
        assertEquals(-1, deck.handoutProgressProperty().get());
        assertTrue(Files.size(f) > 10_000);
    }

    @Test
    void anotherCaseOpenedByHandLeavesTheDeck() {
        deck.openBuiltin();
        deck.next();
        assertTrue(deck.isOpen());
        main.build(org.unroll.ui.Fixtures::demo);
        assertFalse(deck.isOpen(), "the window shows a case of its own now");
        assertEquals("", deck.statusProperty().get());
        deck.next();
        assertEquals(-1, deck.index());
    }
}
