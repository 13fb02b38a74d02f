package org.unroll.interop;

import java.io.IOException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.unroll.engine.CsvHeaderRule;
import org.unroll.engine.Datasets;
import org.unroll.engine.InputFile;
import org.unroll.engine.Limits;
import org.unroll.engine.Message;
import org.unroll.engine.Sequence;

/**
 * The input sequences an imported network can be shown on: zeros, a CSV of inputs and targets, numbers
 * typed in the same form, or a sequence of one of the book's tasks.
 */
public final class ImportSequences {

    private ImportSequences() {
    }

    /** T steps of zero inputs, a zero target at every step. */
    public static Sequence zeros(int steps, int inputSize, int outputSize, int hiddenSize) {
        if (steps < 1 || steps > Limits.MAX_STEPS) {
            throw new IllegalArgumentException("T must be 1 to " + Limits.MAX_STEPS + ", got " + steps);
        }
        double[][] targets = new double[steps][];
        for (int t = 0; t < steps; t++) {
            targets[t] = new double[outputSize];
        }
        return Sequence.of(new double[steps][inputSize], targets, hiddenSize);
    }

    /**
     * A CSV with a row per step: I input columns, then O target columns or none (no target at that
     * step; empty target cells mean the same). A first row that is not numbers is a header.
     *
     * @throws ImportException a row that is not I or I + O numbers, one line naming it
     */
    public static Sequence csv(Path file, int inputSize, int outputSize, int hiddenSize)
            throws ImportException, IOException {
        List<String> lines;
        try {
            // checked before it is opened, and read no further than the limit (ADR 0031)
            lines = InputFile.readLines(file, Limits.MAX_FILE_BYTES);
        } catch (InputFile.Refused e) {
            throw new ImportException(Message.of("problem.at", file.getFileName().toString(), Message.from(e)));
        }
        return rows(lines, Message.plain(file.getFileName().toString()),
                inputSize, outputSize, hiddenSize);
    }

    /**
     * Numbers typed by the user, in the CSV's form: a line per step, I inputs then O targets or none,
     * separated by commas, semicolons, tabs or spaces.
     *
     * @throws ImportException a line that is not I or I + O numbers, one line naming it
     */
    public static Sequence typed(String text, int inputSize, int outputSize, int hiddenSize) throws ImportException {
        if (text.length() > Limits.MAX_FILE_BYTES) {
            throw new ImportException(Message.of("problem.import.typed.tooLong", Limits.MAX_FILE_BYTES >> 20));
        }
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\\R")) {
            lines.add(line.strip().replaceAll("\\s*[,;\\t]\\s*|\\s+", ","));
        }
        return rows(lines, Message.of("problem.import.typed.source"), inputSize, outputSize, hiddenSize);
    }

    /** The book's tasks a sequence can be drawn from. */
    public enum Task {
        /** The noisy sine's first window: I = O = 1, the target at the last step. */
        SINE,
        /** One sequence of the adding problem: I = 2, O = 1, the target at the last step. */
        ADDING;

        /** Whether a network of these sizes takes this task's sequences. */
        public boolean fits(int inputSize, int outputSize) {
            return outputSize == 1 && inputSize == (this == SINE ? 1 : 2);
        }
    }

    /**
     * A sequence of one of the book's tasks, the same as training draws ({@code Datasets}, seed 1):
     * the sine's first window ({@value Datasets#SINE_WINDOW} steps), or an adding problem of T steps.
     *
     * @throws ImportException the network's sizes do not take the task's sequences
     */
    public static Sequence task(Task task, int steps, int inputSize, int outputSize, int hiddenSize)
            throws ImportException {
        if (!task.fits(inputSize, outputSize)) {
            throw new ImportException(Message.of("problem.import.task.needs", task == Task.SINE
                    ? Message.of("problem.import.task.sine") : Message.of("problem.import.task.adding"),
                    task == Task.SINE ? 1 : 2, inputSize, outputSize));
        }
        Sequence s = task == Task.SINE ? Datasets.noisySine(1).train()[0]
                : Datasets.addingProblem(Math.max(2, Math.min(steps, Limits.MAX_STEPS)), 2, 1).train()[0];
        return Sequence.of(s.inputs(), s.targets(), hiddenSize);
    }

    /** The first-row rule every CSV reader shares (ADR 0031, {@link CsvHeaderRule}). */
    private static boolean isHeader(String[] cells, Message source, int line) throws ImportException {
        try {
            return CsvHeaderRule.isHeader(cells, ImportSequences::numeric, source, line);
        } catch (IllegalArgumentException e) {
            throw new ImportException(Message.from(e));
        }
    }

    /** @param source the file's name, or "typed numbers" in either language */
    private static Sequence rows(List<String> lines, Message source, int inputSize, int outputSize, int hiddenSize)
            throws ImportException {
        List<double[]> inputs = new ArrayList<>();
        List<double[]> targets = new ArrayList<>();
        boolean first = true;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (n == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1).strip();
            }
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split("[,;\\t]", -1);
            if (first) {
                first = false;
                if (isHeader(cells, source, n + 1)) {
                    continue;
                }
            }
            if (cells.length != inputSize && cells.length != inputSize + outputSize) {
                throw new ImportException(Message.of("problem.import.csv.width", source, n + 1, inputSize, outputSize,
                        cells.length));
            }
            double[] x = new double[inputSize];
            for (int i = 0; i < inputSize; i++) {
                x[i] = number(cells[i], source, n);
            }
            double[] y = null;
            boolean blank = true;
            for (int i = inputSize; i < cells.length; i++) {
                blank &= cells[i].strip().isEmpty();
            }
            if (cells.length > inputSize && !blank) {
                y = new double[outputSize];
                for (int o = 0; o < outputSize; o++) {
                    y[o] = number(cells[inputSize + o], source, n);
                }
            }
            inputs.add(x);
            targets.add(y);
            if (inputs.size() > Limits.MAX_STEPS) {
                throw new ImportException(Message.of("problem.import.csv.tooManySteps", source, Limits.MAX_STEPS));
            }
        }
        if (inputs.isEmpty()) {
            throw new ImportException(Message.of("problem.import.csv.noRows", source));
        }
        if (targets.stream().allMatch(t -> t == null)) {
            throw new ImportException(Message.of("problem.import.csv.noTargets", source, outputSize));
        }
        return Sequence.of(inputs.toArray(double[][]::new), targets.toArray(double[][]::new), hiddenSize);
    }

    private static boolean numeric(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static double number(String cell, Message source, int line) throws ImportException {
        String s = cell.strip();
        try {
            double v = Double.parseDouble(s);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ImportException(Message.of("problem.import.csv.notFinite", source, line + 1, s));
    }
}
