package org.unroll.session;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;
import org.unroll.engine.Activation;
import org.unroll.engine.AtomicFile;
import org.unroll.engine.CaseException;
import org.unroll.engine.CaseFile;
import org.unroll.engine.CellType;
import org.unroll.engine.Dataset;
import org.unroll.engine.GateActivation;
import org.unroll.engine.JsonErrors;
import org.unroll.engine.LossKind;
import org.unroll.engine.Message;
import org.unroll.engine.ModelConfig;
import org.unroll.engine.Optimizer;
import org.unroll.engine.OptimizerKind;
import org.unroll.engine.OutputActivation;
import org.unroll.engine.ParamLayout;
import org.unroll.engine.Trainer;
import org.unroll.engine.TrainingConfig;
import org.unroll.engine.Weights;

/**
 * A training run's state on disk ({@code unroll-checkpoint}, version 1, JSON): the form it was set
 * up with (the data's identity: task, seed, sizes, CSV file and its SHA-256), the full
 * {@link TrainingConfig}, the {@link Trainer.State} (weights and optimiser moments as exact
 * doubles, epoch, shuffle order, reference loss) and the loss history. {@link #trainer} continues
 * it bit for bit as the run that wrote it would have (ADR 0024). Immutable.
 *
 * <p>Read with the strict rules of every JSON file Unroll reads; the first problem is one line
 * naming its JSON path ({@code state.weights.Wh: expected a 3×3 matrix, got 3×2}). Keys the
 * version does not know are refused: a later Unroll adds optional keys whose absence means what
 * version 1 does, and raises the version when an old reader could not honour a file.
 *
 * @param setup the form the run was set up with (its CSV path absolute)
 * @param data what the data looked like, to refuse a resume on other data
 * @param config the training configuration (its epochs: the run's target when saved)
 * @param state the trainer's state after {@code state.epoch()} epochs
 * @param trainLosses the training loss of each completed epoch, epoch 1 first
 * @param validationLosses the validation loss of each completed epoch (NaN: no validation set)
 * @param elapsedNanos the training time so far, paused time excluded
 */
