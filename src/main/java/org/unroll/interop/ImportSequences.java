package org.unroll.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.unroll.engine.Limits;
import org.unroll.engine.Sequence;

/** The input sequences an imported network can be shown on: zeros, or a CSV of inputs and targets. */
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
        if (Files.size(file) > Limits.MAX_FILE_BYTES) {
            throw new ImportException(file.getFileName() + " is larger than " + (Limits.MAX_FILE_BYTES >> 20) + " MiB");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<double[]> inputs = new ArrayList<>();
        List<double[]> targets = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split("[,;\\t]", -1);
            if (n == 0 && !cells[0].strip().isEmpty() && !numeric(cells[0].strip())) {
                continue;
            }
            if (cells.length != inputSize && cells.length != inputSize + outputSize) {
                throw new ImportException(file.getFileName() + " line " + (n + 1) + ": expected " + inputSize
                        + " inputs, then " + outputSize + " targets or none; got " + cells.length + " values");
            }
            double[] x = new double[inputSize];
            for (int i = 0; i < inputSize; i++) {
                x[i] = number(cells[i], file, n);
            }
            double[] y = null;
            boolean blank = true;
            for (int i = inputSize; i < cells.length; i++) {
                blank &= cells[i].strip().isEmpty();
            }
            if (cells.length > inputSize && !blank) {
                y = new double[outputSize];
                for (int o = 0; o < outputSize; o++) {
                    y[o] = number(cells[inputSize + o], file, n);
                }
            }
            inputs.add(x);
            targets.add(y);
            if (inputs.size() > Limits.MAX_STEPS) {
                throw new ImportException(file.getFileName() + " has more than " + Limits.MAX_STEPS + " steps");
            }
        }
        if (inputs.isEmpty()) {
            throw new ImportException(file.getFileName() + " has no rows");
        }
        if (targets.stream().allMatch(t -> t == null)) {
            throw new ImportException(file.getFileName() + " has no targets: give " + outputSize
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

    private static double number(String cell, Path file, int line) throws ImportException {
        String s = cell.strip();
        try {
            double v = Double.parseDouble(s);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ImportException(file.getFileName() + " line " + (line + 1) + ": '" + s + "' is not a finite number");
    }
}
