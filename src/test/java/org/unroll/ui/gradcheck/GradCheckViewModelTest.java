package org.unroll.ui.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import org.junit.jupiter.api.Test;
import org.unroll.engine.Case;
import org.unroll.engine.CaseFile;
import org.unroll.engine.GradCheck;
import org.unroll.engine.ParamSpec;
import org.unroll.engine.Weights;
import org.unroll.session.Background;
import org.unroll.ui.AppContext;
import org.unroll.ui.Fixtures;
import org.unroll.ui.MainViewModel;
import org.unroll.ui.common.RecentFiles;

/**
 * The gradient-check panel's view-model: its numbers are engine.GradCheck's for the case shown,
 * the verdicts follow GradCheck's thresholds (a deliberately wrong gradient fails), it runs again
 * after an edit, and a check can be cancelled.
 */
class GradCheckViewModelTest {

    private static final java.nio.file.Path LSTM = Fixtures.CASES.resolve("lstm-many-to-many.json");

    @Test
    void theNumbersAreGradChecksAndEveryParameterPasses() throws Exception {
        AppContext ctx = Fixtures.context();
        ctx.main().open(LSTM);
        GradCheckViewModel vm = ctx.gradCheck();
        vm.open(null);
        List<GradCheck.Entry> want = GradCheck.check(CaseFile.read(LSTM), GradCheck.DEFAULT_EPS);
        assertEquals(want.size(), vm.rows().size());
        for (int i = 0; i < want.size(); i++) {
            GradCheck.Entry w = want.get(i);
            GradCheckViewModel.ParamRow r = vm.rows().get(i);
            assertEquals(w.name(), r.key());
            assertEquals(w, r.entry(), "the same numbers as GradCheck's: " + w.name());
            assertEquals(w.elements().size(), r.rows() * r.cols());
            assertTrue(r.passes(), w.name());
        }
        assertEquals("W_f", vm.rows().stream().filter(r -> r.key().equals("Wh_f")).findFirst().orElseThrow().label());
        assertEquals(Boolean.TRUE, vm.verdictProperty().get());
        assertTrue(vm.summaryProperty().get().startsWith("Pass: all 14 parameters"), vm.summaryProperty().get());
        assertTrue(vm.settingsProperty().get().contains("ε = 1.00e-06"), vm.settingsProperty().get());
        assertTrue(vm.settingsProperty().get().contains("1.00e-05"));
        assertFalse(vm.runningProperty().get());
        assertEquals(1, vm.progressProperty().get(), 0);
    }

    @Test
    void aDeliberatelyWrongGradientFailsAndOnlyThatParameter() {
        AppContext base = Fixtures.context();
        MainViewModel main = base.main();
        main.open(LSTM);
        // BPTT's gradient with one entry of ∂E/∂b_o off by 1e-3
        GradCheckViewModel vm = new GradCheckViewModel(main, Background.synchronous(), Runnable::run, (c, eps, p) -> {
            Weights g = GradCheck.analytic(c);
            ParamSpec b = c.weights().layout().param("b_o");
            g.block(b.block()).data[b.colOffset() + 1] += 1e-3;
            return GradCheck.compare(c, eps, g, p);
        });
        vm.open("b_o");
        assertEquals(Boolean.FALSE, vm.verdictProperty().get());
        assertEquals("Fail: 1 of 14 parameters differ from central differences", vm.summaryProperty().get());
        for (GradCheckViewModel.ParamRow r : vm.rows()) {
            assertEquals(!r.key().equals("b_o"), r.passes(), r.key());
        }
        GradCheck.Entry bo = vm.rows().stream().filter(r -> r.key().equals("b_o")).findFirst().orElseThrow().entry();
        assertFalse(bo.elements().get(1).passes());
        assertTrue(bo.elements().get(0).passes());
        assertEquals(1e-3, bo.elements().get(1).absError(), 1e-7);
        assertEquals(1, bo.worstIndex());
        assertEquals("b_o", vm.focusedProperty().get());
    }

    @Test
    void theVerdictsThresholds() {
        assertTrue(GradCheck.passes(1e-6, 1));
        assertTrue(GradCheck.passes(1, 1e-5));
        assertFalse(GradCheck.passes(1.01e-6, 1.01e-5));
        assertFalse(GradCheck.passes(Double.NaN, Double.NaN));
        assertFalse(GradCheck.passes(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY));
        assertEquals(1e-6, GradCheck.ABS_TOLERANCE, 0);
        assertEquals(1e-5, GradCheck.REL_TOLERANCE, 0);
    }

    @Test
    void anEditChecksTheEditedCaseAgain() throws Exception {
        AppContext ctx = Fixtures.context();
        MainViewModel main = ctx.main();
        main.open(LSTM);
        GradCheckViewModel vm = ctx.gradCheck();
        vm.open(null);
        GradCheck.Entry before = vm.rows().get(0).entry();
        main.select(main.getSession().graph().parameter("Wx_i"));
        assertTrue(ctx.edit().commit(0, 0, "0.3"));
        Case edited = main.getSession().kase();
        assertEquals(GradCheck.check(edited, GradCheck.DEFAULT_EPS), List.copyOf(vm.rows().stream().map(GradCheckViewModel.ParamRow::entry).toList()));
        assertFalse(before.equals(vm.rows().get(0).entry()), "the numbers of the edited case");
        // closed, it does not check again (the rows stay the edited case's until it is opened)
        List<GradCheck.Entry> shown = vm.rows().stream().map(GradCheckViewModel.ParamRow::entry).toList();
        vm.close();
        main.undo();
        assertEquals(shown, vm.rows().stream().map(GradCheckViewModel.ParamRow::entry).toList());
        vm.open(null);
        assertEquals(before, vm.rows().get(0).entry(), "opened again: the case shown now, the edit undone");
    }

    @Test
    void aCheckUnderWayCanBeCancelledAndItsResultNeverArrives() {
        Queue<Runnable> work = new ArrayDeque<>();
        MainViewModel main = new MainViewModel(Background.synchronous(), RecentFiles.inMemory(), Locale.ENGLISH);
        main.open(LSTM);
        GradCheckViewModel vm = new GradCheckViewModel(main, Background.on(work::add, Runnable::run), Runnable::run);
        vm.open(null);
        assertTrue(vm.runningProperty().get());
        assertTrue(vm.summaryProperty().get().startsWith("Checking 76 entries"), vm.summaryProperty().get());
        vm.cancel();
        assertFalse(vm.runningProperty().get());
        assertEquals("Cancelled; Check again starts it from the beginning", vm.summaryProperty().get());
        work.remove().run(); // the worker gets to it: stopped at once, nothing delivered
        assertTrue(vm.rows().isEmpty());
        assertNull(vm.verdictProperty().get());
        // again: runs to the end
        vm.start();
        work.remove().run();
        assertEquals(Boolean.TRUE, vm.verdictProperty().get());
    }

    @Test
    void theProgressStopsTheCheckWhenToldTo() {
        Case c = org.unroll.ui.Fixtures.demo();
        long[] seen = new long[2];
        org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.CancellationException.class,
                () -> GradCheck.check(c, GradCheck.DEFAULT_EPS, (done, total) -> {
                    seen[0] = done;
                    seen[1] = total;
                    return done < 10;
                }));
        assertEquals(10, seen[0]);
        assertEquals(GradCheck.size(c), seen[1]);
    }
}