public record Checkpoint(TrainingSetup setup, DataId data, TrainingConfig config, Trainer.State state,
                         List<Double> trainLosses, List<Double> validationLosses, long elapsedNanos) {

    /** The format tag. */
    public static final String FORMAT = "unroll-checkpoint";
    /** The version this Unroll writes and reads. */
    public static final int VERSION = 1;
    /** How often the command line's {@code --checkpoint} writes when {@code --checkpoint-every} is not given. */
    public static final int DEFAULT_EVERY = 10;
    /** The largest checkpoint read (a 256-unit LSTM with Adam is about 20 MB). */
    public static final long MAX_BYTES = 1L << 30;

    private static final ObjectMapper MAPPER = CaseFile.strictJson().build();

    public Checkpoint {
        Objects.requireNonNull(setup, "setup");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(state, "state");
        trainLosses = List.copyOf(trainLosses);
        validationLosses = List.copyOf(validationLosses);
        if (trainLosses.size() != state.epoch() || validationLosses.size() != state.epoch()) {
            throw new IllegalArgumentException("the history has " + trainLosses.size() + " epochs, the state "
                    + state.epoch());
        }
    }

    /**
     * The identity of a run's data: enough to see that a resume would train on other data.
     *
     * @param name the dataset's name
     * @param train the number of training sequences
     * @param validation the number of validation sequences
     * @param steps T, the length of the first training sequence
     * @param inputSize I
     * @param outputSize O
     * @param csvSha256 the SHA-256 of the CSV file's bytes (lower-case hex), null for the built-in tasks
     */
    public record DataId(String name, int train, int validation, int steps, int inputSize, int outputSize,
                         String csvSha256) {

        /**
         * The identity of a run's data (reads the CSV file again to hash it).
         *
         * @param setup the form (its task and CSV file are used; not modified)
         * @param data the dataset built from it (not modified)
         * @throws IOException if the CSV file cannot be read
         */
        public static DataId of(TrainingSetup setup, Dataset data) throws IOException {
            String hash = setup.task() == TrainingSetup.Task.CSV && setup.csv() != null ? sha256(setup.csv()) : null;
            return new DataId(data.name(), data.train().length, data.validation().length, data.train()[0].length(),
                    data.inputSize(), data.outputSize(), hash);
        }

        /** What differs from {@code now} in one line ("the CSV file's contents have changed"), or null. */
        public Message mismatch(DataId now) {
            if (!Objects.equals(csvSha256, now.csvSha256)) {
                return Message.of("problem.checkpoint.csvChanged", shortHash(csvSha256), shortHash(now.csvSha256));
            }
            if (!equals(now)) {
                return Message.of("problem.checkpoint.dataDiffer", describe(), now.describe());
            }
            return null;
        }

        private Message describe() {
            return Message.of("problem.checkpoint.data", name, train, validation, steps, inputSize, outputSize);
        }

        private static Object shortHash(String h) {
            return h == null ? Message.of("problem.checkpoint.noHash") : h.substring(0, Math.min(12, h.length()));
        }
    }

    /**
     * A checkpoint of a trainer now.
     *
     * @param setup the form the run was set up with (not modified)
     * @param data the data's identity ({@link DataId#of})
     * @param trainer the trainer (not modified: its state is copied)
     * @param history the losses so far, one entry per completed epoch (copied)
     * @param elapsedNanos the training time so far
     * @throws IllegalStateException if the trainer has diverged
     */
    public static Checkpoint of(TrainingSetup setup, DataId data, Trainer trainer, LossHistory history,
                                long elapsedNanos) {
        Trainer.State s = trainer.state();
        LossHistory h = history.copy();
        List<Double> train = h.train();
        List<Double> val = h.validation();
        // a history kept by another listener may run ahead or behind by an epoch: the state decides
        if (train.size() != s.epoch()) {
            throw new IllegalArgumentException("the history has " + train.size() + " epochs, the trainer " + s.epoch());
        }
        TrainingSetup abs = setup.csv() == null ? setup : setup.toBuilder().csv(setup.csv().toAbsolutePath()).build();
        return new Checkpoint(abs, data, trainer.config(), s, train, val, elapsedNanos);
    }

    /**
     * A checkpoint of a state taken on a training thread ({@link TrainingRun#setCheckpointing}).
     *
     * @param setup the form the run was set up with (not modified)
     * @param data the data's identity
     * @param config the run's configuration
     * @param saved the trainer's state, the history (one entry per completed epoch) and the time
     */
    public static Checkpoint of(TrainingSetup setup, DataId data, TrainingConfig config, TrainingRun.Saved saved) {
        TrainingSetup abs = setup.csv() == null ? setup : setup.toBuilder().csv(setup.csv().toAbsolutePath()).build();
        return new Checkpoint(abs, data, config, saved.state(), saved.history().train(), saved.history().validation(),
                saved.elapsedNanos());
    }

    /** The epochs completed. */
    public int epoch() {
        return state.epoch();
    }

    /** The loss history as a {@link LossHistory}. */
    public LossHistory history() {
        LossHistory h = new LossHistory();
        for (int i = 0; i < trainLosses.size(); i++) {
            h.add(trainLosses.get(i), validationLosses.get(i));
        }
        return h;
    }

    /**
     * The run's data again, built from the setup and checked against the identity saved.
     *
     * @return a new dataset
     * @throws CheckpointException ("data: the CSV file's contents have changed …") if it is other data
     * @throws IOException if the CSV file cannot be read
     */
    public Dataset dataset() throws CheckpointException, IOException {
        Dataset d;
        try {
            d = setup.dataset();
        } catch (NoSuchFileException e) {
            throw new CheckpointException("setup.csv", Message.of("problem.checkpoint.csvGone", setup.csv()));
        } catch (IllegalArgumentException e) {
            // the CSV reader's problems say themselves in either language (ADR 0044)
            throw new CheckpointException("setup", Message.from(e));
        }
        Message why = data.mismatch(DataId.of(setup, d));
        if (why != null) {
            throw new CheckpointException("data", why);
        }
        return d;
    }

    /**
     * A trainer that continues this checkpoint: the saved configuration with {@code epochs} as its
     * target, restored to the saved state.
     *
     * @param data the run's data ({@link #dataset()}; not modified)
     * @param epochs the epochs to train in total, at least {@link #epoch()}
     * @return a new trainer at epoch {@link #epoch()}
     * @throws CheckpointException if the state does not fit the data (another shuffle order)
     */
    public Trainer trainer(Dataset data, int epochs) throws CheckpointException {
        if (epochs < epoch()) {
            throw new CheckpointException("", Message.of("problem.checkpoint.trainedMore", epoch(), epochs));
        }
        Trainer t = new Trainer(config.toBuilder().epochs(epochs).build(), data);
        try {
            t.restore(state);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException("state", Message.from(e));
        }
        return t;
    }

    // ---- writing ----

    /**
     * Writes the checkpoint atomically: a crash or a full disk leaves the previous file intact.
     *
     * @param file the file to create or replace
     * @throws IOException if it cannot be written
     */
    public void write(Path file) throws IOException {
        AtomicFile.write(file, this::writeTo);
    }

    /** Writes the checkpoint as JSON to a stream (not closed). Nothing is modified. */
    public void writeTo(OutputStream out) throws IOException {
        JsonGenerator g = MAPPER.getFactory().createGenerator(out);
        g.setPrettyPrinter(new DefaultPrettyPrinter());
        g.writeStartObject();
        g.writeStringField("format", FORMAT);
        g.writeNumberField("version", VERSION);
        writeSetup(g);
        writeData(g);
        writeConfig(g);
        writeState(g);
        g.writeObjectFieldStart("history");
        writeLosses(g, "train", trainLosses);
        writeLosses(g, "validation", validationLosses);
        g.writeEndObject();
        g.writeNumberField("elapsedNanos", elapsedNanos);
        g.writeEndObject();
        g.flush();
    }

    private void writeSetup(JsonGenerator g) throws IOException {
        writeSetup(g, setup);
    }

    /** Writes a training setup as the {@code setup} object of a checkpoint (the recovery file reuses it). */
    static void writeSetup(JsonGenerator g, TrainingSetup s) throws IOException {
        g.writeObjectFieldStart("setup");
        g.writeStringField("task", s.task().name().toLowerCase(java.util.Locale.ROOT));
        g.writeNumberField("seed", s.seed());
        g.writeNumberField("addingLength", s.addingLength());
        g.writeNumberField("addingCount", s.addingCount());
        if (s.csv() != null) {
            g.writeStringField("csv", s.csv().toString());
        }
        g.writeNumberField("window", s.window());
        g.writeStringField("cell", s.cell().key());
        g.writeNumberField("hidden", s.hidden());
        g.writeStringField("optimizer", s.optimizer().key());
        g.writeNumberField("learningRate", s.learningRate());
        g.writeNumberField("batch", s.batch());
        g.writeNumberField("epochs", s.epochs());
        g.writeNumberField("clip", s.clip());
        g.writeNumberField("truncation", s.truncation());
        g.writeStringField("activation", s.activation().key());
        g.writeNumberField("forgetBias", s.forgetBias());
        g.writeStringField("gateActivation", s.gateActivation().key());
        g.writeStringField("init", s.init().key());
        g.writeObjectFieldStart("validation");
        g.writeNumberField("fraction", s.validation().fraction());
        g.writeBooleanField("shuffled", s.validation().shuffled());
        g.writeEndObject();
        writeEarlyStopping(g, s.earlyStopping());
        g.writeBooleanField("resetAfter", s.resetAfter());
        g.writeEndObject();
    }

    private static void writeEarlyStopping(JsonGenerator g, org.unroll.engine.EarlyStopping e) throws IOException {
        g.writeObjectFieldStart("earlyStopping");
        g.writeNumberField("patience", e.patience());
        g.writeStringField("monitor", e.monitor().key());
        g.writeEndObject();
    }

    private void writeData(JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("data");
        g.writeStringField("name", data.name());
        g.writeNumberField("train", data.train());
        g.writeNumberField("validation", data.validation());
        g.writeNumberField("steps", data.steps());
        g.writeNumberField("inputSize", data.inputSize());
        g.writeNumberField("outputSize", data.outputSize());
        if (data.csvSha256() != null) {
            g.writeStringField("csvSha256", data.csvSha256());
        }
        g.writeEndObject();
    }

    private void writeConfig(JsonGenerator g) throws IOException {
        TrainingConfig c = config;
        ModelConfig m = c.model();
        g.writeObjectFieldStart("config");
        g.writeObjectFieldStart("model");
        g.writeStringField("cell", m.cell().key());
        g.writeNumberField("inputSize", m.inputSize());
        g.writeNumberField("hiddenSize", m.hiddenSize());
        g.writeNumberField("outputSize", m.outputSize());
        g.writeStringField("activation", m.activation().key());
        g.writeStringField("outputActivation", m.outputActivation().key());
        g.writeBooleanField("peephole", m.peephole());
        g.writeBooleanField("resetAfter", m.resetAfter());
        g.writeStringField("gateActivation", m.gateActivation().key());
        g.writeEndObject();
        g.writeStringField("loss", c.loss().key());
        g.writeStringField("optimizer", c.optimizer().key());
        g.writeNumberField("learningRate", c.learningRate());
        g.writeNumberField("batchSize", c.batchSize());
        g.writeNumberField("epochs", c.epochs());
        // no clipping is 0 in the file, whichever of 0, a negative number or infinity said it
        g.writeNumberField("clipNorm", c.clipNorm() > 0 && Double.isFinite(c.clipNorm()) ? c.clipNorm() : 0);
        if (c.truncate() != null) {
            g.writeNumberField("truncate", c.truncate());
        }
        g.writeNumberField("seed", c.seed());
        g.writeNumberField("forgetBias", c.forgetBias());
        g.writeStringField("init", c.init().key());
        writeEarlyStopping(g, c.earlyStopping());
        g.writeEndObject();
    }

    private void writeState(JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("state");
        g.writeNumberField("epoch", state.epoch());
        Weights w = state.weights();
        g.writeObjectFieldStart("weights");
        for (int i = 0; i < w.blocks().size(); i++) {
            DMatrixRMaj b = w.block(i);
            writeBlock(g, w.layout().blocks().get(i).name(), b.data, b.numRows, b.numCols);
        }
        g.writeEndObject();
        g.writeObjectFieldStart("optimizer");
        g.writeNumberField("steps", state.optimizer().steps());
        for (Map.Entry<String, double[][]> e : state.optimizer().moments().entrySet()) {
            g.writeObjectFieldStart(e.getKey());
            for (int i = 0; i < w.blocks().size(); i++) {
                DMatrixRMaj b = w.block(i);
                writeBlock(g, w.layout().blocks().get(i).name(), e.getValue()[i], b.numRows, b.numCols);
            }
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeArrayFieldStart("order");
        for (int i : state.order()) {
            g.writeNumber(i);
        }
        g.writeEndArray();
        writeNumberOrNull(g, "referenceLoss", state.referenceLoss());
        Trainer.EarlyStop es = state.earlyStop();
        if (!es.equals(Trainer.EarlyStop.NONE)) {
            g.writeObjectFieldStart("earlyStopping");
            writeNumberOrNull(g, "bestLoss", es.bestLoss()); // +inf (nothing watched yet) as null
            g.writeNumberField("bestEpoch", es.bestEpoch());
            g.writeNumberField("sinceBest", es.sinceBest());
            g.writeNumberField("stoppedAt", es.stoppedAt());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** A block as rows of numbers (row-major, as the engine stores it); Jackson writes each double's shortest round-trip text. */
    private static void writeBlock(JsonGenerator g, String name, double[] data, int rows, int cols) throws IOException {
        g.writeArrayFieldStart(name);
        for (int r = 0; r < rows; r++) {
            g.writeStartArray();
            for (int c = 0; c < cols; c++) {
                g.writeNumber(data[r * cols + c]);
            }
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    private static void writeLosses(JsonGenerator g, String name, List<Double> l) throws IOException {
        g.writeArrayFieldStart(name);
        for (double v : l) {
            if (Double.isFinite(v)) {
                g.writeNumber(v);
            } else {
                g.writeNull();
            }
        }
        g.writeEndArray();
    }

    private static void writeNumberOrNull(JsonGenerator g, String name, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumberField(name, v);
        } else {
            g.writeNullField(name);
        }
    }

    // ---- reading ----

    /**
     * Reads and validates a checkpoint.
     *
     * @param file the file (not modified)
     * @throws CheckpointException naming the JSON path of the first problem
     * @throws IOException if the file cannot be read
     */
    public static Checkpoint read(Path file) throws CheckpointException, IOException {
        byte[] json;
        try {
            json = org.unroll.engine.InputFile.readAllBytes(file, MAX_BYTES);
        } catch (org.unroll.engine.InputFile.Refused e) {
            throw new CheckpointException("", e.message());
        }
        return parse(json);
    }

    /**
     * Parses and validates a checkpoint from UTF-8 bytes.
     *
     * @param json the document (not modified)
     * @throws CheckpointException naming the JSON path of the first problem
     */
    public static Checkpoint parse(byte[] json) throws CheckpointException {
        Message enc = org.unroll.engine.CaseFile.documentProblem(json);
        if (enc != null) {
            throw new CheckpointException("", enc);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (StreamConstraintsException e) {
            throw new CheckpointException("", Message.of("problem.json.beyondReaderLimits", JsonErrors.limit(e.getOriginalMessage())));
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage();
            if (msg != null && msg.startsWith("Duplicate field")) {
                throw new CheckpointException("", Message.of("problem.json.duplicateKeyQuoted", msg.substring(msg.indexOf('\''))));
            }
            CaseException c = JsonErrors.describe(e);
            throw new CheckpointException(c.path(), c.problemMessage());
        } catch (IOException e) {
            throw new CheckpointException("", Message.of("problem.json.cannotRead", e.getMessage()));
        }
        if (root == null || root.isMissingNode()) {
            throw new CheckpointException("", Message.of("problem.json.empty"));
        }
        return new Reader().read(root);
    }

    private static String sha256(Path file) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            // the CSV the run was trained on: a regular file within the training reader's limit
            try (InputStream in = org.unroll.engine.InputFile.open(file, org.unroll.engine.Datasets.MAX_CSV_BYTES)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }

    /** Reads a training setup written by {@link #writeSetup(JsonGenerator, TrainingSetup)} (paths {@code setup.…}). */
    static TrainingSetup readSetup(JsonNode s) throws CheckpointException {
        if (s == null || !s.isObject()) {
            throw new CheckpointException("setup", Message.of("problem.expected.object", s == null ? NOTHING : JsonErrors.kindOf(s)));
        }
        return new Reader().setup(s);
    }

    /** What a message says was found where nothing was. */
    private static final Message NOTHING = Message.of("problem.got.nothing");

    /** The validating reader: walks the tree and stops at the first problem. */
    private static final class Reader {

        Checkpoint read(JsonNode root) throws CheckpointException {
            if (!root.isObject()) {
                throw new CheckpointException("", Message.of("problem.expected.object", JsonErrors.kindOf(root)));
            }
            JsonNode format = root.get("format");
            if (format == null || !format.isTextual() || !format.asText().equals(FORMAT)) {
                throw new CheckpointException("format", Message.of("problem.checkpoint.format", FORMAT,
                        format == null ? NOTHING : JsonErrors.shown(format)));
            }
            JsonNode version = root.get("version");
            if (version == null || !version.canConvertToInt() || !version.isIntegralNumber()) {
                throw new CheckpointException("version", Message.of("problem.checkpoint.version", VERSION,
                        version == null ? NOTHING : JsonErrors.shown(version)));
            }
            if (version.asInt() != VERSION) {
                throw new CheckpointException("version", Message.of("problem.checkpoint.versionUnsupported", version.asInt(),
                        VERSION));
            }
            keys(root, "", Set.of("format", "version", "setup", "data", "config", "state", "history", "elapsedNanos"));
            TrainingSetup setup = setup(object(root, "setup", "setup"));
            DataId data = data(object(root, "data", "data"));
            TrainingConfig config = config(object(root, "config", "config"));
            JsonNode st = object(root, "state", "state");
            keys(st, "state", Set.of("epoch", "weights", "optimizer", "order", "referenceLoss", "earlyStopping"));
            int epoch = integer(st, "epoch", "state.epoch", 0, 1_000_000_000);
            Weights w = weights(object(st, "weights", "state.weights"), "state.weights", config.model());
            Optimizer.State opt = optimizer(object(st, "optimizer", "state.optimizer"), config, w.layout());
            int[] order = order(st, data.train());
            double ref = numberOrNaN(st.get("referenceLoss"), "state.referenceLoss");
            Trainer.EarlyStop es = Trainer.EarlyStop.NONE;
            if (st.has("earlyStopping")) {
                JsonNode e = object(st, "earlyStopping", "state.earlyStopping");
                keys(e, "state.earlyStopping", Set.of("bestLoss", "bestEpoch", "sinceBest", "stoppedAt"));
                double best = numberOrNaN(e.get("bestLoss"), "state.earlyStopping.bestLoss");
                es = new Trainer.EarlyStop(Double.isNaN(best) ? Double.POSITIVE_INFINITY : best,
                        integer(e, "bestEpoch", "state.earlyStopping.bestEpoch", 0, epoch),
                        integer(e, "sinceBest", "state.earlyStopping.sinceBest", 0, epoch),
                        integer(e, "stoppedAt", "state.earlyStopping.stoppedAt", 0, epoch));
            }
            Trainer.State state = new Trainer.State(epoch, w, opt, order, ref, es);
            JsonNode h = object(root, "history", "history");
            keys(h, "history", Set.of("train", "validation"));
            List<Double> train = losses(h, "train", epoch);
            List<Double> val = losses(h, "validation", epoch);
            long elapsed = 0;
            JsonNode el = root.get("elapsedNanos");
            if (el != null) {
                if (!el.isIntegralNumber() || !el.canConvertToLong() || el.asLong() < 0) {
                    throw new CheckpointException("elapsedNanos", Message.of("problem.expected.got",
                            Message.of("problem.what.wholeNumberAtLeast", 0), JsonErrors.shown(el)));
                }
                elapsed = el.asLong();
            }
            return new Checkpoint(setup, data, config, state, train, val, elapsed);
        }

        private TrainingSetup setup(JsonNode s) throws CheckpointException {
            keys(s, "setup", Set.of("task", "seed", "addingLength", "addingCount", "csv", "window", "cell", "hidden",
                    "optimizer", "learningRate", "batch", "epochs", "clip", "truncation", "activation", "forgetBias",
                    "gateActivation", "init", "validation", "earlyStopping", "resetAfter"));
            String task = text(s, "task", "setup.task");
            TrainingSetup.Task t = switch (task) {
                case "sine" -> TrainingSetup.Task.SINE;
                case "adding" -> TrainingSetup.Task.ADDING;
                case "csv" -> TrainingSetup.Task.CSV;
                default -> throw new CheckpointException("setup.task", Message.of("problem.expected.got",
                        Message.of("problem.or3", "sine", "adding", "csv"), "\"" + task + "\""));
            };
            Path csv = null;
            if (s.has("csv")) {
                try {
                    csv = Path.of(text(s, "csv", "setup.csv"));
                } catch (java.nio.file.InvalidPathException e) {
                    throw new CheckpointException("setup.csv", Message.of("problem.notFileName"));
                }
            } else if (t == TrainingSetup.Task.CSV) {
                throw new CheckpointException("setup.csv", Message.of("problem.checkpoint.csvMissing"));
            }
            CellType cell = CellType.fromKey(text(s, "cell", "setup.cell"));
            if (cell == null) {
                throw new CheckpointException("setup.cell", Message.of("problem.expected", Message.of("problem.or3", "rnn", "lstm", "gru")));
            }
            OptimizerKind opt = optimizerKind(s, "optimizer", "setup.optimizer");
            Activation act = Activation.fromKey(text(s, "activation", "setup.activation"));
            if (act == null) {
                throw new CheckpointException("setup.activation", Message.of("problem.expected",
                        Message.of("problem.or4", "tanh", "sigmoid", "relu", "linear")));
            }
            GateActivation gate = GateActivation.fromKey(text(s, "gateActivation", "setup.gateActivation"));
            if (gate == null) {
                throw new CheckpointException("setup.gateActivation", Message.of("problem.expected",
                        Message.of("problem.or2", "sigmoid", "hard_sigmoid")));
            }
            return new TrainingSetup(t, integer(s, "addingLength", "setup.addingLength", 0, Integer.MAX_VALUE),
                    integer(s, "addingCount", "setup.addingCount", 0, Integer.MAX_VALUE), csv, cell,
                    integer(s, "hidden", "setup.hidden", 1, Integer.MAX_VALUE), opt,
                    number(s, "learningRate", "setup.learningRate"), integer(s, "batch", "setup.batch", 1, Integer.MAX_VALUE),
                    integer(s, "epochs", "setup.epochs", 0, Integer.MAX_VALUE), number(s, "clip", "setup.clip"),
                    integer(s, "truncation", "setup.truncation", 0, Integer.MAX_VALUE), longValue(s, "seed", "setup.seed"),
                    act, number(s, "forgetBias", "setup.forgetBias"),
                    integer(s, "window", "setup.window", 1, Integer.MAX_VALUE), gate, init(s, "setup.init"),
                    validation(s), earlyStopping(s, "setup.earlyStopping"),
                    s.has("resetAfter") && bool(s, "resetAfter", "setup.resetAfter"));
        }

        private static org.unroll.engine.InitScheme init(JsonNode parent, String path) throws CheckpointException {
            if (!parent.has("init")) {
                return org.unroll.engine.InitScheme.GLOROT_UNIFORM;
            }
            org.unroll.engine.InitScheme i = org.unroll.engine.InitScheme.fromKey(text(parent, "init", path));
            if (i == null) {
                throw new CheckpointException(path, Message.of("problem.checkpoint.unknownInit"));
            }
            return i;
        }

        private static org.unroll.engine.ValidationSplit validation(JsonNode s) throws CheckpointException {
            if (!s.has("validation")) {
                return org.unroll.engine.ValidationSplit.DEFAULT;
            }
            JsonNode v = object(s, "validation", "setup.validation");
            keys(v, "setup.validation", Set.of("fraction", "shuffled"));
            try {
                return new org.unroll.engine.ValidationSplit(number(v, "fraction", "setup.validation.fraction"),
                        bool(v, "shuffled", "setup.validation.shuffled"));
            } catch (IllegalArgumentException e) {
                throw new CheckpointException("setup.validation", Message.from(e));
            }
        }

        private static org.unroll.engine.EarlyStopping earlyStopping(JsonNode parent, String path)
                throws CheckpointException {
            if (!parent.has("earlyStopping")) {
                return org.unroll.engine.EarlyStopping.OFF;
            }
            JsonNode e = object(parent, "earlyStopping", path);
            keys(e, path, Set.of("patience", "monitor"));
            org.unroll.engine.EarlyStopping.Monitor m =
                    org.unroll.engine.EarlyStopping.Monitor.fromKey(text(e, "monitor", path + ".monitor"));
            if (m == null) {
                throw new CheckpointException(path + ".monitor", Message.of("problem.expected", Message.of("problem.or2", "val_loss", "loss")));
            }
            return new org.unroll.engine.EarlyStopping(integer(e, "patience", path + ".patience", 0, Integer.MAX_VALUE), m);
        }

        private DataId data(JsonNode d) throws CheckpointException {
            keys(d, "data", Set.of("name", "train", "validation", "steps", "inputSize", "outputSize", "csvSha256"));
            String hash = d.has("csvSha256") ? text(d, "csvSha256", "data.csvSha256") : null;
            return new DataId(text(d, "name", "data.name"), integer(d, "train", "data.train", 1, Integer.MAX_VALUE),
                    integer(d, "validation", "data.validation", 0, Integer.MAX_VALUE),
                    integer(d, "steps", "data.steps", 1, Integer.MAX_VALUE),
                    integer(d, "inputSize", "data.inputSize", 1, Integer.MAX_VALUE),
                    integer(d, "outputSize", "data.outputSize", 1, Integer.MAX_VALUE), hash);
        }

        private TrainingConfig config(JsonNode c) throws CheckpointException {
            keys(c, "config", Set.of("model", "loss", "optimizer", "learningRate", "batchSize", "epochs", "clipNorm",
                    "truncate", "seed", "forgetBias", "init", "earlyStopping"));
            JsonNode m = object(c, "model", "config.model");
            keys(m, "config.model", Set.of("cell", "inputSize", "hiddenSize", "outputSize", "activation",
                    "outputActivation", "peephole", "resetAfter", "gateActivation"));
            CellType cell = CellType.fromKey(text(m, "cell", "config.model.cell"));
            Activation act = Activation.fromKey(text(m, "activation", "config.model.activation"));
            OutputActivation out = OutputActivation.fromKey(text(m, "outputActivation", "config.model.outputActivation"));
            GateActivation gate = GateActivation.fromKey(text(m, "gateActivation", "config.model.gateActivation"));
            LossKind loss = LossKind.fromKey(text(c, "loss", "config.loss"));
            if (cell == null || act == null || out == null || gate == null) {
                throw new CheckpointException("config.model", Message.of("problem.checkpoint.unknownModel"));
            }
            if (loss == null) {
                throw new CheckpointException("config.loss", Message.of("problem.checkpoint.unknownLoss"));
            }
            try {
                ModelConfig model = new ModelConfig(cell, integer(m, "inputSize", "config.model.inputSize", 1, 1 << 20),
                        integer(m, "hiddenSize", "config.model.hiddenSize", 1, 1 << 20),
                        integer(m, "outputSize", "config.model.outputSize", 1, 1 << 20), act, out,
                        bool(m, "peephole", "config.model.peephole"), bool(m, "resetAfter", "config.model.resetAfter"),
                        gate);
                Integer truncate = c.has("truncate") ? integer(c, "truncate", "config.truncate", 1, Integer.MAX_VALUE) : null;
                return new TrainingConfig(model, loss, optimizerKind(c, "optimizer", "config.optimizer"),
                        number(c, "learningRate", "config.learningRate"),
                        integer(c, "batchSize", "config.batchSize", 1, Integer.MAX_VALUE),
                        integer(c, "epochs", "config.epochs", 0, Integer.MAX_VALUE), number(c, "clipNorm", "config.clipNorm"),
                        truncate, longValue(c, "seed", "config.seed"), number(c, "forgetBias", "config.forgetBias"),
                        init(c, "config.init"), earlyStopping(c, "config.earlyStopping"));
            } catch (IllegalArgumentException e) {
                throw new CheckpointException("config", Message.from(e));
            }
        }

        private Weights weights(JsonNode n, String path, ModelConfig model) throws CheckpointException {
            Weights w = new Weights(ParamLayout.of(model));
            fill(n, path, w.layout(), i -> w.block(i).data);
            return w;
        }

        private Optimizer.State optimizer(JsonNode n, TrainingConfig config, ParamLayout layout)
                throws CheckpointException {
            List<String> names = switch (config.optimizer()) {
                case SGD -> List.of();
                case MOMENTUM -> List.of("velocity");
                case ADAM -> List.of("m", "v");
                case AMSGRAD -> List.of("m", "v", "vMax");
            };
            Set<String> allowed = new java.util.HashSet<>(names);
            allowed.add("steps");
            keys(n, "state.optimizer", allowed);
            JsonNode steps = n.get("steps");
            if (steps == null || !steps.isIntegralNumber() || !steps.canConvertToLong() || steps.asLong() < 0) {
                throw new CheckpointException("state.optimizer.steps", Message.of("problem.expected.got",
                        Message.of("problem.what.wholeNumberAtLeast", 0), steps == null ? NOTHING : JsonErrors.shown(steps)));
            }
            Map<String, double[][]> moments = new LinkedHashMap<>();
            for (String name : names) {
                String path = "state.optimizer." + name;
                JsonNode blocks = object(n, name, path);
                double[][] a = new double[layout.blocks().size()][];
                for (int i = 0; i < a.length; i++) {
                    ParamLayout.Block b = layout.blocks().get(i);
                    a[i] = new double[b.rows() * b.cols()];
                }
                fill(blocks, path, layout, i -> a[i]);
                moments.put(name, a);
            }
            return new Optimizer.State(steps.asLong(), moments);
        }

        /** Reads each of the layout's blocks, a rows×cols matrix of finite numbers, into {@code target.apply(i)}. */
        private void fill(JsonNode n, String path, ParamLayout layout, java.util.function.IntFunction<double[]> target)
                throws CheckpointException {
            List<String> names = new ArrayList<>();
            for (ParamLayout.Block b : layout.blocks()) {
                names.add(b.name());
            }
            keys(n, path, new java.util.HashSet<>(names));
            for (int i = 0; i < names.size(); i++) {
                ParamLayout.Block b = layout.blocks().get(i);
                String p = path + "." + b.name();
                JsonNode m = n.get(b.name());
                if (m == null) {
                    throw new CheckpointException(p, Message.of("problem.missing.what", Message.of("problem.what.matrix", b.rows(), b.cols())));
                }
                Message want = Message.of("problem.what.matrix", b.rows(), b.cols());
                if (!m.isArray() || m.size() != b.rows()) {
                    throw new CheckpointException(p, Message.of("problem.expected.got", want, shape(m)));
                }
                double[] d = target.apply(i);
                for (int r = 0; r < b.rows(); r++) {
                    JsonNode row = m.get(r);
                    if (!row.isArray() || row.size() != b.cols()) {
                        throw new CheckpointException(p, Message.of("problem.expected.got", want, shape(m)));
                    }
                    for (int c = 0; c < b.cols(); c++) {
                        JsonNode v = row.get(c);
                        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                            throw new CheckpointException(p + "[" + r + "][" + c + "]", Message.of("problem.expected.finite",
                                    JsonErrors.shown(v)));
                        }
                        d[r * b.cols() + c] = v.asDouble();
                    }
                }
            }
        }

        private static Message shape(JsonNode n) {
            if (!n.isArray()) {
                return JsonErrors.shown(n);
            }
            if (n.size() == 0) {
                return Message.of("problem.got.emptyArray");
            }
            int cols = n.get(0).isArray() ? n.get(0).size() : -1;
            for (JsonNode r : n) {
                if (!r.isArray() || r.size() != cols) {
                    return Message.of("problem.got.raggedOrNot");
                }
            }
            return Message.plain(n.size() + "×" + cols);
        }

        private int[] order(JsonNode st, int n) throws CheckpointException {
            JsonNode a = st.get("order");
            if (a == null || !a.isArray() || a.size() != n) {
                throw new CheckpointException("state.order", Message.of("problem.checkpoint.order", n,
                        a == null ? NOTHING : a.isArray() ? Message.of("problem.got.entries", a.size()) : JsonErrors.shown(a)));
            }
            int[] o = new int[n];
            boolean[] seen = new boolean[n];
            for (int i = 0; i < n; i++) {
                JsonNode v = a.get(i);
                if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0 || v.asInt() >= n || seen[v.asInt()]) {
                    throw new CheckpointException("state.order[" + i + "]", Message.of("problem.checkpoint.orderEntry", n - 1,
                            JsonErrors.shown(v)));
                }
                o[i] = v.asInt();
                seen[o[i]] = true;
            }
            return o;
        }

        private List<Double> losses(JsonNode h, String key, int epochs) throws CheckpointException {
            String path = "history." + key;
            JsonNode a = h.get(key);
            if (a == null || !a.isArray() || a.size() != epochs) {
                throw new CheckpointException(path, Message.of("problem.checkpoint.losses", epochs,
                        a == null ? NOTHING : a.isArray() ? Message.plain(String.valueOf(a.size())) : JsonErrors.shown(a)));
            }
            List<Double> l = new ArrayList<>(epochs);
            for (int i = 0; i < epochs; i++) {
                l.add(numberOrNaN(a.get(i), path + "[" + i + "]"));
            }
            return Collections.unmodifiableList(l);
        }

        private static double numberOrNaN(JsonNode v, String path) throws CheckpointException {
            if (v == null || v.isNull()) {
                return Double.NaN;
            }
            if (!v.isNumber()) {
                throw new CheckpointException(path, Message.of("problem.expected.numberOrNull", JsonErrors.shown(v)));
            }
            return v.asDouble();
        }

        private static void keys(JsonNode n, String path, Set<String> allowed) throws CheckpointException {
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!allowed.contains(k)) {
                    throw new CheckpointException(path.isEmpty() ? k : path + "." + k, Message.of("problem.unknownKeyNamed", k));
                }
            }
        }

        private static JsonNode object(JsonNode parent, String key, String path) throws CheckpointException {
            JsonNode n = parent.get(key);
            if (n == null) {
                throw new CheckpointException(path, Message.of("problem.missing"));
            }
            if (!n.isObject()) {
                throw new CheckpointException(path, Message.of("problem.expected.object", JsonErrors.kindOf(n)));
            }
            return n;
        }

        private static String text(JsonNode parent, String key, String path) throws CheckpointException {
            JsonNode n = parent.get(key);
            if (n == null || !n.isTextual()) {
                throw new CheckpointException(path, Message.of("problem.expected.string", n == null ? NOTHING : JsonErrors.shown(n)));
            }
            return n.asText();
        }

        private static OptimizerKind optimizerKind(JsonNode parent, String key, String path) throws CheckpointException {
            OptimizerKind k = OptimizerKind.fromKey(text(parent, key, path));
            if (k == null) {
                throw new CheckpointException(path, Message.of("problem.expected", Message.of("problem.or4", "sgd", "momentum", "adam",
                        "amsgrad")));
            }
            return k;
        }

        private static boolean bool(JsonNode parent, String key, String path) throws CheckpointException {
            JsonNode n = parent.get(key);
            if (n == null || !n.isBoolean()) {
                throw new CheckpointException(path, Message.of("problem.expected.boolean", n == null ? NOTHING : JsonErrors.shown(n)));
            }
            return n.asBoolean();
        }

        private static int integer(JsonNode parent, String key, String path, int min, int max) throws CheckpointException {
            JsonNode n = parent.get(key);
            if (n == null || !n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < min || n.asInt() > max) {
                throw new CheckpointException(path, Message.of("problem.expected.got", max == Integer.MAX_VALUE
                        ? Message.of("problem.what.wholeNumberAtLeast", min) : Message.of("problem.what.wholeNumberIn", min, max),
                        n == null ? NOTHING : JsonErrors.shown(n)));
            }
            return n.asInt();
        }

        private static long longValue(JsonNode parent, String key, String path) throws CheckpointException {
            JsonNode n = parent.get(key);
            if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
                throw new CheckpointException(path, Message.of("problem.expected.got", Message.of("problem.what.wholeNumber"),
                        n == null ? NOTHING : JsonErrors.shown(n)));
            }
            return n.asLong();
        }

        private static double number(JsonNode parent, String key, String path) throws CheckpointException {
            JsonNode n = parent.get(key);
            if (n == null || !n.isNumber() || !Double.isFinite(n.asDouble())) {
                throw new CheckpointException(path, Message.of("problem.expected.finite", n == null ? NOTHING : JsonErrors.shown(n)));
            }
            return n.asDouble();
        }
    }
}
