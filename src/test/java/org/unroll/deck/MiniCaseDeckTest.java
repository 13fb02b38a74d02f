package org.unroll.deck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.unroll.engine.CellType;

/** A deck's scene names the mini cases as the command line does: {@code "case": "builtin:mini-gru"}. */
class MiniCaseDeckTest {

    @Test
    void aSceneOpensAMiniCaseByName() throws Exception {
        String json = "{\"format\": \"unroll-deck\", \"version\": 1, \"title\": \"t\", \"scenes\": ["
                + "{\"title\": \"a\", \"case\": \"builtin:mini-gru\", \"cursor\": \"backward:h@1\"},"
                + "{\"title\": \"b\", \"case\": \"builtin:mini-rnn\", \"cursor\": \"end\"}]}";
        Deck d = DeckFile.parse(json.getBytes(StandardCharsets.UTF_8), Path.of("."), "t.json");
        DeckSessions s = new DeckSessions(d);
        Resolved a = s.resolve(0);
        assertEquals(CellType.GRU, a.session().kase().config().cell());
        assertEquals("mini-gru", a.session().kase().name());
        assertEquals(2, a.session().trace().length());
        Resolved b = s.resolve(1);
        assertEquals(CellType.RNN, b.session().kase().config().cell());
        assertEquals(b.session().schedule().size() - 1, b.start());
    }
}
