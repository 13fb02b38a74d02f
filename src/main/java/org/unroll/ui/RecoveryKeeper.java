package org.unroll.ui;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import javafx.util.Duration;
import org.unroll.deck.DeckFile;
import org.unroll.engine.Message;
import org.unroll.schedule.Cursor;
import org.unroll.session.Recovery;
import org.unroll.session.RecoveryStore;
import org.unroll.session.TrainingRun;
import org.unroll.session.TrainingSetup;
import org.unroll.ui.deck.DeckViewModel;
import org.unroll.ui.training.TrainingViewModel;
import org.unroll.view.Session;

/**
 * Crash recovery (ADR 0033): every {@link #periodSeconds()} seconds (a minute; the system property
 * {@value #PROPERTY} changes it) and whenever training pauses or halts, the JavaFX thread takes an
 * immutable {@link Recovery} of the session — the case with its edits and trained weights, the edit
 * history, the cursor, the tab, the Training tab's settings and run, the deck and scene — and a
 * thread of its own writes it atomically to the {@link RecoveryStore}. A normal quit
 * ({@link #quit()}) removes the file. At start ({@link #start()}) a file left behind by a kill or
 * a crash is offered ({@link #offerProperty()}): {@link #restore()} or {@link #discard()}; a file
 * that cannot be read is moved aside and named in the status bar in one line. Nothing is saved
 * before the offer is answered, so that the session offered is never overwritten by the new one.
 */
public final class RecoveryKeeper {

    /** The system property of the period in seconds (0 or less: only after training pauses). */
    public static final String PROPERTY = "unroll.recovery.seconds";
    /** The period without the property: a minute. */
    public static final int DEFAULT_SECONDS = 60;

