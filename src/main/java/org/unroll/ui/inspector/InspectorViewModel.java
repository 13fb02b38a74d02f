package org.unroll.ui.inspector;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.unroll.engine.CellType;
import org.unroll.engine.ModelConfig;
import org.unroll.graph.Node;
import org.unroll.graph.NodeKind;
import org.unroll.graph.Notation;
import org.unroll.schedule.Cursor;
import org.unroll.schedule.Event;
import org.unroll.schedule.Phase;
import org.unroll.schedule.Ref;
import org.unroll.schedule.Schedule;
import org.unroll.ui.MainViewModel;
import org.unroll.view.ColorScale;
import org.unroll.view.Messages;
import org.unroll.view.Numbers;
import org.unroll.view.Session;
import org.unroll.schedule.LatexFormat;
import org.unroll.ui.common.LatexRenderer;

/**
 * The inspector: the current event's node (or a node the user clicked) as numbers and colours, the
 * event's equation in symbols and with the numbers substituted (LaTeX from the schedule), what it
 * reads, and for a parameter its per-step gradient terms with their running sum. Everything is
 * derived from the main view-model's session, cursor and selection.
 */
public final class InspectorViewModel {

    /**
     * One row of the gradient table: step t's term and the sum of the terms 1..t (Frobenius norms,
     * and the matrices themselves with their rows and columns labelled), and the term's two
     * factors on the graph (e_h(t) or a gate's error, and x(t) or h(t−1)). A hidden current term
     * (predict, then reveal) has NaN norms, null matrices and "?" texts.
     */
    public record TermRow(int step, double termNorm, double sumNorm, boolean current, double[][] term,
                          double[][] sum, String termText, String sumText, List<Node> factors, String name) {

        /** A row with its norms only (no matrices, no factors). */
        public TermRow(int step, double termNorm, double sumNorm, boolean current) {
            this(step, termNorm, sumNorm, current, null, null, "", "", List.of(), "");
        }
    }

    private final MainViewModel main;
    private final org.unroll.session.Background worker;
    private double equationWidth;
    private float equationSize = EQUATION_SIZE;
    private final ReadOnlyObjectWrapper<Shown> shown = new ReadOnlyObjectWrapper<>(new Shown());
    private final ReadOnlyStringWrapper fullValues = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper subtitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper equation = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper substituted = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper mapping = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper reads = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper valuesHeader = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper valuesText = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<double[][]> matrix = new ReadOnlyObjectWrapper<>(new double[0][]);
    private final ReadOnlyObjectWrapper<ColorScale> scale = new ReadOnlyObjectWrapper<>(new ColorScale(1));
    private final ReadOnlyBooleanWrapper showsTerms = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper termsHeader = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper sumHeader = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<double[][]> sum = new ReadOnlyObjectWrapper<>(new double[0][]);
    private final ReadOnlyStringWrapper sumText = new ReadOnlyStringWrapper("");
    private final ObservableList<TermRow> terms = FXCollections.observableArrayList();
    private final ObservableList<TermRow> termsView = FXCollections.unmodifiableObservableList(terms);

    private int shownIndex = -1;
    private final ReadOnlyBooleanWrapper guessable = new ReadOnlyBooleanWrapper(false);
    private final org.unroll.ui.common.LocalText verdict;

    /** Whether the room's guess can be typed: the current event's result is hidden. */
    public ReadOnlyBooleanProperty guessableProperty() {
        return guessable.getReadOnlyProperty();
    }

    /** What the last guess was marked: right, wrong, or what is wrong with it; empty before one. */
    public ReadOnlyStringProperty verdictProperty() {
        return verdict.property();
    }

    /**
     * Marks the room's guess at the hidden result against the engine's ({@link org.unroll.view.Guess}:
     * within 1e-2 relatively or 0.00005, the inspector's last decimal's half); the result stays hidden.
     */
    public void checkGuess(String text) {
        Shown v = shown.get();
        if (!v.hidden || v.result == null || text == null || text.isBlank()) {
            return;
        }
        org.unroll.view.Guess.Verdict g = org.unroll.view.Guess.check(text, v.result);
        if (g.problem() != null) {
            verdict.set(g.problem(), g.args());
        } else {
            verdict.set(g.right() ? "inspector.guess.right" : "inspector.guess.wrong");
        }
    }

    /** A gradient term selected in the table: its two factors marked on the graph (null: none). */
    public void selectTerm(TermRow row) {
        main.mark(row == null ? List.of() : row.factors());
    }

    /** The cursor position the inspector shows (−1: before the first event). */
    public int shownIndex() {
        return shownIndex;
    }

