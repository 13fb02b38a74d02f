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
 * escapes; likewise the shipped scenes and decks, mutated, through the deck reader, every scene made
 * ready and {@code export --deck} (ADR 0032). Seeded: the same inputs every run; {@code -Dunroll.fuzz.iterations=N} (mutations per
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

    /** A mutation for a deck or scene: one of {@link #mutate}'s, or a string value replaced by a hostile one. */
    static byte[] mutateDeck(byte[] in, Random rnd) {
        if (rnd.nextInt(3) > 0) {
            return mutate(in, rnd);
        }
        String s = new String(in, StandardCharsets.UTF_8);
        List<int[]> strings = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(": *(\"(?:[^\"\\\\]|\\\\.)*\")").matcher(s);
        while (m.find()) {
            strings.add(new int[] {m.start(1), m.end(1)});
        }
        if (strings.isEmpty()) {
            return mutate(in, rnd);
        }
        int[] r = strings.get(rnd.nextInt(strings.size()));
        String[] hostile = {"\"\"", "\"\\u001b[31m\\u0000\\u202e\"", "\"builtin:nope\"", "\"../../../../etc/passwd\"",
            "\"/dev/null\"", "\"forward:h@99999\"", "\"backward:pre_f@0\"", "\"end\"", "\"" + "x".repeat(5000) + "\"",
            "\"forward:nothing\"", "\"99999999999\"", "\"-1\"", "\"only\"", "\"skip-zero-errors\"", "\"Wh_f\"", "null",
            "1e309", "[]", "{}", "{\"en\": 1}", "{\"ja\": \"x\"}", "\"builtin:chapter5\"", "\"unroll-scene\"", "\"unroll-deck\""};
        return (s.substring(0, r[0]) + hostile[rnd.nextInt(hostile.length)] + s.substring(r[1])).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * What the app and the command line do with a deck or scene file: {@code DeckFile.read}, then
     * every scene made ready ({@code DeckSessions.resolve}: the case read or built, the cursor, walk
     * and selection found) when {@code resolve}. Accepted, or one line (a DeckException's message,
     * or an I/O error's for a case file that is not there); nothing else escapes.
     */
    private static boolean readDeck(Path f, boolean resolve, String what) {
        try {
            org.unroll.deck.Deck d = org.unroll.deck.DeckFile.read(f);
            if (resolve) {
                org.unroll.deck.DeckSessions sessions = new org.unroll.deck.DeckSessions(d);
                for (int i = 0; i < d.size(); i++) {
                    sessions.resolve(i);
                }
            }
            return true;
        } catch (org.unroll.deck.DeckException e) {
            assertOneLine(what, e.getMessage());
            return false;
        } catch (IOException e) {
            assertOneLine(what, String.valueOf(e.getMessage()));
            return false;
        }
    }

    @Test
    void mutatedScenesAndDecksAreAcceptedOrRejectedInOneLine() throws IOException {
        // the shipped decks: the built-in chapter 5 (built-in cases) and the tests' short walk (case
        // files beside it, copied so that its relative references hold); and a scene file of each of
        // the short walk's scenes, as the app saves one (Ctrl+Shift+S)
        Path decks = Files.createDirectories(dir.resolve("decks"));
        Path cases = Files.createDirectories(dir.resolve("cases"));
        for (String c : new String[] {"rnn-tanh-many-to-one.json", "lstm-many-to-many.json"}) {
            Files.copy(Path.of("src/test/resources/cases", c), cases.resolve(c));
        }
        List<byte[]> inputs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        inputs.add(Files.readAllBytes(Path.of("src/main/resources/decks/chapter5.json")));
        names.add("builtin:chapter5");
        Path shortWalk = Path.of("src/test/resources/decks/short-walk.json");
        inputs.add(Files.readAllBytes(shortWalk));
        names.add("short-walk.json");
        org.unroll.deck.Deck walk;
        try {
            walk = org.unroll.deck.DeckFile.read(decks.resolve(Files.write(decks.resolve("short-walk.json"),
                    Files.readAllBytes(shortWalk)).getFileName()));
        } catch (org.unroll.deck.DeckException e) {
            throw new AssertionError(e);
        }
        for (int i = 0; i < walk.size(); i++) {
            ByteArrayOutputStream scene = new ByteArrayOutputStream();
            org.unroll.deck.DeckFile.writeScene(walk.scene(i), scene);
            inputs.add(scene.toByteArray());
            names.add("scene " + i + " of short-walk.json");
        }
        Random rnd = new Random(SEED + 2);
        int accepted = 0;
        int rejected = 0;
        int exported = 0;
        for (int k = 0; k < inputs.size(); k++) {
            boolean resolve = k > 0; // chapter 5's scenes train and walk the demo: read, not resolved, each time
            assertTrue(readDeck(write(decks, k, inputs.get(k)), true, names.get(k) + " as shipped"));
            for (int i = 0; i < ITERATIONS * 2; i++) {
                byte[] bad = mutateDeck(inputs.get(k), rnd);
                Path f = write(decks, k, bad);
                String what = names.get(k) + " mutation " + i;
                boolean ok;
                try {
                    ok = readDeck(f, resolve, what);
                } catch (RuntimeException | StackOverflowError e) {
                    throw new AssertionError(what + ": " + e + " input: " + new String(bad, StandardCharsets.UTF_8), e);
                }
                if (ok) {
                    accepted++;
                } else {
                    rejected++;
                }
                if (resolve && i % 8 == 0) {
                    // the command line's handout of the same file: a PDF, or exit 2 with one line
                    exported++;
                    Path pdf = dir.resolve("handout.pdf");
                    CliTest.Run r = CliTest.run("export", "--deck", f.toString(), "-o", pdf.toString());
                    if (r.code() == 2) {
                        assertOneLine(what + " (export --deck)", r.err());
                        assertTrue(r.err().startsWith("error: "), what + ": " + r.err());
                    } else {
                        assertEquals(0, r.code(), what + " (export --deck): " + r.err() + " input: "
                                + new String(bad, StandardCharsets.UTF_8));
                    }
                }
            }
        }
        System.out.println("fuzz decks and scenes: tried " + (accepted + rejected) + ", accepted " + accepted + ", rejected "
                + rejected + "; through export --deck " + exported);
        assertEquals(inputs.size() * ITERATIONS * 2, accepted + rejected);
    }

    private static Path write(Path decks, int k, byte[] bytes) throws IOException {
        return Files.write(decks.resolve(k < 2 ? "fuzz" + k + ".deck.json" : "fuzz" + k + ".scene.json"), bytes);
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
