package org.unroll.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The graph's labels in the window's Japanese family: a glyph IPA Gothic lacks (the ᵀ of the chain
 * rule's "Wᵀ e_h(t+1)") is drawn from a font that has it, not as a box. Skipped where IPA Gothic is
 * not installed (the CI machine has DejaVu only, which has every glyph the labels use).
 */
class GraphPainterFontTest {

    @Test
    void aLabelWithAGlyphTheFamilyLacksIsDrawnInAFontThatHasIt() {
        assumeTrue(Arrays.asList(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames())
                .contains("IPAGothic"), "IPA Gothic is not installed");
        Font ipa = new Font("IPAGothic", Font.BOLD, 1).deriveFont(Font.BOLD, 17f);
        String label = "Wᵀ e_h(t+1) ⊙ f′(p(t)) ≤ 1";
        assumeTrue(ipa.canDisplayUpTo(label) >= 0, "this IPA Gothic has the glyphs");
        Font used = GraphPainter.fontFor(ipa, label);
        assertEquals(-1, used.canDisplayUpTo(label), "every glyph of the label can be drawn");
        assertEquals(17f, used.getSize2D());
        assertEquals(Font.BOLD, used.getStyle());
        assertSame(ipa, GraphPainter.fontFor(ipa, "共有パラメータ h(1)"), "a label the family can draw keeps it");
    }
}
