package org.unroll.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.function.Function;
import org.unroll.engine.CellType;
import org.unroll.engine.ModelConfig;
import org.unroll.engine.ParamSpec;
import org.unroll.engine.ParamLayout;
import org.unroll.engine.Weights;

/**
 * The matrices a framework stores for a network, assembled from the case's parameters: their names
 * and shapes as the framework stores them, their values, and which block of each holds which case
 * parameter. What the Model tab's fused-kernel view shows. Immutable; {@link #of} is a pure function.
 *
 * <ul>
 * <li>{@link Notation#TENSORFLOW}: {@code basic_rnn_cell/kernel} [I+H, H]; {@code lstm_cell/kernel}
 *     [I+H, 4H] (column blocks i, j, f, o), {@code lstm_cell/bias} [4H], {@code lstm_cell/w_i_diag}
 *     … [H]; {@code gru_cell/gates/kernel} [I+H, 2H] (r, u), {@code gru_cell/gates/bias} [2H],
 *     {@code gru_cell/candidate/kernel} [I+H, H], {@code gru_cell/candidate/bias} [H]. A kernel's
 *     rows are x's then h's, so its blocks are the case's matrices transposed. The forget gate's
 *     stored bias is the case's {@code b_f} minus {@code forget_bias} (1.0, added at run time).
 * <li>{@link Notation#KERAS}: {@code kernel} (I, kH), {@code recurrent_kernel} (H, kH) — column
 *     blocks i, f, c, o or z, r, h, the case's matrices transposed — and {@code bias} (kH,), or
 *     (2, 3H) for a GRU with reset_after (row 0 input, row 1 recurrent).
 * <li>{@link Notation#PYTORCH}: {@code weight_ih_l0} (kH, I), {@code weight_hh_l0} (kH, H) — row
 *     blocks i, f, g, o or r, z, n, the case's matrices as they are — {@code bias_ih_l0} (kH,) and
 *     {@code bias_hh_l0} (kH,).
 * <li>The output layer: {@code dense/kernel} (H, O) and {@code dense/bias} (O,) in TF and Keras,
 *     {@code l2.weight} (O, H) and {@code l2.bias} (O,) in PyTorch.
 * <li>{@link Notation#BOOK}: the book has no fused matrices, so each case parameter is its own
 *     matrix, unfused, named by its book label ({@code U_i}, {@code W_i}, {@code b_i} …), one block.
 * </ul>
 *
 * <p>Where the case's one bias is the sum of two stored ones (PyTorch's {@code bias_ih} +
 * {@code bias_hh}, Keras's reset_after rows 0 + 1 for z and r), any split gives the same network;
 * this one puts the whole case value in the first ({@link Relation#SUM_ALL_HERE}) and zeros in the
 * second ({@link Relation#SUM_ZERO_HERE}). A case parameter the framework cannot store (peepholes in
 * Keras and PyTorch, {@code bh_a} in TF) is listed as a matrix of its own with
 * {@link Matrix#stored()} false. A 1-D tensor is one row of {@link Matrix#values()}.
 */
public final class FusedKernel {

    private FusedKernel() {
    }

    /** How a block's values relate to the case parameter it holds. */
    public enum Relation {
        /** The block is the case parameter (transposed when {@link Block#transposed()}). */
        EQUAL,
        /** The case parameter is this block plus a second stored one; here all of it. */
        SUM_ALL_HERE,
        /** The case parameter is a first stored block plus this one; here zeros. */
        SUM_ZERO_HERE,
        /** TF's forget bias: the block is the case's b_f minus forget_bias (1.0). */
        MINUS_FORGET_BIAS
    }

    /** TF 1.x's {@code forget_bias} default, added to the forget gate at run time. */
    public static final double FORGET_BIAS = 1.0;

    /**
     * One block of a stored matrix.
     *
     * @param row the first row (0 for a 1-D tensor)
     * @param rows how many rows
     * @param col the first column
     * @param cols how many columns
     * @param gate the framework's letter of the gate ({@code j}, {@code u} …), "" for the RNN and
     *             the output layer
     * @param caseGate the case's gate ({@code a}, {@code z} …), ""
     * @param caseParam the case parameter the block holds ({@code Wx_a})
     * @param bookLabel its book label ({@code U_a})
     * @param transposed whether the block holds the case matrix transposed (false for a vector,
     *                   which is compared entry by entry)
     * @param relation how the values relate to the case parameter
     */
    public record Block(int row, int rows, int col, int cols, String gate, String caseGate, String caseParam,
                        String bookLabel, boolean transposed, Relation relation) {
    }

