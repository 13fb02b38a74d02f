package org.unroll.engine;

import java.util.Map;

/**
 * One network with all its weights, one input sequence with its targets, the loss, and optionally
 * the values BPTT must produce: the {@code unroll-case/1} file format in memory.
 *
 * @param name the case's name (may be null)
 * @param description free text (may be null)
 * @param config the network's shape
 * @param weights all parameters (the engine's layout; treat as read-only)
 * @param sequence inputs, targets, h0, c0
 * @param loss the loss function
 * @param truncate null for full BPTT, else k ≥ 1
 * @param expected the expected values, or null
 */
public record Case(String name, String description, ModelConfig config, Weights weights, Sequence sequence,
                   LossKind loss, Integer truncate, Expected expected) {

    /**
     * The expected block; every part may be null. Per-step entries are T×dim arrays; {@code dh0}
     * and {@code dc0} are stored as 1×H; gradients in case shape (vectors as n×1).
     *
     * @param loss E, or null
     * @param forward forward keys to T×dim arrays, or null
     * @param deltas delta keys to arrays, or null
     * @param grads parameter names to arrays, or null
     */
    public record Expected(Double loss, Map<String, double[][]> forward, Map<String, double[][]> deltas,
                           Map<String, double[][]> grads) {
    }

    /** The same case with another expected block. */
    public Case withExpected(Expected e) {
        return new Case(name, description, config, weights, sequence, loss, truncate, e);
    }

    /** Runs the case through the engine: forward and (full or truncated) BPTT, one sequence. */
    public Trace compute() {
        Bptt b = new Bptt(config, loss);
        Weights g = new Weights(weights.layout());
        b.forward(weights, Batch.of(sequence));
        b.backward(weights, truncate, g);
        // the workspace becomes the trace (ADR 0032): not held twice at the peak
        return b.takeTrace();
    }
}
