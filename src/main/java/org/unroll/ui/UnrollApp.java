package org.unroll.ui;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.beans.value.ChangeListener;
import javafx.stage.Stage;

/**
 * The desktop app: one window that opens on the default demo (the book's noisy-sine simple RNN,
 * trained by the engine) and walks its BPTT node by node.
 *
 * <p>Optional named arguments (for presenters and for screenshots): {@code --open=CASE.json}
 * opens a case instead of the demo, {@code --seek=N} steps to event N, {@code --lang=ja|en},
 * {@code --zoom=F|fit} zooms the graph by a factor (or to fit), {@code --rolled=true}, {@code --window=WIDTHxHEIGHT}.
 */
public class UnrollApp extends Application {

    private FxBackground background;

    /**
     * Opens the app. Called by {@code org.unroll.Launcher} (the jar's plain main class) and by
     * {@link #main(String[])} ({@code mvn javafx:run}).
     */
    public static void launchApp(String[] args) {
        Application.launch(UnrollApp.class, args);
    }

    public static void main(String[] args) {
        launchApp(args);
    }

    @Override
    public void start(Stage stage) {
        Map<String, String> named = getParameters().getNamed();
        background = new FxBackground();
        AppContext ctx = new AppContext(background, RecentFiles.preferences(), initialLocale(named.get("lang")));
        MainWindow w = MainWindow.create(stage, ctx);
        ctx.main().localeProperty().addListener((o, a, l) -> storeLocale(l));
        if (named.containsKey("window")) {
            System.setProperty("unroll.window", named.get("window"));
        }
        w.placeOnScreen();
        stage.show();
        MainViewModel vm = ctx.main();
        if (named.containsKey("seek") || named.containsKey("zoom")) {
            ChangeListener<Session> once = new ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends Session> o, Session a, Session s) {
                    vm.sessionProperty().removeListener(this);
                    javafx.application.Platform.runLater(() -> {
                        if (named.containsKey("zoom")) {
                            String z = named.get("zoom");
                            if (z.equals("fit")) {
                                w.controller().graph().zoomToFit();
                            } else {
                                w.controller().graph().zoomBy(Double.parseDouble(z));
                            }
                        }
                        if (named.containsKey("seek")) {
                            vm.seek(Integer.parseInt(named.get("seek")) - 1);
                        }
                    });
                }
            };
            vm.sessionProperty().addListener(once);
        }
        if (named.containsKey("rolled")) {
            vm.rolledProperty().set(Boolean.parseBoolean(named.get("rolled")));
        }
        if (named.containsKey("open")) {
            vm.open(Path.of(named.get("open")));
        } else {
            vm.loadDemo();
        }
        background.run(() -> {
            LatexRenderer.warmUp();
            return null;
        }, x -> { }, x -> { });
    }

    @Override
    public void stop() {
        if (background != null) {
            background.shutdown();
        }
    }

    private static Locale initialLocale(String arg) {
        if (arg != null) {
            return Locale.forLanguageTag(arg);
        }
        try {
            String stored = Preferences.userRoot().node("org/unroll/ui").get("language", null);
            if (stored != null) {
                return Locale.forLanguageTag(stored);
            }
        } catch (RuntimeException e) {
            // no preferences: the system's language
        }
        return Locale.getDefault();
    }

    private static void storeLocale(Locale l) {
        try {
            Preferences.userRoot().node("org/unroll/ui").put("language", l.toLanguageTag());
        } catch (RuntimeException e) {
            // a preference is a convenience
        }
    }
}
