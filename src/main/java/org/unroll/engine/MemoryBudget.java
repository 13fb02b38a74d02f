package org.unroll.engine;

/**
 * The memory budget (ADR 0032): an input is refused before the work starts, in one line naming the
 * estimate and the heap, when the heap it would take is more than the heap Java has
 * ({@link Runtime#maxMemory()}, set by {@code -Xmx}). The estimates count what the reader and the
 * engine allocate and were measured (after a full collection) against the figures in the ADR;
 * a run that still runs out of heap ends with one line naming its files (the command line's last
 * guard).
 */
public final class MemoryBudget {

    private MemoryBudget() {
    }

    /** The budget: the heap this JVM may grow to. */
    public static long heap() {
        return Runtime.getRuntime().maxMemory();
    }

    /**
     * The problem when {@code estimate} does not fit {@code heap}, else null: {@code needs about
     * 812 MiB of memory to compute; the heap is 256 MiB (give Java more with -Xmx, e.g. -Xmx1g, or
     * use a smaller input)}.
     *
     * @param what what the memory is for ("to compute", "to read"), in English
     */
    public static String problem(long estimate, long heap, String what) {
        Message m = problem(estimate, heap, Message.plain(what));
        return m == null ? null : m.english();
    }

    /**
     * The same problem as a message, in either language (ADR 0044), else null.
     *
     * @param what what the memory is for ({@code problem.memory.toRead}, …)
     */
    public static Message problem(long estimate, long heap, Message what) {
        if (estimate <= heap) {
            return null;
        }
        long suggest = Math.max(1, (estimate + estimate / 4 + (1L << 30) - 1) >> 30);
        return Message.of("problem.memory.needs", mib(estimate), what, mib(heap), suggest);
    }

    private static long mib(long bytes) {
        return (bytes + (1L << 20) - 1) >> 20;
    }

    /**
     * An estimate of the heap Jackson's tree of a JSON document takes, with the document's bytes,
     * from one pass over them: a node of 24 bytes per value and about 100 per array or object (the
     * node, its list, the list's array). Measured 5× to 16× the file for cases.
     */
    public static long jsonBytes(byte[] json) {
        long containers = 0;
        long separators = 0;
        boolean inString = false;
        for (int i = 0; i < json.length; i++) {
            byte b = json[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '[' || b == '{') {
                containers++;
            } else if (b == ',') {
                separators++;
            }
        }
        long values = separators + containers + 1;
        return json.length + 24 * values + 100 * containers;
    }

    /**
     * An estimate of the heap a CSV series of {@code rows} rows of {@code width} values takes as the
     * windows of T = {@code window} steps the training reads: a {@code double[]} per row, and per
     * window a sequence with its arrays of inputs and targets (twice the sequence: the hidden size's
     * zero state is set on a copy).
     */
    public static long csvBytes(long rows, long width, long window) {
        long row = 16 + 8 * width + 4;
        long refs = (16 + 4 * window + 7) / 8 * 8;
        long windows = Math.max(0, rows - window);
        return rows * row + windows * (2 * 32 + 2 * refs + 8) + rows * 6;
    }
}
