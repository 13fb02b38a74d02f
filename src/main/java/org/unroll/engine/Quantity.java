package org.unroll.engine;

/**
 * A per-step quantity of a trace, typed: the forward values, the errors of BPTT, and the two
 * initial-state errors. Each carries its case-format key ({@code pre_i}, {@code dq}, {@code dh0} …);
 * the two GRU quantities the case format does not name ({@link #AUX}, {@link #DAUX}) have
 * {@link #inCase()} false. Which quantities a cell has is the cell's to say ({@link Cell}).
 */
public enum Quantity {
    // forward values (the case format's "forward" keys), then the GRU's unnamed helper
    H("h", Part.FORWARD), C("c", Part.FORWARD), P("p", Part.FORWARD), Q("q", Part.FORWARD), Y("y", Part.FORWARD),
    I("i", Part.FORWARD), F("f", Part.FORWARD), O("o", Part.FORWARD), A("a", Part.FORWARD),
    R("r", Part.FORWARD), Z("z", Part.FORWARD),
    PRE_I("pre_i", Part.FORWARD), PRE_F("pre_f", Part.FORWARD), PRE_O("pre_o", Part.FORWARD),
    PRE_A("pre_a", Part.FORWARD), PRE_R("pre_r", Part.FORWARD), PRE_Z("pre_z", Part.FORWARD),
    /** GRU: what Wh_a multiplies (r ⊙ h(t−1), reset before) or produces (Wh_a h(t−1) + bh_a, reset after). */
    AUX("aux", Part.FORWARD, false),
    /** The input x(t) (given, not computed). */
    X("x", Part.FORWARD, false),
    // errors (the case format's "deltas" keys)
    DQ("dq", Part.DELTA), DH("dh", Part.DELTA), DC("dc", Part.DELTA), DP("dp", Part.DELTA),
    DPRE_I("dpre_i", Part.DELTA), DPRE_F("dpre_f", Part.DELTA), DPRE_O("dpre_o", Part.DELTA),
    DPRE_A("dpre_a", Part.DELTA), DPRE_R("dpre_r", Part.DELTA), DPRE_Z("dpre_z", Part.DELTA),
    /** GRU: the error of {@link #AUX}. */
    DAUX("daux", Part.DELTA, false),
    // the errors of the initial state (vectors, not per step)
    DH0("dh0", Part.INITIAL), DC0("dc0", Part.INITIAL);

    /** Where a quantity lives in a trace. */
    public enum Part { FORWARD, DELTA, INITIAL }

    private final String key;
    private final Part part;
    private final boolean inCase;

    Quantity(String key, Part part) {
        this(key, part, true);
    }

    Quantity(String key, Part part, boolean inCase) {
        this.key = key;
        this.part = part;
        this.inCase = inCase;
    }

    /** The case-format key ({@code h}, {@code pre_i}, {@code dpre_f}, {@code dh0} …). */
    public String key() {
        return key;
    }

    public Part part() {
        return part;
    }

    /** Whether the case format names this quantity (false for the GRU's aux and x). */
    public boolean inCase() {
        return inCase;
    }

    /** The quantity of a case key, or null when the key names none. */
    public static Quantity fromKey(String key) {
        for (Quantity q : values()) {
            if (q.key.equals(key)) {
                return q;
            }
        }
        return null;
    }

    /** The error of this forward quantity's pre-activation form: PRE_I → DPRE_I, P → DP, Q → DQ … or null. */
    public Quantity error() {
        return switch (this) {
            case Q -> DQ;
            case H -> DH;
            case C -> DC;
            case P -> DP;
            case PRE_I -> DPRE_I;
            case PRE_F -> DPRE_F;
            case PRE_O -> DPRE_O;
            case PRE_A -> DPRE_A;
            case PRE_R -> DPRE_R;
            case PRE_Z -> DPRE_Z;
            case AUX -> DAUX;
            default -> null;
        };
    }
}
