package org.unroll.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layers: JavaFX only in the ui packages; the engine on EJML and the JDK only; the UI by feature. */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.unroll");

    /** The UI's feature packages (the shell is org.unroll.ui itself, the shared helpers ui.common). */
    private static final String[] FEATURES = {"org.unroll.ui.stepper..", "org.unroll.ui.graph..",
        "org.unroll.ui.inspector..", "org.unroll.ui.model..", "org.unroll.ui.training..", "org.unroll.ui.compare..",
        "org.unroll.ui.export.."};

    @Test
    void javafxOnlyInUi() {
        noClasses().that().resideOutsideOfPackage("org.unroll.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .allowEmptyShould(true)
                .check(MAIN);
    }

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

    @Test
    void engineUsesNoAwtNoJavafxAndNoOuterLayer() {
        noClasses().that().resideInAPackage("org.unroll.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("java.awt..", "javax.swing..", "javafx..",
                        "org.unroll.cli..", "org.unroll.ui..", "org.unroll.graph..", "org.unroll.schedule..",
                        "org.unroll.session..", "org.unroll.charts..", "org.unroll.export..", "picocli..")
                .check(MAIN);
    }

    @Test
    void exportIsBelowUiAndCli() {
        noClasses().that().resideInAPackage("org.unroll.export..")
                .should().dependOnClassesThat().resideInAnyPackage("org.unroll.ui..", "org.unroll.cli..", "picocli..",
                        "javafx..")
                .check(MAIN);
    }

    @Test
    void innerLayersDoNotDependOnOuterOnes() {
        noClasses().that().resideInAnyPackage("org.unroll.graph..", "org.unroll.schedule..", "org.unroll.session..")
                .should().dependOnClassesThat().resideInAnyPackage("org.unroll.ui..", "org.unroll.cli..", "picocli..",
                        "java.awt..", "javax.swing..")
                .check(MAIN);
        noClasses().that().resideInAPackage("org.unroll.graph..")
                .should().dependOnClassesThat().resideInAnyPackage("org.unroll.schedule..", "org.unroll.session..")
                .check(MAIN);
    }

    @Test
    void viewsPaintWithoutTheWindow() {
        noClasses().that().resideInAPackage("org.unroll.view..")
                .should().dependOnClassesThat().resideInAnyPackage("org.unroll.ui..", "org.unroll.cli..",
                        "org.unroll.export..", "picocli..", "javax.swing..")
                .check(MAIN);
    }
}
