package org.unroll.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;
import org.unroll.engine.CellType;
import org.unroll.engine.ModelConfig;
import org.unroll.engine.ParamLayout;
import org.unroll.engine.ParamSpec;

/** Each notation names the same node its own way; its mapping lines exist in both languages. */
class NotationTest {

    static final ModelConfig RNN = ModelConfig.of(CellType.RNN, 2, 3, 1);
    static final ModelConfig LSTM = ModelConfig.of(CellType.LSTM, 2, 3, 1);
    static final ModelConfig GRU = ModelConfig.of(CellType.GRU, 2, 3, 1);

    static ResourceBundle bundle(Locale l) {
        return ResourceBundle.getBundle("i18n.messages", l);
    }

    /** Every configuration the options allow. */
    static List<ModelConfig> configs() {
        return List.of(RNN, LSTM, LSTM.withPeephole(true), GRU, GRU.withResetAfter(true),
                LSTM.withGateActivation(org.unroll.engine.GateActivation.HARD_SIGMOID),
                GRU.withGateActivation(org.unroll.engine.GateActivation.HARD_SIGMOID));
    }

    @Test
    void theRnnRecurrentMatrixInEachNotation() {
        assertEquals("W", Notation.BOOK.parameterLabel(RNN, "Wh"));
        assertEquals("U", Notation.TENSORFLOW.parameterLabel(RNN, "Wh"), "BasicRNNCell's docstring: W·input + U·state");
        assertEquals("recurrent_kernel", Notation.KERAS.parameterLabel(RNN, "Wh"));
        assertEquals("weight_hh_l0", Notation.PYTORCH.parameterLabel(RNN, "Wh"));
        assertEquals("W", Notation.TENSORFLOW.parameterLabel(RNN, "Wx"));
        assertEquals("U", Notation.BOOK.parameterLabel(RNN, "Wx"));
        // the same node of a graph
        UnrolledGraph g = UnrolledGraph.of(RNN, 2, new boolean[] {true, true});
        Node wh = g.parameter("Wh");
        assertEquals(List.of("W", "U", "recurrent_kernel", "weight_hh_l0"),
                List.of(Notation.values()).stream().map(n -> n.label(RNN, wh)).toList());
        assertEquals("W", wh.label(), "the graph's own label is the book's");
    }

    @Test
    void theLstmCandidateGateInEachNotation() {
        assertEquals(List.of("a", "j", "c", "g"),
                List.of(Notation.values()).stream().map(n -> n.gateLetter(LSTM, "a")).toList());
        assertEquals(List.of("a", "c", "h", "n"),
                List.of(Notation.values()).stream().map(n -> n.gateLetter(GRU, "a")).toList());
        assertEquals("u", Notation.TENSORFLOW.gateLetter(GRU, "z"), "TF's update gate");
        UnrolledGraph g = UnrolledGraph.of(LSTM, 2, new boolean[] {true, true});
        Node a = g.node("a", 2);
        assertEquals("a(2)", Notation.BOOK.label(LSTM, a));
        assertEquals("j(2)", Notation.TENSORFLOW.label(LSTM, a));
        assertEquals("c\u0303(2)", Notation.KERAS.label(LSTM, a), "c̃: Keras's c block, not the cell state c(2)");
        assertEquals("g(2)", Notation.PYTORCH.label(LSTM, a));
        Node pre = g.node("pre_a", 2);
        assertEquals("p_a(2)", Notation.BOOK.label(LSTM, pre));
        assertEquals("pre_j(2)", Notation.TENSORFLOW.label(LSTM, pre));
        assertEquals("\\mathrm{pre}_{g}(t)", Notation.PYTORCH.latex(LSTM, pre, "t"));
        assertEquals("\\tilde{c}(t)", Notation.KERAS.latex(LSTM, a, "t"));
        assertEquals("\\frac{\\partial E}{\\partial \\mathrm{pre}_{j}(t)}", Notation.TENSORFLOW.deltaLatex(LSTM, pre, "t"));
        assertEquals("\\delta_{a}(t)", Notation.BOOK.deltaLatex(LSTM, pre, "t"));
        assertEquals("kernel[x,j]", Notation.TENSORFLOW.parameterLabel(LSTM, "Wx_a"));
        assertEquals("kernel_c", Notation.KERAS.parameterLabel(LSTM, "Wx_a"));
        assertEquals("weight_hh_l0[g]", Notation.PYTORCH.parameterLabel(LSTM, "Wh_a"));
        assertEquals("gates/kernel[h,u]", Notation.TENSORFLOW.parameterLabel(GRU, "Wh_z"));
        assertEquals("candidate/kernel[x]", Notation.TENSORFLOW.parameterLabel(GRU, "Wx_a"));
    }

