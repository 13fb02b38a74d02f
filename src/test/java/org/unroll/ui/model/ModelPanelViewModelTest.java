package org.unroll.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.unroll.engine.Case;
import org.unroll.engine.CaseException;
import org.unroll.engine.CellType;
import org.unroll.engine.LossKind;
import org.unroll.engine.OutputActivation;
import org.unroll.ui.AppContext;
import org.unroll.ui.Fixtures;
import org.unroll.ui.model.ModelPanelViewModel.Task;

/** The model panel's view-model: the form becomes a valid case, or a message naming the field. */
class ModelPanelViewModelTest {

    @Test
    void theDefaultFormIsTheSineTaskWithAnUntrainedRnn() throws Exception {
        ModelPanelViewModel vm = new ModelPanelViewModel();
        Case c = vm.caseBuilder().call();
        assertEquals(CellType.RNN, c.config().cell());
        assertEquals(25, c.sequence().length());
        assertTrue(c.sequence().hasTarget(24));
        assertNull(c.sequence().targets()[0]);
        assertEquals(3, c.config().hiddenSize());
        // seeded: the same form gives the same weights
        assertEquals(c.weights().get("Wh")[1][2], vm.caseBuilder().call().weights().get("Wh")[1][2]);
    }

    @Test
    void theAddingProblemWithTwoHundredSteps() throws Exception {
        ModelPanelViewModel vm = new ModelPanelViewModel();
        vm.taskProperty().set(Task.ADDING);
        vm.cellProperty().set(CellType.LSTM);
        vm.stepsProperty().set("200");
        assertEquals("2", vm.inputSizeProperty().get());
        Case c = vm.caseBuilder().call();
        assertEquals(200, c.sequence().length());
        assertEquals(2, c.config().inputSize());
        assertEquals(CellType.LSTM, c.config().cell());
    }

    @Test
    void typedNumbersPredictTheNextRow() throws Exception {
        ModelPanelViewModel vm = new ModelPanelViewModel();
        vm.taskProperty().set(Task.TYPED);
        vm.numbersProperty().set("1, 2\n3 4\n\n5;6\n");
        assertEquals("2", vm.inputSizeProperty().get());
        assertEquals("2", vm.stepsProperty().get());
        vm.cellProperty().set(CellType.GRU);
        Case c = vm.caseBuilder().call();
        assertEquals(2, c.sequence().length());
        assertEquals(3.0, c.sequence().inputs()[1][0]);
        assertEquals(6.0, c.sequence().targets()[1][1]);
    }

    @Test
    void badFieldsAreNamed() {
        ModelPanelViewModel vm = new ModelPanelViewModel();
        vm.hiddenSizeProperty().set("three");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> vm.caseBuilder().call());
        assertTrue(e.getMessage().startsWith("H:"), e.getMessage());
        vm.hiddenSizeProperty().set("3");
        vm.taskProperty().set(Task.TYPED);
        vm.numbersProperty().set("1\nx\n");
        e = assertThrows(IllegalArgumentException.class, () -> vm.caseBuilder().call());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void anInvalidCombinationIsRejectedByTheCaseRules() {
        ModelPanelViewModel vm = new ModelPanelViewModel();
        vm.lossProperty().set(LossKind.XENT);
        vm.outputActivationProperty().set(OutputActivation.LINEAR);
        // cross-entropy needs a sigmoid or softmax output
        CaseException e = assertThrows(CaseException.class, () -> vm.caseBuilder().call());
        assertTrue(e.getMessage().contains("xent"), e.getMessage());
        vm.outputActivationProperty().set(OutputActivation.SOFTMAX);
        vm.taskProperty().set(Task.TYPED);
        vm.numbersProperty().set("0.5\n2\n");
        // a softmax target must be a probability vector
        e = assertThrows(CaseException.class, () -> vm.caseBuilder().call());
        assertTrue(e.getMessage().startsWith("sequence.targets"), e.getMessage());
    }

    @Test
    void aBuiltCaseOpensInTheMainViewModel() {
        AppContext ctx = Fixtures.context();
        ctx.model().cellProperty().set(CellType.LSTM);
        ctx.model().stepsProperty().set("6");
        ctx.main().build(ctx.model().caseBuilder());
        assertEquals(CellType.LSTM, ctx.main().getSession().kase().config().cell());
        assertEquals(6, ctx.main().getSession().trace().length());
    }

    @Test
    void theGateActivationBuildsAHardSigmoidLstmOrGruAndIsIgnoredForTheRnn() throws Exception {
        ModelPanelViewModel vm = new ModelPanelViewModel();
        assertEquals(org.unroll.engine.GateActivation.SIGMOID, vm.gateActivationProperty().get());
        vm.gateActivationProperty().set(org.unroll.engine.GateActivation.HARD_SIGMOID);
        vm.stepsProperty().set("4");
        for (CellType c : new CellType[] {CellType.LSTM, CellType.GRU}) {
            vm.cellProperty().set(c);
            assertEquals(org.unroll.engine.GateActivation.HARD_SIGMOID, vm.caseBuilder().call().config().gateActivation(),
                    c.key());
        }
        vm.cellProperty().set(CellType.RNN);
        assertEquals(org.unroll.engine.GateActivation.SIGMOID, vm.caseBuilder().call().config().gateActivation());
    }

    @Test
    void anOpenedCaseWithHardSigmoidGatesShowsItChosen() {
        AppContext ctx = Fixtures.context();
        ctx.main().open(java.nio.file.Path.of("src/test/resources/cases/lstm-hard-sigmoid-gates.json"));
        assertEquals(org.unroll.engine.GateActivation.HARD_SIGMOID, ctx.model().gateActivationProperty().get());
        assertEquals(CellType.LSTM, ctx.model().cellProperty().get());
        ctx.main().open(java.nio.file.Path.of("src/test/resources/cases/lstm-many-to-many.json"));
        assertEquals(org.unroll.engine.GateActivation.SIGMOID, ctx.model().gateActivationProperty().get());
    }
}
