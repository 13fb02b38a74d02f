package org.unroll.ui.training;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.unroll.charts.PlotData;
import org.unroll.charts.PlotOptions;
import org.unroll.engine.CellType;
import org.unroll.engine.Dataset;
import org.unroll.engine.OptimizerKind;
import org.unroll.engine.TrainingConfig;
import org.unroll.graph.Node;
import org.unroll.graph.UnrolledGraph;
import org.unroll.schedule.Event;
import org.unroll.schedule.Phase;
import org.unroll.engine.Readable;
import org.unroll.session.Background;
import org.unroll.session.Checkpoint;
import org.unroll.session.CheckpointStore;
import org.unroll.session.Latest;
import org.unroll.session.Runner;
import org.unroll.session.TrainingRun;
import org.unroll.session.TrainingSetup;
import org.unroll.session.TrainingSnapshot;
import org.unroll.ui.MainViewModel;
import org.unroll.view.Messages;
import org.unroll.view.Session;

/**
 * The Training tab: the form, the run's controls and progress, and the datasets of the live plots.
 * Training runs on the {@link Runner} given (a daemon thread in the app, the calling thread in
 * tests); the plot datasets are built on that thread ({@link PlotData}) and handed to the UI
 * thread through {@code ui} (Platform.runLater in the app), at most one hand-over pending at a
 * time, so the UI thread only swaps datasets. When training pauses, stops or finishes, the main
 * window's session becomes {@link TrainingRun#toCase} of the last snapshot, so stepping shows the
 * weights the plots describe.
 */
public final class TrainingViewModel {

    /** The tasks offered. */
    public enum Task {
        SINE, ADDING, CSV
    }

    private final Supplier<Runner> runners;
    private final Executor ui;
    private final MainViewModel main;

    private final ObjectProperty<Task> task = new SimpleObjectProperty<>(Task.SINE);
    private final IntegerProperty addingLength = new SimpleIntegerProperty(50);
    private final IntegerProperty addingCount = new SimpleIntegerProperty(200);
    private final StringProperty csvFile = new SimpleStringProperty("");
    private final ObjectProperty<CellType> cell = new SimpleObjectProperty<>(CellType.LSTM);
    private final ObjectProperty<org.unroll.engine.GateActivation> gateActivation =
            new SimpleObjectProperty<>(org.unroll.engine.GateActivation.SIGMOID);
    private final IntegerProperty hidden = new SimpleIntegerProperty(8);
    private final ObjectProperty<OptimizerKind> optimizer = new SimpleObjectProperty<>(OptimizerKind.ADAM);
    private final DoubleProperty learningRate = new SimpleDoubleProperty(0.01);
    private final IntegerProperty batchSize = new SimpleIntegerProperty(10);
    private final IntegerProperty epochs = new SimpleIntegerProperty(200);
    private final DoubleProperty clip = new SimpleDoubleProperty(1.0);
    private final IntegerProperty truncation = new SimpleIntegerProperty(0);
    private final IntegerProperty seed = new SimpleIntegerProperty(1);
    private final StringProperty units = new SimpleStringProperty("0, 1");
    private final StringProperty parameter = new SimpleStringProperty("");
    private final BooleanProperty logLoss = new SimpleBooleanProperty(false);
    private final BooleanProperty plotsShown = new SimpleBooleanProperty(true);
    private final BooleanProperty retrace = new SimpleBooleanProperty(true);
    // the books' presets and what they need (ADR 0023); the defaults are the tab's settings before them
    private final ObjectProperty<org.unroll.engine.InitScheme> init =
            new SimpleObjectProperty<>(org.unroll.engine.InitScheme.GLOROT_UNIFORM);
    private final IntegerProperty validationPercent = new SimpleIntegerProperty(10);
    private final BooleanProperty validationLast = new SimpleBooleanProperty(false);
    private final IntegerProperty patience = new SimpleIntegerProperty(0);
    private final ObjectProperty<org.unroll.engine.EarlyStopping.Monitor> monitor =
            new SimpleObjectProperty<>(org.unroll.engine.EarlyStopping.Monitor.VALIDATION_LOSS);
    private final BooleanProperty resetAfter = new SimpleBooleanProperty(false);
    private final ObjectProperty<org.unroll.session.BookPresets.Preset> preset = new SimpleObjectProperty<>();

