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

    @Test
    void typedNumbersAreReadLikeACsvSpacesAllowed() throws Exception {
        Sequence s = ImportSequences.typed("0.5 -1 0.2\n1, 2\n\n3;4;0.25\n", 2, 1, 3);
        assertEquals(3, s.length());
        assertArrayEquals(new double[] {0.5, -1}, s.inputs()[0]);
        assertArrayEquals(new double[] {0.2}, s.targets()[0]);
        assertNull(s.targets()[1]);
        assertArrayEquals(new double[] {0.25}, s.targets()[2]);
        assertEquals("typed numbers line 2: 'x' is not a finite number",
                assertThrows(ImportException.class, () -> ImportSequences.typed("1 2 3\n1 x 1", 2, 1, 3)).getMessage());
        assertThrows(ImportException.class, () -> ImportSequences.typed("", 2, 1, 3));
    }

    @Test
    void theBooksTasksGiveTheTrainingDatasSequencesWhereTheSizesFit() throws Exception {
        Sequence add = ImportSequences.task(ImportSequences.Task.ADDING, 30, 2, 1, 4);
        Sequence fromData = org.unroll.engine.Datasets.addingProblem(30, 2, 1).train()[0];
        assertEquals(30, add.length());
        assertArrayEquals(fromData.inputs(), add.inputs());
        assertArrayEquals(fromData.targets()[29], add.targets()[29]);
        assertArrayEquals(new double[4], add.h0());
        Sequence sine = ImportSequences.task(ImportSequences.Task.SINE, 30, 1, 1, 2);
        assertEquals(org.unroll.engine.Datasets.SINE_WINDOW, sine.length());
        assertArrayEquals(org.unroll.engine.Datasets.noisySine(1).train()[0].inputs(), sine.inputs());
        assertEquals("the adding problem needs 2 input(s) and 1 output; the network has I = 1, O = 1",
                assertThrows(ImportException.class,
                        () -> ImportSequences.task(ImportSequences.Task.ADDING, 30, 1, 1, 2)).getMessage());
        assertThrows(ImportException.class, () -> ImportSequences.task(ImportSequences.Task.SINE, 30, 2, 1, 2));
    }
}
