package org.unroll.ui.training;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.stage.FileChooser;
import org.jfree.chart.fx.ChartViewer;
import org.unroll.charts.PlotData;
import org.unroll.engine.CellType;
import org.unroll.engine.OptimizerKind;
import org.unroll.export.ExportView;
import org.unroll.session.TrainingRun;
import org.unroll.ui.common.Controls;

/** The Training tab: binds the form, the buttons and the progress to {@link TrainingViewModel}; owns the plots. */
public final class TrainingController {

    /** Whether the tab is shown; the step a hidden tab's plots are to mark when shown. */
    private boolean shown = true;
    private int pendingMark = Integer.MIN_VALUE;

    /**
     * Whether the Training tab is shown (the window says): while it is not, the plots do not follow
     * the stepper's step, and catch up when shown.
     */
    public void setShown(boolean s) {
        shown = s;
        if (s && pendingMark != Integer.MIN_VALUE) {
            int t = pendingMark;
            pendingMark = Integer.MIN_VALUE;
            plots.mark(t);
        }
    }


    private final TrainingViewModel vm;
    private final List<Runnable> undo = new ArrayList<>();
    private final List<Object> keep = new ArrayList<>(); // bidirectional bindings hold their ends weakly
    private TrainingPlots plots;

    @FXML private BorderPane root;
    @FXML private ResourceBundle resources;
    @FXML private ComboBox<TrainingViewModel.Task> taskBox;
    @FXML private Label lengthLabel;
    @FXML private Label countLabel;
    @FXML private Label csvLabel;
    @FXML private Spinner<Integer> lengthSpinner;
    @FXML private Spinner<Integer> countSpinner;
    @FXML private TextField csvField;
    @FXML private Button csvButton;
    @FXML private ComboBox<CellType> cellBox;
    @FXML private ComboBox<org.unroll.engine.GateActivation> gateBox;
    @FXML private Spinner<Integer> hiddenSpinner;
    @FXML private ComboBox<OptimizerKind> optimizerBox;
    @FXML private Spinner<Double> lrSpinner;
    @FXML private Spinner<Integer> batchSpinner;
    @FXML private Spinner<Integer> epochsSpinner;
    @FXML private Spinner<Double> clipSpinner;
    @FXML private Spinner<Integer> truncateSpinner;
    @FXML private Spinner<Integer> seedSpinner;
    // the books' presets (ADR 0023)
    @FXML private ComboBox<org.unroll.session.BookPresets.Preset> presetBox;
    @FXML private Label presetSource;
    @FXML private ComboBox<org.unroll.engine.InitScheme> initBox;
    @FXML private Spinner<Integer> validationSpinner;
    @FXML private CheckBox validationLastBox;
    @FXML private Spinner<Integer> patienceSpinner;
    @FXML private ComboBox<org.unroll.engine.EarlyStopping.Monitor> monitorBox;
    @FXML private CheckBox resetAfterBox;
    @FXML private Button startButton;
    @FXML private Button pauseButton;
    @FXML private Button resumeButton;
    @FXML private Button stopButton;
    @FXML private Button resetButton;
    @FXML private TextField unitsField;
    @FXML private ComboBox<String> parameterBox;
    @FXML private CheckBox logBox;
    @FXML private CheckBox plotsBox;
    @FXML private CheckBox retraceBox;
    @FXML private Label stateLabel;
    @FXML private ProgressBar progressBar;
    @FXML private Label progressLabel;
    @FXML private GridPane plotGrid;
    @FXML private javafx.scene.layout.HBox resumeSavedBar;
    @FXML private Label resumeSavedLabel;

