/**
 * The BPTT walk-through: a {@link org.unroll.schedule.Schedule} of events (forward values, loss
 * terms, errors, gradient terms), each with what it reads and its equation in the book's
 * notation, symbolic and with the trace's numbers; and a pure {@link org.unroll.schedule.Cursor}
 * that plays it back. No JavaFX, no AWT.
 */
package org.unroll.schedule;
