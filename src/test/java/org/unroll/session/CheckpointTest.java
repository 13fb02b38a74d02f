package org.unroll.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unroll.engine.CellType;
import org.unroll.engine.Dataset;
import org.unroll.engine.EpochResult;
import org.unroll.engine.OptimizerKind;
import org.unroll.engine.Trainer;
import org.unroll.engine.TrainingConfig;
import org.unroll.engine.Weights;

class CheckpointTest {

    @TempDir
    Path dir;

    static TrainingSetup setup(CellType cell, OptimizerKind opt) {
        return TrainingSetup.defaults().toBuilder().cell(cell).hidden(3).optimizer(opt).learningRate(0.02).batch(40)
                .epochs(6).clip(cell == CellType.GRU ? 0.5 : 0).truncation(cell == CellType.RNN ? 7 : 0).seed(4)
                .build();
    }

    /** Trains {@code n} epochs, recording each into a history as the app and the CLI do. */
    static List<EpochResult> run(Trainer t, int n, LossHistory h) {
        List<EpochResult> out = new ArrayList<>();
        t.runEpochs(n, r -> {
            out.add(r);
            h.add(r.trainLoss(), r.validationLoss());
        });
        return out;
    }

    Checkpoint checkpointAfter(TrainingSetup s, int epochs, LossHistory h) throws IOException {
        Dataset data = s.dataset();
        Trainer t = new Trainer(s.config(data), data);
        run(t, epochs, h);
        return Checkpoint.of(s, Checkpoint.DataId.of(s, data), t, h, 123_456_789L);
    }

    @Test
    void sixEpochsStraightEqualThreeThenACheckpointFileThenThree() throws Exception {
        for (OptimizerKind opt : OptimizerKind.values()) {
            TrainingSetup s = setup(opt == OptimizerKind.SGD ? CellType.RNN : CellType.LSTM, opt);
            Dataset data = s.dataset();
            Trainer straight = new Trainer(s.config(data), data);
            List<EpochResult> all = run(straight, 6, new LossHistory());

            LossHistory h = new LossHistory();
            Path file = dir.resolve(opt.key() + ".json");
            checkpointAfter(s, 3, h).write(file);
            Checkpoint c = Checkpoint.read(file);
            assertEquals(3, c.epoch());
            Trainer resumed = c.trainer(c.dataset(), 6);
            LossHistory h2 = c.history();
            List<EpochResult> rest = run(resumed, 3, h2);

            for (int i = 0; i < 3; i++) {
                assertTrue(all.get(3 + i).trainLoss() == rest.get(i).trainLoss(), opt + " epoch " + (4 + i));
                assertTrue(all.get(3 + i).gradNorm() == rest.get(i).gradNorm());
                assertEquals(all.get(3 + i), rest.get(i));
            }
            List<Double> straightLosses = all.stream().map(EpochResult::trainLoss).toList();
            assertEquals(straightLosses, h2.train());
            for (int i = 0; i < straight.weights().blocks().size(); i++) {
                assertArrayEquals(straight.weights().block(i).data, resumed.weights().block(i).data, 0.0, opt.key());
            }
            assertTrue(resumed.isDone());
        }
    }

    @Test
    void everyFieldSurvivesTheFile() throws Exception {
        TrainingSetup s = setup(CellType.GRU, OptimizerKind.AMSGRAD).toBuilder()
                .init(org.unroll.engine.InitScheme.GLOROT_NORMAL)
                .validation(new org.unroll.engine.ValidationSplit(0.2, false))
                .earlyStopping(new org.unroll.engine.EarlyStopping(3, org.unroll.engine.EarlyStopping.Monitor.TRAINING_LOSS))
                .resetAfter(true).build();
        Checkpoint c = checkpointAfter(s, 2, new LossHistory());
        Path file = dir.resolve("c.json");
        c.write(file);
        Checkpoint back = Checkpoint.read(file);
        assertEquals(c.setup(), back.setup());
        assertEquals(c.data(), back.data());
        assertEquals(c.config(), back.config());
        assertEquals(c.trainLosses(), back.trainLosses());
        assertEquals(c.validationLosses(), back.validationLosses());
        assertEquals(123_456_789L, back.elapsedNanos());
        assertArrayEquals(c.state().order(), back.state().order());
        assertEquals(Double.doubleToRawLongBits(c.state().referenceLoss()),
                Double.doubleToRawLongBits(back.state().referenceLoss()));
        assertEquals(c.state().optimizer().steps(), back.state().optimizer().steps());
        assertEquals(c.state().earlyStop(), back.state().earlyStop());
        assertEquals(2, back.state().earlyStop().bestEpoch() + back.state().earlyStop().sinceBest());
        assertTrue(back.config().model().resetAfter());
        assertEquals(List.of("m", "v", "vMax"), List.copyOf(back.state().optimizer().moments().keySet()));
        for (String k : c.state().optimizer().moments().keySet()) {
            assertTrue(java.util.Arrays.deepEquals(c.state().optimizer().moments().get(k),
                    back.state().optimizer().moments().get(k)), k);
        }
    }

