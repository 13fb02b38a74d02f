package org.unroll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unroll.engine.CellType;
import org.unroll.engine.EarlyStopping;
import org.unroll.engine.InitScheme;
import org.unroll.engine.OptimizerKind;
import org.unroll.engine.TrainingConfig;
import org.unroll.engine.ValidationSplit;
import org.unroll.session.BookPresets;
import org.unroll.session.TrainingSetup;
import picocli.CommandLine;

/**
 * {@code train --preset NAME} (ADR 0023): the preset's settings, options given beside it override
 * them, {@code list} lists the presets, an unknown name is one line and exit 2; and the options the
 * presets need ({@code --init}, {@code --validation}, {@code --validation-split}, {@code --patience},
 * {@code --monitor}, {@code --reset-after}) on their own.
 */
class PresetOptionTest {

    @TempDir
    Path dir;

    private static TrainCommand train(String... args) {
        TrainCommand c = new TrainCommand();
        new CommandLine(c).parseArgs(args);
        return c;
    }

    @Test
    void aPresetGivesItsScriptsSettings() throws Exception {
        for (BookPresets.Preset p : BookPresets.all()) {
            if (p.setup().task() != TrainingSetup.Task.SINE) {
                // the adding problem's 10,000 sequences of 200 steps: checked without making them
                continue;
            }
            TrainingOptions.Prepared t = train("--preset", p.name()).prepare();
            assertEquals(p.setup(), t.setup(), p.name());
            assertEquals(p.setup().config(p.setup().dataset()), t.config(), p.name());
        }
        TrainingOptions.Prepared adding = train("--preset", "book2-adding-gru", "--samples", "20", "--steps", "6")
                .prepare();
        assertEquals(BookPresets.find("book2-adding-gru").orElseThrow().setup().toBuilder().addingCount(20)
                .addingLength(6).build(), adding.setup());
        assertEquals(16, adding.data().train().length, "the last 20 % held out");
        assertTrue(adding.config().model().resetAfter());
    }

    @Test
    void optionsGivenBesideThePresetOverrideIt() {
        TrainingOptions.Prepared t = train("--preset", "book2-sine-lstm", "--hidden", "7", "--epochs", "3",
                "--optimizer", "adam", "--patience", "0", "--validation", "0.1").prepare();
        TrainingConfig c = t.config();
        assertEquals(7, c.model().hiddenSize());
        assertEquals(3, c.epochs());
        assertEquals(OptimizerKind.ADAM, c.optimizer());
        assertEquals(EarlyStopping.OFF, c.earlyStopping());
        assertEquals(new ValidationSplit(0.1, false), t.setup().validation(), "still the last samples");
        // the rest is the preset's
        assertEquals(CellType.LSTM, c.model().cell());
        assertEquals(InitScheme.GLOROT_NORMAL, c.init());
        assertEquals(100, c.batchSize());
        assertEquals(123, c.seed());
        // the cell given: the preset's gates stay, an RNN simply has none
        TrainingConfig rnn = train("--preset", "book1-sine-lstm", "--cell", "rnn").prepare().config();
        assertEquals(CellType.RNN, rnn.model().cell());
        assertEquals(InitScheme.NORMAL, rnn.init());
        assertEquals(500, rnn.epochs());
    }

    @Test
    void exportTrainsAPresetAsTrainDoes() throws Exception {
        ExportCommand e = new ExportCommand();
        new CommandLine(e).parseArgs("--preset", "book1-sine-gru", "--train-epochs", "5", "-o", "x.png");
        TrainingOptions.Prepared viaExport = e.prepareTraining(null);
        TrainingOptions.Prepared viaTrain = train("--preset", "book1-sine-gru", "--epochs", "5").prepare();
        assertEquals(viaTrain.setup(), viaExport.setup());
        assertEquals(viaTrain.config(), viaExport.config());
        // a case's cell and size give way to the preset's
        ExportCommand withCase = new ExportCommand();
        new CommandLine(withCase).parseArgs("--preset", "book1-sine-gru", "--train-epochs", "5", "-o", "x.png");
        TrainingConfig c = withCase.prepareTraining(org.unroll.engine.CaseFile.read(CliTest.resource(
                "lstm-many-to-many.json"))).config();
        assertEquals(CellType.GRU, c.model().cell());
        assertEquals(60, c.model().hiddenSize());
    }

