package org.unroll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unroll.engine.Case;
import org.unroll.engine.CaseFile;
import org.unroll.engine.CellType;
import org.unroll.engine.TrainingConfig;
import org.unroll.session.TrainingSetup;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The training options, declared once ({@link TrainingOptions}) and used by {@code train} and
 * {@code export --train-epochs}: the same options build the same configuration, {@code --truncate}
 * means one thing in both, and each command keeps its own defaults.
 */
class TrainingOptionsTest {

    @TempDir
    Path dir;

    /** Every training option, none at its default in either command. */
    private static final List<String> ALL = List.of("--task", "adding", "--steps", "30", "--samples", "40",
            "--cell", "gru", "--hidden", "6", "--batch", "4", "--optimizer", "amsgrad", "--lr", "0.02", "--clip", "0.5",
            "--truncate", "7", "--seed", "3", "--activation", "relu", "--gate-activation", "hard_sigmoid",
            "--forget-bias", "0.25", "--window", "9", "--init", "glorot_normal", "--validation", "0.2",
            "--validation-split", "last", "--patience", "3", "--monitor", "loss", "--reset-after", "true");

    private static TrainCommand train(List<String> args, String... more) {
        TrainCommand c = new TrainCommand();
        new CommandLine(c).parseArgs(concat(args, more));
        return c;
    }

    private static ExportCommand export(List<String> args, String... more) {
        ExportCommand c = new ExportCommand();
        new CommandLine(c).parseArgs(concat(args, more));
        return c;
    }

    private static String[] concat(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(Arrays.asList(more));
        return all.toArray(String[]::new);
    }

    private static List<String> with(List<String> args, String option, String value) {
        List<String> out = new ArrayList<>(args);
        out.set(out.indexOf(option) + 1, value);
        return out;
    }

    private static Set<String> names(Stream<OptionSpec> options) {
        Set<String> s = new TreeSet<>();
        options.forEach(o -> s.addAll(Arrays.asList(o.names())));
        return s;
    }

    private static String described(OptionSpec o) {
        return String.join(" ", o.description()).replaceAll("\\(default [^)]*\\)", "(default …)");
    }

    @Test
    void theTrainingOptionsAreDeclaredOnceAndBothCommandsHaveThemAll() {
        CommandSpec train = new CommandLine(new TrainCommand()).getCommandSpec();
        CommandSpec export = new CommandLine(new ExportCommand()).getCommandSpec();
        Set<String> mixin = names(CommandSpec.forAnnotatedObject(new TrainingOptions()).options().stream());
        assertEquals(new TreeSet<>(List.of("--task", "--cell", "--hidden", "--batch", "--optimizer", "--lr", "--clip",
                "--truncate", "--seed", "--activation", "--gate-activation", "--forget-bias", "--steps", "--samples", "--window",
                "--preset", "--init", "--validation", "--validation-split", "--patience", "--monitor", "--reset-after")),
                mixin);
        assertEquals(mixin, names(train.mixins().get("training").options().stream()));
        assertEquals(mixin, names(export.mixins().get("training").options().stream()));
        // train has nothing else about training but --epochs (export's is --train-epochs), the threads
        // (ADR 0022), its checkpoints (ADR 0024) and its loss plot
        Set<String> trainOwn = names(train.options().stream());
        trainOwn.removeAll(mixin);
        assertEquals(new TreeSet<>(List.of("--epochs", "-o", "--output", "-h", "--help", "-V", "--version", "--threads",
                "--checkpoint", "--checkpoint-every", "--resume", "--plot", "--plot-against")), trainOwn);
        for (String name : mixin) {
            assertEquals(described(train.findOption(name)), described(export.findOption(name)),
                    name + " is described alike, but for each command's default");
        }
    }

