package org.unroll.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unroll.engine.Sequence;

/** The Import dialog's input sequences: zeros, and a CSV of inputs with targets or none. */
class ImportSequencesTest {

    @TempDir
    Path dir;

    @Test
    void aCsvWithAHeaderStepsWithoutTargetsAndBadRows() throws Exception {
        Path f = dir.resolve("s.csv");
        Files.writeString(f, "x1,x2,y\n0.5,-1,\n1,2\n3,4,0.25\n");
        Sequence s = ImportSequences.csv(f, 2, 1, 3);
        assertEquals(3, s.length());
        assertArrayEquals(new double[] {0.5, -1}, s.inputs()[0]);
        assertNull(s.targets()[0]);
        assertNull(s.targets()[1]);
        assertArrayEquals(new double[] {0.25}, s.targets()[2]);
        assertArrayEquals(new double[3], s.h0());

        Files.writeString(f, "1,2,3,4\n");
        assertEquals("s.csv line 1: expected 2 inputs, then 1 targets or none; got 4 values",
                assertThrows(ImportException.class, () -> ImportSequences.csv(f, 2, 1, 3)).getMessage());
        Files.writeString(f, "1,2\n1,x,1\n");
        assertEquals("s.csv line 2: 'x' is not a finite number",
                assertThrows(ImportException.class, () -> ImportSequences.csv(f, 2, 1, 3)).getMessage());
        Files.writeString(f, "1,2\n");
        assertEquals("s.csv has no targets: give 1 target columns after the inputs on at least one row",
                assertThrows(ImportException.class, () -> ImportSequences.csv(f, 2, 1, 3)).getMessage());
    }

    @Test
    void zerosHaveATargetAtEveryStep() {
        Sequence s = ImportSequences.zeros(4, 2, 3, 5);
        assertEquals(4, s.length());
        assertArrayEquals(new double[3], s.targets()[3]);
        assertThrows(IllegalArgumentException.class, () -> ImportSequences.zeros(0, 1, 1, 1));
    }
}
