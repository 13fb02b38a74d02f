package org.unroll.ui.deck;

import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.unroll.deck.CaseRef;
import org.unroll.deck.Deck;
import org.unroll.deck.DeckFile;
import org.unroll.deck.DeckSessions;
import org.unroll.deck.Dress;
import org.unroll.deck.EventRef;
import org.unroll.deck.Resolved;
import org.unroll.deck.Scene;
import org.unroll.deck.Text;
import org.unroll.deck.Walk;
import org.unroll.engine.AtomicFile;
import org.unroll.engine.Message;
import org.unroll.export.Exporter;
import org.unroll.export.Handout;
import org.unroll.schedule.Cursor;
import org.unroll.schedule.Event;
import org.unroll.session.Background;
import org.unroll.session.Latest;
import org.unroll.ui.MainViewModel;
import org.unroll.view.Session;

/**
 * A deck being presented: which scene is shown and where its walk is, what the status bar and
 * the presenter view say (the scene, its notes in the current language, the next stop, the
 * elapsed time, the current equation), and the deck's files (open, save a scene, export the
 * handout). Each scene is made ready in the {@link Background} (its case computed once per deck);
 * the JavaFX thread only applies the result to the {@link MainViewModel}. Test it without a stage
 * with {@link Background#synchronous()} and a clock of your own.
 */
public final class DeckViewModel {

    /**
     * A scene applied to the window: the shell shows its tab and the part of the graph it names.
     *
     * @param resolved the scene made ready
     * @param serial counts the applications (the same scene applied twice is two values)
     */
    public record Shown(Resolved resolved, long serial) {
    }

    private final Background background;
    private final MainViewModel main;
    private final LongSupplier nanos;
    private final java.util.concurrent.Executor ui;
    private final Latest loads;
    private final ReadOnlyObjectWrapper<Deck> deck = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Shown> shown = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notes = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper next = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper elapsed = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper equation = new ReadOnlyStringWrapper("");
    /** The hidden result, for the presenter's eyes only (predict, then reveal); empty when not hidden. */
    private final ReadOnlyStringWrapper hiddenResult = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper handoutProgress = new ReadOnlyDoubleWrapper(-1);
    private DeckSessions sessions;
    private long serial;
    private long started;
    /** The scene a pending load goes to (−1: none pending). */
    private int pending = -1;
    private AtomicBoolean handoutCancel;
    /** Whether a scene is being applied (its session replacing the window's is the deck's own doing). */
    private boolean applying;

    /**
     * @param background where scenes are made ready and files written
     * @param main the window's state, which the scenes set
     * @param nanos the clock of the presenter's timer (System::nanoTime; tests give their own)
     * @param ui runs code on the JavaFX thread (the handout's progress)
     */
    public DeckViewModel(Background background, MainViewModel main, LongSupplier nanos,
                         java.util.concurrent.Executor ui) {
        this.background = background;
        this.main = main;
        this.nanos = nanos;
        this.ui = ui;
        this.loads = new Latest(background);
        main.localeProperty().addListener((o, a, b) -> updateTexts());
        main.notationProperty().addListener((o, a, b) -> updateTexts());
        main.cursorProperty().addListener((o, a, b) -> updateTexts());
        main.hiddenProperty().addListener((o, a, b) -> updateTexts());
        // another case opened by hand (File ▸ Open, the model panel …) leaves the deck
        main.sessionProperty().addListener((o, a, b) -> {
            Resolved r = current();
            if (!applying && isOpen() && pending < 0 && r != null && b != r.session()) {
                close();
            }
        });
    }

    // ---- properties ----

    /** The open deck, or null. */
    public ReadOnlyObjectProperty<Deck> deckProperty() {
        return deck.getReadOnlyProperty();
    }

    public boolean isOpen() {
        return deck.get() != null;
    }

    /** The scene last applied (the shell shows its tab and region), or null. */
    public ReadOnlyObjectProperty<Shown> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** The scene made ready that is shown, or null. */
    public Resolved current() {
        Shown s = shown.get();
        return s == null ? null : s.resolved();
    }

