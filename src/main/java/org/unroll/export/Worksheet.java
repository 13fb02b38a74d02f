package org.unroll.export;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;
import org.unroll.engine.Case;
import org.unroll.engine.CellType;
import org.unroll.engine.ModelConfig;
import org.unroll.engine.Trace;
import org.unroll.graph.Node;
import org.unroll.graph.Notation;
import org.unroll.schedule.Event;
import org.unroll.schedule.Phase;
import org.unroll.schedule.Schedule;
import org.unroll.view.Messages;
import org.unroll.view.Session;

/**
 * A worksheet for BPTT by hand (issue 11): a small network's numbers, then every event of its
 * schedule as an equation with a blank for its result, in schedule order, and after each shared
 * parameter's per-step terms a blank for their sum; then the answer key, every blank filled with the
 * engine's number rounded to the sheet's digits, and the exact values. This class is the content,
 * the same for every format; {@link WorksheetWriter} writes it as Markdown, LaTeX or PDF. Immutable.
 *
 * <p>Blank {@code (i)} is event {@code i} as the app's status bar numbers it (1 the first), so a
 * learner can step the app to the same place; the sums are {@code (Σ1)}, {@code (Σ2)} … in the order
 * of the parameters.
 */
public final class Worksheet {

    /** The longest sequence a worksheet is made for. */
    public static final int MAX_STEPS = 4;
    /** The largest hidden size a worksheet is made for. */
    public static final int MAX_HIDDEN = 3;
    /** The digits a result may be rounded to. */
    public static final int MIN_DIGITS = 1;
    public static final int MAX_DIGITS = 8;
    /** The default digits. */
    public static final int DEFAULT_DIGITS = 4;

    /** The paper of a PDF (and the LaTeX source's {@code \documentclass} option), in points. */
    public enum Paper {
        A4(595.28f, 841.89f, "a4paper"),
        LETTER(612f, 792f, "letterpaper");

        private final float width;
        private final float height;
        private final String latexOption;

        Paper(float width, float height, String latexOption) {
            this.width = width;
            this.height = height;
            this.latexOption = latexOption;
        }

        public float width() {
            return width;
        }

        public float height() {
            return height;
        }

        String latexOption() {
            return latexOption;
        }

        /** The lower-case name: a4, letter. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** a4 or letter, case-insensitive. @throws IllegalArgumentException naming the allowed values */
        public static Paper parse(String s) {
            return byId(values(), s, "a4 or letter");
        }
    }

    /** Where the answer key goes: after the sheet in the same file, or in a file of its own. */
    public enum Key {
        INCLUDED, SEPARATE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** included or separate. @throws IllegalArgumentException naming the allowed values */
        public static Key parse(String s) {
            return byId(values(), s, "included or separate");
        }
    }

    /** The constant whose lower-case name is {@code s} (blanks and case ignored). */
    private static <E extends Enum<E>> E byId(E[] values, String s, String allowed) {
        for (E e : values) {
            if (e.name().equalsIgnoreCase(s == null ? "" : s.strip())) {
                return e;
            }
        }
        throw new IllegalArgumentException("expected " + allowed + ", got " + s);
    }

    /**
     * How a worksheet is written.
     *
     * @param format {@link Format#PDF}, {@link Format#MD} or {@link Format#TEX}
     * @param paper the paper (PDF, LaTeX)
     * @param notation the notation of every symbol
     * @param locale the language of the text
     * @param digits results are rounded to this many decimals, {@value #MIN_DIGITS} … {@value #MAX_DIGITS}
     * @param key where the answer key goes
     */
    public record Options(Format format, Paper paper, Notation notation, Locale locale, int digits, Key key) {
        public Options {
            if (format != Format.PDF && format != Format.MD && format != Format.TEX) {
                throw new IllegalArgumentException("a worksheet is written as pdf, md or tex, not "
                        + (format == null ? "nothing" : format.id()));
            }
            if (digits < MIN_DIGITS || digits > MAX_DIGITS) {
                throw new IllegalArgumentException("the digits must be " + MIN_DIGITS + " to " + MAX_DIGITS + ", got "
                        + digits);
            }
            paper = paper == null ? Paper.A4 : paper;
            notation = notation == null ? Notation.BOOK : notation;
            locale = Messages.supported(locale);
            key = key == null ? Key.INCLUDED : key;
        }

