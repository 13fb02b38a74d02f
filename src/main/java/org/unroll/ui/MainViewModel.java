package org.unroll.ui;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.unroll.engine.AtomicFile;
import org.unroll.engine.Case;
import org.unroll.engine.CaseException;
import org.unroll.engine.CaseFile;
import org.unroll.engine.Message;
import org.unroll.graph.Node;
import org.unroll.graph.Notation;
import org.unroll.schedule.Cursor;
import org.unroll.schedule.Event;
import org.unroll.schedule.Phase;
import org.unroll.session.Background;
import org.unroll.session.DemoCase;
import org.unroll.session.Latest;
import org.unroll.ui.common.RecentFiles;
import org.unroll.view.Frame;
import org.unroll.view.Messages;
import org.unroll.view.Presentation;
import org.unroll.view.Session;

/**
 * The main window's state: the session being stepped through, the cursor in its schedule, the
 * language, playback, the recent files, and what the status bar says. Every change of the session
 * goes through the {@link Background}: the JavaFX thread only swaps in finished, immutable
 * sessions. Test it without a stage by giving it {@link Background#synchronous()}.
 */
public final class MainViewModel {

    /** How far one step forward or back goes. */
    public enum Granularity {
        /** One event: one node's value or error. */
        NODE,
        /** One cell: the rest of the current run of events (a time step's cell). */
        CELL,
        /** One time step: to the start of the next run. */
        STEP
    }

    /** A problem to show in a dialog. */
    public record Problem(String title, String header, String message) {
    }

    /** The slowest and fastest playback, events per second. */
    public static final double MIN_SPEED = 0.5;
    public static final double MAX_SPEED = 30;

    private final Background background;
    private final RecentFiles recentStore;
    private final ReadOnlyObjectWrapper<Session> session = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Cursor> cursor = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Frame> frame = new ReadOnlyObjectWrapper<>(Frame.empty());
    private final ReadOnlyObjectWrapper<Node> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Locale> locale = new ReadOnlyObjectWrapper<>(Locale.ENGLISH);
    private final ReadOnlyObjectWrapper<ResourceBundle> bundle = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Notation> notation = new ReadOnlyObjectWrapper<>(Notation.BOOK);
    private final ReadOnlyObjectWrapper<Presentation> presentation = new ReadOnlyObjectWrapper<>(Presentation.DESKTOP);
    private final BooleanProperty spotlight = new SimpleBooleanProperty(false);
    /** Predict, then reveal: each event's result hidden until revealed (View ▸ Presentation, Ctrl+Shift+P). */
    private final BooleanProperty predict = new SimpleBooleanProperty(false);
    /** Whether the current event's result is hidden now. */
    private final ReadOnlyBooleanWrapper hidden = new ReadOnlyBooleanWrapper(false);
    /** The gradient term whose two factors the graph marks (the inspector's selected row), or null. */
    private final ReadOnlyObjectWrapper<java.util.List<Node>> marked = new ReadOnlyObjectWrapper<>(java.util.List.of());
    private final javafx.beans.property.IntegerProperty presentationScreen =
            new javafx.beans.property.SimpleIntegerProperty(-1);
    private final ReadOnlyStringWrapper phaseText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper eventText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper nodeText = new ReadOnlyStringWrapper("");
    /** What the status bar says, in the language shown (formatted again when it changes). */
    private final org.unroll.ui.common.LocalText message = new org.unroll.ui.common.LocalText(bundle);
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final BooleanProperty playing = new SimpleBooleanProperty(false);
    private final DoubleProperty speed = new SimpleDoubleProperty(4);
    private final ObjectProperty<Granularity> granularity = new SimpleObjectProperty<>(Granularity.NODE);
    private final BooleanProperty rolled = new SimpleBooleanProperty(false);
    private final BooleanProperty animated = new SimpleBooleanProperty(true);
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    private final ObservableList<Path> recentView = FXCollections.unmodifiableObservableList(recent);
    private Consumer<Problem> onProblem = p -> { };
    private final java.util.function.Function<String, Background> workers;
    private final java.util.Map<String, Background> workerByName = new java.util.HashMap<>();
    private boolean aheadOfTime = true;
    /** Work ahead of time waits from a step until the frame showing it is rendered (ADR 0040). */
    private final org.unroll.ui.common.AheadGate aheadGate = new org.unroll.ui.common.AheadGate(javafx.application.Platform::runLater);
    /** The newest load of a session; a newer one cancels it, so an older session never replaces a newer. */
    private final Latest loads;
    private boolean loading;
    private int saving;
    /** The newest edit, undo or redo being computed; a newer one, or a load, supersedes it. */
    private final Latest edits;
    private final Editing editing = new Editing();

    public MainViewModel(Background background, RecentFiles recentStore, Locale initial) {
        this(background, recentStore, initial, name -> background);
        aheadOfTime = false;
    }

