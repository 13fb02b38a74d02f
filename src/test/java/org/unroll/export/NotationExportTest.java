package org.unroll.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unroll.charts.PlotData;
import org.unroll.charts.PlotOptions;
import org.unroll.charts.PlotView;
import org.unroll.engine.Case;
import org.unroll.engine.CaseFile;
import org.unroll.graph.Notation;
import org.unroll.schedule.Event;
import org.unroll.schedule.Phase;
import org.unroll.view.Session;

/** Every export speaks the request's notation: the graph's labels, the equation caption, the plots' legends. */
class NotationExportTest {

    @TempDir
    Path dir;

    private static Session rnn;
    private static Session lstm;

    @BeforeAll
    static void sessions() throws Exception {
        rnn = Session.compute(CaseFile.read(ExporterTest.resource("rnn-tanh-many-to-one.json")), null);
        lstm = Session.compute(CaseFile.read(ExporterTest.resource("lstm-many-to-many.json")), null);
    }

    private List<String> svgTexts(Session s, Notation n, Locale l) throws Exception {
        Path out = dir.resolve(n.key() + "-" + l.getLanguage() + ".svg");
        ExportRequest r = ExportRequest.of(ExportView.GRAPH, Format.SVG, s.schedule().size() - 1).withNotation(n)
                .withLocale(l);
        Exporter.write(r, new ExportSource(s, null, null), out);
        return SvgExportTest.texts(SvgExportTest.parse(out));
    }

    @Test
    void theRnnGraphInEachNotation() throws Exception {
        List<String> keras = svgTexts(rnn, Notation.KERAS, Locale.ENGLISH);
        assertTrue(keras.contains("recurrent_kernel"), keras.toString());
        assertTrue(keras.contains("kernel") && keras.contains("dense/kernel"), keras.toString());
        assertTrue(keras.contains("pre_h(2)"), keras.toString());
        assertFalse(keras.contains("W"), "no book letters: " + keras);
        List<String> torch = svgTexts(rnn, Notation.PYTORCH, Locale.ENGLISH);
        assertTrue(torch.contains("weight_hh_l0") && torch.contains("weight_ih_l0") && torch.contains("l2.weight"),
                torch.toString());
        List<String> book = svgTexts(rnn, Notation.BOOK, Locale.ENGLISH);
        assertTrue(book.contains("W") && book.contains("U") && book.contains("V"), book.toString());
        assertTrue(book.contains("p(2)") && book.contains("q(2)"), book.toString());
        assertTrue(book.stream().anyMatch(t -> t.contains("e_h(t)")), "the legend names the book's errors: " + book);
        List<String> ja = svgTexts(rnn, Notation.TENSORFLOW, Locale.JAPANESE);
        assertTrue(ja.contains("U") && ja.contains("W") && ja.contains("B"), ja.toString());
        assertTrue(ja.stream().anyMatch(t -> t.startsWith("TensorFlow 1.x: ノード")), "the legend in Japanese: " + ja);
    }

    @Test
    void theTensorflowLstmCaptionNamesTheKernel() {
        Event e = lstm.schedule().events().stream()
                .filter(x -> x.phase() == Phase.FORWARD && x.node().key().equals("pre_a") && x.step() == 2)
                .findFirst().orElseThrow();
        ExportRequest r = ExportRequest.of(ExportView.GRAPH, Format.SVG, e.index()).withText(null, null, true)
                .withNotation(Notation.TENSORFLOW);
        Slide s = (Slide) Exporter.figure(r, new ExportSource(lstm, null, null));
        assertTrue(s.captionIsLatex(), "the caption typesets");
        String caption = s.caption().orElseThrow();
        assertTrue(caption.contains("\\mathrm{kernel}_{x,j}^\\top"), caption);
        assertEquals(e.equation(Notation.TENSORFLOW), caption);
        Slide book = (Slide) Exporter.figure(r.withNotation(null), new ExportSource(lstm, null, null));
        assertEquals(e.equation(), book.caption().orElseThrow(), "null is the book");
    }

    @Test
    void theTraceTableAndThePlotsLegendsFollowTheNotation() throws Exception {
        Path csv = dir.resolve("trace.csv");
        ExportRequest r = ExportRequest.of(ExportView.GRAPH, Format.CSV, 0).withNotation(Notation.PYTORCH);
        Exporter.write(r, new ExportSource(lstm, null, null), csv);
        String text = java.nio.file.Files.readString(csv);
        assertTrue(text.contains("\ng(1),a,gate,1,"), "PyTorch's g for the candidate: " + text.substring(0, 400));

        Case gru = CaseFile.read(ExporterTest.resource("gru-reset-before-mse.json"));
        Session gs = Session.compute(gru, null);
        PlotData pd = PlotData.untrained(gru, PlotOptions.DEFAULTS);
        Path gates = dir.resolve("gates.csv");
        ExportRequest g = ExportRequest.of(ExportView.GATES, Format.CSV, 0).withNotation(Notation.TENSORFLOW);
        Exporter.write(g, new ExportSource(gs, pd, PlotView.DEFAULT), gates);
        String series = java.nio.file.Files.readString(gates);
        assertTrue(series.contains("\nu unit 0,"), "TF's update gate u: " + series.substring(0, 200));
        Path book = dir.resolve("gates-book.csv");
        Exporter.write(g.withNotation(Notation.BOOK), new ExportSource(gs, pd, PlotView.DEFAULT), book);
        assertTrue(java.nio.file.Files.readString(book).contains("\nz unit 0,"));
        Path flow = dir.resolve("flow.csv");
        Exporter.write(ExportRequest.of(ExportView.GRADFLOW, Format.CSV, 0).withNotation(Notation.KERAS),
                new ExportSource(gs, pd, PlotView.DEFAULT), flow);
        assertTrue(java.nio.file.Files.readString(flow).contains("‖∂E/∂recurrent_kernel_z(t)‖"),
                java.nio.file.Files.readString(flow).substring(0, 100));
    }
}
