package org.unroll.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;

/** The seeded cases themselves: fixed, covering the edges, and a failure that says how to get it again. */
class SeededTest {

    record Drawn(int small, long any, TimeUnit unit, List<Integer> list) {
    }

    private static Drawn draw(Gen g) {
        return new Drawn(g.between(-3, 5), g.anyLong(), g.oneOf(TimeUnit.class), g.listOf(0, 4, e -> e.between(1, 9)));
    }

    private static List<Drawn> drawn(String name, int tries) {
        List<Drawn> out = new ArrayList<>();
        Seeded.cases(name, tries, SeededTest::draw, out::add).forEach(t -> {
            try {
                t.getExecutable().execute();
            } catch (Throwable e) {
                throw new AssertionError(e);
            }
        });
        return out;
    }

    @Test
    void theSameNameDrawsTheSameCasesAndAnotherNameOthers() {
        assertEquals(drawn("a", 50), drawn("a", 50));
        assertEquals(drawn("a", 50).subList(0, 20), drawn("a", 20), "more tries add cases, they change none");
        assertNotEquals(drawn("a", 50).subList(2, 50), drawn("b", 50).subList(2, 50));
    }

    @Test
    void theFirstCaseIsAtEveryMinimumAndTheSecondAtEveryMaximum() {
        List<Drawn> d = drawn("edges", 2);
        assertEquals(new Drawn(-3, Long.MIN_VALUE, TimeUnit.NANOSECONDS, List.of()), d.get(0));
        assertEquals(new Drawn(5, Long.MAX_VALUE, TimeUnit.DAYS, List.of(9, 9, 9, 9)), d.get(1));
    }

    @Test
    void randomCasesStayInRangeAndReachEveryValueAndTheEdges() {
        Set<Integer> small = new HashSet<>();
        Set<Long> anyEdges = new HashSet<>();
        Set<TimeUnit> units = new HashSet<>();
        Set<Integer> sizes = new HashSet<>();
        for (Drawn x : drawn("ranges", 400)) {
            assertTrue(x.small() >= -3 && x.small() <= 5, x.toString());
            small.add(x.small());
            if (x.any() == 0 || x.any() == 1 || x.any() == -1 || x.any() == Long.MIN_VALUE || x.any() == Long.MAX_VALUE) {
                anyEdges.add(x.any());
            }
            units.add(x.unit());
            sizes.add(x.list().size());
            x.list().forEach(v -> assertTrue(v >= 1 && v <= 9, x.toString()));
        }
        assertEquals(9, small.size(), "every value of -3..5");
        assertEquals(5, anyEdges.size(), "0, ±1 and both extremes of a long: " + anyEdges);
        assertEquals(Set.of(TimeUnit.values()), units);
        assertEquals(Set.of(0, 1, 2, 3, 4), sizes);
    }

    @Test
    void aFailureNamesThePropertyTheCaseItsSeedAndItsValues() {
        List<DynamicTest> tests = Seeded.cases("bigIsSmall", 10, g -> g.between(0, 100), v -> assertTrue(v < 50, "v < 50"))
                .toList();
        assertEquals("[0] 0", tests.get(0).getDisplayName());
        assertEquals("[1] 100", tests.get(1).getDisplayName());
        AssertionError e = assertThrows(AssertionError.class, () -> tests.get(1).getExecutable().execute());
        String m = e.getMessage();
        assertTrue(m.startsWith("bigIsSmall fails at case 1 of 10 (every value at its maximum, case seed 0x"), m);
        assertTrue(m.contains("-Dunroll.seed=" + Seeded.ROOT), m);
        assertTrue(m.contains("values: 100"), m);
        assertTrue(m.contains("v < 50"), "the original message: " + m);
        assertTrue(e.getCause() instanceof AssertionError);
        assertThrows(IllegalArgumentException.class, () -> Seeded.cases("one", 1, g -> 0, v -> { }));
        assertThrows(IllegalArgumentException.class, () -> new Gen(1, Gen.Mode.RANDOM).between(2, 1));
    }
}
