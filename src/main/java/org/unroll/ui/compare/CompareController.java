package org.unroll.ui.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.data.xy.XYSeriesCollection;
import org.unroll.charts.Plots;
import org.unroll.engine.CellType;
import org.unroll.export.ExportView;
import org.unroll.ui.common.Controls;

/** The Compare tab: two runs' loss and gradient-flow curves on shared axes (the charts of {@link Plots}). */
public final class CompareController {

    private final CompareViewModel vm;
    private final List<Runnable> undo = new ArrayList<>();
    private final List<Object> keep = new ArrayList<>();
    private JFreeChart lossChart;
    private JFreeChart gradientChart;
    private ChartViewer lossViewer;
    private ChartViewer gradientViewer;

    @FXML private ResourceBundle resources;
    @FXML private ComboBox<CellType> cellABox;
    @FXML private ComboBox<CellType> cellBBox;
    @FXML private Spinner<Integer> compareLengthSpinner;
    @FXML private Spinner<Integer> compareHiddenSpinner;
    @FXML private Spinner<Integer> compareEpochsSpinner;
    @FXML private Spinner<Integer> compareSeedSpinner;
    @FXML private Button compareStartButton;
    @FXML private Button compareStopButton;
    @FXML private Label compareProgressLabel;
    @FXML private GridPane comparePlotGrid;

    public CompareController(CompareViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        cellABox.getItems().setAll(CellType.values());
        cellBBox.getItems().setAll(CellType.values());
        cellABox.valueProperty().bindBidirectional(vm.cellAProperty());
        cellBBox.valueProperty().bindBidirectional(vm.cellBProperty());
        ints(compareLengthSpinner, 2, 1000, vm.lengthProperty().asObject());
        ints(compareHiddenSpinner, 1, 256, vm.hiddenProperty().asObject());
        ints(compareEpochsSpinner, 1, 100000, vm.epochsProperty().asObject());
        ints(compareSeedSpinner, 0, Integer.MAX_VALUE, vm.seedProperty().asObject());
        compareStopButton.disableProperty().bind(vm.runningProperty().not());
        compareProgressLabel.textProperty().bind(vm.progressTextProperty());
        lossChart = Plots.create(Plots.COMPARE_LOSS, resources);
        gradientChart = Plots.create(Plots.COMPARE_GRADIENT, resources);
        ChartViewer lv = new ChartViewer(lossChart);
        lv.setId("compare-loss");
        ChartViewer gv = new ChartViewer(gradientChart);
        gv.setId("compare-gradient");
        lossViewer = lv;
        gradientViewer = gv;
        for (int c = 0; c < 2; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(50);
            cc.setHgrow(Priority.ALWAYS);
            comparePlotGrid.getColumnConstraints().add(cc);
        }
        RowConstraints rc = new RowConstraints();
        rc.setPercentHeight(100);
        rc.setVgrow(Priority.ALWAYS);
        comparePlotGrid.getRowConstraints().add(rc);
        comparePlotGrid.add(lv, 0, 0);
        comparePlotGrid.add(gv, 1, 0);
        Plots.showComparison(lossChart, vm.lossProperty().get());
        Plots.showComparison(gradientChart, vm.gradientProperty().get());
        relabel(vm.notationProperty().get());
        typeSize(vm.presentationProperty().get());
        ChangeListener<org.unroll.view.Presentation> size = (o, a, b) -> typeSize(b);
        vm.presentationProperty().addListener(size);
        undo.add(() -> vm.presentationProperty().removeListener(size));
        ChangeListener<org.unroll.graph.Notation> n = (o, a, b) -> relabel(b);
        vm.notationProperty().addListener(n);
        undo.add(() -> vm.notationProperty().removeListener(n));
        ChangeListener<XYSeriesCollection> l = (o, a, b) -> Plots.showComparison(lossChart, b);
        ChangeListener<XYSeriesCollection> g = (o, a, b) -> Plots.showComparison(gradientChart, b);
        vm.lossProperty().addListener(l);
        vm.gradientProperty().addListener(g);
        undo.add(() -> vm.lossProperty().removeListener(l));
        undo.add(() -> vm.gradientProperty().removeListener(g));
    }

    public void dispose() {
        undo.forEach(Runnable::run);
        cellABox.valueProperty().unbindBidirectional(vm.cellAProperty());
        cellBBox.valueProperty().unbindBidirectional(vm.cellBProperty());
    }

    /** The legends in a notation (the comparison's series are the cells' own: no network to name). */
    private void relabel(org.unroll.graph.Notation n) {
        org.unroll.charts.SeriesLabels.applyTo(lossChart, resources, n, null);
        org.unroll.charts.SeriesLabels.applyTo(gradientChart, resources, n, null);
        lossChart.fireChartChanged();
        gradientChart.fireChartChanged();
    }

    /** The plots by the export view each is (the window gives them their Export menus). */
    public Map<ExportView, ChartViewer> exportablePlots() {
        return Map.of(ExportView.COMPARE_LOSS, lossViewer, ExportView.COMPARE_GRADIENT, gradientViewer);
    }

    /** The loss chart (shared axes for both runs). */
    public JFreeChart lossChart() {
        return lossChart;
    }

    /** The gradient-flow chart (log axis, both runs). */
    public JFreeChart gradientChart() {
        return gradientChart;
    }

    @FXML
    private void start() {
        vm.start();
    }

    @FXML
    private void stop() {
        vm.stop();
    }

    private void ints(Spinner<Integer> s, int min, int max, ObjectProperty<Integer> p) {
        keep.add(p);
        undo.add(Controls.bindInts(s, min, max, p));
    }

    private void typeSize(org.unroll.view.Presentation p) {
        Plots.typeSize(lossChart, p.scale());
        Plots.typeSize(gradientChart, p.scale());
    }
}