    public InspectorViewModel(MainViewModel main) {
        this.main = main;
        this.worker = main.worker("unroll-inspector");
        // snapshots belong to a session (keyed by its identity): a new one, say a number edited, drops them
        main.sessionProperty().addListener((o, a, b) -> cache.clear());
        this.verdict = new org.unroll.ui.common.LocalText(main.bundleProperty());
        main.cursorProperty().addListener((o, a, b) -> update());
        main.selectedProperty().addListener((o, a, b) -> update());
        main.bundleProperty().addListener((o, a, b) -> update());
        main.notationProperty().addListener((o, a, b) -> update());
        main.hiddenProperty().addListener((o, a, b) -> update());
        update();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty subtitleProperty() {
        return subtitle.getReadOnlyProperty();
    }

    /** The event's equation in symbols (LaTeX), or empty. */
    public ReadOnlyStringProperty equationProperty() {
        return equation.getReadOnlyProperty();
    }

    /** The same equation with the numbers (LaTeX), or empty. */
    public ReadOnlyStringProperty substitutedProperty() {
        return substituted.getReadOnlyProperty();
    }

    /**
     * For a parameter the notation's framework does not store one-to-one (PyTorch's two biases,
     * TF's forget bias …), the one line that says how ({@link Notation#mapping}); else empty.
     */
    public ReadOnlyStringProperty mappingProperty() {
        return mapping.getReadOnlyProperty();
    }

    /**
     * In the book's notation, once for an event whose equation has the RNN's {@code e_h}: what
     * e_h(t) is (the error at p(t), not at h(t)); else empty.
     */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    /** The notation shown. */
    public Notation notation() {
        return main.getNotation();
    }

    public ReadOnlyStringProperty readsProperty() {
        return reads.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty valuesHeaderProperty() {
        return valuesHeader.getReadOnlyProperty();
    }

    /** The shown vector (one number per line) or matrix (rows on lines), formatted by {@link Numbers}. */
    public ReadOnlyStringProperty valuesTextProperty() {
        return valuesText.getReadOnlyProperty();
    }

    /** The shown numbers as rows (a vector as a column: n rows of 1). */
    public ReadOnlyObjectProperty<double[][]> matrixProperty() {
        return matrix.getReadOnlyProperty();
    }

    /** The colours of {@link #matrixProperty()}: the same scale as the graph's. */
    public ReadOnlyObjectProperty<ColorScale> scaleProperty() {
        return scale.getReadOnlyProperty();
    }

    /** Whether a parameter's per-step gradient terms are shown. */
    public ReadOnlyBooleanProperty showsTermsProperty() {
        return showsTerms.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty termsHeaderProperty() {
        return termsHeader.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sumHeaderProperty() {
        return sumHeader.getReadOnlyProperty();
    }

    /** The running sum of the terms shown so far. */
    public ReadOnlyObjectProperty<double[][]> sumProperty() {
        return sum.getReadOnlyProperty();
    }

    /** The running sum as numbers (rows on lines). */
    public ReadOnlyStringProperty sumTextProperty() {
        return sumText.getReadOnlyProperty();
    }

    /** The per-step terms so far (read-only). */
    public ObservableList<TermRow> terms() {
        return termsView;
    }

    // ---- the snapshot, worked out off the JavaFX thread ----

    /**
     * A formula typeset for the inspector's width: its LaTeX (shortened as far as needed), the
     * image (AWT; the controller copies its pixels), and whether it was shortened or shrunk to fit.
     */
    public record Typeset(String tex, java.awt.image.BufferedImage image, boolean elided) {
    }

    /** What the inspector shows, all of it at once (immutable once delivered). */
    public static final class Shown {
        int index = -1;
        String title = "";
        String subtitle = "";
        String equation = "";
        String substituted = "";
        String mapping = "";
        String note = "";
        String reads = "";
        String valuesHeader = "";
        String valuesText = "";
        double[][] matrix = new double[0][];
        ColorScale scale = new ColorScale(1);
        boolean showsTerms;
        List<TermRow> terms = List.of();
        String termsHeader = "";
        String sumHeader = "";
        double[][] sum = new double[0][];
        String sumText = "";
        Typeset equationImage;
        Typeset substitutedImage;
        String fullValues = "";
        boolean hidden;
        double[][] result;

        /** Whether the event's result is hidden (predict, then reveal): blank in every part shown. */
        public boolean hidden() {
            return hidden;
        }

        /** The event's result, kept for marking a typed guess (never shown while hidden); or null. */
        public double[][] result() {
            return result;
        }

        /** The cursor position shown (−1: before the first event). */
        public int index() {
            return index;
        }

        public double[][] matrix() {
            return matrix;
        }

        public ColorScale scale() {
            return scale;
        }

        public double[][] sum() {
            return sum;
        }

        /** The symbolic equation typeset, or null (none, or JLaTeXMath could not: show the text). */
        public Typeset equationImage() {
            return equationImage;
        }

        /** The equation with the numbers typeset, or null. */
        public Typeset substitutedImage() {
            return substitutedImage;
        }

        /** The row of the current step in {@link #terms} (−1: none). */
        public int currentTerm() {
            for (int i = 0; i < terms.size(); i++) {
                if (terms.get(i).current()) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** What a snapshot depends on, read on the JavaFX thread. */
    private record Request(Session session, Cursor cursor, Node picked, Notation notation, ResourceBundle bundle,
                           double width, float size, boolean hidden) {

        Object key() {
            return java.util.Arrays.asList(new Same(session), cursor.position(), picked, notation, bundle.getLocale(), width,
                    size, hidden);
        }
    }

    /** The same object (identity, not equality: a session's memo changes as it is drawn). */
    private record Same(Object o) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Same s && s.o == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(o);
        }
    }

    /** The equations' type size, in pixels. */
    public static final float EQUATION_SIZE = 17f;
    private static final int PREFETCH = 3;
    private static final int CACHE = 24;
    private final java.util.Map<Object, Shown> cache = new java.util.LinkedHashMap<>(32, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<Object, Shown> e) {
            return size() > CACHE;
        }
    };
    /** The newest request not yet worked out, the prefetches waiting, and whether one is being worked out. */
    private Request waiting;
    private final java.util.ArrayDeque<Request> prefetches = new java.util.ArrayDeque<>();
    private boolean working;
    private Request wanted;

    /**
     * The width the equations should fit, in pixels (0: not known yet, one line). The controller
     * sets it from the inspector's width; a new width typesets again.
     */
    public void setEquationWidth(double w) {
        double bucket = w <= 0 ? 0 : Math.floor(w / 16) * 16;
        if (bucket != equationWidth) {
            equationWidth = bucket;
            update();
        }
    }

    /** The size the equations are typeset at, in pixels (the presentation's type size makes it larger). */
    public void setEquationSize(float size) {
        float s = size > 0 && Float.isFinite(size) ? size : EQUATION_SIZE;
        if (s != equationSize) {
            equationSize = s;
            update();
        }
    }

    /** The snapshot shown now (the controller draws its images and heat maps from it). */
    public ReadOnlyObjectProperty<Shown> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** The full values of what the equation reads and computes, as text (the "all values" window). */
    public ReadOnlyStringProperty fullValuesProperty() {
        return fullValues.getReadOnlyProperty();
    }

    /** Whether a snapshot is being worked out or waits to be (the next events' included). */
    public boolean busy() {
        return working || waiting != null || !prefetches.isEmpty();
    }

    /** Whether the inspector shows what the cursor asks for (no snapshot is being worked out). */
    public boolean isCurrent() {
        return waiting == null && (wanted == null || shown.get().index == wanted.cursor().position());
    }

    private final Runnable resumeAhead = this::work;

    private void update() {
        Session s = main.getSession();
        Cursor c = main.getCursor();
        if (s == null || c == null) {
            waiting = null;
            prefetches.clear();
            wanted = null;
            Shown v = new Shown();
            v.subtitle = Messages.format(main.getBundle(), "inspector.none");
            apply(v);
            return;
        }
        Request r = new Request(s, c, main.selectedProperty().get(), main.getNotation(), main.getBundle(), equationWidth,
                equationSize, main.isHidden());
        wanted = r;
        Shown hit = cache.get(r.key());
        prefetches.clear();
        if (hit != null) {
            waiting = null;
            apply(hit);
        } else {
            waiting = r;
        }
        if (r.picked() == null && main.preparesAhead()) {
            for (int k = 1; k <= PREFETCH && c.position() + k < s.schedule().size(); k++) {
                // in predict mode the next events open hidden
                prefetches.add(new Request(s, c.seek(c.position() + k), null, r.notation(), r.bundle(), r.width(), r.size(),
                        main.predictProperty().get()));
            }
        }
        work();
    }

    /** Works out the newest request, else the next prefetch, on the inspector's worker. */
    private void work() {
        if (working) {
            return;
        }
        Request r = waiting;
        waiting = null;
        if (r == null && !prefetches.isEmpty() && main.aheadGate().held()) {
            // the next events wait until the step's frame is rendered (ADR 0040)
            main.aheadGate().whenOpen(resumeAhead);
            return;
        }
        while (r == null && !prefetches.isEmpty()) {
            Request p = prefetches.poll();
            if (!cache.containsKey(p.key())) {
                r = p;
            }
        }
        if (r == null) {
            return;
        }
        Request job = r;
        working = true;
        worker.submit(() -> compute(job), v -> {
            working = false;
            cache.put(job.key(), v);
            if (wanted != null && job.key().equals(wanted.key())) {
                apply(v);
            }
            work();
        }, err -> {
            working = false;
            if (wanted != null && job.key().equals(wanted.key())) {
                // a bug, not the user's input: say so in the inspector rather than show a stale event
                Shown v = new Shown();
                v.index = job.cursor().position();
                v.subtitle = String.valueOf(err);
                apply(v);
            }
            work();
        });
    }

    /** Shows a snapshot: every property at once, the snapshot itself last. */
    private void apply(Shown v) {
        long t0 = org.unroll.ui.common.FrameProbe.start();
        int before = shownIndex;
        shownIndex = v.index;
        title.set(v.title);
        subtitle.set(v.subtitle);
        equation.set(v.equation);
        substituted.set(v.substituted);
        mapping.set(v.mapping);
        note.set(v.note);
        reads.set(v.reads);
        valuesHeader.set(v.valuesHeader);
        valuesText.set(v.valuesText);
        scale.set(v.scale);
        matrix.set(v.matrix);
        terms.setAll(v.terms);
        showsTerms.set(v.showsTerms);
        termsHeader.set(v.termsHeader);
        sumHeader.set(v.sumHeader);
        sum.set(v.sum);
        sumText.set(v.sumText);
        fullValues.set(v.fullValues);
        if (v.index != before || !v.hidden) {
            verdict.setPlain("");
        }
        guessable.set(v.hidden);
        shown.set(v);
        org.unroll.ui.common.FrameProbe.end("fx: inspector snapshot shown", t0);
    }

    /** The snapshot of a request (any thread: reads only immutable things). */
    private static Shown compute(Request r) {
        long t0 = org.unroll.ui.common.FrameProbe.start();
        Shown v = new Shown();
        new Work(r, v).run();
        org.unroll.ui.common.FrameProbe.end("inspector thread: snapshot worked out and typeset", t0);
        return v;
    }

    /** One snapshot being worked out. */
    static final class Work {
        private final Request r;
        private final Shown v;

        Work(Request r, Shown v) {
            this.r = r;
            this.v = v;
        }

        private String text(String key, Object... args) {
            return Messages.format(r.bundle(), key, args);
        }

        private String phaseName(Phase p) {
            return text(p == null ? "phase.start" : "phase." + switch (p) {
                case FORWARD -> "forward";
                case LOSS -> "loss";
                case BACKWARD -> "backward";
                case GRADIENT -> "gradients";
            });
        }

        void run() {
            Session s = r.session();
            Cursor c = r.cursor();
            v.index = c.position();
            Node picked = r.picked();
            Event e = picked == null ? c.current().orElse(null) : eventFor(s, c, picked);
            if (picked != null && picked.isParameter() && (e == null || e.phase() != Phase.GRADIENT)) {
                showParameter(s, c, picked);
                return;
            }
            if (e == null) {
                if (picked != null) {
                    v.title = label(s, picked);
                    v.subtitle = text("graph.legend.notComputed");
                } else {
                    v.subtitle = text("inspector.none");
                }
                return;
            }
            Notation n = r.notation();
            ModelConfig cfg = s.graph().config();
            // predict, then reveal: the current event's result is blank in every part shown
            boolean hide = r.hidden() && e.index() == c.position();
            v.hidden = hide;
            v.title = MainViewModel.eventLabel(e, n, cfg);
            v.subtitle = phaseName(e.phase()) + "  ·  " + (e.index() + 1) + " / " + s.schedule().size();
            v.equation = e.equation(n);
            v.substituted = hide ? e.substitutedHidden(n, null) : e.substituted(n);
            v.mapping = mappingLine(s, e.phase() == Phase.GRADIENT ? List.of(e.node()) : parametersRead(e));
            if (n == Notation.BOOK && cfg.cell() == CellType.RNN
                    && (e.isDelta() && e.node().kind() == NodeKind.PRE || e.equation().contains("e_h"))) {
                v.note = text("inspector.note.eh");
            }
            v.reads = text("inspector.reads") + ": " + readsText(s, e.reads());
            double[][] m = e.value();
            v.result = m;
            v.matrix = hide ? new double[0][] : m;
            v.valuesText = hide ? "?" : m.length > 0 && m[0].length == 1 ? Numbers.column(column(m)) : Numbers.matrix(m);
            switch (e.phase()) {
                case FORWARD -> {
                    v.valuesHeader = text("inspector.values");
                    v.scale = s.valueScale();
                }
                case LOSS -> {
                    v.valuesHeader = text("inspector.values");
                    v.scale = new ColorScale(Math.abs(m[0][0]));
                }
                case BACKWARD -> {
                    v.valuesHeader = text("inspector.deltas");
                    v.scale = s.deltaScale();
                }
                case GRADIENT -> {
                    v.valuesHeader = text("inspector.matrix", "∂E/∂" + label(s, e.node()) + " (t = " + e.step() + ")",
                            m.length, m.length == 0 ? 0 : m[0].length);
                    v.scale = ColorScale.fitting(java.util.Arrays.asList(m));
                    showTerms(s, e.node(), e.step(), hide);
                }
                default -> throw new IllegalStateException();
            }
            v.fullValues = fullValues(s, e, hide ? null : m);
            v.equationImage = typeset(v.equation, null, false);
            v.substitutedImage = typeset(v.substituted, e, hide);
        }

        /**
         * Typesets a formula to fit the width, so that it never needs a scroll bar: the numbers
         * on one line (JLaTeXMath's line breaking cuts inside numbers and labels: p_f(11 | 6)),
         * shortened further while too wide, then shrunk; the symbols broken into lines at a
         * presentation's larger type size (as the window did), else shrunk.
         */
        private Typeset typeset(String tex, Event numbers, boolean hide) {
            if (tex == null || tex.isBlank()) {
                return null;
            }
            double w = r.width();
            double breakAt = numbers == null && r.size() > EQUATION_SIZE && w >= 200 ? w : 0;
            try {
                java.awt.image.BufferedImage img = LatexRenderer.typeset(tex, r.size(), breakAt);
                String shown = tex;
                boolean elided = false;
                if (numbers != null && w > 0) {
                    // a line per top-level term, then the numbers shortened further
                    for (LatexFormat.Elision el : new LatexFormat.Elision[] {LatexFormat.Elision.NORMAL,
                        LatexFormat.Elision.TIGHT, LatexFormat.Elision.TIGHTEST}) {
                        if (img.getWidth() <= w) {
                            break;
                        }
                        shown = stacked(hide ? numbers.substitutedHidden(r.notation(), el)
                                : numbers.substituted(r.notation(), el));
                        img = LatexRenderer.typeset(shown, r.size(), 0);
                        elided |= el != LatexFormat.Elision.NORMAL;
                    }
                }
                if (numbers != null && w > 0 && img.getWidth() > w / MIN_SHRINK) {
                    // still too wide at the tightest elision to shrink it only a little (a presentation's
                    // type size, a narrow inspector): a line per factor of a product too, so the numbers
                    // are shrunk less or not at all (taller, not smaller)
                    String byFactor = stacked(hide ? numbers.substitutedHidden(r.notation(), LatexFormat.Elision.TIGHTEST)
                            : numbers.substituted(r.notation(), LatexFormat.Elision.TIGHTEST), true);
                    java.awt.image.BufferedImage narrower = LatexRenderer.typeset(byFactor, r.size(), 0);
                    if (narrower.getWidth() < img.getWidth()) {
                        img = narrower;
                        shown = byFactor;
                    }
                }
                if (w > 0 && img.getWidth() > w) {
                    img = shrink(img, w);
                    elided = true;
                }
                return new Typeset(shown, img, elided);
            } catch (RuntimeException ex) {
                return null;
            }
        }

        /**
         * An equation as lines, one per top-level term: broken before its top-level {@code =},
         * {@code +} and {@code \odot} only (the last so that e_h(t)'s product with f′ gets a line
         * of its own at a large type size) (never inside a number, a label, a matrix or parentheses), the lines
         * after the first indented; as it is when there is nothing to break.
         */
        static String stacked(String tex) {
            return stacked(tex, false);
        }

        /** The least scale the numbers are shrunk to before their products are broken into lines too. */
        static final double MIN_SHRINK = 0.8;

        /**
         * {@link #stacked(String)}, and with {@code byFactor} each line also broken between the
         * factors of a product (a matrix and the vector it multiplies, {@code \end{pmatrix}
         * \left(…\right)^\top}), the factor after a break written {@code \cdot …}; inside a
         * parenthesis opened on an earlier line or closed on a later one the break closes and
         * reopens it invisibly ({@code \right.}, {@code \left.}). A function's argument
         * ({@code f'\left(…\right)}) is never broken from its function.
         */
        static String stacked(String tex, boolean byFactor) {
            List<String> terms = new ArrayList<>();
            int[] last = {0};
            nesting(tex, (i, depth, opens) -> {
                if (!opens && depth == 0 && i > last[0] && (tex.startsWith(" = ", i) || tex.startsWith(" + ", i)
                        || tex.startsWith(" \\odot ", i) || tex.startsWith(" \\mathrel{+}= ", i)
                        || tex.startsWith(",\\quad ", i))) {
                    terms.add(tex.substring(last[0], i));
                    last[0] = tex.startsWith(",\\quad ", i) ? i + ",\\quad ".length() : i;
                }
            });
            terms.add(tex.substring(last[0]));
            List<String> parts = openedSums(terms);
            if (byFactor) {
                parts = byFactor(parts);
            }
            if (parts.size() < 2) {
                return tex;
            }
            StringBuilder sb = new StringBuilder("\\begin{array}{l}");
            for (int k = 0; k < parts.size(); k++) {
                if (k > 0) {
                    sb.append(" \\\\ \\quad ");
                }
                sb.append(parts.get(k).trim());
            }
            return sb.append("\\end{array}").toString();
        }

        /**
         * A term that is one parenthesised sum, {@code = \left(A + B\right)}, split into a line
         * per summand ({@code = \left(A \right.} and {@code \left. + B\right)}): the
         * parenthesis of e_h(t)'s {@code Wᵀe_h(t+1) + Vᵀe_o(t)} opened on one line and closed on the
         * next, so that each product of a matrix and a vector has a line of its own.
         */
        private static List<String> openedSums(List<String> parts) {
            List<String> out = new ArrayList<>();
            for (String p : parts) {
                String t = p.trim();
                String lead = t.startsWith("= ") ? "= " : "";
                String body = t.substring(lead.length());
                if (!body.startsWith("\\left(") || !body.endsWith("\\right)")) {
                    out.add(p);
                    continue;
                }
                String inner = body.substring("\\left(".length(), body.length() - "\\right)".length());
                List<String> sums = new ArrayList<>();
                int[] last = {0};
                int end = nesting(inner, (i, depth, opens) -> {
                    if (!opens && depth == 0 && i > last[0] && inner.startsWith(" + ", i)) {
                        sums.add(inner.substring(last[0], i));
                        last[0] = i;
                    }
                });
                sums.add(inner.substring(last[0]));
                if (sums.size() < 2 || end != 0) {
                    out.add(p);
                    continue;
                }
                for (int k = 0; k < sums.size(); k++) {
                    String open = k == 0 ? lead + "\\left(" : "\\left.";
                    String close = k == sums.size() - 1 ? "\\right)" : "\\right.";
                    out.add(open + sums.get(k).trim() + close);
                }
            }
            return out;
        }

        /** Each line broken between the factors of its top-level products (see {@link #stacked(String, boolean)}). */
        private static List<String> byFactor(List<String> parts) {
            List<String> out = new ArrayList<>();
            for (String p : parts) {
                String t = p.trim();
                String lead = "";
                for (String op : new String[] {"= ", "+ ", "\\odot ", "\\mathrel{+}= "}) {
                    if (t.startsWith(op)) {
                        lead = op;
                        break;
                    }
                }
                String body = t.substring(lead.length());
                String open = "";
                String close = "";
                if (body.startsWith("\\left(") && body.endsWith("\\right.")) {
                    open = "\\left(";
                    close = "\\right.";
                } else if (body.startsWith("\\left.") && body.endsWith("\\right)")) {
                    open = "\\left.";
                    close = "\\right)";
                } else if (body.startsWith("\\left.") && body.endsWith("\\right.")) {
                    open = "\\left.";
                    close = "\\right.";
                }
                String inner = body.substring(open.length(), body.length() - close.length());
                List<String> factors = new ArrayList<>();
                int[] last = {0};
                int end = nesting(inner, (i, depth, opens) -> {
                    if (opens && depth == 0 && i > last[0] + 1 && inner.charAt(i - 1) == ' '
                            && closesFactor(inner.substring(last[0], i - 1))
                            && (inner.startsWith("\\left(", i) || inner.startsWith("\\begin{pmatrix}", i))) {
                        factors.add(inner.substring(last[0], i - 1));
                        last[0] = i;
                    }
                });
                factors.add(inner.substring(last[0]));
                if (factors.size() < 2 || end != 0) {
                    out.add(p);
                    continue;
                }
                for (int k = 0; k < factors.size(); k++) {
                    String o = k == 0 ? lead + open : (open.isEmpty() ? "" : "\\left.") + "\\cdot ";
                    String c = k == factors.size() - 1 ? close : close.isEmpty() ? "" : "\\right.";
                    out.add(o + factors.get(k).trim() + c);
                }
            }
            return out;
        }

        /** What {@link #nesting} calls at each index it does not skip. */
        private interface AtDepth {
            /**
             * @param i the index
             * @param depth the nesting depth there (before the group a {@code \left} or {@code \begin} at i opens)
             * @param opens whether a {@code \left} or {@code \begin} starts at i
             */
            void at(int i, int depth, boolean opens);
        }

        /**
         * Walks a formula's nesting — {@code \left} and {@code \begin} open a level, {@code \right}
         * and {@code \end} close one, as braces do — and calls {@code at} at every index but those
         * inside these four words and the braces. Returns the depth at the end, or −1 when a
         * {@code \right} or {@code \end} closed more than was open.
         */
        private static int nesting(String tex, AtDepth at) {
            int depth = 0;
            boolean pair = true;
            for (int i = 0; i < tex.length(); i++) {
                if (tex.startsWith("\\left", i) || tex.startsWith("\\begin", i)) {
                    at.at(i, depth, true);
                    depth++;
                    i += 4;
                } else if (tex.startsWith("\\right", i) || tex.startsWith("\\end", i)) {
                    depth--;
                    pair &= depth >= 0;
                    i += 3;
                } else if (tex.charAt(i) == '{') {
                    depth++;
                } else if (tex.charAt(i) == '}') {
                    depth--;
                } else {
                    at.at(i, depth, false);
                }
            }
            return pair ? depth : -1;
        }

        /** Whether a term ends with a closed matrix or parenthesis (perhaps transposed): a factor a product can break after. */
        private static boolean closesFactor(String term) {
            String t = term.trim();
            if (t.endsWith("^\\top")) {
                t = t.substring(0, t.length() - "^\\top".length());
            }
            return t.endsWith("\\right)") || t.endsWith("\\end{pmatrix}");
        }

        private static java.awt.image.BufferedImage shrink(java.awt.image.BufferedImage img, double w) {
            int nw = (int) Math.floor(w);
            int nh = Math.max(1, (int) Math.round(img.getHeight() * (double) nw / img.getWidth()));
            java.awt.image.BufferedImage out = new java.awt.image.BufferedImage(nw, nh,
                    java.awt.image.BufferedImage.TYPE_INT_ARGB_PRE);
            java.awt.Graphics2D g = out.createGraphics();
            try {
                g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
                        java.awt.RenderingHints.VALUE_INTERPOLATION_BICUBIC);
                g.setRenderingHint(java.awt.RenderingHints.KEY_RENDERING, java.awt.RenderingHints.VALUE_RENDER_QUALITY);
                g.drawImage(img, 0, 0, nw, nh, null);
            } finally {
                g.dispose();
            }
            return out;
        }

        /** Every value the event reads and its result, in full (the numbers the equation shortens). */
        private String fullValues(Session s, Event e, double[][] result) {
            StringBuilder sb = new StringBuilder();
            int at = e.index();
            for (Ref ref : e.reads()) {
                Node node = ref.node();
                double[][] m;
                if (node.isParameter()) {
                    m = s.values().matrix(node);
                } else if (ref.isDelta()) {
                    double[] d = s.deltaAt(node, at);
                    m = d == null ? null : columnOf(d);
                } else {
                    double[] x = s.values().value(node);
                    m = x == null ? null : columnOf(x);
                }
                if (m == null) {
                    continue;
                }
                sb.append(ref.isDelta() ? "δ " : "").append(label(s, node)).append('\n');
                sb.append(numbers(m)).append("\n\n");
            }
            sb.append("= ").append(MainViewModel.eventLabel(e, r.notation(), s.graph().config())).append('\n');
            // a hidden result (predict, then reveal) is not in the window either
            sb.append(result == null ? "?" : numbers(result)).append('\n');
            return sb.toString();
        }

        private static double[][] columnOf(double[] x) {
            double[][] m = new double[x.length][];
            for (int i = 0; i < x.length; i++) {
                m[i] = new double[] {x[i]};
            }
            return m;
        }

        private static String numbers(double[][] m) {
            return m.length > 0 && m[0].length == 1 ? Numbers.column(column(m)) : Numbers.matrix(m);
        }

        private void showParameter(Session s, Cursor c, Node p) {
            v.title = label(s, p) + "  (" + p.key() + ")";
            v.subtitle = text("graph.params");
            v.mapping = mappingLine(s, List.of(p));
            double[][] m = s.values().matrix(p);
            v.matrix = m;
            v.scale = s.parameterScale();
            v.valuesText = Numbers.matrix(m);
            v.valuesHeader = text("inspector.matrix", label(s, p), m.length, m.length == 0 ? 0 : m[0].length);
            v.fullValues = label(s, p) + "\n" + Numbers.matrix(m) + "\n";
            int upTo = 0;
            for (Event e : s.schedule().events()) {
                if (e.index() > c.position() || r.hidden() && e.index() == c.position()) {
                    break;
                }
                if (e.phase() == Phase.GRADIENT && e.node().equals(p)) {
                    upTo = e.step();
                }
            }
            if (upTo > 0) {
                showTerms(s, p, upTo, false);
            }
        }

        private void showTerms(Session s, Node p, int upTo, boolean hideLast) {
            List<TermRow> rows = new ArrayList<>();
            double[][] acc = null;
            double[][] shownSum = null;
            java.util.Map<Integer, List<Node>> byStep = factorsOf(s, p);
            TermLabels labels = TermLabels.of(s, p, byStep.get(1), r.notation());
            for (int t = 1; t <= upTo; t++) {
                List<Node> factors = byStep.getOrDefault(t, List.of());
                String name = termName(s, factors);
                if (hideLast && t == upTo) {
                    rows.add(new TermRow(t, Double.NaN, Double.NaN, true, null, null, "?", "?", factors, name));
                    break;
                }
                double[][] term = s.values().gradientTerm(p, t);
                if (acc == null) {
                    acc = copy(term);
                } else {
                    for (int i = 0; i < acc.length; i++) {
                        for (int k = 0; k < acc[i].length; k++) {
                            acc[i][k] += term[i][k];
                        }
                    }
                }
                shownSum = acc;
                double[][] sumNow = copy(acc);
                rows.add(new TermRow(t, norm(term), norm(acc), t == upTo, term, sumNow, labels.format(term),
                        labels.format(sumNow), factors, name));
            }
            int last = hideLast ? upTo - 1 : upTo;
            v.terms = List.copyOf(rows);
            v.sum = shownSum == null ? new double[0][] : shownSum;
            v.sumText = shownSum == null ? "" : Numbers.matrix(shownSum);
            v.showsTerms = true;
            v.termsHeader = text("inspector.terms", label(s, p));
            v.sumHeader = last < 1 ? "" : text("inspector.gradient", label(s, p)) + "  (t = 1.." + last + ")";
        }

        /** By step, the two factors each step's term of a parameter reads (its gradient event's nodes). */
        private static java.util.Map<Integer, List<Node>> factorsOf(Session s, Node p) {
            java.util.Map<Integer, List<Node>> m = new java.util.HashMap<>();
            List<Event> es = s.schedule().events();
            for (int i = Math.max(0, s.schedule().firstIndexOf(Phase.GRADIENT)); i < es.size(); i++) {
                Event e = es.get(i);
                if (e.phase() == Phase.GRADIENT && e.node().equals(p)) {
                    List<Node> out = new ArrayList<>();
                    for (Ref ref : e.reads()) {
                        if (!ref.node().isParameter()) {
                            out.add(ref.node());
                        }
                    }
                    m.put(e.step(), List.copyOf(out));
                }
            }
            return m;
        }

        /** A term's name from its two factors: δ p(5) · h(4)ᵀ (a bias's: δ p(5)). */
        private String termName(Session s, List<Node> factors) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < factors.size(); i++) {
                String l = MainViewModel.nodeLabel(factors.get(i), r.notation(), s.graph().config());
                sb.append(i == 0 ? "δ " + l : " · " + l + "ᵀ");
            }
            return sb.toString();
        }

        private static double[][] copy(double[][] m) {
            double[][] c = new double[m.length][];
            for (int i = 0; i < m.length; i++) {
                c[i] = m[i].clone();
            }
            return c;
        }

        private String readsText(Session s, List<Ref> refs) {
            StringBuilder sb = new StringBuilder();
            for (Ref ref : refs) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(ref.isDelta() ? "δ " : "").append(label(s, ref.node()));
            }
            return sb.toString();
        }

        /** A node's label in the notation shown. */
        private String label(Session s, Node n) {
            return MainViewModel.nodeLabel(n, r.notation(), s.graph().config());
        }

        /** The mapping line of the first of these parameters that has one, or empty. */
        private String mappingLine(Session s, List<Node> params) {
            Notation n = r.notation();
            ModelConfig cfg = s.graph().config();
            for (Node p : params) {
                if (p.isParameter()) {
                    var m = n.mapping(cfg, p.key());
                    if (m.isPresent()) {
                        return m.get().format(r.bundle());
                    }
                }
            }
            return "";
        }
    }

