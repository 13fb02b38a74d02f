package org.unroll.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LossHistoryTest {

    @Test
    void readsAreImmutableCopies() {
        LossHistory h = new LossHistory();
        h.add(1.0, 2.0);
        List<Double> train = h.train();
        h.add(0.5, Double.NaN);
        assertEquals(List.of(1.0), train);
        assertEquals(List.of(1.0, 0.5), h.train());
        assertEquals(2, h.validation().size());
        assertEquals(2, h.size());
        assertThrows(UnsupportedOperationException.class, () -> h.train().add(3.0));
        LossHistory copy = h.copy();
        h.clear();
        assertEquals(0, h.size());
        assertEquals(List.of(1.0, 0.5), copy.train());
    }

    @Test
    void aPlotDrawsABoundedNumberOfEpochsAndAlwaysTheLast() {
        LossHistory h = new LossHistory();
        for (int e = 1; e <= 100_001; e++) {
            h.add(e, Double.NaN);
        }
        LossHistory.Plotted p = h.plotted(2000);
        org.junit.jupiter.api.Assertions.assertTrue(p.epochs().length <= 2000, "bounded: " + p.epochs().length);
        org.junit.jupiter.api.Assertions.assertTrue(p.epochs().length >= 1000, "still dense: " + p.epochs().length);
        org.junit.jupiter.api.Assertions.assertEquals(1, p.epochs()[0]);
        org.junit.jupiter.api.Assertions.assertEquals(100_001, p.epochs()[p.epochs().length - 1]);
        org.junit.jupiter.api.Assertions.assertEquals(100_001.0, p.train()[p.train().length - 1]);
        org.junit.jupiter.api.Assertions.assertEquals(100_001, h.size(), "the history itself keeps every epoch");
        LossHistory small = new LossHistory();
        small.add(1, 2);
        small.add(3, 4);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {1, 2}, small.plotted(2000).epochs());
    }
}
