package org.unroll.ui.export;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import javafx.animation.PauseTransition;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.unroll.export.ExportView;
import org.unroll.export.Format;
import org.unroll.ui.common.Controls;
import org.unroll.view.Messages;

/** The Export dialog: binds the form to {@link ExportViewModel}, shows the preview, asks for the file. */
public final class ExportController {

    private final ExportViewModel vm;
    private final List<Object> keep = new ArrayList<>(); // bidirectional bindings hold their ends weakly
    private final PauseTransition previewDelay = new PauseTransition(Duration.millis(250));

    @FXML private BorderPane root;
    @FXML private ResourceBundle resources;
    @FXML private ComboBox<ExportView> viewBox;
    @FXML private ComboBox<Format> formatBox;
    @FXML private ComboBox<ExportViewModel.SizePreset> presetBox;
    @FXML private Spinner<Integer> widthSpinner;
    @FXML private Spinner<Integer> heightSpinner;
    @FXML private Spinner<Double> scaleSpinner;
    @FXML private Label scaleLabel;
    @FXML private TextField titleField;
    @FXML private TextField captionField;
    @FXML private CheckBox equationCheck;
    @FXML private CheckBox shownCheck;
    @FXML private Label rangeLabel;
    @FXML private HBox rangeBox;
    @FXML private Spinner<Integer> fromSpinner;
    @FXML private Spinner<Integer> toSpinner;
    @FXML private Label ofLabel;
    @FXML private Label delayLabel;
    @FXML private Spinner<Integer> delaySpinner;
    @FXML private ImageView previewImage;
    @FXML private javafx.scene.layout.StackPane previewPane;
    @FXML private Label noPreviewLabel;
    @FXML private Label statusLabel;
    @FXML private ProgressIndicator busyIndicator;
    @FXML private Button copyButton;
    @FXML private Button exportButton;

    public ExportController(ExportViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        viewBox.setItems(vm.views());
        Controls.named(viewBox, v -> resources.getString("export.view." + v.id()));
        viewBox.valueProperty().bindBidirectional(vm.viewProperty());
        formatBox.setItems(vm.formats());
        Controls.named(formatBox, f -> resources.getString("export.format." + f.id()));
        formatBox.valueProperty().bindBidirectional(vm.formatProperty());
        presetBox.getItems().setAll(ExportViewModel.SizePreset.values());
        Controls.named(presetBox, p -> resources.getString("export.preset." + p.name().toLowerCase()));
        presetBox.valueProperty().bindBidirectional(vm.presetProperty());
        ints(widthSpinner, 16, 8192, vm.widthProperty().asObject());
        ints(heightSpinner, 16, 8192, vm.heightProperty().asObject());
        doubles(scaleSpinner, 1, 4, 0.5, vm.scaleProperty().asObject());
        ints(fromSpinner, 0, Math.max(0, vm.eventCountProperty().get()), vm.fromProperty().asObject());
        ints(toSpinner, 0, Math.max(0, vm.eventCountProperty().get()), vm.toProperty().asObject());
        ints(delaySpinner, 20, 10_000, vm.delayProperty().asObject());
        ofLabel.setText(Messages.format(resources, "export.range.of", vm.eventCountProperty().get()));
        titleField.textProperty().bindBidirectional(vm.titleProperty());
        captionField.textProperty().bindBidirectional(vm.captionProperty());
        equationCheck.selectedProperty().bindBidirectional(vm.equationProperty());
        shownCheck.selectedProperty().bindBidirectional(vm.asShownProperty());
        widthSpinner.disableProperty().bind(vm.presetProperty().isNotEqualTo(ExportViewModel.SizePreset.CUSTOM)
                .or(vm.pictureProperty().not()));
        heightSpinner.disableProperty().bind(widthSpinner.disableProperty());
        presetBox.disableProperty().bind(vm.pictureProperty().not());
        scaleSpinner.disableProperty().bind(vm.formatProperty().isNotEqualTo(Format.PNG)
                .and(vm.walkProperty().not()));
        titleField.disableProperty().bind(vm.pictureProperty().not());
        captionField.disableProperty().bind(vm.pictureProperty().not().or(vm.equationProperty()));
        equationCheck.disableProperty().bind(vm.viewProperty().isNotEqualTo(ExportView.GRAPH)
                .or(vm.pictureProperty().not()));
        shownCheck.disableProperty().bind(equationCheck.disableProperty());
        fromSpinner.disableProperty().bind(vm.walkProperty().not());
        rangeLabel.textProperty().bind(javafx.beans.binding.Bindings.when(vm.walkProperty())
                .then(resources.getString("export.range")).otherwise(resources.getString("export.event")));
        delaySpinner.disableProperty().bind(vm.formatProperty().isNotEqualTo(Format.GIF));
        statusLabel.textProperty().bind(vm.statusProperty());
        busyIndicator.visibleProperty().bind(vm.busyProperty());
        busyIndicator.progressProperty().bind(vm.progressProperty());
        exportButton.disableProperty().bind(vm.busyProperty());
        copyButton.disableProperty().bind(vm.busyProperty().or(vm.viewProperty().isEqualTo(ExportView.CASE)));
        vm.previewProperty().addListener((o, a, img) -> showPreview(img));
        previewImage.fitWidthProperty().bind(previewPane.widthProperty().subtract(8));
        previewImage.fitHeightProperty().bind(previewPane.heightProperty().subtract(8));
        ofLabel.setTooltip(new javafx.scene.control.Tooltip(resources.getString("export.range.hint")));
        previewDelay.setOnFinished(e -> vm.refreshPreview());
        for (Observable p : List.of(vm.viewProperty(), vm.formatProperty(), vm.widthProperty(), vm.heightProperty(),
                vm.titleProperty(), vm.captionProperty(), vm.equationProperty(), vm.asShownProperty(),
                vm.toProperty(), vm.notationProperty())) {
            p.addListener(o -> previewDelay.playFromStart());
        }
        showPreview(vm.previewProperty().get());
        vm.refreshPreview();
    }

