package org.unroll.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;
import org.unroll.engine.CellType;
import org.unroll.engine.ModelConfig;
import org.unroll.graph.Notation;

/** Chart legends speak the user's language; formulas stay as they are. */
class SeriesLabelsTest {

    private static SeriesLabels labels(Locale l) {
        return new SeriesLabels(ResourceBundle.getBundle("i18n.messages", l));
    }

    @Test
    void japaneseLegends() {
        SeriesLabels ja = labels(Locale.JAPANESE);
        assertEquals("f ユニット 2", ja.localize("f unit 2"));
        assertEquals("∏f ユニット 0", ja.localize("∏f unit 0"));
        assertEquals("LSTM 検証", ja.localize("LSTM validation"));
        assertEquals("RNN 訓練", ja.localize("RNN train"));
        assertEquals("目標", ja.localize("target"));
        assertEquals("‖∂E/∂h(t)‖", ja.localize("‖∂E/∂h(t)‖"));
        assertEquals("LSTM ‖∂E/∂h(t)‖", ja.localize("LSTM ‖∂E/∂h(t)‖"));
    }

    @Test
    void englishLegends() {
        SeriesLabels en = labels(Locale.ENGLISH);
        assertEquals("c unit 1", en.localize("c unit 1"));
        assertEquals("free running", en.localize("free running"));
        assertEquals("mean ∏f", en.localize("mean ∏f"));
    }

    @Test
    void legendsInANotation() {
        ResourceBundle en = ResourceBundle.getBundle("i18n.messages", Locale.ENGLISH);
        ResourceBundle ja = ResourceBundle.getBundle("i18n.messages", Locale.JAPANESE);
        ModelConfig gru = ModelConfig.of(CellType.GRU, 1, 4, 1);
        ModelConfig lstm = ModelConfig.of(CellType.LSTM, 1, 4, 1);
        ModelConfig rnn = ModelConfig.of(CellType.RNN, 1, 4, 1);
        assertEquals("u unit 0", new SeriesLabels(en, Notation.TENSORFLOW, gru).localize("z unit 0"));
        assertEquals("u ユニット 0", new SeriesLabels(ja, Notation.TENSORFLOW, gru).localize("z unit 0"));
        assertEquals("z unit 0", new SeriesLabels(en, Notation.PYTORCH, gru).localize("z unit 0"));
        assertEquals("c\u0303", new SeriesLabels(en, Notation.KERAS, lstm).localize("a"), "the heat map's gate");
        assertEquals("‖∂E/∂W_f(t)‖", new SeriesLabels(en, Notation.BOOK, lstm).localize("‖∂E/∂Wh_f(t)‖"));
        assertEquals("‖∂E/∂recurrent_kernel(t)‖", new SeriesLabels(en, Notation.KERAS, rnn).localize("‖∂E/∂Wh(t)‖"));
        assertEquals("‖∂E/∂weight_hh_l0(t)‖", new SeriesLabels(en, Notation.PYTORCH, rnn).localize("‖∂E/∂Wh(t)‖"));
        assertEquals("‖∂E/∂h(t)‖", new SeriesLabels(en, Notation.KERAS, rnn).localize("‖∂E/∂h(t)‖"));
        assertEquals("∏f ユニット 1", new SeriesLabels(ja, Notation.TENSORFLOW, lstm).localize("∏f unit 1"));
        assertEquals("‖∂E/∂Wh_f(t)‖", labels(Locale.ENGLISH).localize("‖∂E/∂Wh_f(t)‖"), "without a network: as keyed");
    }
}