    @Test
    void trainAndExportBuildTheSameConfigurationFromTheSameOptions() throws Exception {
        Path csv = dir.resolve("series.csv");
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            rows.append(Math.sin(i / 5.0)).append('\n');
        }
        Files.writeString(csv, rows.toString());
        for (List<String> args : List.of(ALL, with(ALL, "--task", "sine"), with(ALL, "--task", "csv:" + csv))) {
            TrainingOptions.Prepared t = train(args, "--epochs", "5").prepare();
            TrainingOptions.Prepared e = export(args, "--train-epochs", "5", "-o", "x.png").prepareTraining(null);
            assertEquals(t.setup(), e.setup(), args.toString());
            assertEquals(t.config(), e.config(), args.toString());
            assertEquals(t.data().name(), e.data().name());
            assertEquals(t.data().train().length, e.data().train().length);
            assertEquals(t.data().validation().length, e.data().validation().length);
        }
        TrainingConfig c = train(ALL, "--epochs", "5").prepare().config();
        assertEquals(TrainingConfig.builder(org.unroll.engine.ModelConfig.of(CellType.GRU, 2, 6, 1)
                        .withActivation(org.unroll.engine.Activation.RELU)
                        .withGateActivation(org.unroll.engine.GateActivation.HARD_SIGMOID).withResetAfter(true))
                .optimizer(org.unroll.engine.OptimizerKind.AMSGRAD).learningRate(0.02).batchSize(4).epochs(5)
                .clipNorm(0.5).truncate(7).seed(3).forgetBias(0.25).init(org.unroll.engine.InitScheme.GLOROT_NORMAL)
                .earlyStopping(new org.unroll.engine.EarlyStopping(3, org.unroll.engine.EarlyStopping.Monitor.TRAINING_LOSS))
                .build(), c, "every option reaches the configuration");
        assertEquals(new org.unroll.engine.ValidationSplit(0.2, false), train(ALL, "--epochs", "5").prepare().setup()
                .validation());
        assertEquals(30, train(ALL, "--epochs", "5").prepare().data().train()[0].length());
    }

    @Test
    void truncateMeansTheSameInEveryCommand() throws Exception {
        List<String> base = List.of("--task", "sine", "--hidden", "2");
        // left out: full BPTT
        assertNull(train(base).prepare().config().truncate());
        assertNull(export(base, "--train-epochs", "1", "-o", "x.png").prepareTraining(null).config().truncate());
        // K >= 1: truncated BPTT through K steps
        for (String k : List.of("1", "7", "100000")) {
            assertEquals(Integer.valueOf(k), train(base, "--truncate", k).prepare().config().truncate());
            assertEquals(Integer.valueOf(k), export(base, "--truncate", k, "--train-epochs", "1", "-o", "x.png")
                    .prepareTraining(null).config().truncate());
        }
        // there is no number for "full": 0, negatives and too many steps are errors, in both commands alike
        for (String k : List.of("0", "-1", "100001")) {
            String expected = "error: --truncate: expected a whole number of steps in 1..100000 (leave --truncate out"
                    + " for full BPTT), got " + k;
            Path model = dir.resolve("model.json");
            CliTest.Run t = CliTest.run("train", "--epochs", "1", "--truncate", k, "-o", model.toString());
            assertEquals(2, t.code(), t.err());
            assertEquals(List.of(expected), t.err().lines().toList());
            Path png = dir.resolve("x.png");
            CliTest.Run e = CliTest.run("export", "--train-epochs", "1", "--truncate", k, "-o", png.toString());
            assertEquals(2, e.code(), e.err());
            assertEquals(List.of(expected), e.err().lines().toList());
            assertFalse(Files.exists(model) || Files.exists(png), "no file written");
        }
        // and the help says it once, the same way
        for (String cmd : List.of("train", "export")) {
            CliTest.Run h = CliTest.run(cmd, "--help");
            assertEquals(0, h.code());
            String flat = h.out().replaceAll("\\s+", " ");
            assertTrue(flat.contains("--truncate=K " + TrainingOptions.TRUNCATE_HELP), cmd + ": " + h.out());
        }
    }

    @Test
    void eachCommandKeepsItsDefaults() {
        // train: the book's setting
        TrainingOptions.Prepared t = train(List.of()).prepare();
        assertEquals(TrainCommand.BOOK, t.setup());
        TrainingConfig tc = t.config();
        assertEquals(CellType.LSTM, tc.model().cell());
        assertEquals(20, tc.model().hiddenSize());
        assertEquals(0.001, tc.learningRate());
        assertEquals(10, tc.batchSize());
        assertEquals(100, tc.epochs());
        assertEquals(0.0, tc.clipNorm());
        assertNull(tc.truncate());
        assertEquals(0, tc.seed());
        assertEquals(0.0, tc.forgetBias());
        // export --train-epochs: the Training tab's
        TrainingOptions.Prepared e = export(List.of(), "--train-epochs", "60", "-o", "x.png").prepareTraining(null);
        assertEquals(TrainingSetup.defaults().withEpochs(60), e.setup());
        assertEquals(TrainingSetup.defaults().withEpochs(60).config(e.data()), e.config());
    }

    @Test
    void exportTrainsTheCasesCellAndSizeUnlessTheyAreGiven() throws Exception {
        Case lstm = CaseFile.read(CliTest.resource("lstm-many-to-many.json"));
        TrainingConfig fromCase = export(List.of(), "--train-epochs", "1", "-o", "x.png").prepareTraining(lstm).config();
        assertEquals(lstm.config().cell(), fromCase.model().cell());
        assertEquals(lstm.config().hiddenSize(), fromCase.model().hiddenSize());
        TrainingConfig given = export(List.of("--cell", "rnn", "--hidden", "5"), "--train-epochs", "1", "-o", "x.png")
                .prepareTraining(lstm).config();
        assertEquals(CellType.RNN, given.model().cell());
        assertEquals(5, given.model().hiddenSize());
        // given at the default's value is still given
        TrainingConfig atDefault = export(List.of("--hidden", "8"), "--train-epochs", "1", "-o", "x.png")
                .prepareTraining(lstm).config();
        assertEquals(8, atDefault.model().hiddenSize());
    }
}