        /** PDF on A4, the book's notation, English, 4 decimals, the key included. */
        public static Options defaults(Format format) {
            return new Options(format, Paper.A4, Notation.BOOK, Locale.ENGLISH, DEFAULT_DIGITS, Key.INCLUDED);
        }
    }

    /**
     * One blank to fill.
     *
     * @param label what the sheet calls it: {@code 12} (event 12) or {@code Σ3}
     * @param event the schedule's event, or null for a sum
     * @param parameter for a gradient term or a sum, the parameter; else null
     * @param lhs the left-hand side in LaTeX ({@code h(2)}; for a gradient term or sum {@code ∂E/∂U})
     * @param equation the equation without its result ({@code h(2) = f\left(p(2)\right)}); for a sum,
     *                 {@code ∂E/∂U = (30) + (31) + (32)}
     * @param exact the engine's result in case shape (a vector as n×1; E_t and E 1×1)
     * @param terms for a sum, the labels of the terms added; else empty
     */
    public record Blank(String label, Event event, Node parameter, String lhs, String equation, double[][] exact,
                        List<String> terms) {

        /**
         * What the answer key names: the left-hand side, or for a gradient term the term itself
         * ({@code e_h(2) x(2)^\top}, which says its step; the left side {@code ∂E/∂U} does not).
         */
        public String quantity() {
            String plus = lhs + " \\mathrel{+}= ";
            return event != null && event.phase() == Phase.GRADIENT && equation.startsWith(plus)
                    ? equation.substring(plus.length()) : lhs;
        }

        /** Whether this is the sum of a parameter's terms. */
        public boolean isSum() {
            return event == null;
        }

        /** The phase it belongs to (a sum: GRADIENT). */
        public Phase phase() {
            return event == null ? Phase.GRADIENT : event.phase();
        }
    }

    /**
     * A given number of the network: a parameter, h(0)/c(0), an input or a target, in LaTeX.
     *
     * @param symbol its symbol in the sheet's notation
     * @param value its value in case shape, or null for a step without a target
     * @param group givens of one group share a line: a gate's parameters, the output layer's, the
     *              initial states, the inputs, the targets
     */
    public record Given(String symbol, double[][] value, String group) {
    }

    private final Case kase;
    private final Schedule schedule;
    private final Options options;
    private final List<Blank> blanks;
    private final List<Given> parameters;
    private final List<Given> sequence;

