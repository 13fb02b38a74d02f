package org.unroll.ui;

import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import javafx.beans.property.ObjectProperty;
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
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeriesCollection;
import org.unroll.charts.SeriesLabels;
import org.unroll.engine.CellType;

/** The Compare tab: two runs' loss and gradient-flow curves on shared axes. */
public final class CompareController {

    private final CompareViewModel vm;
    private final List<Runnable> undo = new ArrayList<>();
    private final List<Object> keep = new ArrayList<>();
    private JFreeChart lossChart;
    private JFreeChart gradientChart;

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

    public CompareController(AppContext ctx) {
        this.vm = ctx.compare();
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
        lossChart = chart(resources.getString("compare.loss"), resources.getString("plot.epoch"),
                resources.getString("plot.loss.axis"));
        gradientChart = chart(resources.getString("compare.gradient"), "t", resources.getString("plot.norm"));
        SeriesLabels.applyTo(lossChart, resources);
        SeriesLabels.applyTo(gradientChart, resources);
        // the first network red, the second blue; validation dashed
        XYLineAndShapeRenderer lr = (XYLineAndShapeRenderer) lossChart.getXYPlot().getRenderer();
        java.awt.Stroke dashed = new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT,
                java.awt.BasicStroke.JOIN_MITER, 1f, new float[] {6f, 4f}, 0f);
        Color[] runColours = {new Color(0xd62728), new Color(0x1f77b4)};
        for (int i = 0; i < 2; i++) {
            lr.setSeriesPaint(2 * i, runColours[i]);
            lr.setSeriesPaint(2 * i + 1, runColours[i]);
            lr.setSeriesStroke(2 * i, new java.awt.BasicStroke(1.5f));
            lr.setSeriesStroke(2 * i + 1, dashed);
            ((XYLineAndShapeRenderer) gradientChart.getXYPlot().getRenderer()).setSeriesPaint(i, runColours[i]);
            ((XYLineAndShapeRenderer) gradientChart.getXYPlot().getRenderer()).setSeriesStroke(i,
                    new java.awt.BasicStroke(2f));
        }
        ChartViewer lv = new ChartViewer(lossChart);
        lv.setId("compare-loss");
        ChartViewer gv = new ChartViewer(gradientChart);
        gv.setId("compare-gradient");
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
        lossChart.getXYPlot().setDataset(vm.lossProperty().get());
        gradientChart.getXYPlot().setDataset(vm.gradientProperty().get());
        javafx.beans.value.ChangeListener<XYSeriesCollection> l = (o, a, b) -> {
            lossChart.getXYPlot().setDataset(b);
            TrainingPlots.fitLog(lossChart.getXYPlot());
        };
        javafx.beans.value.ChangeListener<XYSeriesCollection> g = (o, a, b) -> {
            gradientChart.getXYPlot().setDataset(b);
            TrainingPlots.fitLog(gradientChart.getXYPlot());
        };
        vm.lossProperty().addListener(l);
        vm.gradientProperty().addListener(g);
        undo.add(() -> vm.lossProperty().removeListener(l));
        undo.add(() -> vm.gradientProperty().removeListener(g));
    }

    void dispose() {
        undo.forEach(Runnable::run);
        cellABox.valueProperty().unbindBidirectional(vm.cellAProperty());
        cellBBox.valueProperty().unbindBidirectional(vm.cellBProperty());
    }

    /** The loss chart (shared axes for both runs). */
    public JFreeChart lossChart() {
        return lossChart;
    }

    /** The gradient-flow chart (log axis, both runs). */
    public JFreeChart gradientChart() {
        return gradientChart;
    }

    private static JFreeChart chart(String title, String x, String y) {
        NumberAxis xa = new NumberAxis(x);
        xa.setAutoRangeIncludesZero(false);
        xa.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        LogAxis ya = new LogAxis(y);
        ya.setSmallestValue(1e-12);
        ya.setStandardTickUnits(NumberAxis.createStandardTickUnits());
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        XYPlot p = new XYPlot(null, xa, ya, r);
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinePaint(new Color(0xdddddd));
        p.setRangeGridlinePaint(new Color(0xdddddd));
        JFreeChart c = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 14), p, true);
        c.setBackgroundPaint(Color.WHITE);
        return c;
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
}