    @Test
    void theBookExtendsTheRnnLettersToTheGates() {
        ModelConfig p = LSTM.withPeephole(true);
        assertEquals("U_i", Notation.BOOK.parameterLabel(p, "Wx_i"));
        assertEquals("W_f", Notation.BOOK.parameterLabel(p, "Wh_f"));
        assertEquals("b_o", Notation.BOOK.parameterLabel(p, "b_o"));
        assertEquals("V", Notation.BOOK.parameterLabel(p, "Wy"));
        assertEquals("c", Notation.BOOK.parameterLabel(p, "by"));
        assertEquals("w_ci", Notation.BOOK.parameterLabel(p, "p_i"));
        assertEquals("w_{co}", Notation.BOOK.parameterLatex(p, "p_o"));
        assertEquals("b_ha", Notation.BOOK.parameterLabel(GRU.withResetAfter(true), "bh_a"));
        assertEquals("W_a^\\top", Notation.BOOK.parameterLatex(GRU, "Wh_a", true));
        assertEquals("U_i", Notation.parameterLabel(CellType.LSTM, "Wx_i"), "the cell-only path is the book's");
        assertEquals("e_h(t)", Notation.BOOK.deltaLatex(RNN, UnrolledGraph.of(RNN, 1, new boolean[] {true}).node("p", 1), "t"));
    }

    @Test
    void storedTransposedMatricesCarryTheMarkInTheEquations() {
        assertEquals("\\mathrm{recurrent\\_kernel}^\\top", Notation.KERAS.parameterLatex(RNN, "Wh"));
        assertEquals("\\mathrm{recurrent\\_kernel}", Notation.KERAS.parameterLatex(RNN, "Wh", true), "the marks cancel");
        assertEquals("\\mathrm{kernel}_{x,j}^\\top", Notation.TENSORFLOW.parameterLatex(LSTM, "Wx_a"));
        assertEquals("\\mathrm{weight\\_hh\\_l0}", Notation.PYTORCH.parameterLatex(RNN, "Wh"), "(H, H) as the case");
        assertEquals("\\mathrm{weight\\_ih\\_l0}_{g}", Notation.PYTORCH.parameterLatex(LSTM, "Wx_a"));
        assertEquals("\\left(b_{ih} + b_{hh}\\right)", Notation.PYTORCH.parameterLatex(RNN, "b"));
        assertEquals("U", Notation.TENSORFLOW.parameterLatex(RNN, "Wh"));
        assertEquals("\\mathrm{dense/kernel}^\\top", Notation.KERAS.parameterLatex(RNN, "Wy"));
        assertEquals("\\mathrm{l2.weight}", Notation.PYTORCH.parameterLatex(LSTM, "Wy"));
        assertEquals("\\left(\\mathrm{bias}_{f} + \\mathrm{forget\\_bias}\\right)",
                Notation.TENSORFLOW.parameterLatex(LSTM, "b_f"), "the case's b_f, exactly");
        ModelConfig after = GRU.withResetAfter(true);
        assertEquals("input_bias_z", Notation.KERAS.parameterLabel(after, "b_z"));
        assertEquals("input_bias_z", Notation.KERAS.parameterLabel(GRU, "b_z"), "Keras 2's GRUCell names");
        assertEquals("\\left(\\mathrm{input\\_bias}_{z} + \\mathrm{recurrent\\_bias}_{z}\\right)",
                Notation.KERAS.parameterLatex(after, "b_z"));
        assertEquals("\\mathrm{recurrent\\_bias}_{h}", Notation.KERAS.parameterLatex(after, "bh_a"));
        assertEquals("\\mathrm{input\\_bias}_{h}", Notation.KERAS.parameterLatex(after, "b_a"));
    }

