package org.unroll.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scilab.forge.jlatexmath.TeXFormula;
import org.unroll.engine.Case;
import org.unroll.engine.Trace;
import org.unroll.graph.Notation;
import org.unroll.graph.UnrolledGraph;

/** The same equations in every notation: they typeset, and each notation names its own symbols. */
class NotationEquationsTest {

    static List<Path> cases() {
        return TestCases.referenceFiles();
    }

    private static Schedule schedule(String prefix) {
        Case c = TestCases.read(cases().stream().filter(p -> p.getFileName().toString().startsWith(prefix))
                .findFirst().orElseThrow());
        Trace tr = c.compute();
        return Schedule.of(UnrolledGraph.of(tr), tr, c.weights());
    }

    private static Event find(Schedule s, Phase phase, String key, int step) {
        return s.events().stream().filter(e -> e.phase() == phase && e.node().key().equals(key) && e.step() == step)
                .findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyEquationTypesetsInEveryNotation(Path file) {
        Case c = TestCases.read(file);
        Trace tr = c.compute();
        Schedule s = Schedule.of(UnrolledGraph.of(tr), tr, c.weights());
        Set<String> checked = new HashSet<>();
        for (Notation n : Notation.values()) {
            for (Event e : s.events()) {
                String eq = e.equation(n);
                if (checked.add(eq)) {
                    new TeXFormula(eq); // throws on LaTeX JLaTeXMath cannot parse
                }
            }
            Event last = s.event(s.size() - 1);
            new TeXFormula(last.substituted(n));
        }
        for (Event e : s.events()) {
            assertSame(e.equation(), e.equation(Notation.BOOK), "the book's is the default");
        }
    }

    @Test
    void eachNotationNamesTheRecurrentMatrix() {
        Schedule s = schedule("rnn-tanh-many-to-one");
        Event p = find(s, Phase.FORWARD, "p", 2);
        assertEquals("p(t) = U x(t) + W h(t-1) + b", p.equation(Notation.BOOK));
        assertEquals("\\mathrm{pre}_{h}(t) = \\mathrm{kernel}^\\top x(t) + \\mathrm{recurrent\\_kernel}^\\top h(t-1)"
                + " + \\mathrm{bias}", p.equation(Notation.KERAS));
        assertEquals("\\mathrm{pre}_{h}(t) = \\mathrm{weight\\_ih\\_l0} x(t) + \\mathrm{weight\\_hh\\_l0} h(t-1)"
                + " + \\left(b_{ih} + b_{hh}\\right)", p.equation(Notation.PYTORCH));
        assertEquals("\\mathrm{pre}_{h}(t) = W x(t) + U h(t-1) + B", p.equation(Notation.TENSORFLOW));
        Event back = find(s, Phase.BACKWARD, "p", 2);
        assertTrue(back.equation(Notation.KERAS).contains("\\mathrm{recurrent\\_kernel} \\frac{\\partial E}"),
                "the transpose of a stored-transposed matrix is the stored one: " + back.equation(Notation.KERAS));
        assertTrue(back.equation(Notation.BOOK).startsWith("e_h(t) = "), back.equation(Notation.BOOK));
        assertTrue(back.substituted(Notation.PYTORCH).startsWith("\\frac{\\partial E}{\\partial \\mathrm{pre}_{h}(2)} = "),
                back.substituted(Notation.PYTORCH));
        assertSame(back.substituted(Notation.PYTORCH), back.substituted(Notation.PYTORCH), "kept");
    }

    @Test
    void tensorflowLstmNamesItsKernelBlocks() {
        Schedule s = schedule("lstm-many-to-many");
        assertEquals("\\mathrm{pre}_{j}(t) = \\mathrm{kernel}_{x,j}^\\top x(t) + \\mathrm{kernel}_{h,j}^\\top h(t-1)"
                + " + \\mathrm{bias}_{j}", find(s, Phase.FORWARD, "pre_a", 2).equation(Notation.TENSORFLOW));
        assertEquals("c(t) = i(t) \\odot g(t) + f(t) \\odot c(t-1)",
                find(s, Phase.FORWARD, "c", 2).equation(Notation.PYTORCH));
        assertEquals("c(t) = i(t) \\odot \\tilde{c}(t) + f(t) \\odot c(t-1)",
                find(s, Phase.FORWARD, "c", 2).equation(Notation.KERAS));
    }

    @Test
    void manyThreadsGetOneEquation() throws Exception {
        Schedule s = schedule("gru-reset-after");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> fs = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                fs.add(pool.submit(() -> s.event(s.size() - 1).substituted(Notation.KERAS)));
            }
            String first = fs.get(0).get();
            for (Future<String> f : fs) {
                assertEquals(first, f.get());
            }
        } finally {
            pool.shutdown();
        }
    }
}
