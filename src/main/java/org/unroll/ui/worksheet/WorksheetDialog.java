package org.unroll.ui.worksheet;

import javafx.stage.Stage;
import javafx.stage.Window;
import org.unroll.ui.common.ModalDialog;

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
        return ModalDialog.show(owner, "/fxml/worksheet/worksheet.fxml", vm.bundle(), type -> new WorksheetController(vm),
                vm.bundle().getString("worksheet.dialog.title"), fontStyle, () -> { }).stage();
    }
}
