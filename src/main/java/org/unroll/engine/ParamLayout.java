package org.unroll.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters a configuration needs, both as the case file names them and as the engine stores
 * them: fused, transposed blocks so that one step's gates are one matrix product (see ADR 0003).
 *
 * <p>Blocks, in order: {@code Wx} (I×G·H), {@code Wh} (H×G·H), {@code b} (1×G·H), then
 * {@code p} (1×3H, LSTM peepholes) or {@code bh_a} (1×H, GRU resetAfter) when present, then
 * {@code Wy} (H×O) and {@code by} (1×O). G is the gate count; gates are ordered i, f, o, a (LSTM)
 * and r, z, a (GRU).
 */
public final class ParamLayout {

    /** A fused block's name and shape. */
    public record Block(String name, int rows, int cols) {
    }

    private final ModelConfig config;
    private final List<Block> blocks;
    private final List<ParamSpec> params;
    private final Map<String, ParamSpec> byName;
    private final int wx;
    private final int wh;
    private final int b;
    private final int extra;
    private final int wy;
    private final int by;

    private ParamLayout(ModelConfig config) {
        this.config = config;
        int in = config.inputSize();
        int h = config.hiddenSize();
        int o = config.outputSize();
        int g = config.cell().gateCount();
        List<Block> bl = new ArrayList<>();
        List<ParamSpec> ps = new ArrayList<>();
        wx = 0;
        bl.add(new Block("Wx", in, g * h));
        wh = 1;
        bl.add(new Block("Wh", h, g * h));
        b = 2;
        bl.add(new Block("b", 1, g * h));
        // the cell says which gates and which extra parameters it has (its options: peepholes, bh_a)
        Cell cell = Cell.of(config);
        List<String> gates = cell.parameterGates();
        for (int k = 0; k < gates.size(); k++) {
            String sfx = gates.get(k).isEmpty() ? "" : "_" + gates.get(k);
            ps.add(new ParamSpec("Wx" + sfx, h, in, false, wx, k * h));
            ps.add(new ParamSpec("Wh" + sfx, h, h, false, wh, k * h));
            ps.add(new ParamSpec("b" + sfx, h, 1, true, b, k * h));
        }
        int next = 3;
        Cell.ExtraBlock ex = cell.extraBlock();
        if (ex != null) {
            extra = next++;
            bl.add(new Block(ex.name(), 1, ex.params().size() * h));
            for (int j = 0; j < ex.params().size(); j++) {
                ps.add(new ParamSpec(ex.params().get(j), h, 1, true, extra, j * h));
            }
        } else {
            extra = -1;
        }
        wy = next++;
        bl.add(new Block("Wy", h, o));
        by = next;
        bl.add(new Block("by", 1, o));
        ps.add(new ParamSpec("Wy", o, h, false, wy, 0));
        ps.add(new ParamSpec("by", o, 1, true, by, 0));
        this.blocks = Collections.unmodifiableList(bl);
        this.params = Collections.unmodifiableList(ps);
        Map<String, ParamSpec> m = new LinkedHashMap<>();
        for (ParamSpec p : ps) {
            m.put(p.name(), p);
        }
        this.byName = Collections.unmodifiableMap(m);
    }

    /** The layout of a configuration. */
    public static ParamLayout of(ModelConfig config) {
        return new ParamLayout(config);
    }

    public ModelConfig config() {
        return config;
    }

    /** The fused blocks, in storage order. */
    public List<Block> blocks() {
        return blocks;
    }

    /** The parameters in case-file order. */
    public List<ParamSpec> params() {
        return params;
    }

    /** The spec of a case-file parameter, or null if this configuration has no such parameter. */
    public ParamSpec param(String name) {
        return byName.get(name);
    }

    /** Total number of scalars over all parameters. */
    public long scalarCount() {
        long n = 0;
        for (Block bl : blocks) {
            n += (long) bl.rows() * bl.cols();
        }
        return n;
    }

    int wxBlock() {
        return wx;
    }

    int whBlock() {
        return wh;
    }

    int bBlock() {
        return b;
    }

    /** Index of the peephole or bh_a block, -1 when the configuration has neither. */
    int extraBlock() {
        return extra;
    }

    int wyBlock() {
        return wy;
    }

    int byBlock() {
        return by;
    }
}
