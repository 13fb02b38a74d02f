package org.unroll.ui;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.beans.value.ChangeListener;
import javafx.stage.Stage;
import org.unroll.ui.common.FxBackground;
import org.unroll.ui.common.LatexRenderer;
import org.unroll.ui.common.RecentFiles;
import org.unroll.ui.compare.CompareViewModel;
import org.unroll.ui.export.ExportDialog;
import org.unroll.ui.training.TrainingViewModel;
import org.unroll.view.Session;

/**
 * The desktop app: one window that opens on the default demo (the book's noisy-sine simple RNN,
 * trained by the engine) and walks its BPTT node by node.
 *
 * <p>Optional named arguments (for presenters and for screenshots): {@code --open=CASE.json}
 * (or {@code --open=builtin:mini-lstm}, a built-in case) opens a case instead of the demo,
 * {@code --worksheet=true} opens File ▸ Worksheet… on it, {@code --seek=N} steps to event N, {@code --export=VIEW} opens the Export dialog on a view, {@code --import=FILE} the Import dialog on a file, {@code --lang=ja|en}
 * {@code --zoom=F|fit} zooms the graph by a factor (or to fit), {@code --rolled=true}, {@code --window=WIDTHxHEIGHT},
 * {@code --notation=book|tensorflow|keras|pytorch} (View ▸ Notation; remembered like the language),
 * {@code --tab=inspector|model|fused|training|compare} shows a tab (fused: the fused-kernel view),
 * {@code --type-size=0..4}, {@code --high-contrast=true|false}, {@code --log-errors=true|false}
 * (View ▸ Presentation; remembered), {@code --spotlight=true}, {@code --full-screen=true},
 * {@code --deck=builtin:chapter5|FILE} opens a deck (with {@code --scene=N} at its scene N, and
 * {@code --presenter=true} with the presenter view), {@code --predict=true|false} (predict, then
 * reveal; remembered), {@code --chain-rule=true|false} (the factors on the edges; remembered),
 * and for screenshots {@code --reveal=true} (reveals the event sought), {@code --select=PARAM}
 * (a shared weight in the inspector) with {@code --term=T} (its step T's term selected in the
 * gradient table, its factors marked on the graph), {@code --close=true} (File ▸ Quit six seconds in: the close
 * confirmation), {@code --about=true} (Help ▸ About), {@code --recovery-seconds=N} (the period of the crash-recovery saves, ADR 0033), {@code --soak=MINUTES} (the long soak, {@link org.unroll.ui.bench.Soak}).
 */
public class UnrollApp extends Application {

