package org.unroll.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.unroll.engine.Case;
import org.unroll.engine.CaseFile;
import org.unroll.engine.CellType;
import org.unroll.engine.ModelConfig;
import org.unroll.engine.ParamSpec;

/** What each framework stores, block by block, holds the case's matrices. */
class FusedKernelTest {

    static Stream<Path> cases() throws Exception {
        Path dir = Path.of(FusedKernelTest.class.getResource("/cases").toURI());
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    static Case read(String name) throws Exception {
        return CaseFile.read(Path.of(FusedKernelTest.class.getResource("/cases/" + name).toURI()));
    }

    static FusedKernel.Matrix named(List<FusedKernel.Matrix> ms, String name) {
        return ms.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(
                "no " + name + " in " + ms.stream().map(FusedKernel.Matrix::name).toList()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyBlockHoldsItsCaseParameter(Path file) throws Exception {
        Case c = CaseFile.read(file);
        ModelConfig cfg = c.config();
        for (Notation n : Notation.values()) {
            List<FusedKernel.Matrix> ms = FusedKernel.of(n, c.weights());
            Set<String> seen = new HashSet<>();
            for (FusedKernel.Matrix m : ms) {
                double[][] v = m.values();
                int cells = 1;
                for (int d : m.shape()) {
                    cells *= d;
                }
                assertEquals(cells, v.length * v[0].length, n + " " + m.name() + " has its shape's entries");
                boolean[][] covered = new boolean[v.length][v[0].length];
                for (FusedKernel.Block b : m.blocks()) {
                    seen.add(b.caseParam());
                    double[][] p = c.weights().get(b.caseParam());
                    ParamSpec spec = c.weights().layout().param(b.caseParam());
                    assertEquals(Notation.BOOK.parameterLabel(cfg, b.caseParam()), b.bookLabel());
                    assertEquals(b.caseGate().isEmpty() ? "" : n.gateLetter(cfg, b.caseGate()), b.gate());
                    for (int i = 0; i < b.rows(); i++) {
                        for (int j = 0; j < b.cols(); j++) {
                            double expected;
                            if (spec.vector()) {
                                assertFalse(b.transposed());
                                assertEquals(1, b.rows());
                                expected = p[j][0];
                            } else {
                                expected = b.transposed() ? p[j][i] : p[i][j];
                            }
                            expected = switch (b.relation()) {
                                case EQUAL, SUM_ALL_HERE -> expected;
                                case SUM_ZERO_HERE -> 0;
                                case MINUS_FORGET_BIAS -> expected - 1.0;
                            };
                            String where = n + " " + m.name() + "[" + (b.row() + i) + "][" + (b.col() + j) + "] "
                                    + b.caseParam();
                            assertEquals(expected, v[b.row() + i][b.col() + j], 0.0, where);
                            assertFalse(covered[b.row() + i][b.col() + j], "blocks overlap at " + where);
                            covered[b.row() + i][b.col() + j] = true;
                        }
                    }
                }
                for (int i = 0; i < v.length; i++) {
                    for (int j = 0; j < v[i].length; j++) {
                        if (!covered[i][j]) {
                            assertEquals(0.0, v[i][j], n + " " + m.name() + ": an entry outside every block is 0");
                        }
                    }
                }
            }
            Set<String> all = new HashSet<>();
            c.weights().layout().params().forEach(p -> all.add(p.name()));
            assertEquals(all, seen, n + ": every case parameter is somewhere");
        }
    }

    @Test
    void lstmLayouts() throws Exception {
        Case c = read("lstm-many-to-many.json"); // I = 2, H = 3, O = 1
        List<FusedKernel.Matrix> tf = FusedKernel.of(Notation.TENSORFLOW, c.weights());
        FusedKernel.Matrix k = named(tf, "lstm_cell/kernel");
        assertEquals(List.of(5, 12), k.shape(), "[I+H, 4H]");
        assertEquals("[5, 12]", k.shapeText(Notation.TENSORFLOW));
        assertEquals(List.of("i", "j", "f", "o"), k.blocks().stream().filter(b -> b.row() == 0)
                .map(FusedKernel.Block::gate).toList());
        FusedKernel.Block whJ = k.blocks().stream().filter(b -> b.caseParam().equals("Wh_a")).findFirst().orElseThrow();
        assertEquals(List.of(2, 3, 3, 3), List.of(whJ.row(), whJ.rows(), whJ.col(), whJ.cols()), "h rows, j columns");
        assertEquals(c.weights().get("Wh_a")[1][2], k.values()[2 + 2][3 + 1], "kernel[I + 2][H + 1] = Wh_a[1][2]");
        assertEquals(c.weights().get("b_f")[0][0] - 1.0, named(tf, "lstm_cell/bias").values()[0][6], 1e-15,
                "stored bias_f = case b_f - forget_bias");
        assertEquals(List.of("lstm_cell/kernel", "lstm_cell/bias", "dense/kernel", "dense/bias"),
                tf.stream().map(FusedKernel.Matrix::name).toList());

        List<FusedKernel.Matrix> keras = FusedKernel.of(Notation.KERAS, c.weights());
        assertEquals(List.of(2, 12), named(keras, "kernel").shape(), "(I, 4H)");
        assertEquals(List.of(3, 12), named(keras, "recurrent_kernel").shape());
        assertEquals(List.of(12), named(keras, "bias").shape());
        assertEquals("(12,)", named(keras, "bias").shapeText(Notation.KERAS));
        assertEquals(List.of("i", "f", "c", "o"), named(keras, "kernel").blocks().stream().map(FusedKernel.Block::gate).toList());
        assertEquals(c.weights().get("Wx_a")[2][1], named(keras, "kernel").values()[1][6 + 2], "kernel[:, 2H:3H] = Wx_a^T");
        assertEquals(List.of(3, 1), named(keras, "dense/kernel").shape(), "(H, O)");

        List<FusedKernel.Matrix> torch = FusedKernel.of(Notation.PYTORCH, c.weights());
        FusedKernel.Matrix wih = named(torch, "weight_ih_l0");
        assertEquals(List.of(12, 2), wih.shape(), "(4H, I)");
        assertEquals(List.of("i", "f", "g", "o"), wih.blocks().stream().map(FusedKernel.Block::gate).toList());
        assertFalse(wih.blocks().get(0).transposed());
        assertEquals(c.weights().get("Wx_a")[2][1], wih.values()[6 + 2][1], "weight_ih_l0[2H:3H] = Wx_a");
        assertEquals(List.of(1, 3), named(torch, "l2.weight").shape(), "(O, H)");
        assertEquals(0.0, named(torch, "bias_hh_l0").values()[0][0], "the case's bias is all in bias_ih");

        List<FusedKernel.Matrix> book = FusedKernel.of(Notation.BOOK, c.weights());
        assertEquals(List.of("U_i", "W_i", "b_i"), book.subList(0, 3).stream().map(FusedKernel.Matrix::name).toList());
        ResourceBundle en = ResourceBundle.getBundle("i18n.messages", Locale.ENGLISH);
        assertEquals("lstm_cell/kernel[2:5, 3:6] = case Wh_a (W_a), transposed", FusedKernel.describe(k, whJ, en));
        ResourceBundle ja = ResourceBundle.getBundle("i18n.messages", Locale.JAPANESE);
        assertTrue(FusedKernel.describe(k, whJ, ja).contains("転置"));
    }

    @Test
    void gruLayoutsBothResetVariants() throws Exception {
        Case before = read("gru-reset-before-mse.json"); // I = 2, H = 3
        List<FusedKernel.Matrix> tf = FusedKernel.of(Notation.TENSORFLOW, before.weights());
        assertEquals(List.of("gru_cell/gates/kernel", "gru_cell/gates/bias", "gru_cell/candidate/kernel",
                "gru_cell/candidate/bias", "dense/kernel", "dense/bias"), tf.stream().map(FusedKernel.Matrix::name).toList());
        assertEquals(List.of(5, 6), named(tf, "gru_cell/gates/kernel").shape(), "[I+H, 2H]");
        assertEquals(List.of("r", "u"), named(tf, "gru_cell/gates/kernel").blocks().stream().filter(b -> b.row() == 0)
                .map(FusedKernel.Block::gate).toList());
        assertEquals(List.of(5, 3), named(tf, "gru_cell/candidate/kernel").shape());
        List<FusedKernel.Matrix> keras = FusedKernel.of(Notation.KERAS, before.weights());
        assertEquals(List.of(9), named(keras, "bias").shape(), "one bias without reset_after");
        assertEquals(List.of("z", "r", "h"), named(keras, "kernel").blocks().stream().map(FusedKernel.Block::gate).toList());

        Case after = read("gru-reset-after-xent-softmax-many-to-one.json"); // I = 2, H = 4
        List<FusedKernel.Matrix> k2 = FusedKernel.of(Notation.KERAS, after.weights());
        FusedKernel.Matrix bias = named(k2, "bias");
        assertEquals(List.of(2, 12), bias.shape(), "(2, 3H) with reset_after");
        assertEquals(after.weights().get("bh_a")[1][0], bias.values()[1][8 + 1], "bias[1] h block = bh_a");
        assertEquals(after.weights().get("b_a")[1][0], bias.values()[0][8 + 1], "bias[0] h block = b_a");
        assertEquals(after.weights().get("b_z")[3][0], bias.values()[0][3] + bias.values()[1][3], 0.0,
                "b_z = bias[0] + bias[1] (z block)");
        List<FusedKernel.Matrix> tf2 = FusedKernel.of(Notation.TENSORFLOW, after.weights());
        assertFalse(named(tf2, "bh_a").stored(), "GRUCell has no reset-after bias");
        List<FusedKernel.Matrix> torch = FusedKernel.of(Notation.PYTORCH, after.weights());
        assertEquals(after.weights().get("bh_a")[2][0], named(torch, "bias_hh_l0").values()[0][8 + 2], "b_hn = bh_a");
        assertEquals(List.of("r", "z", "n"), named(torch, "weight_hh_l0").blocks().stream().map(FusedKernel.Block::gate)
                .toList());
        assertTrue(torch.stream().allMatch(FusedKernel.Matrix::stored));
    }

    @Test
    void rnnLayouts() throws Exception {
        Case c = read("rnn-tanh-many-to-one.json"); // I = 2, H = 3, O = 1
        assertEquals(CellType.RNN, c.config().cell());
        FusedKernel.Matrix k = named(FusedKernel.of(Notation.TENSORFLOW, c.weights()), "basic_rnn_cell/kernel");
        assertEquals(List.of(5, 3), k.shape());
        assertEquals(List.of("Wx", "Wh"), k.blocks().stream().map(FusedKernel.Block::caseParam).toList());
        assertEquals(c.weights().get("Wh")[0][2], k.values()[2 + 2][0], "U is the h rows, transposed");
        FusedKernel.Matrix rk = named(FusedKernel.of(Notation.KERAS, c.weights()), "recurrent_kernel");
        assertEquals(c.weights().get("Wh")[0][2], rk.values()[2][0]);
        FusedKernel.Matrix wh = named(FusedKernel.of(Notation.PYTORCH, c.weights()), "weight_hh_l0");
        assertEquals(c.weights().get("Wh")[0][2], wh.values()[0][2]);
        assertEquals(List.of("U", "W", "b", "V", "c"),
                FusedKernel.of(Notation.BOOK, c.weights()).stream().map(FusedKernel.Matrix::name).toList());
    }

    @Test
    void whereACaseParameterIsStored() {
        ModelConfig lstm = ModelConfig.of(CellType.LSTM, 2, 3, 1);
        assertEquals(List.of("lstm_cell/kernel"), FusedKernel.storedIn(Notation.TENSORFLOW, lstm, "Wh_a"));
        assertEquals(List.of("bias_ih_l0", "bias_hh_l0"), FusedKernel.storedIn(Notation.PYTORCH, lstm, "b_i"));
        assertEquals(List.of("recurrent_kernel"), FusedKernel.storedIn(Notation.KERAS, lstm, "Wh_f"));
        assertEquals(List.of("W_f"), FusedKernel.storedIn(Notation.BOOK, lstm, "Wh_f"));
        assertEquals(List.of("p_i"), FusedKernel.storedIn(Notation.KERAS, lstm.withPeephole(true), "p_i"));
    }

    @Test
    void peepholesKerasAndPyTorchCannotStore() throws Exception {
        Case c = read("lstm-peephole-nonzero-state-sparse.json");
        assertTrue(named(FusedKernel.of(Notation.TENSORFLOW, c.weights()), "lstm_cell/w_f_diag").stored());
        for (Notation n : List.of(Notation.KERAS, Notation.PYTORCH)) {
            FusedKernel.Matrix p = named(FusedKernel.of(n, c.weights()), "p_f");
            assertFalse(p.stored(), n.toString());
            assertTrue(n.mapping(c.config(), "p_f").isPresent());
        }
    }
}
