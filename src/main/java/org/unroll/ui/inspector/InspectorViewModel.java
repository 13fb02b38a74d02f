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

/**
 * The inspector: the current event's node (or a node the user clicked) as numbers and colours, the
 * event's equation in symbols and with the numbers substituted (LaTeX from the schedule), what it
 * reads, and for a parameter its per-step gradient terms with their running sum. Everything is
 * derived from the main view-model's session, cursor and selection.
 */
public final class InspectorViewModel {

    /** One row of the gradient table: step t's term and the sum of the terms 1..t (Frobenius norms). */
    public record TermRow(int step, double termNorm, double sumNorm, boolean current) {
    }

    private final MainViewModel main;
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

    /** The cursor position the inspector shows (−1: before the first event). */
    public int shownIndex() {
        return shownIndex;
    }

    public InspectorViewModel(MainViewModel main) {
        this.main = main;
        main.cursorProperty().addListener((o, a, b) -> update());
        main.selectedProperty().addListener((o, a, b) -> update());
        main.bundleProperty().addListener((o, a, b) -> update());
        main.notationProperty().addListener((o, a, b) -> update());
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

    private String text(String key, Object... args) {
        return Messages.format(main.getBundle(), key, args);
    }

    private void clear() {
        equation.set("");
        substituted.set("");
        mapping.set("");
        note.set("");
        reads.set("");
        valuesHeader.set("");
        valuesText.set("");
        matrix.set(new double[0][]);
        showsTerms.set(false);
        terms.clear();
        sum.set(new double[0][]);
        sumText.set("");
        termsHeader.set("");
        sumHeader.set("");
    }

    private void update() {
        long t0 = org.unroll.ui.common.FrameProbe.start();
        try {
            doUpdate();
        } finally {
            org.unroll.ui.common.FrameProbe.end("fx: inspector view-model", t0);
        }
    }

    private void doUpdate() {
        Session s = main.getSession();
        Cursor c = main.getCursor();
        shownIndex = c == null ? -1 : c.position();
        clear();
        if (s == null || c == null) {
            title.set("");
            subtitle.set(text("inspector.none"));
            return;
        }
        Node picked = main.selectedProperty().get();
        Event e = picked == null ? c.current().orElse(null) : eventFor(s, c, picked);
        if (picked != null && picked.isParameter() && (e == null || e.phase() != Phase.GRADIENT)) {
            showParameter(s, c, picked);
            return;
        }
        if (e == null) {
            if (picked != null) {
                title.set(label(s, picked));
                subtitle.set(text("graph.legend.notComputed"));
            } else {
                title.set("");
                subtitle.set(text("inspector.none"));
            }
            return;
        }
        Notation n = main.getNotation();
        ModelConfig cfg = s.graph().config();
        title.set(MainViewModel.eventLabel(e, n, cfg));
        subtitle.set(main.phaseName(e.phase()) + "  ·  " + (e.index() + 1) + " / " + s.schedule().size());
        equation.set(e.equation(n));
        substituted.set(e.substituted(n));
        mapping.set(mappingLine(s, e.phase() == Phase.GRADIENT ? List.of(e.node()) : parametersRead(e)));
        if (n == Notation.BOOK && cfg.cell() == CellType.RNN
                && (e.isDelta() && e.node().kind() == NodeKind.PRE || e.equation().contains("e_h"))) {
            note.set(text("inspector.note.eh"));
        }
        reads.set(text("inspector.reads") + ": " + readsText(s, e.reads()));
        double[][] v = e.value();
        matrix.set(v);
        valuesText.set(v.length > 0 && v[0].length == 1 ? Numbers.column(column(v)) : Numbers.matrix(v));
        switch (e.phase()) {
            case FORWARD -> {
                valuesHeader.set(text("inspector.values"));
                scale.set(s.valueScale());
            }
            case LOSS -> {
                valuesHeader.set(text("inspector.values"));
                scale.set(new ColorScale(Math.abs(v[0][0])));
            }
            case BACKWARD -> {
                valuesHeader.set(text("inspector.deltas"));
                scale.set(s.deltaScale());
            }
            case GRADIENT -> {
                valuesHeader.set(text("inspector.matrix", "∂E/∂" + label(s, e.node()) + " (t = " + e.step() + ")",
                        v.length, v.length == 0 ? 0 : v[0].length));
                scale.set(ColorScale.fitting(java.util.Arrays.asList(v)));
                showTerms(s, e.node(), e.step());
            }
            default -> throw new IllegalStateException();
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

    private void showParameter(Session s, Cursor c, Node p) {
        title.set(label(s, p) + "  (" + p.key() + ")");
        subtitle.set(text("graph.params"));
        mapping.set(mappingLine(s, List.of(p)));
        double[][] m = s.values().matrix(p);
        matrix.set(m);
        scale.set(s.parameterScale());
        valuesText.set(Numbers.matrix(m));
        valuesHeader.set(text("inspector.matrix", label(s, p), m.length, m.length == 0 ? 0 : m[0].length));
        int upTo = 0;
        for (Event e : s.schedule().events()) {
            if (e.index() > c.position()) {
                break;
            }
            if (e.phase() == Phase.GRADIENT && e.node().equals(p)) {
                upTo = e.step();
            }
        }
        if (upTo > 0) {
            showTerms(s, p, upTo);
        }
    }

    private void showTerms(Session s, Node p, int upTo) {
        List<TermRow> rows = new ArrayList<>();
        double[][] acc = null;
        for (int t = 1; t <= upTo; t++) {
            double[][] term = s.values().gradientTerm(p, t);
            if (acc == null) {
                acc = term;
            } else {
                for (int r = 0; r < acc.length; r++) {
                    for (int k = 0; k < acc[r].length; k++) {
                        acc[r][k] += term[r][k];
                    }
                }
            }
            rows.add(new TermRow(t, norm(term), norm(acc), t == upTo));
        }
        terms.setAll(rows);
        sum.set(acc == null ? new double[0][] : acc);
        sumText.set(acc == null ? "" : Numbers.matrix(acc));
        showsTerms.set(true);
        termsHeader.set(text("inspector.terms", label(s, p)));
        sumHeader.set(text("inspector.gradient", label(s, p)) + "  (t = 1.." + upTo + ")");
    }

    private String readsText(Session s, List<Ref> refs) {
        StringBuilder sb = new StringBuilder();
        for (Ref r : refs) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(r.isDelta() ? "δ " : "").append(label(s, r.node()));
        }
        return sb.toString();
    }

    /** A node's label in the notation shown. */
    private String label(Session s, Node n) {
        return MainViewModel.nodeLabel(n, main.getNotation(), s.graph().config());
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

    /** The mapping line of the first of these parameters that has one, or empty. */
    private String mappingLine(Session s, List<Node> params) {
        Notation n = main.getNotation();
        ModelConfig cfg = s.graph().config();
        for (Node p : params) {
            if (p.isParameter()) {
                var m = n.mapping(cfg, p.key());
                if (m.isPresent()) {
                    return m.get().format(main.getBundle());
                }
            }
        }
        return "";
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