    /** The latest event at or before the cursor that computed the picked node, or null. */
    private static Event eventFor(Session s, Cursor c, Node n) {
        Schedule sch = s.schedule();
        int pos = c.position();
        Event best = null;
        for (boolean delta : new boolean[] {false, true}) {
            int first = sch.firstIndexOf(n, delta);
            if (first < 0 || first > pos) {
                continue;
            }
            int last = sch.lastIndexOf(n, delta);
            int idx = first;
            for (int i = Math.min(last, pos); i >= first; i--) {
                Event ev = sch.event(i);
                if (ev.node().equals(n) && ev.isDelta() == delta) {
                    idx = i;
                    break;
                }
            }
            best = sch.event(idx);
        }
        return best;
    }

    private static List<Node> parametersRead(Event e) {
        List<Node> ps = new ArrayList<>();
        for (Ref r : e.reads()) {
            if (r.node().isParameter() && !ps.contains(r.node())) {
                ps.add(r.node());
            }
        }
        return ps;
    }

    static double norm(double[][] m) {
        double s = 0;
        for (double[] r : m) {
            for (double v : r) {
                s += v * v;
            }
        }
        return Math.sqrt(s);
    }

    static double[] column(double[][] m) {
        double[] v = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            v[i] = m[i][0];
        }
        return v;
    }

    /** The bundle of the moment (for the controller's column titles). */
    ResourceBundle bundle() {
        return main.getBundle();
    }
}
