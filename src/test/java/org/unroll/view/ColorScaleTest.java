package org.unroll.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.unroll.testing.Seeded;

/** The linear and the logarithmic colour scales. */
class ColorScaleTest {

    private static final Color WHITE_ISH = new ColorScale(1).color(0);

    @Test
    void theLogScaleTellsApartErrorsTheLinearOneShowsAsWhite() {
        ColorScale linear = new ColorScale(1);
        ColorScale log = linear.logarithmic();
        // linear: both are white, the vanishing gradient's picture
        assertEquals(WHITE_ISH, linear.color(1e-3));
        assertEquals(WHITE_ISH, linear.color(1e-7));
        // log: two shades of red, neither white, the larger darker
        Color a = log.color(1e-3);
        Color b = log.color(1e-7);
        assertNotEquals(a, b);
        assertNotEquals(WHITE_ISH, a);
        assertNotEquals(WHITE_ISH, b);
        assertTrue(a.getGreen() < b.getGreen(), "1e-3 is redder than 1e-7");
        // the sign is kept: negative errors are blue
        Color n = log.color(-1e-7);
        assertTrue(n.getBlue() > n.getRed(), "a negative error is blue");
        assertEquals(WHITE_ISH, log.color(0));
        assertEquals(WHITE_ISH, log.color(1e-13), "below 12 decades: white");
        assertEquals(linear.color(1), log.color(1), "both saturate at the limit");
    }

    @Test
    void positionsAreLog10OfTheMagnitudeOverTheDecades() {
        ColorScale log = ColorScale.logarithmic(0.5, 12);
        assertTrue(log.isLogarithmic());
        assertEquals(12, log.decades());
        assertEquals(1, log.position(0.5), 1e-12);
        assertEquals(1 - 3 / 12.0, log.position(0.5e-3), 1e-12);
        assertEquals(-(1 - 7 / 12.0), log.position(-0.5e-7), 1e-12);
        assertEquals(0, log.position(0.5e-12), 1e-12);
        assertEquals(1, log.position(7), 1e-12, "above the limit: saturated");
        assertThrows(IllegalArgumentException.class, () -> ColorScale.logarithmic(1, 0));
        assertEquals(0, new ColorScale(2).decades());
    }

    /** A log scale and a position on it. */
    private record Case(double limit, int decades, double position) {
    }

    @TestFactory
    Stream<DynamicTest> valueAtInvertsPositionAndColoursAreMonotone() {
        return Seeded.cases("logScaleInverse", 120,
                g -> new Case(Math.pow(10, g.between(-8, 3)), g.between(1, 15), g.between(-1000, 1000) / 1000.0), c -> {
                    ColorScale log = ColorScale.logarithmic(c.limit(), c.decades());
                    assertEquals(c.position(), log.position(log.valueAt(c.position())), 1e-9);
                    double v = log.valueAt(Math.abs(c.position()));
                    double w = log.valueAt(Math.min(1, Math.abs(c.position()) + 0.1));
                    assertTrue(log.color(v).getGreen() >= log.color(w).getGreen(), "larger magnitude, deeper colour");
                });
    }
}