    /** "Scene 3/12 · title · stop 2/25" for the status bar; empty with no deck. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The current scene's title in the current language. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The current scene's speaker notes in the current language. */
    public ReadOnlyStringProperty notesProperty() {
        return notes.getReadOnlyProperty();
    }

    /** What PageDown goes to next: the next stop's event, the next scene, or the end of the deck. */
    public ReadOnlyStringProperty nextProperty() {
        return next.getReadOnlyProperty();
    }

    /** The time since the deck was opened, m:ss (or h:mm:ss); updated by {@link #tick()}. */
    public ReadOnlyStringProperty elapsedProperty() {
        return elapsed.getReadOnlyProperty();
    }

    /**
     * The current event's result while the room's view hides it (predict, then reveal): the
     * presenter view shows it; empty when nothing is hidden.
     */
    public ReadOnlyStringProperty hiddenResultProperty() {
        return hiddenResult.getReadOnlyProperty();
    }

    /** The current event's equation in LaTeX, in the current notation; empty before the first event. */
    public ReadOnlyStringProperty equationProperty() {
        return equation.getReadOnlyProperty();
    }

    /** Whether a scene is being made ready or a file written. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The handout's progress 0..1 while it is written, −1 otherwise. */
    public ReadOnlyDoubleProperty handoutProgressProperty() {
        return handoutProgress.getReadOnlyProperty();
    }

    // ---- opening ----

    /** Opens the built-in chapter 5 deck at its first scene. */
    public void openBuiltin() {
        open(() -> DeckFile.read(DeckFile.BUILTIN_CHAPTER5), DeckFile.BUILTIN_CHAPTER5);
    }

    /** Opens a deck or scene file at its first scene; an invalid one is reported and the current deck stays. */
    public void open(Path file) {
        open(() -> DeckFile.read(file), file.getFileName().toString());
    }

    private void open(java.util.concurrent.Callable<Deck> reader, String name) {
        busy.set(true);
        main.showText("deck.opening", name);
        loads.submit(() -> {
            Deck d = reader.call();
            DeckSessions s = new DeckSessions(d);
            return new Object[] {s, s.resolve(0)};
        }, result -> {
            busy.set(false);
            sessions = (DeckSessions) result[0];
            deck.set(sessions.deck());
            started = nanos.getAsLong();
            Resolved r = (Resolved) result[1];
            apply(r, r.start());
            main.showText("deck.opened", name);
        }, err -> {
            busy.set(false);
            main.showText("status.ready");
            problem(name, err);
        });
    }

    /** Closes the deck; the window keeps what it shows. */
    public void close() {
        loads.cancel();
        pending = -1;
        busy.set(false);
        sessions = null;
        deck.set(null);
        shown.set(null);
        updateTexts();
    }

    // ---- moving ----

    /** PageDown: the next stop of the scene's walk, else the next scene at its moment. */
    public void next() {
        if (!isOpen()) {
            return;
        }
        if (main.isHidden()) {
            // predict, then reveal: the clicker's next press shows the result, the one after moves on
            main.reveal();
            return;
        }
        Resolved r = current();
        Cursor c = main.getCursor();
        if (pending < 0 && r != null && c != null && main.getSession() == r.session()) {
            int s = r.stopAfter(c.position());
            if (s != Integer.MIN_VALUE) {
                main.seek(s);
                return;
            }
        }
        goTo(index() + 1, false);
    }

    /** R in the presenter view: reveals the room's hidden result (predict, then reveal). */
    public void reveal() {
        main.reveal();
    }

    /** PageUp: the stop before in the scene's walk, else the previous scene at its last stop. */
    public void previous() {
        if (!isOpen()) {
            return;
        }
        Resolved r = current();
        Cursor c = main.getCursor();
        if (pending < 0 && r != null && c != null && main.getSession() == r.session()) {
            int s = r.stopBefore(c.position());
            if (s != Integer.MIN_VALUE) {
                main.seek(s);
                return;
            }
        }
        goTo(index() - 1, true);
    }

    /** The scene shown or being opened, from 0 (−1 with no deck). */
    public int index() {
        if (pending >= 0) {
            return pending;
        }
        Resolved r = current();
        return r == null ? -1 : r.index();
    }

