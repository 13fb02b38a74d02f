package org.unroll.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** SVG files are well-formed XML of the requested size, with titles and Japanese kept as text. */
class SvgExportTest {

    @TempDir
    Path dir;

    static Document parse(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        // JFreeSVG writes a DOCTYPE with the SVG 1.1 DTD; there is no network here
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setNamespaceAware(true);
        DocumentBuilder b = f.newDocumentBuilder();
        try (InputStream in = Files.newInputStream(file)) {
            return b.parse(in);
        }
    }

    static List<String> texts(Document doc) {
        NodeList nodes = doc.getElementsByTagNameNS("*", "text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }

    @Test
    void slideIsXmlWithTitleAndJapaneseAsText() throws Exception {
        Path out = dir.resolve("slide.svg");
        SvgExport.write(TestFigures.slide(), 1280, 720, out);

        Document doc = parse(out);
        Element root = doc.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals(1280.0, Double.parseDouble(root.getAttribute("width").replace("px", "")));
        assertEquals(720.0, Double.parseDouble(root.getAttribute("height").replace("px", "")));
        List<String> texts = texts(doc);
        assertTrue(texts.contains("Forward pass / " + TestFigures.JAPANESE), "title as text: " + texts);
        assertTrue(texts.stream().anyMatch(t -> t.contains(TestFigures.JAPANESE + "の例")), "caption as text: " + texts);
        // UTF-8 on disk, not character references
        assertTrue(Files.readString(out, StandardCharsets.UTF_8).contains(TestFigures.JAPANESE));
    }

    @Test
    void latexCaptionBecomesOutlinesNotTextInJLaTeXMathFonts() throws Exception {
        Path out = dir.resolve("eq.svg");
        Slide s = Slide.of(TestFigures.shapes()).withTitle("Backward").withLatexCaption("\\delta_h(t) = \\frac{\\partial E}{\\partial h(t)}");
        SvgExport.write(s, 1280, 720, out);

        Document doc = parse(out);
        assertEquals(List.of("Backward"), texts(doc));
        assertFalse(Files.readString(out).contains("jlm_"), "no text in JLaTeXMath's private fonts");
        assertTrue(doc.getElementsByTagNameNS("*", "path").getLength() > 5, "the formula's glyphs as paths");
    }

    @Test
    void badSizeIsRejectedAndNothingWritten() {
        Path out = dir.resolve("bad.svg");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SvgExport.write(TestFigures.shapes(), 8, 720, out));
        assertTrue(e.getMessage().contains("between 16 and 8192"), e.getMessage());
        assertFalse(Files.exists(out));
    }
}
