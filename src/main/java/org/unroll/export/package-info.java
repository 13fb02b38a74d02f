/**
 * The file formats of the export feature: PNG, SVG, PDF, animated GIF, numbered PNG frames and CSV.
 * A picture is a {@link org.unroll.export.Figure} (a JFreeChart's {@code chart::draw} is one); a
 * {@link org.unroll.export.Slide} puts a title and a caption (plain text or LaTeX) around one. Every
 * file is written atomically (a temporary file beside it, then a rename), so a failed export leaves
 * no partial file and the previous file untouched. Writers throw {@link java.io.IOException} for
 * file-system problems and {@link IllegalArgumentException} for impossible sizes;
 * {@link org.unroll.export.ExportErrors#describe} turns either into one sentence for the user. AWT
 * only: no JavaFX, no windows.
 */
package org.unroll.export;
