// Draws the soak's memory curve (heap used after GC, MiB) and the JavaFX latency from its CSV, with
// JFreeChart (on the app's classpath): java -cp CLASSPATH scripts/SoakPlot.java IN.csv OUT.png
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

public class SoakPlot {
    public static void main(String[] a) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(a[0]));
        XYSeries heap = new XYSeries("heap used after GC (MiB)");
        XYSeries lat = new XYSeries("JavaFX latency (ms)");
        String last = "";
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",", -1);
            double min = Double.parseDouble(f[0]) / 60;
            heap.add(min, Double.parseDouble(f[1]));
            if (!f[3].isEmpty()) lat.add(min, Double.parseDouble(f[3]));
            last = f[4];
        }
        NumberAxis y1 = new NumberAxis("heap after GC (MiB)");
        y1.setAutoRangeIncludesZero(true);
        XYPlot p1 = new XYPlot(new XYSeriesCollection(heap), null, y1, new XYLineAndShapeRenderer(true, false));
        XYPlot p2 = new XYPlot(new XYSeriesCollection(lat), null, new NumberAxis("JavaFX latency (ms)"),
                new XYLineAndShapeRenderer(true, false));
        CombinedDomainXYPlot c = new CombinedDomainXYPlot(new NumberAxis("minutes"));
        c.add(p1, 2);
        c.add(p2, 1);
        JFreeChart ch = new JFreeChart("Soak: training (live plots) and stepping, epoch " + last + " at the end",
                JFreeChart.DEFAULT_TITLE_FONT, c, false);
        ChartUtils.saveChartAsPNG(new File(a[1]), ch, 900, 520);
    }
}
