package org.unroll.session;

import java.io.IOException;
import java.nio.file.Path;
import org.unroll.engine.Activation;
import org.unroll.engine.GateActivation;
import org.unroll.engine.CellType;
import org.unroll.engine.Dataset;
import org.unroll.engine.Datasets;
import org.unroll.engine.EarlyStopping;
import org.unroll.engine.InitScheme;
import org.unroll.engine.LossKind;
import org.unroll.engine.ModelConfig;
import org.unroll.engine.OptimizerKind;
import org.unroll.engine.TrainingConfig;
import org.unroll.engine.ValidationSplit;

/**
 * What the Training tab's form says, as one value: the task and its data, the network and the
 * optimiser. The tab, the Compare tab and the command line's {@code train} and
 * {@code export --train-epochs} build their runs from it, so the same settings train the same
 * network. Immutable; {@link #toBuilder()} changes values by name.
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
 * @param activation the cell's activation (the tab: tanh)
 * @param forgetBias the initial LSTM forget-gate bias (the tab: 1)
 * @param window the CSV task's window length (the tab: {@link Datasets#SINE_WINDOW})
 * @param gateActivation the gates' squash of an LSTM or GRU (the tab: sigmoid; ignored for the RNN)
 * @param init how the initial weights are drawn (null: {@link InitScheme#GLOROT_UNIFORM}, the default)
 * @param validation the samples held out (null: {@link ValidationSplit#DEFAULT}, a random 10 %)
 * @param earlyStopping when training stops early (null: {@link EarlyStopping#OFF})
 * @param resetAfter a GRU's reset gate after the recurrent product (Keras 2.3+ and PyTorch); ignored
 *     for the others
 */
