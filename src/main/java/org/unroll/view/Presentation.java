package org.unroll.view;

/**
 * How the picture is dressed for a room, independent of what it shows: the type size step for
 * the back row, the high-contrast theme for a washed-out projector, and whether errors are
 * coloured on a logarithmic scale. Immutable; the painter, the inspector, the exports and a
 * deck's scenes all read the same value.
 *
 * @param typeSize  0 (the desktop's size) up to {@link #MAX_TYPE_SIZE} (the back row)
 * @param highContrast black on white with thick, saturated highlights
 * @param logErrors colour errors by log10 of their magnitude, so a vanishing gradient fades
 * @param chainRule on an error event, each edge the error comes back along shows its factor of the
 *                  chain rule ({@code Wᵀ e_h(t+1)}, {@code f′(p(t))}); on unless turned off
 */
public record Presentation(int typeSize, boolean highContrast, boolean logErrors, boolean chainRule) {

    /** The largest type size step. */
    public static final int MAX_TYPE_SIZE = 4;

    /** The desktop: normal type, normal theme, linear colours, the chain rule on the edges. */
    public static final Presentation DESKTOP = new Presentation(0, false, false, true);

    /** A presentation with the chain rule's factors on the edges. */
    public Presentation(int typeSize, boolean highContrast, boolean logErrors) {
        this(typeSize, highContrast, logErrors, true);
    }

    public Presentation {
        if (typeSize < 0 || typeSize > MAX_TYPE_SIZE) {
            throw new IllegalArgumentException("type size must be 0.." + MAX_TYPE_SIZE + ", got " + typeSize);
        }
    }

    /**
     * The factor every font is multiplied by at this step: 1, 1.35, 1.8, 2.4, 3.1 — so that at the
     * last step an 8 px label becomes about 25 px.
     */
    public double scale() {
        return SCALES[typeSize];
    }

    private static final double[] SCALES = {1.0, 1.35, 1.8, 2.4, 3.1};

    public Presentation withTypeSize(int step) {
        return new Presentation(Math.max(0, Math.min(MAX_TYPE_SIZE, step)), highContrast, logErrors, chainRule);
    }

    public Presentation withHighContrast(boolean on) {
        return new Presentation(typeSize, on, logErrors, chainRule);
    }

    public Presentation withLogErrors(boolean on) {
        return new Presentation(typeSize, highContrast, on, chainRule);
    }

    public Presentation withChainRule(boolean on) {
        return new Presentation(typeSize, highContrast, logErrors, on);
    }
}
