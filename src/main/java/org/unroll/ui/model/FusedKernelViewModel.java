package org.unroll.ui.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ResourceBundle;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.unroll.engine.ModelConfig;
import org.unroll.engine.Weights;
import org.unroll.graph.FusedKernel;
import org.unroll.graph.FusedKernel.Block;
import org.unroll.graph.FusedKernel.Matrix;
import org.unroll.graph.Notation;
import org.unroll.session.Background;
import org.unroll.session.Latest;
import org.unroll.ui.MainViewModel;
import org.unroll.view.ColorScale;
import org.unroll.view.Messages;
import org.unroll.view.Session;

/**
 * The fused-kernel view: for the window's notation and the session's network and weights, the
 * matrices the framework stores ({@link FusedKernel#of}) with their blocks, each ready to draw — at
 * most {@value #MAX_CELLS} × {@value #MAX_CELLS} cells, every k-th row and column of a larger one.
 * "The four matmuls of LSTMCell done as one." Computed off the JavaFX thread when the session or
 * the notation changes (the newest wins); the JavaFX thread only swaps the result in.
 */
public final class FusedKernelViewModel {

    /** The most rows and columns of cells drawn for one matrix. */
    public static final int MAX_CELLS = 96;

    /**
     * One stored matrix, ready to draw.
     *
     * @param matrix the matrix as {@link FusedKernel#of} gives it
     * @param heading its framework name and stored shape ({@code fused.matrix}), or for a case
     *                parameter the framework does not store, {@code fused.notStored}
     * @param cells the values drawn: every {@code rowStep}-th row and {@code colStep}-th column
     * @param rowStep 1, or the stride of the rows drawn
     * @param colStep 1, or the stride of the columns drawn
     * @param blockLabels per block: the framework's gate letter and the book's matrix it holds
     *                    ({@code j: U_aᵀ}), in the order of {@link Matrix#blocks()}
     */
    public record Shown(Matrix matrix, String heading, double[][] cells, int rowStep, int colStep,
                        List<String> blockLabels) {

        public Shown {
            Objects.requireNonNull(matrix, "matrix");
            blockLabels = List.copyOf(blockLabels);
        }

        /** The rows and columns of the stored matrix (a 1-D tensor is one row). */
        public int rows() {
            return matrix.shape().size() == 1 ? 1 : matrix.shape().get(0);
        }

        public int cols() {
            return matrix.shape().size() == 1 ? matrix.shape().get(0) : matrix.shape().get(1);
        }

        /** Whether only every k-th row or column is drawn. */
        public boolean elided() {
            return rowStep > 1 || colStep > 1;
        }
    }

    /** What is shown: the notation, its matrices, their common colour scale. */
    public record Fused(Notation notation, ModelConfig config, List<Shown> matrices, ColorScale scale) {

        public Fused {
            matrices = List.copyOf(matrices);
        }

        /** The matrices as {@link FusedKernel#of} lists them. */
        public List<Matrix> stored() {
            return matrices.stream().map(Shown::matrix).toList();
        }
    }

    private final MainViewModel main;
    private final Latest computing;
    private final ReadOnlyObjectWrapper<Fused> fused = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper("");
    private boolean active = true;
    private boolean stale;
    private Matrix selectedMatrix;
    private Block selectedBlock;

    /**
     * @param background where the matrices are assembled
     * @param main the window: its session, notation and language
     */
    public FusedKernelViewModel(Background background, MainViewModel main) {
        this.main = Objects.requireNonNull(main);
        this.computing = new Latest(background);
        main.sessionProperty().addListener((o, a, s) -> recompute());
        main.notationProperty().addListener((o, a, n) -> recompute());
        main.bundleProperty().addListener((o, a, b) -> recompute());
        recompute();
    }

    /**
     * Whether the view is shown (the window sets it from its tab): while it is not, a new session or
     * notation only marks the matrices out of date (null), and they are assembled when it is shown
     * again, so that a large network's copy is not made for nothing.
     */
    public void setActive(boolean a) {
        active = a;
        if (a && stale) {
            recompute();
        }
    }

    /** The matrices shown, or null before a session is open (or while the first is assembled). */
    public ReadOnlyObjectProperty<Fused> fusedProperty() {
        return fused.getReadOnlyProperty();
    }

