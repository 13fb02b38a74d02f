package org.unroll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unroll.session.Checkpoint;
import org.unroll.session.CheckpointStore;

/** {@code train --checkpoint}, {@code --resume}, and what divergence says on the command line. */
class TrainCheckpointCommandTest {

    @TempDir
    Path dir;

    private static final String[] SMALL = {"--task", "sine", "--cell", "gru", "--hidden", "3", "--batch", "40",
        "--seed", "4"};

    private static String[] args(String... more) {
        List<String> a = new ArrayList<>(List.of("train"));
        a.addAll(List.of(SMALL));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void resumingEqualsTheUninterruptedRunToTheByte() throws Exception {
        Path straight = dir.resolve("straight.json");
        CliTest.Run a = CliTest.run(args("--epochs", "6", "-o", straight.toString()));
        assertEquals(0, a.code(), a.err());

        Path ckpt = dir.resolve("run.ckpt.json");
        CliTest.Run first = CliTest.run(args("--epochs", "3", "--checkpoint", ckpt.toString()));
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("checkpoint " + ckpt + " at epoch 3"), first.out());
        assertEquals(3, Checkpoint.read(ckpt).epoch());

        Path resumed = dir.resolve("resumed.json");
        CliTest.Run second = CliTest.run("train", "--resume", ckpt.toString(), "--epochs", "6", "-o", resumed.toString());
        assertEquals(0, second.code(), second.err());
        assertTrue(second.out().startsWith("resume " + ckpt + " at epoch 3"), second.out());
        assertEquals(Files.readString(straight), Files.readString(resumed));
        // it went on saving where it was resumed from
        assertEquals(6, Checkpoint.read(ckpt).epoch());
        assertEquals(lastValue(a.out(), "val_mse="), lastValue(second.out(), "val_mse="));
    }

