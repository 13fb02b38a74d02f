package org.unroll.ui.importer;

import java.nio.file.Path;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.unroll.ui.common.ModalDialog;

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
        ModalDialog d = ModalDialog.show(owner, "/fxml/importer/import.fxml", vm.bundle(),
                type -> new ImportController(vm), vm.bundle().getString("import.dialog.title"), fontStyle, vm::cancel);
        Stage stage = d.stage();
        vm.read(file);
        return new ImportDialog(stage);
    }

    public Stage stage() {
        return stage;
    }
}
