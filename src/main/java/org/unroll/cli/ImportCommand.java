package org.unroll.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.unroll.engine.Activation;
import org.unroll.engine.Case;
import org.unroll.engine.CaseFile;
import org.unroll.engine.CsvHeaderRule;
import org.unroll.engine.Limits;
import org.unroll.engine.LossKind;
import org.unroll.engine.Message;
import org.unroll.engine.ModelConfig;
import org.unroll.engine.OutputActivation;
import org.unroll.engine.Sequence;
import org.unroll.engine.Trace;
import org.unroll.interop.ImportException;
import org.unroll.interop.ImportOptions;
import org.unroll.interop.Imported;
import org.unroll.interop.Importers;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code import FILE}: another framework's network as a case. Without {@code -o} it says what it
 * found, a line each; with it, writes the case (with its expected block, so that {@code check}
 * reads it back) on the input sequence the user chose.
 */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "Import a network saved by another framework: a PyTorch state dict (.pt, .pth zip or legacy, .npz,"
                + " .safetensors) or TensorFlow 1.x LSTM cell weights (.npz/.safetensors with .../lstm_cell/kernel"
                + " and bias).",
        "Without -o, print what was found (framework, format, cell, sizes, activations, the mapping), a line each;"
                + " with -o, write a case on the input sequence given by --inputs, --steps or --sequence-from.",
        "Exit 2 with one line when the file cannot be imported."})
