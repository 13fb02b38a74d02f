package org.unroll.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gate that holds work ahead of time from a step until the step's frame is rendered (ADR
 * 0040), driven by hand: the JavaFX thread's queue and the fallback timer are queues run here.
 */
class AheadGateTest {

    private final ArrayDeque<Runnable> fx = new ArrayDeque<>();
    private final List<Runnable> later = new ArrayList<>();
    private final AheadGate gate = new AheadGate(fx::add, later::add);
    private final List<String> ran = new ArrayList<>();

    private void runFx() {
        while (!fx.isEmpty()) {
            fx.poll().run();
        }
    }

    @Test
    void openWorkRunsAtOnce() {
        gate.whenOpen(() -> ran.add("now"));
        assertEquals(List.of("now"), ran);
        assertFalse(gate.held());
    }

    @Test
    void workWaitsForAFrameRenderedAfterThePulseThatFollowsTheStep() {
        gate.tracked(true);
        Runnable task = () -> ran.add("ahead");
        gate.hold();
        gate.whenOpen(task);
        gate.whenOpen(task);
        // a frame that was being rendered when the key came: not the step's
        gate.frameRendered();
        runFx();
        assertTrue(gate.held());
        assertEquals(List.of(), ran);
        gate.pulse();
        gate.afterLayout();
        runFx();
        assertTrue(gate.held(), "the pulse's frame is not rendered yet");
        gate.frameRendered();
        assertEquals(List.of(), ran, "opened on the JavaFX thread, not on the render thread");
        runFx();
        assertFalse(gate.held());
        assertEquals(List.of("ahead"), ran, "a task asked for twice runs once");
        assertEquals(1, gate.opened());
    }

    @Test
    void withoutRenderedFramesTheGateOpensAtTheEndOfThePulse() {
        gate.tracked(false);
        gate.hold();
        gate.whenOpen(() -> ran.add("ahead"));
        gate.pulse();
        assertEquals(List.of(), ran);
        gate.afterLayout();
        runFx();
        assertEquals(List.of("ahead"), ran);
    }

    @Test
    void withNeitherPulseNorFrameTheFallbackOpensIt() {
        gate.tracked(true);
        gate.hold();
        gate.whenOpen(() -> ran.add("ahead"));
        assertEquals(1, later.size());
        later.get(0).run();
        assertEquals(List.of(), ran, "the fallback also opens on the JavaFX thread");
        runFx();
        assertEquals(List.of("ahead"), ran);
    }

    @Test
    void aNewerStepKeepsTheGateClosedUntilItsOwnFrame() {
        gate.tracked(true);
        gate.hold();
        gate.whenOpen(() -> ran.add("ahead"));
        gate.pulse();
        gate.frameRendered();
        // the next key before the open reaches the JavaFX thread
        gate.hold();
        runFx();
        assertTrue(gate.held(), "the first step's opening is out of date");
        later.get(0).run();
        runFx();
        assertTrue(gate.held(), "so is the first step's fallback");
        gate.pulse();
        gate.frameRendered();
        runFx();
        assertFalse(gate.held());
        assertEquals(List.of("ahead"), ran);
    }

    @Test
    void aTaskThatHoldsAgainLeavesTheRestQueued() {
        gate.tracked(true);
        gate.hold();
        gate.whenOpen(() -> {
            ran.add("first");
            gate.hold();
        });
        gate.whenOpen(() -> ran.add("second"));
        gate.pulse();
        gate.frameRendered();
        runFx();
        assertEquals(List.of("first"), ran);
        assertTrue(gate.held());
        gate.pulse();
        gate.frameRendered();
        runFx();
        assertEquals(List.of("first", "second"), ran);
    }
}
