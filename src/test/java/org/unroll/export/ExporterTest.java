package org.unroll.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.PdfReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.unroll.engine.Case;
import org.unroll.engine.CaseFile;
import org.unroll.graph.Node;
import org.unroll.schedule.Phase;
import org.unroll.view.Messages;
import org.unroll.view.Session;
import org.w3c.dom.Document;

/**
 * {@link Exporter#write} end to end with the session of a reference case: every format read back
 * and compared with what the session holds, requests that do not fit, failures that leave the
 * previous file alone, and byte-identical output for the same request.
 */
class ExporterTest {

    @TempDir
    Path dir;

    private static Session rnn;
    private static Session lstm;

    @BeforeAll
    static void sessions() throws Exception {
        rnn = Session.compute(CaseFile.read(resource("rnn-tanh-many-to-one.json")), null);
        lstm = Session.compute(CaseFile.read(resource("lstm-many-to-many.json")), null);
    }

    static Path resource(String name) throws Exception {
        return Path.of(ExporterTest.class.getResource("/cases/" + name).toURI());
    }

    private static ExportSource source(Session s) {
        return new ExportSource(s, null, null);
    }

    /** The last event of a session's schedule. */
    private static int end(Session s) {
        return s.schedule().size() - 1;
    }

    private static ExportRequest graph(Format f, int event) {
        return ExportRequest.of(ExportView.GRAPH, f, event);
    }

    // ---- PNG ----

    @ParameterizedTest
    @CsvSource({"1280, 720, 1", "1280, 720, 2", "1280, 720, 4", "1920, 1080, 1", "1920, 1080, 2", "640, 360, 4"})
    void pngHasTheRequestedPixelSize(int w, int h, int scale) throws Exception {
        Path out = dir.resolve("g.png");
        ExportRequest r = graph(Format.PNG, rnn.schedule().firstIndexOf(Phase.BACKWARD)).withSize(w, h, scale);
        List<Path> written = Exporter.write(r, source(rnn), out);

        assertEquals(List.of(out), written);
        BufferedImage img = ImageIO.read(out.toFile());
        assertNotNull(img, "a readable PNG");
        assertEquals(w * scale, img.getWidth());
        assertEquals(h * scale, img.getHeight());
    }

    @Test
    void imageIsTheSameSizeAsTheFileAndOpaque() {
        ExportRequest r = graph(Format.PNG, 3).withSize(1280, 720, 2);
        BufferedImage img = Exporter.image(r, source(rnn));
        assertEquals(2560, img.getWidth());
        assertEquals(1440, img.getHeight());
        assertEquals(BufferedImage.TYPE_INT_RGB, img.getType());
    }

