package org.unroll.engine;

import java.util.Objects;

/**
 * The shape of a network: which cell, its sizes and options. Immutable.
 *
 * @param cell the recurrent cell
 * @param inputSize I, the size of x(t)
 * @param hiddenSize H, the size of h(t) (and c(t))
 * @param outputSize O, the size of y(t)
 * @param activation the RNN's f, the candidate and cell-output squash of LSTM and GRU
 * @param outputActivation the output layer's g
 * @param peephole LSTM only: diagonal peepholes p_i, p_f, p_o
 * @param resetAfter GRU only: apply the reset gate after the recurrent product
 * @param gateActivation LSTM and GRU: the squash of the gates (sigmoid, or Keras 2's hard sigmoid)
 */
public record ModelConfig(CellType cell, int inputSize, int hiddenSize, int outputSize,
                          Activation activation, OutputActivation outputActivation,
                          boolean peephole, boolean resetAfter, GateActivation gateActivation) {

    public ModelConfig {
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(outputActivation, "outputActivation");
        Objects.requireNonNull(gateActivation, "gateActivation");
        if (gateActivation != GateActivation.SIGMOID && cell == CellType.RNN) {
            throw new IllegalArgumentException("gateActivation applies to lstm and gru only");
        }
        if (inputSize < 1 || hiddenSize < 1 || outputSize < 1) {
            throw new IllegalArgumentException("sizes must be >= 1");
        }
        if (peephole && cell != CellType.LSTM) {
            throw new IllegalArgumentException("peephole applies to lstm only");
        }
        if (resetAfter && cell != CellType.GRU) {
            throw new IllegalArgumentException("resetAfter applies to gru only");
        }
    }

    /** A config with sigmoid gates. */
    public ModelConfig(CellType cell, int inputSize, int hiddenSize, int outputSize,
                       Activation activation, OutputActivation outputActivation,
                       boolean peephole, boolean resetAfter) {
        this(cell, inputSize, hiddenSize, outputSize, activation, outputActivation, peephole, resetAfter,
                GateActivation.SIGMOID);
    }

    /** A config with tanh, a linear output and no options. */
    public static ModelConfig of(CellType cell, int inputSize, int hiddenSize, int outputSize) {
        return new ModelConfig(cell, inputSize, hiddenSize, outputSize, Activation.TANH,
                OutputActivation.LINEAR, false, false);
    }

    public ModelConfig withPeephole(boolean p) {
        return new ModelConfig(cell, inputSize, hiddenSize, outputSize, activation, outputActivation, p, resetAfter,
                gateActivation);
    }

    public ModelConfig withResetAfter(boolean r) {
        return new ModelConfig(cell, inputSize, hiddenSize, outputSize, activation, outputActivation, peephole, r,
                gateActivation);
    }

    public ModelConfig withActivation(Activation a) {
        return new ModelConfig(cell, inputSize, hiddenSize, outputSize, a, outputActivation, peephole, resetAfter,
                gateActivation);
    }

    public ModelConfig withOutputActivation(OutputActivation g) {
        return new ModelConfig(cell, inputSize, hiddenSize, outputSize, activation, g, peephole, resetAfter,
                gateActivation);
    }

    public ModelConfig withGateActivation(GateActivation g) {
        return new ModelConfig(cell, inputSize, hiddenSize, outputSize, activation, outputActivation, peephole,
                resetAfter, g);
    }

    /** Whether the cell carries a cell state c besides h (LSTM). */
    public boolean hasCellState() {
        return cell == CellType.LSTM;
    }
}
