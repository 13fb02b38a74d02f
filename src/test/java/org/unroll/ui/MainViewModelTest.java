package org.unroll.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unroll.engine.Case;
import org.unroll.engine.CaseFile;
import org.unroll.engine.CellType;
import org.unroll.graph.Node;
import org.unroll.schedule.Cursor;
import org.unroll.schedule.Event;
import org.unroll.schedule.Phase;
import org.unroll.session.Background;
import org.unroll.session.DemoCase;
import org.unroll.ui.common.RecentFiles;
import org.unroll.view.Frame;
import org.unroll.view.Session;

/** The main view-model without a stage: loading, stepping, playback, files, language. */
class MainViewModelTest {

    @Test
    void demoIsTheBooksSineRnnWithTwentyFiveSteps() {
        AppContext ctx = Fixtures.context();
        ctx.main().loadDemo();
        Session s = ctx.main().getSession();
        assertNotNull(s);
        assertEquals(CellType.RNN, s.kase().config().cell());
        assertEquals(25, s.trace().length());
        assertEquals(DemoCase.HIDDEN, s.kase().config().hiddenSize());
        assertTrue(ctx.main().getCursor().atStart());
        assertNull(ctx.main().frameProperty().get().current());
        // deterministic: the same weights twice
        assertArrayEquals(Fixtures.demo().weights().get("Wh"), s.kase().weights().get("Wh"));
        assertTrue(s.trace().loss() < 0.01, "trained: loss " + s.trace().loss());
    }

    @Test
    void aNewerLoadCancelsAnOlderOneWhoseSessionNeverArrives() {
        java.util.Queue<Runnable> work = new java.util.ArrayDeque<>();
        java.util.Queue<Runnable> fx = new java.util.ArrayDeque<>();
        MainViewModel vm = new MainViewModel(Background.on(work::add, fx::add), RecentFiles.inMemory(), Locale.ENGLISH);
        List<Path> cases = Fixtures.cases();
        List<Session> shown = new ArrayList<>();
        vm.sessionProperty().addListener((o, a, b) -> shown.add(b));
        vm.open(cases.get(0));
        // the first is computed, and waits for the JavaFX thread, when the second is asked for
        work.remove().run();
        vm.open(cases.get(1));
        assertTrue(vm.busyProperty().get());
        while (!work.isEmpty() || !fx.isEmpty()) {
            (work.isEmpty() ? fx : work).remove().run();
        }
        assertEquals(1, shown.size(), "only the newer session was shown");
        assertEquals(cases.get(1).getFileName().toString(), vm.titleProperty().get());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void nextMovesToTheScheduledEventAndPreviousRestoresTheFrame() {
        MainViewModel vm = Fixtures.withDemo().main();
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            vm.next();
            Cursor c = vm.getCursor();
            assertEquals(i, c.position());
            Event e = c.schedule().event(i);
            Frame f = vm.frameProperty().get();
            assertEquals(e.node(), f.current());
            assertEquals(e.reads(), f.reads());
            frames.add(f);
        }
        for (int i = 10; i >= 0; i--) {
            vm.previous();
            Frame f = vm.frameProperty().get();
            assertEquals(frames.get(i).current(), f.current());
            assertEquals(frames.get(i).index(), f.index());
            for (Node n : vm.getSession().graph().nodes()) {
                double[] a = frames.get(i).value().apply(n);
                double[] b = f.value().apply(n);
                assertTrue(a == null ? b == null : java.util.Arrays.equals(a, b), n.label());
            }
        }
        vm.previous();
        assertTrue(vm.getCursor().atStart());
    }

    @Test
    void granularityCellAndTimeStep() {
        MainViewModel vm = Fixtures.withDemo().main();
        vm.next();
        vm.next();
        int before = vm.getCursor().position();
        vm.nextStep();
        Event e = vm.getCursor().current().orElseThrow();
        assertTrue(vm.getCursor().position() > before);
        int stepBefore = vm.getCursor().schedule().event(before).step();
        assertEquals(stepBefore + 1, e.step(), "one time step on");
        vm.previousStep();
        assertEquals(stepBefore, vm.getCursor().current().orElseThrow().step());

        vm.toStart();
        vm.granularityProperty().set(MainViewModel.Granularity.CELL);
        vm.next();
        Cursor c = vm.getCursor();
        assertEquals(c.schedule().event(0).step(), c.current().orElseThrow().step());
        assertTrue(c.next().current().orElseThrow().step() != c.current().orElseThrow().step()
                || c.next().current().orElseThrow().phase() != c.current().orElseThrow().phase(), "a whole cell");
        vm.granularityProperty().set(MainViewModel.Granularity.STEP);
        int p = vm.getCursor().position();
        vm.next();
        assertTrue(vm.getCursor().position() > p);
    }

