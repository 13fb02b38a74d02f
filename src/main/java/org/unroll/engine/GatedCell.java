package org.unroll.engine;

import java.util.List;

/**
 * What the LSTM and the GRU share as cells with gates: their gate activations in fused block order
 * and the pre-activation of each.
 */
abstract sealed class GatedCell extends Cell permits LstmCell, GruCell {

    private final List<Quantity> gates;
    private final List<Quantity> pres;

    GatedCell(ModelConfig cfg, List<Quantity> gates, List<Quantity> pres) {
        super(cfg);
        this.gates = gates;
        this.pres = pres;
    }

    @Override
    public final List<Quantity> gates() {
        return gates;
    }

    @Override
    public final Quantity preActivationOf(Quantity gate) {
        return pres.get(gates.indexOf(gate));
    }
}
