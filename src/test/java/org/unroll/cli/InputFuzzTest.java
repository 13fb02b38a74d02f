package org.unroll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unroll.engine.Datasets;

/**
 * Mutation fuzzing of the inputs a user hands the command line (ADR 0027): the shipped reference
 * cases, mutated (byte flips, truncations, deletions, duplications, huge numbers, NaN strings, deep
 * nesting, wrong types), are each run through {@code check} in process, and generated CSV files
 * through the training reader. Every input is accepted, or rejected with one line; nothing else
 * escapes. Seeded: the same inputs every run; {@code -Dunroll.fuzz.iterations=N} (mutations per
 * shipped case, default 8) and {@code -Dunroll.seed=N} look further.
 */
class InputFuzzTest {

    private static final int ITERATIONS = Integer.getInteger("unroll.fuzz.iterations", 8);
    private static final long SEED = Long.getLong("unroll.seed", 20261202L);

    @TempDir
    Path dir;

    record Run(int code, String err) {
    }

    private static Run check(Path file) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = UnrollCommand.execute("check", file.toString());
            return new Run(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** One mutation of a valid document, chosen and placed by {@code rnd}. */
    static byte[] mutate(byte[] in, Random rnd) {
        String s = new String(in, StandardCharsets.UTF_8);
        int n = Math.max(1, in.length);
        int at = rnd.nextInt(n);
        switch (rnd.nextInt(10)) {
            case 0 -> {
                byte[] b = in.clone();
                for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
                    b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                }
                return b;
            }
            case 1 -> {
                return java.util.Arrays.copyOf(in, at);
            }
            case 2 -> {
                int len = Math.min(in.length - at, 1 + rnd.nextInt(40));
                return (s.substring(0, Math.min(at, s.length())) + s.substring(Math.min(s.length(), at + len)))
                        .getBytes(StandardCharsets.UTF_8);
            }
            case 3 -> {
                int a = Math.min(at, s.length());
                int e = Math.min(s.length(), a + 1 + rnd.nextInt(80));
                return (s.substring(0, e) + s.substring(a)).getBytes(StandardCharsets.UTF_8);
            }
            default -> {
                // replace one number literal by something hostile
                List<int[]> nums = new ArrayList<>();
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?").matcher(s);
                while (m.find()) {
                    nums.add(new int[] {m.start(), m.end()});
                }
                if (nums.isEmpty()) {
                    return in;
                }
                int[] r = nums.get(rnd.nextInt(nums.size()));
                String[] hostile = {"1e309", "-1e309", "\"NaN\"", "NaN", "Infinity", "null", "true", "\"x\"", "[]", "{}",
                    "99999999999999999999", "-0", "1" + "0".repeat(500), "[".repeat(200) + "1" + "]".repeat(200),
                    "2147483648", "-1", "0", "1e-400", "{\"a\":" .repeat(70) + "1" + "}".repeat(70)};
                return (s.substring(0, r[0]) + hostile[rnd.nextInt(hostile.length)] + s.substring(r[1]))
                        .getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    private static void assertOneLine(String what, String err) {
        String line = err.endsWith("\n") ? err.substring(0, err.length() - 1) : err;
        assertFalse(line.isBlank(), what + ": empty message");
        assertFalse(line.contains("\n"), what + ": more than one line: " + err);
        assertFalse(line.contains("Source:"), what + ": Jackson internals: " + err);
        assertFalse(line.contains("internal error"), what + ": " + err);
        assertFalse(line.contains("Exception"), what + ": " + err);
    }

    @Test
    void mutatedCasesAreAcceptedOrRejectedInOneLine() throws IOException {
        List<Path> cases;
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/cases"))) {
            cases = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(cases.size() >= 10);
        Random rnd = new Random(SEED);
        int accepted = 0;
        int rejected = 0;
        for (Path c : cases) {
            byte[] valid = Files.readAllBytes(c);
            for (int i = 0; i < ITERATIONS; i++) {
                byte[] bad = mutate(valid, rnd);
                Path f = dir.resolve("fuzz.json");
                Files.write(f, bad);
                Run r = check(f);
                String what = c.getFileName() + " mutation " + i;
                if (r.code() == 2) {
                    assertOneLine(what, r.err());
                    assertTrue(r.err().startsWith("error: "), what + ": " + r.err());
                    rejected++;
                } else if (r.code() == 0 || r.code() == 1) {
                    accepted++;
                } else {
                    fail(what + ": exit " + r.code() + ": " + r.err() + " input: " + new String(bad, StandardCharsets.UTF_8));
                }
            }
        }
        System.out.println("fuzz cases: tried " + (accepted + rejected) + ", accepted " + accepted + ", rejected " + rejected);
    }

    @Test
    void mutatedCsvFilesAreReadOrRejectedInOneLine() throws IOException {
        Random rnd = new Random(SEED + 1);
        int accepted = 0;
        int rejected = 0;
        for (int i = 0; i < ITERATIONS * 20; i++) {
            StringBuilder csv = new StringBuilder(rnd.nextBoolean() ? "a,b\n" : "");
            for (int row = 0; row < 12 + rnd.nextInt(20); row++) {
                csv.append(rnd.nextGaussian()).append(',').append(rnd.nextInt(100)).append('\n');
            }
            byte[] bad = mutate(csv.toString().getBytes(StandardCharsets.UTF_8), rnd);
            Path f = dir.resolve("fuzz.csv");
            Files.write(f, bad);
            try {
                Datasets.fromCsv(f, 1 + rnd.nextInt(8), 1);
                accepted++;
            } catch (IllegalArgumentException e) {
                assertOneLine("csv " + i, e.getMessage());
                rejected++;
            }
        }
        System.out.println("fuzz csv: tried " + (accepted + rejected) + ", accepted " + accepted + ", rejected " + rejected);
        assertEquals(ITERATIONS * 20, accepted + rejected);
    }

    @Test
    void outOfMemoryLineNamesTheFileAndTheHeap() throws IOException {
        Path f = Files.writeString(dir.resolve("big.json"), "{}");
        String line = UnrollCommand.outOfMemory(List.of("check", "--quiet", f.toString(), "csv:" + f));
        assertTrue(line.startsWith(f + ", " + f + ": out of memory (the heap is "), line);
        assertTrue(line.contains("-Xmx"), line);
        assertFalse(line.contains("\n"));
    }
}