    /**
     * One matrix as the framework stores it.
     *
     * @param name the framework's name ({@code lstm_cell/kernel}, {@code recurrent_kernel},
     *             {@code weight_hh_l0}; the case name when not {@link #stored()})
     * @param shape the shape as the framework writes it ([I+H, 4H], (H,), (2, 3H) …)
     * @param values the values, rows × cols (a 1-D tensor as one row); a copy on every call
     * @param blocks the blocks, in order
     * @param stored whether the framework stores it (false: a case parameter it has no place for)
     */
    public record Matrix(String name, List<Integer> shape, double[][] values, List<Block> blocks, boolean stored) {

        public Matrix {
            Objects.requireNonNull(name, "name");
            shape = List.copyOf(shape);
            values = copy(values);
            blocks = List.copyOf(blocks);
        }

        @Override
        public double[][] values() {
            return copy(values);
        }

        /** The shape as text: {@code [5, 12]} (TF), {@code (2, 12)} (Keras, PyTorch: tuples). */
        public String shapeText(Notation n) {
            StringBuilder sb = new StringBuilder(n == Notation.TENSORFLOW ? "[" : "(");
            for (int i = 0; i < shape.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(shape.get(i));
            }
            if (n != Notation.TENSORFLOW && shape.size() == 1) {
                sb.append(',');
            }
            return sb.append(n == Notation.TENSORFLOW ? "]" : ")").toString();
        }

        private static double[][] copy(double[][] m) {
            double[][] r = new double[m.length][];
            for (int i = 0; i < m.length; i++) {
                r[i] = m[i].clone();
            }
            return r;
        }
    }

    /**
     * The matrices a framework stores for the engine's weights.
     *
     * @param notation the framework (the book: the case's matrices, unfused)
     * @param weights the weights (not modified)
     */
    public static List<Matrix> of(Notation notation, Weights weights) {
        return of(notation, weights.config(), weights::get);
    }

    /**
     * The matrices a framework stores, from the case's parameters.
     *
     * @param notation the framework
     * @param config the network
     * @param params a case parameter by name, as the case file writes it (a vector as n×1); not modified
     */
    public static List<Matrix> of(Notation notation, ModelConfig config, Function<String, double[][]> params) {
        Builder b = new Builder(notation, config, params);
        switch (notation) {
            case BOOK -> b.book();
            case TENSORFLOW -> b.tensorflow();
            case KERAS -> b.keras();
            case PYTORCH -> b.pytorch();
            default -> throw new IllegalStateException();
        }
        return List.copyOf(b.out);
    }

    /**
     * The names of the stored matrices that hold a case parameter ({@code Wh_a} in TF's LSTM:
     * {@code lstm_cell/kernel}; {@code b_i} in PyTorch: {@code bias_ih_l0} and {@code bias_hh_l0}),
     * for the inspector; the case name itself when the framework has no place for it.
     *
     * @param notation the framework
     * @param config the network
     * @param caseName a case parameter name of the configuration
     */
    public static List<String> storedIn(Notation notation, ModelConfig config, String caseName) {
        ParamLayout lay = ParamLayout.of(config);
        List<String> r = new ArrayList<>();
        for (Matrix m : of(notation, config, p -> new double[lay.param(p).rows()][lay.param(p).cols()])) {
            if (m.blocks().stream().anyMatch(b -> b.caseParam().equals(caseName))) {
                r.add(m.name());
            }
        }
        return List.copyOf(r);
    }

    /**
     * One line on a block, from the bundle: {@code lstm_cell/kernel[0:2, 3:6] = case Wx_a (U_a),
     * transposed}; slices are 0-based and end-exclusive, as the frameworks write them.
     *
     * @param m the matrix the block is in
     * @param b the block
     * @param bundle the app's bundle
     */
    public static String describe(Matrix m, Block b, ResourceBundle bundle) {
        String index = (m.shape().size() == 1 ? "" : b.row() + ":" + (b.row() + b.rows()) + ", ")
                + b.col() + ":" + (b.col() + b.cols());
        String suffix = switch (b.relation()) {
            case EQUAL -> b.transposed() ? bundle.getString("fused.transposed") : "";
            case SUM_ALL_HERE -> bundle.getString("fused.sumAllHere");
            case SUM_ZERO_HERE -> bundle.getString("fused.sumZeroHere");
            case MINUS_FORGET_BIAS -> bundle.getString("fused.minusForgetBias");
        };
        return new Notation.Mapping("fused.block", List.of(m.name(), index, b.caseParam(), b.bookLabel(), suffix))
                .format(bundle);
    }

    private static final class Builder {
        final Notation n;
        final ModelConfig cfg;
        final Function<String, double[][]> params;
        final int in;
        final int h;
        final int o;
        final List<Matrix> out = new ArrayList<>();
        final ParamLayout layout;

