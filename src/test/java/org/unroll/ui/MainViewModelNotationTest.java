package org.unroll.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.unroll.graph.Notation;
import org.unroll.schedule.Schedule;

/** The notation is one property of the shell's view-model: everyone reads it, a switch recomputes nothing. */
class MainViewModelNotationTest {

    @Test
    void theBookByDefaultAndTheStatusBarsNodeInTheNotation() {
        AppContext ctx = Fixtures.withDemo();
        MainViewModel vm = ctx.main();
        assertEquals(Notation.BOOK, vm.getNotation());
        Schedule s = vm.getSession().schedule();
        vm.seek(s.firstIndexOf(s.graph().node("p", 3), false));
        assertTrue(vm.nodeTextProperty().get().endsWith("p(3)"), vm.nodeTextProperty().get());
        List<Notation> seen = new ArrayList<>();
        vm.notationProperty().addListener((o, a, n) -> seen.add(n));
        var session = vm.getSession();
        vm.setNotation(Notation.PYTORCH);
        assertTrue(vm.nodeTextProperty().get().endsWith("pre_h(3)"), vm.nodeTextProperty().get());
        assertEquals(session, vm.getSession(), "the same session: nothing recomputed");
        vm.setNotation(null);
        assertEquals(Notation.BOOK, vm.getNotation(), "null is the book");
        assertEquals(List.of(Notation.PYTORCH, Notation.BOOK), seen);
        vm.setNotation(Notation.KERAS);
        vm.setLanguage(Locale.JAPANESE);
        assertEquals(Notation.KERAS, vm.getNotation(), "a language switch keeps it");
    }
}