    /** {@code What TensorFlow 1.x stores}, or for the book that it keeps them apart. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** One line under the title: the book keeps the matrices apart; what a block's outline means. */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    /** The line under the matrices: the block pointed at ({@link FusedKernel#describe}), or a hint. */
    public ReadOnlyStringProperty descriptionProperty() {
        return description.getReadOnlyProperty();
    }

    /** The matrices of the session in the window's notation, as {@link FusedKernel#of} gives them (empty: none yet). */
    public List<Matrix> matrices() {
        Fused f = fused.get();
        return f == null ? List.of() : f.stored();
    }

    /** Describes a block pointed at (null, null: back to the selected block, or the hint). */
    public void point(Matrix m, Block b) {
        if (m == null || b == null) {
            describe(selectedMatrix, selectedBlock);
        } else {
            describe(m, b);
        }
    }

    /** Selects a block (it stays described when the pointer leaves); null, null: none. */
    public void select(Matrix m, Block b) {
        selectedMatrix = m;
        selectedBlock = b;
        describe(m, b);
    }

    private void describe(Matrix m, Block b) {
        ResourceBundle bundle = main.getBundle();
        description.set(m == null || b == null ? Messages.format(bundle, "fused.hint")
                : FusedKernel.describe(m, b, bundle));
    }

    private void recompute() {
        Session s = main.getSession();
        Notation n = main.getNotation();
        ResourceBundle bundle = main.getBundle();
        title.set(n == Notation.BOOK ? Messages.format(bundle, "fused.title.book")
                : Messages.format(bundle, "fused.title", n.displayName(bundle)));
        note.set(Messages.format(bundle, n == Notation.BOOK ? "fused.book" : "fused.framework"));
        selectedMatrix = null;
        selectedBlock = null;
        describe(null, null);
        if (s == null || !active) {
            computing.cancel();
            fused.set(null);
            stale = s != null;
            return;
        }
        stale = false;
        Weights w = s.kase().weights();
        computing.submit(() -> assemble(n, w, bundle), fused::set, err -> fused.set(null));
    }

    /** The matrices of a notation for some weights, ready to draw (a pure function; any thread). */
    public static Fused assemble(Notation n, Weights w, ResourceBundle bundle) {
        ModelConfig cfg = w.config();
        List<Matrix> ms = FusedKernel.of(n, w);
        List<Shown> out = new ArrayList<>();
        double limit = 0;
        for (Matrix m : ms) {
            double[][] v = m.values();
            int rows = v.length;
            int cols = rows == 0 ? 0 : v[0].length;
            int rs = Math.max(1, (rows + MAX_CELLS - 1) / MAX_CELLS);
            int cs = Math.max(1, (cols + MAX_CELLS - 1) / MAX_CELLS);
            double[][] cells = new double[(rows + rs - 1) / rs][];
            for (int i = 0; i < cells.length; i++) {
                cells[i] = new double[(cols + cs - 1) / cs];
                for (int j = 0; j < cells[i].length; j++) {
                    cells[i][j] = v[i * rs][j * cs];
                    limit = Math.max(limit, Math.abs(cells[i][j]));
                }
            }
            String heading = m.stored()
                    ? Messages.format(bundle, "fused.matrix", m.name(), m.shapeText(n))
                    : Messages.format(bundle, "fused.notStored", m.name(), n.displayName(bundle));
            List<String> labels = new ArrayList<>();
            for (Block b : m.blocks()) {
                labels.add(blockLabel(b));
            }
            out.add(new Shown(m, heading, cells, rs, cs, labels));
        }
        return new Fused(n, cfg, out, new ColorScale(limit == 0 ? 1 : limit));
    }

    /** {@code j: U_aᵀ}, {@code i: b_i}, {@code Uᵀ}: the framework's gate letter and the book's matrix. */
    static String blockLabel(Block b) {
        String book = b.bookLabel() + (b.transposed() ? "ᵀ" : "");
        if (b.relation() == FusedKernel.Relation.SUM_ZERO_HERE) {
            book = "0";
        } else if (b.relation() == FusedKernel.Relation.MINUS_FORGET_BIAS) {
            book = book + "−1";
        }
        return b.gate().isEmpty() ? book : b.gate() + ": " + book;
    }
}