    @Test
    void timeStepsCrossIntoTheNextPhase() {
        MainViewModel vm = Fixtures.withDemo().main();
        int size = vm.getCursor().schedule().size();
        int guard = 0;
        while (!vm.getCursor().atEnd() && guard++ < size) {
            vm.nextStep();
        }
        assertTrue(vm.getCursor().atEnd(), "Shift+→ reaches the end through every phase");
        guard = 0;
        while (!vm.getCursor().atStart() && guard++ < size) {
            vm.previousStep();
        }
        assertTrue(vm.getCursor().atStart(), "Shift+← reaches the start");
    }

    @Test
    void jumpsToPhasesAndEnds() {
        MainViewModel vm = Fixtures.withDemo().main();
        vm.toBackward();
        Event e = vm.getCursor().current().orElseThrow();
        assertEquals(Phase.BACKWARD, e.phase());
        assertTrue(e.isDelta());
        assertEquals(vm.getCursor().schedule().firstIndexOf(Phase.BACKWARD), vm.getCursor().position());
        assertTrue(vm.frameProperty().get().backward());
        vm.toEnd();
        assertTrue(vm.getCursor().atEnd());
        vm.toStart();
        assertTrue(vm.getCursor().atStart());
        assertEquals("Phase: not started", vm.phaseTextProperty().get());
    }

    @Test
    void playbackTicksUntilTheEnd() {
        MainViewModel vm = Fixtures.withDemo().main();
        vm.granularityProperty().set(MainViewModel.Granularity.STEP);
        vm.togglePlay();
        assertTrue(vm.playingProperty().get());
        int n = 0;
        while (vm.playingProperty().get() && n++ < 10_000) {
            vm.tick();
        }
        assertTrue(vm.getCursor().atEnd());
        assertFalse(vm.playingProperty().get());
        vm.togglePlay();
        assertTrue(vm.getCursor().atStart(), "play at the end starts over");
        vm.togglePlay();
        assertFalse(vm.playingProperty().get());
    }

    @Test
    void statusTextsFollowTheCursorAndTheLanguage() {
        MainViewModel vm = Fixtures.withDemo().main();
        vm.next();
        Event e = vm.getCursor().current().orElseThrow();
        assertEquals("Event 1 / " + vm.getCursor().schedule().size(), vm.eventTextProperty().get());
        assertEquals("Phase: forward", vm.phaseTextProperty().get());
        assertEquals("Node: " + e.node().label(), vm.nodeTextProperty().get());
        vm.setLanguage(Locale.JAPANESE);
        assertEquals("段階: 順伝播", vm.phaseTextProperty().get());
        assertEquals("ja", vm.getBundle().getLocale().getLanguage());
    }

    @Test
    void openingAValidCaseReplacesTheSessionAndRemembersTheFile() {
        MainViewModel vm = Fixtures.withDemo().main();
        Path f = Fixtures.CASES.resolve("lstm-many-to-many.json");
        vm.open(f);
        assertEquals(CellType.LSTM, vm.getSession().kase().config().cell());
        assertEquals(f.toAbsolutePath().normalize(), vm.recentFiles().get(0));
        assertEquals("lstm-many-to-many.json", vm.titleProperty().get());
    }

