package org.unroll.ui.gradcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.unroll.engine.Case;
import org.unroll.engine.GradCheck;
import org.unroll.engine.Message;
import org.unroll.engine.ParamSpec;
import org.unroll.graph.Node;
import org.unroll.session.Background;
import org.unroll.session.Latest;
import org.unroll.ui.MainViewModel;
import org.unroll.ui.common.LocalText;
import org.unroll.view.Session;

/**
 * The gradient-check panel: for the case shown, each parameter's analytic gradient (BPTT) beside
 * central differences, their errors and a verdict, worked out by {@link GradCheck} — the same
 * computation and thresholds as the command line's {@code gradcheck} — on a worker of its own, with
 * progress and cancel; worked out again when the case changes (an edit) while the panel is open.
 */
public final class GradCheckViewModel {

    /**
     * One parameter's row.
     *
     * @param key the case-file name
     * @param label its label in the notation shown
     * @param rows rows of the case matrix
     * @param cols columns (1 for a vector)
     * @param vector whether it is a vector (one index)
     * @param entry GradCheck's comparison of it
     */
    public record ParamRow(String key, String label, int rows, int cols, boolean vector, GradCheck.Entry entry) {

        public boolean passes() {
            return entry.passes();
        }

        /** An element's place: {@code [1,0]} for a matrix, {@code [2]} for a vector. */
        public String index(GradCheck.Element e) {
            return vector ? "[" + e.row() + "]" : "[" + e.row() + "," + e.col() + "]";
        }
    }

    /** What works out a check (GradCheck's in the app; a test may judge a deliberately wrong gradient). */
    @FunctionalInterface
    public interface Checker {
        List<GradCheck.Entry> check(Case c, double eps, GradCheck.Progress progress);
    }

    /** Above this many forward steps (2 × entries × T) the panel says the check will take a while. */
    public static final long SLOW_STEPS = 4_000_000L;

    private final MainViewModel main;
    private final Latest checks;
    private final Executor ui;
    private final Checker checker;
    private final ObservableList<ParamRow> rows = FXCollections.observableArrayList();
    private final ObservableList<ParamRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyObjectWrapper<Boolean> verdict = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<String> focused = new ReadOnlyObjectWrapper<>();
    private final LocalText summary;
    private final LocalText note;
    private final LocalText settings;
    private AtomicBoolean stop = new AtomicBoolean();
    private boolean open;
    private Session checked;
    private final double eps = GradCheck.DEFAULT_EPS;

    /**
     * @param main the window's state (the case shown, the notation, the language)
     * @param worker where the check runs (a thread of its own in the app)
     * @param ui runs code on the JavaFX thread (the progress)
     */
    public GradCheckViewModel(MainViewModel main, Background worker, Executor ui) {
        this(main, worker, ui, GradCheck::check);
    }

    /** @param checker what works out the comparison (a test's may inject a wrong gradient) */
    public GradCheckViewModel(MainViewModel main, Background worker, Executor ui, Checker checker) {
        this.main = main;
        this.checks = new Latest(worker);
        this.ui = ui;
        this.checker = checker;
        this.summary = new LocalText(main.bundleProperty());
        this.note = new LocalText(main.bundleProperty());
        this.settings = new LocalText(main.bundleProperty());
        settings.set("gradcheck.settings", sci(eps), sci(GradCheck.ABS_TOLERANCE), sci(GradCheck.REL_TOLERANCE));
        main.sessionProperty().addListener((o, a, s) -> {
            if (open) {
                start();
            }
        });
        main.notationProperty().addListener((o, a, n) -> relabel());
    }

