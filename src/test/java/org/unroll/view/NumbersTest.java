package org.unroll.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class NumbersTest {

    @Test
    void formatsAndAgrees() {
        Locale def = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals("0.1235", Numbers.format(0.12345678));
            assertEquals("-12.5000", Numbers.format(-12.5));
            assertEquals("3.142e-05", Numbers.format(3.14159e-5));
            assertEquals("0.0000", Numbers.format(0));
        } finally {
            Locale.setDefault(def);
        }
        assertTrue(Numbers.agrees(Numbers.format(0.12345678), 0.12345678));
        assertTrue(Numbers.agrees(Numbers.format(3.14159e-5), 3.14159e-5));
        assertFalse(Numbers.agrees("0.1236", 0.12345678));
        assertEquals("1.0000\n-2.0000", Numbers.column(new double[] {1, -2}));
    }

    @Test
    void colourScaleIsBlueWhiteRed() {
        ColorScale s = new ColorScale(2);
        assertTrue(s.color(2).getRed() > s.color(2).getBlue());
        assertTrue(s.color(-2).getBlue() > s.color(-2).getRed());
        assertTrue(s.color(0).getRed() > 240 && s.color(0).getGreen() > 240 && s.color(0).getBlue() > 240);
        assertEquals(s.color(5), s.color(2));
    }

    @org.junit.jupiter.api.Test
    void nanAndInfinityAreShownAsSuch() {
        org.junit.jupiter.api.Assertions.assertEquals("NaN", Numbers.format(Double.NaN));
        org.junit.jupiter.api.Assertions.assertEquals("+\u221e", Numbers.format(Double.POSITIVE_INFINITY));
        org.junit.jupiter.api.Assertions.assertEquals("\u2212\u221e", Numbers.format(Double.NEGATIVE_INFINITY));
        org.junit.jupiter.api.Assertions.assertEquals("NaN\n+\u221e", Numbers.column(new double[] {Double.NaN, Double.POSITIVE_INFINITY}));
    }
}