    /**
     * @param workers makes the worker of one kind of drawing work by name (the graph's painting,
     *                the inspector's typesetting), each asked for once: in the app a thread of its
     *                own, so that stepping never waits behind a load; in tests the same synchronous
     *                background
     */
    public MainViewModel(Background background, RecentFiles recentStore, Locale initial,
                         java.util.function.Function<String, Background> workers) {
        this.workers = workers;
        this.background = background;
        this.loads = new Latest(background);
        this.edits = new Latest(background);
        this.recentStore = recentStore;
        recent.setAll(recentStore.load());
        setLanguage(initial);
        speed.addListener((o, a, b) -> {
            if (b.doubleValue() < MIN_SPEED || b.doubleValue() > MAX_SPEED) {
                speed.set(Math.max(MIN_SPEED, Math.min(MAX_SPEED, b.doubleValue())));
            }
        });
        message.set("status.ready");
        cursor.addListener((o, a, c) -> {
            if (aheadOfTime) {
                aheadGate.hold();
            }
        });
        predict.addListener((o, a, on) -> {
            if (!on && hidden.get()) {
                reveal();
            }
        });
    }

    /**
     * The worker of one kind of drawing work (made on first use, then the same one): what the
     * views paint and typeset on, off the JavaFX thread. Call it on the JavaFX thread.
     *
     * @param name the kind of work, e.g. {@code unroll-graph-painter}
     */
    public Background worker(String name) {
        return workerByName.computeIfAbsent(name, workers);
    }

    /**
     * Whether the views prepare the next events ahead of time on their workers (the graph's next
     * picture, the inspector's next snapshots): yes with workers of their own, no when everything
     * runs on the calling thread (tests), where it would only be work done for nothing.
     */
    public boolean preparesAhead() {
        return aheadOfTime;
    }

    /**
     * What the work ahead of time waits for: the frame that shows a step rendered (ADR 0040);
     * the window attaches it to its scene.
     */
    public org.unroll.ui.common.AheadGate aheadGate() {
        return aheadGate;
    }

    // ---- properties ----

    public ReadOnlyObjectProperty<Session> sessionProperty() {
        return session.getReadOnlyProperty();
    }

    public Session getSession() {
        return session.get();
    }

    public ReadOnlyObjectProperty<Cursor> cursorProperty() {
        return cursor.getReadOnlyProperty();
    }

    public Cursor getCursor() {
        return cursor.get();
    }

    /** What the graph draws at the cursor. */
    public ReadOnlyObjectProperty<Frame> frameProperty() {
        return frame.getReadOnlyProperty();
    }