    @Test
    void listListsThePresetsAndAnUnknownNameIsOneLine() {
        CliTest.Run list = CliTest.run("train", "--preset", "list");
        assertEquals(0, list.code(), list.err());
        List<String> lines = list.out().lines().toList();
        assertEquals(2 * BookPresets.all().size(), lines.size(), list.out());
        assertTrue(lines.get(0).startsWith("book1-sine-rnn: sine rnn H=20 init=normal adam"), lines.get(0));
        assertTrue(lines.get(1).contains("yusugomori/deeplearning-tensorflow-keras 5/keras/00_sin_simple_rnn_keras.py"));
        Path model = dir.resolve("m.json");
        CliTest.Run bad = CliTest.run("train", "--preset", "book3-sine-lstm", "-o", model.toString());
        assertEquals(2, bad.code());
        assertEquals(List.of("error: --preset: unknown preset 'book3-sine-lstm'; one of "
                + String.join(", ", BookPresets.names())), bad.err().lines().toList());
        assertFalse(Files.exists(model));
        CliTest.Run exportList = CliTest.run("export", "--preset", "list", "--train-epochs", "1", "-o",
                dir.resolve("x.png").toString());
        assertEquals(2, exportList.code());
        assertTrue(exportList.err().startsWith("error: --preset: one of book1-sine-rnn, "), exportList.err());
    }

    @Test
    void aPresetTrainsAndSaysWhenItStoppedEarly() throws Exception {
        Path model = dir.resolve("m.json");
        // the weights frozen (SGD, η = 1e-300): the validation loss cannot fall, so patience 2 stops at epoch 3
        CliTest.Run r = CliTest.run("train", "--preset", "book2-sine-rnn", "--hidden", "2", "--optimizer", "sgd",
                "--lr", "1e-300", "--patience", "2", "-o", model.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("preset book2-sine-rnn: init=glorot_normal validation=0.2 last"
                + " early_stopping=val_loss patience 2"), r.out());
        assertTrue(r.out().contains("train=140 val=36"), r.out());
        assertTrue(r.out().contains("\nstopped early at epoch 3: the validation loss has not improved for 2 epochs"),
                r.out());
        assertTrue(Files.exists(model));
        assertTrue(Files.readString(model).contains("(3 epochs, seed 123)"), "the model says how long it trained");
    }

    @Test
    void theNewOptionsCheckTheirValues() {
        java.util.Map<List<String>, String> cases = new java.util.LinkedHashMap<>();
        cases.put(List.of("--init", "he"), "error: --init: ");
        cases.put(List.of("--validation", "0.95"), "error: --validation: ");
        cases.put(List.of("--validation-split", "first"), "error: --validation-split: ");
        cases.put(List.of("--patience", "-1"), "error: --patience: ");
        cases.put(List.of("--monitor", "acc"), "error: --monitor: ");
        cases.put(List.of("--validation", "0", "--patience", "3"), "error: --patience: early stopping on val_loss needs");
        cases.put(List.of("--reset-after", "--cell", "lstm"), "error: --reset-after: ");
        for (var e : cases.entrySet()) {
            List<String> all = new java.util.ArrayList<>(List.of("train", "--epochs", "1", "--hidden", "2"));
            all.addAll(e.getKey());
            CliTest.Run r = CliTest.run(all.toArray(String[]::new));
            assertEquals(2, r.code(), e.getKey() + ": " + r.out());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith(e.getValue()), r.err());
        }
        // the defaults stay the engine's: nothing changes for a command line without the new options
        TrainingOptions.Prepared d = train().prepare();
        assertEquals(TrainCommand.BOOK, d.setup());
        assertEquals(InitScheme.GLOROT_UNIFORM, d.config().init());
        assertEquals(ValidationSplit.DEFAULT, d.setup().validation());
        assertEquals(EarlyStopping.OFF, d.config().earlyStopping());
        TrainingConfig given = train("--init", "glorot_normal", "--validation", "0.2", "--validation-split", "last",
                "--patience", "5", "--monitor", "loss", "--cell", "gru", "--reset-after").prepare().config();
        assertEquals(InitScheme.GLOROT_NORMAL, given.init());
        assertEquals(new EarlyStopping(5, EarlyStopping.Monitor.TRAINING_LOSS), given.earlyStopping());
        assertTrue(given.model().resetAfter());
    }
}
