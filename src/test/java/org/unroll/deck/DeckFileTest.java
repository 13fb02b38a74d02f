package org.unroll.deck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unroll.engine.CaseFile;
import org.unroll.graph.Notation;
import org.unroll.schedule.Event;
import org.unroll.schedule.Phase;

/** Deck and scene files: the built-in deck, the validation messages, a scene's round trip, the walks. */
class DeckFileTest {

    private static Deck parse(String json) throws DeckException {
        return DeckFile.parse(json.getBytes(StandardCharsets.UTF_8), Path.of("src/test/resources/cases"), "t.json");
    }

    private static String deck(String scene) {
        return "{\"format\": \"unroll-deck\", \"version\": 1, \"title\": \"t\", \"scenes\": [" + scene + "]}";
    }

    private static String message(String json) {
        return assertThrows(DeckException.class, () -> parse(json)).getMessage();
    }

    @Test
    void theBuiltInDeckHasTwelveScenesEachResolving() throws Exception {
        Deck d = DeckFile.read(DeckFile.BUILTIN_CHAPTER5);
        assertEquals(12, d.size());
        DeckSessions sessions = new DeckSessions(d);
        for (int i = 0; i < d.size(); i++) {
            Scene s = d.scene(i);
            assertFalse(s.title().en().isBlank(), "scene " + i + " has an English title");
            assertFalse(s.title().in(Locale.JAPANESE).equals(s.title().en()), "scene " + i + " has a Japanese title");
            assertFalse(s.notes().en().isBlank());
            assertNotNull(s.notes().ja(), "scene " + i + " has Japanese notes");
            Resolved r = sessions.resolve(i);
            assertTrue(r.stopCount() >= 1);
        }
    }

    @Test
    void skipZeroErrorsSkipsTheTwentyFourZeroOutputErrorsOfTheManyToOneSine() throws Exception {
        Deck d = DeckFile.read(DeckFile.BUILTIN_CHAPTER5);
        Resolved r = new DeckSessions(d).resolve(2);
        assertEquals(Walk.Rule.SKIP_ZERO_ERRORS, r.scene().walk().rule());
        var sched = r.session().schedule();
        int backward = 0;
        int zeroQ = 0;
        for (Event e : sched.events()) {
            if (e.phase() == Phase.BACKWARD) {
                backward++;
                if (e.node().key().equals("q") && Walks.isZeroError(e)) {
                    zeroQ++;
                }
            }
        }
        assertEquals(24, zeroQ, "e_o(t) = 0 at the 24 steps without a target");
        int[] stops = r.stops();
        assertEquals(sched.firstIndexOf(Phase.BACKWARD), r.start());
        assertEquals(backward - 24, stops.length, "every backward event but the zero e_o(t)");
        for (int s : stops) {
            Event e = sched.event(s);
            assertEquals(Phase.BACKWARD, e.phase());
            assertFalse(e.node().key().equals("q") && e.step() < 25, "no e_o(t) before step 25: " + e);
        }
    }

    @Test
    void onlyWalksOneKindOfEvent() throws Exception {
        Deck d = DeckFile.read(DeckFile.BUILTIN_CHAPTER5);
        Resolved r = new DeckSessions(d).resolve(3);
        assertEquals(25, r.stopCount(), "∂E/∂W's 25 terms");
        for (int s : r.stops()) {
            Event e = r.session().schedule().event(s);
            assertEquals(Phase.GRADIENT, e.phase());
            assertEquals("Wh", e.node().key());
        }
        assertEquals(Integer.MIN_VALUE, r.stopAfter(r.last()));
        assertEquals(r.stops()[1], r.stopAfter(r.start()));
    }

    @Test
    void unknownVersionsAreRefused() {
        assertEquals("version: version 3 is not known to this app (it reads versions 1 and 2)",
                message("{\"format\": \"unroll-deck\", \"version\": 3, \"scenes\": []}"));
        assertEquals("version: missing; expected 1", message("{\"format\": \"unroll-deck\", \"scenes\": []}"));
        assertEquals("format: expected \"unroll-deck\" or \"unroll-scene\", got \"unroll-case/1\"",
                message("{\"format\": \"unroll-case/1\", \"version\": 1}"));
    }

