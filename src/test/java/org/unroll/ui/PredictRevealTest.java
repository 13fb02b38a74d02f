package org.unroll.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.unroll.graph.Node;
import org.unroll.schedule.Event;
import org.unroll.schedule.Phase;
import org.unroll.schedule.Schedule;
import org.unroll.ui.inspector.InspectorViewModel;
import org.unroll.ui.inspector.InspectorViewModel.TermRow;
import org.unroll.view.Frame;
import org.unroll.view.Numbers;
import org.unroll.view.Session;

/**
 * Predict, then reveal in the view-models: moving on hides the result (inspector, graph frame,
 * all values, the per-step table), reveal shows the engine's value, the next "next" moves on; the
 * gradient table's matrices sum to the engine's gradient, and a selected term marks its factors.
 */
class PredictRevealTest {

    @Test
    void nextHidesThenRevealsThenMovesOn() {
        AppContext ctx = Fixtures.withDemo();
        MainViewModel vm = ctx.main();
        InspectorViewModel in = ctx.inspector();
        Session s = vm.getSession();
        vm.predictProperty().set(true);
        vm.next();
        Event e = vm.getCursor().current().orElseThrow();
        assertEquals(0, e.index());
        assertTrue(vm.isHidden());
        Frame f = vm.frameProperty().get();
        assertTrue(f.hidden(), "the graph's frame says hidden");
        assertNull(f.value().apply(e.node()), "the graph has no value for the hidden result");
        assertTrue(in.shownProperty().get().hidden());
        assertEquals("?", in.valuesTextProperty().get());
        assertEquals(0, in.matrixProperty().get().length, "no heat strip of the result");
        assertTrue(in.substitutedProperty().get().endsWith(Schedule.BLANK), in.substitutedProperty().get());
        assertFalse(in.fullValuesProperty().get().contains(Numbers.format(e.value()[0][0]) + "\n"),
                "all values… leaves the result out");
        // the first "next" reveals, the engine's value shown
        vm.next();
        assertEquals(0, vm.getCursor().position());
        assertFalse(vm.isHidden());
        assertFalse(vm.frameProperty().get().hidden());
        assertTrue(in.valuesTextProperty().get().startsWith(Numbers.format(e.value()[0][0])));
        assertTrue(in.substitutedProperty().get().endsWith(e.substituted()
                .substring(e.substituted().lastIndexOf(" = "))));
        // the second moves on, hidden again; R (reveal) shows it
        vm.next();
        assertEquals(1, vm.getCursor().position());
        assertTrue(vm.isHidden());
        vm.reveal();
        assertFalse(vm.isHidden());
        // back: the room has seen it, shown at once
        vm.next();
        vm.previous();
        assertFalse(vm.isHidden());
        // off: nothing hidden
        vm.next();
        assertTrue(vm.isHidden());
        vm.predictProperty().set(false);
        assertFalse(vm.isHidden());
        assertFalse(vm.frameProperty().get().hidden());
        assertEquals(s, vm.getSession());
    }

    @Test
    void aHiddenErrorLeavesTheGraphWithTheErrorsBeforeIt() {
        AppContext ctx = Fixtures.withDemo();
        MainViewModel vm = ctx.main();
        vm.toBackward();
        vm.predictProperty().set(true);
        vm.nextEvent();
        Event e = vm.getCursor().current().orElseThrow();
        assertEquals(Phase.BACKWARD, e.phase());
        Frame f = vm.frameProperty().get();
        assertTrue(f.hidden());
        assertNull(f.error().apply(e.node()), "no colour for the hidden error");
        vm.reveal();
        assertEquals(Numbers.format(e.value()[0][0]),
                Numbers.format(vm.frameProperty().get().error().apply(e.node())[0]));
    }