    private FxBackground background;
    private RecoveryKeeper recovery;
    private TrainingViewModel training;

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
        Map<String, String> named = withFile(getParameters().getNamed(), getParameters().getUnnamed());
        if (named.containsKey("recovery-seconds")) {
            // the period of the crash-recovery saves (ADR 0033), as -Dunroll.recovery.seconds=N
            System.setProperty(RecoveryKeeper.PROPERTY, named.get("recovery-seconds"));
        }
        background = new FxBackground();
        AppContext ctx = new AppContext(background, RecentFiles.preferences(), initialLocale(named.get("lang")),
                () -> org.unroll.session.Runner.daemonThread("unroll-training"), javafx.application.Platform::runLater, FxBackground::new,
                org.unroll.session.CheckpointStore.forUser(), org.unroll.session.RecoveryStore.forUser());
        ctx.main().setNotation(initialNotation(named.get("notation")));
        ctx.main().setPresentation(initialPresentation(named));
        ctx.main().spotlightProperty().set(Boolean.parseBoolean(named.getOrDefault("spotlight", "false")));
        MainWindow w = MainWindow.create(stage, ctx);
        recovery = ctx.recovery();
        training = ctx.training();
        ctx.main().localeProperty().addListener((o, a, l) -> storeLocale(l));
        ctx.main().notationProperty().addListener((o, a, n) -> store("notation", n.key()));
        ctx.main().presentationProperty().addListener((o, a, p) -> {
            store("typeSize", Integer.toString(p.typeSize()));
            store("highContrast", Boolean.toString(p.highContrast()));
            store("logErrors", Boolean.toString(p.logErrors()));
            store("chainRule", Boolean.toString(p.chainRule()));
        });
        ctx.main().predictProperty().set(Boolean.parseBoolean(named.getOrDefault("predict", stored("predict"))));
        ctx.main().predictProperty().addListener((o, a, on) -> store("predict", Boolean.toString(on)));
        if (named.containsKey("tab")) {
            w.controller().showTab(named.get("tab"));
        }
        if (named.containsKey("window")) {
            System.setProperty("unroll.window", named.get("window"));
        }
        w.placeOnScreen();
        stage.show();
        if (Boolean.parseBoolean(named.getOrDefault("full-screen", "false"))) {
            stage.setFullScreenExitHint("");
            stage.setFullScreen(true);
        }
        MainViewModel vm = ctx.main();
        if (named.containsKey("seek") || named.containsKey("zoom") || named.containsKey("export")
                || named.containsKey("worksheet") || named.containsKey("select") || named.containsKey("edit")
                || named.containsKey("gradcheck") || named.containsKey("import")) {
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
                        if (Boolean.parseBoolean(named.getOrDefault("worksheet", "false"))) {
                            javafx.application.Platform.runLater(() -> {
                                javafx.stage.Stage d = w.controller().worksheet();
                                javafx.geometry.Rectangle2D b = javafx.stage.Screen.getPrimary().getVisualBounds();
                                d.setX(Math.max(b.getMinX(), Math.min(stage.getX() + 260, b.getMaxX() - d.getWidth())));
                                d.setY(Math.max(b.getMinY(), Math.min(stage.getY() + 120, b.getMaxY() - d.getHeight())));
                            });
                        }
                        if (named.containsKey("import")) {
                            javafx.application.Platform.runLater(() -> {
                                var d = w.controller().openImport(Path.of(named.get("import")));
                                javafx.geometry.Rectangle2D b = javafx.stage.Screen.getPrimary().getVisualBounds();
                                d.stage().setX(Math.max(b.getMinX(), (b.getWidth() - d.stage().getWidth()) / 2));
                                d.stage().setY(Math.max(b.getMinY(), (b.getHeight() - d.stage().getHeight()) / 2));
                            });
                        }
                        showEdits(named, vm, s);
                        if (Boolean.parseBoolean(named.getOrDefault("reveal", "false"))) {
                            vm.reveal();
                        }
                        if (named.containsKey("term")) {
                            // a row of the gradient table selected: its two factors marked on the graph
                            // (once the inspector's snapshot has arrived from its worker)
                            int row = Integer.parseInt(named.get("term")) - 1;
                            javafx.animation.PauseTransition later = new javafx.animation.PauseTransition(
                                    javafx.util.Duration.seconds(3));
                            later.setOnFinished(ev -> {
                                w.controller().inspector().termsTable().getSelectionModel().select(row);
                                w.controller().inspector().termsTable().scrollTo(Math.max(0, row - 1));
                                w.controller().inspector().scroll().setVvalue(1);
                            });
                            later.play();
                        }
                        if (named.containsKey("export")) {
                            // a pulse later, so that the graph has drawn the seeked position
                            javafx.application.Platform.runLater(() -> {
                                ExportDialog d = w.controller().openExport(
                                        org.unroll.export.ExportView.parse(named.get("export")));
                                // offset over the window, but inside the screen (a 1280 × 720 screen is narrow)
                                javafx.geometry.Rectangle2D b = javafx.stage.Screen.getPrimary().getVisualBounds();
                                d.stage().setX(Math.max(b.getMinX(), Math.min(stage.getX() + 260,
                                        b.getMaxX() - d.stage().getWidth())));
                                d.stage().setY(Math.max(b.getMinY(), Math.min(stage.getY() + 140,
                                        b.getMaxY() - d.stage().getHeight())));
                            });
                        }
                    });
                }
            };
            vm.sessionProperty().addListener(once);
        }
        if (named.containsKey("rolled")) {
            vm.rolledProperty().set(Boolean.parseBoolean(named.get("rolled")));
        }
        if (named.containsKey("deck")) {
            String d = named.get("deck");
            if (d.startsWith("builtin:")) {
                ctx.deck().openBuiltin();
            } else {
                ctx.deck().open(Path.of(d));
            }
            if (named.containsKey("scene")) {
                int n = Integer.parseInt(named.get("scene")) - 1;
                ctx.deck().deckProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                    @Override
                    public void changed(javafx.beans.value.ObservableValue<? extends org.unroll.deck.Deck> o,
                                        org.unroll.deck.Deck a, org.unroll.deck.Deck b) {
                        o.removeListener(this);
                        ctx.deck().goTo(n, false);
                    }
                });
            }
            if (Boolean.parseBoolean(named.getOrDefault("presenter", "false"))) {
                w.togglePresenter();
            }
        } else if (named.containsKey("open") && org.unroll.session.BuiltinCases.isBuiltin(named.get("open"))) {
            vm.openBuiltin(named.get("open"));
        } else if (named.containsKey("open")) {
            vm.open(Path.of(named.get("open")));
        } else {
            vm.loadDemo();
        }
        training(named, ctx, w);
        if (Boolean.parseBoolean(named.getOrDefault("about", "false"))) {
            // for the screenshot: Help ▸ About once the window is up
            javafx.application.Platform.runLater(() -> w.controller().openAbout());
        }
        if (Boolean.parseBoolean(named.getOrDefault("close", "false"))) {
            // for the screenshot: File ▸ Quit a few seconds in (after --edit or --train), as if pressed
            javafx.animation.PauseTransition later = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(6));
            later.setOnFinished(ev -> javafx.application.Platform.runLater(() -> {
                if (w.confirmClose()) { // a dialog waits outside an animation's handler
                    javafx.application.Platform.exit();
                }
            }));
            later.play();
        }
        if (named.containsKey("soak")) {
            // the long soak (ADR 0028): training with live plots and stepping, memory sampled to a CSV
            w.controller().showTab(1);
            new org.unroll.ui.bench.Soak(vm, ctx.training(), Double.parseDouble(named.get("soak")),
                    Double.parseDouble(named.getOrDefault("soak-every", "10")),
                    Path.of(named.getOrDefault("soak-csv", "soak.csv"))).start();
        }
        background.run(() -> {
            LatexRenderer.warmUp();
            return null;
        }, x -> { }, x -> { });
    }

    /**
     * The named arguments with a file passed on its own ({@code unroll FILE.json}, what a desktop's
     * file association passes) as {@code --deck=} for a deck or scene, else {@code --open=} (ADR 0029).
     */
    static Map<String, String> withFile(Map<String, String> named, java.util.List<String> unnamed) {
        if (unnamed.isEmpty() || named.containsKey("deck") || named.containsKey("open")) {
            return named;
        }
        Map<String, String> m = new java.util.HashMap<>(named);
        m.put(isDeckOrScene(Path.of(unnamed.get(0))) ? "deck" : "open", unnamed.get(0));
        return m;
    }

    /** Whether a file is a deck or a scene ({@code "format": "unroll-deck"} or {@code "unroll-scene"}), not a case. */
    static boolean isDeckOrScene(Path file) {
        try {
            com.fasterxml.jackson.databind.JsonNode f = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(file.toFile()).get("format");
            return f != null && (org.unroll.deck.DeckFile.DECK_FORMAT.equals(f.asText())
                    || org.unroll.deck.DeckFile.SCENE_FORMAT.equals(f.asText()));
        } catch (java.io.IOException | RuntimeException e) {
            return false;   // not JSON, or unreadable: opened as a case, whose reader names the problem
        }
    }

    /**
     * {@code --select=NAME} selects a parameter (its grid under the inspector), {@code --edit=NAME[r,c]=V}
     * edits one of its numbers (as typed into the grid), {@code --gradcheck=NAME|true} opens the
     * gradient-check panel (at a parameter): what the screenshots of editing show.
     */
    private static void showEdits(Map<String, String> named, MainViewModel vm, Session s) {
        if (named.containsKey("select")) {
            org.unroll.graph.Node p = s.graph().parameter(named.get("select"));
            if (p != null) {
                vm.select(p);
            }
        }
        if (named.containsKey("edit")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\w+)\\[(\\d+)(?:,(\\d+))?\\]=(.+)")
                    .matcher(named.get("edit"));
            if (m.matches()) {
                vm.edit(org.unroll.session.CaseEdit.What.PARAMETER, m.group(1), 0, Integer.parseInt(m.group(2)),
                        m.group(3) == null ? 0 : Integer.parseInt(m.group(3)), m.group(4));
            }
        }
        if (named.containsKey("gradcheck")) {
            String g = named.get("gradcheck");
            javafx.application.Platform.runLater(() -> vm.requestGradientCheck("true".equals(g) ? null : g));
        }
    }

    /**
     * {@code --preset=NAME} fills the Training tab with one of the book's presets and shows it;
     * {@code --train=sine|adding} (or {@code --train=preset}: the preset's task) starts training at once (with
     * {@code --cell=rnn|lstm|gru}, {@code --epochs=N}, {@code --hidden=H}, {@code --optimizer=sgd|…}, {@code --lr=η}, {@code --batch=N}, {@code --clip=N} (0: none), {@code --plots=false}, {@code --log=true},
     * which override the preset) and shows the Training tab; when it finishes, the speed is printed. {@code --compare=true} starts the comparison (with
     * {@code --steps=T}) and shows its tab.
     */
    private static void training(Map<String, String> named, AppContext ctx, MainWindow w) {
        TrainingViewModel t = ctx.training();
        if (named.containsKey("preset")) {
            // --preset=NAME fills the tab as its Preset menu does (the options below still override it)
            org.unroll.session.BookPresets.find(named.get("preset")).ifPresent(t::applyPreset);
            w.controller().showTab(1);
        }
        if (named.containsKey("cell")) {
            t.cellProperty().set(org.unroll.engine.CellType.fromKey(named.get("cell")));
        }
        if (named.containsKey("epochs")) {
            t.epochsProperty().set(Integer.parseInt(named.get("epochs")));
        }
        if (named.containsKey("hidden")) {
            t.hiddenProperty().set(Integer.parseInt(named.get("hidden")));
        }
        if (named.containsKey("log")) {
            t.logLossProperty().set(Boolean.parseBoolean(named.get("log")));
        }
        if (named.containsKey("optimizer")) {
            org.unroll.engine.OptimizerKind o = org.unroll.engine.OptimizerKind.fromKey(named.get("optimizer"));
            if (o != null) {
                t.optimizerProperty().set(o);
            }
        }
        if (named.containsKey("lr")) {
            t.learningRateProperty().set(Double.parseDouble(named.get("lr")));
        }
        if (named.containsKey("batch")) {
            t.batchSizeProperty().set(Integer.parseInt(named.get("batch")));
        }
        if (named.containsKey("clip")) {
            t.clipProperty().set(Double.parseDouble(named.get("clip")));
        }
        if (named.containsKey("fps")) {
            t.setSnapshotsPerSecond(Integer.parseInt(named.get("fps")));
        }
        if (named.containsKey("plots")) {
            t.plotsShownProperty().set(Boolean.parseBoolean(named.get("plots")));
        }
        if (named.containsKey("train")) {
            if (!"preset".equals(named.get("train"))) {
                t.taskProperty().set("adding".equals(named.get("train")) ? TrainingViewModel.Task.ADDING
                        : TrainingViewModel.Task.SINE);
            }
            w.controller().showTab(1);
            t.stateProperty().addListener((o, a, s) -> {
                if (s == org.unroll.session.TrainingRun.State.DONE && t.run().latest() != null) {
                    var snap = t.run().latest();
                    System.err.printf(java.util.Locale.ROOT, "training: %d epochs in %.2f s = %.1f epochs/s (plots %s)%n",
                            snap.epoch(), snap.elapsed().toNanos() / 1e9, snap.epochsPerSecond(),
                            t.plotsShownProperty().get() ? "shown" : "hidden");
                }
            });
            t.start();
        }
        if (Boolean.parseBoolean(named.getOrDefault("compare", "false"))) {
            CompareViewModel c = ctx.compare();
            if (named.containsKey("steps")) {
                c.lengthProperty().set(Integer.parseInt(named.get("steps")));
            }
            if (named.containsKey("epochs")) {
                c.epochsProperty().set(Integer.parseInt(named.get("epochs")));
            }
            w.controller().showTab(2);
            c.start();
        }
    }

    @Override
    public void stop() {
        // a normal quit: the recovery file goes (a kill or a crash never gets here, ADR 0033)
        if (recovery != null) {
            recovery.quit();
        }
        if (training != null) {
            training.quit();    // its checkpoint's slot (ADR 0043); a run left unfinished keeps its checkpoint
        }
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
        store("language", l.toLanguageTag());
    }

    private static void store(String key, String value) {
        try {
            Preferences.userRoot().node("org/unroll/ui").put(key, value);
        } catch (RuntimeException e) {
            // a preference is a convenience
        }
    }

    /**
     * The presentation of {@code --type-size}, {@code --high-contrast}, {@code --log-errors}, each
     * else the stored one, else the desktop's; a bad value is named on stderr and the default used.
     */
    static org.unroll.view.Presentation initialPresentation(Map<String, String> named) {
        int size = 0;
        String arg = named.get("type-size");
        String key = arg != null ? arg : stored("typeSize");
        if (key != null) {
            try {
                size = Integer.parseInt(key.trim());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 0 || size > org.unroll.view.Presentation.MAX_TYPE_SIZE) {
                if (arg != null) {
                    System.err.println("unroll: --type-size=" + arg + " is not a type size (0 to "
                            + org.unroll.view.Presentation.MAX_TYPE_SIZE + "); using 0");
                }
                size = 0;
            }
        }
        boolean contrast = Boolean.parseBoolean(named.getOrDefault("high-contrast", stored("highContrast")));
        boolean log = Boolean.parseBoolean(named.getOrDefault("log-errors", stored("logErrors")));
        String chain = named.getOrDefault("chain-rule", stored("chainRule"));
        return new org.unroll.view.Presentation(size, contrast, log, chain == null || Boolean.parseBoolean(chain));
    }

    private static String stored(String key) {
        try {
            return Preferences.userRoot().node("org/unroll/ui").get(key, null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The notation of {@code --notation}, else the stored one, else the book's. */
    private static org.unroll.graph.Notation initialNotation(String arg) {
        String key = arg;
        if (key == null) {
            try {
                key = Preferences.userRoot().node("org/unroll/ui").get("notation", null);
            } catch (RuntimeException e) {
                key = null;
            }
        }
        org.unroll.graph.Notation n = org.unroll.graph.Notation.fromKey(key);
        if (n == null && arg != null) {
            System.err.println("unroll: unknown --notation=" + arg + " (book, tensorflow, keras or pytorch); using book");
        }
        return n == null ? org.unroll.graph.Notation.BOOK : n;
    }
}
