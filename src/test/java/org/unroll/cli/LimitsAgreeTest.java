package org.unroll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unroll.engine.Case;
import org.unroll.engine.CaseFile;
import org.unroll.engine.CellType;
import org.unroll.engine.GradCheck;
import org.unroll.engine.Limits;
import org.unroll.engine.LossKind;
import org.unroll.engine.ModelConfig;
import org.unroll.engine.Sequence;
import org.unroll.engine.Weights;
import org.unroll.graph.UnrolledGraph;
import org.unroll.interop.ImportException;
import org.unroll.interop.ImportSequences;
import org.unroll.schedule.Schedule;

/**
 * Issue 14, ADR 0031: whatever Unroll writes it can read, and the limit that was hit is named in
 * one line with exit 2 — never a file the reader refuses, a model beyond the engine, nor an
 * internal error.
 */
class LimitsAgreeTest {

    @TempDir
    Path dir;

    /** A simple RNN (I = 1, H = 1) over T steps with one target at the end, every weight set. */
    private static Case rnn(int steps, int outputs) {
        ModelConfig cfg = ModelConfig.of(CellType.RNN, 1, 1, outputs);
        Weights w = Weights.zeros(cfg);
        w.set("Wx", new double[][] {{0.7}});
        w.set("Wh", new double[][] {{0.3}});
        double[][] wy = new double[outputs][1];
        double[] by = new double[outputs];
        for (int o = 0; o < outputs; o++) {
            wy[o][0] = 0.5 * Math.sin(o + 1.0); // numbers that print at full length
            by[o] = 0.25 * Math.cos(o + 1.0);
        }
        w.set("Wy", wy);
        w.setVector("by", by);
        double[][] x = new double[steps][1];
        for (int t = 0; t < steps; t++) {
            x[t][0] = 0.5;
        }
        double[][] targets = new double[steps][];
        targets[steps - 1] = new double[outputs];
        return new Case("limits", null, cfg, w, Sequence.of(x, targets, 1), LossKind.MSE, null, null);
    }

    private Path write(String name, Case c) throws Exception {
        Path p = dir.resolve(name);
        try (OutputStream o = Files.newOutputStream(p)) {
            CaseFile.write(c, null, o);
        }
        return p;
    }

