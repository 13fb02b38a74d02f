package org.unroll.interop;

import java.util.List;
import java.util.Objects;
import org.unroll.engine.Case;
import org.unroll.engine.LossKind;
import org.unroll.engine.Message;
import org.unroll.engine.ModelConfig;
import org.unroll.engine.Sequence;
import org.unroll.engine.Weights;

/**
 * A network read from another framework's file, in the engine's layout. Immutable (the weights are
 * a copy owned by this record; treat them as read-only).
 *
 * @param framework "PyTorch", "Keras" or "TensorFlow 1.x"
 * @param version the framework's version as the file records it, or null when it records none
 * @param format the file's format as the user would name it ("state_dict (zip)", "HDF5", ...)
 * @param source the file's name (no folder)
 * @param config the network's shape and activations
 * @param weights every parameter, mapped
 * @param mapping what was mapped to what, a line each, in the order shown to the user (for
 *                example {@code "W_i ← weight_ih_l0 rows 0–49 (block i)"}): messages (ADR 0044), the
 *                English of which the command line prints, the window showing them in its language;
 *                the file's names (layers, arrays, modules) are arguments as they are, not escaped
 * @param notes what the user must know about the mapping, a sentence each (for example "the two
 *              biases bias_ih_l0 and bias_hh_l0 are summed into b"), messages as the mapping's
 */
public record Imported(String framework, String version, String format, String source, ModelConfig config,
                       Weights weights, List<Message> mapping, List<Message> notes) {

    public Imported {
        Objects.requireNonNull(framework, "framework");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(weights, "weights");
        mapping = List.copyOf(mapping);
        notes = List.copyOf(notes);
    }

    /**
     * The case this network makes with an input sequence of the user's: no expected block (the
     * engine computes everything shown).
     *
     * @param name the case's name (may be null)
     * @param sequence inputs of width {@code config.inputSize()} and targets of width
     *                 {@code config.outputSize()}
     * @param loss the loss
     */
    public Case toCase(String name, Sequence sequence, LossKind loss) {
        String description = framework + (version == null ? "" : " " + version) + ", " + format + ": " + source;
        return new Case(name, description, config, weights.copy(), sequence, loss, null, null);
    }
}
