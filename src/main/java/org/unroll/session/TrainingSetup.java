package org.unroll.session;

import java.io.IOException;
import java.nio.file.Path;
import org.unroll.engine.Activation;
import org.unroll.engine.CellType;
import org.unroll.engine.Dataset;
import org.unroll.engine.Datasets;
import org.unroll.engine.LossKind;
import org.unroll.engine.ModelConfig;
import org.unroll.engine.OptimizerKind;
import org.unroll.engine.OutputActivation;
import org.unroll.engine.TrainingConfig;

/**
 * What the Training tab's form says, as one value: the task and its data, the network and the
 * optimiser. The tab and the headless {@code export --train-epochs} build their run from it, so
 * the same settings train the same network. Immutable.
 *
 * @param task the task
 * @param addingLength the adding problem's sequence length T
 * @param addingCount the adding problem's number of sequences
 * @param csv the CSV file of the CSV task (null for the others)
 * @param cell the cell
 * @param hidden the hidden size H
 * @param optimizer the optimiser
 * @param learningRate the learning rate
 * @param batch the mini-batch size
 * @param epochs the number of epochs
 * @param clip the global-norm clip (0: off)
 * @param truncation truncated BPTT through k steps (0: full BPTT)
 * @param seed the seed of the data, the weights and the shuffles
 */
public record TrainingSetup(Task task, int addingLength, int addingCount, Path csv, CellType cell, int hidden,
                            OptimizerKind optimizer, double learningRate, int batch, int epochs, double clip,
                            int truncation, long seed) {

    /** The tasks. */
    public enum Task {
        SINE, ADDING, CSV
    }

    /** The tab's initial settings: noisy sine, LSTM with 8 units, Adam 0.01, batch 10, 200 epochs, clip 1, seed 1. */
    public static TrainingSetup defaults() {
        return new TrainingSetup(Task.SINE, 50, 200, null, CellType.LSTM, 8, OptimizerKind.ADAM, 0.01, 10, 200, 1.0, 0,
                1);
    }

    /** The same with another number of epochs. */
    public TrainingSetup withEpochs(int n) {
        return new TrainingSetup(task, addingLength, addingCount, csv, cell, hidden, optimizer, learningRate, batch, n,
                clip, truncation, seed);
    }

    /**
     * The task's data (the CSV task reads its file).
     *
     * @throws IOException if the CSV file cannot be read or is not valid
     */
    public Dataset dataset() throws IOException {
        if (task == Task.CSV && csv == null) {
            throw new IOException("no CSV file chosen");
        }
        return switch (task) {
            case SINE -> Datasets.noisySine(seed);
            case ADDING -> Datasets.addingProblem(addingLength, addingCount, seed);
            case CSV -> Datasets.fromCsv(csv, Datasets.SINE_WINDOW, seed);
        };
    }

    /**
     * The training configuration for a dataset: tanh cells, a linear output, mean squared error and
     * an LSTM forget-gate bias of 1.
     *
     * @param data the dataset (its input and output sizes are used; not modified)
     */
    public TrainingConfig config(Dataset data) {
        ModelConfig model = new ModelConfig(cell, data.inputSize(), hidden, data.outputSize(), Activation.TANH,
                OutputActivation.LINEAR, false, false);
        return new TrainingConfig(model, LossKind.MSE, optimizer, learningRate, batch, epochs, clip,
                truncation > 0 ? truncation : null, seed, 1.0);
    }
}