    private final ReadOnlyObjectWrapper<TrainingRun.State> state = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<PlotData> plots = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Double> progress = new ReadOnlyObjectWrapper<>(0.0);
    private final ReadOnlyIntegerWrapper redraws = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper markedStep = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    /** Whether the run shown diverged (it halted on its last good epoch's weights). */
    private final ReadOnlyBooleanWrapper diverged = new ReadOnlyBooleanWrapper();

    /** The progress line, in the language shown (formatted again when it changes). */
    private final org.unroll.ui.common.LocalText progressText;
    private final AtomicReference<PlotData> pending = new AtomicReference<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** The plot controls' choices as {@link PlotData} takes them (read on the training thread). */
    private volatile PlotOptions plotOptions = PlotOptions.DEFAULTS;
    private TrainingRun run;
    private Runner runner;
    // ---- checkpoints (ADR 0024) ----
    private final Background background;
    private final CheckpointStore store;
    /** The checkpoint of a run left unfinished when the app last closed, offered to resume; null when none. */
    private final ReadOnlyObjectWrapper<Checkpoint> resumeOffer = new ReadOnlyObjectWrapper<>();
    private final org.unroll.ui.common.LocalText resumeText;
    /** The app autosaves the run after this many epochs … */
    static final int AUTOSAVE_EPOCHS = 100;
    /** … or after the first epoch past this much time since the last save, and whenever it pauses. */
    static final long AUTOSAVE_NANOS = 30_000_000_000L;
    private volatile int autosaveEpochs = AUTOSAVE_EPOCHS;
    /** Held while an autosave writes, and by {@link #quit()}. */
    private final Object autosaving = new Object();
    /** Set by {@link #quit()}: no more autosaves (the checkpoint's slot is given up); guarded by {@link #autosaving}. */
    private boolean quitting;
    /** Building the next run's data (a newer Start cancels an older one). */
    private final Latest starts;
    /** Re-plotting the halted run for new plot options; a newer choice, a new run or Reset cancels it. */
    private final Latest replots;
    /**
     * Live redraws a second. Measured on 2 cores (sine, LSTM H=8, 2000 epochs, six charts, software
     * rendering): 30/s cost training about half its speed (143 against 235–276 epochs/s with the
     * plots hidden), 15/s about a quarter (189), 10/s about a tenth to a fifth (209–222).
     */
    static final int LIVE_REDRAWS_PER_SECOND = 10;

    private volatile int snapshotsPerSecond = LIVE_REDRAWS_PER_SECOND;

    /**
     * @param background where the dataset is built (reading a CSV file)
     * @param runners makes the runner of a run (called once per view-model)
     * @param ui runs code on the UI thread
     * @param main the main window's view-model (its session follows the training)
     */
    public TrainingViewModel(Background background, Supplier<Runner> runners, Executor ui, MainViewModel main) {
        this(background, runners, ui, main, null);
    }

    /**
     * @param background where the dataset is built (reading a CSV file) and the autosave is read
     * @param runners makes the runner of a run (called once per view-model)
     * @param ui runs code on the UI thread
     * @param main the main window's view-model (its session follows the training)
     * @param store where the run autosaves its checkpoint and where a run left unfinished is found
     *     (null: no autosave, no offer to resume)
     */
    public TrainingViewModel(Background background, Supplier<Runner> runners, Executor ui, MainViewModel main,
                             CheckpointStore store) {
        this.background = Objects.requireNonNull(background);
        this.store = store;
        this.resumeText = new org.unroll.ui.common.LocalText(main.bundleProperty());
        this.starts = new Latest(Objects.requireNonNull(background));
        this.replots = new Latest(background);
        this.runners = Objects.requireNonNull(runners);
        this.ui = Objects.requireNonNull(ui);
        this.main = Objects.requireNonNull(main);
        this.progressText = new org.unroll.ui.common.LocalText(main.bundleProperty());
        units.addListener((o, a, b) -> {
            plotOptions = plotOptions.withUnits(PlotOptions.parseUnits(b));
            replot();
        });
        parameter.addListener((o, a, b) -> {
            plotOptions = plotOptions.withParameter(b);
            replot();
        });
        // editing the numbers is off while the run trains (it would overwrite the weights)
        running.addListener((o, a, r) -> main.setTrainingRuns(r));
        main.selectedProperty().addListener((o, a, n) -> markedStep.set(n == null || n.step() < 1 ? -1 : n.step()));
        main.cursorProperty().addListener((o, a, c) -> {
            Event e = c == null ? null : c.current().orElse(null);
            if (main.selectedProperty().get() == null) {
                markedStep.set(e == null || e.node().step() < 1 ? -1 : e.node().step());
            }
        });
        updateProgress(null);
        if (store != null) {
            background.run(store::load, c -> c.ifPresent(this::offer), err -> { });
        }
    }

