package org.unroll.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * All parameters of one network (or their gradients) in the engine's fused, transposed blocks.
 * Mutable: optimisers update it in place. Convert with {@link #get(String)} and
 * {@link #set(String, double[][])} to the case file's named matrices.
 */
public final class Weights {

    private final ParamLayout layout;
    private final List<DMatrixRMaj> blocks;

    /** All-zero weights for a layout. */
    public Weights(ParamLayout layout) {
        this.layout = layout;
        List<DMatrixRMaj> bl = new ArrayList<>();
        for (ParamLayout.Block b : layout.blocks()) {
            bl.add(new DMatrixRMaj(b.rows(), b.cols()));
        }
        this.blocks = Collections.unmodifiableList(bl);
    }

    /** All-zero weights for a configuration. */
    public static Weights zeros(ModelConfig config) {
        return new Weights(ParamLayout.of(config));
    }

    public ParamLayout layout() {
        return layout;
    }

    public ModelConfig config() {
        return layout.config();
    }

    /** The fused blocks (not copies: changing them changes these weights). */
    public List<DMatrixRMaj> blocks() {
        return blocks;
    }

    /** One fused block (not a copy). */
    public DMatrixRMaj block(int index) {
        return blocks.get(index);
    }

    /** A deep copy. */
    public Weights copy() {
        Weights w = new Weights(layout);
        copyInto(w);
        return w;
    }

    /** Copies these values into {@code dst} (modified), which must have the same layout. */
    public void copyInto(Weights dst) {
        for (int i = 0; i < blocks.size(); i++) {
            dst.blocks.get(i).setTo(blocks.get(i));
        }
    }

    /** Sets every entry to zero. */
    public void zero() {
        for (DMatrixRMaj b : blocks) {
            b.zero();
        }
    }

    /** A case-file parameter as a rows×cols matrix (a vector as n×1), copied out. */
    public double[][] get(String name) {
        ParamSpec p = spec(name);
        DMatrixRMaj blk = blocks.get(p.block());
        double[][] m = new double[p.rows()][p.cols()];
        for (int r = 0; r < p.rows(); r++) {
            for (int c = 0; c < p.cols(); c++) {
                m[r][c] = blk.unsafe_get(c, p.colOffset() + r);
            }
        }
        return m;
    }

    /** A vector parameter, copied out. */
    public double[] getVector(String name) {
        ParamSpec p = spec(name);
        DMatrixRMaj blk = blocks.get(p.block());
        double[] v = new double[p.rows()];
        for (int r = 0; r < p.rows(); r++) {
            v[r] = blk.unsafe_get(0, p.colOffset() + r);
        }
        return v;
    }

    /** Sets a case-file parameter from a rows×cols matrix (a vector as n×1). {@code m} is not modified. */
    public void set(String name, double[][] m) {
        ParamSpec p = spec(name);
        if (m.length != p.rows()) {
            throw new IllegalArgumentException(name + ": expected " + p.shapeText());
        }
        DMatrixRMaj blk = blocks.get(p.block());
        for (int r = 0; r < p.rows(); r++) {
            if (m[r].length != p.cols()) {
                throw new IllegalArgumentException(name + ": expected " + p.shapeText());
            }
            for (int c = 0; c < p.cols(); c++) {
                blk.unsafe_set(c, p.colOffset() + r, m[r][c]);
            }
        }
    }

    /** Sets a vector parameter. {@code v} is not modified. */
    public void setVector(String name, double[] v) {
        ParamSpec p = spec(name);
        if (v.length != p.rows() || p.cols() != 1) {
            throw new IllegalArgumentException(name + ": expected " + p.shapeText());
        }
        DMatrixRMaj blk = blocks.get(p.block());
        for (int r = 0; r < p.rows(); r++) {
            blk.unsafe_set(0, p.colOffset() + r, v[r]);
        }
    }

    /** Square root of the sum of squares of every entry. */
    public double norm() {
        double s = 0;
        for (DMatrixRMaj b : blocks) {
            for (int i = 0; i < b.getNumElements(); i++) {
                double v = b.data[i];
                s += v * v;
            }
        }
        return Math.sqrt(s);
    }

    private ParamSpec spec(String name) {
        ParamSpec p = layout.param(name);
        if (p == null) {
            throw new IllegalArgumentException("no parameter " + name + " in a " + layout.config().cell().key());
        }
        return p;
    }
}
