package org.unroll.ui.common;

import java.util.ResourceBundle;
import javafx.fxml.FXMLLoader;
import javafx.util.Callback;

/** Loaders of the app's FXML files (under {@code /fxml/}), whose controllers are made by a factory. */
public final class Fxml {

    private Fxml() {
    }

    /**
     * A loader of one FXML file.
     *
     * @param fxml the resource, {@code /fxml/main.fxml} or {@code /fxml/<feature>/<name>.fxml}
     * @param bundle the strings
     * @param controllers makes each controller (a feature controller with its own view-model)
     */
    public static FXMLLoader loader(String fxml, ResourceBundle bundle, Callback<Class<?>, Object> controllers) {
        var url = Fxml.class.getResource(fxml);
        if (url == null) {
            throw new IllegalStateException("no " + fxml);
        }
        FXMLLoader loader = new FXMLLoader(url, bundle);
        loader.setControllerFactory(controllers);
        return loader;
    }

    /**
     * Loads an FXML file as the content of a dialog over a window and shows it: modal to the
     * window, with its style sheets and font style, closed by Esc.
     *
     * @param owner the main window (null in tests without one)
     * @param loader a loader of the dialog's FXML file ({@link #loader})
     * @param title the dialog's title
     * @param fontStyle the window's font style (a family with Japanese glyphs when needed), or null
     * @param onHidden run when the dialog closes, or null
     * @return the dialog's stage, shown
     */
    public static javafx.stage.Stage dialog(javafx.stage.Window owner, FXMLLoader loader, String title, String fontStyle,
                                            Runnable onHidden) {
        javafx.scene.Parent root = load(loader);
        if (fontStyle != null && !fontStyle.isEmpty()) {
            root.setStyle(fontStyle);
        }
        javafx.stage.Stage stage = new javafx.stage.Stage();
        stage.initOwner(owner);
        stage.initModality(javafx.stage.Modality.WINDOW_MODAL);
        stage.setTitle(title);
        javafx.scene.Scene scene = new javafx.scene.Scene(root);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE) {
                stage.close();
            }
        });
        if (onHidden != null) {
            stage.setOnHidden(e -> onHidden.run());
        }
        stage.setScene(scene);
        stage.show();
        return stage;
    }

    /** Loads a loader's file (a missing or broken FXML file is a bug: unchecked). */
    public static javafx.scene.Parent load(FXMLLoader loader) {
        try {
            return loader.load();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
