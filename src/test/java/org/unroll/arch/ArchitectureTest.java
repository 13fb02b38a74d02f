package org.unroll.arch;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The architecture of ADR 0001 and 0009, on the main classes.
 *
 * <p>Layers, from the centre out; a layer may use the layers inside it and nothing outside:
 * <pre>
 *   engine  ←  graph  ←  schedule  ←  session  ←  { charts, view, deck, interop, export, cli }  ←  ui
 *                                                                          Launcher → cli, ui
 * </pre>
 * Among the four outer layers beside one another, only these edges are allowed (all in use today):
 * <ul>
 *   <li>export uses view (the graph's painter, the session, the trace as CSV rows) and charts (the
 *       plots it exports are built fresh by {@code charts.Plots});</li>
 *   <li>cli uses export (the {@code export} command), charts (headless training for
 *       {@code export --train-epochs}), view (the session the exporter draws from) and deck;</li>
 *   <li>charts and view use none of the others: charts draws plots, view the graph;</li>
 *   <li>deck (scenes and decks, ADR 0014) uses view (the session, the presentation); export (the
 *       handout), cli and ui use deck.</li>
 *   <li>interop (other frameworks' files, ADR 0020) uses none of the others; export, cli and ui use
 *       it.</li>
 * </ul>
 * ui may use every layer but cli (the app never runs a command). The root package (the Launcher)
 * may use cli and ui (it opens ui by reflection, so that edge is not seen in the bytecode).
 *
 * <p>The ui layer is {@code org.unroll.ui..}, so its subpackages belong to it.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.unroll");

    /** The UI's feature packages (the shell is org.unroll.ui itself, the shared helpers ui.common). */
    private static final String[] FEATURES = {"org.unroll.ui.stepper..", "org.unroll.ui.graph..",
        "org.unroll.ui.inspector..", "org.unroll.ui.model..", "org.unroll.ui.training..", "org.unroll.ui.compare..",
        "org.unroll.ui.export..", "org.unroll.ui.deck..", "org.unroll.ui.worksheet.."};

    @Test
    void layers() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("engine").definedBy("org.unroll.engine..")
                .layer("graph").definedBy("org.unroll.graph..")
                .layer("schedule").definedBy("org.unroll.schedule..")
                .layer("session").definedBy("org.unroll.session..")
                .layer("charts").definedBy("org.unroll.charts..")
                .layer("view").definedBy("org.unroll.view..")
                .layer("deck").definedBy("org.unroll.deck..")
                .layer("interop").definedBy("org.unroll.interop..")
                .layer("export").definedBy("org.unroll.export..")
                .layer("cli").definedBy("org.unroll.cli..")
                .layer("ui").definedBy("org.unroll.ui..")
                .layer("launcher").definedBy("org.unroll")

                .whereLayer("engine").mayNotAccessAnyLayer()
                .whereLayer("graph").mayOnlyAccessLayers("engine")
                .whereLayer("schedule").mayOnlyAccessLayers("engine", "graph")
                .whereLayer("session").mayOnlyAccessLayers("engine", "graph", "schedule")
                .whereLayer("charts").mayOnlyAccessLayers("engine", "graph", "schedule", "session")
                .whereLayer("view").mayOnlyAccessLayers("engine", "graph", "schedule", "session")
                .whereLayer("deck").mayOnlyAccessLayers("engine", "graph", "schedule", "session", "view")
                .whereLayer("interop").mayOnlyAccessLayers("engine", "graph", "schedule", "session")
                .whereLayer("export").mayOnlyAccessLayers("engine", "graph", "schedule", "session", "charts", "view",
                        "deck", "interop")
                .whereLayer("cli").mayOnlyAccessLayers("engine", "graph", "schedule", "session", "charts", "view",
                        "deck", "export", "interop")
                .whereLayer("ui").mayOnlyAccessLayers("engine", "graph", "schedule", "session", "charts", "view",
                        "deck", "export", "interop")
                .whereLayer("launcher").mayOnlyAccessLayers("cli", "ui")
                .whereLayer("launcher").mayNotBeAccessedByAnyLayer()
                // a new top-level package must be given its place here
                .ensureAllClassesAreContainedInArchitecture()
                .check(MAIN);
    }

    @Test
    void noCyclesBetweenPackages() {
        slices().matching("org.unroll.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    /**
     * Exactly what the engine uses: the JDK's language, collections, I/O and files, time (when a
     * process started: the clean-up of temporaries, ADR 0030), text (MessageFormat, for its
     * messages in both languages, ADR 0044); EJML; Jackson for case files; and OpenBLAS for a
     * shard's products, in NativeBlas only (ADR 0022).
     */
    @Test
    void theEngineUsesOnlyTheJdkEjmlJacksonAndOpenBlasInOnePlace() {
        classes().that().resideInAPackage("org.unroll.engine..")
                .should().onlyDependOnClassesThat(resideInAnyPackage("org.unroll.engine..",
                        "java.lang..", "java.util..", "java.io..", "java.nio..", "java.time..", "java.text..",
                        "org.ejml..", "com.fasterxml.jackson.core..", "com.fasterxml.jackson.databind..",
                        "org.bytedeco.."))
                .check(MAIN);
        noClasses().that().resideInAPackage("org.unroll..")
                .and().haveNameNotMatching("org\\.unroll\\.engine\\.NativeBlas(\\$.*)?")
                .should().dependOnClassesThat().resideInAnyPackage("org.bytedeco..")
                .check(MAIN);
    }

    /** JavaFX, and the JFree bridges built on it (ChartViewer, FXGraphics2D), only in ui. */
    @Test
    void javafxOnlyInUi() {
        noClasses().that().resideOutsideOfPackage("org.unroll.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.jfree.chart.fx..", "org.jfree.fx..")
                .check(MAIN);
    }

    /** Kept from the earlier rules, which the layers do not cover: where the other toolkits may be used. */
    @Test
    void picocliOnlyInCli() {
        noClasses().that().resideOutsideOfPackage("org.unroll.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("picocli..")
                .check(MAIN);
    }

    /** AWT draws (charts, view, export, ui); the model below them does not (the engine: see above). */
    @Test
    void noAwtOrSwingInTheModel() {
        noClasses().that().resideInAnyPackage("org.unroll.graph..", "org.unroll.schedule..", "org.unroll.session..")
                .should().dependOnClassesThat().resideInAnyPackage("java.awt..", "javax.swing..")
                .check(MAIN);
    }

    /** No Swing outside ui (none in ui either today): the painter and every export draw on plain AWT. */
    @Test
    void swingOnlyInUi() {
        noClasses().that().resideOutsideOfPackage("org.unroll.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javax.swing..")
                .check(MAIN);
    }

    /**
     * View-models hold state and logic the tests drive without a window: JavaFX properties and
     * collections, but no scene graph (nodes, controls, images, colours).
     */
    @Test
    void viewModelsUseNoSceneGraph() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..")
                .check(MAIN);
    }

    /** The UI by feature (ADR 0011): a view-model holds no stage or FXML either. */
    @Test
    void viewModelsHoldNoSceneGraph() {
        noClasses().that().resideInAPackage("org.unroll.ui..").and().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "javafx.fxml..")
                .check(MAIN);
    }

    @Test
    void featuresGetTheirViewModelsNotTheContext() {
        noClasses().that().resideInAnyPackage(FEATURES)
                .should().dependOnClassesThat().haveFullyQualifiedName("org.unroll.ui.AppContext")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.unroll.ui.MainWindow")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.unroll.ui.MainController")
                .check(MAIN);
        noClasses().that().resideInAPackage("org.unroll.ui.common..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .orShould().dependOnClassesThat().resideInAPackage("org.unroll.ui")
                .check(MAIN);
    }
}
