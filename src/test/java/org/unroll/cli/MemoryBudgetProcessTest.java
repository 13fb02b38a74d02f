package org.unroll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under {@code -Xmx256m}, in a child JVM as a user would start it: every shipped case either works
 * or is refused up front with one line naming its file, the estimate and the heap; an LSTM of
 * T = 100,000 and a large CSV are refused so, never out of memory (ADR 0032).
 */
class MemoryBudgetProcessTest {

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    private Result child(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "org.unroll.Launcher"));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the child JVM did not finish: " + cmd);
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static List<Path> json(String folder) throws IOException {
        try (Stream<Path> s = Files.list(Path.of(folder))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** A valid LSTM case of T steps, H = 24, built as text. */
    private Path bigLstm(int steps) throws IOException {
        int h = 24;
        Random rnd = new Random(4);
        StringBuilder sb = new StringBuilder("{\"format\": \"unroll-case/1\", \"name\": \"big\", \"model\": {\"cell\": \"lstm\","
                + " \"inputSize\": 1, \"hiddenSize\": " + h + ", \"outputSize\": 1, \"activation\": \"tanh\","
                + " \"outputActivation\": \"linear\", \"params\": {");
        String sep = "";
        for (String g : new String[] {"i", "f", "o", "a"}) {
            sb.append(sep).append("\"Wx_").append(g).append("\": ").append(matrix(h, 1, rnd))
                    .append(", \"Wh_").append(g).append("\": ").append(matrix(h, h, rnd))
                    .append(", \"b_").append(g).append("\": ").append(matrix(1, h, rnd).substring(1).replaceFirst("]$", ""));
            sep = ", ";
        }
        sb.append(", \"Wy\": ").append(matrix(1, h, rnd)).append(", \"by\": [0.1]}}, \"sequence\": {\"inputs\": ")
                .append(matrix(steps, 1, rnd)).append(", \"targets\": ").append(matrix(steps, 1, rnd)).append("}, \"loss\": \"mse\"}");
        Path f = dir.resolve("lstm-T" + steps + ".json");
        Files.writeString(f, sb);
        return f;
    }

    private static String matrix(int rows, int cols, Random rnd) {
        StringBuilder sb = new StringBuilder("[");
        for (int r = 0; r < rows; r++) {
            sb.append(r == 0 ? "[" : ", [");
            for (int c = 0; c < cols; c++) {
                sb.append(c == 0 ? "" : ", ").append(Math.round(rnd.nextGaussian() * 300) / 1000.0);
            }
            sb.append(']');
        }
        return sb.append(']').toString();
    }

    private static void assertRefusedInOneLine(String file, String err) {
        String line = err.strip();
        assertFalse(line.contains("\n"), "one line: " + err);
        assertTrue(line.startsWith("error: " + file + ": "), err);
        assertTrue(line.contains("MiB of memory") && line.contains("the heap is 256 MiB"), "the estimate and the heap: " + err);
        assertFalse(line.contains("out of memory"), err);
    }

    @Test
    void underAQuarterGigabyteEveryShippedCaseWorksOrIsRefusedUpFront() throws Exception {
        List<String> args = new ArrayList<>(List.of("check"));
        for (String folder : new String[] {"src/main/resources/cases", "src/main/resources/decks/cases",
            "src/test/resources/cases", "src/test/resources/bench"}) {
            json(folder).forEach(p -> args.add(p.toString()));
        }
        String big = bigLstm(100_000).toString();
        args.add(big);
        Result r = child(args.toArray(String[]::new));
        assertEquals(2, r.code(), r.out() + r.err());
        assertFalse((r.out() + r.err()).contains("out of memory"), r.err());
        for (String a : args.subList(1, args.size() - 1)) {
            assertTrue(r.out().contains(a + ": "), a + " was checked: " + r.out() + r.err());
        }
        assertRefusedInOneLine(big, r.err());
    }

    @Test
    void aLargeCsvIsRefusedBeforeItIsRead() throws Exception {
        Path csv = dir.resolve("big.csv");
        Random rnd = new Random(5);
        try (var w = Files.newBufferedWriter(csv)) {
            for (int i = 0; i < 1_000_000; i++) {
                w.write(String.format(java.util.Locale.ROOT, "%.9f,%.9f%n", rnd.nextDouble(), rnd.nextDouble()));
            }
        }
        Result r = child("train", "--task", "csv:" + csv, "--epochs", "1", "--hidden", "2");
        assertEquals(2, r.code(), r.out() + r.err());
        assertRefusedInOneLine(csv.toString(), r.err());
    }
}
