package org.unroll.ui.export;

import java.awt.geom.Rectangle2D;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.unroll.export.ExportView;
import org.unroll.ui.common.ModalDialog;

/** Opens the Export dialog over the window, ready for what the window shows now. */
public final class ExportDialog {

    private final Stage stage;
    private final ExportController controller;

    private ExportDialog(Stage stage, ExportController controller) {
        this.stage = stage;
        this.controller = controller;
    }

    /**
     * Opens the dialog.
     *
     * @param owner the main window
     * @param vm the dialog's view-model (it keeps the choices between openings)
     * @param initial the view to show first (null: the last one)
     * @param region the part of the graph the window shows (world coordinates), or null
     * @param viewWidth the width of the view on screen
     * @param viewHeight the height of the view on screen
     * @param fontStyle the window's font style (a family with Japanese glyphs when needed), or null
     */
    public static ExportDialog open(Window owner, ExportViewModel vm, ExportView initial, Rectangle2D region,
                                    int viewWidth, int viewHeight, String fontStyle) {
        vm.prepare(initial, region, viewWidth, viewHeight);
        // closing the dialog stops an export under way (a long GIF) rather than leaving it running
        ModalDialog d = ModalDialog.show(owner, "/fxml/export/export.fxml", vm.bundle(), type -> new ExportController(vm),
                vm.bundle().getString("export.dialog.title"), fontStyle, vm::cancel);
        return new ExportDialog(d.stage(), d.loader().getController());
    }

    public Stage stage() {
        return stage;
    }

    public ExportController controller() {
        return controller;
    }

    /**
     * Replaces a plot's context menu (JFreeChart's own, in English only) with "Export this plot…"
     * and "Copy as image".
     *
     * @param v the plot's viewer (its menu is modified)
     * @param vm the Export dialog's view-model
     * @param view the export view of the plot
     * @param resources the window's bundle
     */
    public static void plotMenu(org.jfree.chart.fx.ChartViewer v, ExportViewModel vm, ExportView view,
                                java.util.ResourceBundle resources) {
        javafx.scene.control.MenuItem export = new javafx.scene.control.MenuItem(resources.getString("export.plot.menu"));
        export.setOnAction(e -> open(v.getScene().getWindow(), vm, view, null, (int) v.getWidth(), (int) v.getHeight(),
                v.getScene().getRoot().getStyle()));
        javafx.scene.control.MenuItem copy = new javafx.scene.control.MenuItem(resources.getString("export.plot.copy"));
        copy.setOnAction(e -> {
            vm.prepare(view, null, (int) v.getWidth(), (int) v.getHeight());
            vm.renderImage(ExportController::toClipboard);
        });
        v.getContextMenu().getItems().setAll(export, copy);
    }
}
