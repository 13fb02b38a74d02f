package org.unroll.interop;

import java.io.IOException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.unroll.engine.CsvHeaderRule;
import org.unroll.engine.Datasets;
import org.unroll.engine.InputFile;
import org.unroll.engine.Limits;
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
            throw new ImportException(file.getFileName() + ": " + e.getMessage());
        }
        return rows(lines, file.getFileName().toString(),
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
            throw new ImportException("the typed numbers are longer than " + (Limits.MAX_FILE_BYTES >> 20) + " MiB");
        }
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\\R")) {
            lines.add(line.strip().replaceAll("\\s*[,;\\t]\\s*|\\s+", ","));
        }
        return rows(lines, "typed numbers", inputSize, outputSize, hiddenSize);
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
            throw new ImportException("the " + (task == Task.SINE ? "sine task" : "adding problem") + " needs "
                    + (task == Task.SINE ? 1 : 2) + " input(s) and 1 output; the network has I = " + inputSize
                    + ", O = " + outputSize);
        }
        Sequence s = task == Task.SINE ? Datasets.noisySine(1).train()[0]
                : Datasets.addingProblem(Math.max(2, Math.min(steps, Limits.MAX_STEPS)), 2, 1).train()[0];
        return Sequence.of(s.inputs(), s.targets(), hiddenSize);
    }

    /** The first-row rule every CSV reader shares (ADR 0031, {@link CsvHeaderRule}). */
    private static boolean isHeader(String[] cells, String source, int line) throws ImportException {
        try {
            return CsvHeaderRule.isHeader(cells, ImportSequences::numeric, source, line);
        } catch (IllegalArgumentException e) {
            throw new ImportException(e.getMessage());
        }
    }

    private static Sequence rows(List<String> lines, String source, int inputSize, int outputSize, int hiddenSize)
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
                throw new ImportException(source + " line " + (n + 1) + ": expected " + inputSize
                        + " inputs, then " + outputSize + " targets or none; got " + cells.length + " values");
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
                throw new ImportException(source + " has more than " + Limits.MAX_STEPS + " steps");
            }
        }
        if (inputs.isEmpty()) {
            throw new ImportException(source + " has no rows");
        }
        if (targets.stream().allMatch(t -> t == null)) {
            throw new ImportException(source + " has no targets: give " + outputSize
                    + " target columns after the inputs on at least one row");
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

    private static double number(String cell, String source, int line) throws ImportException {
        String s = cell.strip();
        try {
            double v = Double.parseDouble(s);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ImportException(source + " line " + (line + 1) + ": '" + s + "' is not a finite number");
    }
}
