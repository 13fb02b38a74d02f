package org.unroll.ui.edit;

import java.util.ResourceBundle;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import org.unroll.engine.Case;
import org.unroll.engine.ParamSpec;
import org.unroll.graph.Node;
import org.unroll.graph.NodeKind;
import org.unroll.session.CaseEdit;
import org.unroll.ui.MainViewModel;
import org.unroll.view.Messages;
import org.unroll.view.Numbers;
import org.unroll.view.Session;

/**
 * "Edit the numbers" under the inspector: the numbers of the node the inspector shows, when they
 * are the case's own — a shared parameter (also when clicked in the parameter band), an input
 * x(t), or the target t(t) of a loss term E_t or an output y(t) — as a grid to type into; the one-line
 * problem with a refused number; undo, redo and the history of edits. The numbers come from the
 * session's case; every edit goes to {@link MainViewModel#edit}, which recomputes off the JavaFX thread.
 */
public final class EditViewModel {

    /**
     * The numbers that can be edited: what they are and their values (immutable).
     *
     * @param what a parameter's, an input's or a target's
     * @param name the parameter's case-file name, or null
     * @param step the time step (inputs and targets), else 0
     * @param values rows × columns (a vector as a column)
     * @param header what the grid is ("W  (4×4)", "x(3)", "t(3), the target of E_3")
     */
    public record Grid(CaseEdit.What what, String name, int step, double[][] values, String header) {

        public int rows() {
            return values.length;
        }

        public int cols() {
            return values.length == 0 ? 0 : values[0].length;
        }

        /** How a number is written in its cell (the inspector's four decimals). */
        public String text(int row, int col) {
            return Numbers.format(values[row][col]);
        }

        /** The same numbers of the same place (a grid need not be rebuilt). */
        boolean sameAs(Grid o) {
            return o != null && what == o.what && java.util.Objects.equals(name, o.name) && step == o.step
                    && header.equals(o.header) && java.util.Arrays.deepEquals(values, o.values);
        }
    }

    /** The largest grid drawn as text fields; a larger parameter is edited one element at a time. */
    public static final int MAX_GRID_CELLS = 400;

    private final MainViewModel main;
    private final ReadOnlyObjectWrapper<Grid> grid = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper disabled = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyStringWrapper blocked = new ReadOnlyStringWrapper("");

    public EditViewModel(MainViewModel main) {
        this.main = main;
        main.sessionProperty().addListener((o, a, b) -> update());
        main.cursorProperty().addListener((o, a, b) -> update());
        main.selectedProperty().addListener((o, a, b) -> update());
        main.notationProperty().addListener((o, a, b) -> update());
        main.bundleProperty().addListener((o, a, b) -> update());
        main.trainingRunsProperty().addListener((o, a, b) -> update());
        main.editComputingProperty().addListener((o, a, b) -> update());
        update();
    }

    /** The numbers the inspector's node lets the user edit, or null (its numbers are computed, not the case's). */
    public ReadOnlyObjectProperty<Grid> gridProperty() {
        return grid.getReadOnlyProperty();
    }

    /** Whether typing is off: a training run is under way, or an edit is being computed. */
    public ReadOnlyBooleanProperty disabledProperty() {
        return disabled.getReadOnlyProperty();
    }

    /** Why editing is off, in a line (empty: it is on, or only busy for a moment). */
    public ReadOnlyStringProperty blockedProperty() {
        return blocked.getReadOnlyProperty();
    }

    /** The one-line problem with the last number typed (empty: none). */
    public ReadOnlyStringProperty problemProperty() {
        return main.editProblemProperty();
    }

    /** The edits, oldest first ("W[1,0]: 0.5 → 0.7"); the first {@link #historyPosition()} are applied. */
    public ObservableList<String> history() {
        return main.history();
    }

    public javafx.beans.property.ReadOnlyIntegerProperty historyPositionProperty() {
        return main.historyPositionProperty();
    }

    public int historyPosition() {
        return main.historyPositionProperty().get();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return main.canUndoProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return main.canRedoProperty();
    }

    public void undo() {
        main.undo();
    }

    public void redo() {
        main.redo();
    }

    /** Whether the grid is too large for a field per number (then a row, a column and one field). */
    public boolean oneAtATime() {
        Grid g = grid.get();
        return g != null && (long) g.rows() * g.cols() > MAX_GRID_CELLS;
    }

    /**
     * Commits a number typed into the grid's cell: nothing happens when the text is the number as
     * shown (a field left without a change); else {@link MainViewModel#edit}.
     *
     * @return whether an edit was accepted for computing
     */
    public boolean commit(int row, int col, String text) {
        Grid g = grid.get();
        if (g == null || row < 0 || col < 0 || row >= g.rows() || col >= g.cols()) {
            return false;
        }
        if (text != null && text.strip().equals(g.text(row, col))) {
            return false;
        }
        return main.edit(g.what(), g.name(), g.step(), row, col, text);
    }

    /** The gradient-check panel, at the parameter shown (null: at the top). */
    public void checkGradient() {
        Grid g = grid.get();
        main.requestGradientCheck(g == null || g.what() != CaseEdit.What.PARAMETER ? null : g.name());
    }

    private String text(String key, Object... args) {
        return Messages.format(main.getBundle(), key, args);
    }

    private void update() {
        boolean training = main.trainingRunsProperty().get();
        disabled.set(training || main.editComputingProperty().get() || main.getSession() == null);
        blocked.set(training ? text("edit.problem.training") : "");
        Grid g = gridOf(main.getSession(), main.selectedProperty().get());
        if (g == null || !g.sameAs(grid.get())) {
            grid.set(g);
        }
    }

    /**
     * The grid of the node the user picked (a parameter in the band, an input, a target), or null.
     * Only a picked node: stepping through the events builds no fields (a presenter walking the
     * inputs would see a grid come and go at every x(t), and each step would lay it out).
     */
    private Grid gridOf(Session s, Node n) {
        if (s == null) {
            return null;
        }
        if (n == null) {
            return null;
        }
        Case k = s.kase();
        ResourceBundle b = main.getBundle();
        String label = MainViewModel.nodeLabel(n, main.getNotation(), s.graph().config());
        if (n.isParameter()) {
            ParamSpec p = k.weights().layout().param(n.key());
            if (p == null) {
                return null;
            }
            double[][] m = k.weights().get(n.key());
            String shape = p.vector() ? Messages.format(b, "edit.shape.vector", String.valueOf(p.rows()))
                    : Messages.format(b, "edit.shape.matrix", String.valueOf(p.rows()), String.valueOf(p.cols()));
            return new Grid(CaseEdit.What.PARAMETER, n.key(), 0, m, Messages.format(b, "edit.header.parameter", label, shape));
        }
        int t = n.step();
        if (n.kind() == NodeKind.INPUT && t >= 1) {
            return new Grid(CaseEdit.What.INPUT, null, t, column(k.sequence().inputs()[t - 1]),
                    Messages.format(b, "edit.header.input", label));
        }
        if ((n.kind() == NodeKind.LOSS_TERM || n.kind() == NodeKind.OUTPUT) && t >= 1 && k.sequence().hasTarget(t - 1)) {
            return new Grid(CaseEdit.What.TARGET, null, t, column(k.sequence().targets()[t - 1]),
                    Messages.format(b, "edit.header.target", String.valueOf(t), label));
        }
        return null;
    }

    private static double[][] column(double[] v) {
        double[][] m = new double[v.length][1];
        for (int i = 0; i < v.length; i++) {
            m[i][0] = v[i];
        }
        return m;
    }
}
