package org.unroll.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.unroll.charts.HeadlessTraining;
import org.unroll.charts.PlotData;
import org.unroll.charts.PlotOptions;
import org.unroll.charts.PlotView;
import org.unroll.engine.Case;
import org.unroll.engine.CellType;
import org.unroll.engine.Dataset;
import org.unroll.engine.Trace;
import org.unroll.export.ExportErrors;
import org.unroll.export.ExportRequest;
import org.unroll.export.ExportSource;
import org.unroll.export.ExportView;
import org.unroll.export.Exporter;
import org.unroll.export.Format;
import org.unroll.graph.Notation;
import org.unroll.interop.ImportException;
import org.unroll.interop.PyTorchWriter;
import org.unroll.schedule.Phase;
import org.unroll.schedule.Schedule;
import org.unroll.session.DemoCase;
import org.unroll.session.TrainingSetup;
import org.unroll.view.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code export}: a figure, an animation or the numbers of one view, without a display; the same
 * request the app's Export dialog makes, so the same file.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Export a view for slides or a handout, without a display: the graph at an event (png, svg,"
                + " pdf), the BPTT walk between two events (gif, numbered png frames), the trace or a plot's"
                + " series (csv), the case (json), or a plot (loss, gates, heat, states, prediction, gradflow).",
                "Events are numbered as in the app's status bar: 1 is the first, 0 the start; also start, end,"
                        + " forward, loss, backward, gradients (the first event of that phase) and ranges A..B."})
final class ExportCommand implements Callable<Integer> {

    @Option(names = "--case", paramLabel = "FILE.json|builtin:NAME", description = "The case: a case file or a"
            + " built-in case (builtin:mini-rnn, builtin:mini-lstm, builtin:mini-gru, ...; default: the app's demo, a"
            + " sine RNN).")
    String caseFile;

    @Option(names = "--deck", paramLabel = "builtin:chapter5|FILE", description = "A handout of a deck instead: one"
            + " PDF page per scene (its title, the graph at the scene's moment, its notes in --lang); only --format pdf.")
    String deck;

    @Option(names = "--view", defaultValue = "graph",
            description = "graph, loss, gates, heat, states, prediction, gradflow, case or worksheet (default ${DEFAULT-VALUE});"
                    + " the Compare tab's plots are exported from the app. A worksheet (pdf, md or tex) is for a simple"
                    + " RNN, LSTM or GRU with T <= 4 and H <= 3, e.g. --case builtin:mini-lstm.")
    String view;

    @Option(names = "--at", paramLabel = "EVENT|A..B", description = "The event shown, or a range for gif/frames"
            + " (default: end; for gif/frames the whole walk, start..end; A after B walks backwards).")
    String at;