    /**
     * Shows a scene (from 0): at its moment, or at the last stop of its walk.
     *
     * @param i the scene; outside the deck, nothing happens (the status bar says the deck ends)
     */
    public void goTo(int i, boolean atLast) {
        DeckSessions s = sessions;
        if (s == null) {
            return;
        }
        if (i < 0 || i >= s.deck().size()) {
            main.showText(i < 0 ? "deck.atStart" : "deck.atEnd");
            return;
        }
        pending = i;
        busy.set(true);
        loads.submit(() -> s.resolve(i), r -> {
            pending = -1;
            busy.set(false);
            if (sessions == s) {
                apply(r, atLast ? r.last() : r.start());
            }
        }, err -> {
            pending = -1;
            busy.set(false);
            problem(s.deck().source(), err);
        });
    }

    /** Applies a scene made ready to the window (JavaFX thread). */
    private void apply(Resolved r, int position) {
        applying = true;
        try {
            applyScene(r, position);
        } finally {
            applying = false;
        }
        updateTexts();
    }

    private void applyScene(Resolved r, int position) {
        Scene s = r.scene();
        if (s.language() != null) {
            main.setLanguage(s.language());
        }
        if (s.notation() != null) {
            main.setNotation(s.notation());
        }
        if (s.presentation() != null) {
            main.setPresentation(s.presentation().over(main.getPresentation()));
        }
        if (s.rolled() != null) {
            main.rolledProperty().set(s.rolled());
        }
        if (s.predict() != null) {
            main.predictProperty().set(s.predict());
        }
        main.present(r.session(), position);
        if (r.selected() != null) {
            main.select(r.selected());
        }
        shown.set(new Shown(r, ++serial));
    }

    // ---- texts ----