    private Worksheet(Case kase, Schedule schedule, Options options) {
        this.kase = kase;
        this.schedule = schedule;
        this.options = options;
        Notation n = options.notation();
        ModelConfig cfg = kase.config();
        Trace tr = schedule.trace();
        List<Blank> b = new ArrayList<>();
        int sums = 0;
        List<Event> events = schedule.events();
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            String label = Integer.toString(i + 1);
            Node param = e.phase() == Phase.GRADIENT ? e.node() : null;
            b.add(new Blank(label, e, param, schedule.leftSideAtStep(e, n), schedule.equationAtStep(e, n),
                    schedule.value(i), List.of()));
            boolean lastTerm = e.phase() == Phase.GRADIENT
                    && (i + 1 == events.size() || events.get(i + 1).phase() != Phase.GRADIENT
                    || !events.get(i + 1).node().equals(e.node()));
            if (lastTerm) {
                List<String> terms = new ArrayList<>();
                for (int j = 0; j <= i; j++) {
                    if (events.get(j).phase() == Phase.GRADIENT && events.get(j).node().equals(e.node())) {
                        terms.add(Integer.toString(j + 1));
                    }
                }
                sums++;
                String lhs = schedule.leftSideAtStep(e, n);
                StringBuilder eq = new StringBuilder(lhs).append(" = ");
                for (int k = 0; k < terms.size(); k++) {
                    eq.append(k > 0 ? " + " : "").append("\\text{(").append(terms.get(k)).append(")}");
                }
                b.add(new Blank("Σ" + sums, null, e.node(), lhs, eq.toString(), tr.grad(e.node().key()),
                        List.copyOf(terms)));
            }
        }
        this.blanks = List.copyOf(b);
        List<Given> ps = new ArrayList<>();
        for (Node p : schedule.graph().parameters()) {
            String k = p.key();
            String group = k.contains("_") ? k.substring(k.indexOf('_') + 1) : k.endsWith("y") ? "output" : "cell";
            ps.add(new Given(n.parameterLatex(cfg, k), kase.weights().get(k), group));
        }
        this.parameters = List.copyOf(ps);
        List<Given> seq = new ArrayList<>();
        for (Event e : events) {
            if (e.phase() == Phase.FORWARD && e.reads().isEmpty()) {
                // h(0), c(0) and x(t): given, their events only copy them
                seq.add(new Given(schedule.leftSideAtStep(e, n), e.value(), e.node().key().equals("x") ? "x" : "state"));
            }
        }
        for (int t = 1; t <= tr.length(); t++) {
            double[] target = tr.target(t);
            seq.add(new Given("\\mathbf{t}(" + t + ")", target == null ? null : column(target), "target"));
        }
        this.sequence = List.copyOf(seq);
    }

    /**
     * Why a case is too large for a worksheet, in one line in the locale's language; or null when
     * it is small enough (a simple RNN, LSTM or GRU with T ≤ {@value #MAX_STEPS} and H ≤
     * {@value #MAX_HIDDEN}).
     *
     * @param config the network
     * @param steps T
     * @param locale the language of the message
     */
    public static String refusal(ModelConfig config, int steps, Locale locale) {
        ResourceBundle b = Messages.bundle(locale);
        if (steps > MAX_STEPS) {
            return Messages.format(b, "worksheet.tooLong", MAX_STEPS, steps);
        }
        if (config.hiddenSize() > MAX_HIDDEN) {
            return Messages.format(b, "worksheet.tooWide", MAX_HIDDEN, config.hiddenSize());
        }
        if (config.cell() != CellType.RNN && config.cell() != CellType.LSTM && config.cell() != CellType.GRU) {
            return Messages.format(b, "worksheet.cell", config.cell().key());
        }
        return null;
    }

    /**
     * The worksheet of a computed case.
     *
     * @param session the case with its trace and schedule (not modified)
     * @param options how it is written
     * @throws IllegalArgumentException with {@link #refusal}'s message if the case is too large
     */
    public static Worksheet of(Session session, Options options) {
        Objects.requireNonNull(options, "options");
        String no = refusal(session.kase().config(), session.trace().length(), options.locale());
        if (no != null) {
            throw new IllegalArgumentException(no);
        }
        return new Worksheet(session.kase(), session.schedule(), options);
    }

    public Case kase() {
        return kase;
    }

    public Schedule schedule() {
        return schedule;
    }

    public Options options() {
        return options;
    }

    /** Every blank in the order of the sheet: the schedule's events, each parameter's sum after its terms. */
    public List<Blank> blanks() {
        return blanks;
    }

    /** The parameters' values, in the case's order. */
    public List<Given> parameters() {
        return parameters;
    }

    /** h(0) (c(0)), the inputs x(1..T) and the targets t(1..T) (a null value: no target at that step). */
    public List<Given> sequence() {
        return sequence;
    }

    /** The bundle of the sheet's language. */
    ResourceBundle bundle() {
        return Messages.bundle(options.locale());
    }

    /** A text of the sheet's language with its arguments filled in. */
    String text(String key, Object... args) {
        return Messages.format(bundle(), key, args);
    }

    /** The sheet's title: the case's name, cell, T and H. */
    String title() {
        ModelConfig c = kase.config();
        return text("worksheet.title", kase.name() == null ? "case" : org.unroll.engine.ControlChars.escape(kase.name()), cellName(), schedule.trace().length(),
                c.hiddenSize());
    }

    String cellName() {
        return text("worksheet.cell." + kase.config().cell().key());
    }

    /** What f, g and σ are, and the loss, in a line of LaTeX-free text. */
    String functions() {
        ModelConfig c = kase.config();
        String gate = c.cell() == CellType.RNN ? "" : text("worksheet.functions.gate", c.gateActivation().key());
        return text("worksheet.functions", c.activation().key(), c.outputActivation().key(), gate,
                kase.loss().key());
    }

    // ------------------------------------------------------------------ numbers

    /**
     * x rounded to {@code digits} decimals, half away from zero from its exact binary value, with
     * trailing zeros and an ASCII minus ({@code -0.1974}, {@code 0.5000}; never {@code -0.0000}).
     */
    public static String rounded(double x, int digits) {
        if (!Double.isFinite(x)) {
            return Double.toString(x);
        }
        BigDecimal d = new BigDecimal(x).setScale(digits, RoundingMode.HALF_UP);
        if (d.signum() == 0) {
            d = d.abs();
        }
        return d.toPlainString();
    }

    /** x exactly as the engine has it: the shortest decimal that reads back as the same double. */
    public static String exact(double x) {
        if (!Double.isFinite(x)) {
            return Double.toString(x);
        }
        if (x == 0) {
            return "0";
        }
        return new BigDecimal(Double.toString(x)).stripTrailingZeros().toPlainString();
    }

    /** A value in case shape written with a number format, as LaTeX: a scalar, a column, a matrix. */
    static String latex(double[][] m, java.util.function.DoubleFunction<String> number) {
        if (m.length == 1 && m[0].length == 1) {
            return number.apply(m[0][0]);
        }
        if (m[0].length == 1) {
            StringBuilder sb = new StringBuilder("\\left(");
            for (int i = 0; i < m.length; i++) {
                sb.append(i > 0 ? ",\\ " : "").append(number.apply(m[i][0]));
            }
            return sb.append("\\right)^\\top").toString();
        }
        StringBuilder sb = new StringBuilder("\\begin{pmatrix}");
        for (int r = 0; r < m.length; r++) {
            sb.append(r > 0 ? " \\\\ " : "");
            for (int c = 0; c < m[r].length; c++) {
                sb.append(c > 0 ? " & " : "").append(number.apply(m[r][c]));
            }
        }
        return sb.append("\\end{pmatrix}").toString();
    }

    /** The blank of a result of this shape: a box per number, wide enough for the sheet's digits. */
    String boxes(double[][] shape) {
        String box = "\\boxed{\\phantom{-0." + "0".repeat(options.digits()) + "}}";
        return latex(shape, x -> box);
    }

    /** A result rounded as the sheet says, in LaTeX. */
    String answer(double[][] value) {
        return latex(value, x -> rounded(x, options.digits()));
    }

    /** A value written exactly, as text: entries by ", ", rows by "; ". */
    static String exactText(double[][] m) {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < m.length; r++) {
            sb.append(r > 0 ? "; " : "");
            for (int c = 0; c < m[r].length; c++) {
                sb.append(c > 0 ? ", " : "").append(exact(m[r][c]));
            }
        }
        return sb.toString();
    }

    /** A given value written exactly, in LaTeX. */
    static String givenLatex(double[][] m) {
        return m == null ? "\\text{---}" : latex(m, Worksheet::exact);
    }

    /** The section a phase's blanks are under. */
    String section(Phase p) {
        return text("worksheet.section." + p.name().toLowerCase(Locale.ROOT));
    }

    private static double[][] column(double[] v) {
        double[][] m = new double[v.length][1];
        for (int i = 0; i < v.length; i++) {
            m[i][0] = v[i];
        }
        return m;
    }
}
