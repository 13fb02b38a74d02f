/**
 * Other frameworks' files (issue 12, ADR 0020): a recurrent network saved by PyTorch, Keras or
 * TensorFlow 1.x read into the engine's layout ({@link org.unroll.interop.Imported}, then a
 * {@link org.unroll.engine.Case}), exactly, or refused with one sentence naming the reason
 * ({@link org.unroll.interop.ImportException}); and the engine's weights written back in those
 * frameworks' layouts. Nothing in a file is ever executed: pickles are read with only the classes
 * a state dict needs. A layer beside export: it uses the engine; cli and ui use it. No JavaFX.
 */
package org.unroll.interop;
