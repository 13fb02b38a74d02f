package org.unroll.export;

import com.lowagie.text.Document;
import com.lowagie.text.ExceptionConverter;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Objects;
import org.unroll.engine.AtomicFile;

/**
 * Figures as one-page PDFs (OpenPDF). Text is drawn as outlines ({@code createGraphicsShapes}):
 * OpenPDF's text mode maps AWT fonts to the PDF base fonts and silently drops Japanese.
 */
public final class PdfExport {

    private PdfExport() {
    }

    /**
     * Writes {@code figure} on one page of exactly width × height points, atomically: on failure
     * {@code out} is unchanged and no temporary file is left.
     *
     * @param figure what to draw, into 0, 0, width, height (not modified)
     * @param width the page width in points, {@value Checks#MIN_SIDE} … {@value Checks#MAX_SIDE}
     * @param height the page height in points, {@value Checks#MIN_SIDE} … {@value Checks#MAX_SIDE}
     * @param out the file to create or replace
     * @throws IOException if the file cannot be written (no such folder, permission denied, disk full)
     * @throws IllegalArgumentException if a size is out of range
     */
    public static void write(Figure figure, float width, float height, Path out) throws IOException {
        Objects.requireNonNull(figure, "figure");
        Checks.size(width, height);
        Checks.fileTarget(out);
        AtomicFile.write(out, stream -> writePdf(figure, width, height, stream));
    }

    /**
     * Writes figures as the pages of one PDF, each page exactly width × height points, atomically:
     * on failure {@code out} is unchanged and no temporary file is left.
     *
     * @param pages the pages, at least one, in order (not modified)
     * @param width the page width in points, {@value Checks#MIN_SIDE} … {@value Checks#MAX_SIDE}
     * @param height the page height in points
     * @param out the file to create or replace
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException if a size is out of range or there are no pages
     */
    public static void writePages(java.util.List<? extends Figure> pages, float width, float height, Path out)
            throws IOException {
        if (pages.isEmpty()) {
            throw new IllegalArgumentException("a PDF needs at least one page");
        }
        Checks.size(width, height);
        Checks.fileTarget(out);
        AtomicFile.write(out, stream -> writePdf(pages, width, height, stream));
    }

    private static void writePdf(Figure figure, float width, float height, OutputStream stream) throws IOException {
        writePdf(java.util.List.of(figure), width, height, stream);
    }

    private static void writePdf(java.util.List<? extends Figure> figures, float width, float height,
                                 OutputStream stream) throws IOException {
        try {
            writePages(figures, width, height, stream);
        } catch (ExceptionConverter e) {
            // OpenPDF wraps the stream's IOException (disk full …) in a RuntimeException
            if (e.getException() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
    }

    private static void writePages(java.util.List<? extends Figure> figures, float width, float height,
                                   OutputStream stream) {
        Document doc = new Document(new Rectangle(width, height), 0, 0, 0, 0);
        PdfWriter writer = PdfWriter.getInstance(doc, stream);
        writer.setCloseStream(false);
        doc.open();
        boolean first = true;
        for (Figure figure : figures) {
            if (!first) {
                doc.newPage();
            }
            first = false;
            PdfContentByte cb = writer.getDirectContent();
            Graphics2D g2 = cb.createGraphicsShapes(width, height);
            try {
                figure.draw(g2, new Rectangle2D.Double(0, 0, width, height));
            } finally {
                g2.dispose();
            }
            // an empty figure still makes a (blank) page
            writer.setPageEmpty(false);
        }
        // only closed on success: on failure AtomicFile drops the temporary file anyway
        doc.close();
    }
}
