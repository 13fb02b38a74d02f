package org.unroll.engine;

/**
 * One input of a per-step quantity, as a cell wires its step: {@code to} reads {@code from} at
 * step t + shift (−1: h(t−1), c(t−1); at t = 1 the initial state), through the parameter
 * {@code param} when it is a product (null for a plain input such as the gates of c(t)). A bias is
 * a wire with {@code from} null: the parameter itself is the input. The unrolled graph's edges are
 * these wires at every step.
 *
 * @param from the quantity read, or null for a bias
 * @param shift 0 or −1
 * @param param the case-file parameter that multiplies (or is) the input, or null
 * @param to the quantity computed
 */
public record Wire(Quantity from, int shift, String param, Quantity to) {

    static Wire in(Quantity from, String param, Quantity to) {
        return new Wire(from, 0, param, to);
    }

    static Wire prev(Quantity from, String param, Quantity to) {
        return new Wire(from, -1, param, to);
    }

    static Wire bias(String param, Quantity to) {
        return new Wire(null, 0, param, to);
    }

    static Wire plain(Quantity from, Quantity to) {
        return new Wire(from, 0, null, to);
    }
}
