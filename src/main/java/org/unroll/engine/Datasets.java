package org.unroll.engine;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * Ready-made regression tasks: the noisy sine wave of the book, the adding problem, and windows
 * over a CSV time series. Every one is deterministic in its seed; by default 10% of the samples
 * (rounded, at least one when there are two or more) are held out for validation, chosen by a
 * shuffle from the seed; each task also takes another {@link ValidationSplit} (a fraction, random or
 * the last samples). Sequences keep their original order within the training and the validation set.
 *
 * <p>The sequences' initial states are empty placeholders: see {@link Dataset#withHiddenSize(int)}.
 */
public final class Datasets {

    /** Period of the sine wave, in samples. */
    public static final int SINE_PERIOD = 100;
    /** Number of values in the noisy sine series (x = 0 … 2·period). */
    public static final int SINE_LENGTH = 2 * SINE_PERIOD + 1;
    /** Window length T of the sine task. */
    public static final int SINE_WINDOW = 25;
    /** Amplitude of the uniform noise added to the sine. */
    public static final double SINE_NOISE = 0.05;
    /** Largest CSV file {@link #fromCsv} reads, in bytes (64 MiB). */
    public static final long MAX_CSV_BYTES = 64L << 20;
    /** Fraction of the samples held out for validation. */
    public static final double VALIDATION_FRACTION = 0.1;

    private static final double[] NO_STATE = new double[0];
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NON_FINITE = Pattern.compile("(?i)[+-]?(nan|inf|infinity)");

    private Datasets() {
    }