        Builder(Notation n, ModelConfig cfg, Function<String, double[][]> params) {
            this.n = n;
            this.cfg = cfg;
            this.params = params;
            this.in = cfg.inputSize();
            this.h = cfg.hiddenSize();
            this.o = cfg.outputSize();
            this.layout = ParamLayout.of(cfg);
        }

        /** The case names of the gate order's blocks ("" for the RNN: one unnamed block). */
        List<String> gates() {
            return cfg.cell() == CellType.RNN ? List.of("") : n.gateOrder(cfg);
        }

        String name(String prefix, String gate) {
            return gate.isEmpty() ? prefix : prefix + "_" + gate;
        }

        /** A new matrix under construction. */
        final class M {
            final String name;
            final List<Integer> shape;
            final double[][] v;
            final List<Block> blocks = new ArrayList<>();
            final boolean stored;

            M(String name, int rows, int cols, boolean stored, Integer... shape) {
                this.name = name;
                this.v = new double[rows][cols];
                this.shape = Arrays.asList(shape);
                this.stored = stored;
            }

            /** Puts case parameter {@code p} (rows × cols) at (row, col), transposed or not. */
            M put(int row, int col, String p, String gate, boolean transpose, Relation rel) {
                double[][] m = params.apply(p);
                ParamSpec spec = layout.param(p);
                boolean vector = spec.vector();
                int rr;
                int cc;
                if (vector) {
                    for (int i = 0; i < m.length; i++) {
                        v[row][col + i] = value(m[i][0], rel);
                    }
                    rr = 1;
                    cc = m.length;
                } else if (transpose) {
                    for (int i = 0; i < m.length; i++) {
                        for (int j = 0; j < m[i].length; j++) {
                            v[row + j][col + i] = value(m[i][j], rel);
                        }
                    }
                    rr = m[0].length;
                    cc = m.length;
                } else {
                    for (int i = 0; i < m.length; i++) {
                        for (int j = 0; j < m[i].length; j++) {
                            v[row + i][col + j] = value(m[i][j], rel);
                        }
                    }
                    rr = m.length;
                    cc = m[0].length;
                }
                String cg = gate;
                blocks.add(new Block(row, rr, col, cc, cg.isEmpty() ? "" : n.gateLetter(cfg, cg), cg, p,
                        Notation.BOOK.parameterLabel(cfg, p), transpose && !vector, rel));
                return this;
            }

            void done() {
                out.add(new Matrix(name, shape, v, blocks, stored));
            }
        }

        static double value(double x, Relation rel) {
            return switch (rel) {
                case EQUAL, SUM_ALL_HERE -> x;
                case SUM_ZERO_HERE -> 0;
                case MINUS_FORGET_BIAS -> x - FORGET_BIAS;
            };
        }

        void book() {
            for (ParamSpec p : layout.params()) {
                String label = Notation.BOOK.parameterLabel(cfg, p.name());
                String g = gateOf(p.name());
                M m = p.vector() ? new M(label, 1, p.rows(), true, p.rows())
                        : new M(label, p.rows(), p.cols(), true, p.rows(), p.cols());
                m.put(0, 0, p.name(), g, false, Relation.EQUAL).done();
            }
        }

        String gateOf(String name) {
            if (cfg.cell() == CellType.RNN || name.equals("Wy") || name.equals("by")) {
                return "";
            }
            if (name.startsWith("p_")) {
                return name.substring(2);
            }
            return name.substring(name.indexOf('_') + 1);
        }

        void unstored(String p) {
            ParamSpec s = layout.param(p);
            new M(p, 1, s.rows(), false, s.rows()).put(0, 0, p, gateOf(p), false, Relation.EQUAL).done();
        }

        void denseTransposed() {
            new M("dense/kernel", h, o, true, h, o).put(0, 0, "Wy", "", true, Relation.EQUAL).done();
            new M("dense/bias", 1, o, true, o).put(0, 0, "by", "", false, Relation.EQUAL).done();
        }

