package org.unroll.ui.training;

import org.unroll.engine.Quantity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.awt.geom.Rectangle2D;
import java.util.Locale;
import javafx.geometry.Point2D;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.unroll.charts.PlotData;
import org.unroll.engine.CellType;
import org.unroll.graph.Node;
import org.unroll.session.TrainingRun;
import org.unroll.ui.AppContext;
import org.unroll.ui.Fixtures;
import org.unroll.ui.MainWindow;
import org.unroll.ui.compare.CompareController;
import org.unroll.ui.compare.CompareViewModel;

/**
 * The Training tab as a user drives it, headless: Start trains (on the synchronous runner the test
 * context injects) and the JFreeChart plots take the snapshot's datasets; pausing stops them; a
 * click in a plot at t selects the node h(t); a selected node is marked in every plot.
 */
@ExtendWith(ApplicationExtension.class)
class TrainingWindowTest {

    private AppContext ctx;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        ctx = Fixtures.context();
        window = Fixtures.window(stage, ctx, 1600, 1000);
        window.controller().showTab(1);
        TrainingViewModel t = ctx.training();
        t.cellProperty().set(CellType.LSTM);
        t.hiddenProperty().set(3);
        t.epochsProperty().set(8);
        t.setSnapshotsPerSecond(1_000_000);
    }

    private TrainingPlots plots() {
        return window.controller().training().plots();
    }

    private String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void startTrainsAndThePlotsShowTheSnapshot(FxRobot robot) {
        assertEquals(null, plots().dataset("loss", 0));
        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(TrainingRun.State.DONE, ctx.training().stateProperty().get());
        PlotData p = ctx.training().plotsProperty().get();
        assertEquals(8, plots().dataset("loss", 0).getItemCount(0));
        assertSame(p.gates(), plots().dataset("gates", 0));
        assertSame(p.heat(), plots().dataset("heat", 0));
        assertSame(p.states(), plots().dataset("states", 0));
        assertSame(p.prediction(), plots().dataset("prediction", 0));
        assertSame(p.freeRunning(), plots().dataset("prediction", 1));
        assertSame(p.gradient(), plots().dataset("gradient", 0));
        assertEquals(p.snapshot().trace().forward(Quantity.O, 4)[1], plots().dataset("gates", 0).getYValue(5, 3), 0);
        assertEquals("Done", text(robot, "#stateLabel"));
        assertTrue(text(robot, "#progressLabel").startsWith("Epoch 8/8"), text(robot, "#progressLabel"));
        robot.interact(() -> robot.lookup("#logBox").queryAs(javafx.scene.control.CheckBox.class).fire());
        assertTrue(ctx.training().logLossProperty().get());
        assertTrue(plots().isLogLoss());
        assertTrue(plots().chart("loss").getXYPlot().getRangeAxis() instanceof org.jfree.chart.axis.LogAxis);
    }

    @Test
    void pausingStopsThePlotsAndResumeContinues(FxRobot robot) {
        ctx.training().plotsProperty().addListener((o, a, p) -> {
            if (p != null && p.snapshot().epoch() == 3 && !p.snapshot().last()) {
                ctx.training().pause();
            }
        });
        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(TrainingRun.State.PAUSED, ctx.training().stateProperty().get());
        int points = plots().dataset("loss", 0).getItemCount(0);
        assertTrue(points <= 4, "halted: " + points);
        assertFalse(robot.lookup("#resumeButton").queryAs(Button.class).isDisabled());
        assertTrue(robot.lookup("#pauseButton").queryAs(Button.class).isDisabled());
        // The test context trains on the synchronous runner: the click returned only when the run's
        // loop had returned (PAUSED above), so no epoch can follow, however long we wait. What is left
        // to check is that nothing already queued for the FX thread still moves the plots.
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(TrainingRun.State.PAUSED, ctx.training().stateProperty().get());
        assertEquals(points, plots().dataset("loss", 0).getItemCount(0), "nothing moves while paused");
        robot.clickOn("#resumeButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(TrainingRun.State.DONE, ctx.training().stateProperty().get());
        assertEquals(8, plots().dataset("loss", 0).getItemCount(0));
    }

    @Test
    void clickingAPlotAtTSelectsTheNode(FxRobot robot) {
        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitForFxEvents();
        ChartViewer v = plots().viewer("gates");
        Point2D[] at = new Point2D[1];
        robot.interact(() -> {
            Rectangle2D area = v.getCanvas().getRenderingInfo().getPlotInfo().getDataArea();
            XYPlot plot = v.getChart().getXYPlot();
            double x = plot.getDomainAxis().valueToJava2D(9, area, plot.getDomainAxisEdge());
            at[0] = v.getCanvas().localToScreen(x, area.getCenterY());
        });
        robot.clickOn(at[0]);
        WaitForAsyncUtils.waitForFxEvents();
        Node h9 = ctx.main().getSession().graph().node("h", 9);
        assertEquals(h9, ctx.main().selectedProperty().get());
        assertEquals(h9, ctx.main().getCursor().current().orElseThrow().node());
        assertEquals(9.0, plots().markerIn("states"));
    }

    @Test
    void aSelectedNodeIsMarkedInEveryPlot(FxRobot robot) {
        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitForFxEvents();
        Node c5 = ctx.main().getSession().graph().node("c", 5);
        robot.interact(() -> ctx.main().select(c5));
        for (String plot : new String[] {"gates", "heat", "states", "prediction", "gradient"}) {
            assertEquals(5.0, plots().markerIn(plot), plot);
        }
        assertTrue(Double.isNaN(plots().markerIn("loss")), "the loss is over epochs, not t");
    }

    @Test
    void theComparisonPlotsBothRunsOnSharedAxes(FxRobot robot) {
        CompareViewModel c = ctx.compare();
        Fixtures.runSmallComparison(robot, ctx, window);
        CompareController cc = window.controller().compare();
        assertSame(c.lossProperty().get(), cc.lossChart().getXYPlot().getDataset());
        assertEquals(4, cc.lossChart().getXYPlot().getDataset().getSeriesCount());
        assertSame(c.gradientProperty().get(), cc.gradientChart().getXYPlot().getDataset());
        assertEquals(2, cc.gradientChart().getXYPlot().getDataset().getSeriesCount());
        assertEquals(20, cc.gradientChart().getXYPlot().getDataset().getItemCount(0));
        assertTrue(cc.gradientChart().getXYPlot().getRangeAxis() instanceof org.jfree.chart.axis.LogAxis);
    }

    @Test
    void theLanguageSwitchKeepsThePlots(FxRobot robot) {
        robot.clickOn("#startButton");
        WaitForAsyncUtils.waitForFxEvents();
        PlotData p = ctx.training().plotsProperty().get();
        robot.interact(() -> ctx.main().setLanguage(Locale.JAPANESE));
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(plots());
        assertSame(p, plots().shown());
        assertEquals("完了", text(robot, "#stateLabel"));
        assertEquals("ゲートの活性", plots().chart("gates").getTitle().getText());
    }
}