    // ---- the form ----

    public ObjectProperty<Task> taskProperty() {
        return task;
    }

    public IntegerProperty addingLengthProperty() {
        return addingLength;
    }

    public IntegerProperty addingCountProperty() {
        return addingCount;
    }

    public StringProperty csvFileProperty() {
        return csvFile;
    }

    /** The gates' squash of an LSTM or GRU (sigmoid, or Keras 2's hard sigmoid); ignored for the RNN. */
    public ObjectProperty<org.unroll.engine.GateActivation> gateActivationProperty() {
        return gateActivation;
    }

    public ObjectProperty<CellType> cellProperty() {
        return cell;
    }

    public IntegerProperty hiddenProperty() {
        return hidden;
    }

    public ObjectProperty<OptimizerKind> optimizerProperty() {
        return optimizer;
    }

    public DoubleProperty learningRateProperty() {
        return learningRate;
    }

    public IntegerProperty batchSizeProperty() {
        return batchSize;
    }

    public IntegerProperty epochsProperty() {
        return epochs;
    }

    /** The largest gradient norm; 0 means no clipping. */
    public DoubleProperty clipProperty() {
        return clip;
    }

    /** Truncated BPTT's k; 0 means full BPTT. */
    public IntegerProperty truncationProperty() {
        return truncation;
    }

    public IntegerProperty seedProperty() {
        return seed;
    }

    /** The units plotted as lines, "0, 1". */
    public StringProperty unitsProperty() {
        return units;
    }

    /** The parameter whose per-step gradient terms are plotted ("" for the cell's recurrent matrix). */
    public StringProperty parameterProperty() {
        return parameter;
    }

    public BooleanProperty logLossProperty() {
        return logLoss;
    }

    /** Whether the plots are drawn (hidden: training runs without the drawing). */
    public BooleanProperty plotsShownProperty() {
        return plotsShown;
    }

    /** Whether the stepper re-traces the sample when training halts. */
    public BooleanProperty retraceProperty() {
        return retrace;
    }

    /** How the initial weights are drawn. */
    public ObjectProperty<org.unroll.engine.InitScheme> initProperty() {
        return init;
    }

    /** The percentage of the samples held out for validation (0 … 90). */
    public IntegerProperty validationPercentProperty() {
        return validationPercent;
    }

    /** Whether the last samples are held out (else a seeded random choice). */
    public BooleanProperty validationLastProperty() {
        return validationLast;
    }

    /** Early stopping's patience in epochs; 0 means off. */
    public IntegerProperty patienceProperty() {
        return patience;
    }

    /** The loss early stopping watches. */
    public ObjectProperty<org.unroll.engine.EarlyStopping.Monitor> monitorProperty() {
        return monitor;
    }

    /** A GRU's reset gate after the recurrent product. */
    public BooleanProperty resetAfterProperty() {
        return resetAfter;
    }

    /** The preset last chosen, or null (the form may have been edited since). */
    public ObjectProperty<org.unroll.session.BookPresets.Preset> presetProperty() {
        return preset;
    }

