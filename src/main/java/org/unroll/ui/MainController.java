package org.unroll.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.stage.FileChooser;
import javafx.util.Subscription;
import org.unroll.export.ExportView;
import org.unroll.graph.Notation;
import org.unroll.ui.compare.CompareController;
import org.unroll.ui.export.ExportController;
import org.unroll.ui.export.ExportDialog;
import org.unroll.ui.export.ExportViewModel;
import org.unroll.ui.graph.GraphController;
import org.unroll.ui.graph.GraphView;
import org.unroll.ui.inspector.InspectorController;
import org.unroll.ui.model.ModelPanelController;
import org.unroll.ui.stepper.StepperController;
import org.unroll.ui.training.TrainingController;

/** The main window: menus and status bar bound to {@link MainViewModel}; the features are included. */
public final class MainController {

    private final MainViewModel vm;
    private final ExportViewModel export;
    /** File ▸ Import…: another framework's file (ADR 0021). */
    private final org.unroll.ui.importer.ImportViewModel importer;
    private final org.unroll.ui.deck.DeckViewModel deck;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final ListChangeListener<Path> recentListener = c -> fillRecent();

    @FXML private BorderPane root;
    @FXML private ResourceBundle resources;
    @FXML private Menu fileMenu;
    @FXML private Menu recentMenu;
    @FXML private Menu viewMenu;
    @FXML private Menu helpMenu;
    @FXML private RadioMenuItem englishItem;
    @FXML private RadioMenuItem japaneseItem;
    @FXML private Menu notationMenu;
    @FXML private RadioMenuItem bookItem;
    @FXML private RadioMenuItem tensorflowItem;
    @FXML private RadioMenuItem kerasItem;
    @FXML private RadioMenuItem pytorchItem;
    @FXML private javafx.scene.control.TabPane sideTabs;
    @FXML private javafx.scene.control.Tab fusedTab;
    @FXML private CheckMenuItem rolledItem;
    @FXML private javafx.scene.layout.VBox topBar;
    @FXML private javafx.scene.layout.HBox statusBar;
    @FXML private javafx.scene.control.SplitPane split;
    @FXML private Menu presentationMenu;
    @FXML private MenuItem typeSizeItem;
    @FXML private CheckMenuItem highContrastItem;
    @FXML private CheckMenuItem logErrorsItem;
    @FXML private CheckMenuItem chainRuleItem;
    @FXML private CheckMenuItem predictItem;
    @FXML private javafx.scene.control.MenuItem revealItem;
    @FXML private CheckMenuItem spotlightItem;
    @FXML private Menu screenMenu;
    @FXML private Label phaseLabel;
    @FXML private Label eventLabel;
    @FXML private Label nodeLabel;
    @FXML private Label messageLabel;
    @FXML private Label deckLabel;
    @FXML private MenuItem saveSceneItem;
    @FXML private MenuItem handoutItem;
    @FXML private MenuItem closeDeckItem;
    @FXML private MenuItem presenterItem;
    @FXML private MenuItem undoItem;
    @FXML private MenuItem redoItem;
    @FXML private javafx.scene.control.Menu historyMenu;
    @FXML private MenuItem gradCheckItem;
    @FXML private ProgressIndicator busyIndicator;
    @FXML private GraphController graphController;
    @FXML private StepperController stepperController;
    @FXML private InspectorController inspectorController;
    @FXML private ModelPanelController modelController;
    @FXML private org.unroll.ui.model.FusedKernelController fusedController;
    @FXML private TrainingController trainingController;
    @FXML private CompareController compareController;
    @FXML private javafx.scene.control.TabPane mainTabs;

    /**
     * @param vm the window's state
     * @param export the Export dialog's view-model (the menu opens the dialog, the plots' menus too)
     * @param deck the deck being presented (File ▸ Open Deck; the status bar shows where it is)
     */
    public MainController(MainViewModel vm, ExportViewModel export, org.unroll.ui.deck.DeckViewModel deck,
                          org.unroll.ui.importer.ImportViewModel importer,
                          org.unroll.ui.worksheet.WorksheetViewModel worksheet) {
        this.vm = vm;
        this.export = export;
        this.deck = deck;
        this.importer = importer;
        this.worksheet = worksheet;
    }

    private final org.unroll.ui.worksheet.WorksheetViewModel worksheet;

