package org.unroll.ui;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.fxml.FXMLLoader;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.text.Font;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.unroll.ui.common.Fxml;

/**
 * Builds the main window from {@code fxml/main.fxml} with the resource bundle of the chosen
 * language, and rebuilds its content when the language changes (the state lives in the
 * view-models, so nothing is lost). Owns what belongs to the window rather than to one feature:
 * the keyboard, drag and drop of case files, the playback clock and the problem dialogs.
 */
public final class MainWindow {

    /** The font family used for Japanese (IPA Gothic has Latin and Japanese glyphs). */
    static final List<String> JAPANESE_FAMILIES = List.of("IPAPGothic", "IPAGothic", "IPAexGothic",
            "Noto Sans CJK JP", "Noto Sans JP");

    private final Stage stage;
    private final AppContext ctx;
    private final Scene scene;
    private final Timeline clock = new Timeline();
    private MainController controller;
    private Alert lastAlert;
    private org.unroll.ui.deck.PresenterWindow presenter;
    /** Covers the window in black while a presenter blanks the screen (B or '.', as clickers send). */
    private final javafx.scene.layout.Region blank = new javafx.scene.layout.Region();
    /** The presenter's spotlight: the window dimmed but for a circle around the mouse (L). */
    private final javafx.scene.canvas.Canvas spotlight = new javafx.scene.canvas.Canvas();
    private double mouseX = Double.NaN;
    private double mouseY = Double.NaN;
    /** Full screen hides the controls after this long without the mouse moving. */
    static final Duration IDLE = Duration.seconds(3);
    private final javafx.animation.PauseTransition idle = new javafx.animation.PauseTransition(IDLE);

    /** The close confirmation shown, while it is (for tests and screenshots); else null. */
    private Alert closeAlert;

    /** The close confirmation while it is shown, else null. */
    public Alert closeAlert() {
        return closeAlert;
    }

