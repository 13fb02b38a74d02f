package org.unroll.ui.gradcheck;

import java.util.ResourceBundle;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.BorderPane;
import org.unroll.engine.GradCheck;

/**
 * The gradient-check panel's table and controls, bound to {@link GradCheckViewModel}: a row per
 * parameter (its largest errors and verdict), opened to a row per element (analytic, numeric,
 * errors, verdict).
 */
public final class GradCheckController {

    /** One line of the table (a parameter's or an element's), as text. */
    public record Line(String name, String analytic, String numeric, String abs, String rel, String verdict,
                       boolean passes, boolean parameter) {
    }

    /** Element rows drawn per parameter at most (a note row says how many more). */
    public static final int MAX_ELEMENT_ROWS = 1000;

    private final GradCheckViewModel vm;
    @FXML private ResourceBundle resources;
    @FXML private BorderPane root;
    @FXML private Label summaryLabel;
    @FXML private Label settingsLabel;
    @FXML private Label noteLabel;
    @FXML private ProgressBar progressBar;
    @FXML private Button cancelButton;
    @FXML private Button againButton;
    @FXML private TreeTableView<Line> table;
    @FXML private TreeTableColumn<Line, String> nameColumn;
    @FXML private TreeTableColumn<Line, String> analyticColumn;
    @FXML private TreeTableColumn<Line, String> numericColumn;
    @FXML private TreeTableColumn<Line, String> absColumn;
    @FXML private TreeTableColumn<Line, String> relColumn;
    @FXML private TreeTableColumn<Line, String> verdictColumn;
    private final ListChangeListener<GradCheckViewModel.ParamRow> rowsListener = c -> fill();
    private final javafx.beans.value.ChangeListener<String> focusListener = (o, a, b) -> focus(b);

    public GradCheckController(GradCheckViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        summaryLabel.textProperty().bind(vm.summaryProperty());
        settingsLabel.textProperty().bind(vm.settingsProperty());
        noteLabel.textProperty().bind(vm.noteProperty());
        noteLabel.visibleProperty().bind(vm.noteProperty().isNotEmpty());
        noteLabel.managedProperty().bind(noteLabel.visibleProperty());
        progressBar.progressProperty().bind(vm.progressProperty());
        progressBar.visibleProperty().bind(vm.runningProperty());
        cancelButton.disableProperty().bind(vm.runningProperty().not());
        againButton.disableProperty().bind(vm.runningProperty());
        vm.verdictProperty().addListener((o, a, v) -> verdictStyle(v));
        verdictStyle(vm.verdictProperty().get());
        nameColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getValue().name()));
        analyticColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getValue().analytic()));
        numericColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getValue().numeric()));
        absColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getValue().abs()));
        relColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getValue().rel()));
        verdictColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getValue().verdict()));
        table.setRowFactory(t -> new TreeTableRow<>() {
            @Override
            protected void updateItem(Line item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("gradcheck-fail", "gradcheck-parameter");
                if (!empty && item != null) {
                    if (!item.passes()) {
                        getStyleClass().add("gradcheck-fail");
                    }
                    if (item.parameter()) {
                        getStyleClass().add("gradcheck-parameter");
                    }
                }
            }
        });
        table.setRoot(new TreeItem<>());
        table.setPlaceholder(new Label(""));
        vm.rows().addListener(rowsListener);
        vm.focusedProperty().addListener(focusListener);
        fill();
    }

    public void dispose() {
        vm.rows().removeListener(rowsListener);
        vm.focusedProperty().removeListener(focusListener);
    }

    @FXML
    private void cancel() {
        vm.cancel();
    }

    @FXML
    private void again() {
        vm.start();
    }

    private void verdictStyle(Boolean v) {
        summaryLabel.getStyleClass().removeAll("gradcheck-pass", "gradcheck-fail");
        if (v != null) {
            summaryLabel.getStyleClass().add(v ? "gradcheck-pass" : "gradcheck-fail");
        }
    }

    private String verdict(boolean pass) {
        return resources.getString(pass ? "gradcheck.verdict.pass" : "gradcheck.verdict.fail");
    }

    private void fill() {
        TreeItem<Line> top = table.getRoot();
        top.getChildren().clear();
        for (GradCheckViewModel.ParamRow r : vm.rows()) {
            GradCheck.Entry e = r.entry();
            TreeItem<Line> item = new TreeItem<>(new Line(r.label() + "  (" + r.rows() + "×" + r.cols() + ")", "", "",
                    GradCheckViewModel.sci(e.maxAbsError()), GradCheckViewModel.sci(e.maxRelError()), verdict(e.passes()),
                    e.passes(), true));
            int n = 0;
            for (GradCheck.Element el : e.elements()) {
                if (n++ == MAX_ELEMENT_ROWS) {
                    item.getChildren().add(new TreeItem<>(new Line(java.text.MessageFormat.format(
                            resources.getString("gradcheck.more"), String.valueOf(e.elements().size() - MAX_ELEMENT_ROWS)),
                            "", "", "", "", "", true, false)));
                    break;
                }
                item.getChildren().add(new TreeItem<>(new Line(r.label() + r.index(el), number(el.analytic()),
                        number(el.numeric()), GradCheckViewModel.sci(el.absError()), GradCheckViewModel.sci(el.relError()),
                        verdict(el.passes()), el.passes(), false)));
            }
            item.setExpanded(!e.passes());
            top.getChildren().add(item);
        }
        focus(vm.focusedProperty().get());
    }

    private static String number(double v) {
        return String.format(java.util.Locale.ROOT, "%.8e", v);
    }

    /** Opens and selects a parameter's row. */
    private void focus(String key) {
        if (key == null) {
            return;
        }
        int i = 0;
        for (GradCheckViewModel.ParamRow r : vm.rows()) {
            if (r.key().equals(key)) {
                TreeItem<Line> item = table.getRoot().getChildren().get(i);
                item.setExpanded(true);
                table.getSelectionModel().select(item);
                table.scrollTo(table.getRow(item));
                return;
            }
            i++;
        }
    }

    /** The table (tests read its rows). */
    public TreeTableView<Line> table() {
        return table;
    }

    public Label summaryLabel() {
        return summaryLabel;
    }
}
