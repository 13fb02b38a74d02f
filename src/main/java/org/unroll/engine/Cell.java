package org.unroll.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One recurrent cell, defined once: its gates and per-step quantities, where each lives in the
 * engine's arrays, how one step runs forward and how it runs back (the local derivatives), and how
 * each step adds to every shared parameter's gradient ({@link #gradientRules()}). As in
 * micrograd, an op and its backward stand side by side: {@link #forward} and {@link #backward} of
 * the same class. The engine ({@link Bptt}: the time loop, full and truncated BPTT, truncated
 * windows, the fused weight gradients), the {@link Trace} (what it records, the per-step gradient
 * terms) and the layers above it (the graph's nodes, the schedule's events) all read this one
 * definition; the cell's options ({@link ModelConfig#peephole()}, {@link ModelConfig#resetAfter()},
 * {@link ModelConfig#gateActivation()}) are read here and nowhere else in the numerics.
 *
 * <p>Immutable; the numeric methods modify only the {@link Workspace} they are given.
 */
public abstract sealed class Cell permits RnnCell, GatedCell {

    /** Where a quantity lives: {@code field[k + stepOffset]}, columns [from, from + width). */
    record Slot(Workspace.Field field, int stepOffset, int from, int width) {
    }

    final ModelConfig cfg;
    final Activation act;
    final GateActivation gateFn;
    /**
     * Whether the gates are the logistic sigmoid. The step loops test this loop-invariant local
     * first, so that the sigmoid's path is what it was before the option existed (its derivative
     * from the value alone, y(1 − y), no load of the pre-activation).
     */
    final boolean sigmoidGates;
    final int hid;
    private final List<GradientRule> rules;

    Cell(ModelConfig cfg) {
        this.cfg = cfg;
        this.act = cfg.activation();
        this.gateFn = cfg.gateActivation();
        this.sigmoidGates = gateFn == GateActivation.SIGMOID;
        this.hid = cfg.hiddenSize();
        List<GradientRule> r = new ArrayList<>(cellRules());
        r.add(GradientRule.outer("Wy", Quantity.DQ, Quantity.H, 0));
        r.add(GradientRule.sum("by", Quantity.DQ));
        this.rules = Collections.unmodifiableList(r);
    }

    /** The definition of a configuration's cell. */
    public static Cell of(ModelConfig cfg) {
        return switch (cfg.cell()) {
            case RNN -> new RnnCell(cfg);
            case LSTM -> new LstmCell(cfg);
            case GRU -> new GruCell(cfg);
        };
    }

    public ModelConfig config() {
        return cfg;
    }

    /** The squash of the gates (LSTM i f o, GRU r z). */
    public GateActivation gateActivation() {
        return gateFn;
    }

    /** The forward quantities the trace records, in the case format's order. */
    public abstract List<Quantity> forwardQuantities();

    /**
     * The per-step errors the trace records, in the case format's order.
     *
     * @param full whether BPTT was full (truncated BPTT keeps only dq and the pre-activation errors,
     *             summed over the windows)
     */
    public abstract List<Quantity> deltaQuantities(boolean full);

    /**
     * The quantities one step computes, in the order the graph lists them: the pre-activations,
     * the gate activations, c(t), h(t) (the output layer q, y is every cell's and not listed).
     */
    public abstract List<Quantity> stepQuantities();

    /** How the step's quantities read each other, the inputs and the parameters, in equation order. */
    public abstract List<Wire> wiring();

    /** The initial states: h(0), and c(0) for a cell with a cell state. */
    public List<Quantity> states() {
        return cfg.hasCellState() ? List.of(Quantity.H, Quantity.C) : List.of(Quantity.H);
    }

    /** The gate activations of one step, in fused block order (empty for the simple RNN). */
    public abstract List<Quantity> gates();

    /** The pre-activation of a gate (I → PRE_I …), or P for the RNN's h. */
    public abstract Quantity preActivationOf(Quantity gate);

    /** Whether a gate is squashed by {@link #gateActivation()} (true) or by the activation f (the candidate a). */
    public boolean isGate(Quantity q) {
        return q != Quantity.A && gates().contains(q);
    }

    /** Every parameter's per-step gradient rule, in case-file order, the output layer last. */
    public List<GradientRule> gradientRules() {
        return rules;
    }

    /** The rule of one parameter, or null when the configuration has no such parameter. */
    public GradientRule rule(String param) {
        for (GradientRule r : rules) {
            if (r.param().equals(param)) {
                return r;
            }
        }
        return null;
    }

    /**
     * The cell's parameters beyond each gate's {@code Wx_g, Wh_g, b_g}: one fused block of H-vectors
     * (the LSTM's peepholes {@code p_i p_f p_o}, the reset-after GRU's {@code bh_a}).
     *
     * @param name the fused block's name
     * @param params its parameters, in block order
     */
    public record ExtraBlock(String name, List<String> params) {
    }

    /** The suffixes of the gates' parameters in fused block order ({@code Wx_i} …), or "" for the RNN's Wx, Wh, b. */
    public abstract List<String> parameterGates();

    /** The extra parameters' block, or null when the cell's options add none. */
    public ExtraBlock extraBlock() {
        return null;
    }

    /** The cell's own rules (the output layer's are common and added here). */
    abstract List<GradientRule> cellRules();

    /** Where a quantity lives in the workspace, or null when this cell has none. */
    Slot slot(Quantity q) {
        return switch (q) {
            case X -> new Slot(Workspace.Field.X, 0, 0, cfg.inputSize());
            case H -> new Slot(Workspace.Field.H, 1, 0, hid);
            case Q -> new Slot(Workspace.Field.Q, 0, 0, cfg.outputSize());
            case Y -> new Slot(Workspace.Field.Y, 0, 0, cfg.outputSize());
            case DQ -> new Slot(Workspace.Field.DQ, 0, 0, cfg.outputSize());
            case DH -> new Slot(Workspace.Field.DH, 0, 0, hid);
            default -> cellSlot(q);
        };
    }

    abstract Slot cellSlot(Quantity q);

    /** Before a forward pass: the weights as the step reads them (rows for the kernels). */
    abstract void prepareForward(Workspace ws, Weights w);

    /**
     * One step forward: reads pre[k] = x(t) Wx (the input product, done by the engine), h[k]
     * (and c[k]); writes pre[k] (complete), gate[k], h[k+1] (and c[k+1], actC[k] or aux[k]).
     */
    abstract void forward(Workspace ws, int k);

    /**
     * Whether {@link #backward} reads the pre-activations pre[k] (a lean engine keeps them only
     * then). Asked after the workspace's batch size is set.
     */
    boolean backwardReadsPre(Workspace ws) {
        return true;
    }

    /**
     * Whether this step adds x(t)·Wx to pre[k] itself, with the bias, after the recurrent product
     * (a batched engine's path, ADR 0035: the recurrent product then overwrites pre[k] instead of
     * adding to it, and the small input product costs one pass per input); otherwise the engine
     * writes pre[k] = x(t)·Wx before {@link #forward}. Asked once per pass, after the workspace's
     * batch size is set.
     */
    boolean addsInput(Workspace ws) {
        return false;
    }

    /** Before a backward pass: the transposed recurrent weights. Call after {@link #prepareForward}. */
    abstract void prepareBackward(Workspace ws, Weights w);

    /**
     * One step back: reads dh[k] (the total ∂E/∂h(t)) and dcNext (∂E/∂c(t) from step t+1), writes
     * dpre[k] (and dc[k], daux[k]), then dhNext := ∂E/∂h(t−1) and dcNext := the part of
     * ∂E/∂c(t−1) that flows through step t.
     */
    abstract void backward(Workspace ws, int k);

    /** The wires of {@code pre = Wx_g x(t) + Wh_g h(t−1) + b_g}, a gate's affine input. */
    static void affineWires(List<Wire> w, String gate, Quantity pre) {
        w.add(Wire.in(Quantity.X, "Wx_" + gate, pre));
        w.add(Wire.prev(Quantity.H, "Wh_" + gate, pre));
        w.add(Wire.bias("b_" + gate, pre));
    }

    /** The gradient rules of that affine input: δ x(t)ᵀ, δ h(t−1)ᵀ and δ. */
    static void affineRules(List<GradientRule> r, String gate, Quantity dpre) {
        r.add(GradientRule.outer("Wx_" + gate, dpre, Quantity.X, 0));
        r.add(GradientRule.outer("Wh_" + gate, dpre, Quantity.H, -1));
        r.add(GradientRule.sum("b_" + gate, dpre));
    }

    static void addBias(double[] p, double[] bias, int rows, int cols) {
        for (int b = 0; b < rows; b++) {
            int o = b * cols;
            for (int j = 0; j < cols; j++) {
                p[o + j] += bias[j];
            }
        }
    }
}
