package org.unroll.ui.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ResourceBundle;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Callback;

/**
 * A feature's dialog over the main window, from its FXML: modal to the window, with the window's
 * style sheets and font, closed by Escape; what it does when hidden is the feature's.
 *
 * @param stage the dialog's stage, shown
 * @param loader the loader (its controller)
 */
public record ModalDialog(Stage stage, FXMLLoader loader) {

    /**
     * Loads and shows the dialog.
     *
     * @param fontStyle the window's font style (a family with Japanese glyphs when needed), or null
     * @param onHidden run when the dialog closes (stops its work under way)
     */
    public static ModalDialog show(Window owner, String fxml, ResourceBundle bundle, Callback<Class<?>, Object> controllers,
                                   String title, String fontStyle, Runnable onHidden) {
        FXMLLoader loader = Fxml.loader(fxml, bundle, controllers);
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (fontStyle != null && !fontStyle.isEmpty()) {
            root.setStyle(fontStyle);
        }
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle(title);
        Scene scene = new Scene(root);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                stage.close();
            }
        });
        stage.setOnHidden(e -> onHidden.run());
        stage.setScene(scene);
        stage.show();
        return new ModalDialog(stage, loader);
    }
}
