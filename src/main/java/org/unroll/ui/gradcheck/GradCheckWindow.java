package org.unroll.ui.gradcheck;

import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.unroll.ui.common.Fxml;

/** The gradient-check panel's own window (View ▸ Gradient check…); Esc closes it, closing stops a check. */
public final class GradCheckWindow {

    private final Stage stage = new Stage();
    private final GradCheckViewModel vm;
    private final java.util.function.Supplier<java.util.ResourceBundle> bundle;
    private final String fontStyle;
    private GradCheckController controller;

    private GradCheckWindow(Window owner, GradCheckViewModel vm, java.util.function.Supplier<java.util.ResourceBundle> bundle,
                            String fontStyle) {
        this.vm = vm;
        this.bundle = bundle;
        this.fontStyle = fontStyle;
        Scene scene = new Scene(load());
        URL css = GradCheckWindow.class.getResource("/css/unroll.css");
        if (css != null) {
            scene.getStylesheets().add(css.toExternalForm());
        }
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                stage.hide();
            }
        });
        stage.setScene(scene);
        stage.setTitle(bundle.get().getString("gradcheck.title"));
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setOnHidden(e -> vm.close());
    }

    /**
     * Makes the window (not shown yet: {@link #show}).
     *
     * @param owner the main window, or null
     * @param vm the panel's view-model
     * @param bundle the bundle of the language shown
     * @param fontStyle the window's font style (a family with Japanese glyphs), or null
     */
    public static GradCheckWindow create(Window owner, GradCheckViewModel vm,
                                         java.util.function.Supplier<java.util.ResourceBundle> bundle, String fontStyle) {
        return new GradCheckWindow(owner, vm, bundle, fontStyle);
    }

    private Parent load() {
        FXMLLoader loader = Fxml.loader("/fxml/gradcheck/gradcheck.fxml", bundle.get(), type -> new GradCheckController(vm));
        Parent root = Fxml.load(loader);
        controller = loader.getController();
        if (fontStyle != null && !fontStyle.isEmpty()) {
            root.setStyle(fontStyle);
        }
        return root;
    }

    /** Shows the window at a parameter (null: at the top) and checks the case shown if it has not been. */
    public void show(String parameter) {
        stage.show();
        stage.toFront();
        vm.open(parameter);
    }

    public Stage stage() {
        return stage;
    }

    public GradCheckController controller() {
        return controller;
    }
}