    public TrainingController(TrainingViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        taskBox.getItems().setAll(TrainingViewModel.Task.values());
        Controls.named(taskBox, t -> resources.getString("training.task." + t.name().toLowerCase()));
        taskBox.valueProperty().bindBidirectional(vm.taskProperty());
        cellBox.getItems().setAll(CellType.values());
        Controls.named(cellBox, c -> c.name());
        cellBox.valueProperty().bindBidirectional(vm.cellProperty());
        gateBox.getItems().setAll(org.unroll.engine.GateActivation.values());
        Controls.named(gateBox, g -> resources.getString("model.gate." + g.key()));
        gateBox.valueProperty().bindBidirectional(vm.gateActivationProperty());
        gateBox.disableProperty().bind(vm.cellProperty().isEqualTo(CellType.RNN));
        optimizerBox.getItems().setAll(OptimizerKind.values());
        Controls.named(optimizerBox, o -> resources.getString("training.optimizer." + o.key()));
        optimizerBox.valueProperty().bindBidirectional(vm.optimizerProperty());
        ints(lengthSpinner, 2, 1000, vm.addingLengthProperty().asObject());
        ints(countSpinner, 10, 100000, vm.addingCountProperty().asObject());
        ints(hiddenSpinner, 1, 256, vm.hiddenProperty().asObject());
        ints(batchSpinner, 1, 10000, vm.batchSizeProperty().asObject());
        ints(epochsSpinner, 1, 1000000, vm.epochsProperty().asObject());
        ints(truncateSpinner, 0, 1000, vm.truncationProperty().asObject());
        ints(seedSpinner, 0, Integer.MAX_VALUE, vm.seedProperty().asObject());
        doubles(lrSpinner, 1e-5, 10, 0.001, vm.learningRateProperty().asObject());
        doubles(clipSpinner, 0, 1000, 0.5, vm.clipProperty().asObject());
        bindPresets();
        csvField.textProperty().bindBidirectional(vm.csvFileProperty());
        unitsField.textProperty().bindBidirectional(vm.unitsProperty());
        fillParameters(vm.plotsProperty().get());
        parameterBox.valueProperty().bindBidirectional(vm.parameterProperty());
        logBox.selectedProperty().bindBidirectional(vm.logLossProperty());
        plotsBox.selectedProperty().bindBidirectional(vm.plotsShownProperty());
        retraceBox.selectedProperty().bindBidirectional(vm.retraceProperty());
        var adding = vm.taskProperty().isEqualTo(TrainingViewModel.Task.ADDING);
        var csv = vm.taskProperty().isEqualTo(TrainingViewModel.Task.CSV);
        lengthSpinner.disableProperty().bind(adding.not());
        countSpinner.disableProperty().bind(adding.not());
        csvField.disableProperty().bind(csv.not());
        csvButton.disableProperty().bind(csv.not());
        keep.add(adding);
        keep.add(csv);

        var st = vm.stateProperty();
        startButton.disableProperty().bind(vm.runningProperty().or(st.isEqualTo(TrainingRun.State.PAUSED)));
        pauseButton.disableProperty().bind(st.isNotEqualTo(TrainingRun.State.RUNNING));
        resumeButton.disableProperty().bind(st.isNotEqualTo(TrainingRun.State.PAUSED));
        stopButton.disableProperty().bind(st.isNotEqualTo(TrainingRun.State.RUNNING)
                .and(st.isNotEqualTo(TrainingRun.State.PAUSED)));
        resetButton.disableProperty().bind(st.isNull());
        stateLabel.textProperty().bind(Bindings.createStringBinding(() -> st.get() == null
                ? resources.getString("training.state.none")
                : vm.divergedProperty().get() && st.get() == org.unroll.session.TrainingRun.State.FAILED
                ? resources.getString("training.state.diverged")
                : resources.getString("training.state." + st.get().name().toLowerCase()), st, vm.divergedProperty()));
        progressLabel.textProperty().bind(vm.progressTextProperty());
        resumeSavedLabel.textProperty().bind(vm.resumeTextProperty());
        resumeSavedBar.visibleProperty().bind(vm.resumeOfferProperty().isNotNull());
        resumeSavedBar.managedProperty().bind(resumeSavedBar.visibleProperty());
        progressBar.progressProperty().bind(vm.progressProperty());

        plots = new TrainingPlots(resources);
        plots.setOnPick(vm::pickStep);
        List<javafx.scene.Node> vs = new ArrayList<>(plots.viewers());
        for (int c = 0; c < 3; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100.0 / 3);
            cc.setHgrow(Priority.ALWAYS);
            plotGrid.getColumnConstraints().add(cc);
        }
        for (int r = 0; r < 2; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(50);
            rc.setVgrow(Priority.ALWAYS);
            plotGrid.getRowConstraints().add(rc);
        }
        for (int i = 0; i < vs.size(); i++) {
            plotGrid.add(vs.get(i), i % 3, i / 3);
        }
        plots.setLogLoss(vm.logLossProperty().get());
        plots.setNotation(vm.notationProperty().get());
        plots.setTypeScale(vm.presentationProperty().get().scale());
        plots.show(vm.plotsProperty().get());
        plots.mark(vm.markedStepProperty().get());
        listen(vm.plotsProperty(), (o, a, b) -> {
            fillParameters(b);
            plots.show(b);
        });
        listen(vm.logLossProperty(), (o, a, b) -> plots.setLogLoss(b));
        listen(vm.presentationProperty(), (o, a, b) -> plots.setTypeScale(b.scale()));
        listen(vm.notationProperty(), (o, a, b) -> {
            plots.setNotation(b);
            PlotData d = vm.plotsProperty().get();
            if (d != null) {
                nameParameters(d.snapshot().trace().config(), b);
            }
        });
        listen(vm.markedStepProperty(), (o, a, b) -> {
            long t0 = org.unroll.ui.common.FrameProbe.start();
            if (shown) {
                plots.mark(b.intValue());
            } else {
                // six charts redrawn for a tab nobody sees cost a step 60–130 ms: when it is shown
                pendingMark = b.intValue();
            }
            org.unroll.ui.common.FrameProbe.end("fx: training plots mark the step", t0);
        });
        plotGrid.visibleProperty().bind(vm.plotsShownProperty());
    }

    /** The Preset menu fills the form; the controls of initialisation, validation and early stopping. */
    private void bindPresets() {
        presetBox.getItems().setAll(org.unroll.session.BookPresets.all());
        Controls.named(presetBox, p -> resources.getString("training.preset." + p.name()));
        presetBox.setValue(vm.presetProperty().get());
        presetBox.setOnAction(e -> {
            org.unroll.session.BookPresets.Preset p = presetBox.getValue();
            if (p != null && p != vm.presetProperty().get()) {
                vm.applyPreset(p);
            }
        });
        presetSource.textProperty().bind(Bindings.createStringBinding(() -> vm.presetProperty().get() == null ? ""
                : java.text.MessageFormat.format(resources.getString("training.preset.source"),
                        vm.presetProperty().get().source()), vm.presetProperty()));
        initBox.getItems().setAll(org.unroll.engine.InitScheme.values());
        Controls.named(initBox, s -> resources.getString("training.init." + s.key()));
        initBox.valueProperty().bindBidirectional(vm.initProperty());
        ints(validationSpinner, 0, 90, vm.validationPercentProperty().asObject());
        validationLastBox.selectedProperty().bindBidirectional(vm.validationLastProperty());
        ints(patienceSpinner, 0, 100000, vm.patienceProperty().asObject());
        monitorBox.getItems().setAll(org.unroll.engine.EarlyStopping.Monitor.values());
        Controls.named(monitorBox, m -> resources.getString("training.monitor." + m.key()));
        monitorBox.valueProperty().bindBidirectional(vm.monitorProperty());
        monitorBox.disableProperty().bind(vm.patienceProperty().isEqualTo(0));
        resetAfterBox.selectedProperty().bindBidirectional(vm.resetAfterProperty());
        resetAfterBox.disableProperty().bind(vm.cellProperty().isNotEqualTo(CellType.GRU));
    }

    private <T> void listen(javafx.beans.value.ObservableValue<T> p, ChangeListener<? super T> l) {
        p.addListener(l);
        undo.add(() -> p.removeListener(l));
    }

    /** Unhooks from the view-model (the window is rebuilt when the language changes). */
    public void dispose() {
        undo.forEach(Runnable::run);
        taskBox.valueProperty().unbindBidirectional(vm.taskProperty());
        cellBox.valueProperty().unbindBidirectional(vm.cellProperty());
        gateBox.valueProperty().unbindBidirectional(vm.gateActivationProperty());
        optimizerBox.valueProperty().unbindBidirectional(vm.optimizerProperty());
        csvField.textProperty().unbindBidirectional(vm.csvFileProperty());
        unitsField.textProperty().unbindBidirectional(vm.unitsProperty());
        parameterBox.valueProperty().unbindBidirectional(vm.parameterProperty());
        logBox.selectedProperty().unbindBidirectional(vm.logLossProperty());
        plotsBox.selectedProperty().unbindBidirectional(vm.plotsShownProperty());
        retraceBox.selectedProperty().unbindBidirectional(vm.retraceProperty());
        initBox.valueProperty().unbindBidirectional(vm.initProperty());
        validationLastBox.selectedProperty().unbindBidirectional(vm.validationLastProperty());
        monitorBox.valueProperty().unbindBidirectional(vm.monitorProperty());
        resetAfterBox.selectedProperty().unbindBidirectional(vm.resetAfterProperty());
        presetSource.textProperty().unbind();
        for (Object o : keep) {
            if (o instanceof Runnable r) {
                r.run();
            }
        }
    }

    /** The parameters by their labels in a notation, the case's name after them ({@code recurrent_kernel_z  (Wh_z)}). */
    private void nameParameters(org.unroll.engine.ModelConfig cfg, org.unroll.graph.Notation n) {
        Controls.named(parameterBox, key -> {
            String label = n.parameterLabel(cfg, key);
            return label.equals(key) ? key : label + "  (" + key + ")";
        });
    }

    /** The parameter names of the plotted network, in the case format's order. */
    private void fillParameters(PlotData p) {
        if (p == null) {
            return;
        }
        List<String> names = p.snapshot().weights().layout().params().stream().map(ps -> ps.name()).toList();
        nameParameters(p.snapshot().trace().config(), vm.notationProperty().get());
        if (!names.equals(parameterBox.getItems())) {
            String keepValue = vm.parameterProperty().get();
            parameterBox.getItems().setAll(names);
            vm.parameterProperty().set(names.contains(keepValue) ? keepValue
                    : PlotData.recurrentMatrix(p.snapshot().trace().config().cell()));
        }
    }

    /** The plots by the export view each is (the window gives them their Export menus). */
    public Map<ExportView, ChartViewer> exportablePlots() {
        Map<ExportView, ChartViewer> m = new LinkedHashMap<>();
        for (String name : org.unroll.charts.Plots.TRAINING) {
            m.put(ExportView.ofChart(name), plots.viewer(name));
        }
        return m;
    }

    /** The plots (tests read their datasets). */
    public TrainingPlots plots() {
        return plots;
    }

    @FXML
    private void chooseCsv() {
        FileChooser fc = new FileChooser();
        fc.setTitle(resources.getString("training.csv"));
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        File f = fc.showOpenDialog(root.getScene().getWindow());
        if (f != null) {
            vm.csvFileProperty().set(f.getAbsolutePath());
        }
    }

    @FXML
    private void start() {
        vm.start();
    }

    @FXML
    private void resumeSaved() {
        vm.resumeSaved();
    }

    @FXML
    private void discardSaved() {
        vm.discardSaved();
    }

    @FXML
    private void pause() {
        vm.pause();
    }

    @FXML
    private void resume() {
        vm.resume();
    }

    @FXML
    private void stop() {
        vm.stop();
    }

    @FXML
    private void reset() {
        vm.reset();
    }

    private void ints(Spinner<Integer> s, int min, int max, ObjectProperty<Integer> p) {
        keep.add(p);
        keep.add(Controls.bindInts(s, min, max, p));
    }

    private void doubles(Spinner<Double> s, double min, double max, double step, ObjectProperty<Double> p) {
        keep.add(p);
        keep.add(Controls.bindDoubles(s, min, max, step, p));
    }
}
