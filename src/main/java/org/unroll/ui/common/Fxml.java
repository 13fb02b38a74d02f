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

    /** Loads a loader's file (a missing or broken FXML file is a bug: unchecked). */
    public static javafx.scene.Parent load(FXMLLoader loader) {
        try {
            return loader.load();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