    @Option(names = "--format", description = "png, svg, pdf, gif, frames, csv or json (default: from the -o file name);"
            + " md or tex for a worksheet; or the network's weights for your own script: pytorch (a state dict .pt),"
            + " safetensors, or keras (a Keras .h5 for model.load_weights; also for -o FILE.h5).")
    String format;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "The file (a folder for frames).")
    Path output;

    @Option(names = "--width", defaultValue = "1280", description = "Width in pixels at scale 1, or points in a PDF (default ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", defaultValue = "720", description = "Height (default ${DEFAULT-VALUE}).")
    int height;

    @Option(names = "--scale", defaultValue = "1", description = "PNG/GIF pixel scale, 1 to 4 (default ${DEFAULT-VALUE}).")
    double scale;

    @Option(names = "--lang", defaultValue = "en", description = "en or ja (default ${DEFAULT-VALUE}).")
    String lang;

    @Option(names = "--notation", defaultValue = "book", description = "book, tensorflow, keras or pytorch: the names of"
            + " every label, equation and legend (default ${DEFAULT-VALUE}).")
    String notation;

    @Option(names = "--type-size", defaultValue = "0", paramLabel = "0..4", description = "The graph's type size for a"
            + " room, as View > Presentation in the app: labels, band and legend larger (default ${DEFAULT-VALUE}).")
    int typeSize;

    @Option(names = "--high-contrast", description = "The graph's high-contrast theme (black on white, a thick ring).")
    boolean highContrast;

    @Option(names = "--log-errors", description = "Colour the graph's errors on a log scale (12 decades).")
    boolean logErrors;

    @Option(names = "--title", description = "A title above the figure.")
    String title;

    @Option(names = "--caption", description = "A caption below the figure.")
    String caption;

    @Option(names = "--equation", description = "Caption the graph with the current event's equation.")
    boolean equation;

    @Option(names = "--delay", defaultValue = "600", description = "GIF: milliseconds per frame (default ${DEFAULT-VALUE}).")
    int delay;

    @Option(names = "--log", description = "Loss plot on a log axis.")
    boolean log;

    @Option(names = "--units", defaultValue = "0, 1", description = "Units plotted in the gates and states plots (default ${DEFAULT-VALUE}).")
    String units;

    @Option(names = "--paper", defaultValue = "a4", description = "Worksheet: a4 or letter (default ${DEFAULT-VALUE}).")
    String paper;

    @Option(names = "--digits", defaultValue = "4", description = "Worksheet: round the answers to N decimals, 1 to 8"
            + " (default ${DEFAULT-VALUE}).")
    int digits;

    @Option(names = "--key", defaultValue = "included", description = "Worksheet: the answer key included after the"
            + " sheet or separate (written to OUT-key.EXT) (default ${DEFAULT-VALUE}).")
    String key;

    @Option(names = "--train-epochs", paramLabel = "N", description = "First train a new network for N epochs as the"
            + " app's Training tab does, with the training options below (the case's cell and size unless --cell or"
            + " --hidden is given), then show it on a validation sequence (the loss plot needs this).")
    Integer trainEpochs;

    /** The training options, with the Training tab's defaults; used with --train-epochs. */
    @Mixin
    TrainingOptions training = new TrainingOptions(TrainingSetup.defaults());

    @Override
    public Integer call() {
        if (java.nio.file.Files.exists(output) && !java.nio.file.Files.isDirectory(output)) {
            // a FIFO, device, socket or read-only file: refused before anything is read or drawn
            Cases.checkTarget(output);
        }
        if (deck != null) {
            return handout();
        }
        PyTorchWriter.Container weights = weightsContainer();
        if (weights != null) {
            return weights(weights);
        }
        if (KerasWeights.wanted(format, output)) {
            return KerasWeights.write(trainEpochs != null ? train(PlotOptions.DEFAULTS).kase()
                    : caseFile == null ? DemoCase.create() : Cases.read(caseFile), output);
        }
        ExportView v = parse(() -> ExportView.parse(view), "--view");
        Format f = format != null ? parse(() -> Format.parse(format), "--format")
                : parse(() -> Format.fromFileName(output), "--format");
        Locale locale = switch (lang.toLowerCase(Locale.ROOT)) {
            case "en" -> Locale.ENGLISH;
            case "ja" -> Locale.JAPANESE;
            default -> throw new UserError("--lang: expected en or ja, got " + lang);
        };
        Notation n = Notation.fromKey(notation);
        if (n == null) {
            throw new UserError("--notation: expected book, tensorflow, keras or pytorch, got " + notation);
        }
        if (typeSize < 0 || typeSize > org.unroll.view.Presentation.MAX_TYPE_SIZE) {
            throw new UserError("--type-size: expected 0 to " + org.unroll.view.Presentation.MAX_TYPE_SIZE + ", got "
                    + typeSize);
        }
        if (v == ExportView.WORKSHEET) {
            return worksheet(f, locale, n);
        }
        if (v.isComparison()) {
            throw new UserError("--view " + v.id() + ": the comparison is exported from the app's Compare tab"
                    + " (right-click a plot there)");
        }
        if (!v.formats().contains(f)) {
            throw new UserError("--format: the " + v.id() + " view cannot be written as " + f.id() + "; use "
                    + String.join(", ", v.formats().stream().map(Format::id).toList()));
        }
        PlotOptions options = parse(() -> PlotOptions.DEFAULTS.withUnits(PlotOptions.parseUnits(units)), "--units");

        Session session;
        PlotData plots = null;
        if (trainEpochs != null) {
            HeadlessTraining.Trained t = train(options);
            plots = t.plots();
            session = compute(t.kase(), null);
        } else {
            Case c = caseFile == null ? DemoCase.create() : Cases.read(caseFile);
            session = compute(c, casePath());
            if (v == ExportView.LOSS) {
                throw new UserError("--view loss: the loss plot needs a training run; add --train-epochs N");
            }
        }
        if ((v == ExportView.GATES || v == ExportView.HEAT) && session.kase().config().cell() == CellType.RNN) {
            throw new UserError("--view " + v.id() + ": a simple RNN has no gates; try --view states, or an LSTM or GRU"
                    + " case");
        }
        int hidden = session.kase().config().hiddenSize();
        for (int u : options.unitArray()) {
            if (u >= hidden) {
                throw new UserError("--units: unit " + u + " is beyond this case's " + hidden + " hidden units (0.."
                        + (hidden - 1) + ")");
            }
        }
        int[] range = events(session.schedule(), f == Format.GIF || f == Format.FRAMES);
        int t = range[0] >= 0 ? session.schedule().event(range[0]).step() : -1;
        PlotView pv = new PlotView(log, at != null && t >= 1 ? t : -1);
        ExportRequest request;
        try {
            request = new ExportRequest(v, f, width, height, scale, locale, title, caption, equation, range[0], range[1],
                    delay, null, n, new org.unroll.view.Presentation(typeSize, highContrast, logErrors));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        try {
            List<Path> written = Exporter.write(request, new ExportSource(session, plots, pv), output);
            System.out.println(written.size() == 1 ? "wrote " + written.get(0)
                    : "wrote " + written.size() + " frames to " + output);
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new UserError(ExportErrors.describe(e, output));
        }
        return 0;
    }

    /** {@code --view worksheet}: a worksheet for BPTT by hand and its answer key. */
    private int worksheet(Format f, Locale locale, Notation n) {
        if (!ExportView.WORKSHEET.formats().contains(f)) {
            throw new UserError("--format: a worksheet is written as pdf, md or tex, not " + f.id());
        }
        if (trainEpochs != null || at != null) {
            throw new UserError("--view worksheet: the sheet covers every event of the case; leave out --at and"
                    + " --train-epochs");
        }
        org.unroll.export.Worksheet.Options options;
        try {
            options = new org.unroll.export.Worksheet.Options(f,
                    parse(() -> org.unroll.export.Worksheet.Paper.parse(paper), "--paper"), n, locale, digits,
                    parse(() -> org.unroll.export.Worksheet.Key.parse(key), "--key"));
        } catch (IllegalArgumentException e) {
            throw new UserError("--digits: " + e.getMessage());
        }
        Case c = caseFile == null ? DemoCase.create() : Cases.read(caseFile);
        String name = caseFile == null ? "the demo" : caseFile;
        String no = org.unroll.export.Worksheet.refusal(c.config(), c.sequence().length(), Locale.ENGLISH);
        if (no != null) {
            throw new UserError(name + ": " + no);
        }
        Session session = compute(c, casePath());
        try {
            org.unroll.export.Worksheet sheet = org.unroll.export.Worksheet.of(session, options);
            List<Path> written = org.unroll.export.WorksheetWriter.write(sheet, output);
            System.out.println("wrote " + String.join(" and ", written.stream().map(Path::toString).toList()) + " ("
                    + sheet.blanks().size() + " blanks)");
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new UserError(ExportErrors.describe(e, output));
        }
        return 0;
    }

    /**
     * {@code --format pytorch|safetensors} (or an -o ending in .pt, .pth, .safetensors): the
     * network's weights as a state dict, or null for the other formats.
     */
    private PyTorchWriter.Container weightsContainer() {
        String f = format == null ? null : format.strip().toLowerCase(Locale.ROOT);
        String n = output.getFileName() == null ? "" : output.getFileName().toString().toLowerCase(Locale.ROOT);
        if ("pytorch".equals(f) || (f == null && (n.endsWith(".pt") || n.endsWith(".pth")))) {
            return PyTorchWriter.Container.PT;
        }
        if ("safetensors".equals(f) || (f == null && n.endsWith(".safetensors"))) {
            return PyTorchWriter.Container.SAFETENSORS;
        }
        return null;
    }

    /** The weights of --case (or of the network trained with --train-epochs) as a PyTorch state dict. */
    private int weights(PyTorchWriter.Container container) {
        if (at != null || !"graph".equals(view)) {
            throw new UserError("--format " + (container == PyTorchWriter.Container.PT ? "pytorch" : "safetensors")
                    + " writes the network's weights: leave out --view and --at");
        }
        Case c = trainEpochs != null ? train(PlotOptions.DEFAULTS).kase()
                : caseFile == null ? DemoCase.create() : Cases.read(caseFile);
        try {
            PyTorchWriter.check(c.weights());
        } catch (ImportException e) {
            throw new UserError("--format: PyTorch cannot load this network: " + e.getMessage());
        }
        List<String> notes = new java.util.ArrayList<>();
        Cases.write(output, out -> {
            try {
                notes.addAll(PyTorchWriter.write(c.weights(), container, out));
            } catch (ImportException e) {
                throw new IOException(e.getMessage(), e);
            }
        });
        System.out.println("wrote " + output);
        notes.forEach(n -> System.out.println("note: " + n));
        return 0;
    }

    /** {@code --deck}: the handout, one page per scene. */
    private int handout() {
        Format f = format != null ? parse(() -> Format.parse(format), "--format")
                : parse(() -> Format.fromFileName(output), "--format");
        if (f != Format.PDF) {
            throw new UserError("--format: a deck's handout is written as pdf, not " + f.id());
        }
        if (caseFile != null || trainEpochs != null || at != null) {
            throw new UserError("--deck: the scenes say the case and the event; leave out --case, --at and --train-epochs");
        }
        Locale locale = locale();
        org.unroll.deck.DeckSessions sessions;
        try {
            sessions = org.unroll.export.Handout.open(deck);
        } catch (org.unroll.deck.DeckException e) {
            throw new UserError(deck + ": " + e.getMessage());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserError(deck + ": no such file");
        } catch (IOException e) {
            throw new UserError(deck + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
        try {
            int pages = org.unroll.export.Handout.write(sessions, locale, output, Exporter.Progress.NONE);
            System.out.println("wrote " + output + " (" + pages + " pages)");
        } catch (org.unroll.deck.DeckException e) {
            throw new UserError(deck + ": " + e.getMessage());
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new UserError(ExportErrors.describe(e, output));
        }
        return 0;
    }

    private Locale locale() {
        return switch (lang.toLowerCase(Locale.ROOT)) {
            case "en" -> Locale.ENGLISH;
            case "ja" -> Locale.JAPANESE;
            default -> throw new UserError("--lang: expected en or ja, got " + lang);
        };
    }

    /**
     * Checks --train-epochs and the training options and builds the data and the configuration
     * (nothing is trained).
     *
     * @param base the case of --case, whose cell and size are used unless --cell/--hidden are given; or null
     */
    TrainingOptions.Prepared prepareTraining(Case base) {
        Options.range("--train-epochs", trainEpochs, 0, 1_000_000);
        return training.prepare(trainEpochs, base != null ? base.config().cell() : null,
                base != null ? base.config().hiddenSize() : null);
    }

    private HeadlessTraining.Trained train(PlotOptions options) {
        Case base = caseFile == null ? null : Cases.read(caseFile);
        TrainingOptions.Prepared p = prepareTraining(base);
        Dataset data = p.data();
        if (base != null && (base.config().inputSize() != data.inputSize()
                || base.config().outputSize() != data.outputSize())) {
            System.err.println("note: the " + training.task + " task has " + data.inputSize() + " input(s) and "
                    + data.outputSize() + " output(s); the case's sizes are replaced");
        }
        try {
            return HeadlessTraining.run(p.config(), data, 0, options);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UserError("--train-epochs: " + e.getMessage());
        }
    }

    private static Session compute(Case c, Path file) {
        Session s;
        try {
            s = Session.compute(c, file);
        } catch (Schedule.TooLong e) {
            // a documented limit, told in one line with exit 2 (was an internal error, exit 3)
            throw new UserError((file == null ? (c.name() == null ? "the case" : c.name()) : file.toString()) + ": "
                    + e.getMessage());
        }
        Trace tr = s.trace();
        Cases.requireFinite(file == null ? Path.of(c.name() == null ? "case" : c.name()) : file, tr);
        return s;
    }

    /** The file of --case, or null for the demo or a built-in case. */
    private Path casePath() {
        return caseFile == null || org.unroll.session.BuiltinCases.isBuiltin(caseFile) ? null : Path.of(caseFile);
    }

    /** The event range of --at, as schedule indices (−1 is the start). */
    private int[] events(Schedule s, boolean walk) {
        if (at == null) {
            return walk ? new int[] {-1, s.size() - 1} : new int[] {s.size() - 1, s.size() - 1};
        }
        int dots = at.indexOf("..");
        if (dots >= 0) {
            int a = event(s, at.substring(0, dots));
            int b = event(s, at.substring(dots + 2));
            if (!walk && a != b) {
                throw new UserError("--at: a range needs --format gif or frames; give one event for " + at);
            }
            return new int[] {a, b};
        }
        int e = event(s, at);
        return walk ? new int[] {-1, e} : new int[] {e, e};
    }

    private static int event(Schedule s, String word) {
        String w = word.strip().toLowerCase(Locale.ROOT);
        int n = s.size();
        int i = switch (w) {
            case "start" -> -1;
            case "end" -> n - 1;
            case "forward" -> s.firstIndexOf(Phase.FORWARD);
            case "loss" -> s.firstIndexOf(Phase.LOSS);
            case "backward" -> s.firstIndexOf(Phase.BACKWARD);
            case "gradients" -> s.firstIndexOf(Phase.GRADIENT);
            default -> {
                try {
                    yield Integer.parseInt(w) - 1;
                } catch (NumberFormatException e) {
                    throw new UserError("--at: expected an event number, start, end, forward, loss, backward,"
                            + " gradients or a range A..B, got " + word);
                }
            }
        };
        if (i == -1 && !w.equals("start") && !w.equals("0")) {
            throw new UserError("--at: this case has no " + w + " phase");
        }
        if (i < -1 || i >= n) {
            throw new UserError("--at: event " + word + " is out of range: this case has " + n + " events (0 is the start)");
        }
        return i;
    }

    private static <T> T parse(java.util.function.Supplier<T> f, String option) {
        try {
            return f.get();
        } catch (IllegalArgumentException e) {
            throw new UserError(option + ": " + e.getMessage());
        }
    }

}
