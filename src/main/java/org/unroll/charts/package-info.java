/**
 * JFreeChart datasets of what the engine computed (gate activations, states, predictions, gradient
 * flow and losses, built from a {@link org.unroll.engine.Trace} or a
 * {@link org.unroll.session.LossHistory}), the charts that show them ({@link org.unroll.charts.Plots})
 * and their data as CSV rows. No windows and no JavaFX: the Training tab and a headless export build
 * the same charts here. Every dataset factory returns a new dataset and leaves its arguments
 * unchanged; time steps are the x values t = 1 … T, units are 0-based indices.
 */
package org.unroll.charts;