final class ImportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The framework's file.")
    Path file;

    @Option(names = "--layer", paramLabel = "N", description = "Of stacked recurrent layers, import layer N (0-based).")
    Integer layer;

    @Option(names = "--activation", paramLabel = "tanh|relu", description = "nn.RNN's nonlinearity, which a state"
            + " dict does not record (default tanh, PyTorch's).")
    String activation;

    @Option(names = "--output-activation", paramLabel = "linear|sigmoid|softmax", description = "What follows the"
            + " output layer, which a state dict does not record (default linear).")
    String outputActivation;

    @Option(names = "--forget-bias", paramLabel = "F", defaultValue = "1.0", description = "TensorFlow 1.x:"
            + " the cell's forget_bias, added to the stored f bias (default ${DEFAULT-VALUE}, TensorFlow's).")
    double forgetBias;

    /** Where the input sequence comes from: one of three. */
    static final class Source {
        @Option(names = "--inputs", paramLabel = "CSV", description = "A CSV of the sequence: a row per step, the I"
                + " inputs then the O targets (targets left empty: no loss at that step); a header row is allowed.")
        Path csv;

        @Option(names = "--steps", paramLabel = "T", description = "T steps of zero inputs with zero targets.")
        Integer steps;

        @Option(names = "--sequence-from", paramLabel = "CASE.json", description = "The inputs and targets of an"
                + " existing case (the initial state zero).")
        Path sequenceFrom;
    }

    @ArgGroup(exclusive = true)
    Source source;

    @Option(names = "--loss", defaultValue = "mse", description = "mse, sse or xent (default ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--name", description = "The case's name (default: the file's name without extension).")
    String name;

    @Option(names = {"-o", "--output"}, paramLabel = "CASE.json", description = "Write the case here (atomically).")
    Path output;

    @Override
    public Integer call() {
        ImportOptions opt = ImportOptions.defaults().withLayer(layer).withForgetBias(forgetBias);
        if (layer != null) {
            Options.range("--layer", layer, 0, 1000);
        }
        if (!Double.isFinite(forgetBias)) {
            throw new UserError("--forget-bias: expected a finite number, got " + forgetBias);
        }
        if (activation != null) {
            Activation a = key(Activation.values(), activation, Activation::key);
            if (a != Activation.TANH && a != Activation.RELU) {
                throw new UserError("--activation: expected tanh or relu, got " + activation);
            }
            opt = opt.withActivation(a);
        }
        if (outputActivation != null) {
            OutputActivation g = key(OutputActivation.values(), outputActivation, OutputActivation::key);
            if (g == null) {
                throw new UserError("--output-activation: expected linear, sigmoid or softmax, got " + outputActivation);
            }
            opt = opt.withOutputActivation(g);
        }
        LossKind lk = LossKind.fromKey(loss.toLowerCase(Locale.ROOT));
        if (lk == null) {
            throw new UserError("--loss: expected mse, sse or xent, got " + loss);
        }
        Imported im;
        try {
            im = Importers.read(file, opt);
        } catch (ImportException e) {
            throw new UserError(e.getMessage());
        } catch (IOException e) {
            throw Cases.readError(file, e);
        }
        if (output == null) {
            describe(im).forEach(System.out::println);
            if (source != null) {
                System.out.println("(no -o: nothing written)");
            }
            return 0;
        }
        if (source == null) {
            throw new UserError("-o: give the input sequence with --inputs CSV, --steps T or --sequence-from CASE.json");
        }
        Sequence seq = sequence(im.config());
        String n = name != null ? name : stem(file.getFileName().toString());
        Case c;
        try {
            c = im.toCase(n, seq, lk);
            CaseFile.parse(caseBytes(c, null));
        } catch (org.unroll.engine.CaseException e) {
            throw new UserError(output + ": the case would be invalid: " + e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            throw new UserError(output + ": " + e.getMessage());
        }
        Trace tr = c.compute();
        Cases.requireFinite(output, tr);
        Cases.write(output, out -> CaseFile.write(c, tr, out));
        System.out.println("wrote " + output + " (" + im.framework() + " " + im.config().cell().key() + ", "
                + seq.length() + " steps, loss " + tr.loss() + ")");
        return 0;
    }

    private static byte[] caseBytes(Case c, Trace tr) throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        CaseFile.write(c, tr, b);
        return b.toByteArray();
    }

    /** What was found, a line per item. */
    static List<String> describe(Imported im) {
        ModelConfig cfg = im.config();
        List<String> l = new ArrayList<>();
        l.add("file: " + im.source());
        l.add("framework: " + im.framework() + (im.version() == null ? " (the file records no version)"
                : " " + im.version()));
        l.add("format: " + im.format());
        l.add("cell: " + cfg.cell().key() + (cfg.resetAfter() ? " (reset after)" : "")
                + (cfg.peephole() ? " (peepholes)" : ""));
        l.add("sizes: inputs " + cfg.inputSize() + ", hidden " + cfg.hiddenSize() + ", outputs " + cfg.outputSize());
        l.add("activation: " + cfg.activation().key() + (cfg.cell() == org.unroll.engine.CellType.RNN ? ""
                : ", gates " + cfg.gateActivation().key()) + ", output " + cfg.outputActivation().key());
        // the command line speaks English (ADR 0044); Terminal escapes what the file's names hold
        for (Message m : im.mapping()) {
            l.add("map: " + m.english());
        }
        for (Message n : im.notes()) {
            l.add("note: " + n.english());
        }
        return l;
    }

    private Sequence sequence(ModelConfig cfg) {
        int in = cfg.inputSize();
        int out = cfg.outputSize();
        int h = cfg.hiddenSize();
        if (source.steps != null) {
            Options.range("--steps", source.steps, 1, Limits.MAX_STEPS);
            double[][] x = new double[source.steps][in];
            double[][] t = new double[source.steps][];
            for (int s = 0; s < t.length; s++) {
                t[s] = new double[out];
            }
            return Sequence.of(x, t, h);
        }
        if (source.sequenceFrom != null) {
            Sequence s = Cases.read(source.sequenceFrom).sequence();
            if (s.inputs()[0].length != in) {
                throw new UserError("--sequence-from " + source.sequenceFrom + ": its inputs have " + s.inputs()[0].length
                        + " entries, the network takes " + in);
            }
            for (double[] t : s.targets()) {
                if (t != null && t.length != out) {
                    throw new UserError("--sequence-from " + source.sequenceFrom + ": its targets have " + t.length
                            + " entries, the network has " + out + " outputs");
                }
            }
            return Sequence.of(s.inputs(), s.targets(), h);
        }
        return csv(source.csv, in, out, h);
    }

    /** A row per step: I inputs, then O targets or O empty cells (no target); a header row allowed. */
    static Sequence csv(Path f, int in, int out, int h) {
        List<String> lines;
        try {
            lines = org.unroll.engine.InputFile.readLines(f, Limits.MAX_FILE_BYTES);
        } catch (IOException e) {
            throw Cases.readError(f, e);
        }
        List<double[]> xs = new ArrayList<>();
        List<double[]> ts = new ArrayList<>();
        boolean any = false;
        boolean headerSeen = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (xs.isEmpty() && !headerSeen) {
                headerSeen = true;
                if (isHeader(f, i + 1, cells)) {
                    continue;
                }
            }
            String where = f + ": line " + (i + 1);
            if (cells.length != in + out && cells.length != in) {
                throw new UserError(where + ": expected " + in + " inputs and " + out + " targets (" + (in + out)
                        + " cells), got " + cells.length);
            }
            double[] x = new double[in];
            for (int c = 0; c < in; c++) {
                x[c] = number(where + ", cell " + (c + 1), cells[c]);
            }
            double[] t = null;
            boolean blank = true;
            for (int c = in; c < cells.length; c++) {
                blank &= cells[c].isBlank();
            }
            if (!blank) {
                t = new double[out];
                for (int c = 0; c < out; c++) {
                    t[c] = number(where + ", cell " + (in + c + 1), cells[in + c]);
                }
                any = true;
            }
            xs.add(x);
            ts.add(t);
            if (xs.size() > Limits.MAX_STEPS) {
                throw new UserError(f + ": more than " + Limits.MAX_STEPS + " steps, the engine's limit");
            }
        }
        if (xs.isEmpty()) {
            throw new UserError(f + ": no rows of numbers");
        }
        if (!any) {
            throw new UserError(f + ": no step has a target; give the targets after the inputs");
        }
        return Sequence.of(xs.toArray(double[][]::new), ts.toArray(double[][]::new), h);
    }

    /** The first-row rule every CSV reader shares (ADR 0031, {@link CsvHeaderRule}). */
    private static boolean isHeader(Path f, int line, String[] cells) {
        try {
            return CsvHeaderRule.isHeader(cells, ImportCommand::numeric, f.toString(), line);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    private static boolean numeric(String s) {
        try {
            Double.parseDouble(s.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static double number(String where, String s) {
        try {
            double v = Double.parseDouble(s.strip());
            if (!Double.isFinite(v)) {
                throw new UserError(where + ": not a finite number: " + s.strip());
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UserError(where + ": not a number: " + (s.isBlank() ? "(empty)" : s.strip()));
        }
    }

    private static String stem(String n) {
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static <E> E key(E[] values, String k, java.util.function.Function<E, String> key) {
        for (E e : values) {
            if (key.apply(e).equalsIgnoreCase(k.strip())) {
                return e;
            }
        }
        return null;
    }
}
