package org.unroll.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

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
}