    /**
     * Fills the form with a preset's settings (task, its data sizes, cell, gates, H, optimiser, η,
     * batch, epochs, clipping, truncation, seed, initialisation, validation split, early stopping)
     * and remembers it as the chosen preset. The CSV file and the plot choices are kept.
     *
     * @param p the preset (not modified); null does nothing
     */
    public void applyPreset(org.unroll.session.BookPresets.Preset p) {
        if (p == null) {
            return;
        }
        fill(p.setup());
        preset.set(p);
    }

    // ---- what the view shows ----

    /** The run's state, null before the first start. */
    /** The type size of the plots: the main window's presentation (View ▸ Presentation). */
    public ReadOnlyObjectProperty<org.unroll.view.Presentation> presentationProperty() {
        return main.presentationProperty();
    }

    /** The notation of the plots' legends: the main window's (View ▸ Notation). */
    public ReadOnlyObjectProperty<org.unroll.graph.Notation> notationProperty() {
        return main.notationProperty();
    }

    public ReadOnlyObjectProperty<TrainingRun.State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Whether the run diverged and halted, its last good weights kept (ADR 0024, 0033). */
    public ReadOnlyBooleanProperty divergedProperty() {
        return diverged.getReadOnlyProperty();
    }

    /** Whether a run is RUNNING (the form is locked). */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The datasets of the last snapshot handed to the UI, or null. */
    public ReadOnlyObjectProperty<PlotData> plotsProperty() {
        return plots.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.property();
    }

    /** 0 … 1. */
    public ReadOnlyObjectProperty<Double> progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** How many snapshots reached the UI thread since the view-model was made. */
    public ReadOnlyIntegerProperty redrawsProperty() {
        return redraws.getReadOnlyProperty();
    }

    /** The time step marked in every plot: the selected node's, else the cursor's; -1 for none. */
    public ReadOnlyIntegerProperty markedStepProperty() {
        return markedStep.getReadOnlyProperty();
    }

    /** How many snapshots a second the plots get at most (tests raise it). */
    public void setSnapshotsPerSecond(int n) {
        snapshotsPerSecond = n;
    }

    /** The plot controls' choices (units, parameter) as {@link PlotData} and an export take them. */
    public PlotOptions plotOptions() {
        return plotOptions;
    }

    /** The current run, or null. */
    public TrainingRun run() {
        return run;
    }

    // ---- controls ----

    /** Builds the dataset and a new run from the form and starts it (a paused run resumes instead). */
    public void start() {
        if (run != null && run.state() == TrainingRun.State.PAUSED) {
            resume();
            return;
        }
        if (run != null && run.state() == TrainingRun.State.RUNNING) {
            return;
        }
        TrainingSetup setup = setup();
        running.set(true);
        starts.submit(() -> {
            Dataset data = setup.dataset();
            TrainingConfig config = setup.config(data);
            Checkpoint.DataId id = store == null ? null : Checkpoint.DataId.of(setup, data);
            return new Started(new TrainingRun(config, data, runner(), 0, snapshotsPerSecond, System::nanoTime), id);
        }, st -> begin(st.run(), setup, st.id()), err -> {
            running.set(false);
            progressText.set("training.failed", err instanceof org.unroll.engine.Message.Localized
                    ? err : err.getMessage() == null ? err.toString() : err.getMessage());
        });
    }

    /** The form as a training setup. */
    public TrainingSetup setup() {
        String csv = csvFile.get();
        return new TrainingSetup(TrainingSetup.Task.valueOf(task.get().name()), addingLength.get(), addingCount.get(),
                csv == null || csv.isBlank() ? null : Path.of(csv), cell.get(), hidden.get(), optimizer.get(),
                learningRate.get(), batchSize.get(), epochs.get(), clip.get(), truncation.get(), seed.get())
                .toBuilder().gateActivation(gateActivation.get())
                .init(init.get())
                .validation(new org.unroll.engine.ValidationSplit(validationPercent.get() / 100.0, !validationLast.get()))
                .earlyStopping(new org.unroll.engine.EarlyStopping(patience.get(), monitor.get()))
                .resetAfter(resetAfter.get())
                .build();
    }

    private Runner runner() {
        if (runner == null) {
            runner = runners.get();
        }
        return runner;
    }

