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
import org.unroll.ui.common.Controls;

/** The inspector: labels, heat maps and typeset equations bound to {@link InspectorViewModel}. */
public final class InspectorController {

    private final InspectorViewModel vm;
    private final ChangeListener<InspectorViewModel.Shown> shownListener = (o, a, b) -> show(b);

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
    @FXML private Label termDetail;
    @FXML private VBox guessBox;
    @FXML private javafx.scene.control.TextField guessField;
    @FXML private javafx.scene.control.Button guessButton;
    @FXML private Label guessVerdict;
    @FXML private Label sumHeader;
    @FXML private HeatStrip sumStrip;
    @FXML private Label sumLabel;
    @FXML private javafx.scene.control.ScrollPane inspectorScroll;
    @FXML private javafx.scene.control.Hyperlink fullValuesLink;
    private javafx.stage.Stage fullValuesWindow;

    public InspectorController(InspectorViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        Controls.uncachedViewport(inspectorScroll);
        Controls.uncachedViewport(equationScroll);
        Controls.uncachedViewport(substitutedScroll);
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
        // the width of the pane, not of its viewport: a vertical scroll bar coming and going with
        // the content would change the width, typeset again and bring it back, for ever
        inspectorScroll.widthProperty().addListener((o, a, b) -> vm.setEquationWidth(equationWidth()));
        termsBox.visibleProperty().bind(vm.showsTermsProperty());
        termsBox.managedProperty().bind(vm.showsTermsProperty());
        equationBox.visibleProperty().bind(vm.equationProperty().isNotEmpty());
        equationBox.managedProperty().bind(vm.equationProperty().isNotEmpty());
        termsTable.setItems(vm.terms());
        termStepColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(Integer.toString(c.getValue().step())));
        termNormColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(normText(c.getValue().termNorm())));
        termSumColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(normText(c.getValue().sumNorm())));
        // a term selected: its two factors marked on the graph (e_h(t) and x(t) or h(t−1))
        termsTable.getSelectionModel().selectedItemProperty().addListener(termSelected);
        guessBox.visibleProperty().bind(vm.guessableProperty());
        guessBox.managedProperty().bind(guessBox.visibleProperty());
        guessVerdict.textProperty().bind(vm.verdictProperty());
        guessButton.setOnAction(e -> vm.checkGuess(guessField.getText()));
        guessField.setOnAction(e -> vm.checkGuess(guessField.getText()));
        vm.guessableProperty().addListener((o, a, on) -> guessField.clear());
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
        vm.shownProperty().addListener(shownListener);
        substitutedScroll.setOnMouseClicked(e -> showFullValues());
        substitutedScroll.setCursor(javafx.scene.Cursor.HAND);
        fullValuesLink.setOnAction(e -> showFullValues());
        fullValuesLink.visibleProperty().bind(vm.fullValuesProperty().isNotEmpty());
        fullValuesLink.managedProperty().bind(fullValuesLink.visibleProperty());
        show(vm.shownProperty().get());
        vm.setEquationWidth(equationWidth());
    }

    private final ChangeListener<TermRow> termSelected = (o, a, row) -> selectTerm(row);

    private void selectTerm(TermRow row) {
        vm.selectTerm(row);
        showTermDetail(row);
    }

    /** The selected step's term and running sum as labelled matrices (the current step's when none is selected). */
    private void showTermDetail(TermRow row) {
        TermRow r = row;
        if (r == null) {
            int cur = vm.shownProperty().get().currentTerm();
            r = cur >= 0 && cur < vm.terms().size() ? vm.terms().get(cur) : null;
        }
        termDetail.setText(r == null ? "" : java.text.MessageFormat.format(resources.getString("inspector.term.detail"),
                r.step(), r.name()) + "\n" + r.termText() + "\n\n"
                + java.text.MessageFormat.format(resources.getString("inspector.term.detailSum"), r.step()) + "\n"
                + r.sumText());
    }

    /** The selected (or current) term and its running sum as text (tests read it). */
    public String termDetailText() {
        return termDetail.getText();
    }

    /** A norm, or "?" for a hidden term (predict, then reveal). */
    private static String normText(double v) {
        return Double.isNaN(v) ? "?" : Numbers.format(v);
    }

    /** The guess field (tests type into it). */
    public javafx.scene.control.TextField guessField() {
        return guessField;
    }

    /** The numbers of the event's result (a "?" while hidden). */
    public Label valuesLabel() {
        return valuesLabel;
    }

    /** What the guess was marked (tests read it). */
    public Label guessVerdict() {
        return guessVerdict;
    }

    /**
     * The width the equations fit: the inspector's, less its padding and the room of a vertical
     * scroll bar (kept whether or not one is shown), so within its viewport either way.
     */
    private double equationWidth() {
        return Math.max(0, inspectorScroll.getWidth() - 24 - SCROLL_BAR);
    }

    /** The type size's factor (View ▸ Presentation): the equations are typeset this much larger. */
    private double typeScale = 1;

    /**
     * Typesets the equations for a type size (1: the desktop's; the presentation's factor, up to
     * 3.1); the inspector's text grows with the window's CSS.
     */
    public void setTypeScale(double scale) {
        double s = scale >= 1 && Double.isFinite(scale) ? scale : 1;
        if (s != typeScale) {
            typeScale = s;
            vm.setEquationSize(equationSize());
        }
    }

    /** The size the equations are typeset at, in pixels. */
    public float equationSize() {
        return (float) (InspectorViewModel.EQUATION_SIZE * (1 + (typeScale - 1) * 0.65));
    }

    /** The room kept for the inspector's vertical scroll bar, in pixels. */
    private static final double SCROLL_BAR = 18;

    /** Whether the inspector shows event {@code index} with its equations typeset (the benchmark waits for it). */
    public boolean shows(int index) {
        return vm.shownIndex() == index && vm.isCurrent();
    }

    /** Whether the inspector's worker is busy (the next events' snapshots included). */
    public boolean busy() {
        return vm.busy();
    }

    /** The event shown and whether it is the cursor's, in words. */
    public String state() {
        return "at " + vm.shownIndex() + (vm.isCurrent() ? "" : ", working");
    }

    public void dispose() {
        vm.shownProperty().removeListener(shownListener);
    }

    /** Shows a snapshot: its typeset equations (a copy of their pixels), heat maps and the table's current row. */
    private void show(InspectorViewModel.Shown v) {
        long t0 = org.unroll.ui.common.FrameProbe.start();
        show(v.equationImage(), vm.equationProperty().get(), equationScroll, equationImage, equationText);
        show(v.substitutedImage(), vm.substitutedProperty().get(), substitutedScroll, substitutedImage, substitutedText);
        // the colours and the numbers of one snapshot, together (a jump drew new numbers in the old scale)
        heatStrip.showMatrix(v.matrix(), v.scale());
        sumStrip.showMatrix(v.sum(), null);
        scrollToCurrentTerm(v.currentTerm());
        showTermDetail(termsTable.getSelectionModel().getSelectedItem());
        org.unroll.ui.common.FrameProbe.end("fx: inspector images shown", t0);
    }

    private void show(InspectorViewModel.Typeset t, String tex, javafx.scene.control.ScrollPane box, ImageView view,
                      Label fallback) {
        Image img = t == null ? null : LatexRenderer.toFx(t.image());
        view.setImage(img);
        box.setVisible(img != null);
        box.setManaged(img != null);
        fallback.setText(img == null ? tex : "");
        fallback.setVisible(img == null && tex != null && !tex.isEmpty());
        fallback.setManaged(fallback.isVisible());
        view.setUserData(t == null ? tex : t.tex());
        double h = img == null ? 0 : img.getHeight() + 4;
        box.setMinHeight(h);
        box.setPrefHeight(h);
    }

    /**
     * Brings the current step's row of the per-step table into view: now, and once more after the
     * next layout pass (a table that has just been shown has no rows laid out to scroll yet).
     */
    private void scrollToCurrentTerm(int row) {
        if (row < 0) {
            return;
        }
        termsTable.scrollTo(row);
        javafx.scene.Scene scene = termsTable.getScene();
        if (scene != null) {
            Runnable[] once = new Runnable[1];
            once[0] = () -> {
                scene.removePostLayoutPulseListener(once[0]);
                if (row < termsTable.getItems().size() && vm.shownProperty().get().currentTerm() == row) {
                    termsTable.scrollTo(row);
                }
            };
            scene.addPostLayoutPulseListener(once[0]);
        }
    }

    /** The full values of what the equation reads and computes, in a window of their own (copyable). */
    private void showFullValues() {
        String text = vm.fullValuesProperty().get();
        if (text == null || text.isEmpty()) {
            return;
        }
        javafx.scene.control.TextArea area = new javafx.scene.control.TextArea(text);
        area.setEditable(false);
        area.setId("fullValuesText");
        area.setStyle("-fx-font-family: monospace;");
        area.setPrefColumnCount(60);
        area.setPrefRowCount(Math.min(30, (int) text.lines().count() + 1));
        javafx.stage.Stage st = new javafx.stage.Stage();
        st.initOwner(inspectorScroll.getScene() == null ? null : inspectorScroll.getScene().getWindow());
        st.setTitle(resources.getString("inspector.fullValues.title") + " — " + vm.titleProperty().get());
        javafx.scene.Scene sc = new javafx.scene.Scene(new javafx.scene.layout.BorderPane(area));
        sc.setOnKeyPressed(k -> {
            if (k.getCode() == javafx.scene.input.KeyCode.ESCAPE) {
                st.close();
            }
        });
        st.setScene(sc);
        fullValuesWindow = st;
        st.show();
    }

    /** The last "full values" window opened, or null (tests read it). */
    public javafx.stage.Stage fullValuesWindow() {
        return fullValuesWindow;
    }

    /** The equation with the numbers as shown (tests measure it against the inspector). */
    public ImageView substitutedView() {
        return substitutedImage;
    }

    /** The heat map of the shown numbers (tests read its colours). */
    public HeatStrip heatStrip() {
        return heatStrip;
    }

    /** The per-step table of a gradient's terms. */
    public TableView<TermRow> termsTable() {
        return termsTable;
    }

    /** The inspector's scroll pane (its viewport is the room the equations fit). */
    public javafx.scene.control.ScrollPane scroll() {
        return inspectorScroll;
    }
}