        void tensorflow() {
            CellType cell = cfg.cell();
            if (cell == CellType.GRU) {
                List<String> gs = List.of("r", "z");
                M k = new M("gru_cell/gates/kernel", in + h, 2 * h, true, in + h, 2 * h);
                M b = new M("gru_cell/gates/bias", 1, 2 * h, true, 2 * h);
                for (int i = 0; i < gs.size(); i++) {
                    String g = gs.get(i);
                    k.put(0, i * h, "Wx_" + g, g, true, Relation.EQUAL).put(in, i * h, "Wh_" + g, g, true, Relation.EQUAL);
                    b.put(0, i * h, "b_" + g, g, false, Relation.EQUAL);
                }
                k.done();
                b.done();
                new M("gru_cell/candidate/kernel", in + h, h, true, in + h, h)
                        .put(0, 0, "Wx_a", "a", true, Relation.EQUAL).put(in, 0, "Wh_a", "a", true, Relation.EQUAL).done();
                new M("gru_cell/candidate/bias", 1, h, true, h).put(0, 0, "b_a", "a", false, Relation.EQUAL).done();
                if (cfg.resetAfter()) {
                    unstored("bh_a");
                }
            } else {
                String scope = cell == CellType.RNN ? "basic_rnn_cell/" : "lstm_cell/";
                List<String> gs = gates();
                M k = new M(scope + "kernel", in + h, gs.size() * h, true, in + h, gs.size() * h);
                M b = new M(scope + "bias", 1, gs.size() * h, true, gs.size() * h);
                for (int i = 0; i < gs.size(); i++) {
                    String g = gs.get(i);
                    k.put(0, i * h, name("Wx", g), g, true, Relation.EQUAL)
                            .put(in, i * h, name("Wh", g), g, true, Relation.EQUAL);
                    b.put(0, i * h, name("b", g), g, false, g.equals("f") ? Relation.MINUS_FORGET_BIAS : Relation.EQUAL);
                }
                k.done();
                b.done();
                if (cfg.peephole()) {
                    for (String g : List.of("i", "f", "o")) {
                        new M(scope + "w_" + g + "_diag", 1, h, true, h).put(0, 0, "p_" + g, g, false, Relation.EQUAL)
                                .done();
                    }
                }
            }
            denseTransposed();
        }

        void keras() {
            List<String> gs = gates();
            int k = gs.size();
            M kernel = new M("kernel", in, k * h, true, in, k * h);
            M rec = new M("recurrent_kernel", h, k * h, true, h, k * h);
            boolean two = cfg.resetAfter();
            M bias = two ? new M("bias", 2, k * h, true, 2, k * h) : new M("bias", 1, k * h, true, k * h);
            for (int i = 0; i < k; i++) {
                String g = gs.get(i);
                kernel.put(0, i * h, name("Wx", g), g, true, Relation.EQUAL);
                rec.put(0, i * h, name("Wh", g), g, true, Relation.EQUAL);
                if (!two) {
                    bias.put(0, i * h, name("b", g), g, false, Relation.EQUAL);
                } else if (g.equals("a")) {
                    bias.put(0, i * h, "b_a", g, false, Relation.EQUAL).put(1, i * h, "bh_a", g, false, Relation.EQUAL);
                } else {
                    bias.put(0, i * h, "b_" + g, g, false, Relation.SUM_ALL_HERE)
                            .put(1, i * h, "b_" + g, g, false, Relation.SUM_ZERO_HERE);
                }
            }
            kernel.done();
            rec.done();
            bias.done();
            if (cfg.peephole()) {
                for (String p : List.of("p_i", "p_f", "p_o")) {
                    unstored(p);
                }
            }
            denseTransposed();
        }

        void pytorch() {
            List<String> gs = gates();
            int k = gs.size();
            M wi = new M("weight_ih_l0", k * h, in, true, k * h, in);
            M wh = new M("weight_hh_l0", k * h, h, true, k * h, h);
            M bi = new M("bias_ih_l0", 1, k * h, true, k * h);
            M bh = new M("bias_hh_l0", 1, k * h, true, k * h);
            boolean gru = cfg.cell() == CellType.GRU;
            for (int i = 0; i < k; i++) {
                String g = gs.get(i);
                wi.put(i * h, 0, name("Wx", g), g, false, Relation.EQUAL);
                wh.put(i * h, 0, name("Wh", g), g, false, Relation.EQUAL);
                if (gru && g.equals("a")) {
                    bi.put(0, i * h, "b_a", g, false, Relation.EQUAL);
                    if (cfg.resetAfter()) {
                        bh.put(0, i * h, "bh_a", g, false, Relation.EQUAL);
                    }
                } else {
                    bi.put(0, i * h, name("b", g), g, false, Relation.SUM_ALL_HERE);
                    bh.put(0, i * h, name("b", g), g, false, Relation.SUM_ZERO_HERE);
                }
            }
            wi.done();
            wh.done();
            bi.done();
            bh.done();
            if (cfg.peephole()) {
                for (String p : List.of("p_i", "p_f", "p_o")) {
                    unstored(p);
                }
            }
            new M("l2.weight", o, h, true, o, h).put(0, 0, "Wy", "", false, Relation.EQUAL).done();
            new M("l2.bias", 1, o, true, o).put(0, 0, "by", "", false, Relation.EQUAL).done();
        }
    }
}
