package org.unroll.ui;

import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.util.Callback;
import org.unroll.session.Background;
import org.unroll.session.Runner;
import org.unroll.ui.common.RecentFiles;
import org.unroll.ui.compare.CompareController;
import org.unroll.ui.compare.CompareViewModel;
import org.unroll.ui.export.ExportController;
import org.unroll.ui.export.ExportViewModel;
import org.unroll.ui.graph.GraphController;
import org.unroll.ui.inspector.InspectorController;
import org.unroll.ui.inspector.InspectorViewModel;
import org.unroll.ui.model.FusedKernelController;
import org.unroll.ui.model.FusedKernelViewModel;
import org.unroll.ui.model.ModelPanelController;
import org.unroll.ui.model.ModelPanelViewModel;
import org.unroll.ui.stepper.StepperController;
import org.unroll.ui.training.TrainingController;
import org.unroll.ui.training.TrainingViewModel;

/**
 * The app's view-models and services, made once per window. Each view-model gets what it needs in
 * its constructor; each controller gets only its own view-model ({@link #controllers()}, the FXML
 * loaders' controller factory), never the context.
 */
public final class AppContext {

    private final Background background;
    private final MainViewModel main;
    private final InspectorViewModel inspector;
    private final ModelPanelViewModel model;
    private final FusedKernelViewModel fused;
    private final TrainingViewModel training;
    private final CompareViewModel compare;
    private final ExportViewModel export;
    private final org.unroll.ui.deck.DeckViewModel deck;
    private final org.unroll.ui.worksheet.WorksheetViewModel worksheet;
    private final org.unroll.ui.importer.ImportViewModel importer;
    private final org.unroll.ui.edit.EditViewModel edit;
    private final org.unroll.ui.gradcheck.GradCheckViewModel gradCheck;

    /** A context whose training runs synchronously on the calling thread (tests). */
    public AppContext(Background background, RecentFiles recent, Locale locale) {
        this(background, recent, locale, Runner::synchronous, Runnable::run, name -> background);
    }

    /**
     * @param runners makes the runner of the training tab (and, twice, of the comparison)
     * @param ui runs code on the UI thread
     * @param workers makes a worker for one kind of drawing work by name (see {@link MainViewModel#worker})
     */
    public AppContext(Background background, RecentFiles recent, Locale locale, Supplier<Runner> runners, Executor ui,
                      java.util.function.Function<String, Background> workers) {
        this(background, recent, locale, runners, ui, workers, null);
    }

    /**
     * @param runners makes the runner of the training tab (and, twice, of the comparison)
     * @param ui runs code on the UI thread
     * @param workers makes a worker for one kind of drawing work by name (see {@link MainViewModel#worker})
     * @param checkpoints where the Training tab autosaves its run and finds one left unfinished
     *     (null: no autosave; the app passes {@link org.unroll.session.CheckpointStore#forUser()})
     */
    public AppContext(Background background, RecentFiles recent, Locale locale, Supplier<Runner> runners, Executor ui,
                      java.util.function.Function<String, Background> workers,
                      org.unroll.session.CheckpointStore checkpoints) {
        this(background, recent, locale, runners, ui, workers, checkpoints, null);
    }

