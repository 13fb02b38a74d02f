package org.unroll.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lowagie.text.pdf.PdfReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.unroll.engine.Case;
import org.unroll.engine.CaseFile;
import org.unroll.engine.CellType;
import org.unroll.engine.ModelConfig;
import org.unroll.engine.Quantity;
import org.unroll.engine.Trace;
import org.unroll.graph.Node;
import org.unroll.graph.NodeKind;
import org.unroll.graph.Notation;
import org.unroll.schedule.Event;
import org.unroll.schedule.Phase;
import org.unroll.schedule.Schedule;
import org.unroll.session.BuiltinCases;
import org.unroll.view.Session;

/**
 * Worksheets (issue 11): the answer key, read back from the Markdown, is the engine's trace rounded
 * as the sheet says (and its exact table the engine's doubles); the blanks are the schedule's
 * events in order plus one sum per parameter; a case too large is refused; the PDF has the paper's
 * pages; the LaTeX source holds the same blanks.
 */
class WorksheetTest {

    @TempDir
    Path dir;

    /** The mini cases and the two shipped reference cases with T ≤ 4 and H ≤ 3 (expected values independent). */
    static final String[] CASES = {"builtin:mini-rnn", "builtin:mini-lstm", "builtin:mini-gru",
        "src/test/resources/cases/rnn-linear-nonzero-h0.json", "src/test/resources/cases/gru-defaults-omitted.json"};

    private static Case load(String spec) throws Exception {
        return BuiltinCases.isBuiltin(spec) ? BuiltinCases.load(spec) : CaseFile.read(Path.of(spec));
    }

    private static final Pattern KEY = Pattern.compile("^\\*\\*\\((\\S+)\\)\\*\\* \\$(.*)\\$$");
    private static final Pattern SHEET = Pattern.compile("^\\*\\*\\((\\S+)\\)\\*\\*$");
    private static final Pattern EXACT = Pattern.compile("^\\| \\((\\S+)\\) \\| \\$.*\\$ \\| (.*) \\|$");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+\\.\\d+");

    @ParameterizedTest
    @ValueSource(strings = {"builtin:mini-rnn", "builtin:mini-lstm", "builtin:mini-gru",
        "src/test/resources/cases/rnn-linear-nonzero-h0.json", "src/test/resources/cases/gru-defaults-omitted.json"})
    void theMarkdownAnswerKeyIsTheEngineTraceRoundedAsTheSheetSays(String spec) throws Exception {
        Case c = load(spec);
        for (int digits : new int[] {4, 2}) {
            Session s = Session.compute(c, null);
            Worksheet w = Worksheet.of(s, new Worksheet.Options(Format.MD, Worksheet.Paper.A4, Notation.BOOK,
                    Locale.ENGLISH, digits, Worksheet.Key.INCLUDED));
            Path out = dir.resolve("sheet-" + digits + ".md");
            assertEquals(List.of(out), WorksheetWriter.write(w, out));
            String md = Files.readString(out);
            assertTrue(md.contains("Round to " + digits + " decimals"), "states the rounding rule");
            Map<String, double[][]> engine = engineValues(c, s.schedule());
            String key = md.substring(md.indexOf("\n---\n"));
            Map<String, List<String>> answers = new LinkedHashMap<>();
            Map<String, List<Double>> exact = new LinkedHashMap<>();
            for (String line : key.split("\n")) {
                Matcher m = KEY.matcher(line);
                if (m.matches()) {
                    String rhs = m.group(2).substring(m.group(2).lastIndexOf(" = ") + 3);
                    List<String> nums = new ArrayList<>();
                    Matcher n = NUMBER.matcher(rhs);
                    while (n.find()) {
                        nums.add(n.group());
                    }
                    answers.put(m.group(1), nums);
                }
                Matcher e = EXACT.matcher(line);
                if (e.matches()) {
                    List<Double> xs = new ArrayList<>();
                    for (String x : e.group(2).split("[;,]")) {
                        xs.add(Double.parseDouble(x.strip()));
                    }
                    exact.put(e.group(1), xs);
                }
            }
            assertEquals(List.copyOf(engine.keySet()), List.copyOf(answers.keySet()), "every blank answered, in order");
            assertEquals(List.copyOf(engine.keySet()), List.copyOf(exact.keySet()), "every blank in the exact table");
            double half = 0.5 * Math.pow(10, -digits) + 1e-12;
            for (Map.Entry<String, double[][]> en : engine.entrySet()) {
                double[] flat = flat(en.getValue());
                List<String> a = answers.get(en.getKey());
                assertEquals(flat.length, a.size(), spec + " (" + en.getKey() + "): one number per entry");
                for (int i = 0; i < flat.length; i++) {
                    String num = a.get(i);
                    assertEquals(digits, num.length() - num.indexOf('.') - 1, "written to " + digits + " decimals: " + num);
                    assertTrue(Math.abs(Double.parseDouble(num) - flat[i]) <= half,
                            spec + " (" + en.getKey() + ")[" + i + "]: " + num + " against " + flat[i]);
                    assertEquals(flat[i], exact.get(en.getKey()).get(i), 0.0, "the exact table holds the engine's double");
                }
            }
        }
    }

