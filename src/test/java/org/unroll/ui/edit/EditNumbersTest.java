package org.unroll.ui.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unroll.engine.Case;
import org.unroll.engine.CaseFile;
import org.unroll.engine.Trace;
import org.unroll.graph.Node;
import org.unroll.schedule.Phase;
import org.unroll.session.CaseEdit;
import org.unroll.ui.AppContext;
import org.unroll.ui.Fixtures;
import org.unroll.ui.MainViewModel;
import org.unroll.view.Session;

/**
 * Editing a number of the case through the view-models (issue 11): every forward value, error and
 * gradient is recomputed and equals the command line's {@code run} on the case file with that
 * number changed by hand; undo gives back the exact trace, redo the edited one; bad input changes
 * nothing and says why in a line; an edited case saves as a valid case file that reads back to
 * the same trace; editing is off while training runs.
 */
class EditNumbersTest {

    private static final Path LSTM = Fixtures.CASES.resolve("lstm-many-to-many.json");
    private static final Path RNN = Fixtures.CASES.resolve("rnn-tanh-many-to-one.json");
    private static final Path SOFTMAX = Fixtures.CASES.resolve("rnn-tanh-xent-softmax.json");

    @TempDir
    Path dir;

    private static AppContext opened(Path file) {
        AppContext ctx = Fixtures.context();
        ctx.main().open(file);
        assertNotNull(ctx.main().getSession());
        return ctx;
    }

    @Test
    void editingAGateWeightRecomputesEverythingAndEqualsRunOnTheEditedFile() throws Exception {
        AppContext ctx = opened(LSTM);
        MainViewModel main = ctx.main();
        Session before = main.getSession();
        // midway back through BPTT, the forget gate's recurrent weight clicked in the band
        int at = before.schedule().firstIndexOf(before.graph().node("pre_f", 3), true);
        main.seek(at);
        Node wf = before.graph().parameter("Wh_f");
        main.select(wf);
        EditViewModel edit = ctx.edit();
        EditViewModel.Grid g = edit.gridProperty().get();
        assertNotNull(g, "a parameter's numbers are editable");
        assertEquals(CaseEdit.What.PARAMETER, g.what());
        assertEquals("Wh_f", g.name());
        double old = before.kase().weights().get("Wh_f")[1][0];

        assertTrue(edit.commit(1, 0, "0.7"));

        Session after = main.getSession();
        assertNotSame(before, after);
        assertEquals(0.7, after.kase().weights().get("Wh_f")[1][0], 0);
        assertEquals(old, before.kase().weights().get("Wh_f")[1][0], 0, "the old case is not touched");
        Case.Expected run = Traces.runEdited(LSTM, dir, 0.7, "model.params.Wh_f", 1, 0);
        Traces.assertMatchesRun(run, after.trace());
        // the schedule's numbers are the new trace's (what the graph and the inspector draw)
        assertSame(after.trace(), after.schedule().values().trace());
        org.junit.jupiter.api.Assertions.assertArrayEquals(after.kase().weights().get("Wh_f"), after.values().matrix(wf));
        assertNotEquals(before.trace().loss(), after.trace().loss());
        // cursor and selection kept, title marked, history names the change
        assertEquals(at, main.getCursor().position());
        assertEquals(Phase.BACKWARD, main.getCursor().current().orElseThrow().phase());
        assertEquals(wf, main.selectedProperty().get());
        assertTrue(main.editedProperty().get());
        assertEquals("lstm-many-to-many.json (edited)", main.titleProperty().get());
        assertEquals(List.of("W_f[1,0]: " + CaseEdit.shortNumber(old) + " → 0.7"), main.history());
        assertEquals("Undo W_f[1,0]: " + CaseEdit.shortNumber(old) + " → 0.7", main.undoTextProperty().get());
        assertEquals("", main.editProblemProperty().get());
        // the grid shows the new number
        assertEquals("0.7000", edit.gridProperty().get().text(1, 0));
    }

    private static void assertNotSame(Object a, Object b) {
        assertFalse(a == b, "a new session");
    }

