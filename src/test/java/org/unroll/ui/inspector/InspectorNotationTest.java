package org.unroll.ui.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.unroll.graph.Node;
import org.unroll.graph.Notation;
import org.unroll.schedule.Event;
import org.unroll.schedule.Phase;
import org.unroll.schedule.Schedule;
import org.unroll.ui.AppContext;
import org.unroll.ui.Fixtures;
import org.unroll.view.Messages;

/** The inspector in the four notations: the same event, relabelled; PyTorch's mapping line; the book's e_h note. */
class InspectorNotationTest {

    @Test
    void theSameEventsEquationDiffersPerNotationAndIsTheSchedules() {
        AppContext ctx = Fixtures.withDemo();
        Schedule s = ctx.main().getSession().schedule();
        int at = s.firstIndexOf(s.graph().node("p", 20), true);
        ctx.main().seek(at);
        Event e = s.event(at);
        InspectorViewModel vm = ctx.inspector();
        Set<String> equations = new HashSet<>();
        for (Notation n : Notation.values()) {
            ctx.main().setNotation(n);
            assertEquals(e.equation(n), vm.equationProperty().get(), n.key());
            assertEquals(e.substituted(n), vm.substitutedProperty().get(), n.key());
            equations.add(vm.equationProperty().get());
            assertEquals(at, ctx.main().getCursor().position(), "the cursor stays");
        }
        assertEquals(4, equations.size(), equations.toString());
        ctx.main().setNotation(Notation.KERAS);
        assertTrue(vm.titleProperty().get().startsWith("δ pre_h(20)"), vm.titleProperty().get());
        assertTrue(vm.readsProperty().get().contains("recurrent_kernel"), vm.readsProperty().get());
        ctx.main().setNotation(Notation.BOOK);
        assertEquals("δ p(20)", vm.titleProperty().get());
    }

    @Test
    void aPyTorchBiasShowsItsMappingLineUnderTheEquation() {
        AppContext ctx = Fixtures.withDemo();
        Schedule s = ctx.main().getSession().schedule();
        Node b = s.graph().parameter("b");
        int last = s.lastIndexOf(b, true);
        assertEquals(Phase.GRADIENT, s.event(last).phase());
        ctx.main().seek(last);
        InspectorViewModel vm = ctx.inspector();
        assertEquals("", vm.mappingProperty().get(), "the book maps one-to-one");
        ctx.main().setNotation(Notation.PYTORCH);
        String expected = Notation.PYTORCH.mapping(ctx.main().getSession().graph().config(), "b").orElseThrow()
                .format(ctx.main().getBundle());
        assertEquals(expected, vm.mappingProperty().get());
        assertTrue(expected.contains("bias_ih_l0") && expected.contains("bias_hh_l0"), expected);
        assertTrue(vm.titleProperty().get().contains("b_ih+b_hh"), vm.titleProperty().get());
        // a matrix that PyTorch stores as it is has no line
        ctx.main().seek(s.lastIndexOf(s.graph().parameter("Wh"), true));
        assertEquals("", vm.mappingProperty().get());
        // in Japanese, the same line from the Japanese bundle
        ctx.main().seek(last);
        ctx.main().setLanguage(Locale.JAPANESE);
        assertEquals(Notation.PYTORCH.mapping(ctx.main().getSession().graph().config(), "b").orElseThrow()
                .format(ctx.main().getBundle()), vm.mappingProperty().get());
        assertNotEquals(expected, vm.mappingProperty().get());
    }

    @Test
    void theBookSaysOnceWhatEhIsForTheErrorsOfP() {
        AppContext ctx = Fixtures.withDemo();
        Schedule s = ctx.main().getSession().schedule();
        InspectorViewModel vm = ctx.inspector();
        String note = Messages.format(ctx.main().getBundle(), "inspector.note.eh");
        ctx.main().seek(s.firstIndexOf(s.graph().node("p", 20), true));
        assertEquals(note, vm.noteProperty().get());
        assertTrue(note.startsWith("e_h(t) = ∂E/∂p(t)"), note);
        ctx.main().seek(s.firstIndexOf(s.graph().node("p", 20), false));
        assertEquals("", vm.noteProperty().get(), "not for p's value");
        ctx.main().seek(s.firstIndexOf(s.graph().node("p", 20), true));
        ctx.main().setNotation(Notation.TENSORFLOW);
        assertEquals("", vm.noteProperty().get(), "only in the book's notation");
        ctx.main().setNotation(Notation.BOOK);
        ctx.main().setLanguage(Locale.JAPANESE);
        assertTrue(vm.noteProperty().get().contains("p(t)") && vm.noteProperty().get().contains("誤差"),
                vm.noteProperty().get());
    }
}