    @Test
    void keysRoundTripAndNamesAreInBothBundles() {
        for (Notation n : Notation.values()) {
            assertEquals(n, Notation.fromKey(n.key()));
            for (Locale l : List.of(Locale.ENGLISH, Locale.JAPANESE)) {
                assertFalse(n.displayName(bundle(l)).isBlank());
                for (ModelConfig c : configs()) {
                    String line = n.legendLine(c, bundle(l));
                    assertTrue(line.startsWith(n.displayName(bundle(l))), line);
                }
            }
        }
        assertEquals(List.of("book", "tensorflow", "keras", "pytorch"),
                List.of(Notation.values()).stream().map(Notation::key).toList());
        assertEquals(Notation.KERAS, Notation.fromKey("Keras"));
        assertNull(Notation.fromKey("caffe"));
        assertTrue(Notation.BOOK.legendLine(RNN, bundle(Locale.ENGLISH)).contains("e_h(t)"));
    }

    @Test
    void mappingLinesExistInEnglishAndJapanese() {
        ResourceBundle en = bundle(Locale.ENGLISH);
        ResourceBundle ja = bundle(Locale.JAPANESE);
        List<String> keys = new ArrayList<>();
        for (Notation n : Notation.values()) {
            for (ModelConfig c : configs()) {
                for (ParamSpec p : ParamLayout.of(c).params()) {
                    Optional<Notation.Mapping> m = n.mapping(c, p.name());
                    if (n == Notation.BOOK) {
                        assertTrue(m.isEmpty());
                    }
                    if (m.isPresent()) {
                        keys.add(m.get().bundleKey());
                        for (ResourceBundle b : List.of(en, ja)) {
                            String line = m.get().format(b);
                            assertTrue(line.contains(p.name()), line);
                            assertFalse(line.contains("{") || line.contains("\n"), "one filled line: " + line);
                        }
                    }
                }
            }
        }
        assertTrue(keys.containsAll(List.of("mapping.pytorch.bias", "mapping.pytorch.gruCandidate",
                "mapping.pytorch.resetBefore", "mapping.tensorflow.forgetBias", "mapping.tensorflow.resetAfter",
                "mapping.keras.biasSum", "mapping.keras.biasRow", "mapping.none", "mapping.hardSigmoid")),
                keys.toString());
        ModelConfig hard = LSTM.withGateActivation(org.unroll.engine.GateActivation.HARD_SIGMOID);
        assertTrue(Notation.PYTORCH.mapping(hard, "Wx_f").orElseThrow().format(en).contains("no PyTorch equivalent"));
        assertTrue(Notation.KERAS.mapping(hard, "Wx_f").isEmpty(), "Keras 2 has hard_sigmoid gates");
        assertTrue(Notation.PYTORCH.mapping(hard, "Wx_a").isEmpty(), "the candidate is not a gate");
        // the statements themselves
        assertEquals("case b_f = stored bias[f] + forget_bias: TensorFlow adds forget_bias (default 1.0) to f at run"
                + " time and does not store it", Notation.TENSORFLOW.mapping(LSTM, "b_f").orElseThrow().format(en));
        assertTrue(Notation.PYTORCH.mapping(LSTM, "b_i").orElseThrow().format(en)
                .startsWith("case b_i = bias_ih_l0[i] + bias_hh_l0[i]"));
        assertTrue(Notation.PYTORCH.mapping(RNN, "b").orElseThrow().format(en).startsWith("case b = bias_ih_l0 + bias_hh_l0"));
        ModelConfig after = GRU.withResetAfter(true);
        assertTrue(Notation.KERAS.mapping(after, "b_z").orElseThrow().format(en)
                .startsWith("case b_z = bias[0] + bias[1] of the z block"));
        assertTrue(Notation.KERAS.mapping(after, "bh_a").orElseThrow().format(en)
                .startsWith("case bh_a = recurrent_bias_h = bias[1] of the h block"));
        assertTrue(Notation.KERAS.mapping(after, "b_a").orElseThrow().format(en)
                .startsWith("case b_a = input_bias_h = bias[0] of the h block"));
        assertTrue(Notation.KERAS.mapping(GRU, "b_z").isEmpty(), "without reset_after one bias, one-to-one");
        assertTrue(Notation.KERAS.mapping(RNN, "Wh").isEmpty());
        assertTrue(Notation.TENSORFLOW.mapping(LSTM, "b_i").isEmpty());
        assertTrue(Notation.PYTORCH.mapping(after, "bh_a").orElseThrow().format(en).startsWith("case bh_a = b_hn"));
    }
}
