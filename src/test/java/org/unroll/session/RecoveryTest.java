package org.unroll.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unroll.engine.Case;

/** The recovery file (ADR 0033): what is written reads back; what is not a recovery file is one line. */
class RecoveryTest {

    private static Recovery sample() throws Exception {
        Case c = BuiltinCases.load("builtin:mini-lstm");
        CaseEdit e = new CaseEdit(CaseEdit.What.PARAMETER, c.weights().layout().blocks().get(0).name(), 0, 0, 0, 0.25, 0.7);
        CaseEdit c2 = new CaseEdit(CaseEdit.What.INPUT, null, 2, 0, 0, 0.1, -1.5e-3);
        return new Recovery(Instant.parse("2026-12-02T13:30:00Z"), c, c.compute(), Path.of("/tmp/x/case.json"),
                List.of(e), List.of(c2), List.of(), null, 17, "training", TrainingSetup.defaults(),
                TrainingRun.State.PAUSED, 40, "builtin:chapter5", 2);
    }

    private static byte[] bytes(Recovery r) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        r.writeTo(out);
        return out.toByteArray();
    }

    @Test
    void whatIsWrittenReadsBack() throws Exception {
        Recovery r = sample();
        Recovery back = Recovery.parse(bytes(r));
        assertEquals(r.savedAt(), back.savedAt());
        assertEquals(r.file(), back.file());
        assertEquals(r.done(), back.done());
        assertEquals(r.undone(), back.undone());
        assertEquals(r.clean(), back.clean());
        assertTrue(back.edited());
        assertNull(back.savedAs());
        assertEquals(17, back.cursor());
        assertEquals("training", back.tab());
        assertEquals(r.setup(), back.setup());
        assertEquals(TrainingRun.State.PAUSED, back.training());
        assertEquals(40, back.epoch());
        assertEquals("builtin:chapter5", back.deck());
        assertEquals(2, back.scene());
        for (int i = 0; i < r.kase().weights().blocks().size(); i++) {
            assertArrayEquals(r.kase().weights().block(i).data, back.kase().weights().block(i).data, 0.0);
        }
    }

    @Test
    void theStoreSavesLoadsSetsAsideAndDiscards(@TempDir Path dir) throws Exception {
        RecoveryStore s = new RecoveryStore(dir.resolve("sub"));
        assertTrue(s.load().isEmpty());
        s.save(sample());
        assertEquals(17, s.load().orElseThrow().cursor());
        try (var l = Files.list(dir.resolve("sub"))) {
            assertEquals(List.of(s.file()), l.filter(f -> !f.getFileName().toString().endsWith(".lock")).toList(),
                    "no temporary file is left");
        }
        Files.writeString(s.file(), "garbage");
        assertThrows(CheckpointException.class, s::load);
        Path aside = s.setAside();
        assertTrue(aside.getFileName().toString().startsWith("recovery-corrupt-"));
        assertFalse(Files.exists(s.file()));
        s.save(sample());
        s.discard();
        assertFalse(Files.exists(s.file()));
    }

    @Test
    void aRecoveryFileNestedTooDeeplyNamesTheLimitInWords() {
        byte[] deep = "[".repeat(org.unroll.engine.Limits.MAX_NESTING + 5).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        CheckpointException e = assertThrows(CheckpointException.class, () -> Recovery.parse(deep));
        // Jackson's sentence whole (was "… the maximum allowed (64, from )" with its accessor cut out)
        assertTrue(e.getMessage().contains("exceeds the maximum allowed (" + org.unroll.engine.Limits.MAX_NESTING
                + ", from `StreamReadConstraints.getMaxNestingDepth()`)"), e.getMessage());
        assertTrue(e.getMessage(java.util.Locale.JAPANESE).contains("入れ子が深すぎます"), e.getMessage(java.util.Locale.JAPANESE));
    }

    @Test
    void aDirectoryInThePlaceOfTheFileIsRefused(@TempDir Path dir) throws Exception {
        RecoveryStore s = new RecoveryStore(dir);
        Files.createDirectory(s.file());
        CheckpointException e = assertThrows(CheckpointException.class, s::load);
        assertEquals("not a regular file", e.getMessage());
        assertEquals("通常のファイルではありません", e.getMessage(java.util.Locale.JAPANESE));
    }

    @Test
    void badFilesAreOneLineNamingWhere() throws Exception {
        String good = new String(bytes(sample()), StandardCharsets.UTF_8);
        assertProblem(good.substring(0, good.length() / 2), "");
        assertProblem("", "empty document");
        assertProblem("[1, 2]", "expected an object, got an array");
        assertProblem(good.replace("\"unroll-recovery\"", "\"unroll-checkpoint\""), "format: not an Unroll recovery file");
        assertProblem(good.replace("\"version\" : 1", "\"version\" : 2"), "version: expected version 1, got 2");
        assertProblem(good.replace("\"cursor\" : 17", "\"cursor\" : 17, \"extra\" : 1"), "extra: unknown key");
        assertProblem(good.replace("\"cursor\" : 17", "\"cursor\" : \"x\""), "cursor: expected a whole number");
        assertProblem(good.replace("\"what\" : \"input\"", "\"what\" : \"bias\""), "edits.undone[0].what: expected parameter");
        assertProblem(good.replace("\"state\" : \"paused\"", "\"state\" : \"asleep\""), "training.state: expected new");
        assertProblem(good.replace("\"epoch\" : 40", "\"epoch\" : 40, \"diverged\" : 1"), "training.diverged: expected true or false");
        assertProblem(good.replace("\"format\" : \"unroll-case/1\"", "\"format\" : \"unroll-case/9\""), "case.format");
    }

    private static void assertProblem(String json, String start) {
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> Recovery.parse(json.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
