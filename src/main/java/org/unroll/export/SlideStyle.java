package org.unroll.export;

import java.awt.Color;
import java.util.Objects;

/**
 * How a {@link Slide} looks: colours, type sizes and spacing, in the logical units of the export
 * (pixels for PNG/GIF/SVG, points for PDF).
 *
 * @param background the colour filled over the whole slide
 * @param foreground the colour of the title and the caption
 * @param fontFamily the font family of the title and of a plain caption; the AWT logical families
 *     ("SansSerif", "Serif", "Dialog") fall back to installed CJK fonts, so Japanese renders
 * @param titleSize the title's font size
 * @param captionSize the caption's font size (also the size of a LaTeX caption)
 * @param margin the empty border around everything
 * @param gap the space between the title, the content and the caption
 */
public record SlideStyle(Color background, Color foreground, String fontFamily, float titleSize, float captionSize,
        double margin, double gap) {

    /** The width of the slide {@link #standard()} is made for. */
    public static final int STANDARD_WIDTH = 1280;
    /** The height of the slide {@link #standard()} is made for. */
    public static final int STANDARD_HEIGHT = 720;

    /** Checks the values. */
    public SlideStyle {
        Objects.requireNonNull(background, "background");
        Objects.requireNonNull(foreground, "foreground");
        Objects.requireNonNull(fontFamily, "fontFamily");
        if (fontFamily.isBlank()) {
            throw new IllegalArgumentException("the font family is empty");
        }
        if (!(titleSize > 0 && titleSize < 1000) || !(captionSize > 0 && captionSize < 1000)) {
            throw new IllegalArgumentException("font sizes must be between 0 and 1000, got title " + titleSize
                    + " and caption " + captionSize);
        }
        if (!(margin >= 0 && margin < 10_000) || !(gap >= 0 && gap < 10_000)) {
            throw new IllegalArgumentException("margin and gap must be between 0 and 10000, got " + margin
                    + " and " + gap);
        }
    }

    /**
     * Large type for a 16:9 slide of {@value #STANDARD_WIDTH} × {@value #STANDARD_HEIGHT}: black on
     * white, "SansSerif", a 36 px bold title, a 24 px caption, 32 px margins and a 16 px gap.
     */
    public static SlideStyle standard() {
        return new SlideStyle(Color.WHITE, Color.BLACK, "SansSerif", 36f, 24f, 32, 16);
    }

    /**
     * The standard style scaled to a slide of another size: by the smaller of the two ratios to
     * {@value #STANDARD_WIDTH} × {@value #STANDARD_HEIGHT}, so that the text takes the same share of
     * the slide.
     *
     * @param width the slide's width, positive
     * @param height the slide's height, positive
     */
    public static SlideStyle forSize(double width, double height) {
        if (!(width > 0 && height > 0) || Double.isInfinite(width) || Double.isInfinite(height)) {
            throw new IllegalArgumentException("the slide size must be positive, got " + width + " × " + height);
        }
        return standard().scaled(Math.min(width / STANDARD_WIDTH, height / STANDARD_HEIGHT));
    }

    /**
     * This style with font sizes, margin and gap multiplied by {@code factor}; colours and the font
     * family stay. This record is not modified.
     *
     * @param factor greater than 0
     */
    public SlideStyle scaled(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("the scale factor must be positive, got " + factor);
        }
        return new SlideStyle(background, foreground, fontFamily, (float) (titleSize * factor),
                (float) (captionSize * factor), margin * factor, gap * factor);
    }

    /** This style with another font family; this record is not modified. */
    public SlideStyle withFontFamily(String family) {
        return new SlideStyle(background, foreground, family, titleSize, captionSize, margin, gap);
    }
}
