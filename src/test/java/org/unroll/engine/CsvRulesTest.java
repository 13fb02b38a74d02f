package org.unroll.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, ADR 0031: the training CSV's header rule (a header only when none of its cells is a
 * number; a mixed first row is refused) and its width limit (the engine's {@link Limits#MAX_SIZE}).
 */
class CsvRulesTest {

    @TempDir
    Path dir;

    private Path csv(String... lines) throws Exception {
        Path p = dir.resolve("series.csv");
        Files.write(p, List.of(lines));
        return p;
    }

    @Test
    void aRowOfTextIsAHeader() throws Exception {
        Dataset d = Datasets.fromCsv(csv("time,value", "1,2", "3,4", "5,6", "7,8", "9,10"), 2, 1);
        // five data rows, window 2: three samples in all
        assertEquals(3, d.train().length + d.validation().length);
    }

    @Test
    void aRowOfNumbersIsData() throws Exception {
        Dataset d = Datasets.fromCsv(csv("0,1", "1,2", "3,4", "5,6", "7,8", "9,10"), 2, 1);
        assertEquals(4, d.train().length + d.validation().length);
    }

    @Test
    void aFirstRowMixingNumbersAndTextIsRefusedNotDropped() throws Exception {
        // a data row with one mistyped cell used to be dropped silently as a header
        Path p = csv("0.5,O.7", "1,2", "3,4", "5,6", "7,8", "9,10");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Datasets.fromCsv(p, 2, 1));
        assertEquals(p + " line 1, column 2: 'O.7' is not a number; the first row is a header only when none of"
                + " its cells is a number", e.getMessage());
    }

    @Test
    void aCsvWiderThanTheEngineIsRefusedNamingTheCountAndTheLimit() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            lines.add(String.join(",", java.util.Collections.nCopies(Limits.MAX_SIZE + 1, "0.5")));
        }
        Path p = dir.resolve("wide.csv");
        Files.write(p, lines);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Datasets.fromCsv(p, 2, 1));
        assertEquals(p + " line 1: 2049 columns; the engine's limit is 2048 (each column is an input and an output"
                + " of the network)", e.getMessage());
        // at the limit it is read
        lines.replaceAll(l -> l.substring(0, l.length() - ",0.5".length()));
        Files.write(p, lines);
        assertEquals(Limits.MAX_SIZE, Datasets.fromCsv(p, 2, 1).inputSize());
    }
}
