package org.unroll.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.unroll.engine.Case;
import org.unroll.session.Background;
import org.unroll.session.DemoCase;
import org.unroll.ui.common.RecentFiles;
import org.unroll.ui.compare.CompareViewModel;

/** Shared things for the UI tests: the demo (trained once), the reference cases, a synchronous context. */
public final class Fixtures {

    public static final Path CASES = Path.of("src/test/resources/cases");
    private static Case demo;

    private Fixtures() {
    }

    /** The demo case, trained once per test run (deterministic, so every test sees the same). */
    public static synchronized Case demo() {
        if (demo == null) {
            demo = DemoCase.create();
        }
        return demo;
    }

    public static List<Path> cases() {
        try (Stream<Path> s = Files.list(CASES)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A context whose engine work runs at once on the calling thread. */
    /**
     * A window of this size on the stage, showing the test context's session with animations off
     * (what every window test starts from).
     */
    public static MainWindow window(javafx.stage.Stage stage, AppContext ctx, double width, double height) {
        ctx.main().animatedProperty().set(false);
        MainWindow w = MainWindow.create(stage, ctx);
        stage.setWidth(width);
        stage.setHeight(height);
        stage.show();
        return w;
    }

    public static AppContext context() {
        return new AppContext(Background.synchronous(), RecentFiles.inMemory(), Locale.ENGLISH);
    }

    /** A context showing the demo. */
    public static AppContext withDemo() {
        AppContext ctx = context();
        ctx.main().build(Fixtures::demo);
        return ctx;
    }

    /** Parses a column or matrix of numbers as the inspector writes them. */
    public static double[] numbers(String text) {
        return Stream.of(text.trim().split("\\s+")).filter(s -> !s.isEmpty()).mapToDouble(Double::parseDouble).toArray();
    }

    /** Runs a small comparison (T = 20, 40 sequences, H = 3, 3 epochs) from the Compare tab's Start button. */
    public static void runSmallComparison(org.testfx.api.FxRobot robot, AppContext ctx, MainWindow window) {
        CompareViewModel c = ctx.compare();
        c.lengthProperty().set(20);
        c.countProperty().set(40);
        c.hiddenProperty().set(3);
        c.epochsProperty().set(3);
        robot.interact(() -> window.controller().showTab(2));
        robot.clickOn("#compareStartButton");
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    }
}
