package org.unroll.ui.worksheet;

import java.io.IOException;
import java.io.UncheckedIOException;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.unroll.ui.common.Fxml;

/** Opens File ▸ Worksheet… over the window, for the window's case. */
public final class WorksheetDialog {

    private WorksheetDialog() {
    }

    /**
     * Opens the dialog.
     *
     * @param owner the main window
     * @param vm the dialog's view-model (it keeps the choices between openings)
     * @param fontStyle the window's font style (a family with Japanese glyphs when needed), or null
     * @return the dialog's stage
     */
    public static Stage open(Window owner, WorksheetViewModel vm, String fontStyle) {
        vm.prepare();
        FXMLLoader loader = Fxml.loader("/fxml/worksheet/worksheet.fxml", vm.bundle(),
                type -> new WorksheetController(vm));
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
        stage.setTitle(vm.bundle().getString("worksheet.dialog.title"));
        Scene scene = new Scene(root);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                stage.close();
            }
        });
        stage.setScene(scene);
        stage.show();
        return stage;
    }
}