    /** One row per parameter once a check has finished (empty while it runs). */
    public ObservableList<ParamRow> rows() {
        return rowsView;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** How far the check is, 0..1. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** Whether every parameter passes (null: no finished check). */
    public ReadOnlyObjectProperty<Boolean> verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    /** The overall verdict in a line, or what is going on. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.property();
    }

    /** A note: the check will be slow, was cancelled, truncated BPTT is not what is checked; or empty. */
    public ReadOnlyStringProperty noteProperty() {
        return note.property();
    }

    /** ε and the thresholds, in a line. */
    public ReadOnlyStringProperty settingsProperty() {
        return settings.property();
    }

    /** The parameter to show opened (from the inspector), or null. */
    public ReadOnlyObjectProperty<String> focusedProperty() {
        return focused.getReadOnlyProperty();
    }

    /** The step ε of the central differences. */
    public double eps() {
        return eps;
    }

    /**
     * The panel opened (or brought to the front) at a parameter: checks the case shown unless the
     * finished or running check is of it.
     *
     * @param parameter the case-file name to open, or null
     */
    public void open(String parameter) {
        open = true;
        focused.set(parameter);
        if (main.getSession() != checked || (!running.get() && rows.isEmpty())) {
            start();
        }
    }

    /** The panel closed: a check under way stops. */
    public void close() {
        open = false;
        cancel();
    }

    /** Checks the case shown again, from the start. */
    public void start() {
        Session s = main.getSession();
        stop.set(true);
        checks.cancel();
        rows.clear();
        verdict.set(null);
        checked = s;
        if (s == null) {
            running.set(false);
            summary.set("gradcheck.none");
            note.setPlain("");
            return;
        }
        Case c = s.kase();
        long entries = GradCheck.size(c);
        long steps = 2 * entries * c.sequence().length();
        if (steps > SLOW_STEPS) {
            note.set("gradcheck.slow", String.valueOf(entries), String.valueOf(c.sequence().length()));
        } else if (c.truncate() != null && c.truncate() < c.sequence().length()) {
            note.set("gradcheck.truncated", String.valueOf(c.truncate()));
        } else {
            note.setPlain("");
        }
        AtomicBoolean halt = new AtomicBoolean();
        stop = halt;
        AtomicLong shownPercent = new AtomicLong(-1);
        progress.set(0);
        running.set(true);
        summary.set("gradcheck.running", String.valueOf(entries));
        GradCheck.Progress tell = (done, total) -> {
            long pc = total == 0 ? 100 : done * 100 / total;
            if (shownPercent.getAndSet(pc) != pc) {
                double f = total == 0 ? 1 : (double) done / total;
                ui.execute(() -> {
                    if (stop == halt) {
                        progress.set(f);
                    }
                });
            }
            return !halt.get();
        };
        checks.submit(() -> checker.check(c, eps, tell), result -> {
            running.set(false);
            progress.set(1);
            show(s, result);
        }, err -> {
            running.set(false);
            if (err instanceof CancellationException) {
                summary.set("gradcheck.cancelled");
            } else {
                summary.setMessage(Message.from(err)); // an engine message in the language shown (ADR 0044)
            }
        });
    }

    /** Stops the check under way (its result never arrives). */
    public void cancel() {
        if (!running.get()) {
            return;
        }
        stop.set(true);
        checks.cancel();
        running.set(false);
        summary.set("gradcheck.cancelled");
    }

    private void show(Session s, List<GradCheck.Entry> result) {
        List<ParamRow> out = new ArrayList<>();
        int failing = 0;
        for (GradCheck.Entry e : result) {
            ParamSpec p = s.kase().weights().layout().param(e.name());
            out.add(new ParamRow(e.name(), label(s, e.name()), p.rows(), p.cols(), p.vector(), e));
            if (!e.passes()) {
                failing++;
            }
        }
        rows.setAll(out);
        verdict.set(failing == 0);
        summary.set(failing == 0 ? "gradcheck.pass" : "gradcheck.fail", String.valueOf(out.size()), String.valueOf(failing));
    }

    private void relabel() {
        Session s = checked;
        if (s == null || rows.isEmpty()) {
            return;
        }
        List<ParamRow> out = new ArrayList<>();
        for (ParamRow r : rows) {
            out.add(new ParamRow(r.key(), label(s, r.key()), r.rows(), r.cols(), r.vector(), r.entry()));
        }
        rows.setAll(out);
    }

    private String label(Session s, String key) {
        Node n = s.graph().parameter(key);
        return n == null ? key : MainViewModel.nodeLabel(n, main.getNotation(), s.graph().config());
    }

    /** A number in scientific notation as the panel writes it ({@code 1e-06}, {@code 3.2e-09}). */
    public static String sci(double v) {
        if (v == 0) {
            return "0";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "−∞";
        }
        if (Double.isNaN(v)) {
            return "NaN";
        }
        return String.format(java.util.Locale.ROOT, "%.2e", v);
    }
}