    private void ints(Spinner<Integer> s, int min, int max, ObjectProperty<Integer> p) {
        keep.add(p);
        Controls.bindInts(s, min, max, p);
    }

    private void doubles(Spinner<Double> s, double min, double max, double step, ObjectProperty<Double> p) {
        keep.add(p);
        Controls.bindDoubles(s, min, max, step, p);
    }

    private void showPreview(BufferedImage img) {
        previewImage.setImage(img == null ? null : toFx(img));
        noPreviewLabel.setVisible(img == null);
    }

    /** An AWT image as a JavaFX image (no javafx.swing needed). */
    static Image toFx(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        WritableImage out = new WritableImage(w, h);
        out.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), img.getRGB(0, 0, w, h, null, 0, w),
                0, w);
        return out;
    }

    /** Puts an image on the system clipboard. */
    public static void toClipboard(BufferedImage img) {
        ClipboardContent c = new ClipboardContent();
        c.putImage(toFx(img));
        Clipboard.getSystemClipboard().setContent(c);
    }

    @FXML
    private void copy() {
        vm.renderImage(ExportController::toClipboard);
    }

    @FXML
    private void export() {
        Format f = vm.formatProperty().get();
        File chosen;
        if (f == Format.FRAMES) {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle(resources.getString("export.chooseFolder"));
            chosen = dc.showDialog(root.getScene().getWindow());
            if (chosen != null) {
                chosen = new File(chosen, vm.suggestedFileName());
            }
        } else {
            FileChooser fc = new FileChooser();
            fc.setTitle(resources.getString("export.chooseFile"));
            fc.setInitialFileName(vm.suggestedFileName());
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(
                    resources.getString("export.format." + f.id()), "*." + f.extension()));
            chosen = fc.showSaveDialog(root.getScene().getWindow());
        }
        if (chosen != null) {
            exportTo(chosen.toPath());
        }
    }

    /** Exports to a file chosen elsewhere (tests; the file chooser ends here). */
    public void exportTo(Path out) {
        vm.export(out, null);
    }

    /** Closes the dialog; an export under way stops at its next frame and writes nothing. */
    @FXML
    private void close() {
        vm.cancel();
        ((Stage) root.getScene().getWindow()).close();
    }
}
