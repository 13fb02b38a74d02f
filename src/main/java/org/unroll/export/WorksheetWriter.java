package org.unroll.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.unroll.engine.AtomicFile;
import org.unroll.schedule.Phase;

/**
 * Writes a {@link Worksheet} as Markdown (math in {@code $…$} and {@code $$…$$}, the form study
 * notes are written in), LaTeX source (article with amsmath; Japanese with LuaLaTeX's luatexja) or
 * PDF ({@link WorksheetPdf}). The three are made from one list of blocks, so they hold the same
 * blanks in the same order. Files are written atomically.
 */
public final class WorksheetWriter {

    private WorksheetWriter() {
    }

    /** A piece of the document. */
    sealed interface Block permits Heading, Para, Math, Entry, Table, NewPage {
    }

    /** A heading of level 1 (the title), 2 or 3. */
    record Heading(int level, String text) implements Block {
    }

    /** A paragraph of plain text (no markup). */
    record Para(String text, boolean bold) implements Block {
    }

    /** A displayed formula (LaTeX, math mode). */
    record Math(String latex) implements Block {
    }

    /**
     * A numbered line: its label and its formula. On the sheet the formula ends in the blank's
     * boxes ({@code blank} is the part after the equation); in the key it is {@code lhs = answer},
     * the numbers as text.
     */
    record Entry(String label, String equation, String blank, boolean key) implements Block {
        String formula() {
            return blank == null ? equation : equation + " = " + blank;
        }
    }

    /** The exact values: a row per blank (its label, its left-hand side in LaTeX, the numbers as text). */
    record Table(String[] header, List<String[]> rows) implements Block {
    }

    /** The key starts on a page of its own (PDF, LaTeX). */
    record NewPage() implements Block {
    }

    /**
     * Writes a worksheet: to {@code out}, and with {@link Worksheet.Key#SEPARATE} its key to
     * {@link #keyFile(Path)} beside it.
     *
     * @param sheet the worksheet (not modified)
     * @param out the file
     * @return the files written, the sheet first
     * @throws IOException if a file cannot be written (a file already there is untouched)
     */
    public static List<Path> write(Worksheet sheet, Path out) throws IOException {
        Checks.fileTarget(out);
        Worksheet.Options o = sheet.options();
        List<Block> body = sheet(sheet);
        List<Block> key = key(sheet);
        if (o.key() == Worksheet.Key.INCLUDED) {
            List<Block> all = new ArrayList<>(body);
            all.add(new NewPage());
            all.addAll(key);
            writeOne(sheet, all, out);
            return List.of(out);
        }
        Path keyOut = keyFile(out);
        Checks.fileTarget(keyOut);
        body.add(new Para(sheet.text("worksheet.key.separate", keyOut.getFileName().toString()), false));
        writeOne(sheet, body, out);
        writeOne(sheet, key, keyOut);
        return List.of(out, keyOut);
    }

    /** Where a separate key goes: {@code sheet.md} → {@code sheet-key.md}. */
    public static Path keyFile(Path out) {
        String name = out.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String key = dot > 0 ? name.substring(0, dot) + "-key" + name.substring(dot) : name + "-key";
        return out.resolveSibling(key);
    }

    private static void writeOne(Worksheet sheet, List<Block> blocks, Path out) throws IOException {
        switch (sheet.options().format()) {
            case MD -> AtomicFile.write(out, s -> text(s, markdown(blocks)));
            case TEX -> AtomicFile.write(out, s -> text(s, latex(sheet, blocks)));
            case PDF -> PdfExport.writePages(WorksheetPdf.pages(sheet, blocks), sheet.options().paper().width(),
                    sheet.options().paper().height(), out);
            default -> throw new IllegalArgumentException(sheet.options().format().id());
        }
    }