    /** Updates the timer (the presenter view calls this every second). */
    public void tick() {
        if (!isOpen()) {
            elapsed.set("");
            return;
        }
        long s = Math.max(0, (nanos.getAsLong() - started) / 1_000_000_000L);
        elapsed.set(s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60));
    }

    /** Starts the timer again from 0:00. */
    public void restartTimer() {
        started = nanos.getAsLong();
        tick();
    }

    private void updateTexts() {
        tick();
        Resolved r = current();
        Deck d = deck.get();
        if (d == null || r == null) {
            status.set("");
            title.set("");
            notes.set("");
            next.set("");
            equation.set("");
            hiddenResult.set("");
            return;
        }
        Locale l = main.localeProperty().get();
        String t = r.scene().title().in(l);
        Cursor c = main.getCursor();
        boolean here = c != null && main.getSession() == r.session();
        String where = main.text("deck.status", r.index() + 1, d.size(), t);
        if (r.stopCount() > 1 && here) {
            where += "   ·   " + main.text("deck.stop", r.stopNumber(c.position()), r.stopCount());
        }
        status.set(where);
        title.set(t);
        notes.set(r.scene().notes().in(l));
        int after = here ? r.stopAfter(c.position()) : Integer.MIN_VALUE;
        if (after != Integer.MIN_VALUE) {
            Session s = r.session();
            Event e = s.schedule().event(after);
            next.set(main.text("deck.next.event", after + 1,
                    MainViewModel.eventLabel(e, main.getNotation(), s.graph().config())));
        } else if (r.index() + 1 < d.size()) {
            next.set(main.text("deck.next.scene", r.index() + 2, d.scene(r.index() + 1).title().in(l)));
        } else {
            next.set(main.text("deck.next.end"));
        }
        Event e = here ? c.current().orElse(null) : null;
        equation.set(e == null ? "" : e.equation(main.getNotation()));
        if (e != null && main.isHidden()) {
            double[][] m = e.value();
            hiddenResult.set(main.text("presenter.hiddenResult",
                    MainViewModel.eventLabel(e, main.getNotation(), r.session().graph().config()),
                    m.length > 0 && m[0].length == 1 ? org.unroll.view.Numbers.column(column(m))
                            : org.unroll.view.Numbers.matrix(m)));
        } else {
            hiddenResult.set("");
        }
    }

    private static double[] column(double[][] m) {
        double[] v = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            v[i] = m[i][0];
        }
        return v;
    }

    // ---- files ----

    /**
     * The current moment as a scene: the case embedded with its weights, the cursor as an event
     * key, the selected node, the part of the graph shown, the tab, the notation, the language,
     * the presentation and whether the graph is rolled.
     *
     * @param region the part of the graph shown (world coordinates), or null
     * @param tab the tab shown, or null
     * @return the scene, or null when no case is open
     */
    public Scene currentScene(Rectangle2D region, String tab) {
        Session s = main.getSession();
        Cursor c = main.getCursor();
        if (s == null || c == null) {
            return null;
        }
        Resolved r = current();
        boolean fromDeck = r != null && r.session() == s;
        Text t = fromDeck ? r.scene().title() : new Text(s.title(), null);
        Text n = fromDeck ? r.scene().notes() : Text.EMPTY;
        Walk w = fromDeck ? r.scene().walk() : Walk.NONE;
        String cursor = EventRef.key(s.schedule(), c.position());
        if (fromDeck && w.rule() != Walk.Rule.NONE && w.to() == null && c.position() != r.start()) {
            w = Walk.NONE; // the walk's default end depended on the scene's own cursor
        }
        org.unroll.graph.Node sel = main.selectedProperty().get();
        return new Scene(t, n, CaseRef.embedded(s.kase()), cursor, sel == null ? null : DeckSessions.nodeRef(sel), region,
                tab, main.getNotation(), main.localeProperty().get(), Dress.of(main.getPresentation()),
                main.rolledProperty().get(), w, main.predictProperty().get() ? Boolean.TRUE : null);
    }

    /** Writes the current moment as a scene file (in the background). */
    public void saveScene(Path file, Rectangle2D region, String tab) {
        Scene scene = currentScene(region, tab);
        if (scene == null) {
            return;
        }
        busy.set(true);
        background.run(() -> {
            AtomicFile.write(file, out -> DeckFile.writeScene(scene, out));
            return file;
        }, f -> {
            busy.set(false);
            main.showText("deck.sceneSaved", f.getFileName());
        }, err -> {
            busy.set(false);
            main.report(new MainViewModel.Problem(main.text("dialog.saveError.title"), file.toString(),
                    org.unroll.export.ExportErrors.describe(err, file, main.getBundle())));
        });
    }

    /** Writes the open deck's handout (one PDF page per scene) in the background, with progress. */
    public void exportHandout(Path file, Locale locale) {
        DeckSessions s = sessions;
        if (s == null) {
            return;
        }
        AtomicBoolean cancel = new AtomicBoolean();
        handoutCancel = cancel;
        handoutProgress.set(0);
        busy.set(true);
        background.run(() -> Handout.write(s, locale, file, new Exporter.Progress() {
            @Override
            public void frame(int index, int count) {
                double p = (double) index / count;
                ui.execute(() -> {
                    handoutProgress.set(p);
                    main.showText("deck.handoutProgress", index + 1, count);
                });
            }

            @Override
            public boolean cancelled() {
                return cancel.get();
            }
        }), pages -> {
            busy.set(false);
            handoutProgress.set(-1);
            main.showText("deck.handoutWritten", file.getFileName(), pages);
        }, err -> {
            busy.set(false);
            handoutProgress.set(-1);
            if (!(err instanceof CancellationException)) {
                problem(file.getFileName().toString(), err);
            }
        });
    }

    /** Stops a handout being written (nothing is written). */
    public void cancelHandout() {
        if (handoutCancel != null) {
            handoutCancel.set(true);
        }
    }

    private void problem(String name, Throwable err) {
        String msg;
        if (err instanceof Message.Localized l) {
            // a deck (or file) that cannot be read: said in the window's language (ADR 0044)
            msg = l.getMessage(main.localeProperty().get());
        } else if (err instanceof NoSuchFileException) {
            msg = main.text("dialog.noSuchFile");
        } else if (err instanceof IOException io) {
            msg = io.getMessage() == null ? io.toString() : io.getMessage();
        } else {
            msg = err.getMessage() == null ? err.toString() : err.getMessage();
        }
        main.report(new MainViewModel.Problem(main.text("dialog.error.title"), main.text("deck.error.header", name),
                msg));
    }
}