    @Test
    void theSameRequestGivesTheSameBytes() throws Exception {
        ExportRequest r = graph(Format.PNG, 5).withText("Forward", "a caption", false);
        Path a = dir.resolve("a.png");
        Path b = dir.resolve("b.png");
        Exporter.write(r, source(rnn), a);
        // another session of the same case, as the app and the command line each compute their own
        Session again = Session.compute(CaseFile.read(resource("rnn-tanh-many-to-one.json")), null);
        Exporter.write(r, source(again), b);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));

        // and a different event gives a different picture (the test would be empty otherwise)
        Path c = dir.resolve("c.png");
        Exporter.write(graph(Format.PNG, end(rnn)).withText("Forward", "a caption", false), source(rnn), c);
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(c)));
    }

    // ---- SVG ----

    @Test
    void svgHasTheNodeLabelsAndTheEnglishLegendAsText() throws Exception {
        Path out = dir.resolve("g.svg");
        Exporter.write(graph(Format.SVG, end(rnn)), source(rnn), out);

        Document doc = SvgExportTest.parse(out);
        List<String> texts = SvgExportTest.texts(doc);
        List<String> labels = rnn.graph().nodes().stream().filter(n -> !n.isParameter()).map(Node::label).toList();
        assertTrue(labels.contains("h(1)"), "the RNN case has h(1): " + labels);
        for (String label : labels) {
            assertTrue(texts.contains(label), "node label " + label + " as text: " + texts);
        }
        ResourceBundle en = Messages.bundle(Locale.ENGLISH);
        assertTrue(texts.contains(en.getString("graph.legend.notComputed")), texts.toString());
        assertTrue(texts.contains(en.getString("graph.legend.value")), texts.toString());
        assertTrue(texts.contains("not yet computed"), texts.toString());
    }

    @Test
    void svgInJapaneseHasTheJapaneseLegendAndTitle() throws Exception {
        Path out = dir.resolve("ja.svg");
        ExportRequest r = graph(Format.SVG, 2).withLocale(Locale.JAPANESE).withText("誤差逆伝播", null, false);
        Exporter.write(r, source(rnn), out);

        List<String> texts = SvgExportTest.texts(SvgExportTest.parse(out));
        String notComputed = Messages.bundle(Locale.JAPANESE).getString("graph.legend.notComputed");
        assertEquals("未計算", notComputed);
        assertTrue(texts.contains(notComputed), texts.toString());
        assertFalse(texts.contains("not yet computed"), "no English legend: " + texts);
        assertTrue(texts.contains("誤差逆伝播"), "title: " + texts);
    }

    @Test
    void svgWithATitleContainsIt() throws Exception {
        Path out = dir.resolve("t.svg");
        Exporter.write(graph(Format.SVG, 0).withText("Unrolled RNN", "the start", false), source(rnn), out);
        List<String> texts = SvgExportTest.texts(SvgExportTest.parse(out));
        assertTrue(texts.contains("Unrolled RNN"), texts.toString());
        assertTrue(texts.stream().anyMatch(t -> t.contains("the start")), texts.toString());
    }

    // ---- PDF ----

    @ParameterizedTest
    @CsvSource({"1280, 720, en", "960, 540, ja"})
    void pdfIsOnePageOfTheRequestedSize(int w, int h, String lang) throws Exception {
        Path out = dir.resolve("g.pdf");
        ExportRequest r = graph(Format.PDF, 4).withSize(w, h, 1).withLocale(Locale.forLanguageTag(lang))
                .withText(lang.equals("ja") ? "誤差逆伝播の図" : "Backpropagation", null, true);
        Exporter.write(r, source(rnn), out);

        PdfReader reader = new PdfReader(Files.readAllBytes(out));
        try {
            assertEquals(1, reader.getNumberOfPages());
            Rectangle page = reader.getPageSize(1);
            assertEquals(w, page.getWidth(), 1e-3);
            assertEquals(h, page.getHeight(), 1e-3);
            assertTrue(reader.getPageContent(1).length > 1_000, "the page has the graph drawn");
        } finally {
            reader.close();
        }
    }

    // ---- GIF and frames ----

    private static int gifFrames(Path gif) throws IOException {
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            return reader.getNumImages(true);
        } finally {
            reader.dispose();
        }
    }

    @ParameterizedTest
    @CsvSource({"2, 8", "8, 2", "-1, 3", "5, 5"})
    void gifHasOneFramePerEventOfTheWalk(int a, int b) throws Exception {
        Path out = dir.resolve("walk.gif");
        ExportRequest r = graph(Format.GIF, a).withRange(a, b).withSize(320, 180, 1).withDelay(100);
        Exporter.write(r, source(rnn), out);

        assertEquals(Math.abs(b - a) + 1, Exporter.frameCount(r));
        assertEquals(Exporter.frameCount(r), gifFrames(out));
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(out.toFile())) {
            reader.setInput(in);
            BufferedImage first = reader.read(0);
            assertEquals(320, first.getWidth());
            assertEquals(180, first.getHeight());
        } finally {
            reader.dispose();
        }
    }

    @Test
    void aReversedWalkShowsTheSameEventsBackwards() throws Exception {
        // frame i of 2..6 is frame 4 − i of 6..2: compare the rendered frames' pixels
        Path fwd = dir.resolve("fwd");
        Path back = dir.resolve("back");
        ExportRequest r = graph(Format.FRAMES, 2).withRange(2, 6).withSize(320, 180, 1);
        List<Path> f = Exporter.write(r, source(rnn), fwd);
        List<Path> b = Exporter.write(r.withRange(6, 2), source(rnn), back);
        assertEquals(5, f.size());
        assertEquals(5, b.size());
        // the first and last frames show one event each; the viewport of a small graph is the whole graph
        assertArrayEquals(pixels(f.get(0)), pixels(b.get(4)));
        assertArrayEquals(pixels(f.get(4)), pixels(b.get(0)));
    }

    private static int[] pixels(Path png) throws IOException {
        BufferedImage img = ImageIO.read(png.toFile());
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    @Test
    void framesWritesNumberedPngsOnePerEvent() throws Exception {
        Path out = dir.resolve("frames");
        ExportRequest r = graph(Format.FRAMES, 0).withRange(0, 11).withSize(320, 180, 2);
        List<Path> written = Exporter.write(r, source(rnn), out);

        assertEquals(12, Exporter.frameCount(r));
        assertEquals(12, written.size());
        List<String> names;
        try (Stream<Path> s = Files.list(out)) {
            names = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            expected.add(String.format(Locale.ROOT, "frame-%04d.png", i));
        }
        assertEquals(expected, names, "numbered frames only, no staging folder left");
        BufferedImage img = ImageIO.read(written.get(11).toFile());
        assertEquals(640, img.getWidth());
        assertEquals(360, img.getHeight());
    }

    // ---- CSV ----

    /** A minimal CSV reader for files without quoted fields (the trace table and plot series have none). */
    private static List<String[]> readCsv(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            assertFalse(line.contains("\""), "no quoted fields expected: " + line);
            rows.add(line.split(",", -1));
        }
        return rows;
    }

    @Test
    void traceCsvHasARowPerNodeWithTheSessionsExactNumbers() throws Exception {
        for (Session s : List.of(rnn, lstm)) {
            Path out = dir.resolve("trace.csv");
            Exporter.write(graph(Format.CSV, end(s)), source(s), out);

            List<String[]> rows = readCsv(out);
            List<String> header = List.of(rows.get(0));
            assertEquals(List.of("node", "key", "kind", "t", "size"), header.subList(0, 5));
            List<Node> nodes = s.graph().nodes().stream().filter(n -> !n.isParameter()).toList();
            assertEquals(nodes.size(), rows.size() - 1, "one row per non-parameter node");

            Map<String, String[]> byNodeAndStep = new HashMap<>();
            for (String[] r : rows.subList(1, rows.size())) {
                assertEquals(header.size(), r.length);
                assertTrue(byNodeAndStep.put(r[1] + "@" + r[3], r) == null, "one row per key and step: " + r[1]);
            }
            int checked = 0;
            for (Node n : nodes) {
                String[] r = byNodeAndStep.get(n.key() + "@" + n.step());
                assertNotNull(r, "a row for " + n);
                assertEquals(n.label(), r[0]);
                double[] v = s.values().value(n);
                assertEquals(Integer.toString(v.length), r[4]);
                for (int i = 0; i < v.length; i++) {
                    int col = header.indexOf("value_" + (i + 1));
                    assertEquals(v[i], Double.parseDouble(r[col]), 0.0, n + " value_" + (i + 1));
                }
                double[] d = n.hasDelta() ? s.values().delta(n) : null;
                if (d != null) {
                    for (int i = 0; i < d.length; i++) {
                        int col = header.indexOf("delta_" + (i + 1));
                        assertEquals(Double.doubleToLongBits(d[i]), Double.doubleToLongBits(Double.parseDouble(r[col])),
                                n + " delta_" + (i + 1));
                    }
                    checked++;
                }
            }
            assertTrue(checked > 5, "deltas compared for several nodes: " + checked);
        }
    }

    @Test
    void plotCsvAgreesWithTheChartsDataset() throws Exception {
        for (ExportView v : List.of(ExportView.STATES, ExportView.PREDICTION, ExportView.GATES)) {
            Path out = dir.resolve(v.id() + ".csv");
            ExportRequest r = ExportRequest.of(v, Format.CSV, end(lstm));
            Exporter.write(r, source(lstm), out);

            List<String[]> rows = readCsv(out);
            assertArrayEquals(new String[] {"series", "x", "y"}, rows.get(0), v.id());
            JFreeChart chart = Exporter.chart(r, source(lstm));
            XYPlot p = chart.getXYPlot();
            int row = 1;
            for (int di = 0; di < p.getDatasetCount(); di++) {
                XYDataset d = p.getDataset(di);
                if (d == null) {
                    continue;
                }
                for (int si = 0; si < d.getSeriesCount(); si++) {
                    for (int i = 0; i < d.getItemCount(si); i++) {
                        String[] cells = rows.get(row++);
                        assertEquals(d.getXValue(si, i), Double.parseDouble(cells[1]), 0.0, v.id() + " row " + row);
                        assertEquals(d.getYValue(si, i), Double.parseDouble(cells[2]), 0.0, v.id() + " row " + row);
                        assertFalse(cells[0].isBlank(), "a series name");
                    }
                }
            }
            assertEquals(rows.size(), row, v.id() + ": every data point and nothing more");
            assertTrue(row > 5, v.id() + " has data");
        }
    }

    // ---- case JSON ----

    @Test
    void caseJsonRoundTrips() throws Exception {
        Path out = dir.resolve("case.json");
        Exporter.write(ExportRequest.of(ExportView.CASE, Format.JSON, end(lstm)), source(lstm), out);

        Case back = CaseFile.read(out);
        Case orig = lstm.kase();
        assertEquals(orig.config(), back.config());
        assertEquals(orig.loss(), back.loss());
        assertEquals(orig.truncate(), back.truncate());
        assertEquals(orig.weights().layout().blocks(), back.weights().layout().blocks());
        for (int i = 0; i < orig.weights().blocks().size(); i++) {
            assertArrayEquals(orig.weights().block(i).getData(), back.weights().block(i).getData(), 0.0,
                    "block " + orig.weights().layout().blocks().get(i).name());
        }
        assertArrayEquals(orig.sequence().inputs(), back.sequence().inputs());
        // and it computes the same loss
        assertEquals(lstm.trace().loss(), back.compute().loss(), 0.0);
    }

    // ---- requests that do not fit ----

    @Test
    void aPlotCannotBeAnimated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExportRequest.of(ExportView.STATES, Format.GIF, 0));
        assertTrue(e.getMessage().contains("states") && e.getMessage().contains("gif"), e.getMessage());
        assertTrue(e.getMessage().contains("png"), "names what is allowed: " + e.getMessage());
    }

    @Test
    void anEventPastTheEndIsRejectedAndNothingWritten() {
        int n = rnn.schedule().size();
        Path out = dir.resolve("late.png");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Exporter.write(graph(Format.PNG, n), source(rnn), out));
        assertTrue(e.getMessage().contains("out of range") && e.getMessage().contains(Integer.toString(n)),
                e.getMessage());
        assertFalse(Files.exists(out));
        // the end of a walk too, and before the start
        assertThrows(IllegalArgumentException.class,
                () -> Exporter.write(graph(Format.GIF, 0).withRange(0, n + 3), source(rnn), dir.resolve("w.gif")));
        assertThrows(IllegalArgumentException.class,
                () -> Exporter.write(graph(Format.PNG, -2), source(rnn), dir.resolve("early.png")));
        assertThrows(IllegalArgumentException.class, () -> Exporter.image(graph(Format.PNG, n), source(rnn)));
        assertFalse(Files.exists(dir.resolve("w.gif")));
    }

    @Test
    void aMissingFolderIsAnIOException() {
        Path out = dir.resolve("no-such-folder").resolve("g.png");
        for (Format f : List.of(Format.PNG, Format.SVG, Format.PDF, Format.GIF, Format.CSV)) {
            Path file = out.resolveSibling("g." + f.extension());
            assertThrows(IOException.class, () -> Exporter.write(graph(f, 1), source(rnn), file), f.id());
        }
        assertThrows(IOException.class, () -> Exporter.write(ExportRequest.of(ExportView.CASE, Format.JSON, 1),
                source(rnn), out.resolveSibling("c.json")));
        assertFalse(Files.exists(out.getParent()));
    }

    @Test
    void aFolderIsNotReplacedByAFile() throws Exception {
        // a rename onto an empty folder would replace it: every format must refuse
        for (ExportRequest r : List.of(graph(Format.PNG, 1), graph(Format.SVG, 1), graph(Format.PDF, 1),
                graph(Format.GIF, 0).withRange(0, 1), graph(Format.CSV, 1),
                ExportRequest.of(ExportView.CASE, Format.JSON, 1))) {
            Path folder = Files.createDirectory(dir.resolve("folder-" + r.format().id()));
            assertThrows(IOException.class, () -> Exporter.write(r, source(rnn), folder), r.format().id());
            assertTrue(Files.isDirectory(folder), r.format().id() + ": the folder is still there");
        }
    }

    @Test
    void aFailingWriteLeavesThePreviousFileAlone() throws Exception {
        for (Format f : List.of(Format.PNG, Format.SVG, Format.PDF, Format.GIF)) {
            Path out = dir.resolve("old." + f.extension());
            byte[] old = ("previous " + f.id() + " content").getBytes(StandardCharsets.UTF_8);
            Files.write(out, old);
            ExportRequest r = graph(f, 1).withRange(1, 2).withSize(5, 5, 1);
            if (!r.isWalk()) {
                r = r.withRange(1, 1);
            }
            ExportRequest bad = r;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Exporter.write(bad, source(rnn), out), f.id());
            assertTrue(e.getMessage().contains("5 × 5"), e.getMessage());
            assertArrayEquals(old, Files.readAllBytes(out), f.id() + ": the old file is untouched");
        }
        // a scale out of range fails the same way
        Path png = dir.resolve("old.png");
        byte[] before = Files.readAllBytes(png);
        assertThrows(IllegalArgumentException.class,
                () -> Exporter.write(graph(Format.PNG, 1).withSize(1280, 720, 9), source(rnn), png));
        assertArrayEquals(before, Files.readAllBytes(png));
        try (Stream<Path> s = Files.list(dir)) {
            List<String> left = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
            assertEquals(List.of(), left, "no temporary files");
        }
    }

    @Test
    void aSuccessfulWriteReplacesThePreviousFile() throws Exception {
        Path out = dir.resolve("replace.svg");
        Files.writeString(out, "old");
        Exporter.write(graph(Format.SVG, 1), source(rnn), out);
        assertTrue(Files.readString(out).contains("<svg"));
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void aCancelledWalkWritesNothingAndKeepsTheOldFile() throws IOException {
        Path gif = dir.resolve("walk.gif");
        Files.writeString(gif, "the old file");
        ExportRequest r = ExportRequest.of(ExportView.GRAPH, Format.GIF, 0).withRange(0, 9).withSize(320, 180, 1);
        List<Integer> seen = new ArrayList<>();
        Exporter.Progress stopAtFour = new Exporter.Progress() {
            @Override
            public void frame(int index, int count) {
                assertEquals(10, count);
                seen.add(index);
            }

            @Override
            public boolean cancelled() {
                return seen.size() == 4;
            }
        };
        assertThrows(java.util.concurrent.CancellationException.class,
                () -> Exporter.write(r, new ExportSource(rnn, null, null), gif, stopAtFour));
        assertEquals(List.of(0, 1, 2, 3), seen, "frames in order until the stop");
        assertEquals("the old file", Files.readString(gif));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(gif), files.toList(), "no temporary file left");
        }
        Path frames = dir.resolve("frames");
        seen.clear();
        assertThrows(java.util.concurrent.CancellationException.class, () -> Exporter.write(
                r.withFormat(Format.FRAMES), new ExportSource(rnn, null, null), frames, stopAtFour));
        assertFalse(Files.exists(frames), "no half set of frames");
    }
}