    @FXML
    private void initialize() {
        phaseLabel.textProperty().bind(vm.phaseTextProperty());
        eventLabel.textProperty().bind(vm.eventTextProperty());
        nodeLabel.textProperty().bind(vm.nodeTextProperty());
        messageLabel.textProperty().bind(vm.messageProperty());
        deckLabel.textProperty().bind(deck.statusProperty());
        deckLabel.visibleProperty().bind(deck.deckProperty().isNotNull());
        deckLabel.managedProperty().bind(deckLabel.visibleProperty());
        handoutItem.disableProperty().bind(deck.deckProperty().isNull());
        closeDeckItem.disableProperty().bind(deck.deckProperty().isNull());
        saveSceneItem.disableProperty().bind(vm.sessionProperty().isNull());
        undoItem.textProperty().bind(vm.undoTextProperty());
        redoItem.textProperty().bind(vm.redoTextProperty());
        undoItem.disableProperty().bind(vm.canUndoProperty().not());
        redoItem.disableProperty().bind(vm.canRedoProperty().not());
        gradCheckItem.disableProperty().bind(vm.sessionProperty().isNull());
        subscriptions.add(deck.shownProperty().subscribe(this::showScene));
        busyIndicator.visibleProperty().bind(vm.busyProperty().or(deck.busyProperty()));
        ToggleGroup languages = new ToggleGroup();
        englishItem.setToggleGroup(languages);
        japaneseItem.setToggleGroup(languages);
        boolean ja = "ja".equals(vm.localeProperty().get().getLanguage());
        (ja ? japaneseItem : englishItem).setSelected(true);
        ToggleGroup notations = new ToggleGroup();
        for (RadioMenuItem item : notationItems()) {
            item.setToggleGroup(notations);
        }
        showNotation(vm.getNotation());
        subscriptions.add(vm.notationProperty().subscribe(this::showNotation));
        subscriptions.add(fusedTab.selectedProperty().subscribe(fusedController::setActive));
        subscriptions.add(mainTabs.getSelectionModel().selectedIndexProperty()
                .subscribe(i -> trainingController.setShown(i.intValue() == 1)));
        rolledItem.selectedProperty().bindBidirectional(vm.rolledProperty());
        spotlightItem.selectedProperty().bindBidirectional(vm.spotlightProperty());
        subscriptions.add(vm.presentationProperty().subscribe(this::showPresentation));
        predictItem.selectedProperty().bindBidirectional(vm.predictProperty());
        revealItem.disableProperty().bind(vm.hiddenProperty().not());
        // after Build the inspector: the new network is in the graph, stepping it is what comes next
        modelController.setOnBuilt(() -> sideTabs.getSelectionModel().select(0));
        vm.recentFiles().addListener(recentListener);
        fillRecent();
        // the plots' context menus export through the dialog; the features do not know it
        trainingController.exportablePlots().forEach((view, viewer) ->
                ExportDialog.plotMenu(viewer, export, view, resources));
        compareController.exportablePlots().forEach((view, viewer) ->
                ExportDialog.plotMenu(viewer, export, view, resources));
    }

    /** Unhooks from the view-models (the window is rebuilt when the language changes). */
    void dispose() {
        rolledItem.selectedProperty().unbindBidirectional(vm.rolledProperty());
        spotlightItem.selectedProperty().unbindBidirectional(vm.spotlightProperty());
        predictItem.selectedProperty().unbindBidirectional(vm.predictProperty());
        revealItem.disableProperty().unbind();
        vm.recentFiles().removeListener(recentListener);
        subscriptions.forEach(Subscription::unsubscribe);
        graphController.dispose();
        stepperController.dispose();
        inspectorController.dispose();
        modelController.dispose();
        fusedController.dispose();
        trainingController.dispose();
        compareController.dispose();
    }

    /**
     * Whether the graph, the inspector and its typeset equations all show the cursor's event
     * {@code index} (−1: before the first): what {@code bench --ui} waits for after a key press.
     */
    public boolean shows(int index) {
        return graphController.view().drawnIndex() == index && inspectorController.shows(index);
    }

    /** Whether the graph's painter and the inspector's worker have nothing left to do (ahead included). */
    public boolean settled() {
        return !graphController.view().busy() && !inspectorController.busy();
    }

    /** What {@link #shows} looks at, in words (for the benchmark's error message). */
    public String whatIsShown() {
        return "graph drawn at " + graphController.view().drawnIndex() + ", inspector " + inspectorController.state();
    }