    @Test
    void anInvalidFileIsReportedWithItsJsonPathAndChangesNothing(@TempDir Path dir) throws Exception {
        MainViewModel vm = Fixtures.withDemo().main();
        vm.next();
        vm.next();
        Session before = vm.getSession();
        Cursor cursorBefore = vm.getCursor();
        List<MainViewModel.Problem> problems = new ArrayList<>();
        vm.setOnProblem(problems::add);
        Path bad = dir.resolve("bad.json");
        String json = Files.readString(Fixtures.CASES.resolve("rnn-tanh-many-to-one.json"));
        Files.writeString(bad, json.replaceFirst("\"hiddenSize\": *\\d+", "\"hiddenSize\": 7"));
        vm.open(bad);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).message().startsWith("model.params."), problems.get(0).message());
        assertTrue(problems.get(0).header().contains("bad.json"));
        assertSame(before, vm.getSession());
        assertSame(cursorBefore, vm.getCursor());
        assertTrue(vm.recentFiles().isEmpty());

        vm.open(dir.resolve("missing.json"));
        assertEquals(2, problems.size());
        assertSame(before, vm.getSession());
        assertFalse(vm.busyProperty().get());
    }

    /** The first file of a start cannot be read: the dialog says the demo is shown instead, and it is. */
    @Test
    void aStartWhoseFileCannotBeReadShowsTheDemo(@TempDir Path dir) throws Exception {
        MainViewModel vm = Fixtures.context().main();
        List<MainViewModel.Problem> problems = new ArrayList<>();
        vm.setOnProblem(problems::add);
        Path bad = dir.resolve("cut.json");
        Files.writeString(bad, Files.readString(Fixtures.CASES.resolve("rnn-tanh-many-to-one.json")).substring(0, 400));
        assertNull(vm.getSession());
        vm.open(bad);
        assertEquals(1, problems.size());
        assertEquals("The file cut.json is not a valid case; the demo is shown instead.", problems.get(0).header());
        assertNotNull(vm.getSession(), "the demo");
        assertEquals(25, vm.getSession().trace().length());
        // later the current model stays as it was
        Session demo = vm.getSession();
        vm.open(bad);
        assertEquals("The file cut.json is not a valid case; the current model is unchanged.", problems.get(1).header());
        assertSame(demo, vm.getSession());
    }

    /** ADR 0044: the dialog says what is wrong with the file in the window's language; the JSON path as it is. */
    @Test
    void anInvalidFileIsReportedInTheWindowsLanguage(@TempDir Path dir) throws Exception {
        MainViewModel vm = Fixtures.withDemo().main();
        List<MainViewModel.Problem> problems = new ArrayList<>();
        vm.setOnProblem(problems::add);
        Path bad = dir.resolve("bad.json");
        String json = Files.readString(Fixtures.CASES.resolve("rnn-tanh-many-to-one.json"));
        Files.writeString(bad, json.replaceFirst("\"cell\": *\"rnn\"", "\"cell\": \"cnn\""));
        vm.setLanguage(Locale.JAPANESE);
        vm.open(bad);
        assertEquals(1, problems.size());
        assertEquals("model.cell: rnn、lstm、gru のいずれかが必要です（実際は \"cnn\"）", problems.get(0).message());
        vm.setLanguage(Locale.ENGLISH);
        vm.open(bad);
        assertEquals("model.cell: expected one of rnn, lstm or gru, got \"cnn\"", problems.get(1).message());
    }

    @Test
    void saveAsWritesTheCaseWithItsComputedExpectedBlock(@TempDir Path dir) throws Exception {
        MainViewModel vm = Fixtures.withDemo().main();
        Path out = dir.resolve("demo.json");
        vm.saveAs(out);
        Case back = CaseFile.read(out);
        assertArrayEquals(vm.getSession().kase().weights().get("Wx"), back.weights().get("Wx"));
        assertNotNull(back.expected());
        assertEquals(vm.getSession().trace().loss(), back.expected().loss(), 1e-15);
        assertEquals(out.toAbsolutePath().normalize(), vm.recentFiles().get(0));
    }

    @Test
    void savingOntoAFifoIsRefusedInOneSentenceAndOpensNothing(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("pipe.json");
        boolean made;
        try {
            made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
        } catch (java.io.IOException e) {
            made = false;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(made, "mkfifo");
        MainViewModel vm = Fixtures.withDemo().main();
        List<MainViewModel.Problem> problems = new ArrayList<>();
        vm.setOnProblem(problems::add);
        vm.saveAs(fifo); // refused before anything is opened (opening a FIFO blocks)
        assertEquals(1, problems.size());
        assertEquals(vm.getBundle().getString("export.error.cannotWrite").replace("{0}", fifo.toAbsolutePath().toString())
                .replace("{1}", vm.getBundle().getString("export.error.isFifo")), problems.get(0).message());
        assertFalse(Files.isRegularFile(fifo), "still the FIFO");
        assertTrue(vm.recentFiles().isEmpty());
    }

    @Test
    void recentFilesKeepTheNewestFirstWithoutRepeats() {
        List<Path> l = List.of();
        for (int i = 0; i < 12; i++) {
            l = RecentFiles.pushed(l, Path.of("/tmp/f" + (i % 10) + ".json"));
        }
        assertEquals(RecentFiles.MAX, l.size());
        assertEquals(Path.of("/tmp/f1.json"), l.get(0));
        l = RecentFiles.pushed(l, Path.of("/tmp/f5.json"));
        assertEquals(Path.of("/tmp/f5.json"), l.get(0));
        assertEquals(l.size(), l.stream().distinct().count());
    }
}
