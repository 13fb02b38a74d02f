package org.unroll.ui.export;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unroll.export.ExportRequest;
import org.unroll.export.ExportView;
import org.unroll.export.Format;
import org.unroll.session.Background;
import org.unroll.session.BackgroundTask;
import org.unroll.ui.Fixtures;
import org.unroll.ui.MainViewModel;
import org.unroll.ui.common.RecentFiles;

/** The Export dialog's view-model without a window: the request it makes, progress, cancelling. */
class ExportViewModelTest {

    @TempDir
    Path dir;

    /** A background that runs at once, but lets a test act just before the work starts. */
    private static final class Steered implements Background {
        Runnable before = () -> { };

        @Override
        public <T> BackgroundTask submit(Callable<T> work, Consumer<? super T> done,
                                         Consumer<? super Throwable> failed) {
            before.run();
            return Background.synchronous().submit(work, done, failed);
        }
    }

    private final Steered background = new Steered();
    private final List<MainViewModel.Problem> problems = new ArrayList<>();

    private ExportViewModel model() {
        MainViewModel main = new MainViewModel(Background.synchronous(), RecentFiles.inMemory(), Locale.ENGLISH);
        main.setOnProblem(problems::add);
        main.build(Fixtures::demo);
        main.seek(64);
        ExportViewModel vm = new ExportViewModel(background, main, null, null, Runnable::run);
        vm.prepare(ExportView.GRAPH, null, 900, 500);
        return vm;
    }

    @Test
    void theRequestIsWhatTheFormSays() {
        ExportViewModel vm = model();
        assertEquals(65, vm.toProperty().get(), "the cursor's event");
        assertEquals(1, vm.fromProperty().get(), "the start of its phase (forward)");
        ExportRequest r = vm.request();
        assertEquals(64, r.from());
        assertEquals(64, r.to());
        assertEquals(1280, r.width());
        vm.presetProperty().set(ExportViewModel.SizePreset.SLIDE_1080);
        vm.formatProperty().set(Format.GIF);
        r = vm.request();
        assertEquals(1920, r.width());
        assertEquals(0, r.from());
        assertEquals(64, r.to());
        vm.presetProperty().set(ExportViewModel.SizePreset.WINDOW);
        assertEquals(900, vm.request().width());
        assertEquals("walk-1-65.gif", vm.suggestedFileName());
        vm.viewProperty().set(ExportView.STATES);
        assertEquals(Format.PNG, vm.formatProperty().get(), "a plot has no GIF: the first format it has");
        assertEquals("states.png", vm.suggestedFileName());
    }

    @Test
    void aWalkReportsItsFramesAndClosingTheDialogStopsIt() throws Exception {
        ExportViewModel vm = model();
        vm.formatProperty().set(Format.GIF);
        vm.presetProperty().set(ExportViewModel.SizePreset.CUSTOM);
        vm.widthProperty().set(320);
        vm.heightProperty().set(180);
        vm.fromProperty().set(10);
        vm.toProperty().set(13);
        List<String> statuses = new ArrayList<>();
        vm.statusProperty().addListener((o, a, b) -> statuses.add(b));
        Path gif = dir.resolve("walk.gif");
        vm.export(gif, null);
        assertTrue(Files.exists(gif));
        assertTrue(statuses.containsAll(List.of("Frame 1 of 4…", "Frame 4 of 4…")), statuses.toString());
        assertEquals(-1, vm.progressProperty().get());

        Path other = dir.resolve("other.gif");
        background.before = vm::cancel;
        vm.export(other, null);
        assertFalse(Files.exists(other), "a cancelled export writes nothing");
        assertEquals("Export cancelled; other.gif was not written", vm.statusProperty().get());
        assertTrue(problems.isEmpty(), "cancelling is not a problem to report");
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void theGraphIsPreviewedAndTheCaseIsWrittenAsACaseFile() {
        ExportViewModel vm = model();
        vm.refreshPreview();
        assertEquals(1280, vm.previewProperty().get().getWidth());
        vm.viewProperty().set(ExportView.CASE);
        assertEquals(List.of(Format.JSON), vm.formats());
        assertFalse(vm.pictureProperty().get());
        assertTrue(vm.suggestedFileName().endsWith(".json"), vm.suggestedFileName());
        Path out = dir.resolve("case.json");
        vm.export(out, null);
        org.unroll.engine.Case c = assertDoesNotThrow(() -> org.unroll.engine.CaseFile.read(out));
        assertEquals(4, c.config().hiddenSize(), "the demo's network");
    }
}