    /**
     * Whether the window may close: at once when nothing would be lost, else when the user chose
     * Quit anyway in the confirmation (unsaved edits, a running job, trained weights; ADR 0028).
     */
    public boolean confirmClose() {
        var t = ctx.training().run();
        java.util.List<String> losses = CloseGuard.losses(ctx.main().editedProperty().get(),
                t == null ? null : t.state());
        if (losses.isEmpty()) {
            return true;
        }
        java.util.ResourceBundle b = ctx.main().getBundle();
        javafx.scene.control.ButtonType quit = new javafx.scene.control.ButtonType(b.getString("close.quit"),
                javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        javafx.scene.control.ButtonType cancel = new javafx.scene.control.ButtonType(b.getString("close.cancel"),
                javafx.scene.control.ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, CloseGuard.text(b, losses), quit, cancel);
        a.initOwner(stage);
        a.setTitle(b.getString("close.title"));
        a.setHeaderText(b.getString("close.header"));
        ((javafx.scene.control.Button) a.getDialogPane().lookupButton(cancel)).setDefaultButton(true);
        ((javafx.scene.control.Button) a.getDialogPane().lookupButton(quit)).setDefaultButton(false);
        closeAlert = a;
        try {
            return a.showAndWait().filter(quit::equals).isPresent();
        } finally {
            closeAlert = null;
        }
    }

    private MainWindow(Stage stage, AppContext ctx) {
        this.stage = stage;
        this.ctx = ctx;
        this.scene = new Scene(load(), 1600, 950);
        URL css = MainWindow.class.getResource("/css/unroll.css");
        if (css != null) {
            scene.getStylesheets().add(css.toExternalForm());
        }
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        scene.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_MOVED, this::mouseMoved);
        scene.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_DRAGGED, this::mouseMoved);
        idle.setOnFinished(e -> hideControls());
        stage.setOnCloseRequest(e -> {
            if (!confirmClose()) {
                e.consume(); // Cancel: the window stays
            }
        });
        stage.fullScreenProperty().addListener((o, a, full) -> {
            if (full) {
                idle.playFromStart();
            } else {
                idle.stop();
                controller.setControlsShown(true);
            }
        });
        ctx.main().spotlightProperty().addListener((o, a, on) -> drawSpotlight());
        ctx.main().presentationProperty().addListener((o, a, p) -> drawSpotlight());
        scene.setOnDragOver(this::dragOver);
        scene.setOnDragDropped(this::dropped);
        MainViewModel vm = ctx.main();
        vm.aheadGate().attach(scene);
        vm.localeProperty().addListener((o, a, b) -> reload());
        vm.setOnProblem(this::problem);
        vm.setOnGradientCheck(this::gradientCheck);
        vm.playingProperty().addListener((o, a, b) -> clock());
        vm.speedProperty().addListener((o, a, b) -> clock());
        stage.titleProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> vm.getBundle().getString("app.title")
                        + (vm.titleProperty().get().isEmpty() ? "" : " — " + vm.titleProperty().get()),
                vm.titleProperty(), vm.bundleProperty()));
        stage.setScene(scene);
        RecoveryKeeper recovery = ctx.recovery();
        if (recovery != null) {
            recovery.setTabs(() -> controller.currentTabName(), n -> controller.showTab(n));
            recovery.offerProperty().addListener((o, a, r) -> {
                if (r != null) {
                    whenShown(() -> offerRecovery(r));
                }
            });
            recovery.start();
        }
    }

    /** Runs {@code r} once the stage is showing (at once, a pulse later, when it is). */
    private void whenShown(Runnable r) {
        if (stage.isShowing()) {
            javafx.application.Platform.runLater(r);
            return;
        }
        stage.showingProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean a, Boolean on) {
                if (on) {
                    o.removeListener(this);
                    javafx.application.Platform.runLater(r);
                }
            }
        });
    }

    /** The offer to restore the last session while it is shown, else null (tests and screenshots). */
    private Alert recoveryAlert;

    /** The offer to restore the session left by a kill or a crash while it is shown, else null. */
    public Alert recoveryAlert() {
        return recoveryAlert;
    }

    /**
     * After a kill or a crash: what the recovery file holds, with Restore (the default) and Discard
     * (ADR 0033). The dialog has no Cancel: closing it is one of the two.
     */
    private void offerRecovery(org.unroll.session.Recovery r) {
        ResourceBundle b = ctx.main().getBundle();
        javafx.scene.control.ButtonType restore = new javafx.scene.control.ButtonType(b.getString("recovery.restore"),
                javafx.scene.control.ButtonBar.ButtonData.YES);
        javafx.scene.control.ButtonType discard = new javafx.scene.control.ButtonType(b.getString("recovery.discard"),
                javafx.scene.control.ButtonBar.ButtonData.NO);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, RecoveryText.describe(b, r, ctx.main().localeProperty().get()),
                restore, discard);
        a.initOwner(stage);
        a.initModality(javafx.stage.Modality.WINDOW_MODAL);
        a.setTitle(b.getString("recovery.title"));
        a.setHeaderText(b.getString("recovery.header"));
        a.getDialogPane().setId("recoveryDialog");
        a.getDialogPane().setMinWidth(560);
        String family = fontFamily(ctx.main().localeProperty().get());
        if (family != null) {
            a.getDialogPane().setStyle("-fx-font-family: \"" + family + "\";");
        }
        ((javafx.scene.control.Button) a.getDialogPane().lookupButton(restore)).setDefaultButton(true);
        recoveryAlert = a;
        a.resultProperty().addListener((o, x, chosen) -> {
            recoveryAlert = null;
            if (restore.equals(chosen)) {
                ctx.recovery().restore();
            } else if (discard.equals(chosen)) {
                ctx.recovery().discard();
            }
        });
        a.show();
    }

    /** Builds the window on a stage and shows it. */
    public static MainWindow open(Stage stage, AppContext ctx) {
        MainWindow w = new MainWindow(stage, ctx);
        stage.show();
        return w;
    }

    /** Builds the window on a stage without showing it (tests show it themselves). */
    public static MainWindow create(Stage stage, AppContext ctx) {
        return new MainWindow(stage, ctx);
    }

    /** Sizes the window to the screen (Xvfb has no window manager to do it). */
    public void placeOnScreen() {
        Rectangle2D b = Screen.getPrimary().getVisualBounds();
        String size = System.getProperty("unroll.window");
        double w = Math.min(1920, b.getWidth());
        double h = Math.min(1080, b.getHeight());
        if (size != null && size.matches("\\d+x\\d+")) {
            w = Double.parseDouble(size.substring(0, size.indexOf('x')));
            h = Double.parseDouble(size.substring(size.indexOf('x') + 1));
        }
        stage.setX(b.getMinX());
        stage.setY(b.getMinY());
        stage.setWidth(w);
        stage.setHeight(h);
    }

    public Scene scene() {
        return scene;
    }

    public MainController controller() {
        return controller;
    }

    /** The last problem dialog shown, or null. */
    public Alert lastAlert() {
        return lastAlert;
    }

    private Parent load() {
        ResourceBundle bundle = ctx.main().getBundle();
        FXMLLoader loader = Fxml.loader("/fxml/main.fxml", bundle, ctx.controllers());
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        controller = loader.getController();
        controller.setOnPresenter(this::togglePresenter);
        controller.setOnQuit(() -> {
            if (confirmClose()) {
                javafx.application.Platform.exit();
            }
        });
        String family = fontFamily(ctx.main().localeProperty().get());
        // the window's content under the black cover the presenter's B key shows
        blank.setStyle("-fx-background-color: black;");
        blank.setVisible(false);
        blank.setId("blankScreen");
        spotlight.setId("spotlight");
        spotlight.setMouseTransparent(true);
        spotlight.setManaged(false);
        javafx.scene.layout.StackPane stack = new javafx.scene.layout.StackPane(root, spotlight, blank);
        spotlight.widthProperty().bind(stack.widthProperty());
        spotlight.heightProperty().bind(stack.heightProperty());
        spotlight.widthProperty().addListener((o, a, b) -> drawSpotlight());
        spotlight.heightProperty().addListener((o, a, b) -> drawSpotlight());
        root = stack;
        if (stage.isFullScreen() && controller != null) {
            idle.playFromStart();
        }
        if (family != null) {
            root.setStyle("-fx-font-family: \"" + family + "\";");
        }
        controller.setFontFamily(family != null ? family : Font.getDefault().getFamily());
        return root;
    }

    /** A font family with Japanese glyphs when the language is Japanese, else null (the default). */
    static String fontFamily(Locale l) {
        if (l == null || !"ja".equals(l.getLanguage())) {
            return null;
        }
        List<String> have = Font.getFamilies();
        for (String f : JAPANESE_FAMILIES) {
            if (have.contains(f)) {
                return f;
            }
        }
        return null;
    }

    private void reload() {
        if (gradCheck != null) {
            // its texts are in the old language: made again, and opened again if it was open
            boolean shown = gradCheck.stage().isShowing();
            String at = ctx.gradCheck().focusedProperty().get();
            gradCheck.stage().hide();
            gradCheck = null;
            if (shown) {
                gradientCheck(at);
            }
        }
        MainController old = controller;
        Parent root = load();
        if (old != null) {
            old.dispose();
        }
        scene.setRoot(root);
    }

    private void clock() {
        clock.stop();
        if (ctx.main().playingProperty().get()) {
            clock.getKeyFrames().setAll(new KeyFrame(Duration.seconds(1 / ctx.main().speedProperty().get()),
                    e -> ctx.main().tick()));
            clock.setCycleCount(Timeline.INDEFINITE);
            clock.play();
        }
    }

    private org.unroll.ui.gradcheck.GradCheckWindow gradCheck;

    /** View ▸ Gradient check… (or the inspector's link at a parameter): the panel's window, made once per language. */
    private void gradientCheck(String parameter) {
        if (gradCheck == null) {
            String family = fontFamily(ctx.main().localeProperty().get());
            gradCheck = org.unroll.ui.gradcheck.GradCheckWindow.create(stage, ctx.gradCheck(), ctx.main()::getBundle,
                    family == null ? null : "-fx-font-family: \"" + family + "\";");
        }
        gradCheck.show(parameter);
    }

    /** The gradient-check window, if it has been opened (tests read it), or null. */
    public org.unroll.ui.gradcheck.GradCheckWindow gradientCheckWindow() {
        return gradCheck;
    }

    /** The presenter view, if it has been opened (tests read it), or null. */
    public org.unroll.ui.deck.PresenterWindow presenter() {
        return presenter;
    }

    /** View ▸ Presenter View: opens the presenter's window beside this one, or closes it. */
    public void togglePresenter() {
        if (presenter != null && presenter.stage().isShowing()) {
            presenter.stage().hide();
            return;
        }
        openPresenter();
    }

    private void openPresenter() {
        if (presenter == null || !presenter.stage().isShowing()) {
            presenter = org.unroll.ui.deck.PresenterWindow.create(stage, ctx.deck(), ctx.main(), MainWindow::fontFamily);
        }
        presenter.show();
    }

    // ---- presentation: controls that hide, the spotlight, the screen ----

    private void mouseMoved(javafx.scene.input.MouseEvent e) {
        boolean moved = e.getSceneX() != mouseX || e.getSceneY() != mouseY;
        mouseX = e.getSceneX();
        mouseY = e.getSceneY();
        if (!moved) {
            // the layout moved under a still mouse (controls hidden): not the presenter's hand
            return;
        }
        if (ctx.main().spotlightProperty().get()) {
            drawSpotlight();
        }
        if (stage.isFullScreen()) {
            if (!controller.controlsShown()) {
                controller.setControlsShown(true);
            }
            idle.playFromStart();
        }
    }

    /** How long the mouse rests, full screen, before the controls hide ({@link #IDLE}; tests set it long). */
    public void setIdleDelay(Duration d) {
        idle.setDuration(d == null ? IDLE : d);
    }

    /**
     * What the idle timer does after {@link #IDLE} without the mouse moving, full screen: hides the
     * menus, the toolbar, the tabs' headers and the status bar (tests call it instead of waiting).
     */
    public void hideControls() {
        if (stage.isFullScreen()) {
            controller.setControlsShown(false);
        }
    }

    /** Whether the window's controls are shown (they hide full screen while the mouse rests). */
    public boolean controlsShown() {
        return controller.controlsShown();
    }

    /** Whether the presenter's spotlight is on. */
    public boolean isSpotlightOn() {
        return spotlight.isVisible() && ctx.main().spotlightProperty().get();
    }

    /** The spotlight's centre in the scene (NaN before the mouse has moved over the window). */
    public double[] spotlightCentre() {
        return new double[] {mouseX, mouseY};
    }

    /** The spotlight's radius: larger at a larger type size. */
    double spotlightRadius() {
        return 95 * (1 + (ctx.main().getPresentation().scale() - 1) * 0.35);
    }

    /** Draws the spotlight: everything dimmed but a circle around the mouse, with a red rim. */
    private void drawSpotlight() {
        boolean on = ctx.main().spotlightProperty().get();
        spotlight.setVisible(on);
        javafx.scene.canvas.GraphicsContext g = spotlight.getGraphicsContext2D();
        double w = spotlight.getWidth();
        double h = spotlight.getHeight();
        g.clearRect(0, 0, w, h);
        if (!on) {
            return;
        }
        double cx = Double.isNaN(mouseX) ? w / 2 : mouseX;
        double cy = Double.isNaN(mouseY) ? h / 2 : mouseY;
        double r = spotlightRadius();
        g.setFillRule(javafx.scene.shape.FillRule.EVEN_ODD);
        g.setFill(javafx.scene.paint.Color.rgb(0, 0, 0, 0.55));
        g.beginPath();
        g.rect(0, 0, w, h);
        g.moveTo(cx + r, cy);
        g.arc(cx, cy, r, r, 0, 360);
        g.closePath();
        g.fill();
        g.setStroke(javafx.scene.paint.Color.rgb(230, 30, 30));
        g.setLineWidth(3);
        g.strokeOval(cx - r, cy - r, 2 * r, 2 * r);
    }

    /**
     * F5 or F11: full screen, or back. With a deck open and two screens, this window goes full
     * screen on the second screen (the projector) and the presenter view opens on the first (the
     * laptop); otherwise on the screen chosen under View ▸ Presentation (the window is moved there
     * first) or the one the window is on.
     */
    private void toggleFullScreen() {
        stage.setFullScreenExitHint(ctx.main().getBundle().getString("window.fullScreenHint"));
        if (!stage.isFullScreen()) {
            List<Screen> screens = Screen.getScreens();
            int chosen = ctx.main().presentationScreenProperty().get();
            if (ctx.deck().isOpen() && screens.size() >= 2) {
                Screen primary = Screen.getPrimary();
                Screen audience = chosen >= 0 && chosen < screens.size() && !screens.get(chosen).equals(primary)
                        ? screens.get(chosen)
                        : screens.stream().filter(x -> !x.equals(primary)).findFirst().orElse(screens.get(1));
                Rectangle2D b = audience.getBounds();
                stage.setX(b.getMinX());
                stage.setY(b.getMinY());
                openPresenter();
                presenter.placeOn(primary);
            } else if (chosen >= 0 && chosen < screens.size()) {
                Rectangle2D b = screens.get(chosen).getVisualBounds();
                if (!b.contains(stage.getX() + stage.getWidth() / 2, stage.getY() + stage.getHeight() / 2)) {
                    stage.setX(b.getMinX());
                    stage.setY(b.getMinY());
                }
            }
        }
        stage.setFullScreen(!stage.isFullScreen());
    }

    /** Whether the screen is blanked (B or '.'; again to return). */
    public boolean isBlanked() {
        return blank.isVisible();
    }

    private void key(KeyEvent e) {
        Node focus = scene.getFocusOwner();
        if (focus instanceof TextInputControl || focus instanceof ComboBoxBase || focus instanceof ChoiceBox) {
            return;
        }
        MainViewModel vm = ctx.main();
        KeyCode k = e.getCode();
        boolean handled = true;
        if (k == KeyCode.RIGHT && e.isShiftDown()) {
            vm.nextStep();
        } else if (k == KeyCode.LEFT && e.isShiftDown()) {
            vm.previousStep();
        } else if ((k == KeyCode.RIGHT || k == KeyCode.PAGE_DOWN) && !e.isShortcutDown() && ctx.deck().isOpen()) {
            ctx.deck().next();
        } else if ((k == KeyCode.LEFT || k == KeyCode.PAGE_UP) && !e.isShortcutDown() && ctx.deck().isOpen()) {
            ctx.deck().previous();
        } else if ((k == KeyCode.RIGHT || k == KeyCode.PAGE_DOWN) && !e.isShortcutDown()) {
            vm.next();
        } else if ((k == KeyCode.LEFT || k == KeyCode.PAGE_UP) && !e.isShortcutDown()) {
            vm.previous();
        } else if (k == KeyCode.SPACE) {
            vm.togglePlay();
        } else if (k == KeyCode.HOME) {
            vm.toStart();
        } else if (k == KeyCode.END) {
            vm.toEnd();
        } else if (k == KeyCode.Y && e.isShortcutDown()) {
            vm.redo(); // Ctrl+Y, beside Edit ▸ Redo's Ctrl+Shift+Z
        } else if (k == KeyCode.B && e.isShortcutDown()) {
            vm.toBackward();
        } else if ((k == KeyCode.B || k == KeyCode.PERIOD) && !e.isShortcutDown() && !e.isAltDown()) {
            blank.setVisible(!blank.isVisible());
        } else if (k == KeyCode.F5 || k == KeyCode.F11) {
            toggleFullScreen();
        } else if (k == KeyCode.R && !e.isShortcutDown() && !e.isAltDown() && !e.isShiftDown()) {
            vm.reveal();
        } else if (k == KeyCode.L && !e.isShortcutDown() && !e.isAltDown() && !e.isShiftDown()) {
            vm.spotlightProperty().set(!vm.spotlightProperty().get());
        } else if (k == KeyCode.CLOSE_BRACKET && !e.isShortcutDown()) {
            vm.largerType();
        } else if (k == KeyCode.OPEN_BRACKET && !e.isShortcutDown()) {
            vm.smallerType();
        } else if (e.isShortcutDown() && zoomKey(e) != 0) {
            switch (zoomKey(e)) {
                case 1 -> controller.zoomIn();
                case -1 -> controller.zoomOut();
                default -> controller.zoomToFit();
            }
        } else {
            handled = false;
        }
        if (handled) {
            e.consume();
            // laid out and drawn in a pulse at once, not at the timer's next tick (ADR 0034)
            org.unroll.ui.common.Pulses.now();
        }
    }

    /**
     * What a key pressed with Ctrl (⌘) does to the zoom: 1 in, -1 out, 2 fit, 0 nothing. "Ctrl +" is
     * whatever key types '+' or '=': PLUS, EQUALS with or without Shift (US: Ctrl+Shift+=), the
     * keypad's ADD; out: MINUS or SUBTRACT; fit: 0 or the keypad's 0. The window handles them all
     * here, Shift or not, so the View menu's accelerators (Shortcut+Equals …, which match without
     * Shift only) never zoom twice.
     */
    static int zoomKey(KeyEvent e) {
        return switch (e.getCode()) {
            case PLUS, EQUALS, ADD -> 1;
            case MINUS, SUBTRACT -> -1;
            case DIGIT0, NUMPAD0 -> 2;
            default -> 0;
        };
    }

    private void dragOver(DragEvent e) {
        if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY);
        }
        e.consume();
    }

    private void dropped(DragEvent e) {
        List<File> files = e.getDragboard().hasFiles() ? e.getDragboard().getFiles() : List.of();
        if (!files.isEmpty()) {
            java.nio.file.Path f = files.get(0).toPath();
            if (isCase(f)) {
                ctx.main().open(f);
            } else {
                controller.openImport(f);
            }
        }
        e.setDropCompleted(!files.isEmpty());
        e.consume();
    }

    /** A dropped file that is not a case (.json) goes to the Import dialog (a Keras or PyTorch file). */
    static boolean isCase(java.nio.file.Path f) {
        return f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    }

    private void problem(MainViewModel.Problem p) {
        Alert a = new Alert(Alert.AlertType.ERROR);
        a.initOwner(stage);
        a.setTitle(p.title());
        a.setHeaderText(p.header());
        a.setContentText(p.message());
        a.getDialogPane().setId("problemDialog");
        a.getDialogPane().setMinWidth(520);
        String family = fontFamily(ctx.main().localeProperty().get());
        if (family != null) {
            a.getDialogPane().setStyle("-fx-font-family: \"" + family + "\";");
        }
        lastAlert = a;
        a.show();
    }
}
