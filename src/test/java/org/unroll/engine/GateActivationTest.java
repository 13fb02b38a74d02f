package org.unroll.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GateActivationTest {

    @Test
    void hardSigmoidIsKeras2Clip() {
        GateActivation h = GateActivation.HARD_SIGMOID;
        assertEquals(0.5, h.apply(0.0));
        assertEquals(0.7, h.apply(1.0), 1e-15);
        assertEquals(0.0, h.apply(-2.5));
        assertEquals(1.0, h.apply(2.5));
        assertEquals(0.0, h.apply(-7));
        assertEquals(1.0, h.apply(7));
        // not Keras 3's x/6 + 1/2
        assertEquals(0.9, h.apply(2.0), 1e-15);
    }

    @Test
    void hardSigmoidDerivativeIsZeroAtAndBeyondTheKnees() {
        GateActivation h = GateActivation.HARD_SIGMOID;
        assertEquals(0.2, h.derivative(0.0, 0.5));
        assertEquals(0.2, h.derivative(2.4999, h.apply(2.4999)));
        assertEquals(0.0, h.derivative(2.5, 1.0));
        assertEquals(0.0, h.derivative(-2.5, 0.0));
        assertEquals(0.0, h.derivative(3, 1.0));
    }

    @Test
    void sigmoidDerivativeFromItsValue() {
        GateActivation s = GateActivation.SIGMOID;
        double y = s.apply(0.3);
        assertEquals(Activation.sigmoid(0.3), y);
        assertEquals(y * (1 - y), s.derivative(0.3, y));
    }

    @Test
    void keysRoundTrip() {
        for (GateActivation g : GateActivation.values()) {
            assertEquals(g, GateActivation.fromKey(g.key()));
        }
        assertEquals(null, GateActivation.fromKey("tanh"));
    }
}
