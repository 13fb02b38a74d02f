/**
 * JFreeChart datasets of what the engine computed: gate activations, states, predictions, gradient
 * flow and losses, built from a {@link org.unroll.engine.Trace} or a
 * {@link org.unroll.session.LossHistory}. Datasets only: no rendering, no windows, no JavaFX. Every
 * factory returns a new dataset and leaves its arguments unchanged; time steps are the x values
 * t = 1 … T, units are 0-based indices.
 */
package org.unroll.charts;
