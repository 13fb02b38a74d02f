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
 * problem dialog in the window's language.
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
        assertEquals("入力した数値 の 2 行目: 'x' は有限の数値ではありません", problems.get(0).message());
        main.setLanguage(Locale.ENGLISH);
        vm.open(() -> { });
        assertEquals("typed numbers line 2: 'x' is not a finite number", problems.get(1).message(),
                "the command line's words in the English window");
    }
}
