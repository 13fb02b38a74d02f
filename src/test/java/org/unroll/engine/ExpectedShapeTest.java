package org.unroll.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, ADR 0031: an expected block whose shapes disagree with the model is refused when the
 * case is read, naming the entry and both shapes, instead of being compared.
 */
class ExpectedShapeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** lstm-many-to-many (T = 5, I = 2, H = 3, O = 1) with its expected block changed. */
    private static byte[] lstm(Consumer<ObjectNode> change) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(Files.readAllBytes(Path.of("src/test/resources/cases/lstm-many-to-many.json")));
        change.accept((ObjectNode) root.get("expected"));
        return JSON.writeValueAsBytes(root);
    }

    private static String refused(Consumer<ObjectNode> change) throws Exception {
        byte[] b = lstm(change);
        CaseException e = assertThrows(CaseException.class, () -> CaseFile.parse(b));
        assertTrue(!e.getMessage().contains("\n"), "one line");
        return e.getMessage();
    }

    @Test
    void theUnchangedCaseIsRead() throws Exception {
        CaseFile.parse(lstm(e -> { }));
    }

    @Test
    void aForwardEntryWithAMissingRowIsRefused() throws Exception {
        String m = refused(e -> ((ArrayNode) e.get("forward").get("h")).remove(4));
        assertEquals("expected.forward.h: the expected block holds 4×3; this model's h is 5×3 (T×H)", m);
    }

    @Test
    void aForwardEntryWithAColumnTooManyIsRefused() throws Exception {
        String m = refused(e -> {
            for (var row : e.get("forward").get("y")) {
                ((ArrayNode) row).add(0.5);
            }
        });
        assertEquals("expected.forward.y: the expected block holds 5×2; this model's y is 5×1 (T×O)", m);
    }

    @Test
    void aRaggedDeltaIsRefused() throws Exception {
        String m = refused(e -> ((ArrayNode) e.get("deltas").get("dc").get(2)).remove(0));
        assertTrue(m.startsWith("expected.deltas.dc: the expected block holds ragged rows"), m);
        assertTrue(m.endsWith("this model's dc is 5×3 (T×H)"), m);
    }

    @Test
    void anInitialErrorOfTheWrongLengthIsRefused() throws Exception {
        String m = refused(e -> ((ArrayNode) e.get("deltas").get("dh0")).add(0.0));
        assertEquals("expected.deltas.dh0: the expected block holds a vector of length 4; this model's dh0 is a vector of length 3", m);
    }

    @Test
    void aGradientOfTheWrongShapeIsRefused() throws Exception {
        String m = refused(e -> {
            ArrayNode t = JSON.createArrayNode();
            for (var row : e.get("grads").get("Wx_i")) {
                t.add(JSON.createArrayNode().add(row.get(0)));
            }
            ((ObjectNode) e.get("grads")).set("Wx_i", t);
        });
        assertEquals("expected.grads.Wx_i: the expected block holds 3×1; this model's Wx_i is 3×2", m);
        String v = refused(e -> ((ArrayNode) e.get("grads").get("b_f")).remove(0));
        assertEquals("expected.grads.b_f: the expected block holds a vector of length 2; this model's b_f is a vector of length 3", v);
    }

    @Test
    void aKeyThisModelDoesNotComputeIsStillTheCheckToReport() throws Exception {
        // not a shape question: read as before, and the check names it (exit 1, DIFFERS)
        Case c = CaseFile.parse(lstm(e -> ((ObjectNode) e.get("forward")).set("p", e.get("forward").get("h"))));
        assertTrue(CaseCheck.compare(c.expected(), c.compute()).summary().contains("forward.p is not a forward quantity"));
    }
}
