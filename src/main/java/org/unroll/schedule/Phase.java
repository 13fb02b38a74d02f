package org.unroll.schedule;

/** The four parts of a BPTT walk-through, in the order they happen. */
public enum Phase {
    /** Forward values, left to right. */
    FORWARD,
    /** The loss terms E_t and the loss E. */
    LOSS,
    /** The errors (deltas), right to left. */
    BACKWARD,
    /** Each shared parameter's gradient, step by step: the term step t adds, and the running sum. */
    GRADIENT
}
