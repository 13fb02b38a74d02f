package org.unroll.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unroll.deck.DeckException;
import org.unroll.deck.DeckFile;
import org.unroll.session.BuiltinCases;
import org.unroll.session.Checkpoint;
import org.unroll.session.CheckpointException;
import org.unroll.session.Recovery;

/**
 * The readers' problems in both languages (ADR 0044): {@code getMessage()} is the English text the
 * command line prints, exactly as before; {@code getMessage(Locale.JAPANESE)} is the same line in
 * Japanese, with the JSON path, the values quoted from the file and the numbers as they are, and
 * control characters escaped in both.
 */
class MessagesInBothLanguagesTest {

    private static final Path CASES = Path.of("src/test/resources/cases");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The reference case with one change made to its tree. */
    private static byte[] caseWith(String name, UnaryOperator<ObjectNode> change) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(Files.readAllBytes(CASES.resolve(name)));
        return JSON.writeValueAsBytes(change.apply(root));
    }

    private static CaseException refused(byte[] json) {
        return assertThrows(CaseException.class, () -> CaseFile.parse(json));
    }

    private static boolean hasJapanese(String s) {
        return s.codePoints().anyMatch(c -> c >= 0x3040 && c <= 0x30ff || c >= 0x4e00 && c <= 0x9fff);
    }

    @Test
    void aMatrixOfTheWrongShapeIsSaidInJapaneseWithItsPathAndShapesAsTheyAre() throws Exception {
        CaseException e = refused(caseWith("rnn-tanh-many-to-one.json", r -> {
            ((ObjectNode) r.get("model").get("params")).putArray("Wy").addArray().add(1.0);
            return r;
        }));
        String en = e.getMessage();
        assertTrue(en.startsWith("model.params.Wy: expected a "), en);
        assertTrue(en.endsWith(" matrix, got 1×1"), en);
        String ja = e.getMessage(Locale.JAPANESE);
        assertTrue(ja.startsWith("model.params.Wy: "), ja);
        assertTrue(ja.matches("model\\.params\\.Wy: \\d+×\\d+ の行列が必要です（実際は 1×1）"), ja);
        assertEquals(en, e.getMessage(Locale.ENGLISH));
        assertEquals(en, e.getMessage(Locale.FRENCH), "a language not offered: English");
        assertEquals(en, e.message().english());
    }

    @Test
    void englishIsExactlyWhatItWasForASampleOfSites() throws Exception {
        // the texts the command line printed before the messages had keys (and the tests of the readers assert)
        assertEquals("sequence.targets[4]: xent with softmax needs a probability vector summing to 1, sums to 1.5",
                refused(caseWith("rnn-tanh-xent-softmax.json", r -> {
                    ((com.fasterxml.jackson.databind.node.ArrayNode) r.get("sequence").get("targets").get(4)).set(0, 1.5);
                    return r;
                })).getMessage());
        assertEquals("model.cell: expected one of rnn, lstm or gru, got \"cnn\"",
                refused(caseWith("rnn-tanh-many-to-one.json", r -> {
                    ((ObjectNode) r.get("model")).put("cell", "cnn");
                    return r;
                })).getMessage());
        assertEquals("model.peephole: peephole: true applies to an lstm only, this is a rnn",
                refused(caseWith("rnn-tanh-many-to-one.json", r -> {
                    ((ObjectNode) r.get("model")).put("peephole", true);
                    return r;
                })).getMessage());
        assertEquals("format: missing; expected \"unroll-case/1\"", refused(caseWith("rnn-tanh-many-to-one.json", r -> {
            r.remove("format");
            return r;
        })).getMessage());
        assertEquals("model: not valid JSON (line 1, column 19): a trailing comma before '}' (JSON allows none)",
                refused("{\"model\": {\"a\": 1,}}".getBytes(StandardCharsets.UTF_8)).getMessage());
        assertEquals("a: duplicate key 'a'", refused("{\"a\": 1, \"a\": 2}".getBytes(StandardCharsets.UTF_8)).getMessage());
        assertEquals("UTF-16 text; the format is UTF-8", refused("{}".getBytes(StandardCharsets.UTF_16)).getMessage());
        assertEquals("no built-in case builtin:nope (there are " + String.join(", ", BuiltinCases.names()) + ")",
                assertThrows(CaseException.class, () -> BuiltinCases.load("builtin:nope")).getMessage());
        assertEquals("needs about 812 MiB of memory to compute; the heap is 256 MiB (give Java more with -Xmx, e.g. -Xmx1g,"
                + " or use a smaller input)", MemoryBudget.problem(812L << 20, 256L << 20, "to compute"));
        assertEquals("format: not an Unroll checkpoint: expected \"unroll-checkpoint\", got \"nope\"",
                assertThrows(CheckpointException.class, () -> Checkpoint.parse("{\"format\": \"nope\"}"
                        .getBytes(StandardCharsets.UTF_8))).getMessage());
        assertEquals("version: expected version 1, got nothing", assertThrows(CheckpointException.class,
                () -> Recovery.parse("{\"format\": \"unroll-recovery\"}".getBytes(StandardCharsets.UTF_8))).getMessage());
        assertEquals("format: expected \"unroll-deck\" or \"unroll-scene\", got 3", assertThrows(DeckException.class,
                () -> DeckFile.parse("{\"format\": 3}".getBytes(StandardCharsets.UTF_8), null, "x")).getMessage());
    }

    @Test
    void aFileThatIsNotJsonIsSaidInJapaneseWithItsLineAndColumn() {
        CaseException e = refused("{\"model\": {\"a\": 1,}}".getBytes(StandardCharsets.UTF_8));
        assertEquals("model: JSON として正しくありません（1 行 19 列）: '}' の前に余分なカンマがあります（JSON では書けません）",
                e.getMessage(Locale.JAPANESE));
        CaseException plus = refused("{\"a\": +1}".getBytes(StandardCharsets.UTF_8));
        assertTrue(plus.getMessage().endsWith("JSON spec does not allow numbers to have plus signs"), plus.getMessage());
        assertTrue(plus.getMessage(Locale.JAPANESE).endsWith("JSON の数値には + の符号を付けられません"), plus.getMessage(Locale.JAPANESE));
        // beyond the reader's limits: Jackson's words in English as they were, Japanese words for them
        CaseException deep = refused("[".repeat(Limits.MAX_NESTING + 5).getBytes(StandardCharsets.UTF_8));
        assertTrue(deep.getMessage().matches("beyond the engine's limits: Document nesting depth \\(\\d+\\) exceeds the maximum allowed"
                + " \\(\\d+, from `StreamReadConstraints.getMaxNestingDepth\\(\\)`\\)"), deep.getMessage());
        assertTrue(deep.getMessage(Locale.JAPANESE).matches("エンジンの上限を超えています: 入れ子が深すぎます（\\d+ 段、上限は \\d+ 段）"),
                deep.getMessage(Locale.JAPANESE));
        CaseException longString = refused(("{\"name\": \"" + "x".repeat((1 << 20) + 1) + "\"}").getBytes(StandardCharsets.UTF_8));
        assertTrue(longString.getMessage().matches("beyond the engine's limits: String value length \\(\\d+\\) exceeds the maximum"
                + " allowed \\(1048576, from `StreamReadConstraints.getMaxStringLength\\(\\)`\\)"), longString.getMessage());
        assertTrue(longString.getMessage(Locale.JAPANESE).matches("エンジンの上限を超えています: 文字列が長すぎます（\\d+ 文字、上限は 1048576 文字）"),
                longString.getMessage(Locale.JAPANESE));
    }

    @Test
    void aControlCharacterFromTheFileIsEscapedInBothLanguages() throws Exception {
        CaseException e = refused(caseWith("rnn-tanh-many-to-one.json", r -> {
            ((ObjectNode) r.get("model")).put("cell", "x\u001b[2J");
            return r;
        }));
        assertEquals("model.cell: expected one of rnn, lstm or gru, got \"x\\u001b[2J\"", e.getMessage());
        assertEquals("model.cell: rnn、lstm、gru のいずれかが必要です（実際は \"x\\u001b[2J\"）", e.getMessage(Locale.JAPANESE));
        assertEquals("x\\u001b[2J", ControlChars.escape("x\u001b[2J"));
    }

    @Test
    void aFolderIsRefusedInJapaneseToo(@TempDir Path dir) {
        CaseException e = assertThrows(CaseException.class, () -> CaseFile.read(dir));
        assertEquals("not a regular file (a folder)", e.getMessage());
        assertEquals("通常のファイルではありません（フォルダ）", e.getMessage(Locale.JAPANESE));
    }

    @Test
    void checkpointsRecoveryFilesAndDecksSayTheirProblemsInJapanese() {
        CheckpointException c = assertThrows(CheckpointException.class,
                () -> Checkpoint.parse("{\"format\": \"nope\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("format: Unroll のチェックポイントではありません。\"unroll-checkpoint\" が必要です（実際は \"nope\"）",
                c.getMessage(Locale.JAPANESE));
        CheckpointException r = assertThrows(CheckpointException.class,
                () -> Recovery.parse("{\"format\": \"unroll-recovery\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("version: バージョン 1 が必要です（実際は なし）", r.getMessage(Locale.JAPANESE));
        DeckException d = assertThrows(DeckException.class, () -> DeckFile.parse(
                "{\"format\": \"unroll-scene\", \"version\": 1, \"title\": \"t\", \"case\": \"builtin:demo\", \"language\": \"fr\"}"
                        .getBytes(StandardCharsets.UTF_8), null, "x"));
        assertEquals("language: expected en or ja, got \"fr\"", d.getMessage());
        assertEquals("language: en か ja のどちらかが必要です（実際は \"fr\"）", d.getMessage(Locale.JAPANESE));
    }

    /** Many broken cases: the Japanese line keeps the English one's path and is Japanese, not the English again. */
    @Test
    void everyBrokenCaseOfASweepHasAJapaneseSentence() throws Exception {
        List<UnaryOperator<ObjectNode>> breaks = List.of(
                r -> { r.remove("model"); return r; },
                r -> { r.put("loss", 3); return r; },
                r -> { r.put("truncate", 0); return r; },
                r -> { ((ObjectNode) r.get("model")).put("hiddenSize", 7); return r; },
                r -> { ((ObjectNode) r.get("model")).put("inputSize", 1e9); return r; },
                r -> { ((ObjectNode) r.get("model").get("params")).put("Wq", 1); return r; },
                r -> { ((ObjectNode) r.get("sequence")).put("x", 1); return r; },
                r -> { ((ObjectNode) r.get("sequence")).remove("targets"); return r; },
                r -> { ((ObjectNode) r.get("sequence")).putArray("h0"); return r; },
                r -> { ((ObjectNode) r.get("sequence")).putArray("c0").add(1).add(1).add(1).add(1); return r; },
                r -> { r.putObject("expected").put("forward", "h"); return r; },
                r -> { r.putObject("expected").putObject("forward").putArray("h").addArray().add(1); return r; },
                r -> { r.put("format", "unroll-case/2"); return r; });
        for (UnaryOperator<ObjectNode> b : breaks) {
            CaseException e = refused(caseWith("rnn-tanh-many-to-one.json", b));
            String en = e.getMessage();
            String ja = e.getMessage(Locale.JAPANESE);
            assertNotEquals(en, ja, en);
            assertTrue(hasJapanese(ja), ja);
            assertTrue(ja.startsWith(e.path().isEmpty() ? "" : e.path() + ": "), ja);
        }
    }

    @Test
    void aMessageIsItsKeyAndArgumentsAndPlainTextStaysAsItIs() {
        Message m = Message.of("problem.expected.got", Message.of("problem.what.vector", 3), "\"abc\"");
        assertEquals("expected a vector of length 3, got \"abc\"", m.english());
        assertEquals(m.english(), m.toString());
        assertEquals("長さ 3 のベクトルが必要です（実際は \"abc\"）", m.text(Locale.JAPANESE));
        assertEquals("problem.expected.got", m.key());
        assertEquals(Message.of("problem.expected.got", Message.of("problem.what.vector", 3), "\"abc\""), m);
        assertEquals("2.5", Message.of("problem.at", 1, 2.5).args().get(1), "numbers as String.valueOf writes them");
        Message plain = Message.plain("Jackson's own words");
        assertEquals("Jackson's own words", plain.text(Locale.JAPANESE));
        assertEquals("\\u0007", Message.plain("\u0007").escaped().text(Locale.JAPANESE));
        assertEquals(Message.plain("a").escaped(), Message.plain("a").escaped().escaped());
        assertEquals("no.such.key [1]", Message.of("no.such.key", 1).english(), "a missing key shows itself");
        Message.Localized carried = () -> m;
        assertEquals(m.text(Locale.JAPANESE), carried.getMessage(Locale.JAPANESE));
        assertEquals(new CaseException("", m).message(), Message.from(new CaseException("", m)));
        assertEquals("x", Message.from(new IllegalStateException("x")).text(Locale.JAPANESE), "another exception: as it is");
    }
}
