package org.unroll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unroll.engine.Case;
import org.unroll.engine.CaseFile;
import org.unroll.engine.CellType;

/** {@code unroll import} and {@code export --format pytorch|safetensors} as a user runs them. */
class ImportCommandTest {

    @TempDir
    Path dir;

    static Path fixture(String name) throws Exception {
        return Path.of(ImportCommandTest.class.getResource("/interop/torch/" + name).toURI());
    }

    @Test
    void withoutOutputItSaysWhatItFoundALineEach() throws Exception {
        CliTest.Run r = CliTest.run("import", fixture("book-lstm.pt").toString());
        assertEquals(0, r.code(), r.err());
        String o = r.out();
        assertTrue(o.contains("framework: PyTorch (the file records no version)\n"), o);
        assertTrue(o.contains("format: state_dict (torch.save, zip, format version 3)\n"), o);
        assertTrue(o.contains("cell: lstm\n"), o);
        assertTrue(o.contains("sizes: inputs 2, hidden 3, outputs 1\n"), o);
        assertTrue(o.contains("map: Wx_a ← l1.weight_ih_l0 rows 6–8 (block g)\n"), o);
        assertTrue(o.contains("map: b_i ← l1.bias_ih_l0[0:3] + l1.bias_hh_l0[0:3]\n"), o);
        assertTrue(o.contains("map: Wy ← l2.weight\n"), o);
        assertTrue(o.contains("note: The two biases"), o);
    }

    @Test
    void writesACaseThatCheckReadsBackWithTorchsLoss() throws Exception {
        Path out = dir.resolve("book.json");
        CliTest.Run r = CliTest.run("import", fixture("book-lstm.pt").toString(), "--inputs",
                fixture("book-lstm.csv").toString(), "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        Case c = CaseFile.read(out);
        assertEquals(CellType.LSTM, c.config().cell());
        assertEquals(5, c.sequence().length());
        double torchLoss = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Files.readAllBytes(fixture("book-lstm.json"))).get("loss").asDouble();
        assertEquals(torchLoss, c.expected().loss(), 1e-8 + 1e-6 * Math.abs(torchLoss));
        CliTest.Run check = CliTest.run("check", out.toString());
        assertEquals(0, check.code(), check.out() + check.err());
    }

    @Test
    void zeroStepsOrAnotherCasesSequence() throws Exception {
        Path out = dir.resolve("gru.json");
        assertEquals(0, CliTest.run("import", fixture("gru.npz").toString(), "--steps", "4", "-o", out.toString()).code());
        assertEquals(4, CaseFile.read(out).sequence().length());
        Path again = dir.resolve("again.json");
        assertEquals(0, CliTest.run("import", fixture("gru.safetensors").toString(), "--sequence-from", out.toString(),
                "-o", again.toString()).code());
        assertEquals(0, CliTest.run("check", again.toString()).code());
        CliTest.Run wrong = CliTest.run("import", fixture("book-lstm.pt").toString(), "--sequence-from",
                out.toString(), "-o", dir.resolve("x.json").toString());
        assertEquals(2, wrong.code());
        assertTrue(wrong.err().contains("its targets have 2 entries, the network has 1 outputs"), wrong.err());
    }

    @Test
    void refusalsAreExit2AndOneLine() throws Exception {
        CliTest.Run r = CliTest.run("import", fixture("stacked-lstm.pt").toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: stacked-lstm.pt: stacked recurrent layers (2)"), r.err());
        assertTrue(r.err().contains("--layer N"), r.err());
        assertEquals(0, CliTest.run("import", fixture("stacked-lstm.pt").toString(), "--layer", "0").code());
        CliTest.Run evil = CliTest.run("import", fixture("evil-legacy.pt").toString());
        assertEquals(2, evil.code());
        assertTrue(evil.err().contains("posix.system"), evil.err());
        Path out = dir.resolve("none.json");
        CliTest.Run noSeq = CliTest.run("import", fixture("rnn.pt").toString(), "-o", out.toString());
        assertEquals(2, noSeq.code());
        assertTrue(noSeq.err().contains("--inputs CSV, --steps T or --sequence-from"), noSeq.err());
        assertFalse(Files.exists(out));
        CliTest.Run act = CliTest.run("import", fixture("rnn.pt").toString(), "--activation", "sigmoid");
        assertEquals(2, act.code());
        assertTrue(act.err().contains("--activation: expected tanh or relu"), act.err());
    }

    @Test
    void aCsvWithABadCellIsNamed() throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "x1,x2,t\n0.1,0.2,0.3\n0.1,oops,\n");
        CliTest.Run r = CliTest.run("import", fixture("book-lstm.pt").toString(), "--inputs", csv.toString(), "-o",
                dir.resolve("c.json").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("bad.csv: line 3, cell 2: not a number: oops"), r.err());
    }

    @Test
    void exportWritesAStateDictThatImportsBackExactly() throws Exception {
        Path kase = dir.resolve("book.json");
        assertEquals(0, CliTest.run("import", fixture("book-lstm.pt").toString(), "--inputs",
                fixture("book-lstm.csv").toString(), "-o", kase.toString()).code());
        for (String f : new String[] {"net.pt", "net.safetensors"}) {
            Path w = dir.resolve(f);
            CliTest.Run r = CliTest.run("export", "--case", kase.toString(), "-o", w.toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("note: keys: l1 = nn.LSTM(2, 3, batch_first=True), l2 = nn.Linear(3, 1)"),
                    r.out());
            Path back = dir.resolve(f + ".json");
            assertEquals(0, CliTest.run("import", w.toString(), "--sequence-from", kase.toString(), "-o",
                    back.toString()).code());
            Case a = CaseFile.read(kase);
            Case b = CaseFile.read(back);
            for (var p : a.weights().layout().params()) {
                assertTrue(java.util.Arrays.deepEquals(a.weights().get(p.name()), b.weights().get(p.name())), p.name());
            }
        }
        CliTest.Run peep = CliTest.run("export", "--case", CliTest.resource("lstm-peephole-nonzero-state-sparse.json")
                .toString(), "--format", "pytorch", "-o", dir.resolve("p.pt").toString());
        assertEquals(2, peep.code());
        assertTrue(peep.err().contains("PyTorch cannot load this network: nn.LSTM has no peepholes"), peep.err());
        assertFalse(Files.exists(dir.resolve("p.pt")));
    }
}
