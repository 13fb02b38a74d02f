package org.unroll.ui.edit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.unroll.cli.UnrollCommand;
import org.unroll.engine.Case;
import org.unroll.engine.CaseFile;
import org.unroll.engine.Quantity;
import org.unroll.engine.Trace;

/** Comparing whole traces, bit for bit, and making the edited case file the command line computes. */
final class Traces {

    private Traces() {
    }

    /** Every number of two traces is the same double: loss, forward values, errors, gradients. */
    static void assertSameTrace(Trace want, Trace got) {
        assertEquals(want.loss(), got.loss(), 0, "loss");
        assertEquals(want.forwardQuantities(), got.forwardQuantities());
        for (Quantity q : want.forwardQuantities()) {
            assertArrayEquals(want.forward(q), got.forward(q), q.key());
        }
        assertEquals(want.deltaQuantities(), got.deltaQuantities());
        for (Quantity q : want.deltaQuantities()) {
            assertArrayEquals(want.delta(q), got.delta(q), "d " + q.key());
        }
        for (Quantity q : new Quantity[] {Quantity.DH0, Quantity.DC0}) {
            assertArrayEquals(want.initialDelta(q), got.initialDelta(q), q.key());
        }
        assertEquals(want.gradKeys(), got.gradKeys());
        for (String k : want.gradKeys()) {
            assertArrayEquals(want.grad(k), got.grad(k), "grad " + k);
        }
    }

    /**
     * The trace agrees with the expected block the command line's {@code run} wrote: every forward
     * value, error and gradient, exactly (JSON keeps a double's every digit).
     */
    static void assertMatchesRun(Case.Expected ex, Trace tr) {
        assertNotNull(ex);
        assertEquals(ex.loss(), tr.loss(), 0, "loss");
        for (Quantity q : tr.forwardQuantities()) {
            assertArrayEquals(ex.forward().get(q.key()), tr.forward(q), "forward " + q.key());
        }
        for (Quantity q : tr.deltaQuantities()) {
            assertArrayEquals(ex.deltas().get(q.key()), tr.delta(q), "delta " + q.key());
        }
        for (String k : tr.gradKeys()) {
            // a vector's gradient: 1×n in the expected block, n×1 in the trace
            assertArrayEquals(flat(ex.grads().get(k)), flat(tr.grad(k)), "grad " + k);
        }
        assertEquals(tr.forwardQuantities().size(), ex.forward().size());
        assertEquals(tr.gradKeys().size(), ex.grads().size());
    }

    private static double[] flat(double[][] m) {
        return java.util.Arrays.stream(m).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    /**
     * The case file with one number changed in its JSON (by hand, not through the app), run through
     * the command line's {@code run}; its expected block.
     *
     * @param path the JSON path of the array holding the number, e.g. {@code model.params.Wh_f}
     * @param index the indices inside it ({@code 1, 0} for a matrix's [1][0], {@code 2} for a vector)
     */
    static Case.Expected runEdited(Path original, Path dir, double value, String path, int... index) throws Exception {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = (ObjectNode) m.readTree(original.toFile());
        root.remove("expected");
        com.fasterxml.jackson.databind.JsonNode n = root;
        for (String part : path.split("\\.")) {
            n = n.get(part);
        }
        for (int i = 0; i < index.length - 1; i++) {
            n = n.get(index[i]);
        }
        ((ArrayNode) n).set(index[index.length - 1], value);
        Path in = dir.resolve("edited-by-hand.json");
        Path out = dir.resolve("run-out.json");
        Files.write(in, m.writeValueAsBytes(root));
        assertEquals(0, UnrollCommand.execute("run", in.toString(), "-o", out.toString()));
        return CaseFile.read(out).expected();
    }
}
