package org.unroll.ui.model;

import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.Function;
import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import org.unroll.engine.Activation;
import org.unroll.engine.CellType;
import org.unroll.engine.GateActivation;
import org.unroll.engine.LossKind;
import org.unroll.engine.OutputActivation;
import org.unroll.ui.common.Controls;
import org.unroll.ui.model.ModelPanelViewModel.Task;

/** The model panel: form fields bound to {@link ModelPanelViewModel}; Build asks it to show the case. */
public final class ModelPanelController {

    private final ModelPanelViewModel vm;
    private final javafx.beans.value.ChangeListener<Number> builtListener = (o, a, b) -> this.onBuilt.run();
    private Runnable onBuilt = () -> { };

    @FXML private ResourceBundle resources;
    @FXML private ChoiceBox<CellType> cellChoice;
    @FXML private TextField inputSizeField;
    @FXML private TextField hiddenSizeField;
    @FXML private TextField outputSizeField;
    @FXML private TextField stepsField;
    @FXML private ChoiceBox<Activation> activationChoice;
    @FXML private ChoiceBox<OutputActivation> outputActivationChoice;
    @FXML private ChoiceBox<LossKind> lossChoice;
    @FXML private TextField seedField;
    @FXML private TextField truncateField;
    @FXML private CheckBox peepholeBox;
    @FXML private CheckBox resetAfterBox;
    @FXML private ChoiceBox<GateActivation> gateActivationChoice;
    @FXML private ChoiceBox<Task> taskChoice;
    @FXML private TextArea numbersArea;
    @FXML private javafx.scene.control.Label unmatchedLabel;

    public ModelPanelController(ModelPanelViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        choice(cellChoice, CellType.values(), c -> c.key().toUpperCase(Locale.ROOT));
        choice(activationChoice, Activation.values(), Activation::key);
        choice(outputActivationChoice, OutputActivation.values(), OutputActivation::key);
        choice(lossChoice, LossKind.values(), LossKind::key);
        choice(gateActivationChoice, GateActivation.values(), g -> resources.getString("model.gate." + g.key()));
        choice(taskChoice, Task.values(), t -> resources.getString("model.task." + t.name().toLowerCase(Locale.ROOT)));
        cellChoice.valueProperty().bindBidirectional(vm.cellProperty());
        activationChoice.valueProperty().bindBidirectional(vm.activationProperty());
        outputActivationChoice.valueProperty().bindBidirectional(vm.outputActivationProperty());
        lossChoice.valueProperty().bindBidirectional(vm.lossProperty());
        taskChoice.valueProperty().bindBidirectional(vm.taskProperty());
        inputSizeField.textProperty().bindBidirectional(vm.inputSizeProperty());
        hiddenSizeField.textProperty().bindBidirectional(vm.hiddenSizeProperty());
        outputSizeField.textProperty().bindBidirectional(vm.outputSizeProperty());
        stepsField.textProperty().bindBidirectional(vm.stepsProperty());
        seedField.textProperty().bindBidirectional(vm.seedProperty());
        truncateField.textProperty().bindBidirectional(vm.truncateProperty());
        numbersArea.textProperty().bindBidirectional(vm.numbersProperty());
        peepholeBox.selectedProperty().bindBidirectional(vm.peepholeProperty());
        resetAfterBox.selectedProperty().bindBidirectional(vm.resetAfterProperty());
        gateActivationChoice.valueProperty().bindBidirectional(vm.gateActivationProperty());
        gateActivationChoice.disableProperty().bind(vm.cellProperty().isEqualTo(CellType.RNN));
        inputSizeField.disableProperty().bind(vm.sizesFixedProperty());
        outputSizeField.disableProperty().bind(vm.sizesFixedProperty());
        stepsField.disableProperty().bind(vm.stepsFixedProperty());
        peepholeBox.disableProperty().bind(vm.cellProperty().isNotEqualTo(CellType.LSTM));
        resetAfterBox.disableProperty().bind(vm.cellProperty().isNotEqualTo(CellType.GRU));
        numbersArea.disableProperty().bind(vm.taskProperty().isNotEqualTo(Task.TYPED));
        unmatchedLabel.visibleProperty().bind(vm.unmatchedProperty().isNotNull());
        unmatchedLabel.managedProperty().bind(unmatchedLabel.visibleProperty());
        unmatchedLabel.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            org.unroll.engine.ModelConfig c = vm.unmatchedProperty().get();
            return c == null ? "" : org.unroll.view.Messages.format(resources, "model.unmatched", c.inputSize(),
                    c.outputSize(), vm.inputSizeProperty().get(), vm.outputSizeProperty().get());
        }, vm.unmatchedProperty(), vm.inputSizeProperty(), vm.outputSizeProperty()));
        vm.builtProperty().addListener(builtListener);
    }

    /** Runs after each Build once its network is shown (the window turns to the inspector). */
    public void setOnBuilt(Runnable r) {
        onBuilt = r == null ? () -> { } : r;
    }

    public void dispose() {
        vm.builtProperty().removeListener(builtListener);
        cellChoice.valueProperty().unbindBidirectional(vm.cellProperty());
        activationChoice.valueProperty().unbindBidirectional(vm.activationProperty());
        outputActivationChoice.valueProperty().unbindBidirectional(vm.outputActivationProperty());
        lossChoice.valueProperty().unbindBidirectional(vm.lossProperty());
        taskChoice.valueProperty().unbindBidirectional(vm.taskProperty());
        inputSizeField.textProperty().unbindBidirectional(vm.inputSizeProperty());
        hiddenSizeField.textProperty().unbindBidirectional(vm.hiddenSizeProperty());
        outputSizeField.textProperty().unbindBidirectional(vm.outputSizeProperty());
        stepsField.textProperty().unbindBidirectional(vm.stepsProperty());
        seedField.textProperty().unbindBidirectional(vm.seedProperty());
        truncateField.textProperty().unbindBidirectional(vm.truncateProperty());
        numbersArea.textProperty().unbindBidirectional(vm.numbersProperty());
        peepholeBox.selectedProperty().unbindBidirectional(vm.peepholeProperty());
        resetAfterBox.selectedProperty().unbindBidirectional(vm.resetAfterProperty());
        gateActivationChoice.valueProperty().unbindBidirectional(vm.gateActivationProperty());
    }

    /** The gate activation's choice (tests read whether it is enabled). */
    public ChoiceBox<GateActivation> gateActivationChoice() {
        return gateActivationChoice;
    }

    private static <T> void choice(ChoiceBox<T> box, T[] items, Function<T, String> name) {
        box.getItems().setAll(items);
        box.setConverter(Controls.displayOnly(name));
    }

    @FXML
    private void build() {
        vm.build();
    }

    @FXML
    private void shrink() {
        vm.shrink();
    }
}
