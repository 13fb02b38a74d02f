package org.unroll.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The values of one generated case, drawn from one seed ({@link Seeded} makes one per case). Every
 * draw names its range, so a case is a plain function of its seed and its {@link Mode}: the same
 * seed gives the same values on every machine and every run.
 *
 * <p>The edge values jqwik mixed into its tries are kept: the first two cases of a property draw
 * every value at its minimum, then at its maximum ({@link Mode#MINIMUM}, {@link Mode#MAXIMUM}), and
 * in the random cases one draw in {@link #EDGE_ODDS} is an edge value of its range (the bounds, their
 * neighbours, 0 and ±1 where in range; the first and last constant of an enum).
 */
public final class Gen {

    /** How a case draws its values. */
    public enum Mode {
        /** Every value at its smallest: the lower bound, the first constant, the shortest list. */
        MINIMUM,
        /** Every value at its largest: the upper bound, the last constant, the longest list. */
        MAXIMUM,
        /** Uniform in its range, with an edge value one draw in {@link Gen#EDGE_ODDS}. */
        RANDOM
    }

    /** In a random case, one draw in this many is an edge value of its range. */
    public static final int EDGE_ODDS = 8;

    private final SplittableRandom rnd;
    private final Mode mode;

    public Gen(long seed, Mode mode) {
        this.rnd = new SplittableRandom(seed);
        this.mode = mode;
    }

    public Mode mode() {
        return mode;
    }

    private boolean edge() {
        return rnd.nextInt(EDGE_ODDS) == 0;
    }

    /** An int in {@code min..max} (both included). */
    public int between(int min, int max) {
        if (min > max) {
            throw new IllegalArgumentException("empty range " + min + ".." + max);
        }
        return switch (mode) {
            case MINIMUM -> min;
            case MAXIMUM -> max;
            case RANDOM -> {
                if (edge()) {
                    List<Integer> edges = new ArrayList<>();
                    for (long v : new long[] {min, min + 1L, -1, 0, 1, max - 1L, max}) {
                        if (v >= min && v <= max && !edges.contains((int) v)) {
                            edges.add((int) v);
                        }
                    }
                    yield edges.get(rnd.nextInt(edges.size()));
                }
                yield (int) rnd.nextLong(min, max + 1L);
            }
        };
    }

    /** Any long; the edges are {@code Long.MIN_VALUE}, {@code MAX_VALUE}, their neighbours, 0 and ±1. */
    public long anyLong() {
        return switch (mode) {
            case MINIMUM -> Long.MIN_VALUE;
            case MAXIMUM -> Long.MAX_VALUE;
            case RANDOM -> {
                if (edge()) {
                    long[] edges = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -1, 0, 1, Long.MAX_VALUE - 1, Long.MAX_VALUE};
                    yield edges[rnd.nextInt(edges.length)];
                }
                yield rnd.nextLong();
            }
        };
    }

    /** One constant of an enum; the edges are its first and its last. */
    public <E extends Enum<E>> E oneOf(Class<E> type) {
        E[] all = type.getEnumConstants();
        return switch (mode) {
            case MINIMUM -> all[0];
            case MAXIMUM -> all[all.length - 1];
            case RANDOM -> edge() ? all[rnd.nextBoolean() ? 0 : all.length - 1] : all[rnd.nextInt(all.length)];
        };
    }

    /** A list of {@code minSize..maxSize} elements, each drawn by {@code element} from this case. */
    public <T> List<T> listOf(int minSize, int maxSize, Function<Gen, T> element) {
        int n = between(minSize, maxSize);
        List<T> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add(element.apply(this));
        }
        return List.copyOf(l);
    }
}