    @Test
    void theReferenceCasesAnswersAgreeWithTheirIndependentExpectedValues() throws Exception {
        for (String spec : new String[] {CASES[3], CASES[4]}) {
            Case c = load(spec);
            Session s = Session.compute(c, null);
            Worksheet w = Worksheet.of(s, Worksheet.Options.defaults(Format.MD));
            int compared = 0;
            for (Worksheet.Blank b : w.blanks()) {
                double[][] want = null;
                if (b.isSum()) {
                    want = c.expected().grads().get(b.parameter().key());
                } else if (b.event().phase() == Phase.FORWARD && c.expected().forward().containsKey(b.event().node().key())) {
                    want = row(c.expected().forward().get(b.event().node().key()), b.event().step());
                } else if (b.event().phase() == Phase.BACKWARD && b.event().step() > 0
                        && c.expected().deltas().containsKey(b.event().node().deltaKey())) {
                    want = row(c.expected().deltas().get(b.event().node().deltaKey()), b.event().step());
                }
                if (want != null) {
                    double[] x = flat(b.exact());
                    double[] y = flat(want);
                    for (int i = 0; i < x.length; i++) {
                        assertEquals(y[i], Double.parseDouble(Worksheet.rounded(x[i], 4)), 0.5e-4 + 1e-9, spec + " " + b.label());
                    }
                    compared++;
                }
            }
            assertTrue(compared > 20, spec + ": " + compared);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"builtin:mini-rnn", "builtin:mini-lstm", "builtin:mini-gru",
        "src/test/resources/cases/gru-defaults-omitted.json"})
    void theBlanksAreTheScheduleEventsInOrderAndEachWeightsSumAfterItsTerms(String spec) throws Exception {
        Case c = load(spec);
        Session s = Session.compute(c, null);
        Schedule sch = s.schedule();
        for (Format f : new Format[] {Format.MD, Format.TEX}) {
            Worksheet w = Worksheet.of(s, new Worksheet.Options(f, Worksheet.Paper.LETTER, Notation.KERAS,
                    Locale.JAPANESE, 3, Worksheet.Key.SEPARATE));
            Path out = dir.resolve("sheet." + f.extension());
            List<Path> written = WorksheetWriter.write(w, out);
            assertEquals(List.of(out, dir.resolve("sheet-key." + f.extension())), written);
            String sheet = Files.readString(out);
            List<String> labels = new ArrayList<>();
            int boxes = 0;
            String[] lines = sheet.split("\n");
            for (int i = 0; i < lines.length; i++) {
                Matcher m = (f == Format.MD ? SHEET : Pattern.compile("^\\\\textbf\\{\\((\\S+)\\)\\}\\\\nopagebreak$"))
                        .matcher(lines[i]);
                if (m.matches()) {
                    labels.add(m.group(1).replace("$\\Sigma$", "Σ"));
                    boxes += count(lines[i + 1], "\\boxed{");
                }
            }
            List<String> want = new ArrayList<>();
            int entries = 0;
            int sums = 0;
            List<Event> ev = sch.events();
            for (int i = 0; i < ev.size(); i++) {
                want.add(Integer.toString(i + 1));
                entries += flat(ev.get(i).value()).length;
                Event e = ev.get(i);
                if (e.phase() == Phase.GRADIENT && (i + 1 == ev.size() || !ev.get(i + 1).node().equals(e.node()))) {
                    sums++;
                    want.add("Σ" + sums);
                    entries += flat(s.trace().grad(e.node().key())).length;
                }
            }
            assertEquals(sch.graph().parameters().size(), sums);
            assertEquals(sch.size() + sums, labels.size(), spec + ": a blank per event and one sum per parameter");
            assertEquals(want, labels, "in schedule order");
            assertEquals(w.blanks().size(), labels.size());
            assertEquals(entries, boxes, "a box for every number of every result");
            String key = Files.readString(written.get(1));
            assertFalse(sheet.contains(Worksheet.rounded(s.trace().loss(), 3) + "\n"), "no answers on the sheet");
            assertTrue(key.contains(Worksheet.rounded(s.trace().loss(), 3)), "the key holds E as text");
            assertTrue(sheet.contains("sheet-key." + f.extension()), "the sheet says where the key is");
            // the Keras names, in Japanese
            assertTrue(sheet.contains("\\mathrm{recurrent\\_kernel}"), "Keras's names");
            assertTrue(sheet.contains("順伝播"), "Japanese headings");
        }
    }

