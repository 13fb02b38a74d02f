package org.unroll.ui.model;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.value.ChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.unroll.ui.model.FusedKernelViewModel.Fused;
import org.unroll.ui.model.FusedKernelViewModel.Shown;

/** The fused-kernel tab: a heading and a {@link FusedKernelView} per stored matrix, bound to {@link FusedKernelViewModel}. */
public final class FusedKernelController {

    private final FusedKernelViewModel vm;
    private final ChangeListener<Fused> fusedListener = (o, a, f) -> show(f);
    private final List<FusedKernelView> views = new ArrayList<>();
    private String fontFamily;

    @FXML private Label fusedTitle;
    @FXML private Label fusedNote;
    @FXML private VBox fusedMatrices;
    @FXML private Label fusedDescription;
    @FXML private Label fusedElided;

    public FusedKernelController(FusedKernelViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        fusedTitle.textProperty().bind(vm.titleProperty());
        fusedNote.textProperty().bind(vm.noteProperty());
        fusedDescription.textProperty().bind(vm.descriptionProperty());
        vm.fusedProperty().addListener(fusedListener);
        show(vm.fusedProperty().get());
    }

    public void dispose() {
        vm.fusedProperty().removeListener(fusedListener);
    }

    /** Whether the view is shown: the matrices are assembled only while it is (see {@link FusedKernelViewModel#setActive}). */
    public void setActive(boolean shown) {
        vm.setActive(shown);
    }

    public void setFontFamily(String family) {
        fontFamily = family;
        views.forEach(v -> v.setFontFamily(family));
    }

    /** The matrices' views shown now (tests read them). */
    public List<FusedKernelView> views() {
        return List.copyOf(views);
    }

    private void show(Fused f) {
        fusedMatrices.getChildren().clear();
        views.clear();
        boolean elided = false;
        if (f != null) {
            List<String> order = f.notation().gateOrder(f.config());
            for (Shown s : f.matrices()) {
                Label heading = new Label(s.heading());
                heading.getStyleClass().add("fused-matrix");
                heading.setWrapText(true);
                FusedKernelView v = new FusedKernelView(s, f.scale(), order);
                if (fontFamily != null) {
                    v.setFontFamily(fontFamily);
                }
                v.setOnPoint(vm::point);
                v.setOnSelect(vm::select);
                views.add(v);
                fusedMatrices.getChildren().addAll(heading, v);
                elided |= s.elided();
            }
        }
        fusedElided.setVisible(elided);
        fusedElided.setManaged(elided);
    }
}
