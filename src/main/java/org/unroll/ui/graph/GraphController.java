package org.unroll.ui.graph;

import javafx.beans.value.ChangeListener;
import javafx.fxml.FXML;
import javafx.scene.layout.StackPane;
import org.unroll.graph.Node;
import org.unroll.graph.Notation;
import org.unroll.ui.MainViewModel;
import org.unroll.view.Frame;
import org.unroll.view.Session;

/** The graph: hands the session and each frame of {@link MainViewModel} to the {@link GraphView}. */
public final class GraphController {

    private final MainViewModel vm;
    private final ChangeListener<Session> sessionListener = (o, a, s) -> showSession(s);
    private final ChangeListener<Frame> frameListener = (o, a, f) -> showFrame(f);
    private final ChangeListener<Boolean> rolledListener = (o, a, r) -> showRolled(r);
    private final ChangeListener<Node> selectedListener = (o, a, n) -> { };
    private final ChangeListener<Notation> notationListener = (o, a, n) -> showNotation(n);
    private final ChangeListener<org.unroll.view.Presentation> presentationListener =
            (o, a, p) -> showPresentation(p);

    @FXML private StackPane graphPane;
    @FXML private GraphView graphView;
    @FXML private RolledView rolledView;

    /** @param vm the window's state: the session, the frame at the cursor, the selection */
    public GraphController(MainViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        graphView.setPainting(vm.worker("unroll-graph-painter"));
        graphView.setPaintsAhead(vm.preparesAhead());
        graphView.setAheadGate(vm.aheadGate());
        graphView.setHidesAhead(vm.predictProperty().get());
        vm.predictProperty().addListener(predictListener);
        graphView.setBundle(vm.getBundle());
        rolledView.setBundle(vm.getBundle());
        graphView.setNotation(vm.getNotation());
        vm.notationProperty().addListener(notationListener);
        graphView.setPresentation(vm.getPresentation());
        vm.presentationProperty().addListener(presentationListener);
        graphView.setOnNodeClicked(vm::select);
        vm.sessionProperty().addListener(sessionListener);
        vm.frameProperty().addListener(frameListener);
        vm.rolledProperty().addListener(rolledListener);
        vm.selectedProperty().addListener(selectedListener);
        showSession(vm.getSession());
        graphView.setAnimationMillis(0);
        showFrame(vm.frameProperty().get());
        showRolled(vm.rolledProperty().get());
    }

    /** Predict mode: the picture painted ahead hides the next event's result. */
    private final javafx.beans.value.ChangeListener<Boolean> predictListener = (o, a, on) -> graphView.setHidesAhead(on);

    public void dispose() {
        vm.sessionProperty().removeListener(sessionListener);
        vm.frameProperty().removeListener(frameListener);
        vm.rolledProperty().removeListener(rolledListener);
        vm.selectedProperty().removeListener(selectedListener);
        vm.notationProperty().removeListener(notationListener);
        vm.presentationProperty().removeListener(presentationListener);
        vm.predictProperty().removeListener(predictListener);
    }

    public void setFontFamily(String family) {
        graphView.setFontFamily(family);
        rolledView.setFontFamily(family);
    }

    private void showSession(Session s) {
        if (vm.isReplacingInPlace() && s != null) {
            graphView.replaceSession(s); // a number edited: the same graph, new numbers, the view kept
        } else {
            graphView.setSession(s);
        }
        rolledView.setSession(s);
    }

    private void showFrame(Frame f) {
        graphView.setAnimationMillis(vm.animationMillis());
        graphView.setFrame(f);
        rolledView.setFrame(f);
    }

    private void showPresentation(org.unroll.view.Presentation p) {
        graphView.setPresentation(p);
    }

    private void showNotation(Notation n) {
        graphView.setNotation(n);
    }

    private void showRolled(boolean rolled) {
        rolledView.animateTo(rolled);
    }

    public void zoomToFit() {
        graphView.zoomToFit();
    }

    public void zoomBy(double f) {
        graphView.zoomBy(f);
    }

    /** The view (tests read what it shows). */
    public GraphView view() {
        return graphView;
    }
}
