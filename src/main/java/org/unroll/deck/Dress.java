package org.unroll.deck;

import org.unroll.view.Presentation;

/**
 * What a scene says of the {@link Presentation}: each part it gives replaces the window's, each
 * part it leaves out (null) stays as the room has it (a presenter's type size survives a scene
 * that only turns on log colours). Immutable.
 *
 * @param typeSize 0..{@value Presentation#MAX_TYPE_SIZE}, or null
 * @param highContrast or null
 * @param logErrors or null
 */
public record Dress(Integer typeSize, Boolean highContrast, Boolean logErrors) {

    public Dress {
        if (typeSize != null && (typeSize < 0 || typeSize > Presentation.MAX_TYPE_SIZE)) {
            throw new IllegalArgumentException("type size must be 0.." + Presentation.MAX_TYPE_SIZE + ", got " + typeSize);
        }
    }

    /** All of a presentation. */
    public static Dress of(Presentation p) {
        return new Dress(p.typeSize(), p.highContrast(), p.logErrors());
    }

    /** The presentation with this dress's parts in place of its own. */
    public Presentation over(Presentation p) {
        Presentation base = p == null ? Presentation.DESKTOP : p;
        return new Presentation(typeSize != null ? typeSize : base.typeSize(),
                highContrast != null ? highContrast : base.highContrast(),
                logErrors != null ? logErrors : base.logErrors(), base.chainRule());
    }
}