    /**
     * The book's noisy sine series: f(x) = sin(2πx/100) + 0.05·u(x), u uniform on (−1, 1), for
     * x = 0 … 200. The same seed gives the same series as {@link #noisySine(long)} trains on.
     *
     * @param seed the noise seed
     * @return a new array of {@value #SINE_LENGTH} values
     */
    public static double[] noisySineSeries(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] f = new double[SINE_LENGTH];
        for (int x = 0; x < f.length; x++) {
            f[x] = StrictMath.sin(2 * Math.PI * x / SINE_PERIOD) + SINE_NOISE * (2 * rnd.nextDouble() - 1);
        }
        return f;
    }

    /**
     * The book's sine task: every window of {@value #SINE_WINDOW} consecutive values of
     * {@link #noisySineSeries(long)} predicts the next value (176 samples, inputs T×1, a target at
     * the last step only).
     *
     * @param seed the seed of the noise and of the validation split
     * @return the dataset "noisy sine" (I = O = 1)
     */
    public static Dataset noisySine(long seed) {
        return noisySine(seed, ValidationSplit.DEFAULT);
    }

    /**
     * The book's sine task with another validation split (see {@link #noisySine(long)}).
     *
     * @param seed the seed of the noise and of a shuffled split
     * @param validation which windows are held out (unshuffled: the last ones, the latest in time)
     * @return the dataset "noisy sine" (I = O = 1)
     */
    public static Dataset noisySine(long seed, ValidationSplit validation) {
        double[] f = noisySineSeries(seed);
        double[][] rows = new double[f.length][];
        for (int x = 0; x < f.length; x++) {
            rows[x] = new double[] {f[x]};
        }
        return windows("noisy sine", rows, SINE_WINDOW, seed, validation);
    }

    /**
     * The adding problem (Hochreiter and Schmidhuber): each step's input is a signal drawn from
     * U(0, 1) and a marker; exactly two steps, at distinct random positions, are marked 1. The
     * target, at the last step only, is the sum of the two marked signals. Predicting the mean,
     * 1, scores an MSE of 1/6 ≈ 0.167.
     *
     * @param length T, at least 2
     * @param count number of samples, at least 2
     * @param seed the seed of the data and of the validation split
     * @return the dataset "adding problem" (I = 2, O = 1)
     */
    public static Dataset addingProblem(int length, int count, long seed) {
        return addingProblem(length, count, seed, ValidationSplit.DEFAULT);
    }

    /**
     * The adding problem with another validation split (see {@link #addingProblem(int, int, long)}).
     *
     * @param length T, at least 2
     * @param count number of samples, at least 2
     * @param seed the seed of the data and of a shuffled split
     * @param validation which sequences are held out
     * @return the dataset "adding problem" (I = 2, O = 1)
     */
    public static Dataset addingProblem(int length, int count, long seed, ValidationSplit validation) {
        if (length < 2 || count < 2) {
            throw new IllegalArgumentException("adding problem needs length >= 2 and count >= 2");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        Sequence[] all = new Sequence[count];
        for (int n = 0; n < count; n++) {
            double[][] in = new double[length][2];
            for (double[] row : in) {
                row[0] = rnd.nextDouble();
            }
            int p1 = rnd.nextInt(length);
            int p2 = rnd.nextInt(length - 1);
            if (p2 >= p1) {
                p2++;
            }
            in[p1][1] = 1;
            in[p2][1] = 1;
            double[][] targets = new double[length][];
            targets[length - 1] = new double[] {in[p1][0] + in[p2][0]};
            all[n] = new Sequence(in, targets, NO_STATE, NO_STATE);
        }
        return split("adding problem", all, 2, 1, seed, validation);
    }

    /**
     * Windows over a CSV time series: each row is one time step of one or more numeric columns;
     * every {@code window} consecutive rows predict the next row (all columns), so I = O = the
     * number of columns. A first row none of whose cells is a number is a header and skipped (a first
     * row that mixes numbers and text is refused); at most {@link Limits#MAX_SIZE} columns;
     * blank lines are skipped. Values must be finite decimal numbers separated by commas.
     *
     * @param file the CSV file (UTF-8; not modified)
     * @param window T, at least 1
     * @param seed the seed of the validation split
     * @return a dataset named after the file
     * @throws IllegalArgumentException naming the file (and line and column) when the file is larger
     *     than 64 MiB, is not UTF-8 text, holds a value that is not a finite number, has rows of
     *     different widths, or has fewer than {@code window + 2} data rows
     * @throws IOException if the file cannot be read
     */
    public static Dataset fromCsv(Path file, int window, long seed) throws IOException {
        return fromCsv(file, window, seed, ValidationSplit.DEFAULT);
    }

    /**
     * Windows over a CSV time series with another validation split (see
     * {@link #fromCsv(Path, int, long)}, which says what is checked and thrown).
     *
     * @param file the CSV file (UTF-8; not modified)
     * @param window T, at least 1
     * @param seed the seed of a shuffled split
     * @param validation which windows are held out
     * @return a dataset named after the file
     * @throws IOException if the file cannot be read
     */
    public static Dataset fromCsv(Path file, int window, long seed, ValidationSplit validation) throws IOException {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, got " + window);
        }
        // the memory budget (ADR 0032): the rows and widths guessed from the file's first 64 KiB
        Message early = MemoryBudget.problem(csvEstimate(file, window), MemoryBudget.heap(), Message.of("problem.memory.toTrain"));
        if (early != null) {
            throw new InvalidInput(Message.of("problem.at", file.toString(), early));
        }
        double[][] rows;
        // streamed line by line through a strict UTF-8 decoder: the file's text is never held whole
        // (readAllLines kept every line as a String beside the parsed rows; ADR 0027); a path that
        // is not a regular file is refused unopened, and the read stops at the limit (ADR 0031)
        java.nio.charset.CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        try (java.io.BufferedReader in = new java.io.BufferedReader(
                new java.io.InputStreamReader(InputFile.open(file, MAX_CSV_BYTES), utf8), 1 << 16)) {
            rows = parseCsv(file, in);
        } catch (CharacterCodingException e) {
            throw new InvalidInput(Message.of("problem.at", file.toString(), Message.of("problem.file.notUtf8")), e);
        } catch (InputFile.Refused e) {
            throw new InvalidInput(Message.of("problem.at", file.toString(), e.message()), e);
        }
        if (rows.length < window + 2) {
            throw new InvalidInput(Message.of("problem.at", file.toString(), Message.of("problem.csv.tooFewRows",
                    String.valueOf(rows.length), String.valueOf(window), String.valueOf(window + 2))));
        }
        Message exact = MemoryBudget.problem(MemoryBudget.csvBytes(rows.length, rows[0].length, window), MemoryBudget.heap(),
                Message.of("problem.memory.toTrain"));
        if (exact != null) {
            throw new InvalidInput(Message.of("problem.at", file.toString(), exact));
        }
        return windows(file.getFileName().toString(), rows, window, seed, validation);
    }

    /**
     * {@link MemoryBudget#csvBytes} for the rows and width a file's first 64 KiB suggest; 0 for a
     * small file, and for anything but a regular file within the limit (the reader refuses those
     * unopened, ADR 0031).
     */
    private static long csvEstimate(Path file, int window) {
        long bytes;
        byte[] head;
        try {
            bytes = InputFile.check(file, MAX_CSV_BYTES);
            if (bytes < (1 << 20)) {
                return 0; // a few MiB of heap at most
            }
            head = InputFile.head(file, 1 << 16, MAX_CSV_BYTES);
        } catch (IOException e) {
            return 0; // the reader says what is wrong with it, in its words
        }
        int n = head.length;
        long lines = 0;
        long commas = 0;
        for (int i = 0; i < n; i++) {
            if (head[i] == '\n') {
                lines++;
            } else if (head[i] == ',' && lines == 0) {
                commas++;
            }
        }
        if (lines < 2) {
            return 0;
        }
        return MemoryBudget.csvBytes(bytes * lines / n, commas + 1, window);
    }

    private static double[][] parseCsv(Path file, java.io.BufferedReader in) throws IOException {
        List<double[]> rows = new ArrayList<>();
        int width = -1;
        int widthLine = 0;
        boolean first = true;
        String line;
        for (int i = 0; (line = in.readLine()) != null; i++) {
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            int lineNo = i + 1;
            String[] cells = line.split(",", -1);
            for (int c = 0; c < cells.length; c++) {
                cells[c] = cells[c].trim();
            }
            if (first) {
                first = false;
                if (isHeader(file, lineNo, cells)) {
                    continue;
                }
            }
            if (width < 0) {
                width = cells.length;
                widthLine = lineNo;
                if (width > Limits.MAX_SIZE) {
                    // every column is an input and an output of the network: beyond the engine's
                    // size limit the model could be trained but not written or read back (ADR 0031)
                    throw new InvalidInput(Message.of("problem.csv.tooManyColumns", file.toString(), String.valueOf(lineNo),
                            String.valueOf(width), String.valueOf(Limits.MAX_SIZE)));
                }
            } else if (cells.length != width) {
                throw new InvalidInput(Message.of("problem.csv.width", file.toString(), String.valueOf(lineNo),
                        String.valueOf(cells.length), String.valueOf(width), String.valueOf(widthLine)));
            }
            double[] row = new double[width];
            for (int c = 0; c < width; c++) {
                row[c] = parseValue(file, lineNo, c + 1, cells[c]);
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new InvalidInput(Message.of("problem.at", file.toString(), Message.of("problem.csv.noRows")));
        }
        return rows.toArray(new double[0][]);
    }

    /** The first-row rule every CSV reader shares (ADR 0031, {@link CsvHeaderRule}). */
    private static boolean isHeader(Path file, int line, String[] cells) {
        return CsvHeaderRule.isHeader(cells,
                c -> NUMBER.matcher(c).matches() || NON_FINITE.matcher(c).matches(), file.toString(), line);
    }

    private static double parseValue(Path file, int line, int column, String s) {
        String f = file.toString();
        String l = String.valueOf(line);
        String c = String.valueOf(column);
        if (s.isEmpty()) {
            throw new InvalidInput(Message.of("problem.csv.emptyValue", f, l, c));
        }
        if (NON_FINITE.matcher(s).matches()) {
            throw new InvalidInput(Message.of("problem.csv.notFinite", f, l, c, s));
        }
        if (!NUMBER.matcher(s).matches()) {
            throw new InvalidInput(Message.of("problem.csv.notNumber", f, l, c, s));
        }
        double v = Double.parseDouble(s);
        if (!Double.isFinite(v)) {
            throw new InvalidInput(Message.of("problem.csv.tooLarge", f, l, c, s));
        }
        return v;
    }

    /**
     * Every {@code window} consecutive rows predict the next row. Rows are shared, not copied.
     */
    private static Dataset windows(String name, double[][] rows, int window, long seed, ValidationSplit validation) {
        int width = rows[0].length;
        Sequence[] all = new Sequence[rows.length - window];
        for (int i = 0; i < all.length; i++) {
            double[][] targets = new double[window][];
            targets[window - 1] = rows[i + window];
            all[i] = new Sequence(Arrays.copyOfRange(rows, i, i + window), targets, NO_STATE, NO_STATE);
        }
        return split(name, all, width, width, seed, validation);
    }

    /**
     * Holds out samples for validation (a seeded random choice, or the last ones); both parts keep
     * the original order.
     */
    private static Dataset split(String name, Sequence[] all, int inputSize, int outputSize, long seed,
                                 ValidationSplit validation) {
        int n = all.length;
        int nVal = validation.count(n);
        boolean[] held = new boolean[n];
        if (validation.shuffled()) {
            int[] perm = new int[n];
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            shuffle(perm, new SplittableRandom(seed).split());
            for (int i = 0; i < nVal; i++) {
                held[perm[i]] = true;
            }
        } else {
            for (int i = n - nVal; i < n; i++) {
                held[i] = true;
            }
        }
        Sequence[] train = new Sequence[n - nVal];
        Sequence[] val = new Sequence[nVal];
        int a = 0;
        int b = 0;
        for (int i = 0; i < n; i++) {
            if (held[i]) {
                val[b++] = all[i];
            } else {
                train[a++] = all[i];
            }
        }
        return new Dataset(name, train, val, inputSize, outputSize);
    }

    /**
     * Fisher–Yates shuffle.
     *
     * @param a the array (modified: permuted in place)
     * @param rnd the random stream (modified: advanced)
     */
    static void shuffle(int[] a, SplittableRandom rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