    private final RecoveryStore store;
    private final MainViewModel main;
    private final TrainingViewModel training;
    private final DeckViewModel deck;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "unroll-recovery");
        t.setDaemon(true);
        return t;
    });
    private final ReadOnlyObjectWrapper<Recovery> offer = new ReadOnlyObjectWrapper<>();
    private final Timeline timer = new Timeline();
    private Supplier<String> currentTab = () -> null;
    private Consumer<String> showTab = t -> { };
    /** Whether saving is on: after the offer was answered (or there was none), until quit. */
    private boolean armed;
    private boolean started;
    private boolean saveOnNextSession;
    /** What the last save wrote (the session by identity, the rest by value): an unchanged session is not written again. */
    private Session lastSession;
    private List<Object> lastKey;
    private volatile String lastWriter;

    /**
     * @param store where the recovery file goes
     * @param main the window's state (the case, its edits, the cursor)
     * @param training the Training tab (its settings and run)
     * @param deck the deck open, if any
     */
    public RecoveryKeeper(RecoveryStore store, MainViewModel main, TrainingViewModel training, DeckViewModel deck) {
        this.store = Objects.requireNonNull(store);
        this.main = Objects.requireNonNull(main);
        this.training = Objects.requireNonNull(training);
        this.deck = Objects.requireNonNull(deck);
        training.stateProperty().addListener((o, a, s) -> {
            if (s == TrainingRun.State.PAUSED || s != null && s.isTerminal()) {
                // the run halted: saved now, and again once the stepper shows its weights
                saveOnNextSession = true;
                saveNow();
            }
        });
        main.sessionProperty().addListener((o, a, s) -> {
            if (saveOnNextSession && s != null) {
                saveOnNextSession = false;
                saveNow();
            }
        });
    }

    /** The period of the saves in seconds ({@value #PROPERTY}, else {@value #DEFAULT_SECONDS}). */
    public static int periodSeconds() {
        return Integer.getInteger(PROPERTY, DEFAULT_SECONDS);
    }

    /** The recovery file. */
    public Path file() {
        return store.file();
    }

    /** How the keeper reads and shows the window's tab (the window sets them; it rebuilds its content on a language change). */
    void setTabs(Supplier<String> current, Consumer<String> show) {
        currentTab = current == null ? () -> null : current;
        showTab = show == null ? t -> { } : show;
    }

    /** The session left by a run of the app that did not quit normally, offered to restore; null when none. */
    public ReadOnlyObjectProperty<Recovery> offerProperty() {
        return offer.getReadOnlyProperty();
    }

    /**
     * Looks for a recovery file (off the JavaFX thread): one that reads is offered, one that does
     * not is moved aside with a line in the status bar; then (without an offer) saving starts.
     * Call it once, on the JavaFX thread.
     *
     * @return done when the file has been looked at (tests wait on it)
     */
    public CompletableFuture<Void> start() {
        if (started) {
            return CompletableFuture.completedFuture(null);
        }
        started = true;
        CompletableFuture<Void> looked = new CompletableFuture<>();
        writer.execute(() -> {
            Recovery found = null;
            Message problem = null;
            String aside = null;
            try {
                found = store.load().orElse(null);
            } catch (org.unroll.session.CheckpointException | java.io.IOException | RuntimeException e) {
                // the status bar says it in the window's language, and again after a switch (ADR 0044)
                problem = Message.from(e);
                try {
                    Path p = store.setAside();
                    aside = p == null ? "" : p.getFileName().toString();
                } catch (java.io.IOException | RuntimeException e2) {
                    aside = "";
                }
            }
            Recovery f = found;
            Message why = problem;
            String to = aside;
            Platform.runLater(() -> {
                if (why != null) {
                    System.err.println("unroll: " + store.file() + ": not a recovery file (" + why.english() + "); moved aside");
                    main.showText("recovery.corrupt", why, to);
                }
                if (f != null) {
                    offer.set(f);
                } else {
                    arm();
                }
                looked.complete(null);
            });
        });
        return looked;
    }

    /** Saving on: the periodic timer starts. */
    private void arm() {
        if (armed) {
            return;
        }
        armed = true;
        int period = periodSeconds();
        if (period > 0) {
            timer.getKeyFrames().setAll(new KeyFrame(Duration.seconds(period), e -> saveNow()));
            timer.setCycleCount(Timeline.INDEFINITE);
            timer.play();
        }
    }

    /** Whether saves are on (the offer answered, not quit). */
    public boolean isArmed() {
        return armed;
    }

    /**
     * Saves the session now: takes the snapshot on the JavaFX thread and writes it on the keeper's
     * thread. Nothing is written before the offer is answered, without a session, or when nothing
     * changed since the last save. Call it on the JavaFX thread.
     *
     * @return completes with the file written, or null when nothing was written (an I/O error too:
     *     the previous file stands; the app goes on)
     */
    public CompletableFuture<Path> saveNow() {
        Session s = main.getSession();
        Cursor c = main.getCursor();
        if (!armed || s == null || c == null) {
            return CompletableFuture.completedFuture(null);
        }
        Recovery r = snapshot(s, c);
        List<Object> key = java.util.Arrays.asList(r.cursor(), r.done(), r.undone(), r.clean(), r.savedAs(), r.tab(),
                r.setup(), r.training(), r.epoch(), r.deck(), r.scene());
        if (s == lastSession && key.equals(lastKey)) {
            return CompletableFuture.completedFuture(null);
        }
        lastSession = s;
        lastKey = key;
        CompletableFuture<Path> done = new CompletableFuture<>();
        writer.execute(() -> {
            lastWriter = Thread.currentThread().getName();
            try {
                store.save(r);
                done.complete(store.file());
            } catch (java.io.IOException | RuntimeException e) {
                done.complete(null); // a full disk: the previous file stands, the app goes on
            }
        });
        return done;
    }

    /** The name of the thread that wrote the last save (tests check it is not the JavaFX thread). */
    public String lastWriter() {
        return lastWriter;
    }

    /** The immutable snapshot, on the JavaFX thread: references to immutable things and copies. */
    private Recovery snapshot(Session s, Cursor c) {
        MainViewModel.EditState e = main.editState();
        TrainingSetup setup;
        try {
            setup = training.setup();
        } catch (RuntimeException x) {
            setup = null; // the form holds something it cannot train: nothing to bring back
        }
        TrainingRun run = training.run();
        TrainingRun.State state = run == null ? null : run.state();
        int epoch = run == null || run.latest() == null ? 0 : run.latest().epoch();
        String source = null;
        int scene = -1;
        if (deck.isOpen()) {
            source = deck.deckProperty().get().source();
            if (!source.startsWith("builtin:")) {
                source = Path.of(source).toAbsolutePath().toString();
            }
            scene = Math.max(0, deck.index());
        }
        return new Recovery(Instant.now(), s.kase(), s.trace(), s.file(), e.done(), e.undone(), e.clean(), e.savedAs(),
                c.position(), currentTab.get(), setup, state, epoch, source, scene,
                training.divergedProperty().get());
    }

    /**
     * Restore: the offered session comes back — the Training tab's settings, then the deck at its
     * scene (a deck's case is never edited: an edit leaves the deck), else the case with its
     * edits and trained weights; then the cursor and the tab. Saving starts once it is shown.
     */
    public void restore() {
        Recovery r = offer.get();
        if (r == null) {
            return;
        }
        offer.set(null);
        training.showSettings(r.setup());
        if (r.deck() != null) {
            restoreDeck(r);
            return;
        }
        main.restore(r.kase(), r.file(), new MainViewModel.EditState(r.done(), r.undone(), r.clean(), r.savedAs()),
                r.cursor(), () -> shown(r));
    }

    private void restoreDeck(Recovery r) {
        boolean[] asked = new boolean[1];
        boolean[] done = new boolean[1];
        // the deck opens at its first scene; then the scene saved, then its cursor
        ChangeListener<DeckViewModel.Shown> scenes = new ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends DeckViewModel.Shown> o,
                                DeckViewModel.Shown a, DeckViewModel.Shown s) {
                if (s == null || done[0]) {
                    return;
                }
                if (s.resolved().index() == r.scene()) {
                    done[0] = true;
                    o.removeListener(this);
                    main.seek(r.cursor());
                    shown(r);
                } else if (!asked[0]) {
                    asked[0] = true;
                    Platform.runLater(() -> deck.goTo(r.scene(), false)); // after the first scene is applied
                }
            }
        };
        deck.shownProperty().addListener(scenes);
        // the deck could not be opened (a file gone): its problem is shown; the case comes back alone
        deck.busyProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean a, Boolean busy) {
                if (done[0]) {
                    o.removeListener(this);
                    return;
                }
                if (!busy) {
                    // a pulse later: a deck that opened is set by then (busy goes false first)
                    Platform.runLater(() -> {
                        if (!deck.isOpen() && !deck.busyProperty().get() && !done[0]) {
                            done[0] = true;
                            o.removeListener(this);
                            deck.shownProperty().removeListener(scenes);
                            main.restore(r.kase(), r.file(), new MainViewModel.EditState(r.done(), r.undone(),
                                    r.clean(), r.savedAs()), r.cursor(), () -> shown(r));
                        }
                    });
                }
            }
        });
        if (r.deck().equals(DeckFile.BUILTIN_CHAPTER5)) {
            deck.openBuiltin();
        } else {
            deck.open(Path.of(r.deck()));
        }
    }

    private void shown(Recovery r) {
        if (r.tab() != null) {
            try {
                showTab.accept(r.tab());
            } catch (IllegalArgumentException e) {
                // a tab this version does not have: the one shown stays
            }
        }
        main.showText("recovery.restored");
        arm();
        saveNow();
    }

    /** Discard: the offered session is forgotten and its file deleted; saving starts. */
    public void discard() {
        if (offer.get() == null) {
            return;
        }
        offer.set(null);
        writer.execute(() -> {
            try {
                store.discard();
            } catch (java.io.IOException | RuntimeException e) {
                // the next save replaces it
            }
        });
        arm();
    }

    /**
     * A normal quit: no more saves, and the recovery file is removed (waits up to five seconds
     * for the save under way, if any). Call it on the JavaFX thread as the app stops.
     */
    public void quit() {
        timer.stop();
        armed = false;
        CompletableFuture<Void> gone = CompletableFuture.runAsync(() -> {
            try {
                store.discard();
            } catch (java.io.IOException e) {
                // left behind: offered at the next start
            }
            store.release();
        }, writer);
        try {
            gone.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // left behind: offered at the next start
        }
        writer.shutdown();
    }

    /** Stops saving without touching the file (what a crash amounts to; tests, and the window's end). */
    public void stop() {
        timer.stop();
        armed = false;
        try {
            writer.execute(store::release);     // after the save under way: the slot is free for the next start
        } catch (java.util.concurrent.RejectedExecutionException e) {
            store.release();
        }
    }
}
