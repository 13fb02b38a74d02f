package org.unroll.ui.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unroll.engine.Case;
import org.unroll.engine.CaseFile;
import org.unroll.interop.KerasWriter;
import org.unroll.ui.AppContext;
import org.unroll.ui.Fixtures;
import org.unroll.ui.MainViewModel;

/**
 * File ▸ Import…'s refusal line in the window's language (ADR 0044, amended for the importer): the
 * sentence of a file that cannot be imported is said in Japanese in the Japanese window, again in
 * the other language after View ▸ Language, and a sequence the network cannot take goes to the
 * problem dialog in the window's language. So are the mapping lines and notes of a file that
 * imports, the control characters of its names shown as escapes.
 */
class ImportRefusalLanguageTest {

    @TempDir
    Path dir;

    private static final String NOT_A_MODEL_EN = "notes.txt is not a PyTorch state dict (.pt, .pth, .npz, .safetensors)"
            + " or a Keras model (.h5, .keras)";
    private static final String NOT_A_MODEL_JA = "notes.txt は PyTorch の state dict（.pt、.pth、.npz、.safetensors）でも"
            + " Keras のモデル（.h5、.keras）でもありません";

    @Test
    void theRefusalIsSaidInTheWindowsLanguageAndFollowsASwitch() throws Exception {
        AppContext ctx = Fixtures.context();
        MainViewModel main = ctx.main();
        ImportViewModel vm = ctx.importer();
        Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, "hello");
        vm.read(notes);
        assertNull(vm.foundProperty().get());
        assertEquals(NOT_A_MODEL_EN, vm.refusalProperty().get());
        main.setLanguage(Locale.JAPANESE);
        assertEquals(NOT_A_MODEL_JA, vm.refusalProperty().get(), "the dialog open: said again in Japanese");
        main.setLanguage(Locale.ENGLISH);
        assertEquals(NOT_A_MODEL_EN, vm.refusalProperty().get());

        // read in the Japanese window: Japanese from the start, the folder's name as it is
        main.setLanguage(Locale.JAPANESE);
        Path folder = Files.createDirectory(dir.resolve("weights.pt"));
        vm.read(folder);
        assertEquals("weights.pt: 通常のファイルではありません（フォルダ）", vm.refusalProperty().get());
        main.setLanguage(Locale.ENGLISH);
        assertEquals("weights.pt: not a regular file (a folder)", vm.refusalProperty().get());
    }

    @Test
    void aFileThatImportsClearsTheRefusal() throws Exception {
        AppContext ctx = Fixtures.context();
        ImportViewModel vm = ctx.importer();
        Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, "hello");
        vm.read(notes);
        assertEquals(NOT_A_MODEL_EN, vm.refusalProperty().get());
        Case lstm = CaseFile.read(Fixtures.CASES.resolve("lstm-many-to-many.json"));
        Path file = dir.resolve("lstm.h5");
        KerasWriter.write(lstm.config(), lstm.weights(), file);
        vm.read(file);
        assertNotNull(vm.foundProperty().get());
        assertEquals("", vm.refusalProperty().get());
        ctx.main().setLanguage(Locale.JAPANESE);
        assertEquals("", vm.refusalProperty().get(), "nothing refused: nothing to say in either language");
    }

    @Test
    void theMappingAndTheNotesAreSaidInTheWindowsLanguageWithTheNamesEscaped() throws Exception {
        AppContext ctx = Fixtures.context();
        MainViewModel main = ctx.main();
        ImportViewModel vm = ctx.importer();
        // a one-unit nn.RNN whose module is named with an ESC, no nn.Linear (safetensors, float64)
        Path file = dir.resolve("escaped.safetensors");
        String header = "{\"m\\u001b.weight_ih_l0\":{\"dtype\":\"F64\",\"shape\":[1,1],\"data_offsets\":[0,8]},"
                + "\"m\\u001b.weight_hh_l0\":{\"dtype\":\"F64\",\"shape\":[1,1],\"data_offsets\":[8,16]}}";
        byte[] h = header.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + h.length + 16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).putDouble(0.5).putDouble(-0.25);
        Files.write(file, b.array());
        vm.read(file);
        assertNotNull(vm.foundProperty().get(), vm.refusalProperty().get());
        assertEquals("Wx ← m\\u001b.weight_ih_l0", vm.mapping().get(0), "the name's ESC shown as its escape");
        assertEquals("Wy ← I (identity), by ← 0", vm.mapping().get(vm.mapping().size() - 1));
        assertEquals("The layer has no biases (bias=False): zeros.", vm.notes().get(vm.notes().size() - 1));
        main.setLanguage(Locale.JAPANESE);
        assertEquals("Wx ← m\\u001b.weight_ih_l0", vm.mapping().get(0));
        assertEquals("Wy ← I（単位行列）、by ← 0", vm.mapping().get(vm.mapping().size() - 1),
                "the dialog open: said again in Japanese");
        assertEquals("この層にはバイアスがありません（bias=False）。0 とします。", vm.notes().get(vm.notes().size() - 1));
        main.setLanguage(Locale.ENGLISH);
        assertEquals("Wy ← I (identity), by ← 0", vm.mapping().get(vm.mapping().size() - 1));
        // the reader's own lines keep the name as it is: the command line's Terminal escapes it there
        assertEquals("Wx ← m\u001b.weight_ih_l0", vm.foundProperty().get().mapping().get(0).english());
    }

    @Test
    void aTypedSequenceThatIsRefusedIsReportedInTheWindowsLanguage() throws Exception {
        AppContext ctx = Fixtures.context();
        MainViewModel main = ctx.main();
        ImportViewModel vm = ctx.importer();
        List<MainViewModel.Problem> problems = new ArrayList<>();
        main.setOnProblem(problems::add);
        Case lstm = CaseFile.read(Fixtures.CASES.resolve("lstm-many-to-many.json"));
        Path file = dir.resolve("lstm.h5");
        KerasWriter.write(lstm.config(), lstm.weights(), file);
        main.setLanguage(Locale.JAPANESE);
        vm.read(file);
        assertNotNull(vm.foundProperty().get());
        vm.chooseSequence(ImportViewModel.SequenceKind.TYPED);
        vm.chooseTyped("0.5 1 0.7\n0.25 x 0.1");
        vm.open(() -> { });
        assertEquals(1, problems.size());
        assertEquals("入力した数値（2 行目）: 'x' は有限の数値ではありません", problems.get(0).message());
        main.setLanguage(Locale.ENGLISH);
        vm.open(() -> { });
        assertEquals("typed numbers line 2: 'x' is not a finite number", problems.get(1).message(),
                "the command line's words in the English window");
    }
}