    @Test
    void aHiddenGradientTermIsBlankInThePerStepTable() {
        AppContext ctx = Fixtures.withDemo();
        MainViewModel vm = ctx.main();
        InspectorViewModel in = ctx.inspector();
        Session s = vm.getSession();
        int g = s.schedule().firstIndexOf(Phase.GRADIENT);
        vm.seek(g + 2);
        vm.predictProperty().set(true);
        vm.nextEvent();
        Event e = vm.getCursor().current().orElseThrow();
        assertEquals(Phase.GRADIENT, e.phase());
        List<TermRow> rows = in.terms();
        TermRow cur = rows.get(rows.size() - 1);
        assertTrue(cur.current());
        assertTrue(Double.isNaN(cur.termNorm()) && cur.term() == null && cur.sumText().equals("?"),
                "the hidden term's row is blank");
        vm.reveal();
        TermRow shown = in.terms().get(in.terms().size() - 1);
        assertEquals(Numbers.format(e.value()[0][0]), Numbers.format(shown.term()[0][0]));
    }

    @Test
    void theTermsMatricesSumToTheEnginesGradientAndASelectedTermMarksItsFactors() {
        AppContext ctx = Fixtures.withDemo();
        MainViewModel vm = ctx.main();
        InspectorViewModel in = ctx.inspector();
        Session s = vm.getSession();
        vm.toEnd();
        Node w = s.graph().parameter("Wh");
        vm.select(w);
        List<TermRow> rows = in.terms();
        assertEquals(s.graph().length(), rows.size());
        double[][] grad = s.trace().grad("Wh");
        double[][] sum = new double[grad.length][grad[0].length];
        for (TermRow r : rows) {
            for (int i = 0; i < grad.length; i++) {
                for (int j = 0; j < grad[0].length; j++) {
                    sum[i][j] += r.term()[i][j];
                }
            }
        }
        for (int i = 0; i < grad.length; i++) {
            for (int j = 0; j < grad[0].length; j++) {
                assertEquals(grad[i][j], sum[i][j], 1e-12 + 1e-9 * Math.abs(grad[i][j]));
                assertEquals(grad[i][j], rows.get(rows.size() - 1).sum()[i][j], 1e-12 + 1e-9 * Math.abs(grad[i][j]));
            }
        }
        // rows and columns labelled: e_h's units by h1.., h(t−1)'s by h1..
        String text = rows.get(2).termText();
        assertTrue(text.lines().findFirst().orElse("").contains("h1"), text);
        assertTrue(text.lines().skip(1).findFirst().orElse("").trim().startsWith("h1"), text);
        // selecting step 3's term marks e_h(3) (at p(3)) and h(2)
        in.selectTerm(rows.get(2));
        assertEquals(List.of(s.graph().node("p", 3), s.graph().node("h", 2)), vm.frameProperty().get().marked());
        in.selectTerm(null);
        assertTrue(vm.frameProperty().get().marked().isEmpty());
    }

    @Test
    void aTypedGuessIsMarkedRightOrWrong() {
        AppContext ctx = Fixtures.withDemo();
        MainViewModel vm = ctx.main();
        InspectorViewModel in = ctx.inspector();
        vm.predictProperty().set(true);
        vm.next();
        Event e = vm.getCursor().current().orElseThrow();
        double[][] m = e.value();
        StringBuilder right = new StringBuilder();
        StringBuilder wrong = new StringBuilder();
        for (int i = 0; i < m.length; i++) {
            right.append(i > 0 ? ", " : "").append(m[i][0] * 1.004);
            wrong.append(i > 0 ? " " : "").append(m[i][0] + 0.5);
        }
        assertTrue(in.guessableProperty().get());
        in.checkGuess(right.toString());
        assertEquals(vm.text("inspector.guess.right"), in.verdictProperty().get());
        in.checkGuess(wrong.toString());
        assertEquals(vm.text("inspector.guess.wrong"), in.verdictProperty().get());
        in.checkGuess("1 two");
        assertEquals(vm.text("inspector.guess.notNumber", "two"), in.verdictProperty().get());
        in.checkGuess("1");
        assertEquals(vm.text("inspector.guess.count", 1, m.length), in.verdictProperty().get());
        assertTrue(vm.isHidden(), "a guess does not reveal");
    }
}