    /** A run built off the UI thread, with its data's identity for the autosave (null without a store). */
    private record Started(TrainingRun run, Checkpoint.DataId id) {
    }

    private void begin(TrainingRun r, TrainingSetup setup, Checkpoint.DataId id) {
        replots.cancel(); // plots of the old run
        if (run != null) {
            run.reset(); // abandons the old loop
        }
        run = r;
        diverged.set(false);
        resumeOffer.set(null); // this run's autosave replaces the one offered
        if (store != null) {
            if (r.history().size() == 0) {
                discardAutosave();
            }
            r.setCheckpointing(autosaveEpochs, AUTOSAVE_NANOS, saved -> autosave(setup, id, r.config(), saved));
        }
        r.addStateListener(s -> ui.execute(() -> {
            if (run == r) {
                state.set(s);
                running.set(s == TrainingRun.State.RUNNING);
            }
            if (store != null && s.isTerminal()) {
                discardAutosave(); // a run that will not go on leaves nothing to resume
            }
        }));
        r.addSnapshotListener(snap -> onSnapshot(r, snap));
        r.start();
    }

    /** On the training thread: build the datasets, hand them over (one hand-over pending at most). */
    private void onSnapshot(TrainingRun r, TrainingSnapshot snap) {
        if (!snap.hasTrace()) {
            if (snap.last()) {
                ui.execute(() -> finished(r, snap));
            }
            return;
        }
        PlotData d = PlotData.of(snap, r.history(), r.sample(), plotOptions);
        pending.set(d);
        if (scheduled.compareAndSet(false, true)) {
            ui.execute(() -> {
                scheduled.set(false);
                PlotData p = pending.getAndSet(null);
                if (p != null && run == r) {
                    show(p);
                }
            });
        }
        if (snap.last()) {
            ui.execute(() -> finished(r, snap));
        }
    }

    /** While halted, the plots follow a change of units or parameter (built off the UI thread). */
    private void replot() {
        TrainingRun r = run;
        if (r == null || r.state() == TrainingRun.State.RUNNING || r.latest() == null || !r.latest().hasTrace()) {
            return;
        }
        TrainingSnapshot snap = r.latest();
        PlotOptions o = plotOptions;
        replots.submit(() -> PlotData.of(snap, r.history(), r.sample(), o), plots::set, err -> { });
    }

    private void show(PlotData p) {
        updateProgress(p.snapshot());
        if (plotsShown.get()) {
            plots.set(p);
            redraws.set(redraws.get() + 1);
        }
    }

    private void finished(TrainingRun r, TrainingSnapshot snap) {
        if (run != r) {
            return;
        }
        updateProgress(snap);
        TrainingRun.State s = snap.state();
        if (s == TrainingRun.State.FAILED) {
            RuntimeException why = r.failure();
            if (why instanceof org.unroll.engine.Trainer.Diverged d) {
                progressText.show(b -> diverged(b, d));
            } else {
                String m = snap.message() == null ? "?" : snap.message();
                progressText.set("training.failed", m);
            }
        }
        // a run that diverged kept its last good epoch's weights (ADR 0024): the stepper shows them
        boolean diverged = s == TrainingRun.State.FAILED && r.failure() instanceof org.unroll.engine.Trainer.Diverged;
        this.diverged.set(diverged);
        Runnable said = () -> { };
        if (diverged) {
            org.unroll.engine.Trainer.Diverged d = (org.unroll.engine.Trainer.Diverged) r.failure();
            // the window's status bar says it too, short, whichever tab is shown (ADR 0033)
            said = () -> main.showText(b -> Messages.format(b, "status.diverged", d.epoch(),
                    d.parameter() == null ? "" : Messages.format(b, "status.diverged.parameter", d.parameter()),
                    d.epoch() - 1));
        }
        if (retrace.get() && snap.hasTrace()
                && (s == TrainingRun.State.PAUSED || s == TrainingRun.State.STOPPED || s == TrainingRun.State.DONE
                        || diverged)) {
            main.build(() -> r.toCase(snap), said);
        } else {
            said.run();
        }
    }

    public void pause() {
        if (run != null) {
            run.pause();
        }
    }

    public void resume() {
        if (run != null) {
            run.resume();
        }
    }

