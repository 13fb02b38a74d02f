package org.unroll.ui;

import java.util.Locale;
import org.unroll.session.Background;

/**
 * The app's view-models and services, made once per window and handed to every controller (the
 * FXML loader's controller factory passes it to their constructors).
 */
public final class AppContext {

    private final Background background;
    private final MainViewModel main;
    private final InspectorViewModel inspector;
    private final ModelPanelViewModel model;

    public AppContext(Background background, RecentFiles recent, Locale locale) {
        this.background = background;
        this.main = new MainViewModel(background, recent, locale);
        this.inspector = new InspectorViewModel(main);
        this.model = new ModelPanelViewModel();
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
