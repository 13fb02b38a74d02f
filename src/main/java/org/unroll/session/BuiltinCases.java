package org.unroll.session;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import org.unroll.engine.Case;
import org.unroll.engine.CaseException;
import org.unroll.engine.CaseFile;
import org.unroll.engine.CellType;
import org.unroll.engine.Message;

/**
 * The cases the app ships, named {@code builtin:NAME} everywhere a case is named (the command
 * line's {@code run}, {@code check}, {@code export --case}, a deck's {@code case}, File ▸ Open
 * built-in case): {@code builtin:demo} (trained on request, {@link DemoCase}), the three cases for
 * hand work {@code builtin:mini-rnn}, {@code builtin:mini-lstm}, {@code builtin:mini-gru} (in
 * {@code src/main/resources/cases/}, with the engine's {@code expected} block), and the trained
 * cases the chapter 5 deck uses (in {@code src/main/resources/decks/cases/}).
 */
public final class BuiltinCases {

    /** The prefix of a built-in case's name. */
    public static final String PREFIX = "builtin:";
    /** The demo: the book's noisy-sine simple RNN, trained when asked for. */
    public static final String DEMO = "builtin:demo";

    /** The cases for hand work (T ≤ 3, H = 2, weights with one decimal), one per cell. */
    public static final List<String> MINI = List.of("mini-rnn", "mini-lstm", "mini-gru");
    /** The trained cases shipped for the chapter 5 deck. */
    public static final List<String> DECK = List.of("lstm-sine", "gru-sine", "rnn-adding-200", "lstm-adding-200");

    private BuiltinCases() {
    }

    /** Every built-in case's full name: {@code builtin:demo}, the deck's, the mini ones. */
    public static List<String> names() {
        java.util.ArrayList<String> r = new java.util.ArrayList<>();
        r.add(DEMO);
        DECK.forEach(n -> r.add(PREFIX + n));
        MINI.forEach(n -> r.add(PREFIX + n));
        return List.copyOf(r);
    }

    /** Whether a name is of the built-in form {@code builtin:…} (whether or not such a case exists). */
    public static boolean isBuiltin(String spec) {
        return spec != null && spec.startsWith(PREFIX);
    }

    /** The mini case for hand work of a cell: {@code builtin:mini-rnn}, {@code -lstm} or {@code -gru}. */
    public static String mini(CellType cell) {
        return PREFIX + "mini-" + cell.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a built-in case (the demo is trained: about half a second; call it off the JavaFX thread).
     *
     * @param spec {@code builtin:NAME}
     * @throws CaseException if there is no such case (the message lists those there are) or, which a
     *                       test rules out, a shipped file is invalid
     * @throws IOException if the resource cannot be read
     */
    public static Case load(String spec) throws CaseException, IOException {
        if (DEMO.equals(spec)) {
            return DemoCase.create();
        }
        String name = isBuiltin(spec) ? spec.substring(PREFIX.length()) : "";
        String resource = MINI.contains(name) ? "/cases/" + name + ".json"
                : DECK.contains(name) ? "/decks/cases/" + name + ".json" : null;
        InputStream in = resource == null ? null : BuiltinCases.class.getResourceAsStream(resource);
        if (in == null) {
            throw new CaseException("", Message.of("problem.builtin.noCase", spec, String.join(", ", names())));
        }
        try (in) {
            return CaseFile.parse(in.readAllBytes());
        }
    }
}
