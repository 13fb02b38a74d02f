package org.unroll.ui.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.unroll.ui.common.Fxml;

/** Opens the Import dialog over the window and starts reading the file. */
public final class ImportDialog {

    private final Stage stage;

    private ImportDialog(Stage stage) {
        this.stage = stage;
    }

    /**
     * @param owner the main window
     * @param vm the dialog's view-model
     * @param file the file to read
     * @param fontStyle the window's font style (a family with Japanese glyphs when needed), or null
     */
    public static ImportDialog open(Window owner, ImportViewModel vm, Path file, String fontStyle) {
        FXMLLoader loader = Fxml.loader("/fxml/importer/import.fxml", vm.bundle(), type -> new ImportController(vm));
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
        stage.setTitle(vm.bundle().getString("import.dialog.title"));
        Scene scene = new Scene(root);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                stage.close();
            }
        });
        stage.setOnHidden(e -> vm.cancel());
        stage.setScene(scene);
        stage.show();
        vm.read(file);
        return new ImportDialog(stage);
    }

    public Stage stage() {
        return stage;
    }
}