    private static void oneLine(CliTest.Run r) {
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("error: "), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("internal error") || r.err().contains("Exception"), r.err());
    }

    @Test
    void runDoesNotWriteACaseItsReaderRefuses() throws Exception {
        // T = 1000, O = 2048: a small file (the inputs are 0.5, one target), but its expected block
        // (q, y and dq, T×O each) is about 100 MB as text, beyond the 64 MiB the reader takes
        Path in = write("wide.case.json", rnn(1000, 2048));
        assertTrue(Files.size(in) < Limits.MAX_FILE_BYTES);
        Path out = dir.resolve("out.json");
        CliTest.Run r = CliTest.run("run", in.toString(), "-o", out.toString());
        oneLine(r);
        assertTrue(r.err().contains(out + ": not written: the case (rnn, T = 1000, I = 1, H = 1, O = 2048, with its"
                + " expected block) is more than 64 MiB as a file, the limit of the case files Unroll reads"), r.err());
        assertFalse(Files.exists(out), "nothing written");
        // to standard output likewise: nothing printed, one line
        CliTest.Run s = CliTest.run("run", in.toString());
        oneLine(s);
        assertEquals("", s.out());
    }

    @Test
    void aCaseWithinTheLimitIsStillWrittenAndReadBack() throws Exception {
        Path in = write("small.case.json", rnn(100, 20));
        Path out = dir.resolve("out.json");
        CliTest.Run r = CliTest.run("run", in.toString(), "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(100, CaseFile.read(out).sequence().length());
    }

    @Test
    void trainRefusesACsvWiderThanTheEngine() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int r = 0; r < 6; r++) {
            lines.add(String.join(",", Collections.nCopies(Limits.MAX_SIZE + 1, String.valueOf(r * 0.1))));
        }
        Path csv = dir.resolve("wide.csv");
        Files.write(csv, lines);
        Path model = dir.resolve("m.json");
        CliTest.Run r = CliTest.run("train", "--task", "csv:" + csv, "--cell", "rnn", "--hidden", "2",
                "--epochs", "1", "-o", model.toString());
        oneLine(r);
        assertTrue(r.err().contains("2049 columns; the engine's limit is 2048"), r.err());
        assertFalse(Files.exists(model));
    }

    @Test
    void trainRefusesUpFrontAModelItCouldNotWrite() throws Exception {
        // the issue's: an LSTM of H = 256 on sequences of T = 1000, within every engine limit, whose
        // case (the weights, one validation sequence and its expected block) is about 110 MB as text
        Path model = dir.resolve("m.json");
        CliTest.Run r = CliTest.run("train", "--task", "adding", "--steps", "1000", "--samples", "10",
                "--cell", "lstm", "--hidden", "256", "--epochs", "1", "-o", model.toString());
        oneLine(r);
        assertTrue(r.err().contains(model + ": the trained model cannot be written: the case (lstm,")
                && r.err().contains("is more than 64 MiB as a file"), r.err());
        assertFalse(r.out().contains("epoch 1"), "refused before training: " + r.out());
        assertFalse(Files.exists(model));
    }

    @Test
    void exportAtTheStepLimitIsRefusedInOneLineWithExit2() throws Exception {
        Case c = rnn(Limits.MAX_STEPS, 1);
        Path in = write("long.case.json", c);
        CliTest.Run r = CliTest.run("export", "--case", in.toString(), "--view", "graph", "-o",
                dir.resolve("g.png").toString());
        oneLine(r);
        assertTrue(r.err().contains(in + ": T = 100000 gives about ") && r.err().contains("events to walk, more than the 1000000"),
                r.err());
        // the check itself, on the graph alone (nothing computed): T = 1000 is within
        boolean[] short1 = new boolean[1000];
        short1[999] = true;
        Schedule.requireWithinLimit(UnrolledGraph.of(c.config(), 1000, short1), null, true);
    }

    @Test
    void trainRefusesAPlotBeyondTheEventLimitBeforeItTrains() throws Exception {
        Path png = dir.resolve("p.png");
        CliTest.Run r = CliTest.run("train", "--task", "adding", "--steps", "100000", "--samples", "4", "--cell", "rnn",
                "--hidden", "1", "--epochs", "1", "--plot", png.toString());
        oneLine(r);
        assertTrue(r.err().startsWith("error: --plot: T = 100000 gives about "), r.err());
        assertFalse(r.out().contains("epoch 1"), "refused before training: " + r.out());
        assertFalse(Files.exists(png));
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 300, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void gradcheckRefusesACaseBeyondItsWorkLimit() throws Exception {
        // (the timeout only guards the build: without the limit this check would run for hours)
        ModelConfig cfg = ModelConfig.of(CellType.RNN, 1, 2048, 1); // (an LSTM of H = 2048 is beyond 64 MiB as a file)
        double[][] x = {{0.5}};
        double[][] t = {{0.1}};
        Case big = new Case("big", null, cfg, Weights.zeros(cfg), Sequence.of(x, t, 2048), LossKind.MSE, null, null);
        assertTrue(GradCheck.work(big) > 1e13, "H = 2048: about 3.5e13 multiply-adds");
        Path in = write("h2048.case.json", big);
        CliTest.Run r = CliTest.run("gradcheck", in.toString());
        oneLine(r);
        assertTrue(r.err().contains("multiply-adds") && r.err().contains("more than the limit of 1e+11"), r.err());
        // a small case is checked as before
        CliTest.Run ok = CliTest.run("gradcheck", CliTest.resource("lstm-many-to-many.json").toString());
        assertEquals(0, ok.code(), ok.err());
    }

    @Test
    void importSequencesHaveTheSameHeaderRule() throws Exception {
        Path csv = dir.resolve("seq.csv");
        Files.write(csv, List.of("0.5,x", "0.1,0.2", "0.3,0.4"));
        ImportException e = assertThrows(ImportException.class, () -> ImportSequences.csv(csv, 1, 1, 2));
        assertEquals("seq.csv line 1, column 2: 'x' is not a number; the first row is a header only when none of"
                + " its cells is a number", e.getMessage());
        UserError u = assertThrows(UserError.class, () -> ImportCommand.csv(csv, 1, 1, 2));
        assertEquals(csv + " line 1, column 2: 'x' is not a number; the first row is a header only when none of"
                + " its cells is a number", u.getMessage(), "one wording in every CSV reader");
        Files.write(csv, List.of("x,y", "0.1,0.2", "0.3,0.4"));
        assertEquals(2, ImportSequences.csv(csv, 1, 1, 2).length());
        assertEquals(2, ImportCommand.csv(csv, 1, 1, 2).length());
    }
}