    @Test
    void undoGivesBackTheExactTraceAndRedoTheEditedOne() {
        AppContext ctx = opened(LSTM);
        MainViewModel main = ctx.main();
        Trace original = main.getSession().trace();
        main.seek(40);
        main.select(main.getSession().graph().parameter("b_o"));
        assertTrue(ctx.edit().commit(2, 0, "-1.25"));
        Trace edited = main.getSession().trace();
        main.select(main.getSession().graph().node("x", 2));
        assertTrue(ctx.edit().commit(1, 0, "0.3"));
        Trace twice = main.getSession().trace();
        assertEquals(2, main.history().size());

        main.undo();
        Traces.assertSameTrace(edited, main.getSession().trace());
        main.undo();
        Traces.assertSameTrace(original, main.getSession().trace());
        assertFalse(main.editedProperty().get(), "back to the case as opened");
        assertEquals("lstm-many-to-many.json", main.titleProperty().get());
        assertEquals(0, main.historyPositionProperty().get());
        assertEquals(2, main.history().size(), "the undone edits stay in the history, to redo");
        assertFalse(main.canUndoProperty().get());
        assertEquals(40, main.getCursor().position(), "the cursor stays through undo");

        main.redo();
        Traces.assertSameTrace(edited, main.getSession().trace());
        main.redo();
        Traces.assertSameTrace(twice, main.getSession().trace());
        assertFalse(main.canRedoProperty().get());
        // a new edit after an undo drops what could be redone
        main.undo();
        main.select(main.getSession().graph().parameter("by"));
        assertTrue(ctx.edit().commit(0, 0, "0.5"));
        assertFalse(main.canRedoProperty().get());
        assertEquals(2, main.history().size());
    }

    @Test
    void anInputAndATargetAreEditableAndEqualRun() throws Exception {
        AppContext ctx = opened(RNN);
        MainViewModel main = ctx.main();
        Session s = main.getSession();
        int T = s.trace().length();
        main.select(s.graph().node("x", 2));
        EditViewModel.Grid g = ctx.edit().gridProperty().get();
        assertEquals(CaseEdit.What.INPUT, g.what());
        assertTrue(ctx.edit().commit(0, 0, "−0.5")); // the typographic minus the app writes
        Traces.assertMatchesRun(Traces.runEdited(RNN, dir, -0.5, "sequence.inputs", 1, 0), main.getSession().trace());
        assertEquals(List.of("x(2)[0]: " + CaseEdit.shortNumber(s.kase().sequence().inputs()[1][0]) + " → -0.5"),
                main.history());

        // the many-to-one case's target: at E_T (and y(T)); no target earlier
        main.select(main.getSession().graph().node("y", 1));
        assertNull(ctx.edit().gridProperty().get(), "step 1 has no target: nothing to edit at y(1)");
        Node et = main.getSession().graph().nodes().stream().filter(n -> n.key().equals("E_t") && n.step() == T)
                .findFirst().orElseThrow();
        main.select(et);
        assertEquals(CaseEdit.What.TARGET, ctx.edit().gridProperty().get().what());
        assertTrue(ctx.edit().commit(0, 0, "0.25"));
        Path twice = dir.resolve("both");
        java.nio.file.Files.createDirectories(twice);
        // the file with both numbers changed: the input's first, then the target
        Path first = dir.resolve("first.json");
        main.saveAs(first);
        Case.Expected run = Traces.runEdited(first, twice, 0.25, "sequence.targets", T - 1, 0);
        Traces.assertMatchesRun(run, main.getSession().trace());
    }