    /** Jackson writes each double's shortest round-trip text: every bit comes back, odd values too. */
    @Test
    void doublesComeBackBitForBit() throws Exception {
        TrainingSetup s = setup(CellType.LSTM, OptimizerKind.ADAM);
        Checkpoint c = checkpointAfter(s, 1, new LossHistory());
        Weights w = c.state().weights();
        double[] odd = {-0.0, Double.MIN_VALUE, Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL), Double.MAX_VALUE,
                -Double.MAX_VALUE, 0.1 + 0.2, 1.0 / 3, Math.nextUp(1.0), 1e-300, 123456789.123456789, Math.PI};
        SplittableRandom rnd = new SplittableRandom(7);
        List<Double> wrote = new ArrayList<>();
        int k = 0;
        for (int i = 0; i < w.blocks().size(); i++) {
            double[] d = w.block(i).data;
            for (int j = 0; j < d.length; j++) {
                double v;
                if (k < odd.length) {
                    v = odd[k];
                } else {
                    do {
                        v = Double.longBitsToDouble(rnd.nextLong()); // any bit pattern
                    } while (!Double.isFinite(v));
                }
                k++;
                d[j] = v;
                wrote.add(v);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        c.writeTo(out);
        Weights back = Checkpoint.parse(out.toByteArray()).state().weights();
        int n = 0;
        for (int i = 0; i < back.blocks().size(); i++) {
            for (double v : back.block(i).data) {
                assertEquals(Double.doubleToRawLongBits(wrote.get(n)), Double.doubleToRawLongBits(v), "value " + n);
                n++;
            }
        }
        assertEquals(wrote.size(), n);
        assertTrue(n > 50, "values: " + n);
    }

    private String json(Checkpoint c) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        c.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String refusal(String json) {
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> Checkpoint.parse(json.getBytes(StandardCharsets.UTF_8)));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().length() < 200, e.getMessage());
        return e.getMessage();
    }

    @Test
    void aWrongVersionATruncatedFileAndWrongShapesAreRefusedInOneLine() throws Exception {
        TrainingSetup s = setup(CellType.RNN, OptimizerKind.MOMENTUM);
        String good = json(checkpointAfter(s, 2, new LossHistory()));
        Checkpoint.parse(good.getBytes(StandardCharsets.UTF_8)); // the untouched file reads

        assertEquals("version: version 2 is not supported: this Unroll reads checkpoint version 1",
                refusal(good.replace("\"version\" : 1", "\"version\" : 2")));
        assertEquals("format: not an Unroll checkpoint: expected \"unroll-checkpoint\", got \"unroll-case/1\"",
                refusal(good.replace("\"unroll-checkpoint\"", "\"unroll-case/1\"")));
        String truncated = refusal(good.substring(0, good.length() / 2));
        assertTrue(truncated.contains("not valid JSON"), truncated);
        // Wh of an RNN with H=3 is 3×3; drop a column of its first row
        int at = good.indexOf("\"Wh\" : [ [ ");
        int comma = good.indexOf(", ", at + 11);
        String shorter = good.substring(0, at + 11) + good.substring(comma + 2);
        assertEquals("state.weights.Wh: expected a 3×3 matrix, got ragged or non-matrix rows", refusal(shorter));
        assertEquals("state.optimizer.m: unknown key 'm'",
                refusal(good.replace("\"velocity\" :", "\"m\" :")));
        assertEquals("config.learningRate: expected a finite number, got \"fast\"",
                refusal(good.replaceFirst("(?s)(\"config\" : \\{.*?\"learningRate\" : )[0-9.eE-]+", "$1\"fast\"")));
        assertEquals("surprise: unknown key 'surprise'", refusal(good.replaceFirst("\\{", "{ \"surprise\" : 1,")));
        String history = refusal(good.replaceFirst("\"train\" : \\[ [^,\\]]+, ", "\"train\" : [ "));
        assertEquals("history.train: expected 2 losses (one per epoch), got 1", history);
    }

    @Test
    void aResumeOnOtherDataIsRefusedInOneLine() throws Exception {
        Path csv = dir.resolve("series.csv");
        StringBuilder sb = new StringBuilder("value\n");
        for (int i = 0; i < 60; i++) {
            sb.append(Math.sin(i / 5.0)).append('\n');
        }
        Files.writeString(csv, sb);
        TrainingSetup s = setup(CellType.RNN, OptimizerKind.ADAM).toBuilder().task(TrainingSetup.Task.CSV).csv(csv)
                .window(10).build();
        Path file = dir.resolve("c.json");
        checkpointAfter(s, 1, new LossHistory()).write(file);
        Checkpoint c = Checkpoint.read(file);
        c.dataset(); // the same file: fine
        Files.writeString(csv, sb.toString().replace("value\n0.0\n", "value\n0.5\n"));
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.read(file).dataset());
        assertTrue(e.getMessage().startsWith("data: the CSV file's contents have changed since the checkpoint"),
                e.getMessage());
        Files.delete(csv);
        e = assertThrows(CheckpointException.class, () -> Checkpoint.read(file).dataset());
        assertTrue(e.getMessage().startsWith("setup.csv: the CSV file "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" is gone"), e.getMessage());
    }

    @Test
    void fewerEpochsThanDoneIsRefused() throws Exception {
        Checkpoint c = checkpointAfter(setup(CellType.RNN, OptimizerKind.SGD), 3, new LossHistory());
        CheckpointException e = assertThrows(CheckpointException.class, () -> c.trainer(c.dataset(), 2));
        assertEquals("the checkpoint has already trained 3 epochs, more than 2", e.getMessage());
        TrainingConfig cfg = c.trainer(c.dataset(), 9).config();
        assertEquals(9, cfg.epochs());
    }
}