    /**
     * @param runners makes the runner of the training tab (and, twice, of the comparison)
     * @param ui runs code on the UI thread
     * @param workers makes a worker for one kind of drawing work by name (see {@link MainViewModel#worker})
     * @param checkpoints where the Training tab autosaves its run (null: no autosave)
     * @param recovery where the session is saved for crash recovery and found after a crash (ADR 0033;
     *     null: no recovery; the app passes {@link org.unroll.session.RecoveryStore#forUser()})
     */
    public AppContext(Background background, RecentFiles recent, Locale locale, Supplier<Runner> runners, Executor ui,
                      java.util.function.Function<String, Background> workers,
                      org.unroll.session.CheckpointStore checkpoints, org.unroll.session.RecoveryStore recovery) {
        this.background = background;
        this.main = new MainViewModel(background, recent, locale, workers);
        this.inspector = new InspectorViewModel(main);
        this.model = new ModelPanelViewModel((work, shown) -> main.build(work, shown));
        this.model.follow(main.sessionProperty());
        this.fused = new FusedKernelViewModel(background, main);
        this.training = new TrainingViewModel(background, runners, ui, main, checkpoints);
        this.compare = new CompareViewModel(background, runners, ui, main);
        this.export = new ExportViewModel(background, main, training, compare, ui);
        this.deck = new org.unroll.ui.deck.DeckViewModel(background, main, System::nanoTime, ui);
        this.worksheet = new org.unroll.ui.worksheet.WorksheetViewModel(background, main);
        this.importer = new org.unroll.ui.importer.ImportViewModel(background, main);
        this.edit = new org.unroll.ui.edit.EditViewModel(main);
        this.gradCheck = new org.unroll.ui.gradcheck.GradCheckViewModel(main, main.worker("unroll-gradcheck"), ui);
        this.recovery = recovery == null ? null : new RecoveryKeeper(recovery, main, training, deck);
    }

    private final RecoveryKeeper recovery;

    /** Crash recovery (ADR 0033), or null without a recovery store. */
    public RecoveryKeeper recovery() {
        return recovery;
    }

    /**
     * The controller factory of the window's FXML files: the shell's controller gets the main and
     * the export view-models (it opens the Export dialog), the stepper and the graph the main
     * view-model (whose session and cursor they show), every other feature its own view-model.
     */
    public Callback<Class<?>, Object> controllers() {
        return type -> {
            if (type == MainController.class) {
                return new MainController(main, export, deck, importer, worksheet);
            } else if (type == StepperController.class) {
                return new StepperController(main);
            } else if (type == GraphController.class) {
                return new GraphController(main);
            } else if (type == InspectorController.class) {
                return new InspectorController(inspector);
            } else if (type == ModelPanelController.class) {
                return new ModelPanelController(model);
            } else if (type == FusedKernelController.class) {
                return new FusedKernelController(fused);
            } else if (type == TrainingController.class) {
                return new TrainingController(training);
            } else if (type == CompareController.class) {
                return new CompareController(compare);
            } else if (type == ExportController.class) {
                return new ExportController(export);
            } else if (type == org.unroll.ui.edit.EditController.class) {
                return new org.unroll.ui.edit.EditController(edit);
            } else if (type == org.unroll.ui.gradcheck.GradCheckController.class) {
                return new org.unroll.ui.gradcheck.GradCheckController(gradCheck);
            }
            throw new IllegalStateException("no controller " + type.getName());
        };
    }

    public TrainingViewModel training() {
        return training;
    }

    public CompareViewModel compare() {
        return compare;
    }

    public ExportViewModel export() {
        return export;
    }

    /** The deck being presented (File ▸ Open Deck), its presenter view and handout. */
    public org.unroll.ui.deck.DeckViewModel deck() {
        return deck;
    }

    /** File ▸ Worksheet…'s choices and writing. */
    public org.unroll.ui.worksheet.WorksheetViewModel worksheet() {
        return worksheet;
    }

    /** File ▸ Import…: another framework's file. */
    public org.unroll.ui.importer.ImportViewModel importer() {
        return importer;
    }

    /** Editing the numbers under the inspector. */
    public org.unroll.ui.edit.EditViewModel edit() {
        return edit;
    }

    /** The gradient-check panel (View ▸ Gradient check…). */
    public org.unroll.ui.gradcheck.GradCheckViewModel gradCheck() {
        return gradCheck;
    }

    public Background background() {
        return background;
    }

    public MainViewModel main() {
        return main;
    }

    public InspectorViewModel inspector() {
        return inspector;
    }

    public ModelPanelViewModel model() {
        return model;
    }

    public FusedKernelViewModel fused() {
        return fused;
    }
}