    @Test
    void theAppsAutosaveInAnySlotResumesFromTheCommandLine() throws Exception {
        Path ckpt = dir.resolve("c.json");
        assertEquals(0, CliTest.run(args("--epochs", "2", "--checkpoint", ckpt.toString())).code());
        Path data = dir.resolve("data");
        CheckpointStore first = new CheckpointStore(data);
        CheckpointStore second = new CheckpointStore(data);
        first.save(Checkpoint.read(ckpt));
        second.save(Checkpoint.read(ckpt));            // a second app's autosave (ADR 0043)
        Path slot2 = data.resolve("training-checkpoint-2.json");
        assertEquals(slot2, second.file());
        CliTest.Run r = CliTest.run("train", "--resume", slot2.toString(), "--epochs", "4");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("resume " + slot2 + " at epoch 2"), r.out());
        assertEquals(4, Checkpoint.read(slot2).epoch());
        first.release();
        second.release();
    }

    private static String lastValue(String out, String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).reduce((x, y) -> y).orElseThrow();
    }

    @Test
    void checkpointsEveryNEpochsAndAtTheEnd() throws Exception {
        Path ckpt = dir.resolve("c.json");
        CliTest.Run r = CliTest.run(args("--epochs", "5", "--checkpoint", ckpt.toString(), "--checkpoint-every", "2"));
        assertEquals(0, r.code(), r.err());
        Checkpoint c = Checkpoint.read(ckpt);
        assertEquals(5, c.epoch());
        assertEquals(5, c.trainLosses().size());
        assertTrue(c.elapsedNanos() > 0);
        List<Path> left = Files.list(dir).filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        assertEquals(List.of(), left);
    }

    @Test
    void badCheckpointOptionsAndFilesAreOneLineErrors() throws Exception {
        CliTest.Run every = CliTest.run(args("--epochs", "2", "--checkpoint-every", "2"));
        assertEquals(2, every.code());
        assertEquals("error: --checkpoint-every: needs --checkpoint FILE (or --resume FILE)\n", every.err());

        Path ckpt = dir.resolve("c.json");
        assertEquals(0, CliTest.run(args("--epochs", "2", "--checkpoint", ckpt.toString())).code());
        CliTest.Run cell = CliTest.run("train", "--resume", ckpt.toString(), "--cell", "lstm");
        assertEquals(2, cell.code());
        assertEquals("error: --cell: the checkpoint " + ckpt + " holds the run's settings; leave --cell out\n", cell.err());

        CliTest.Run fewer = CliTest.run("train", "--resume", ckpt.toString(), "--epochs", "1");
        assertEquals(2, fewer.code());
        assertEquals("error: " + ckpt + ": the checkpoint has already trained 2 epochs, more than 1; give a larger"
                + " --epochs\n", fewer.err());

        Path v2 = dir.resolve("v2.json");
        Files.writeString(v2, Files.readString(ckpt).replace("\"version\" : 1", "\"version\" : 2"));
        CliTest.Run version = CliTest.run("train", "--resume", v2.toString());
        assertEquals(2, version.code());
        assertEquals("error: " + v2 + ": version: version 2 is not supported: this Unroll reads checkpoint version 1\n",
                version.err());

        Path cut = dir.resolve("cut.json");
        String text = Files.readString(ckpt);
        Files.writeString(cut, text.substring(0, text.length() / 3));
        CliTest.Run truncated = CliTest.run("train", "--resume", cut.toString());
        assertEquals(2, truncated.code());
        assertEquals(1, truncated.err().lines().count(), truncated.err());
        assertTrue(truncated.err().startsWith("error: " + cut + ": "), truncated.err());

        CliTest.Run missing = CliTest.run("train", "--resume", dir.resolve("nope.json").toString());
        assertEquals(2, missing.code());
        assertEquals("error: " + dir.resolve("nope.json") + ": no such file\n", missing.err());
    }

    @Test
    void divergenceStopsNamesEpochAndParameterKeepsTheLastGoodWeightsAndSaysWhatToChange() throws Exception {
        Path model = dir.resolve("m.json");
        Path ckpt = dir.resolve("c.json");
        // a linear RNN, one SGD step an epoch at η = 0.05: fine for two epochs, blown up in the third
        CliTest.Run r = CliTest.run("train", "--task", "sine", "--cell", "rnn", "--hidden", "3", "--activation", "linear",
                "--optimizer", "sgd", "--lr", "0.05", "--batch", "200", "--clip", "0", "--epochs", "30", "--seed", "11",
                "-o", model.toString(), "--checkpoint", ckpt.toString(), "--checkpoint-every", "1");
        assertEquals(2, r.code(), r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        String e = r.err().strip();
        assertTrue(e.startsWith("error: training diverged at epoch 3: the loss "), e);
        assertTrue(e.contains("has grown more than a million-fold (from 1.48308) (largest gradient: Wh, norm "), e);
        assertTrue(e.contains("; wrote the weights of epoch 2 to " + model + "; " + ckpt + " holds epoch 2; "), e);
        assertTrue(e.endsWith("lower the learning rate (now --lr 0.05) or clip the gradient norm (--clip 1)"), e);
        assertEquals(2, Checkpoint.read(ckpt).epoch());
        assertEquals(0, CliTest.run("check", model.toString()).code());
        // progress lines stay readable: no line longer than a terminal's, whatever the loss
        assertTrue(r.out().lines().allMatch(l -> l.length() < 160), r.out());
    }

    @Test
    void aHugeLearningRateSaysSoAtOnce() {
        CliTest.Run d = CliTest.run("train", "--task", "sine", "--optimizer", "sgd", "--lr", "1e200", "--epochs", "2",
                "--clip", "5");
        assertEquals(2, d.code());
        assertEquals(1, d.err().lines().count(), d.err());
        assertTrue(d.err().startsWith("error: training diverged at epoch 1: "), d.err());
        assertTrue(d.err().strip().endsWith("lower the learning rate (now --lr 1.00e+200) or clip the gradient norm"
                + " harder (now --clip 5, try --clip 0.5)"), d.err());
        assertTrue(d.err().length() < 400, d.err());
    }
}
