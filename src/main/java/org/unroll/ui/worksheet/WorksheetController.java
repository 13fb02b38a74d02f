package org.unroll.ui.worksheet;

import java.io.File;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.unroll.export.Format;
import org.unroll.export.Worksheet;
import org.unroll.graph.Notation;
import org.unroll.ui.common.Controls;
import org.unroll.view.Messages;

/** The Worksheet dialog: binds the form to {@link WorksheetViewModel}, asks for the file. */
public final class WorksheetController {

    private final WorksheetViewModel vm;
    private final List<Object> keep = new ArrayList<>();

    @FXML private VBox root;
    @FXML private ResourceBundle resources;
    @FXML private Label caseLabel;
    @FXML private ComboBox<Format> formatBox;
    @FXML private ComboBox<Worksheet.Paper> paperBox;
    @FXML private ComboBox<Notation> notationBox;
    @FXML private ComboBox<Locale> languageBox;
    @FXML private Spinner<Integer> digitsSpinner;
    @FXML private ComboBox<Worksheet.Key> keyBox;
    @FXML private TextField fileField;
    @FXML private Label statusLabel;
    @FXML private Button writeButton;

    public WorksheetController(WorksheetViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        formatBox.getItems().setAll(WorksheetViewModel.FORMATS);
        Controls.named(formatBox, f -> resources.getString("worksheet.dialog.format." + f.id()));
        formatBox.valueProperty().bindBidirectional(vm.formatProperty());
        paperBox.getItems().setAll(Worksheet.Paper.values());
        Controls.named(paperBox, p -> resources.getString("worksheet.dialog.paper." + p.id()));
        paperBox.valueProperty().bindBidirectional(vm.paperProperty());
        paperBox.disableProperty().bind(vm.formatProperty().isEqualTo(Format.MD));
        notationBox.getItems().setAll(Notation.values());
        Controls.named(notationBox, n -> n.displayName(resources));
        notationBox.valueProperty().bindBidirectional(vm.notationProperty());
        languageBox.getItems().setAll(Messages.LANGUAGES);
        Controls.named(languageBox, l -> resources.getString("menu.view.language." + l.getLanguage()));
        languageBox.valueProperty().bindBidirectional(vm.languageProperty());
        keep.add(Controls.bindInts(digitsSpinner, Worksheet.MIN_DIGITS, Worksheet.MAX_DIGITS, vm.digitsProperty()));
        keyBox.getItems().setAll(Worksheet.Key.values());
        Controls.named(keyBox, k -> resources.getString("worksheet.dialog.key." + k.id()));
        keyBox.valueProperty().bindBidirectional(vm.keyProperty());
        fileField.setText(vm.fileProperty().get() == null ? "" : vm.fileProperty().get().toString());
        vm.fileProperty().addListener((o, a, p) -> {
            String s = p == null ? "" : p.toString();
            if (!s.equals(fileField.getText())) {
                fileField.setText(s);
            }
        });
        fileField.textProperty().addListener((o, a, s) -> {
            try {
                vm.fileProperty().set(s == null || s.isBlank() ? null : Path.of(s.strip()));
            } catch (InvalidPathException e) {
                vm.fileProperty().set(null);
            }
        });
        caseLabel.textProperty().bind(vm.caseLineProperty());
        statusLabel.textProperty().bind(vm.statusProperty());
        writeButton.disableProperty().bind(vm.busyProperty().or(vm.refusalProperty().isNotNull()));
    }

    @FXML
    private void choose() {
        Format f = vm.formatProperty().get();
        FileChooser fc = new FileChooser();
        fc.setTitle(resources.getString("worksheet.dialog.file"));
        Path p = vm.fileProperty().get();
        if (p != null) {
            fc.setInitialFileName(p.getFileName().toString());
            File dir = p.toAbsolutePath().getParent() == null ? null : p.toAbsolutePath().getParent().toFile();
            if (dir != null && dir.isDirectory()) {
                fc.setInitialDirectory(dir);
            }
        }
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(
                resources.getString("worksheet.dialog.format." + f.id()), "*." + f.extension()));
        File chosen = fc.showSaveDialog(root.getScene().getWindow());
        if (chosen != null) {
            vm.fileProperty().set(chosen.toPath());
        }
    }

    @FXML
    private void write() {
        vm.write(null);
    }

    @FXML
    private void close() {
        root.getScene().getWindow().hide();
    }

    /** The file field (tests type a path there). */
    public TextField fileField() {
        return fileField;
    }
}
