package org.unroll.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {

    @TempDir
    Path dir;

    private static List<Sequence> all(Dataset d) {
        List<Sequence> l = new ArrayList<>(List.of(d.train()));
        l.addAll(List.of(d.validation()));
        return l;
    }

    private static void assertOnlyLastTarget(Sequence s, int width) {
        for (int t = 0; t < s.length() - 1; t++) {
            assertNull(s.targets()[t]);
        }
        assertEquals(width, s.targets()[s.length() - 1].length);
    }

    @Test
    void noisySeriesIsTheBooksSine() {
        double[] f = Datasets.noisySineSeries(3);
        assertEquals(201, f.length);
        for (int x = 0; x < f.length; x++) {
            assertTrue(Math.abs(f[x] - Math.sin(2 * Math.PI * x / 100)) <= 0.05 + 1e-12, "x = " + x);
        }
        assertArrayEquals(f, Datasets.noisySineSeries(3));
        assertFalse(java.util.Arrays.equals(f, Datasets.noisySineSeries(4)));
    }

    @Test
    void noisySineWindowsPredictTheNextValue() {
        Dataset d = Datasets.noisySine(3);
        double[] f = Datasets.noisySineSeries(3);
        assertEquals(1, d.inputSize());
        assertEquals(1, d.outputSize());
        assertEquals(176, d.train().length + d.validation().length);
        assertEquals(18, d.validation().length);
        boolean[] seen = new boolean[176];
        for (Sequence s : all(d)) {
            assertEquals(25, s.length());
            assertOnlyLastTarget(s, 1);
            int start = -1;
            for (int i = 0; i < 176; i++) {
                if (f[i] == s.inputs()[0][0]) {
                    start = i;
                }
            }
            assertTrue(start >= 0 && !seen[start]);
            seen[start] = true;
            for (int t = 0; t < 25; t++) {
                assertArrayEquals(new double[] {f[start + t]}, s.inputs()[t]);
            }
            assertEquals(f[start + 25], s.targets()[24][0]);
        }
    }

    @Test
    void splitDependsOnTheSeed() {
        Dataset a = Datasets.noisySine(1);
        Dataset b = Datasets.noisySine(1);
        assertEquals(a.validation()[0].inputs()[0][0], b.validation()[0].inputs()[0][0]);
        Dataset c = Datasets.addingProblem(5, 100, 1);
        Dataset d = Datasets.addingProblem(5, 100, 2);
        assertFalse(c.validation()[0].inputs()[0][0] == d.validation()[0].inputs()[0][0]);
    }

    @Test
    void addingTargetsAreTheMarkedSum() {
        Dataset d = Datasets.addingProblem(30, 500, 11);
        assertEquals(2, d.inputSize());
        assertEquals(1, d.outputSize());
        assertEquals(50, d.validation().length);
        assertEquals(450, d.train().length);
        for (Sequence s : all(d)) {
            assertEquals(30, s.length());
            assertOnlyLastTarget(s, 1);
            double sum = 0;
            int marks = 0;
            for (double[] x : s.inputs()) {
                assertEquals(2, x.length);
                assertTrue(x[0] >= 0 && x[0] < 1);
                assertTrue(x[1] == 0 || x[1] == 1);
                if (x[1] == 1) {
                    marks++;
                    sum += x[0];
                }
            }
            assertEquals(2, marks);
            assertEquals(sum, s.targets()[29][0], 1e-15);
        }
    }

    @Test
    void withHiddenSizeGivesZeroStates() {
        Dataset d = Datasets.addingProblem(4, 10, 1).withHiddenSize(6);
        for (Sequence s : all(d)) {
            assertArrayEquals(new double[6], s.h0());
            assertArrayEquals(new double[6], s.c0());
        }
        Batch b = Batch.of(d.train(), 0, 3, null);
        assertEquals(3, b.size());
        assertEquals(4, b.length());
    }

    private Path csv(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private static String rows(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i).append(',').append(-i * 0.5).append('\n');
        }
        return sb.toString();
    }

    @Test
    void csvWithHeaderGivesWindowsOverAllColumns() throws IOException {
        Path p = csv("series.csv", "\uFEFFtemp, load\n" + rows(30) + "\n");
        Dataset d = Datasets.fromCsv(p, 5, 1);
        assertEquals("series.csv", d.name());
        assertEquals(2, d.inputSize());
        assertEquals(2, d.outputSize());
        assertEquals(25, d.train().length + d.validation().length);
        assertEquals(3, d.validation().length);
        for (Sequence s : all(d)) {
            assertEquals(5, s.length());
            assertOnlyLastTarget(s, 2);
            int start = (int) s.inputs()[0][0];
            for (int t = 0; t < 5; t++) {
                assertArrayEquals(new double[] {start + t, -(start + t) * 0.5}, s.inputs()[t]);
            }
            assertArrayEquals(new double[] {start + 5, -(start + 5) * 0.5}, s.targets()[4]);
        }
    }

    @Test
    void csvWithoutHeaderAndOneColumn() throws IOException {
        Path p = csv("one.csv", "1\n2.5\n-3e2\n+.5\n4.\n6\n");
        Dataset d = Datasets.fromCsv(p, 2, 1);
        assertEquals(1, d.inputSize());
        assertEquals(4, d.train().length + d.validation().length);
    }

    private void assertCsvError(String content, int window, String... parts) throws IOException {
        Path p = csv("bad.csv", content);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Datasets.fromCsv(p, window, 1));
        assertTrue(e.getMessage().contains("bad.csv"), e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' should contain '" + part + "'");
        }
    }

    /** ADR 0044: the training CSV reader's problems in Japanese too, the English line unchanged. */
    @Test
    void csvErrorsAreSaidInJapaneseToo() throws IOException {
        String[][] cases = {
            {"a,b\n1,2\n3,x\n" + rows(10), "bad.csv line 3, column 2: 'x' is not a number", "bad.csv の 3 行 2 列: 'x' は数値ではありません"},
            {"1,2\n3,4\n5\n" + rows(10), "bad.csv line 3: 1 values, expected 2 as on line 1", "bad.csv の 3 行: 値が 1 個あります。1 行目と同じ 2 個が必要です"},
            {"1,2\n3,\n" + rows(10), "bad.csv line 2, column 2: empty value", "bad.csv の 2 行 2 列: 値が空です"},
            {"x\n1\n2\n3\n", "bad.csv: 3 data rows; a window of 2 needs at least 4 (one training and one validation sample)",
                "bad.csv: データ行が 3 行しかありません。窓の長さ 2 には少なくとも 4 行が必要です（学習用と検証用に 1 サンプルずつ）"},
            {"header only\n", "bad.csv: no data rows", "bad.csv: データ行がありません"},
        };
        for (String[] c : cases) {
            Path p = csv("bad.csv", c[0]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Datasets.fromCsv(p, 2, 1));
            assertEquals(p.getParent() + java.io.File.separator + c[1], e.getMessage());
            assertTrue(e instanceof Message.Localized, e.getClass().getName());
            assertEquals(p.getParent() + java.io.File.separator + c[2], ((Message.Localized) e).getMessage(java.util.Locale.JAPANESE));
        }
    }

    @Test
    void csvErrorsNameFileLineAndProblem() throws IOException {
        assertCsvError("a,b\n1,2\n3,x\n" + rows(10), 2, "line 3, column 2", "'x' is not a number");
        assertCsvError("1,2\n3,4\n5\n" + rows(10), 2, "line 3", "1 values, expected 2");
        assertCsvError("1,2\n3,NaN\n" + rows(10), 2, "line 2, column 2", "'NaN' is not a finite number");
        assertCsvError("1,2\n-Infinity,4\n" + rows(10), 2, "line 2, column 1", "not a finite number");
        assertCsvError("1,2\n1e999,4\n" + rows(10), 2, "line 2, column 1", "not a finite double");
        assertCsvError("1,2\n3,\n" + rows(10), 2, "line 2, column 2", "empty value");
        assertCsvError("x\n1\n2\n3\n", 2, "3 data rows", "at least 4");
        assertCsvError("header only\n", 2, "no data rows");
        assertCsvError("", 2, "no data rows");
    }

    @Test
    void csvRejectsHugeFilesBeforeReading() throws IOException {
        Path p = dir.resolve("huge.csv");
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(Datasets.MAX_CSV_BYTES + 1);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Datasets.fromCsv(p, 3, 1));
        assertTrue(e.getMessage().contains("huge.csv") && e.getMessage().contains("64 MiB"), e.getMessage());
    }

    @Test
    void csvRejectsNonUtf8() throws IOException {
        Path p = dir.resolve("latin.csv");
        Files.write(p, new byte[] {'1', '\n', (byte) 0xE9, '\n'});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Datasets.fromCsv(p, 3, 1));
        assertTrue(e.getMessage().contains("latin.csv") && e.getMessage().contains("UTF-8"), e.getMessage());
    }
}
