package org.unroll.ui.edit;

import java.util.ResourceBundle;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.unroll.session.CaseEdit;

/**
 * The grid of editable numbers under the inspector, bound to {@link EditViewModel}: a field per
 * number (Enter or leaving the field commits, Esc puts the number back), or for a large parameter
 * a row, a column and one field; the problem line, undo, redo, the history.
 */
public final class EditController {

    private final EditViewModel vm;

    @FXML private ResourceBundle resources;
    @FXML private VBox editBox;
    @FXML private Label headerLabel;
    @FXML private VBox gridBox;
    @FXML private Label hintLabel;
    @FXML private GridPane grid;
    @FXML private HBox oneBox;
    @FXML private Spinner<Integer> rowSpinner;
    @FXML private Spinner<Integer> colSpinner;
    @FXML private TextField oneField;
    @FXML private Label problemLabel;
    @FXML private Label blockedLabel;
    @FXML private Button undoButton;
    @FXML private Button redoButton;
    @FXML private Hyperlink gradCheckLink;
    @FXML private VBox historyBox;
    @FXML private ListView<String> historyList;
    private final javafx.beans.value.ChangeListener<EditViewModel.Grid> gridListener = (o, a, g) -> show(g);

    public EditController(EditViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        problemLabel.textProperty().bind(vm.problemProperty());
        problemLabel.visibleProperty().bind(vm.problemProperty().isNotEmpty());
        problemLabel.managedProperty().bind(problemLabel.visibleProperty());
        blockedLabel.textProperty().bind(vm.blockedProperty());
        blockedLabel.visibleProperty().bind(vm.blockedProperty().isNotEmpty());
        blockedLabel.managedProperty().bind(blockedLabel.visibleProperty());
        gridBox.disableProperty().bind(vm.disabledProperty());
        undoButton.disableProperty().bind(vm.canUndoProperty().not().or(vm.disabledProperty()));
        redoButton.disableProperty().bind(vm.canRedoProperty().not().or(vm.disabledProperty()));
        historyList.setItems(vm.history());
        historyList.setPlaceholder(new Label(resources.getString("edit.history.empty")));
        historyList.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("edit-undone");
                if (empty || item == null) {
                    setText(null);
                    return;
                }
                boolean undone = getIndex() >= vm.historyPosition();
                setText(undone ? item + "  " + resources.getString("edit.history.undone") : item);
                if (undone) {
                    getStyleClass().add("edit-undone");
                }
            }
        });
        vm.historyPositionProperty().addListener((o, a, b) -> historyList.refresh());
        historyBox.visibleProperty().bind(Bindings.isNotEmpty(vm.history()));
        historyBox.managedProperty().bind(historyBox.visibleProperty());
        undoButton.setOnAction(e -> vm.undo());
        redoButton.setOnAction(e -> vm.redo());
        gradCheckLink.setOnAction(e -> vm.checkGradient());
        oneField.setOnAction(e -> commitOne());
        oneField.focusedProperty().addListener((o, a, f) -> {
            if (!f) {
                commitOne();
            }
        });
        rowSpinner.valueProperty().addListener((o, a, b) -> showOne());
        colSpinner.valueProperty().addListener((o, a, b) -> showOne());
        editBox.visibleProperty().bind(vm.gridProperty().isNotNull().or(Bindings.isNotEmpty(vm.history())));
        editBox.managedProperty().bind(editBox.visibleProperty());
        vm.gridProperty().addListener(gridListener);
        show(vm.gridProperty().get());
    }

    public void dispose() {
        vm.gridProperty().removeListener(gridListener);
    }

    private void show(EditViewModel.Grid g) {
        boolean some = g != null;
        headerLabel.setText(some ? g.header() : "");
        headerLabel.setVisible(some);
        headerLabel.setManaged(some);
        gridBox.setVisible(some);
        gridBox.setManaged(some);
        gradCheckLink.setVisible(some && g.what() == CaseEdit.What.PARAMETER);
        gradCheckLink.setManaged(gradCheckLink.isVisible());
        grid.getChildren().clear();
        if (!some) {
            return;
        }
        boolean one = vm.oneAtATime();
        grid.setVisible(!one);
        grid.setManaged(!one);
        oneBox.setVisible(one);
        oneBox.setManaged(one);
        if (one) {
            rowSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, g.rows() - 1,
                    Math.min(g.rows() - 1, value(rowSpinner))));
            colSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, g.cols() - 1,
                    Math.min(g.cols() - 1, value(colSpinner))));
            colSpinner.setDisable(g.cols() == 1);
            showOne();
            return;
        }
        boolean matrix = g.cols() > 1;
        for (int c = 0; c < g.cols() && matrix; c++) {
            grid.add(indexLabel(c), c + 1, 0);
        }
        for (int r = 0; r < g.rows(); r++) {
            grid.add(indexLabel(r), 0, r + (matrix ? 1 : 0));
            for (int c = 0; c < g.cols(); c++) {
                grid.add(field(g, r, c), c + 1, r + (matrix ? 1 : 0));
            }
        }
    }

    private static int value(Spinner<Integer> s) {
        return s.getValue() == null ? 0 : Math.max(0, s.getValue());
    }

    private static Label indexLabel(int i) {
        Label l = new Label(Integer.toString(i));
        l.getStyleClass().add("edit-index");
        return l;
    }

    private TextField field(EditViewModel.Grid g, int r, int c) {
        TextField f = new TextField(g.text(r, c));
        f.setId("edit-cell-" + r + "-" + c);
        f.setPrefColumnCount(7);
        f.getStyleClass().add("edit-cell");
        f.setTooltip(new Tooltip(Double.toString(g.values()[r][c])));
        f.setOnAction(e -> commit(g, f, r, c));
        f.focusedProperty().addListener((o, a, focused) -> {
            if (!focused) {
                commit(g, f, r, c);
            }
        });
        f.setOnKeyPressed(k -> {
            if (k.getCode() == KeyCode.ESCAPE) {
                f.setText(g.text(r, c));
                f.getStyleClass().remove("edit-error");
                k.consume();
            }
        });
        return f;
    }

    /**
     * Commits a field of grid {@code g}: only while that grid is the one shown and typing is on
     * (a field that loses the focus because its grid was replaced, or because the grid was
     * disabled while an edit is computed, commits nothing).
     */
    private void commit(EditViewModel.Grid g, TextField f, int r, int c) {
        if (g != vm.gridProperty().get() || vm.disabledProperty().get() || f.getScene() == null) {
            return;
        }
        boolean changed = !f.getText().strip().equals(g.text(r, c));
        boolean accepted = vm.commit(r, c, f.getText());
        f.getStyleClass().remove("edit-error");
        if (changed && !accepted && !vm.problemProperty().get().isEmpty()) {
            f.getStyleClass().add("edit-error");
        }
    }

    private void showOne() {
        EditViewModel.Grid g = vm.gridProperty().get();
        if (g == null || !vm.oneAtATime()) {
            return;
        }
        int r = Math.min(value(rowSpinner), g.rows() - 1);
        int c = Math.min(value(colSpinner), g.cols() - 1);
        oneField.setText(g.text(r, c));
        oneField.setTooltip(new Tooltip(Double.toString(g.values()[r][c])));
        oneField.getStyleClass().remove("edit-error");
    }

    private void commitOne() {
        EditViewModel.Grid g = vm.gridProperty().get();
        if (g == null || !vm.oneAtATime() || vm.disabledProperty().get()) {
            return;
        }
        int r = Math.min(value(rowSpinner), g.rows() - 1);
        int c = Math.min(value(colSpinner), g.cols() - 1);
        boolean changed = !oneField.getText().strip().equals(g.text(r, c));
        boolean accepted = vm.commit(r, c, oneField.getText());
        oneField.getStyleClass().remove("edit-error");
        if (changed && !accepted && !vm.problemProperty().get().isEmpty()) {
            oneField.getStyleClass().add("edit-error");
        }
    }

    /** The grid's field of a number (tests type into it), or null. */
    public TextField cell(int row, int col) {
        for (javafx.scene.Node n : grid.getChildren()) {
            if (n instanceof TextField f && ("edit-cell-" + row + "-" + col).equals(f.getId())) {
                return f;
            }
        }
        return null;
    }

    public Label problemLabel() {
        return problemLabel;
    }

    public ListView<String> historyList() {
        return historyList;
    }
}