    // ---- decks ----

    /** Shows a scene's tab and the part of the graph it names (the view-model set the rest). */
    private void showScene(org.unroll.ui.deck.DeckViewModel.Shown shown) {
        if (shown == null) {
            return;
        }
        org.unroll.deck.Scene s = shown.resolved().scene();
        if (s.tab() != null) {
            showTab(s.tab());
        }
        graphController.view().showRegion(s.region());
    }

    @FXML
    private void openChapter5() {
        deck.openBuiltin();
    }

    @FXML
    private void openDeck() {
        File f = chooser("dialog.openDeck.title").showOpenDialog(root.getScene().getWindow());
        if (f != null) {
            deck.open(f.toPath());
        }
    }

    @FXML
    private void closeDeck() {
        deck.close();
    }

    @FXML
    private void saveScene() {
        if (vm.getSession() == null) {
            return;
        }
        FileChooser fc = chooser("dialog.saveScene.title");
        fc.setInitialFileName("scene.json");
        File f = fc.showSaveDialog(root.getScene().getWindow());
        if (f != null) {
            saveSceneTo(f.toPath());
        }
    }

    /** Writes the current moment as a scene file: what File ▸ Save Scene… does after its dialog. */
    public void saveSceneTo(Path file) {
        deck.saveScene(file, graphController.view().shownRegion(), currentTabName());
    }

    /** The name of the tab shown, as a scene file names it. */
    public String currentTabName() {
        int tab = mainTabs.getSelectionModel().getSelectedIndex();
        if (tab == 1) {
            return "training";
        }
        if (tab == 2) {
            return "compare";
        }
        return switch (sideTabs.getSelectionModel().getSelectedIndex()) {
            case 1 -> "model";
            case 2 -> "fused";
            default -> "inspector";
        };
    }