public record TrainingSetup(Task task, int addingLength, int addingCount, Path csv, CellType cell, int hidden,
                            OptimizerKind optimizer, double learningRate, int batch, int epochs, double clip,
                            int truncation, long seed, Activation activation, double forgetBias, int window,
                            GateActivation gateActivation, InitScheme init, ValidationSplit validation,
                            EarlyStopping earlyStopping, boolean resetAfter) {

    public TrainingSetup {
        if (gateActivation == null) {
            gateActivation = GateActivation.SIGMOID;
        }
        if (init == null) {
            init = InitScheme.GLOROT_UNIFORM;
        }
        if (validation == null) {
            validation = ValidationSplit.DEFAULT;
        }
        if (earlyStopping == null) {
            earlyStopping = EarlyStopping.OFF;
        }
    }

    /** The settings before the books' presets: default initialisation, a random 10 %, no early stopping. */
    public TrainingSetup(Task task, int addingLength, int addingCount, Path csv, CellType cell, int hidden,
                         OptimizerKind optimizer, double learningRate, int batch, int epochs, double clip,
                         int truncation, long seed, Activation activation, double forgetBias, int window,
                         GateActivation gateActivation) {
        this(task, addingLength, addingCount, csv, cell, hidden, optimizer, learningRate, batch, epochs, clip,
                truncation, seed, activation, forgetBias, window, gateActivation, null, null, null, false);
    }

    /** The tab's form: tanh cells, a forget-gate bias of 1 and CSV windows of {@link Datasets#SINE_WINDOW}. */
    public TrainingSetup(Task task, int addingLength, int addingCount, Path csv, CellType cell, int hidden,
                         OptimizerKind optimizer, double learningRate, int batch, int epochs, double clip,
                         int truncation, long seed) {
        this(task, addingLength, addingCount, csv, cell, hidden, optimizer, learningRate, batch, epochs, clip,
                truncation, seed, Activation.TANH, 1.0, Datasets.SINE_WINDOW, GateActivation.SIGMOID);
    }

    /** The tasks. */
    public enum Task {
        SINE, ADDING, CSV
    }

    /**
     * The tab's initial settings: noisy sine, LSTM with 8 units, Adam 0.01, batch 10, 200 epochs,
     * clip 1, full BPTT, seed 1 (the defaults of {@link TrainingConfig#builder}).
     */
    public static TrainingSetup defaults() {
        return new TrainingSetup(Task.SINE, 50, 200, null, CellType.LSTM, 8, OptimizerKind.ADAM, 0.01, 10, 200, 1.0, 0,
                1);
    }

    /** The same with another number of epochs. */
    public TrainingSetup withEpochs(int n) {
        return toBuilder().epochs(n).build();
    }

    /** A builder holding these values, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder(this);
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
            case SINE -> Datasets.noisySine(seed, validation);
            case ADDING -> Datasets.addingProblem(addingLength, addingCount, seed, validation);
            case CSV -> Datasets.fromCsv(csv, window, seed, validation);
        };
    }

    /**
     * The training configuration for a dataset: the cell with this activation, a linear output and
     * mean squared error.
     *
     * @param data the dataset (its input and output sizes are used; not modified)
     */
    public TrainingConfig config(Dataset data) {
        ModelConfig model = ModelConfig.of(cell, data.inputSize(), hidden, data.outputSize()).withActivation(activation)
                .withGateActivation(cell == CellType.RNN ? GateActivation.SIGMOID : gateActivation)
                .withResetAfter(cell == CellType.GRU && resetAfter);
        return TrainingConfig.builder(model)
                .loss(LossKind.MSE)
                .optimizer(optimizer)
                .learningRate(learningRate)
                .batchSize(batch)
                .epochs(epochs)
                .clipNorm(clip)
                .truncate(truncation > 0 ? truncation : null)
                .seed(seed)
                .forgetBias(forgetBias)
                .init(init)
                .earlyStopping(earlyStopping)
                .build();
    }

    /** Builds a {@link TrainingSetup} by name; each setter is the record component of the same name. */
    public static final class Builder {
        private Task task;
        private int addingLength;
        private int addingCount;
        private Path csv;
        private CellType cell;
        private int hidden;
        private OptimizerKind optimizer;
        private double learningRate;
        private int batch;
        private int epochs;
        private double clip;
        private int truncation;
        private long seed;
        private Activation activation;
        private double forgetBias;
        private GateActivation gateActivation = GateActivation.SIGMOID;
        private int window;
        private InitScheme init;
        private ValidationSplit validation;
        private EarlyStopping earlyStopping;
        private boolean resetAfter;

        private Builder(TrainingSetup s) {
            task = s.task;
            addingLength = s.addingLength;
            addingCount = s.addingCount;
            csv = s.csv;
            cell = s.cell;
            hidden = s.hidden;
            optimizer = s.optimizer;
            learningRate = s.learningRate;
            batch = s.batch;
            epochs = s.epochs;
            clip = s.clip;
            truncation = s.truncation;
            seed = s.seed;
            activation = s.activation;
            forgetBias = s.forgetBias;
            gateActivation = s.gateActivation;
            window = s.window;
            init = s.init;
            validation = s.validation;
            earlyStopping = s.earlyStopping;
            resetAfter = s.resetAfter;
        }

        public Builder task(Task t) {
            task = t;
            return this;
        }

        public Builder addingLength(int t) {
            addingLength = t;
            return this;
        }

        public Builder addingCount(int n) {
            addingCount = n;
            return this;
        }

        public Builder csv(Path f) {
            csv = f;
            return this;
        }

        public Builder cell(CellType c) {
            cell = c;
            return this;
        }

        public Builder hidden(int h) {
            hidden = h;
            return this;
        }

        public Builder optimizer(OptimizerKind o) {
            optimizer = o;
            return this;
        }

        public Builder learningRate(double lr) {
            learningRate = lr;
            return this;
        }

        public Builder batch(int b) {
            batch = b;
            return this;
        }

        public Builder epochs(int n) {
            epochs = n;
            return this;
        }

        public Builder clip(double c) {
            clip = c;
            return this;
        }

        /** Truncated BPTT through k steps; 0 for full BPTT. */
        public Builder truncation(int k) {
            truncation = k;
            return this;
        }

        public Builder seed(long s) {
            seed = s;
            return this;
        }

        public Builder activation(Activation a) {
            activation = a;
            return this;
        }

        public Builder gateActivation(GateActivation g) {
            gateActivation = g;
            return this;
        }

        public Builder forgetBias(double b) {
            forgetBias = b;
            return this;
        }

        public Builder window(int w) {
            window = w;
            return this;
        }

        public Builder init(InitScheme s) {
            init = s;
            return this;
        }

        public Builder validation(ValidationSplit v) {
            validation = v;
            return this;
        }

        public Builder earlyStopping(EarlyStopping e) {
            earlyStopping = e;
            return this;
        }

        /** A GRU's reset gate after the recurrent product. */
        public Builder resetAfter(boolean r) {
            resetAfter = r;
            return this;
        }

        public TrainingSetup build() {
            return new TrainingSetup(task, addingLength, addingCount, csv, cell, hidden, optimizer, learningRate, batch,
                    epochs, clip, truncation, seed, activation, forgetBias, window, gateActivation, init, validation,
                    earlyStopping, resetAfter);
        }
    }
}
