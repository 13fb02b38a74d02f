package org.unroll.ui.inspector;

import java.util.ResourceBundle;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;
import org.unroll.ui.common.LatexRenderer;
import org.unroll.ui.inspector.InspectorViewModel.TermRow;
import org.unroll.view.Numbers;

/** The inspector: labels, heat maps and typeset equations bound to {@link InspectorViewModel}. */
public final class InspectorController {

    private static final float EQUATION_SIZE = 17f;
    /** The type size's factor (View ▸ Presentation): the equations are typeset this much larger. */
    private double typeScale = 1;
    private final InspectorViewModel vm;
    private final LatexRenderer latex = new LatexRenderer();
    private final ChangeListener<String> equationListener = (o, a, b) -> showEquations();
    private final ChangeListener<Object> matrixListener = (o, a, b) -> showMatrix();

    @FXML private ResourceBundle resources;
    @FXML private Label titleLabel;
    @FXML private Label subtitleLabel;
    @FXML private VBox equationBox;
    @FXML private javafx.scene.control.ScrollPane equationScroll;
    @FXML private javafx.scene.control.ScrollPane substitutedScroll;
    @FXML private ImageView equationImage;
    @FXML private Label equationText;
    @FXML private ImageView substitutedImage;
    @FXML private Label substitutedText;
    @FXML private Label mappingLabel;
    @FXML private Label noteLabel;
    @FXML private Label readsLabel;
    @FXML private Label valuesHeader;
    @FXML private HeatStrip heatStrip;
    @FXML private Label valuesLabel;
    @FXML private VBox termsBox;
    @FXML private Label termsHeader;
    @FXML private TableView<TermRow> termsTable;
    @FXML private TableColumn<TermRow, String> termStepColumn;
    @FXML private TableColumn<TermRow, String> termNormColumn;
    @FXML private TableColumn<TermRow, String> termSumColumn;
    @FXML private Label sumHeader;
    @FXML private HeatStrip sumStrip;
    @FXML private Label sumLabel;
    @FXML private javafx.scene.control.ScrollPane inspectorScroll;

