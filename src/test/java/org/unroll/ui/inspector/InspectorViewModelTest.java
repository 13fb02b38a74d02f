package org.unroll.ui.inspector;

import org.unroll.engine.Quantity;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.junit.jupiter.api.Test;
import org.unroll.engine.Trace;
import org.unroll.graph.Node;
import org.unroll.schedule.Event;
import org.unroll.schedule.Phase;
import org.unroll.schedule.Schedule;
import org.unroll.ui.AppContext;
import org.unroll.ui.Fixtures;
import org.unroll.view.Numbers;

/** The inspector's view-model without a stage. */
class InspectorViewModelTest {

    @Test
    void showsTheCurrentNodesValuesFormattedLikeTheTrace() {
        AppContext ctx = Fixtures.withDemo();
        Schedule s = ctx.main().getSession().schedule();
        Node p3 = s.graph().node("p", 3);
        ctx.main().seek(s.firstIndexOf(p3, false));
        InspectorViewModel vm = ctx.inspector();
        Trace tr = ctx.main().getSession().trace();
        assertEquals(Numbers.column(tr.forward(Quantity.P, 3)), vm.valuesTextProperty().get());
        assertEquals("p(3)", vm.titleProperty().get());
        assertTrue(vm.equationProperty().get().contains("p(t)"), vm.equationProperty().get());
        assertTrue(vm.substitutedProperty().get().contains("p(3)"), vm.substitutedProperty().get());
        assertTrue(vm.readsProperty().get().contains("h(2)"), vm.readsProperty().get());
        assertFalse(vm.showsTermsProperty().get());
        assertEquals(4, vm.matrixProperty().get().length);
    }

    @Test
    void showsErrorsInTheBackwardPass() {
        AppContext ctx = Fixtures.withDemo();
        Schedule s = ctx.main().getSession().schedule();
        Node p = s.graph().node("p", 20);
        ctx.main().seek(s.firstIndexOf(p, true));
        InspectorViewModel vm = ctx.inspector();
        assertEquals(Numbers.column(ctx.main().getSession().trace().delta(Quantity.DP, 20)), vm.valuesTextProperty().get());
        assertEquals("Errors (δ)", vm.valuesHeaderProperty().get());
        assertTrue(vm.titleProperty().get().startsWith("δ "));
        assertTrue(vm.equationProperty().get().startsWith("e_h(t)"), vm.equationProperty().get());
    }

    @Test
    void aGradientEventShowsPerStepTermsAndTheirRunningSum() {
        AppContext ctx = Fixtures.withDemo();
        Schedule s = ctx.main().getSession().schedule();
        Node w = s.graph().parameter("Wh");
        int last = s.lastIndexOf(w, true);
        Event e = s.event(last);
        assertEquals(Phase.GRADIENT, e.phase());
        ctx.main().seek(last);
        InspectorViewModel vm = ctx.inspector();
        assertTrue(vm.showsTermsProperty().get());
        assertEquals(25, vm.terms().size());
        double[][] grad = ctx.main().getSession().trace().grad("Wh");
        double[][] sum = vm.sumProperty().get();
        for (int i = 0; i < grad.length; i++) {
            assertArrayEquals(grad[i], sum[i], 1e-12);
        }
        assertEquals(Numbers.matrix(s.values().gradientTerm(w, 25)), vm.valuesTextProperty().get());
        assertEquals(Numbers.matrix(sum), vm.sumTextProperty().get());
        ctx.main().seek(last - 20);
        assertEquals(5, vm.terms().size());
        assertTrue(vm.terms().get(4).current());
    }

    @Test
    void aClickedParameterShowsItsMatrixUntilTheNextStep() {
        AppContext ctx = Fixtures.withDemo();
        ctx.main().next();
        Node u = ctx.main().getSession().graph().parameter("Wx");
        ctx.main().select(u);
        InspectorViewModel vm = ctx.inspector();
        assertEquals(Numbers.matrix(ctx.main().getSession().kase().weights().get("Wx")), vm.valuesTextProperty().get());
        assertTrue(vm.titleProperty().get().startsWith("U"));
        ctx.main().next();
        assertFalse(vm.titleProperty().get().startsWith("U"));
    }

    @Test
    void beforeTheFirstStepItSaysWhatToDo() {
        AppContext ctx = Fixtures.withDemo();
        assertEquals("", ctx.inspector().valuesTextProperty().get());
        assertTrue(ctx.inspector().subtitleProperty().get().contains("→"));
    }

    @Test
    void theNumbersAreStackedBeforeTopLevelEqualsPlusAndHadamardOnly() {
        String tex = "e_h(2) = \\left(W^\\top \\left(0.1 + 0.2\\right) + V^\\top 0\\right) \\odot f'\\left(p\\right) = 0.5";
        String s = InspectorViewModel.Work.stacked(tex);
        assertTrue(s.startsWith("\\begin{array}{l}") && s.endsWith("\\end{array}"), s);
        String[] lines = s.substring("\\begin{array}{l}".length(), s.length() - "\\end{array}".length()).split(" \\\\\\\\ \\\\quad ");
        // the parenthesised sum opened on one line and closed on the next, a summand each
        assertArrayEquals(new String[] {"e_h(2)", "= \\left(W^\\top \\left(0.1 + 0.2\\right)\\right.", "\\left.+ V^\\top 0\\right)",
            "\\odot f'\\left(p\\right)", "= 0.5"}, lines, s);
        // two parentheses side by side are not one sum
        String two = InspectorViewModel.Work.stacked("y = \\left(a\\right) \\left(b + c\\right) = d");
        assertTrue(two.contains("\\left(a\\right) \\left(b + c\\right)"), two);
        assertEquals("x", InspectorViewModel.Work.stacked("x"));
    }

    @Test
    void tooWideAtTheTightestElisionTheProductsAreBrokenBetweenTheirFactors() {
        String m = "\\begin{pmatrix}1 & 2\\end{pmatrix}";
        String tex = "p(3) = " + m + " \\left(-0.9, 2.2\\right)^\\top + \\left(1.2\\right)^\\top = \\left(4\\right)^\\top";
        assertArrayEquals(new String[] {"p(3)", "= " + m, "\\cdot \\left(-0.9, 2.2\\right)^\\top", "+ \\left(1.2\\right)^\\top",
            "= \\left(4\\right)^\\top"}, lines(InspectorViewModel.Work.stacked(tex, true)));
        // not broken unless asked
        assertTrue(InspectorViewModel.Work.stacked(tex).contains(m + " \\left(-0.9"));
        // inside e_h(t)'s parenthesis opened on one line: closed and reopened invisibly at the break
        String eh = "e_h(2) = \\left(" + m + "^\\top \\left(0.1, 0.2\\right)^\\top + " + m + "^\\top 0\\right) \\odot f'\\left(\\left(0.5\\right)\\right) = 0.5";
        assertArrayEquals(new String[] {"e_h(2)", "= \\left(" + m + "^\\top\\right.", "\\left.\\cdot \\left(0.1, 0.2\\right)^\\top\\right.",
            "\\left.+ " + m + "^\\top 0\\right)", "\\odot f'\\left(\\left(0.5\\right)\\right)", "= 0.5"},
            lines(InspectorViewModel.Work.stacked(eh, true)));
    }

    private static String[] lines(String s) {
        assertTrue(s.startsWith("\\begin{array}{l}") && s.endsWith("\\end{array}"), s);
        return s.substring("\\begin{array}{l}".length(), s.length() - "\\end{array}".length()).split(" \\\\\\\\ \\\\quad ");
    }
}