    @Test
    void theLatexSourceUsesStandardPackagesAndNamesThePaper() throws Exception {
        Session s = Session.compute(BuiltinCases.load("builtin:mini-lstm"), null);
        for (Locale l : new Locale[] {Locale.ENGLISH, Locale.JAPANESE}) {
            Worksheet w = Worksheet.of(s, new Worksheet.Options(Format.TEX, Worksheet.Paper.LETTER, Notation.PYTORCH, l,
                    4, Worksheet.Key.INCLUDED));
            Path out = dir.resolve("s.tex");
            WorksheetWriter.write(w, out);
            String tex = Files.readString(out);
            assertTrue(tex.contains("\\documentclass[letterpaper,11pt]{article}"), tex.substring(0, 200));
            Matcher m = Pattern.compile("\\\\usepackage(\\[[^]]*\\])?\\{([^}]*)\\}").matcher(tex);
            List<String> pk = new ArrayList<>();
            while (m.find()) {
                pk.add(m.group(2));
            }
            assertEquals(l == Locale.JAPANESE ? List.of("geometry", "amsmath,amssymb", "longtable", "luatexja")
                    : List.of("geometry", "amsmath,amssymb", "longtable", "fontenc"), pk);
            assertTrue(tex.contains("\\begin{document}") && tex.strip().endsWith("\\end{document}"));
            assertEquals(count(tex, "\\begin{"), count(tex, "\\end{"), "environments closed");
            assertEquals(count(tex, "{"), count(tex, "}"), "braces balanced");
            assertTrue(tex.contains("\\mathrm{weight\\_ih\\_l0}"), "PyTorch's names");
        }
    }

    @Test
    void thePdfHasThePagesOfA4AndLetter() throws Exception {
        Session s = Session.compute(BuiltinCases.load("builtin:mini-lstm"), null);
        for (Worksheet.Paper p : Worksheet.Paper.values()) {
            // A4 in English, Letter in Japanese
            for (Locale l : new Locale[] {p == Worksheet.Paper.A4 ? Locale.ENGLISH : Locale.JAPANESE}) {
                Worksheet w = Worksheet.of(s, new Worksheet.Options(Format.PDF, p, Notation.BOOK, l, 4,
                        Worksheet.Key.SEPARATE));
                Path out = dir.resolve("s-" + p.id() + "-" + l + ".pdf");
                List<Path> files = WorksheetWriter.write(w, out);
                assertEquals(2, files.size());
                for (Path f : files) {
                    PdfReader r = new PdfReader(Files.readAllBytes(f));
                    try {
                        assertTrue(r.getNumberOfPages() >= 2, f + ": " + r.getNumberOfPages());
                        for (int i = 1; i <= r.getNumberOfPages(); i++) {
                            assertEquals(p.width(), r.getPageSize(i).getWidth(), 0.01);
                            assertEquals(p.height(), r.getPageSize(i).getHeight(), 0.01);
                            assertTrue(r.getPageContent(i).length > 2_000, "page " + i + " is drawn");
                        }
                    } finally {
                        r.close();
                    }
                }
            }
        }
        assertEquals(595.28f, Worksheet.Paper.A4.width(), 0.01);
        assertEquals(792f, Worksheet.Paper.LETTER.height(), 0.01);
    }

