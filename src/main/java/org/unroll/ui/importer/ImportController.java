package org.unroll.ui.importer;

import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.unroll.engine.Limits;
import org.unroll.ui.importer.ImportViewModel.SequenceKind;

/** The Import dialog's controls, bound to its {@link ImportViewModel}; it computes nothing. */
public final class ImportController {

    private final ImportViewModel vm;

    @FXML private BorderPane root;
    @FXML private Label fileLabel;
    @FXML private Label statusLabel;
    @FXML private VBox summaryBox;
    @FXML private Label refusalLabel;
    @FXML private CheckBox layerCheck;
    @FXML private Spinner<Integer> layerSpinner;
    @FXML private ListView<String> mappingList;
    @FXML private ListView<String> notesList;
    @FXML private RadioButton zerosRadio;
    @FXML private Spinner<Integer> stepsSpinner;
    @FXML private RadioButton csvRadio;
    @FXML private Button csvButton;
    @FXML private Label csvLabel;
    @FXML private RadioButton currentRadio;
    @FXML private RadioButton taskRadio;
    @FXML private javafx.scene.control.ChoiceBox<org.unroll.interop.ImportSequences.Task> taskChoice;
    @FXML private RadioButton typedRadio;
    @FXML private javafx.scene.control.TextArea typedArea;
    @FXML private Button openButton;

    public ImportController(ImportViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        fileLabel.textProperty().bind(Bindings.createStringBinding(() -> vm.fileProperty().get() == null ? ""
                : vm.fileProperty().get().getFileName().toString(), vm.fileProperty()));
        statusLabel.textProperty().bind(Bindings.createStringBinding(() -> vm.readingProperty().get()
                ? vm.text("import.reading") : vm.foundProperty().get() != null ? vm.text("import.found")
                : vm.refusalProperty().get().isEmpty() ? "" : vm.text("import.refused"),
                vm.readingProperty(), vm.foundProperty(), vm.refusalProperty()));
        refusalLabel.textProperty().bind(vm.refusalProperty());
        refusalLabel.visibleProperty().bind(vm.refusalProperty().isNotEmpty());
        refusalLabel.managedProperty().bind(refusalLabel.visibleProperty());
        vm.summary().addListener((javafx.collections.ListChangeListener<String>) c -> showSummary());
        showSummary();
        mappingList.setItems(vm.mapping());
        notesList.setItems(vm.notes());
        notesList.setCellFactory(l -> wrapping());

        layerSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 99,
                vm.layerProperty().get() == null ? 0 : vm.layerProperty().get()));
        layerCheck.setSelected(vm.layerProperty().get() != null);
        layerSpinner.disableProperty().bind(layerCheck.selectedProperty().not());
        layerCheck.selectedProperty().addListener((o, a, on) -> vm.chooseLayer(on ? layerSpinner.getValue() : null));
        layerSpinner.valueProperty().addListener((o, a, v) -> {
            if (layerCheck.isSelected()) {
                vm.chooseLayer(v);
            }
        });

        ToggleGroup group = new ToggleGroup();
        zerosRadio.setToggleGroup(group);
        csvRadio.setToggleGroup(group);
        currentRadio.setToggleGroup(group);
        taskRadio.setToggleGroup(group);
        typedRadio.setToggleGroup(group);
        taskChoice.getItems().setAll(org.unroll.interop.ImportSequences.Task.values());
        taskChoice.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(org.unroll.interop.ImportSequences.Task t) {
                return t == null ? "" : vm.taskName(t);
            }

            @Override
            public org.unroll.interop.ImportSequences.Task fromString(String s) {
                return null;
            }
        });
        taskChoice.setValue(vm.taskProperty().get());
        taskChoice.valueProperty().addListener((o, a, t) -> {
            if (t != null) {
                vm.chooseTask(t);
                taskRadio.setSelected(vm.taskFitsProperty().get());
            }
        });
        taskRadio.disableProperty().bind(vm.taskFitsProperty().not());
        typedArea.textProperty().addListener((o, a, t) -> {
            vm.chooseTyped(t);
            if (!t.isBlank()) {
                typedRadio.setSelected(true);
            }
        });
        stepsSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, Limits.MAX_STEPS, vm.steps()));
        stepsSpinner.valueProperty().addListener((o, a, v) -> vm.chooseSteps(v));
        stepsSpinner.disableProperty().bind(zerosRadio.selectedProperty().not().and(taskRadio.selectedProperty().not()));
        csvRadio.disableProperty().bind(vm.csvProperty().isNull());
        currentRadio.disableProperty().bind(vm.currentFitsProperty().not());
        csvLabel.textProperty().bind(Bindings.createStringBinding(() -> vm.csvProperty().get() == null ? ""
                : vm.csvProperty().get().getFileName().toString(), vm.csvProperty()));
        selectKind(vm.sequenceKindProperty().get());
        vm.sequenceKindProperty().addListener((o, a, k) -> selectKind(k));
        group.selectedToggleProperty().addListener((o, a, t) -> {
            if (t == zerosRadio) {
                vm.chooseSequence(SequenceKind.ZEROS);
            } else if (t == csvRadio) {
                vm.chooseSequence(SequenceKind.CSV);
            } else if (t == currentRadio) {
                vm.chooseSequence(SequenceKind.CURRENT);
            } else if (t == taskRadio) {
                vm.chooseSequence(SequenceKind.TASK);
            } else if (t == typedRadio) {
                vm.chooseSequence(SequenceKind.TYPED);
            }
        });
        openButton.disableProperty().bind(vm.foundProperty().isNull());
    }

    private void selectKind(SequenceKind k) {
        (switch (k) {
            case ZEROS -> zerosRadio;
            case CSV -> csvRadio;
            case CURRENT -> currentRadio;
            case TASK -> taskRadio;
            case TYPED -> typedRadio;
        }).setSelected(true);
    }

    private void showSummary() {
        summaryBox.getChildren().clear();
        for (String line : vm.summary()) {
            Label l = new Label(line);
            l.setWrapText(true);
            summaryBox.getChildren().add(l);
        }
    }

    private static javafx.scene.control.ListCell<String> wrapping() {
        javafx.scene.control.ListCell<String> cell = new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
            }
        };
        cell.setWrapText(true);
        cell.prefWidthProperty().set(0);
        return cell;
    }

    @FXML
    private void chooseCsv() {
        FileChooser fc = new FileChooser();
        fc.setTitle(vm.text("import.sequence.csv.title"));
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv", "*.txt"));
        File f = fc.showOpenDialog(root.getScene().getWindow());
        if (f != null) {
            vm.chooseCsv(f.toPath());
        }
    }

    @FXML
    private void open() {
        Stage stage = (Stage) root.getScene().getWindow();
        vm.open(() -> { });
        stage.close();
    }

    @FXML
    private void cancel() {
        ((Stage) root.getScene().getWindow()).close();
    }
}