    public InspectorController(InspectorViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        titleLabel.textProperty().bind(vm.titleProperty());
        subtitleLabel.textProperty().bind(vm.subtitleProperty());
        readsLabel.textProperty().bind(vm.readsProperty());
        mappingLabel.textProperty().bind(vm.mappingProperty());
        mappingLabel.visibleProperty().bind(vm.mappingProperty().isNotEmpty());
        mappingLabel.managedProperty().bind(vm.mappingProperty().isNotEmpty());
        noteLabel.textProperty().bind(vm.noteProperty());
        noteLabel.visibleProperty().bind(vm.noteProperty().isNotEmpty());
        noteLabel.managedProperty().bind(vm.noteProperty().isNotEmpty());
        valuesHeader.textProperty().bind(vm.valuesHeaderProperty());
        valuesLabel.textProperty().bind(vm.valuesTextProperty());
        termsHeader.textProperty().bind(vm.termsHeaderProperty());
        sumHeader.textProperty().bind(vm.sumHeaderProperty());
        sumLabel.textProperty().bind(vm.sumTextProperty());
        inspectorScroll.viewportBoundsProperty().addListener((o, a, b) -> {
            if (breakWidth() != brokenAt) {
                showEquations();
            } else {
                fit();
            }
        });
        termsBox.visibleProperty().bind(vm.showsTermsProperty());
        termsBox.managedProperty().bind(vm.showsTermsProperty());
        equationBox.visibleProperty().bind(vm.equationProperty().isNotEmpty());
        equationBox.managedProperty().bind(vm.equationProperty().isNotEmpty());
        termsTable.setItems(vm.terms());
        termStepColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(Integer.toString(c.getValue().step())));
        termNormColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(Numbers.format(c.getValue().termNorm())));
        termSumColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(Numbers.format(c.getValue().sumNorm())));
        termsTable.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(TermRow item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("current-term");
                if (!empty && item != null && item.current()) {
                    getStyleClass().add("current-term");
                }
            }
        });
        vm.terms().addListener((javafx.collections.ListChangeListener<TermRow>) c -> {
            if (!vm.terms().isEmpty()) {
                termsTable.scrollTo(vm.terms().size() - 1);
            }
        });
        vm.equationProperty().addListener(equationListener);
        vm.substitutedProperty().addListener(equationListener);
        vm.matrixProperty().addListener(matrixListener);
        vm.sumProperty().addListener(matrixListener);
        showEquations();
        showMatrix();
    }

    public void dispose() {
        vm.equationProperty().removeListener(equationListener);
        vm.substitutedProperty().removeListener(equationListener);
        vm.matrixProperty().removeListener(matrixListener);
        vm.sumProperty().removeListener(matrixListener);
    }

    private void showEquations() {
        brokenAt = breakWidth();
        show(vm.equationProperty().get(), equationScroll, equationImage, equationText, breakWidth());
        // the numbers are not broken (JLaTeXMath would cut inside a number): they scroll sideways
        show(vm.substitutedProperty().get(), substitutedScroll, substitutedImage, substitutedText, 0);
    }

    private void show(String tex, javafx.scene.control.ScrollPane box, ImageView view, Label fallback,
                      double maxWidth) {
        // at a presentation's type size the equation is broken into lines as wide as the inspector
        // (where JLaTeXMath can: at the top level's operators), so the large equation is whole
        Image img = latex.render(tex, equationSize(), maxWidth);
        view.setImage(img);
        box.setVisible(img != null);
        box.setManaged(img != null);
        fallback.setText(img == null ? tex : "");
        fallback.setVisible(img == null && tex != null && !tex.isEmpty());
        fallback.setManaged(fallback.isVisible());
        view.setUserData(tex);
        fit();
    }

    /**
     * Typesets the equations for a type size (1: the desktop's; the presentation's factor, up to
     * 3.1); the inspector's text grows with the window's CSS.
     */
    public void setTypeScale(double scale) {
        double s = scale >= 1 && Double.isFinite(scale) ? scale : 1;
        if (s != typeScale) {
            typeScale = s;
            showEquations();
        }
    }

    /** The width equations are broken at: the inspector's in 40 px steps at a type size above the desktop's, else none. */
    private double breakWidth() {
        double w = inspectorScroll == null ? 0 : inspectorScroll.getViewportBounds().getWidth() - 24;
        return typeScale <= 1 || w < 200 ? 0 : Math.floor(w / 40) * 40;
    }

    /** The width the equations were last broken at. */
    private double brokenAt;

    /** The size the equations are typeset at, in pixels. */
    public float equationSize() {
        return (float) (EQUATION_SIZE * (1 + (typeScale - 1) * 0.65));
    }

    /** Shrinks an equation wider than the inspector to its width. */
    private void fit() {
        double w = inspectorScroll.getViewportBounds().getWidth() - 24;
        ImageView[] views = {equationImage, substitutedImage};
        javafx.scene.control.ScrollPane[] boxes = {equationScroll, substitutedScroll};
        for (int i = 0; i < views.length; i++) {
            Image img = views[i].getImage();
            double fit = 0;
            double height = img == null ? 0 : img.getHeight();
            boolean scrolls = false;
            if (img != null && w > 50 && img.getWidth() > w) {
                // shrink to the width, but never below 70 %: wider formulas scroll sideways
                fit = Math.max(w, img.getWidth() * 0.7);
                height = img.getHeight() * fit / img.getWidth();
                scrolls = fit > w;
            }
            views[i].setFitWidth(fit);
            double h = height + (scrolls ? 18 : 4);
            boxes[i].setMinHeight(h);
            boxes[i].setPrefHeight(h);
        }
    }

    private void showMatrix() {
        heatStrip.showMatrix(vm.matrixProperty().get(), vm.scaleProperty().get());
        sumStrip.showMatrix(vm.sumProperty().get(), null);
    }
}