    @Test
    void aCaseTooLargeIsRefusedWithTheLimitItHits() throws Exception {
        assertEquals("too large for a worksheet: T ≤ 4 (this case has T = 6)",
                Worksheet.refusal(ModelConfig.of(CellType.RNN, 2, 3, 1), 6, Locale.ENGLISH));
        assertEquals("too large for a worksheet: H ≤ 3 (this case has H = 4)",
                Worksheet.refusal(ModelConfig.of(CellType.LSTM, 1, 4, 1), 4, Locale.ENGLISH));
        assertEquals("ワークシートには大きすぎます: H ≤ 3 (このケースは H = 4)",
                Worksheet.refusal(ModelConfig.of(CellType.GRU, 1, 4, 1), 2, Locale.JAPANESE));
        assertNull(Worksheet.refusal(ModelConfig.of(CellType.GRU, 5, 3, 7), 4, Locale.ENGLISH));
        Session big = Session.compute(CaseFile.read(Path.of("src/test/resources/cases/rnn-tanh-many-to-one.json")), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Worksheet.of(big, Worksheet.Options.defaults(Format.PDF)));
        assertEquals("too large for a worksheet: T ≤ 4 (this case has T = 6)", e.getMessage());
    }

    @Test
    void roundingIsHalfAwayFromZeroWithTrailingZerosAndNoNegativeZero() {
        assertEquals("0.5000", Worksheet.rounded(0.5, 4));
        assertEquals("-0.1974", Worksheet.rounded(-0.19737532022490398, 4));
        assertEquals("0.0000", Worksheet.rounded(-0.00001, 4));
        assertEquals("0.13", Worksheet.rounded(0.125, 2));
        assertEquals("-0.13", Worksheet.rounded(-0.125, 2));
        assertEquals("0.46211715726000974", Worksheet.exact(0.46211715726000974));
        assertEquals("0.00001", Worksheet.exact(1e-5));
        assertNotNull(Worksheet.Paper.parse("Letter"));
        assertThrows(IllegalArgumentException.class, () -> Worksheet.Paper.parse("a5"));
    }

    // ------------------------------------------------------------------ the engine's numbers

    /** Every blank's value read from the trace (not from the schedule), by label, in the sheet's order. */
    static Map<String, double[][]> engineValues(Case c, Schedule sch) {
        Trace tr = sch.trace();
        Map<String, double[][]> r = new LinkedHashMap<>();
        List<Event> ev = sch.events();
        int sums = 0;
        for (int i = 0; i < ev.size(); i++) {
            Event e = ev.get(i);
            Node n = e.node();
            int t = n.step();
            double[][] v = switch (e.phase()) {
                case FORWARD -> col(switch (n.key()) {
                    case "x" -> tr.input(t);
                    case "h0" -> tr.h0();
                    case "c0" -> tr.c0();
                    default -> tr.forward(Quantity.fromKey(n.key()), t);
                });
                case LOSS -> n.kind() == NodeKind.LOSS ? new double[][] {{tr.loss()}}
                        : new double[][] {{halfSquares(tr.forward(Quantity.fromKey("y"), t), tr.target(t))}};
                case BACKWARD -> col(t == 0 ? tr.initialDelta(Quantity.fromKey(n.deltaKey()))
                        : tr.delta(Quantity.fromKey(n.deltaKey()), t));
                case GRADIENT -> tr.gradientTerm(n.key(), e.step());
            };
            r.put(Integer.toString(i + 1), v);
            if (e.phase() == Phase.GRADIENT && (i + 1 == ev.size() || !ev.get(i + 1).node().equals(n))) {
                sums++;
                r.put("Σ" + sums, tr.grad(n.key()));
            }
        }
        assertTrue(c.loss().key().equals("sse"), "the test's E_t is the sse's");
        return r;
    }

    private static double halfSquares(double[] y, double[] t) {
        double s = 0;
        for (int k = 0; k < y.length; k++) {
            s += (y[k] - t[k]) * (y[k] - t[k]);
        }
        return s / 2;
    }

    private static double[][] col(double[] v) {
        double[][] m = new double[v.length][1];
        for (int i = 0; i < v.length; i++) {
            m[i][0] = v[i];
        }
        return m;
    }

    private static double[][] row(double[][] perStep, int t) {
        return col(perStep[t - 1]);
    }

    static double[] flat(double[][] m) {
        return java.util.Arrays.stream(m).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }
}
