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
}