    private static void text(OutputStream s, String text) throws IOException {
        s.write(text.getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------ content

    /** The sheet: title, rules, the numbers, and every blank in order. */
    static List<Block> sheet(Worksheet w) {
        List<Block> b = new ArrayList<>();
        b.add(new Heading(1, w.title()));
        b.add(new Para(w.text("worksheet.intro"), false));
        b.add(new Para(w.text("worksheet.rounding", w.options().digits()), true));
        b.add(new Para(w.text("worksheet.notation", w.options().notation().displayName(w.bundle())), false));
        b.add(new Math(functions(w)));
        b.add(new Para(w.text(w.kase().config().cell() == org.unroll.engine.CellType.RNN ? "worksheet.functions.rnn"
                : "worksheet.functions.gated"), false));
        if (w.schedule().trace().truncate() != null) {
            b.add(new Para(w.text("worksheet.truncated", w.schedule().trace().truncate()), false));
        }
        b.add(new Heading(2, w.text("worksheet.section.network")));
        b.add(new Heading(3, w.text("worksheet.section.parameters")));
        givens(w.parameters(), b);
        b.add(new Heading(3, w.text("worksheet.section.sequence")));
        givens(w.sequence(), b);
        Phase phase = null;
        for (Worksheet.Blank x : w.blanks()) {
            if (x.phase() != phase) {
                phase = x.phase();
                b.add(new Heading(2, w.section(phase)));
            }
            b.add(new Entry(x.label(), x.equation(), w.boxes(x.exact()), false));
        }
        return b;
    }

    /** The givens, a formula per group: {@code U_i = …, W_i = …, b_i = …} on one line. */
    private static void givens(List<Worksheet.Given> gs, List<Block> b) {
        StringBuilder line = new StringBuilder();
        String group = null;
        for (Worksheet.Given g : gs) {
            if (group != null && !group.equals(g.group())) {
                b.add(new Math(line.toString()));
                line.setLength(0);
            }
            line.append(line.length() > 0 ? ",\\qquad " : "").append(g.symbol()).append(" = ")
                    .append(g.value() == null ? "\\text{--}" : Worksheet.givenLatex(g.value()));
            group = g.group();
        }
        if (line.length() > 0) {
            b.add(new Math(line.toString()));
        }
    }

    /** The key: every blank's answer rounded as the sheet says, then the exact values. */
    static List<Block> key(Worksheet w) {
        List<Block> b = new ArrayList<>();
        b.add(new Heading(1, w.text("worksheet.key.title", w.title())));
        b.add(new Para(w.text("worksheet.rounding", w.options().digits()), true));
        Phase phase = null;
        List<String[]> rows = new ArrayList<>();
        for (Worksheet.Blank x : w.blanks()) {
            if (x.phase() != phase) {
                phase = x.phase();
                b.add(new Heading(2, w.section(phase)));
            }
            b.add(new Entry(x.label(), x.quantity() + " = " + w.answer(x.exact()), null, true));
            rows.add(new String[] {"(" + x.label() + ")", x.quantity(), Worksheet.exactText(x.exact())});
        }
        b.add(new Heading(2, w.text("worksheet.key.exact")));
        b.add(new Table(new String[] {w.text("worksheet.key.exact.blank"), w.text("worksheet.key.exact.quantity"),
                w.text("worksheet.key.exact.value")}, rows));
        return b;
    }

    /** f, g and the gates' σ as a formula. */
    private static String functions(Worksheet w) {
        var c = w.kase().config();
        String s = "f = \\mathrm{" + tt(c.activation().key()) + "},\\quad g = \\mathrm{" + tt(c.outputActivation().key())
                + "}";
        if (c.cell() != org.unroll.engine.CellType.RNN) {
            s += ",\\quad " + c.gateActivation().latex() + " = \\mathrm{" + tt(c.gateActivation().key()) + "}";
        }
        return s;
    }

    private static String tt(String key) {
        return key.replace("_", "\\_");
    }

    // ------------------------------------------------------------------ Markdown

    static String markdown(List<Block> blocks) {
        StringBuilder sb = new StringBuilder();
        for (Block b : blocks) {
            if (b instanceof Heading h) {
                sb.append("#".repeat(h.level())).append(' ').append(h.text()).append("\n\n");
            } else if (b instanceof Para p) {
                sb.append(p.bold() ? "**" + p.text() + "**" : p.text()).append("\n\n");
            } else if (b instanceof Math m) {
                sb.append("$$").append(m.latex()).append("$$\n\n");
            } else if (b instanceof Entry e) {
                if (e.key()) {
                    sb.append("**(").append(e.label()).append(")** $").append(e.formula()).append("$\n\n");
                } else {
                    sb.append("**(").append(e.label()).append(")**\n$$").append(e.formula()).append("$$\n\n");
                }
            } else if (b instanceof Table t) {
                sb.append("| ").append(String.join(" | ", t.header())).append(" |\n");
                sb.append("|---".repeat(t.header().length)).append("|\n");
                for (String[] r : t.rows()) {
                    sb.append("| ").append(r[0]).append(" | $").append(r[1]).append("$ | ").append(r[2]).append(" |\n");
                }
                sb.append('\n');
            } else if (b instanceof NewPage) {
                sb.append("---\n\n");
            }
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ LaTeX

    static String latex(Worksheet w, List<Block> blocks) {
        // Japanese anywhere (the sheet's language, or the book's title in its notation's name) needs luatexja
        boolean ja = blocks.stream().anyMatch(b -> b instanceof Heading h && cjk(h.text()) || b instanceof Para p
                && cjk(p.text()));
        StringBuilder sb = new StringBuilder();
        sb.append("% ").append(ja ? "Compile with lualatex (Japanese: luatexja)." : "Compile with pdflatex or lualatex.")
                .append(" Written by Unroll (export --view worksheet).\n");
        sb.append("\\documentclass[").append(w.options().paper().latexOption()).append(",11pt]{article}\n");
        sb.append("\\usepackage[margin=2cm]{geometry}\n\\usepackage{amsmath,amssymb}\n\\usepackage{longtable}\n");
        if (ja) {
            sb.append("\\usepackage{luatexja}\n");
        } else {
            sb.append("\\usepackage[T1]{fontenc}\n");
        }
        sb.append("\\setlength{\\parindent}{0pt}\n\\allowdisplaybreaks\n\\begin{document}\n\n");
        for (Block b : blocks) {
            if (b instanceof Heading h) {
                sb.append(h.level() == 1 ? "\\section*{" : h.level() == 2 ? "\\subsection*{" : "\\subsubsection*{")
                        .append(tex(h.text())).append("}\n\n");
            } else if (b instanceof Para p) {
                sb.append(p.bold() ? "\\textbf{" + tex(p.text()) + "}" : tex(p.text())).append("\n\n");
            } else if (b instanceof Math m) {
                sb.append("\\[").append(m.latex()).append("\\]\n\n");
            } else if (b instanceof Entry e) {
                if (e.key()) {
                    sb.append("\\textbf{(").append(tex(e.label())).append(")}~$").append(e.formula()).append("$\\par\n");
                } else {
                    sb.append("\\textbf{(").append(tex(e.label())).append(")}\\nopagebreak\n\\[").append(e.formula())
                            .append("\\]\n\n");
                }
            } else if (b instanceof Table t) {
                sb.append("\n\\begin{longtable}{l l p{9cm}}\n");
                sb.append(String.join(" & ", java.util.Arrays.stream(t.header()).map(WorksheetWriter::tex).toList()))
                        .append(" \\\\\n\\hline\n\\endhead\n");
                for (String[] r : t.rows()) {
                    sb.append(tex(r[0])).append(" & $").append(r[1]).append("$ & \\texttt{").append(r[2])
                            .append("} \\\\\n");
                }
                sb.append("\\end{longtable}\n\n");
            } else if (b instanceof NewPage) {
                sb.append("\\clearpage\n\n");
            }
        }
        sb.append("\\end{document}\n");
        return sb.toString();
    }

    private static boolean cjk(String s) {
        return s.chars().anyMatch(c -> c >= 0x3000 && c < 0xFB00);
    }

    /** Plain text for LaTeX: its special characters escaped, a few symbols as math. */
    static String tex(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\textbackslash{}");
                case '&', '%', '$', '#', '_', '{', '}' -> sb.append('\\').append(c);
                case '~' -> sb.append("\\textasciitilde{}");
                case '^' -> sb.append("\\textasciicircum{}");
                case 'Σ' -> sb.append("$\\Sigma$");
                case 'σ' -> sb.append("$\\sigma$");
                case '⊙' -> sb.append("$\\odot$");
                case '′' -> sb.append("$'$");
                case '≤' -> sb.append("$\\le$");
                case '×' -> sb.append("$\\times$");
                case '∂' -> sb.append("$\\partial$");
                case '—' -> sb.append("---");
                case '–' -> sb.append("--");
                case '▸' -> sb.append("$\\triangleright$");
                case 'ᵀ' -> sb.append("$^\\top$");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
