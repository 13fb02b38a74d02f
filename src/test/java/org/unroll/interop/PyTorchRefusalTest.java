package org.unroll.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unroll.engine.CellType;
import org.unroll.engine.Message;

/** What a case cannot hold, and files that are not state dicts: one sentence each, nothing run. */
class PyTorchRefusalTest {

    @TempDir
    Path dir;

    private static String refusal(Path file, ImportOptions o) {
        ImportException e = assertThrows(ImportException.class, () -> Importers.read(file, o));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    private static String refusal(String fixture) {
        return refusal(TorchFixtures.file(fixture), ImportOptions.defaults());
    }

    @Test
    void stackedLayersAreRefusedWithTheOfferOfOneLayer() throws Exception {
        String m = refusal("stacked-lstm.pt");
        assertTrue(m.contains("stacked recurrent layers (2)") && m.contains("--layer N (0 to 1)"), m);
        Imported top = Importers.read(TorchFixtures.file("stacked-lstm.pt"), ImportOptions.defaults().withLayer(1));
        assertEquals(CellType.LSTM, top.config().cell());
        assertEquals(3, top.config().inputSize(), "layer 1 reads layer 0's h");
        assertTrue(top.notes().stream().map(Message::english).anyMatch(n -> n.contains("identity")), top.notes().toString());
        Imported bottom = Importers.read(TorchFixtures.file("stacked-lstm.pt"), ImportOptions.defaults().withLayer(0));
        assertEquals(2, bottom.config().inputSize());
        assertTrue(refusal(TorchFixtures.file("stacked-lstm.pt"), ImportOptions.defaults().withLayer(2))
                .contains("0 to 1"));
    }

    @Test
    void whatACaseCannotHold() {
        assertTrue(refusal("bidirectional-gru.pt").contains("bidirectional"));
        assertTrue(refusal("proj-lstm.pt").contains("proj_size"));
        assertTrue(refusal("embedding-lstm.pt").contains("nn.Embedding"));
        assertTrue(refusal("two-linear.pt").contains("several Linear layers (fc1, fc2)"), refusal("two-linear.pt"));
    }

    @Test
    void aPickleThatNamesAnyOtherClassIsRefusedWithoutBeingRun() throws Exception {
        Path pwned = Path.of("/tmp/unroll-pwned");
        Files.deleteIfExists(pwned);
        String legacy = refusal("evil-legacy.pt");
        assertTrue(legacy.contains("names posix.system") && legacy.contains("nothing was run"), legacy);
        String zip = refusal("evil.pt");
        assertTrue(zip.contains("names __builtin__.eval"), zip); // protocol 2 spells builtins so
        assertFalse(Files.exists(pwned));
    }

    @Test
    void aWholeModelIsRefusedWithTheAdviceToSaveItsStateDict() {
        String m = refusal("whole-model.pt");
        assertTrue(m.contains("names __main__.Book") && m.contains("save model.state_dict()"), m);
    }

    @Test
    void anActivationTheModuleCannotHave() {
        String m = refusal(TorchFixtures.file("book-lstm.pt"), ImportOptions.defaults()
                .withActivation(org.unroll.engine.Activation.RELU));
        assertTrue(m.contains("nn.LSTM always uses tanh"), m);
    }

    @Test
    void notAStateDict() {
        assertTrue(refusal("not-a-state-dict.pt").contains("holds one tensor, not a state dict"),
                refusal("not-a-state-dict.pt"));
    }

    @Test
    void aTruncatedOrDamagedFileIsNamed() throws Exception {
        for (String f : new String[] {"book-lstm.pt", "book-lstm-legacy.pt", "book-lstm.npz", "book-lstm.safetensors"}) {
            byte[] b = Files.readAllBytes(TorchFixtures.file(f));
            Path cut = dir.resolve(f);
            Files.write(cut, Arrays.copyOf(b, b.length / 2));
            String m = refusal(cut, ImportOptions.defaults());
            assertTrue(m.startsWith(f + " ") || m.startsWith(f + ":"), m);
            assertTrue(m.contains("truncated") || m.contains("damaged") || m.contains("beyond")
                    || m.contains("past the end"), m);
        }
    }

    @Test
    void viewsIntoOneStorageWithOffsetsAndStridesReadAsTheirValues() throws Exception {
        Imported a = Importers.read(TorchFixtures.file("rnn.pt"), ImportOptions.defaults());
        Imported b = Importers.read(TorchFixtures.file("rnn-views.pt"), ImportOptions.defaults());
        for (var p : a.weights().layout().params()) {
            assertTrue(Arrays.deepEquals(a.weights().get(p.name()), b.weights().get(p.name())), p.name());
        }
    }

    @Test
    void aFileOfNoKnownKind() throws Exception {
        Path p = dir.resolve("notes.txt");
        Files.writeString(p, "hello");
        assertTrue(refusal(p, ImportOptions.defaults()).contains("is not a PyTorch state dict"));
    }
}
