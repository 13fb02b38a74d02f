package org.unroll.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.unroll.engine.Case;
import org.unroll.engine.CaseCheck;
import org.unroll.engine.CaseException;
import org.unroll.engine.CellType;
import org.unroll.engine.Trace;

/**
 * The mini cases for hand work: one per cell, T = 2 or 3, H = 2, every weight, input and target
 * with one decimal; their expected block is the engine's (checked against it here, every key).
 */
class BuiltinCasesTest {

    @Test
    void theMiniCasesAreSmallRoundAndTheirExpectedBlockIsTheEngines() throws Exception {
        for (CellType cell : new CellType[] {CellType.RNN, CellType.LSTM, CellType.GRU}) {
            String name = BuiltinCases.mini(cell);
            Case c = BuiltinCases.load(name);
            assertEquals(cell, c.config().cell(), name);
            int t = c.sequence().length();
            assertTrue(t == 2 || t == 3, name + ": T = " + t);
            assertEquals(2, c.config().hiddenSize(), name);
            List<Double> numbers = new ArrayList<>();
            for (String p : c.weights().layout().params().stream().map(org.unroll.engine.ParamSpec::name).toList()) {
                for (double[] row : c.weights().get(p)) {
                    for (double x : row) {
                        numbers.add(x);
                    }
                }
            }
            Trace tr = c.compute();
            for (int s = 1; s <= t; s++) {
                for (double x : tr.input(s)) {
                    numbers.add(x);
                }
                for (double x : tr.target(s)) {
                    numbers.add(x);
                }
            }
            for (double x : numbers) {
                assertEquals(Math.round(x * 10) / 10.0, x, 1e-12, name + ": " + x + " has one decimal");
            }
            Case.Expected e = c.expected();
            assertTrue(e.loss() != null && !e.forward().isEmpty() && !e.deltas().isEmpty()
                    && e.grads().size() == c.weights().layout().params().size(), name + ": a complete expected block");
            CaseCheck.Result r = CaseCheck.compare(e, tr);
            assertTrue(r.agrees(), name + ": " + r.summary());
            assertTrue(r.compared() > 40, name + ": " + r.compared());
        }
    }

    @Test
    void everyBuiltinNameLoadsAndAnUnknownOneListsThem() throws Exception {
        for (String n : BuiltinCases.names()) {
            if (!n.equals(BuiltinCases.DEMO)) {
                assertTrue(BuiltinCases.load(n).config() != null, n);
            }
        }
        CaseException e = assertThrows(CaseException.class, () -> BuiltinCases.load("builtin:mini-cnn"));
        assertTrue(e.getMessage().startsWith("no built-in case builtin:mini-cnn (there are builtin:demo,"), e.getMessage());
        assertTrue(e.getMessage().contains("builtin:mini-lstm"), e.getMessage());
    }
}