    @Test
    void badInputChangesNothingAndSaysWhyInOneLine() {
        AppContext ctx = opened(RNN);
        MainViewModel main = ctx.main();
        Session s = main.getSession();
        main.select(s.graph().parameter("Wh"));
        for (String[] bad : new String[][] {{"abc", "\"abc\" is not a number"}, {"NaN", "not a finite number"},
            {"Infinity", "not a finite number"}, {"1e400", "not a finite number"}, {"2e6", "larger in magnitude than 1000000"},
            {"", "is not a number"}, {"0x1p3", "is not a number"}, {"1.5d", "is not a number"}}) {
            assertFalse(ctx.edit().commit(0, 1, bad[0]), bad[0]);
            assertSame(s, main.getSession(), bad[0] + ": nothing changed");
            String msg = main.editProblemProperty().get();
            assertTrue(msg.startsWith("W[0,1]: ") && msg.contains(bad[1]), bad[0] + " → " + msg);
            assertFalse(msg.contains("\n"), "one line");
            assertTrue(main.history().isEmpty());
            assertFalse(main.editedProperty().get());
        }
        // the next good number clears the message
        assertTrue(ctx.edit().commit(0, 1, "0.1"));
        assertEquals("", main.editProblemProperty().get());
    }

    @Test
    void aCaseTheFormatForbidsIsRefusedWithTheReadersMessage() {
        AppContext ctx = opened(SOFTMAX);
        MainViewModel main = ctx.main();
        Session s = main.getSession();
        Node et = s.graph().nodes().stream().filter(n -> n.key().equals("E_t")).findFirst().orElseThrow();
        main.select(et);
        assertEquals(CaseEdit.What.TARGET, ctx.edit().gridProperty().get().what());
        assertTrue(ctx.edit().commit(0, 0, "0.5"), "accepted for computing");
        assertSame(s, main.getSession(), "refused: the softmax target no longer sums to 1");
        String msg = main.editProblemProperty().get();
        assertTrue(msg.contains("sums to") && msg.contains("sequence.targets["), msg);
        assertTrue(main.history().isEmpty());
        // the reader's message follows the language, as the rest of the line does (ADR 0044)
        main.setLanguage(java.util.Locale.JAPANESE);
        String ja = main.editProblemProperty().get();
        assertTrue(ja.contains("sequence.targets[") && ja.contains("softmax の xent には和が 1 の確率ベクトルが必要ですが、和は "
                ) && ja.contains("何も変更していません"), ja);
        main.setLanguage(java.util.Locale.ENGLISH);
        assertEquals(msg, main.editProblemProperty().get());
    }