    @Test
    void aSceneMayTurnOnPredictThenRevealInVersion2() throws Exception {
        String v2 = "{\"format\": \"unroll-deck\", \"version\": 2, \"scenes\": [{\"title\": \"a\", \"case\": "
                + "\"builtin:demo\", \"predict\": true}, {\"title\": \"b\", \"case\": \"builtin:demo\"}]}";
        Deck d = parse(v2);
        assertEquals(Boolean.TRUE, d.scene(0).predict());
        assertEquals(null, d.scene(1).predict());
        // written back as version 2; a deck without it stays version 1, which older apps read
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        DeckFile.writeDeck(d, out);
        String written = out.toString(StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assertions.assertTrue(written.contains("\"version\" : 2"), written);
        org.junit.jupiter.api.Assertions.assertTrue(written.contains("\"predict\" : true"), written);
        assertEquals(Boolean.TRUE, parse(written).scene(0).predict());
        Deck plain = parse(deck("{\"title\": \"a\", \"case\": \"builtin:demo\"}"));
        out.reset();
        DeckFile.writeDeck(plain, out);
        org.junit.jupiter.api.Assertions.assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"version\" : 1"));
        assertEquals("scenes[0].predict: needs \"version\": 2 (version 1 has no predict)",
                message(deck("{\"title\": \"a\", \"case\": \"builtin:demo\", \"predict\": true}")));
        assertEquals("scenes[0].predict: expected true or false, got \"yes\"", message(v2.replace("true", "\"yes\"")));
        // the built-in deck's BPTT scene turns it on, the next scene off
        Deck ch5 = DeckFile.read(DeckFile.BUILTIN_CHAPTER5);
        assertEquals(Boolean.TRUE, ch5.scene(2).predict());
        assertEquals(Boolean.FALSE, ch5.scene(3).predict());
    }

    @Test
    void missingAndWrongFieldsAreNamedByTheirPath() {
        assertEquals("scenes[0].case: missing; expected builtin:demo, a case file's name, an embedded case or"
                + " {\"train\": …}", message(deck("{\"title\": \"a\"}")));
        assertEquals("scenes[1].title: missing; expected a text, or {\"en\": …, \"ja\": …}",
                message(deck("{\"title\": \"a\", \"case\": \"builtin:demo\"}, {\"case\": \"builtin:demo\"}")));
        assertEquals("scenes[0].walk.events: expected all, only, skip-zero-errors or none, got \"some\"",
                message(deck("{\"title\": \"a\", \"case\": \"builtin:demo\", \"walk\": {\"events\": \"some\"}}")));
        assertEquals("scenes[0].cursor: expected an event: a number (0 is the start), start, end, forward, loss,"
                        + " backward, gradients or PHASE:KEY@STEP such as backward:p@3, got \"sideways\"",
                message(deck("{\"title\": \"a\", \"case\": \"builtin:demo\", \"cursor\": \"sideways\"}")));
        assertEquals("scenes[0].presentation.typeSize: expected a whole number in 0..4, got 9",
                message(deck("{\"title\": \"a\", \"case\": \"builtin:demo\", \"presentation\": {\"typeSize\": 9}}")));
        assertTrue(message(deck("{\"title\": \"a\", \"case\": \"builtin:demo\", \"colour\": 1}"))
                .startsWith("scenes[0].colour: unknown key; expected one of case, cursor,"));
        String m = message("{\"format\": \"unroll-deck\", \"version\": 1, \"scenes\": [");
        assertEquals("scenes: not valid JSON (line 1, column 52): the file ends before the array opened at line 1,"
                + " column 51 is closed with ']'", m, "in the case files' words (engine.JsonErrors)");
        assertEquals("title: duplicate key 'title'", message("{\"format\": \"unroll-deck\", \"version\": 1, \"title\":"
                + " \"a\", \"title\": \"b\", \"scenes\": []}"));
        assertEquals("scenes[0].notes.en: duplicate key 'en'", message(deck("{\"title\": \"a\", \"case\": \"builtin:demo\","
                + " \"notes\": {\"en\": \"x\", \"en\": \"y\"}}")));
    }

    @Test
    void anEmbeddedCaseIsCheckedAndItsProblemNamedInsideTheScene() throws IOException {
        String c = Files.readString(Path.of("src/test/resources/cases/rnn-tanh-many-to-one.json"))
                .replace("\"hiddenSize\": 3", "\"hiddenSize\": 2");
        String m = message(deck("{\"title\": \"a\", \"case\": " + c + "}"));
        assertTrue(m.startsWith("scenes[0].case.model.params."), m);
    }

    @Test
    void unknownCasesAndEventsAreNamedWhenTheSceneIsMadeReady() throws Exception {
        Deck d = parse(deck("{\"title\": \"a\", \"case\": \"builtin:nothing\"}, {\"title\": \"b\", \"case\":"
                + " \"no-such.json\"}, {\"title\": \"c\", \"case\": \"rnn-tanh-many-to-one.json\", \"cursor\":"
                + " \"backward:q@99\"}, {\"title\": \"d\", \"case\": \"rnn-tanh-many-to-one.json\", \"selected\": \"h@99\"}"));
        DeckSessions s = new DeckSessions(d);
        assertTrue(assertThrows(DeckException.class, () -> s.resolve(0)).getMessage()
                .startsWith("scenes[0].case: no built-in case builtin:nothing (there are builtin:demo, builtin:lstm-sine"));
        assertTrue(assertThrows(DeckException.class, () -> s.resolve(1)).getMessage()
                .startsWith("scenes[1].case: no case file no-such.json (looked for "));
        DeckException noEvent = assertThrows(DeckException.class, () -> s.resolve(2));
        assertEquals("scenes[2].cursor: no event backward:q@99 in this case (rnn, T = 6)", noEvent.getMessage());
        // in the Japanese window too (ADR 0044), the reference and the cell as written
        assertEquals("scenes[2].cursor: このケースにイベント backward:q@99 はありません（rnn、T = 6）",
                noEvent.getMessage(Locale.JAPANESE));
        assertEquals("scenes[3].selected: no node h@99 in this case (rnn, T = 6)",
                assertThrows(DeckException.class, () -> s.resolve(3)).getMessage());
    }

    @Test
    void aSceneWrittenAndReadIsTheSameScene(@TempDir Path dir) throws Exception {
        var kase = CaseFile.read(Path.of("src/test/resources/cases/lstm-many-to-many.json"));
        Scene s = new Scene(new Text("A title", "題"), new Text("Notes", "ノート"), CaseRef.embedded(kase),
                "backward:c@3", "h@2", new java.awt.geom.Rectangle2D.Double(10.5, -3, 400, 250.25), "fused",
                Notation.KERAS, Locale.JAPANESE, new Dress(2, true, false), true,
                new Walk(Walk.Rule.ONLY, Phase.BACKWARD, "c", "end"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DeckFile.writeScene(s, out);
        Path f = dir.resolve("scene.json");
        Files.write(f, out.toByteArray());
        Deck d = DeckFile.read(f);
        assertTrue(d.sceneFile());
        Scene back = d.scene(0);
        assertEquals(s.title(), back.title());
        assertEquals(s.notes(), back.notes());
        assertEquals(s.cursor(), back.cursor());
        assertEquals(s.selected(), back.selected());
        assertEquals(s.region(), back.region());
        assertEquals(s.tab(), back.tab());
        assertEquals(s.notation(), back.notation());
        assertEquals(s.language(), back.language());
        assertEquals(s.presentation(), back.presentation());
        assertEquals(s.rolled(), back.rolled());
        assertEquals(s.walk(), back.walk());
        assertTrue(java.util.Arrays.deepEquals(kase.weights().get("Wx_i"), back.kase().embedded().weights().get("Wx_i")));
        Resolved r = new DeckSessions(d).resolve(0);
        assertEquals("c", r.session().schedule().event(r.start()).node().key());
        assertEquals("h@2", DeckSessions.nodeRef(r.selected()));
    }

    @Test
    void theExampleDeckInTheRepositoryReadsItsCasesFromItsOwnFolder() throws Exception {
        Deck d = DeckFile.read(Path.of("src/test/resources/decks/short-walk.json"));
        assertEquals(3, d.size());
        DeckSessions s = new DeckSessions(d);
        Resolved first = s.resolve(0);
        Resolved second = s.resolve(1);
        assertTrue(first.session() == second.session(), "scenes on one case share its session");
        assertEquals(7, first.stopCount(), "the start and h(1) … h(6)");
        Resolved third = s.resolve(2);
        assertEquals("pre_f", third.session().schedule().event(third.start()).node().key());
        assertEquals("Wh_f", third.selected().key());
        assertEquals(Notation.TENSORFLOW, third.scene().notation());
        assertEquals(Integer.valueOf(1), third.scene().presentation().typeSize());
        assertEquals(null, third.scene().presentation().logErrors(), "what the scene does not say stays the room's");
    }
}
