package org.unroll.ui.common;

import javafx.scene.paint.Color;

/** AWT colours (the drawing code's) as JavaFX colours. */
public final class FxColors {

    private FxColors() {
    }

    /** The JavaFX colour of an AWT colour, alpha included. */
    public static Color of(java.awt.Color c) {
        return Color.rgb(c.getRed(), c.getGreen(), c.getBlue(), c.getAlpha() / 255.0);
    }
}
