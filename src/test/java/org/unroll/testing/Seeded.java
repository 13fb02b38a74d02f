package org.unroll.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.TestAbortedException;

/**
 * Property tests under plain JUnit 5 (ADR 0010): a property is checked on {@code tries} cases drawn
 * from a fixed seed, each case one dynamic test of a {@code @TestFactory}:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> sumOfTermsIsTheGradient() {
 *     return Seeded.cases("sumOfTermsIsTheGradient", 50, g -> new Setup(g.between(1, 8), g.anyLong()),
 *             s -> assertClose(...));
 * }
 * }</pre>
 *
 * <p>Case 0 draws every value at its minimum, case 1 at its maximum, the others at random with edge
 * values mixed in ({@link Gen}). The seeds are fixed: every run checks the same cases, so a failure
 * is reproduced by running the test again. A failure names the property, the case, its seed and
 * its values. {@code -Dunroll.seed=N} (decimal or 0x hex) draws a different set of cases, for a
 * longer look; the failure message names the root seed to pass to get the same set again.
 */
public final class Seeded {

    /** The root seed of all properties; {@code -Dunroll.seed=N} changes it. */
    public static final long ROOT = Long.decode(System.getProperty("unroll.seed", "20261201"));

    /** A check of one case; may throw anything (an assertion or an exception of the code under test). */
    @FunctionalInterface
    public interface Check<T> {
        void accept(T value) throws Throwable;
    }

    private Seeded() {
    }

    /**
     * {@code tries} cases of the property {@code name}, drawn by {@code generator}, each checked by
     * {@code check}. Each property draws its own cases (its seeds derive from the root and its name).
     */
    public static <T> Stream<DynamicTest> cases(String name, int tries, Function<Gen, T> generator, Check<T> check) {
        if (tries < 2) {
            throw new IllegalArgumentException("at least the minimum and the maximum case: tries >= 2");
        }
        SplittableRandom seeds = new SplittableRandom(ROOT ^ (0x9E3779B97F4A7C15L * name.hashCode()));
        List<DynamicTest> tests = new ArrayList<>(tries);
        for (int i = 0; i < tries; i++) {
            Gen.Mode mode = i == 0 ? Gen.Mode.MINIMUM : i == 1 ? Gen.Mode.MAXIMUM : Gen.Mode.RANDOM;
            long seed = seeds.nextLong();
            T value = generator.apply(new Gen(seed, mode));
            String where = String.format("case %d of %d (%s, case seed 0x%016x; root seed -Dunroll.seed=%d)", i, tries,
                    switch (mode) {
                        case MINIMUM -> "every value at its minimum";
                        case MAXIMUM -> "every value at its maximum";
                        case RANDOM -> "random";
                    }, seed, ROOT);
            tests.add(DynamicTest.dynamicTest("[" + i + "] " + value, () -> {
                try {
                    check.accept(value);
                } catch (TestAbortedException e) {
                    throw e;
                } catch (Throwable e) {
                    AssertionError failure = new AssertionError(name + " fails at " + where + "\n  values: " + value
                            + "\n  " + e, e);
                    throw failure;
                }
            }));
        }
        return tests.stream();
    }
}
