package org.unroll.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.lowagie.text.pdf.PdfReader;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unroll.engine.CaseFile;
import org.unroll.export.ExportRequest;
import org.unroll.export.ExportSource;
import org.unroll.export.ExportView;
import org.unroll.export.Exporter;
import org.unroll.export.Format;
import org.unroll.schedule.Phase;
import org.unroll.view.Session;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The {@code export} subcommand end to end, in process: defaults, formats, languages, the plots and
 * their preconditions, event words and ranges, bad input (exit 2, one error line, no file), and the
 * same bytes as {@link Exporter#write} with the request the app would make.
 */
class ExportCommandTest {

    private static final String RNN = "rnn-tanh-many-to-one.json";
    private static final String LSTM = "lstm-many-to-many.json";

    @TempDir
    Path dir;

    private static CliTest.Run export(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "export";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliTest.run(all);
    }

    private static String rnn() throws Exception {
        return CliTest.resource(RNN).toString();
    }

    private static String lstm() throws Exception {
        return CliTest.resource(LSTM).toString();
    }

    private static void assertOk(CliTest.Run r) {
        assertEquals(0, r.code(), "stdout: " + r.out() + "\nstderr: " + r.err());
    }

    /** Exit 2, exactly one line on stderr, "error: " and the given text in it. */
    private static void assertUserError(CliTest.Run r, String mentions) {
        assertEquals(2, r.code(), "stdout: " + r.out() + "\nstderr: " + r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), "one line: " + r.err());
        assertTrue(lines.get(0).startsWith("error: "), r.err());
        assertTrue(lines.get(0).contains(mentions), "mentions " + mentions + ": " + r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    private List<String> files() throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    private static List<String> svgTexts(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setNamespaceAware(true);
        Document doc;
        try (InputStream in = Files.newInputStream(file)) {
            doc = f.newDocumentBuilder().parse(in);
        }
        NodeList nodes = doc.getElementsByTagNameNS("*", "text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }

    private static int gifFrames(Path gif) throws Exception {
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            return reader.getNumImages(true);
        } finally {
            reader.dispose();
        }
    }

    // ---- what works ----

    @Test
    void defaultsWriteThe1280By720PngOfTheDemoAtTheEnd() throws Exception {
        Path out = dir.resolve("demo.png");
        CliTest.Run r = export("-o", out.toString());
        assertOk(r);
        assertTrue(r.out().contains("wrote " + out), r.out());
        BufferedImage img = ImageIO.read(out.toFile());
        assertNotNull(img);
        assertEquals(1280, img.getWidth());
        assertEquals(720, img.getHeight());
    }

    @Test
    void theFormatComesFromTheFileName() throws Exception {
        Path svg = dir.resolve("g.svg");
        assertOk(export("--case", rnn(), "-o", svg.toString()));
        assertTrue(Files.readString(svg).contains("<svg"));
        assertTrue(svgTexts(svg).contains("h(1)"), "parses, with the node labels");

        Path pdf = dir.resolve("g.PDF");
        assertOk(export("--case", rnn(), "--width", "800", "--height", "600", "-o", pdf.toString()));
        PdfReader reader = new PdfReader(Files.readAllBytes(pdf));
        try {
            assertEquals(800f, reader.getPageSize(1).getWidth(), 1e-3);
            assertEquals(600f, reader.getPageSize(1).getHeight(), 1e-3);
        } finally {
            reader.close();
        }

        Path csv = dir.resolve("trace.csv");
        assertOk(export("--case", rnn(), "-o", csv.toString()));
        assertTrue(Files.readAllLines(csv).get(0).startsWith("node,key,kind,t,size,value_1"));

        Path json = dir.resolve("case.json");
        assertOk(export("--case", rnn(), "--view", "case", "-o", json.toString()));
        assertEquals(CaseFile.read(CliTest.resource(RNN)).config(), CaseFile.read(json).config());

        // an explicit --format wins over the name
        Path png = dir.resolve("picture.svg");
        assertOk(export("--case", rnn(), "--format", "png", "-o", png.toString()));
        assertNotNull(ImageIO.read(png.toFile()), "a PNG despite the name");
    }

    @Test
    void japaneseSvgWithATitle() throws Exception {
        Path out = dir.resolve("ja.svg");
        assertOk(export("--case", rnn(), "--lang", "ja", "--title", "誤差逆伝播", "--at", "3", "-o", out.toString()));
        List<String> texts = svgTexts(out);
        assertTrue(texts.contains("誤差逆伝播"), texts.toString());
        assertTrue(texts.contains("未計算"), "the Japanese legend: " + texts);
    }

    @Test
    void theLossPlotNeedsATrainingRun() throws Exception {
        assertUserError(export("--case", rnn(), "--view", "loss", "-o", dir.resolve("loss.png").toString()),
                "--train-epochs");
        assertEquals(List.of(), files());

        Path png = dir.resolve("loss.png");
        assertOk(export("--task", "sine", "--cell", "rnn", "--hidden", "2", "--train-epochs", "3", "--view", "loss",
                "-o", png.toString()));
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1280, img.getWidth());

        Path csv = dir.resolve("loss.csv");
        assertOk(export("--task", "sine", "--cell", "rnn", "--hidden", "2", "--train-epochs", "3", "--view", "loss",
                "-o", csv.toString()));
        List<String> lines = Files.readAllLines(csv);
        assertEquals("series,x,y", lines.get(0));
        assertTrue(lines.size() > 3, "the loss of 3 epochs: " + lines);
        assertTrue(lines.stream().skip(1).allMatch(l -> Double.isFinite(Double.parseDouble(l.split(",")[2]))), lines.toString());
    }

    @Test
    void gatesNeedAGatedCell() throws Exception {
        assertUserError(export("--case", rnn(), "--view", "gates", "-o", dir.resolve("g.png").toString()), "gates");
        assertUserError(export("--case", rnn(), "--view", "heat", "-o", dir.resolve("h.png").toString()), "heat");
        assertEquals(List.of(), files());

        Path out = dir.resolve("gates.png");
        assertOk(export("--case", lstm(), "--view", "gates", "-o", out.toString()));
        assertEquals(720, ImageIO.read(out.toFile()).getHeight());
        Path heat = dir.resolve("heat.csv");
        assertOk(export("--case", lstm(), "--view", "heat", "-o", heat.toString()));
        assertEquals("series,x,y,z", Files.readAllLines(heat).get(0));
    }

    @Test
    void aCaseAndAFigureThatCannotBeWrittenAreToldInTheSameWords() throws Exception {
        Path missing = dir.resolve("no-such-folder");
        CliTest.Run run = CliTest.run("run", rnn(), "-o", missing.resolve("x.json").toString());
        CliTest.Run fig = export("--case", rnn(), "-o", missing.resolve("x.png").toString());
        assertUserError(run, "cannot write " + missing.resolve("x.json").toAbsolutePath() + ": the folder does not exist");
        assertUserError(fig, "cannot write " + missing.resolve("x.png").toAbsolutePath() + ": the folder does not exist");
    }

    @Test
    void unitsBeyondTheCasesHiddenSizeAreRefusedInOneLine() throws Exception {
        Path out = dir.resolve("states.png");
        CliTest.Run r = export("--case", rnn(), "--view", "states", "--units", "0,99", "-o", out.toString());
        assertUserError(r, "--units: unit 99 is beyond this case's");
        assertFalse(Files.exists(out), "no file written");
        assertOk(export("--case", rnn(), "--view", "states", "--units", "0,1", "-o", out.toString()));
    }

    @Test
    void aRangeGivesOneGifFramePerEvent() throws Exception {
        Path gif = dir.resolve("walk.gif");
        assertOk(export("--case", rnn(), "--at", "3..7", "--width", "320", "--height", "180", "-o", gif.toString()));
        assertEquals(5, gifFrames(gif));

        Path back = dir.resolve("back.gif");
        assertOk(export("--case", rnn(), "--at", "7..3", "--format", "gif", "--width", "320", "--height", "180",
                "-o", back.toString()));
        assertEquals(5, gifFrames(back));

        Path frames = dir.resolve("frames");
        CliTest.Run r = export("--case", rnn(), "--at", "0..4", "--format", "frames", "--width", "320", "--height",
                "180", "-o", frames.toString());
        assertOk(r);
        assertTrue(r.out().contains("wrote 5 frames"), r.out());
        try (Stream<Path> s = Files.list(frames)) {
            assertEquals(5, s.filter(p -> p.getFileName().toString().matches("frame-\\d{4}\\.png")).count());
        }
    }

    @Test
    void aRangeOfAPictureIsRejected() throws Exception {
        assertUserError(export("--case", rnn(), "--at", "3..7", "-o", dir.resolve("x.png").toString()), "--at");
        assertEquals(List.of(), files());
    }

    @Test
    void phaseWordsAreTheFirstEventOfThePhase() throws Exception {
        Session s = Session.compute(CaseFile.read(CliTest.resource(RNN)), null);
        int backward = s.schedule().firstIndexOf(Phase.BACKWARD);
        assertTrue(backward > 0);
        Path word = dir.resolve("word.png");
        Path number = dir.resolve("number.png");
        Path before = dir.resolve("before.png");
        assertOk(export("--case", rnn(), "--at", "backward", "-o", word.toString()));
        assertOk(export("--case", rnn(), "--at", Integer.toString(backward + 1), "-o", number.toString()));
        assertOk(export("--case", rnn(), "--at", Integer.toString(backward), "-o", before.toString()));
        assertArrayEquals(Files.readAllBytes(number), Files.readAllBytes(word));
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(before), Files.readAllBytes(word)),
                "the event before shows something else");

        // "start" and "0" are the same: before the first event
        Path start = dir.resolve("start.png");
        Path zero = dir.resolve("zero.png");
        assertOk(export("--case", rnn(), "--at", "start", "-o", start.toString()));
        assertOk(export("--case", rnn(), "--at", "0", "-o", zero.toString()));
        assertArrayEquals(Files.readAllBytes(start), Files.readAllBytes(zero));
    }

    @Test
    void theSameBytesAsTheAppsExport() throws Exception {
        // the request the app's export dialog makes for the same case, event, size and language
        Path file = CliTest.resource(LSTM);
        Session s = Session.compute(CaseFile.read(file), file);
        int event = 9;
        ExportRequest request = new ExportRequest(ExportView.GRAPH, Format.PNG, 960, 540, 2, Locale.JAPANESE,
                "前向き計算", null, false, event - 1, event - 1, ExportRequest.DEFAULT_DELAY, null);
        Path app = dir.resolve("app.png");
        Exporter.write(request, new ExportSource(s, null, null), app);

        Path cli = dir.resolve("cli.png");
        assertOk(export("--case", file.toString(), "--at", Integer.toString(event), "--width", "960", "--height",
                "540", "--scale", "2", "--lang", "ja", "--title", "前向き計算", "-o", cli.toString()));
        assertArrayEquals(Files.readAllBytes(app), Files.readAllBytes(cli));

        // the same for a vector format
        Path appSvg = dir.resolve("app.svg");
        Exporter.write(request.withFormat(Format.SVG), new ExportSource(s, null, null), appSvg);
        Path cliSvg = dir.resolve("cli.svg");
        assertOk(export("--case", file.toString(), "--at", Integer.toString(event), "--width", "960", "--height",
                "540", "--lang", "ja", "--title", "前向き計算", "-o", cliSvg.toString()));
        // the ids of clip paths have a fixed prefix, so the documents are the same byte for byte
        assertEquals(Files.readString(appSvg), Files.readString(cliSvg));
        assertTrue(Files.readString(appSvg).contains("unroll-"), "the SVG has clip paths with the fixed prefix");
    }

    @Test
    void helpMentionsTheOptions() {
        CliTest.Run r = export("--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("--view"), r.out());
        assertTrue(r.out().contains("--at"), r.out());
        assertTrue(r.out().contains("--train-epochs"), r.out());
    }

    // ---- bad input ----

    @Test
    void badInputExitsTwoWithOneLineAndWritesNothing() throws Exception {
        String png = dir.resolve("out.png").toString();
        assertUserError(export("--case", rnn(), "--view", "graf", "-o", png), "--view");
        assertUserError(export("--case", rnn(), "--format", "bmp", "-o", png), "--format");
        assertUserError(export("--case", rnn(), "-o", dir.resolve("out.bmp").toString()), "--format");
        assertUserError(export("--case", rnn(), "--at", "middle", "-o", png), "--at");
        assertUserError(export("--case", rnn(), "--at", "999", "-o", png), "out of range");
        assertUserError(export("--case", rnn(), "--at", "-5", "-o", png), "out of range");
        assertUserError(export("--case", rnn(), "--at", "2..999", "--format", "gif", "-o", png), "out of range");
        assertUserError(export("--case", rnn(), "--width", "5", "-o", png), "5 × 720");
        assertUserError(export("--case", rnn(), "--scale", "9", "-o", png), "scale");
        assertUserError(export("--case", rnn(), "--lang", "fr", "-o", png), "--lang");
        assertUserError(export("--case", rnn(), "--view", "states", "--format", "gif", "-o", png), "states");
        assertUserError(export("--case", rnn(), "-o", dir.resolve("case.json").toString()), "graph");
        Path missing = dir.resolve("no-such-folder").resolve("x.png");
        assertUserError(export("--case", rnn(), "-o", missing.toString()), "the folder does not exist");
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"format\": \"unroll-case/1\", \"model\": ");
        assertUserError(export("--case", bad.toString(), "-o", png), "not valid JSON");
        assertUserError(export("--case", dir.resolve("nope.json").toString(), "-o", png), "nope.json");
        assertEquals(List.of("bad.json"), files(), "no output and no temporary files");
    }

    @Test
    void aFailingRunLeavesTheExistingFileUntouched() throws Exception {
        Path out = dir.resolve("existing.png");
        assertOk(export("--case", rnn(), "--at", "2", "-o", out.toString()));
        byte[] before = Files.readAllBytes(out);

        assertUserError(export("--case", rnn(), "--width", "5", "-o", out.toString()), "out of range");
        assertUserError(export("--case", rnn(), "--at", "999", "-o", out.toString()), "out of range");
        assertUserError(export("--case", rnn(), "--view", "gates", "-o", out.toString()), "gates");
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "not json at all");
        assertUserError(export("--case", bad.toString(), "-o", out.toString()), bad.toString());

        assertArrayEquals(before, Files.readAllBytes(out));
        assertEquals(List.of("bad.json", "existing.png"), files(), "no temporary files");
        // and the file is still a picture
        assertNotNull(ImageIO.read(out.toFile()));
        assertTrue(new String(before, 1, 3, StandardCharsets.US_ASCII).equals("PNG"));
    }
}
