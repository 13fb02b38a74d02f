package org.unroll.ui.deck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.fxml.FXMLLoader;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;
import org.unroll.ui.MainViewModel;
import org.unroll.ui.common.Fxml;

/**
 * The presenter's window: the speaker notes, the next stop, a timer and the current equation of
 * the open deck. Its keys drive the same deck as the audience's window (→ or PageDown, ← or
 * PageUp). With one screen it is a normal window beside the main one; {@link #placeOn} puts it on
 * a screen of its own. Rebuilt when the language changes.
 */
public final class PresenterWindow {

    private final Stage stage = new Stage();
    private final DeckViewModel deck;
    private final MainViewModel main;
    private final Scene scene;
    private final Timeline timer = new Timeline(new KeyFrame(Duration.seconds(1), e -> tick()));
    private final javafx.beans.value.ChangeListener<java.util.ResourceBundle> bundleListener = (o, a, b) -> reload();
    private PresenterController controller;
    private final java.util.function.Function<java.util.Locale, String> families;

    private PresenterWindow(Window owner, DeckViewModel deck, MainViewModel main,
                            java.util.function.Function<java.util.Locale, String> families) {
        this.deck = deck;
        this.main = main;
        this.families = families;
        this.scene = new Scene(load(), 900, 620);
        URL css = PresenterWindow.class.getResource("/css/unroll.css");
        if (css != null) {
            scene.getStylesheets().add(css.toExternalForm());
        }
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        stage.setScene(scene);
        stage.titleProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> main.getBundle().getString("presenter.title"), main.bundleProperty()));
        main.bundleProperty().addListener(bundleListener);
        timer.setCycleCount(Timeline.INDEFINITE);
        stage.setOnShown(e -> timer.play());
        stage.setOnHidden(e -> {
            timer.stop();
            main.bundleProperty().removeListener(bundleListener);
            controller.dispose();
        });
        if (owner != null) {
            // beside the audience's window when the screen has room, else over its corner
            Rectangle2D b = Screen.getPrimary().getVisualBounds();
            double right = owner.getX() + owner.getWidth() + 8;
            boolean room = right + 600 <= b.getMaxX();
            stage.setX(room ? right : owner.getX() + 40);
            stage.setY(room ? owner.getY() : owner.getY() + 40);
            if (room) {
                stage.setWidth(Math.min(900, b.getMaxX() - right));
                stage.setHeight(Math.min(720, b.getHeight()));
            }
        }
    }

    /**
     * Opens the presenter view (not yet shown: call {@link #show()}).
     *
     * @param owner the audience's window (the presenter view opens beside it), or null
     * @param deck the deck it shows and drives
     * @param main the window's state (the language)
     * @param families the font family of a language (one with Japanese glyphs for Japanese), or null for the default
     */
    public static PresenterWindow create(Window owner, DeckViewModel deck, MainViewModel main,
                                         java.util.function.Function<java.util.Locale, String> families) {
        return new PresenterWindow(owner, deck, main, families);
    }

    public Stage stage() {
        return stage;
    }

    public PresenterController controller() {
        return controller;
    }

    public void show() {
        stage.show();
        stage.toFront();
    }

    /** Fills a screen with the presenter view (the laptop's, when the projector shows the graph). */
    public void placeOn(Screen s) {
        Rectangle2D b = s.getVisualBounds();
        stage.setX(b.getMinX());
        stage.setY(b.getMinY());
        stage.setWidth(b.getWidth());
        stage.setHeight(b.getHeight());
    }

    private void tick() {
        deck.tick();
    }

    private Parent load() {
        FXMLLoader loader = Fxml.loader("/fxml/deck/presenter.fxml", main.getBundle(), type -> {
            if (type == PresenterController.class) {
                return new PresenterController(deck);
            }
            throw new IllegalStateException("no controller " + type.getName());
        });
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        controller = loader.getController();
        String fontFamily = families.apply(main.localeProperty().get());
        if (fontFamily != null) {
            root.setStyle("-fx-font-family: \"" + fontFamily + "\";");
        }
        return root;
    }

    private void reload() {
        PresenterController old = controller;
        Parent root = load();
        if (old != null) {
            old.dispose();
        }
        scene.setRoot(root);
    }

    private void key(KeyEvent e) {
        KeyCode k = e.getCode();
        if (e.isShortcutDown() || e.isAltDown()) {
            return;
        }
        if (k == KeyCode.RIGHT || k == KeyCode.PAGE_DOWN || k == KeyCode.SPACE) {
            deck.next();
            e.consume();
        } else if (k == KeyCode.LEFT || k == KeyCode.PAGE_UP) {
            deck.previous();
            e.consume();
        } else if (k == KeyCode.R && deck.isOpen()) {
            deck.reveal();
            e.consume();
        } else if (k == KeyCode.ESCAPE) {
            stage.hide();
            e.consume();
        }
    }
}