    @Test
    void anOverflowIsRefused() throws Exception {
        // a linear RNN over 60 steps: with W = 1e6, h(60) would be about 1e360
        StringBuilder x = new StringBuilder();
        StringBuilder t = new StringBuilder();
        for (int k = 0; k < 60; k++) {
            x.append(k == 0 ? "" : ",").append("[1.0]");
            t.append(k == 0 ? "" : ",").append(k == 59 ? "[0.5]" : "null");
        }
        Case c = CaseFile.parse(("{\"format\": \"unroll-case/1\", \"model\": {\"cell\": \"rnn\", \"inputSize\": 1,"
                + " \"hiddenSize\": 1, \"outputSize\": 1, \"activation\": \"linear\", \"params\": {\"Wx\": [[0.5]],"
                + " \"Wh\": [[0.9]], \"b\": [0.0], \"Wy\": [[1.0]], \"by\": [0.0]}}, \"sequence\": {\"inputs\": [" + x
                + "], \"targets\": [" + t + "]}, \"loss\": \"mse\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        AppContext ctx = Fixtures.context();
        MainViewModel main = ctx.main();
        main.build(() -> c);
        Session s = main.getSession();
        main.select(s.graph().parameter("Wh"));
        assertTrue(ctx.edit().commit(0, 0, "1e6"), "a number within the limit: computed");
        assertSame(s, main.getSession(), "refused: the computation overflowed");
        String msg = main.editProblemProperty().get();
        assertTrue(msg.startsWith("W[0,0]: with 1000000 the computation overflows"), msg);
        assertTrue(main.history().isEmpty());
        assertTrue(ctx.edit().commit(0, 0, "1.01"), "a smaller one is fine");
        assertEquals(1, main.history().size());
    }

    @Test
    void anEditedCaseSavesAsAValidCaseThatReadsBackToTheSameTrace() throws Exception {
        AppContext ctx = opened(RNN);
        MainViewModel main = ctx.main();
        main.select(main.getSession().graph().parameter("Wx"));
        assertTrue(ctx.edit().commit(1, 0, "0.9"));
        Path out = dir.resolve("edited.json");
        main.saveAs(out);
        Case back = CaseFile.read(out);
        assertEquals(0.9, back.weights().get("Wx")[1][0], 0);
        Traces.assertSameTrace(main.getSession().trace(), back.compute());
        // its expected block is the engine's for the edited numbers (recomputed, not the old file's)
        Traces.assertMatchesRun(back.expected(), main.getSession().trace());
        assertFalse(main.editedProperty().get(), "saved: the title names the file saved, without 'edited'");
        assertEquals("edited.json", main.titleProperty().get());
        assertEquals(1, main.history().size(), "the history stays after a save");
        main.undo();
        assertTrue(main.editedProperty().get(), "undone after the save: differs from the file again");
    }

    @Test
    void editingIsOffWhileTrainingRuns() {
        AppContext ctx = opened(RNN);
        MainViewModel main = ctx.main();
        Session s = main.getSession();
        main.select(s.graph().parameter("b"));
        main.setTrainingRuns(true);
        assertTrue(ctx.edit().disabledProperty().get());
        assertTrue(ctx.edit().blockedProperty().get().contains("training runs"));
        assertFalse(ctx.edit().commit(0, 0, "0.3"));
        assertSame(s, main.getSession());
        assertTrue(main.editProblemProperty().get().contains("training runs"));
        main.setTrainingRuns(false);
        assertFalse(ctx.edit().disabledProperty().get());
        assertTrue(ctx.edit().commit(0, 0, "0.3"));
    }

    @Test
    void openingAnotherCaseForgetsTheEdits() {
        AppContext ctx = opened(RNN);
        MainViewModel main = ctx.main();
        main.select(main.getSession().graph().parameter("b"));
        assertTrue(ctx.edit().commit(0, 0, "0.3"));
        main.open(LSTM);
        assertTrue(main.history().isEmpty());
        assertFalse(main.canUndoProperty().get());
        assertFalse(main.editedProperty().get());
    }

    @Test
    void steppingOntoAnInputShowsNoGridUntilTheNodeIsPicked() {
        AppContext ctx = opened(RNN);
        MainViewModel main = ctx.main();
        Node x1 = main.getSession().graph().node("x", 1);
        for (int k = 0; k < 10 && main.getCursor().current().map(e -> !e.node().equals(x1)).orElse(true); k++) {
            main.next();
        }
        assertEquals(x1, main.getCursor().current().orElseThrow().node(), "x(1) is among the first events");
        assertNull(ctx.edit().gridProperty().get(), "the event's own node: no fields built while stepping");
        main.select(x1);
        assertEquals(CaseEdit.What.INPUT, ctx.edit().gridProperty().get().what());
        main.next();
        assertNull(ctx.edit().gridProperty().get(), "a step clears the selection, and the grid with it");
    }

    @Test
    void aComputedNodeHasNothingToEdit() {
        AppContext ctx = opened(RNN);
        ctx.main().select(ctx.main().getSession().graph().node("h", 1));
        assertNull(ctx.edit().gridProperty().get());
    }

    @Test
    void parsingNumbers() {
        assertEquals(0.7, CaseEdit.parse(" 0.7 ").value(), 0);
        assertEquals(-1.5e-3, CaseEdit.parse("-1.5e-3").value(), 0);
        assertEquals(-2, CaseEdit.parse("−2").value(), 0);
        assertEquals(0.5, CaseEdit.parse(".5").value(), 0);
        assertEquals(CaseEdit.Problem.NOT_A_NUMBER, CaseEdit.parse("1,5").problem());
        assertEquals(CaseEdit.Problem.NOT_FINITE, CaseEdit.parse("-inf").problem());
        assertEquals(CaseEdit.Problem.TOO_LARGE, CaseEdit.parse("-1000001").problem());
        assertTrue(CaseEdit.parse("1e6").ok());
        assertEquals("0.5", CaseEdit.shortNumber(0.5));
        assertEquals("-0.123457", CaseEdit.shortNumber(-0.1234567));
        assertEquals("1.5e-07", CaseEdit.shortNumber(1.5e-7));
    }
}
