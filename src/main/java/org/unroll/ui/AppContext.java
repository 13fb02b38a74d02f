package org.unroll.ui;

import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.unroll.session.Background;
import org.unroll.session.Runner;
import org.unroll.ui.common.RecentFiles;
import org.unroll.ui.compare.CompareViewModel;
import org.unroll.ui.export.ExportViewModel;
import org.unroll.ui.inspector.InspectorViewModel;
import org.unroll.ui.model.ModelPanelViewModel;
import org.unroll.ui.training.TrainingViewModel;

/**
 * The app's view-models and services, made once per window and handed to every controller (the
 * FXML loader's controller factory passes it to their constructors).
 */
public final class AppContext {

    private final Background background;
    private final MainViewModel main;
    private final InspectorViewModel inspector;
    private final ModelPanelViewModel model;
    private final TrainingViewModel training;
    private final CompareViewModel compare;
    private final ExportViewModel export;

    /** A context whose training runs synchronously on the calling thread (tests). */
    public AppContext(Background background, RecentFiles recent, Locale locale) {
        this(background, recent, locale, Runner::synchronous, Runnable::run);
    }

    /**
     * @param runners makes the runner of the training tab (and, twice, of the comparison)
     * @param ui runs code on the UI thread
     */
    public AppContext(Background background, RecentFiles recent, Locale locale, Supplier<Runner> runners, Executor ui) {
        this.background = background;
        this.main = new MainViewModel(background, recent, locale);
        this.inspector = new InspectorViewModel(main);
        this.model = new ModelPanelViewModel();
        this.training = new TrainingViewModel(background, runners, ui, main);
        this.compare = new CompareViewModel(background, runners, ui, main);
        this.export = new ExportViewModel(background, main, training, compare, ui);
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
}