    @FXML
    private void exportHandout() {
        if (!deck.isOpen()) {
            return;
        }
        FileChooser fc = new FileChooser();
        fc.setTitle(resources.getString("dialog.handout.title"));
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("PDF", "*.pdf"));
        fc.setInitialFileName("handout.pdf");
        File f = fc.showSaveDialog(root.getScene().getWindow());
        if (f != null) {
            deck.exportHandout(f.toPath(), vm.localeProperty().get());
        }
    }

    private Runnable onPresenter = () -> { };

    /** What View ▸ Presenter View does (the window opens the presenter's stage). */
    void setOnPresenter(Runnable r) {
        onPresenter = r == null ? () -> { } : r;
    }

    @FXML
    private void presenterView() {
        onPresenter.run();
    }

    @FXML
    private void undo() {
        vm.undo();
    }

    @FXML
    private void redo() {
        vm.redo();
    }

    @FXML
    private void gradientCheck() {
        vm.requestGradientCheck(null);
    }

    /** Edit ▸ History: the edits, oldest first, the undone ones marked (as the inspector's list). */
    @FXML
    private void fillHistory() {
        historyMenu.getItems().clear();
        java.util.List<String> h = vm.history();
        int applied = vm.historyPositionProperty().get();
        if (h.isEmpty()) {
            MenuItem none = new MenuItem(resources.getString("edit.history.empty"));
            none.setDisable(true);
            historyMenu.getItems().add(none);
            return;
        }
        for (int i = 0; i < h.size(); i++) {
            MenuItem item = new MenuItem((i < applied ? "✓ " : "    ") + h.get(i)
                    + (i < applied ? "" : "  " + resources.getString("edit.history.undone")));
            item.setDisable(true);
            historyMenu.getItems().add(item);
        }
    }

    void setFontFamily(String family) {
        graphController.setFontFamily(family);
        fusedController.setFontFamily(family);
    }

    private void fillRecent() {
        recentMenu.getItems().clear();
        if (vm.recentFiles().isEmpty()) {
            MenuItem none = new MenuItem(resources.getString("menu.file.recent.none"));
            none.setDisable(true);
            recentMenu.getItems().add(none);
            return;
        }
        for (Path p : vm.recentFiles()) {
            MenuItem item = new MenuItem(p.getFileName() + "   —   " + p.getParent());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> vm.open(p));
            recentMenu.getItems().add(item);
        }
    }

    private FileChooser chooser(String titleKey) {
        FileChooser fc = new FileChooser();
        fc.setTitle(resources.getString(titleKey));
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(resources.getString("dialog.filter"), "*.json"));
        if (!vm.recentFiles().isEmpty() && vm.recentFiles().get(0).getParent() != null) {
            File dir = vm.recentFiles().get(0).getParent().toFile();
            if (dir.isDirectory()) {
                fc.setInitialDirectory(dir);
            }
        }
        return fc;
    }

    @FXML
    private void open() {
        File f = chooser("dialog.open.title").showOpenDialog(root.getScene().getWindow());
        if (f != null) {
            vm.open(f.toPath());
        }
    }

    /** File ▸ Import…: a Keras or PyTorch file, read in the Import dialog. */
    @FXML
    private void importModel() {
        FileChooser fc = chooser("import.dialog.title");
        fc.getExtensionFilters().setAll(new FileChooser.ExtensionFilter(resources.getString("import.filter"),
                "*.h5", "*.hdf5", "*.keras", "*.pt", "*.pth", "*.npz", "*.safetensors"),
                new FileChooser.ExtensionFilter(resources.getString("import.filter.all"), "*"));
        File f = fc.showOpenDialog(root.getScene().getWindow());
        if (f != null) {
            openImport(f.toPath());
        }
    }

    /** Opens the Import dialog on a file (the menu, or a file dropped on the window that is not a case). */
    public org.unroll.ui.importer.ImportDialog openImport(java.nio.file.Path file) {
        return org.unroll.ui.importer.ImportDialog.open(root.getScene().getWindow(), importer, file, root.getStyle());
    }

    @FXML
    private void saveAs() {
        if (vm.getSession() == null) {
            return;
        }
        FileChooser fc = chooser("dialog.save.title");
        String name = vm.getSession().kase().name();
        fc.setInitialFileName((name == null ? "case" : name) + ".json");
        File f = fc.showSaveDialog(root.getScene().getWindow());
        if (f != null) {
            vm.saveAs(f.toPath());
        }
    }

    @FXML
    private void openDemo() {
        vm.loadDemo();
    }

    /** File ▸ Open a built-in case ▸ …: the item's user data names the case ({@code builtin:mini-rnn}). */
    @FXML
    private void openBuiltin(javafx.event.ActionEvent e) {
        if (e.getSource() instanceof javafx.scene.control.MenuItem item && item.getUserData() instanceof String name) {
            vm.openBuiltin(name);
        }
    }

    /** File ▸ Worksheet…: the dialog for the window's case. */
    @FXML
    public javafx.stage.Stage worksheet() {
        return org.unroll.ui.worksheet.WorksheetDialog.open(root.getScene().getWindow(), worksheet, root.getStyle());
    }

    @FXML
    private void quit() {
        onQuit.run();
    }

    private Runnable onQuit = Platform::exit;

    /** What File ▸ Quit (Ctrl+Q) does: the window asks first when something would be lost (ADR 0028). */
    public void setOnQuit(Runnable r) {
        onQuit = r;
    }

    @FXML
    private void english() {
        vm.setLanguage(Locale.ENGLISH);
    }

    @FXML
    private void japanese() {
        vm.setLanguage(Locale.JAPANESE);
    }

    private List<RadioMenuItem> notationItems() {
        return List.of(bookItem, tensorflowItem, kerasItem, pytorchItem);
    }

    private void showNotation(Notation n) {
        notationItem(n).setSelected(true);
    }

    @FXML
    private void notationChosen(javafx.event.ActionEvent e) {
        Object key = ((MenuItem) e.getSource()).getUserData();
        Notation n = Notation.fromKey(String.valueOf(key));
        if (n != null) {
            vm.setNotation(n);
        }
    }

    /** The View ▸ Notation item of a notation. */
    public RadioMenuItem notationItem(Notation n) {
        return notationItems().get(n.ordinal());
    }

    /** The View ▸ Notation menu. */
    public Menu notationMenu() {
        return notationMenu;
    }

    // ---- presentation ----

    /** The type size step the window's style classes were last set for (−1: none yet). */
    private int shownTypeSize = -1;

    /**
     * Dresses the window for a room: a style class per type size step on the root ({@code type-0}
     * … {@code type-4}, the CSS sizing every text of the window by it) and {@code high-contrast};
     * the inspector's equations at the type size; at the larger steps the side panel wider, so the
     * current equation is large and whole.
     */
    private void showPresentation(org.unroll.view.Presentation p) {
        root.getStyleClass().removeIf(c -> c.startsWith("type-") || c.equals("high-contrast"));
        root.getStyleClass().add("type-" + p.typeSize());
        if (p.highContrast()) {
            root.getStyleClass().add("high-contrast");
        }
        highContrastItem.setSelected(p.highContrast());
        logErrorsItem.setSelected(p.logErrors());
        chainRuleItem.setSelected(p.chainRule());
        typeSizeItem.setText(java.text.MessageFormat.format(resources.getString("menu.view.presentation.size"),
                p.typeSize(), org.unroll.view.Presentation.MAX_TYPE_SIZE));
        inspectorController.setTypeScale(p.scale());
        if (shownTypeSize >= 0 && shownTypeSize != p.typeSize() && !split.getDividers().isEmpty()) {
            split.setDividerPositions(p.typeSize() == 0 ? 0.75 : 0.73 - 0.035 * p.typeSize());
        } else if (shownTypeSize < 0 && p.typeSize() > 0) {
            split.setDividerPositions(0.73 - 0.035 * p.typeSize());
        }
        shownTypeSize = p.typeSize();
    }

    @FXML
    void largerType() {
        vm.largerType();
    }

    @FXML
    void smallerType() {
        vm.smallerType();
    }

    @FXML
    private void highContrast() {
        vm.setPresentation(vm.getPresentation().withHighContrast(highContrastItem.isSelected()));
    }

    @FXML
    private void logErrors() {
        vm.setPresentation(vm.getPresentation().withLogErrors(logErrorsItem.isSelected()));
    }

    @FXML
    private void chainRule() {
        vm.setPresentation(vm.getPresentation().withChainRule(chainRuleItem.isSelected()));
    }

    /** R: reveals the current event's hidden result (predict, then reveal). */
    @FXML
    void reveal() {
        vm.reveal();
    }

    /** Lists the screens under View ▸ Presentation ▸ Full screen on, the chosen one selected. */
    @FXML
    private void fillScreens() {
        ToggleGroup group = new ToggleGroup();
        List<MenuItem> items = new ArrayList<>();
        RadioMenuItem window = new RadioMenuItem(resources.getString("menu.view.presentation.screen.window"));
        window.setToggleGroup(group);
        window.setSelected(vm.presentationScreenProperty().get() < 0);
        window.setOnAction(e -> vm.presentationScreenProperty().set(-1));
        items.add(window);
        List<javafx.stage.Screen> screens = javafx.stage.Screen.getScreens();
        for (int i = 0; i < screens.size(); i++) {
            javafx.geometry.Rectangle2D b = screens.get(i).getBounds();
            int index = i;
            RadioMenuItem item = new RadioMenuItem(java.text.MessageFormat.format(
                    resources.getString("menu.view.presentation.screen.n"), i + 1, (int) b.getWidth(), (int) b.getHeight()));
            item.setToggleGroup(group);
            item.setSelected(vm.presentationScreenProperty().get() == i);
            item.setOnAction(e -> vm.presentationScreenProperty().set(index));
            items.add(item);
        }
        screenMenu.getItems().setAll(items);
    }

    /** The View ▸ Presentation menu. */
    public Menu presentationMenu() {
        return presentationMenu;
    }

    /**
     * Shows or hides the window's controls (menus and toolbar, the tabs' headers, the status bar):
     * full screen hides them while the mouse rests. The graph and the inspector stay.
     */
    public void setControlsShown(boolean shown) {
        topBar.setVisible(shown);
        topBar.setManaged(shown);
        statusBar.setVisible(shown);
        statusBar.setManaged(shown);
        root.getStyleClass().remove("controls-hidden");
        if (!shown) {
            root.getStyleClass().add("controls-hidden");
        }
    }

    /** Whether the controls are shown. */
    public boolean controlsShown() {
        return topBar.isVisible();
    }

    @FXML
    void zoomToFit() {
        graphController.zoomToFit();
    }

    /** The view the current tab shows: the graph, or on the Training tab the loss. */
    private ExportView currentView() {
        int tab = mainTabs.getSelectionModel().getSelectedIndex();
        return tab == 1 && export.trainingPlotted() ? ExportView.LOSS : ExportView.GRAPH;
    }

    @FXML
    private void export() {
        openExport(currentView());
    }

    /** Opens the Export dialog on a view (the graph: ready for what the window shows). */
    public ExportDialog openExport(ExportView view) {
        GraphView g = graphController.view();
        double[] size = g.drawingSize();
        return ExportDialog.open(root.getScene().getWindow(), export, view, g.shownRegion(), (int) size[0],
                (int) size[1], root.getStyle());
    }

    /** Copies the current view, as the Export dialog's settings draw it, to the clipboard as an image. */
    @FXML
    public void copyImage() {
        GraphView g = graphController.view();
        double[] size = g.drawingSize();
        export.prepare(currentView(), g.shownRegion(), (int) size[0], (int) size[1]);
        export.renderImage(ExportController::toClipboard);
    }

    @FXML
    void zoomIn() {
        graphController.zoomBy(1.25);
    }

    @FXML
    void zoomOut() {
        graphController.zoomBy(1 / 1.25);
    }

    @FXML
    private void showKeys() {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(root.getScene().getWindow());
        a.setTitle(resources.getString("keys.title"));
        a.setHeaderText(resources.getString("keys.title"));
        GridPane grid = new GridPane();
        grid.setHgap(18);
        grid.setVgap(4);
        String[] lines = (resources.getString("keys.text") + "\n" + resources.getString("keys.deck")).split("\n");
        for (int i = 0; i < lines.length; i++) {
            String[] kv = lines[i].split("\t", 2);
            Label k = new Label(kv[0]);
            k.getStyleClass().add("key");
            grid.add(k, 0, i);
            grid.add(new Label(kv.length > 1 ? kv[1] : ""), 1, i);
        }
        a.getDialogPane().setContent(grid);
        a.getDialogPane().setStyle(root.getStyle());
        a.show();
    }

    /** Help ▸ About: the version (from the POM) and the bundled libraries with their licences (ADR 0029). */
    @FXML
    private void showAbout() {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(root.getScene().getWindow());
        a.setTitle(resources.getString("about.title"));
        a.setHeaderText(java.text.MessageFormat.format(resources.getString("about.version"),
                org.unroll.session.AppVersion.version()));
        javafx.scene.control.TextArea list = new javafx.scene.control.TextArea(licences());
        list.setEditable(false);
        list.setWrapText(true);
        list.setPrefRowCount(16);
        a.getDialogPane().setContent(new javafx.scene.layout.VBox(8, new Label(resources.getString("about.text")), list));
        a.getDialogPane().setStyle(root.getStyle());
        a.show();
    }

    /** Opens Help ▸ About, as the menu does (for the screenshot's {@code --about=true}). */
    public void openAbout() {
        showAbout();
    }

    /** The bundled libraries and their licences, one a line (src/main/resources/org/unroll/licences.txt). */
    static String licences() {
        try (java.io.InputStream in = MainController.class.getResourceAsStream("/org/unroll/licences.txt")) {
            return in == null ? "" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** The menu bar's top-level menus (tests read their labels). */
    public List<Menu> menus() {
        return List.of(fileMenu, viewMenu, helpMenu);
    }

    /** The View ▸ Language item of a language. */
    public RadioMenuItem languageItem(Locale l) {
        return "ja".equals(l.getLanguage()) ? japaneseItem : englishItem;
    }

    /** The inspector (tests read the size its equations are typeset at). */
    public InspectorController inspector() {
        return inspectorController;
    }

    public GraphController graph() {
        return graphController;
    }

    public org.unroll.ui.model.FusedKernelController fused() {
        return fusedController;
    }

    public TrainingController training() {
        return trainingController;
    }

    public CompareController compare() {
        return compareController;
    }

    /** Shows a tab of the main area: 0 stepper, 1 training, 2 compare. */
    public void showTab(int index) {
        mainTabs.getSelectionModel().select(index);
    }

    /**
     * Shows a tab by name: {@code inspector}, {@code model} or {@code fused} (the stepper's side
     * tabs, with the stepper), {@code stepper}, {@code training}, {@code compare}.
     *
     * @throws IllegalArgumentException for another name
     */
    public void showTab(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "stepper" -> showTab(0);
            case "inspector" -> {
                showTab(0);
                sideTabs.getSelectionModel().select(0);
            }
            case "model" -> {
                showTab(0);
                sideTabs.getSelectionModel().select(1);
            }
            case "fused" -> {
                showTab(0);
                sideTabs.getSelectionModel().select(2);
            }
            case "training" -> showTab(1);
            case "compare" -> showTab(2);
            default -> throw new IllegalArgumentException("no tab '" + name
                    + "' (stepper, inspector, model, fused, training, compare)");
        }
    }
}
