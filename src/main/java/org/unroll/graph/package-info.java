/**
 * The unrolled network as an immutable graph: one node per vector quantity per time step, one node
 * per shared parameter, edges from the equations of the case format; and {@link
 * org.unroll.graph.TraceValues}, which looks up a trace's numbers by node. No JavaFX, no AWT.
 */
package org.unroll.graph;