    public void stop() {
        if (run != null) {
            run.stop();
        }
    }

    /** Back to the initial weights of the current run, with empty plots. */
    public void reset() {
        diverged.set(false);
        if (run != null) {
            run.reset();
            if (store != null) {
                discardAutosave();
            }
        }
        replots.cancel();
        pending.set(null);
        plots.set(null);
        updateProgress(null);
    }

    /**
     * A plot was clicked at time step t: the stepper moves to the forward event of h(t) and the
     * node h(t) is selected.
     *
     * @return whether the main session has such a step
     */
    public boolean pickStep(int t) {
        Session s = main.getSession();
        if (s == null || t < 1 || t > s.trace().length()) {
            return false;
        }
        UnrolledGraph g = s.graph();
        Node n = g.node("h", t);
        for (Event e : s.schedule().events()) {
            if (e.phase() == Phase.FORWARD && e.node().equals(n)) {
                main.seek(e.index());
                break;
            }
        }
        main.select(n);
        markedStep.set(t);
        return true;
    }

    private void updateProgress(TrainingSnapshot s) {
        if (s == null) {
            progressText.set("training.idle");
            progress.set(0.0);
            return;
        }
        String speed = String.format(java.util.Locale.ROOT, "%.1f", s.epochsPerSecond());
        // a run that will not go on (stopped, done, failed) has no time left: it says how long it trained
        boolean over = s.state().isTerminal();
        // done before its epochs: early stopping ended it (ADR 0023), and the run is complete (a full bar)
        boolean early = s.state() == TrainingRun.State.DONE && s.epoch() < s.epochs();
        progress.set(early ? 1.0 : s.progress());
        progressText.set(early ? "training.progress.early" : over ? "training.progress.over" : "training.progress",
                s.epoch(), s.epochs(), loss(s.trainLoss()), loss(s.validationLoss()),
                time(over ? s.elapsed() : s.remaining()), speed);
    }

    private static String loss(double v) {
        return Double.isFinite(v) ? Readable.number(v) : "—";
    }

    /** Divergence in the language shown: the epoch, what crossed the line, the weights kept, what to change. */
    static String diverged(java.util.ResourceBundle b, org.unroll.engine.Trainer.Diverged d) {
        String what = switch (d.cause()) {
            case LOSS -> Messages.format(b, "training.diverged.loss", Readable.number(d.value()));
            case GRADIENT -> Messages.format(b, "training.diverged.gradient", Readable.number(d.value()));
            case GROWTH -> Messages.format(b, "training.diverged.growth", Readable.number(d.value()),
                    Readable.number(d.referenceLoss()));
        };
        if (d.parameter() != null) {
            what += Messages.format(b, "training.diverged.parameter", d.parameter(), Readable.number(d.parameterNorm()));
        }
        String clip = d.clipped()
                ? Messages.format(b, "training.diverged.clipHarder", Readable.number(d.clipNorm()),
                        Readable.number(d.suggestedClip()))
                : Messages.format(b, "training.diverged.clip", Readable.number(d.suggestedClip()));
        return Messages.format(b, "training.diverged", d.epoch(), what, d.epoch() - 1,
                Readable.number(d.learningRate()), clip);
    }

    // ---- checkpoints: autosave, and the offer to resume (ADR 0024) ----

    /** The checkpoint of a run left unfinished, offered to resume (null: none). */
    public ReadOnlyObjectProperty<Checkpoint> resumeOfferProperty() {
        return resumeOffer.getReadOnlyProperty();
    }

    /** "Resume training from epoch N (LSTM, noisy sine)?" in the language shown ("" without an offer). */
    public ReadOnlyStringProperty resumeTextProperty() {
        return resumeText.property();
    }

    /** The autosave's file, or null without a store. */
    public java.nio.file.Path autosaveFile() {
        return store == null ? null : store.file();
    }

    /** How many epochs between autosaves (tests lower it; from the next run on). */
    public void setAutosaveEpochs(int n) {
        autosaveEpochs = n;
    }