    /** A node the user clicked, shown in the inspector until the next step; null: the event's node. */
    public ReadOnlyObjectProperty<Node> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Locale> localeProperty() {
        return locale.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ResourceBundle> bundleProperty() {
        return bundle.getReadOnlyProperty();
    }

    public ResourceBundle getBundle() {
        return bundle.get();
    }

    /**
     * The notation every feature shows its symbols in (View ▸ Notation): the graph's labels and
     * legend, the inspector's equations, the plots' legends, exports. Switching it relabels; the
     * engine computes nothing again.
     */
    public ReadOnlyObjectProperty<Notation> notationProperty() {
        return notation.getReadOnlyProperty();
    }

    public Notation getNotation() {
        return notation.get();
    }

    /** Shows every symbol in a notation (null: the book's). */
    public void setNotation(Notation n) {
        notation.set(n == null ? Notation.BOOK : n);
        updateTexts();
    }

    /**
     * How the picture is dressed for a room (View ▸ Presentation): type size, high contrast, log
     * colours for errors. Every view reads it; nothing is recomputed when it changes.
     */
    public ReadOnlyObjectProperty<Presentation> presentationProperty() {
        return presentation.getReadOnlyProperty();
    }

    public Presentation getPresentation() {
        return presentation.get();
    }

    /** Dresses the picture for a room (null: the desktop's). */
    public void setPresentation(Presentation p) {
        presentation.set(p == null ? Presentation.DESKTOP : p);
    }

    /** One type size step larger (stays at the largest). */
    public void largerType() {
        setPresentation(getPresentation().withTypeSize(getPresentation().typeSize() + 1));
    }

    /** One type size step smaller (stays at the desktop's). */
    public void smallerType() {
        setPresentation(getPresentation().withTypeSize(getPresentation().typeSize() - 1));
    }

    /**
     * Predict, then reveal (View ▸ Presentation ▸ Predict, then reveal; Ctrl+Shift+P): when on,
     * each event the cursor moves on to shows its equation with the inputs' numbers and its result
     * blank, in the inspector and on the graph, until {@link #reveal()} (R, or the next "next").
     * Turning it off reveals the current event.
     */
    public BooleanProperty predictProperty() {
        return predict;
    }

    /** Whether the current event's result is hidden (predict mode, not revealed yet). */
    public ReadOnlyBooleanProperty hiddenProperty() {
        return hidden.getReadOnlyProperty();
    }

    public boolean isHidden() {
        return hidden.get();
    }

    /** Reveals the current event's result (R; a "next" press in predict mode does it first). */
    public void reveal() {
        Session s = session.get();
        Cursor c = cursor.get();
        if (!hidden.get() || s == null || c == null) {
            return;
        }
        hidden.set(false);
        frame.set(s.frame(c.position()).marking(marked.get()));
    }

    /** The nodes the graph marks as a selected gradient term's factors (empty: none). */
    public ReadOnlyObjectProperty<java.util.List<Node>> markedProperty() {
        return marked.getReadOnlyProperty();
    }

    /**
     * Marks nodes on the graph — the two factors of the gradient term selected in the inspector
     * (e_h(t) and x(t) or h(t−1)) — until the cursor moves (an empty list or null: none).
     */
    public void mark(java.util.List<Node> nodes) {
        java.util.List<Node> m = nodes == null ? java.util.List.of() : java.util.List.copyOf(nodes);
        if (m.equals(marked.get())) {
            return;
        }
        marked.set(m);
        frame.set(frame.get().marking(m));
    }

    /** Whether the presenter's spotlight follows the mouse (View ▸ Presentation ▸ Spotlight, L). */
    public BooleanProperty spotlightProperty() {
        return spotlight;
    }

    /**
     * The screen full screen goes to (F5, F11): an index into the screens, or −1 for the screen the
     * window is on (View ▸ Presentation ▸ Full screen on).
     */
    public javafx.beans.property.IntegerProperty presentationScreenProperty() {
        return presentationScreen;
    }

    public ReadOnlyStringProperty phaseTextProperty() {
        return phaseText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty eventTextProperty() {
        return eventText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty nodeTextProperty() {
        return nodeText.getReadOnlyProperty();
    }

    /** The last thing that happened (opened, saved, computing …). */
    public ReadOnlyStringProperty messageProperty() {
        return message.property();
    }

    /** The window title. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** Whether engine work is running. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Whether playback runs (the view's clock calls {@link #tick()}). */
    public BooleanProperty playingProperty() {
        return playing;
    }

    /** Playback speed in events per second, {@value #MIN_SPEED}..{@value #MAX_SPEED}. */
    public DoubleProperty speedProperty() {
        return speed;
    }

    public ObjectProperty<Granularity> granularityProperty() {
        return granularity;
    }

    /** Whether the graph is shown rolled (one cell with its loop) instead of unrolled. */
    public BooleanProperty rolledProperty() {
        return rolled;
    }

    /** Whether steps are animated (off: the picture jumps). */
    public BooleanProperty animatedProperty() {
        return animated;
    }

    /** The recent files, newest first (read-only). */
    public ObservableList<Path> recentFiles() {
        return recentView;
    }

    /** Where problems go (the window shows a dialog). */
    public void setOnProblem(Consumer<Problem> c) {
        onProblem = c == null ? p -> { } : c;
    }

    /** How long the picture takes to move from one event to the next, in ms. */
    public double animationMillis() {
        return animated.get() ? Math.min(450, 800 / speed.get()) : 0;
    }

    // ---- language ----

    public void setLanguage(Locale l) {
        Locale s = Messages.supported(l);
        bundle.set(Messages.bundle(s));
        locale.set(s);
        updateTexts();
    }

    /** Shows a message in the status bar as it is (not from the bundle: it stays when the language changes). */
    public void showMessage(String m) {
        message.setPlain(m);
    }

    /** Shows a bundle text in the status bar; it follows the language. */
    public void showText(String key, Object... args) {
        message.set(key, args);
    }

    /** Shows a text made from the bundle in the status bar; it is made again when the language changes. */
    public void showText(java.util.function.Function<ResourceBundle, String> f) {
        message.show(f);
    }

    /** Shows a problem in a dialog. */
    public void report(Problem p) {
        onProblem.accept(p);
    }

    public String text(String key, Object... args) {
        return Messages.format(bundle.get(), key, args);
    }

    // ---- loading ----

    /** Trains the default demo (the book's noisy sine, simple RNN, T = 25) and shows it. */
    public void loadDemo() {
        load(DemoCase::create, null, "status.training", () -> { });
    }

    /** Opens a built-in case ({@code builtin:mini-lstm}, see {@link org.unroll.session.BuiltinCases}). */
    public void openBuiltin(String name) {
        load(() -> org.unroll.session.BuiltinCases.load(name), null, "status.loading", () -> { });
    }

    /** Opens a case file; an invalid one is reported and leaves the current session as it is. */
    public void open(Path file) {
        load(() -> CaseFile.read(file), file, "status.loading", () -> { });
    }

    /** Shows a case built elsewhere (the model panel). */
    public void build(Callable<Case> builder) {
        build(builder, () -> { });
    }

    /**
     * Shows a case built elsewhere, then runs {@code onShown} (on the JavaFX thread) once it is shown;
     * a problem is reported instead, and {@code onShown} is not run.
     */
    public void build(Callable<Case> builder, Runnable onShown) {
        load(builder, null, "status.loading", onShown);
    }

    /** Computes a session in the background; a load still under way is cancelled (its result, or its problem, is dropped). */
    private void load(Callable<Case> source, Path file, String whatKey, Runnable onShown) {
        setLoading(true);
        message.set(whatKey);
        if (edits.cancel()) {
            setEditing(false);
        }
        loads.submit(() -> Session.compute(source.call(), file), s -> {
            setLoading(false);
            show(s);
            if (file != null) {
                remember(file);
                message.set("status.opened", file.getFileName());
            } else {
                message.set("status.ready");
            }
            onShown.run();
        }, err -> {
            setLoading(false);
            message.set("status.ready");
            // the first file of a start (--open, a file the desktop passed) cannot be read: the demo,
            // not an empty window, and the dialog says so
            boolean none = file != null && session.get() == null;
            report(file, err, none);
            if (none) {
                loadDemo();
            }
        });
    }

    private void report(Path file, Throwable err, boolean demoInstead) {
        String msg;
        if (err instanceof Message.Localized l) {
            // a case (or file) that cannot be read: said in the window's language (ADR 0044)
            msg = l.getMessage(locale.get());
        } else if (err instanceof NoSuchFileException) {
            msg = text("dialog.noSuchFile");
        } else if (err instanceof IOException io) {
            msg = io.getMessage() == null ? io.toString() : io.getMessage();
        } else if (err instanceof IllegalArgumentException || err instanceof IllegalStateException) {
            msg = err.getMessage();
        } else {
            msg = err.toString();
        }
        if (file != null) {
            onProblem.accept(new Problem(text("dialog.error.title"),
                    text(demoInstead ? "dialog.error.headerDemo" : "dialog.error.header", file.getFileName()), msg));
        } else {
            onProblem.accept(new Problem(text("dialog.failed.title"), text("model.error", ""), msg));
        }
    }

    /** Writes the current case (with its computed expected block) to a file. */
    public void saveAs(Path file) {
        Session s = session.get();
        if (s == null) {
            return;
        }
        setSaving(+1);
        background.run(() -> {
            AtomicFile.write(file, out -> CaseFile.write(s.kase(), s.trace(), out));
            return file;
        }, f -> {
            setSaving(-1);
            remember(f);
            if (session.get() == s) {
                editing.saved(f.getFileName().toString());
                updateTitle();
            }
            message.set("status.saved", f.getFileName());
        }, err -> {
            setSaving(-1);
            // one sentence, as every export's: "cannot write /abs/FILE: it is a FIFO, not a regular file"
            onProblem.accept(new Problem(text("dialog.saveError.title"), file.toString(),
                    org.unroll.export.ExportErrors.describe(err, file, getBundle())));
        });
    }

    private void remember(Path file) {
        List<Path> l = RecentFiles.pushed(recent, file);
        recent.setAll(l);
        recentStore.store(l);
    }

    private void setLoading(boolean l) {
        loading = l;
        updateBusy();
    }

    private void setSaving(int d) {
        saving += d;
        updateBusy();
    }

    private void setEditing(boolean e) {
        editComputing.set(e);
        updateBusy();
    }

    private void updateBusy() {
        busy.set(loading || saving > 0 || editComputing.get());
    }

    /** Replaces the session (on the JavaFX thread), with the cursor before the first event. */
    void show(Session s) {
        playing.set(false);
        editing.forget();
        session.set(s);
        updateTitle();
        move(s.schedule().cursor());
    }

    /**
     * Shows a session computed elsewhere (a deck's scene, made ready in the background) with the
     * cursor at a position; the session already shown only moves the cursor.
     *
     * @param s the session
     * @param position −1 .. the schedule's size − 1
     */
    public void present(Session s, int position) {
        if (session.get() != s) {
            playing.set(false);
            editing.forget();
            session.set(s);
            updateTitle();
        }
        move(s.schedule().cursor().seek(position));
    }

    // ---- editing the numbers (issue 11, ADR 0019) ----

    private final ReadOnlyBooleanWrapper editComputing = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper trainingRuns = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper edited = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper undoText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper redoText = new ReadOnlyStringWrapper("");
    private final org.unroll.ui.common.LocalText editProblem = new org.unroll.ui.common.LocalText(bundle);
    private final ObservableList<String> history = FXCollections.observableArrayList();
    private final ObservableList<String> historyView = FXCollections.unmodifiableObservableList(history);
    private final javafx.beans.property.IntegerProperty historyPosition = new javafx.beans.property.SimpleIntegerProperty(0);
    private boolean replacingInPlace;

    /** The edits of the session shown: those applied (oldest first) and those undone (redo's, newest undone last). */
    private static final class Editing {
        final List<org.unroll.session.CaseEdit> done = new java.util.ArrayList<>();
        final List<org.unroll.session.CaseEdit> undone = new java.util.ArrayList<>();
        /** The edits applied when the case was last opened or saved: the same list, the same case. */
        List<org.unroll.session.CaseEdit> clean = List.of();
        /** The file name the edited case was saved as, or null. */
        String savedAs;

        void forget() {
            done.clear();
            undone.clear();
            clean = List.of();
            savedAs = null;
        }

        void saved(String name) {
            clean = List.copyOf(done);
            savedAs = name;
        }

        boolean edited() {
            return !done.equals(clean);
        }
    }

    /** A computation that overflowed after an edit (the edit is refused). */
    private static final class Overflow extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Overflow(String where) {
            super(where, null, false, false);
        }
    }

    private Consumer<String> onGradientCheck = p -> { };

    /** What opens the gradient-check panel (the window sets it): told the parameter to show, or null. */
    public void setOnGradientCheck(Consumer<String> c) {
        onGradientCheck = c == null ? p -> { } : c;
    }

    /**
     * Opens the gradient-check panel (View ▸ Gradient check…, or the inspector's link for a
     * parameter).
     *
     * @param parameter the case-file name of the parameter to show opened, or null
     */
    public void requestGradientCheck(String parameter) {
        onGradientCheck.accept(parameter);
    }

    /** Whether the case shown differs from the one opened or last saved (the title says "edited"). */
    public ReadOnlyBooleanProperty editedProperty() {
        return edited.getReadOnlyProperty();
    }

    /** Whether an edit, undo or redo is being computed. */
    public ReadOnlyBooleanProperty editComputingProperty() {
        return editComputing.getReadOnlyProperty();
    }

    /** Whether a training run is under way (editing is off meanwhile: the run would overwrite the weights). */
    public ReadOnlyBooleanProperty trainingRunsProperty() {
        return trainingRuns.getReadOnlyProperty();
    }

    /** Told by the Training tab whether its run trains right now. */
    public void setTrainingRuns(boolean runs) {
        trainingRuns.set(runs);
    }

    /** The one-line problem with the last edit typed (empty: none), in the language shown. */
    public ReadOnlyStringProperty editProblemProperty() {
        return editProblem.property();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    /** What Edit ▸ Undo undoes ("Undo W[1,0]: 0.5 → 0.7"), or plain "Undo". */
    public ReadOnlyStringProperty undoTextProperty() {
        return undoText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty redoTextProperty() {
        return redoText.getReadOnlyProperty();
    }

    /**
     * The history of edits, each naming what changed ("W[1,0]: 0.5 → 0.7"), oldest first: the
     * applied ones, then the undone ones (which redo brings back); read-only.
     */
    public ObservableList<String> history() {
        return historyView;
    }

    /** How many of {@link #history()} are applied (the rest are undone). */
    public javafx.beans.property.ReadOnlyIntegerProperty historyPositionProperty() {
        return javafx.beans.property.ReadOnlyIntegerProperty.readOnlyIntegerProperty(historyPosition);
    }

    /**
     * The edit history of the case shown, as the recovery file keeps it (ADR 0033): copies.
     *
     * @param done the edits applied, oldest first
     * @param undone the edits undone, newest undone last
     * @param clean the edits applied when the case was last opened or saved
     * @param savedAs the name the edited case was saved under, or null
     */
    public record EditState(List<org.unroll.session.CaseEdit> done, List<org.unroll.session.CaseEdit> undone,
                            List<org.unroll.session.CaseEdit> clean, String savedAs) {
    }

    /** The edit history of the case shown (copies). */
    public EditState editState() {
        return new EditState(List.copyOf(editing.done), List.copyOf(editing.undone), List.copyOf(editing.clean),
                editing.savedAs);
    }

    /**
     * Shows a case brought back from the recovery file (ADR 0033): computed in the background as
     * a load is, then its edit history (undo and redo work as before the crash, the title says
     * "edited" when it was) and the cursor at its event; {@code onShown} runs after. The case
     * is not added to the recent files: it is not the file's content.
     *
     * @param c the case as it was shown (with its edits and trained weights)
     * @param file the file it came from, or null
     * @param edits its edit history
     * @param position the cursor's event (clamped to the schedule)
     */
    public void restore(Case c, Path file, EditState edits, int position, Runnable onShown) {
        setLoading(true);
        message.set("status.loading");
        if (this.edits.cancel()) {
            setEditing(false);
        }
        loads.submit(() -> Session.compute(c, file), s -> {
            setLoading(false);
            show(s);
            editing.done.addAll(edits.done());
            editing.undone.addAll(edits.undone());
            editing.clean = List.copyOf(edits.clean());
            editing.savedAs = edits.savedAs();
            move(s.schedule().cursor().seek(Math.max(-1, Math.min(position, s.schedule().size() - 1))));
            message.set("recovery.restored");
            onShown.run();
        }, err -> {
            setLoading(false);
            message.set("status.ready");
            report(null, err, false);
        });
    }

    /** The edits applied to the case shown, oldest first (a copy). */
    public List<org.unroll.session.CaseEdit> appliedEdits() {
        return List.copyOf(editing.done);
    }

    /**
     * Whether the session being swapped in now is the same case with a number edited (or an edit
     * undone or redone): the views keep their zoom and place instead of fitting the graph again.
     * True only while the session's listeners run.
     */
    public boolean isReplacingInPlace() {
        return replacingInPlace;
    }

    /**
     * Sets a number of the case shown from a typed text, and recomputes everything from it in the
     * background (forward values, loss, errors, gradients, schedule); the cursor and the selection
     * stay. A text that is not a finite number within {@link org.unroll.engine.Limits#MAX_EDITED_VALUE},
     * a case the format does not allow, or an overflow changes nothing and shows one line in
     * {@link #editProblemProperty()}.
     *
     * @param what a parameter's, an input's or a target's element
     * @param name the parameter's case-file name (parameters only)
     * @param step the time step 1..T (inputs and targets)
     * @param row the row (a vector's index)
     * @param col the column (0 for a vector)
     * @param text what was typed
     * @return whether the edit was accepted for computing (false: refused, or nothing changed)
     */
    public boolean edit(org.unroll.session.CaseEdit.What what, String name, int step, int row, int col, String text) {
        Session s = session.get();
        if (s == null) {
            return false;
        }
        if (trainingRuns.get()) {
            editProblem.set("edit.problem.training");
            return false;
        }
        if (editComputing.get()) {
            editProblem.set("edit.problem.busy");
            return false;
        }
        double before;
        try {
            before = org.unroll.session.CaseEdit.valueIn(s.kase(), what, name, step, row, col);
        } catch (IllegalArgumentException e) {
            editProblem.setPlain(e.getMessage());
            return false;
        }
        org.unroll.session.CaseEdit probe = new org.unroll.session.CaseEdit(what, name, step, row, col, before, before);
        String where = probe.label(parameterLabel(s, name), isVector(s, name));
        org.unroll.session.CaseEdit.Parsed p = org.unroll.session.CaseEdit.parse(text);
        if (!p.ok()) {
            String typed = text == null ? "" : text.strip();
            switch (p.problem()) {
                case NOT_A_NUMBER -> editProblem.set("edit.problem.notANumber", where, typed);
                case NOT_FINITE -> editProblem.set("edit.problem.notFinite", where, typed);
                case TOO_LARGE -> editProblem.set("edit.problem.tooLarge", where, typed,
                        org.unroll.session.CaseEdit.shortNumber(org.unroll.engine.Limits.MAX_EDITED_VALUE));
                default -> throw new IllegalStateException();
            }
            return false;
        }
        editProblem.setPlain("");
        if (Double.doubleToLongBits(p.value()) == Double.doubleToLongBits(before)) {
            return false;
        }
        org.unroll.session.CaseEdit e = new org.unroll.session.CaseEdit(what, name, step, row, col, before, p.value());
        recompute(e, "edit.status.applied", () -> {
            editing.done.add(e);
            editing.undone.clear();
        });
        return true;
    }

    /** Undoes the last edit (Edit ▸ Undo, Ctrl+Z): the case and every number as before it. */
    public void undo() {
        replay(editing.done, editing.undone, true, "edit.status.undone");
    }

    /** Applies the last undone edit again (Edit ▸ Redo, Ctrl+Shift+Z or Ctrl+Y). */
    public void redo() {
        replay(editing.undone, editing.done, false, "edit.status.redone");
    }

    /** Moves the last edit of {@code from} to {@code to}, computing the case without it (undo) or with it (redo). */
    private void replay(List<org.unroll.session.CaseEdit> from, List<org.unroll.session.CaseEdit> to, boolean undo,
                        String statusKey) {
        if (from.isEmpty() || !editable()) {
            return;
        }
        org.unroll.session.CaseEdit last = from.get(from.size() - 1);
        recompute(undo ? last.inverse() : last, statusKey, () -> {
            from.remove(from.size() - 1);
            to.add(last);
        });
    }

    private boolean editable() {
        if (trainingRuns.get()) {
            editProblem.set("edit.problem.training");
            return false;
        }
        if (editComputing.get()) {
            editProblem.set("edit.problem.busy");
            return false;
        }
        return session.get() != null;
    }

    /**
     * Computes the case with an edit applied, off the JavaFX thread, and swaps the new session in
     * with the cursor and the selection kept; {@code accepted} (the history's bookkeeping) runs
     * first, on the JavaFX thread, and only if the edit is shown. A refused edit changes nothing.
     */
    private void recompute(org.unroll.session.CaseEdit e, String statusKey, Runnable accepted) {
        Session s = session.get();
        int pos = cursor.get() == null ? -1 : cursor.get().position();
        Node keep = selected.get();
        String what = describe(s, e);
        setEditing(true);
        message.set("edit.status.computing", what);
        edits.submit(() -> {
            Case c = e.applyChecked(s.kase());
            Session n = Session.compute(c, s.file());
            String bad = n.trace().firstNonFinite();
            if (bad != null) {
                throw new Overflow(bad);
            }
            return n;
        }, n -> {
            setEditing(false);
            if (session.get() != s) {
                return; // another case was opened meanwhile
            }
            accepted.run();
            replace(n, pos, keep);
            message.set(statusKey, what);
        }, err -> {
            setEditing(false);
            message.set("status.ready");
            String where = e.label(parameterLabel(s, e.name()), isVector(s, e.name()));
            if (err instanceof Overflow o) {
                editProblem.set("edit.problem.overflow", where, org.unroll.session.CaseEdit.shortNumber(e.after()),
                        o.getMessage());
            } else if (err instanceof CaseException ce) {
                editProblem.set("edit.problem.invalid", where, ce); // in the language shown, and after a switch
            } else {
                editProblem.setPlain(where + ": " + (err.getMessage() == null ? err.toString() : err.getMessage()));
            }
        });
    }

    /** Swaps in the edited case's session: the cursor at the same event, the same node selected, the view kept. */
    private void replace(Session n, int pos, Node keep) {
        playing.set(false);
        replacingInPlace = true;
        try {
            session.set(n);
        } finally {
            replacingInPlace = false;
        }
        Node sel = keep == null ? null : n.graph().nodes().get(keep.id());
        moveKeeping(n.schedule().cursor().seek(pos), sel);
    }

    /** "W[1,0]: 0.5 → 0.7" in the notation shown. */
    private String describe(Session s, org.unroll.session.CaseEdit e) {
        return e.describe(parameterLabel(s, e.name()), isVector(s, e.name()));
    }

    private String parameterLabel(Session s, String name) {
        if (name == null) {
            return "";
        }
        Node p = s.graph().parameter(name);
        return p == null ? name : nodeLabel(p, notation.get(), s.graph().config());
    }

    private static boolean isVector(Session s, String name) {
        if (name == null) {
            return false;
        }
        org.unroll.engine.ParamSpec p = s.kase().weights().layout().param(name);
        return p != null && p.vector();
    }

    private void updateTitle() {
        Session s = session.get();
        if (s == null) {
            title.set("");
            edited.set(false);
            return;
        }
        String base = editing.savedAs != null ? editing.savedAs : s.title();
        boolean e = editing.edited();
        edited.set(e);
        title.set(e ? text("title.edited", base) : base);
    }

    private void updateEditTexts() {
        Session s = session.get();
        List<String> h = new java.util.ArrayList<>();
        if (s != null) {
            for (org.unroll.session.CaseEdit e : editing.done) {
                h.add(describe(s, e));
            }
            for (int i = editing.undone.size() - 1; i >= 0; i--) {
                h.add(describe(s, editing.undone.get(i)));
            }
        }
        if (!h.equals(history)) {
            history.setAll(h);
        }
        historyPosition.set(editing.done.size());
        canUndo.set(!editing.done.isEmpty());
        canRedo.set(!editing.undone.isEmpty());
        undoText.set(editing.done.isEmpty() || s == null ? text("menu.edit.undo")
                : text("menu.edit.undoWhat", describe(s, editing.done.get(editing.done.size() - 1))));
        redoText.set(editing.undone.isEmpty() || s == null ? text("menu.edit.redo")
                : text("menu.edit.redoWhat", describe(s, editing.undone.get(editing.undone.size() - 1))));
    }

    // ---- stepping ----

    /** One step on; in predict mode, a hidden result is revealed first (the clicker's next press). */
    public void next() {
        if (hidden.get()) {
            reveal();
            return;
        }
        step(true);
    }

    public void previous() {
        step(false);
    }

    /** One step forward at the chosen granularity. */
    private void step(boolean forward) {
        Cursor c = cursor.get();
        if (c == null) {
            return;
        }
        move(switch (granularity.get()) {
            case NODE -> forward ? c.next() : c.previous();
            case CELL -> forward ? c.nextCell() : c.previousCell();
            case STEP -> forward ? stepOn(c) : stepBack(c);
        });
    }

    /** One event on, whatever the granularity. */
    public void nextEvent() {
        if (hidden.get()) {
            reveal();
            return;
        }
        withCursor(Cursor::next);
    }

    public void previousEvent() {
        withCursor(Cursor::previous);
    }

    /** To the next time step (into the next phase when the phase has no more). */
    public void nextStep() {
        withCursor(MainViewModel::stepOn);
    }

    public void previousStep() {
        withCursor(MainViewModel::stepBack);
    }

    private static Cursor stepOn(Cursor c) {
        Cursor n = c.nextStep();
        return n.equals(c) ? c.next() : n;
    }

    private static Cursor stepBack(Cursor c) {
        Cursor n = c.previousStep();
        if (!n.equals(c) || c.atStart()) {
            return n;
        }
        // the first run of a phase: to the start of the previous phase's last run
        Cursor p = c.previousCell();
        return p.atStart() ? p : p.previousCell().next();
    }

    /** Before the first event. */
    public void toStart() {
        withCursor(Cursor::start);
    }

    /** To the first event of the backward pass (the first error). */
    public void toBackward() {
        withCursor(c -> c.toPhase(Phase.BACKWARD));
    }

    /** To the first event of the forward pass. */
    public void toForward() {
        withCursor(c -> c.toPhase(Phase.FORWARD));
    }

    public void toEnd() {
        withCursor(Cursor::end);
    }

    /** To an event index. */
    public void seek(int index) {
        withCursor(c -> c.seek(index));
    }

    public void togglePlay() {
        Cursor c = cursor.get();
        if (c == null) {
            return;
        }
        if (!playing.get() && c.atEnd()) {
            move(c.start());
        }
        playing.set(!playing.get());
    }

    /** One beat of playback: a step at the chosen granularity; stops at the end. */
    public void tick() {
        if (!playing.get()) {
            return;
        }
        next();
        Cursor c = cursor.get();
        if (c == null || c.atEnd()) {
            playing.set(false);
        }
    }

    /** Shows a node in the inspector until the next step. */
    public void select(Node n) {
        selected.set(n);
    }

    private void withCursor(java.util.function.UnaryOperator<Cursor> f) {
        Cursor c = cursor.get();
        if (c != null) {
            move(f.apply(c));
        }
    }

    private void move(Cursor c) {
        moveKeeping(c, null);
    }

    /** Moves the cursor; {@code keep} stays selected (null: the selection is cleared first, as a step does). */
    private void moveKeeping(Cursor c, Node keep) {
        long t0 = org.unroll.ui.common.FrameProbe.start();
        Cursor old = cursor.get();
        if (keep == null) {
            selected.set(null);
        }
        marked.set(java.util.List.of());
        // predict mode: an event moved on to (not back to: the room has seen it) opens hidden
        boolean on = predict.get() && c.current().isPresent()
                && (old == null || old.schedule() != c.schedule() || c.position() > old.position()
                || c.position() == old.position() && hidden.get());
        hidden.set(on);
        cursor.set(c);
        if (keep != null) {
            selected.set(keep);
        }
        Session s = session.get();
        int index = c.position();
        Frame f = c.current().isEmpty() ? Frame.empty() : s.frame(index, on);
        frame.set(f);
        updateTexts();
        org.unroll.ui.common.FrameProbe.end("fx: step (cursor, frame and all listeners)", t0);
    }

    private void updateTexts() {
        updateTitle();
        updateEditTexts();
        Cursor c = cursor.get();
        if (c == null) {
            phaseText.set("");
            eventText.set("");
            nodeText.set("");
            return;
        }
        Event e = c.current().orElse(null);
        phaseText.set(text("status.phase", phaseName(e == null ? null : e.phase())));
        eventText.set(text("status.event", c.position() + 1, c.schedule().size()));
        nodeText.set(text("status.node", e == null ? "—" : eventLabel(e, notation.get(), session.get().graph().config())));
    }

    /** The localised name of a phase (null: before the start). */
    public String phaseName(Phase p) {
        if (p == null) {
            return text("phase.start");
        }
        return text("phase." + switch (p) {
            case FORWARD -> "forward";
            case LOSS -> "loss";
            case BACKWARD -> "backward";
            case GRADIENT -> "gradients";
        });
    }

    /** How an event is named: {@code h(3)}, {@code δ p(3)}, {@code ∂E/∂W, t = 3}. */
    public static String eventLabel(Event e) {
        return eventLabel(e, Notation.BOOK, null);
    }

    /**
     * How an event is named in a notation: {@code δ pre_j(3)}, {@code ∂E/∂weight_hh_l0  (t = 3)}.
     *
     * @param config the network of the event's graph (null: the book's labels)
     */
    public static String eventLabel(Event e, Notation n, org.unroll.engine.ModelConfig config) {
        String label = nodeLabel(e.node(), n, config);
        if (e.phase() == Phase.GRADIENT) {
            return "∂E/∂" + label + "  (t = " + e.step() + ")";
        }
        return (e.isDelta() ? "δ " : "") + label + (e.window() > 0 ? "  [E_" + e.window() + "]" : "");
    }

    /** A node's label in a notation ({@link Node#label()} is the book's; so is a null config's). */
    public static String nodeLabel(Node node, Notation n, org.unroll.engine.ModelConfig config) {
        return n == null || n == Notation.BOOK || config == null ? node.label() : n.label(config, node);
    }
}