    private void offer(Checkpoint c) {
        resumeOffer.set(c);
        String task = "training.task." + c.setup().task().name().toLowerCase(java.util.Locale.ROOT);
        resumeText.show(b -> Messages.format(b, "training.resumeSaved.offer", c.epoch(), c.config().model().cell().name(),
                b.getString(task)));
    }

    /**
     * Resumes the offered checkpoint: rebuilds its data off the UI thread (refusing other data),
     * restores a run to it, shows its settings in the form and continues it. Nothing without an offer.
     */
    public void resumeSaved() {
        Checkpoint c = resumeOffer.get();
        if (c == null || running.get()) {
            return;
        }
        resumeOffer.set(null);
        running.set(true);
        Runner rn = runner();
        int sps = snapshotsPerSecond;
        starts.submit(() -> {
            Dataset data = c.dataset();
            TrainingRun r = new TrainingRun(c.config(), data, rn, 0, sps, System::nanoTime);
            r.restore(c.state(), c.history(), c.elapsedNanos());
            return r;
        }, r -> {
            showSetup(c.setup());
            begin(r, c.setup(), c.data());
        }, err -> {
            running.set(false);
            progressText.set("training.resumeSaved.failed", err instanceof org.unroll.engine.Message.Localized
                    ? err : err.getMessage() == null ? err.toString() : err.getMessage());
        });
    }

    /** Forgets the offered checkpoint and deletes its file (off the UI thread). */
    public void discardSaved() {
        resumeOffer.set(null);
        discardAutosave();
    }

    /** Puts a setup's settings in the form, the CSV file too (the recovery file brings them back, ADR 0033). */
    public void showSettings(TrainingSetup s) {
        if (s != null && !running.get()) {
            showSetup(s);
        }
    }

    private void showSetup(TrainingSetup s) {
        fill(s);
        csvFile.set(s.csv() == null ? "" : s.csv().toString());
    }

    /** Puts a setup's settings in the form, all but the CSV file (a preset keeps the one chosen). */
    private void fill(TrainingSetup s) {
        task.set(Task.valueOf(s.task().name()));
        addingLength.set(s.addingLength());
        addingCount.set(s.addingCount());
        cell.set(s.cell());
        gateActivation.set(s.gateActivation());
        hidden.set(s.hidden());
        optimizer.set(s.optimizer());
        learningRate.set(s.learningRate());
        batchSize.set(s.batch());
        epochs.set(s.epochs());
        clip.set(s.clip());
        truncation.set(s.truncation());
        seed.set((int) s.seed());
        init.set(s.init());
        validationPercent.set((int) Math.round(s.validation().fraction() * 100));
        validationLast.set(!s.validation().shuffled());
        patience.set(s.earlyStopping().patience());
        monitor.set(s.earlyStopping().monitor());
        resetAfter.set(s.resetAfter());
    }

    /** Training thread: writes the checkpoint; a failure leaves the last one (the run goes on). */
    private void autosave(TrainingSetup setup, Checkpoint.DataId id, TrainingConfig config, TrainingRun.Saved saved) {
        synchronized (autosaving) {
            if (quitting) {
                return;     // the app is quitting: its slot is given up, and another app may take it
            }
            try {
                store.save(Checkpoint.of(setup, id, config, saved));
            } catch (java.io.IOException | RuntimeException e) {
                // a full disk or a read-only home: training matters more than its autosave
            }
        }
    }

    /**
     * A normal quit (the app's stop): no more autosaves, and the checkpoint's slot is given up
     * (ADR 0043). A run left unfinished keeps its last autosave, offered at the next start, as after
     * a kill. Nothing without a store.
     */
    public void quit() {
        if (store == null) {
            return;
        }
        synchronized (autosaving) {     // after the autosave under way, if any: it is kept whole
            quitting = true;
            store.release();
        }
    }

    private void discardAutosave() {
        background.run(() -> {
            store.discard();
            return null;
        }, x -> { }, err -> { });
    }

    private static String time(Duration d) {
        if (d == null) {
            return "—";
        }
        long sec = d.toSeconds();
        return sec >= 60 ? (sec / 60) + ":" + String.format("%02d", sec % 60) : d.toMillis() / 100 / 10.0 + " s";
    }
}
