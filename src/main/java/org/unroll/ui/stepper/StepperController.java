package org.unroll.ui.stepper;

import java.util.Locale;
import java.util.ResourceBundle;
import javafx.beans.value.ChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.shape.SVGPath;
import org.unroll.ui.MainViewModel.Granularity;
import org.unroll.ui.MainViewModel;
import org.unroll.ui.common.Controls;

/** The toolbar: step buttons, play/pause, speed and granularity, bound to {@link MainViewModel}. */
public final class StepperController {

    private static final String PLAY = "M4 2 L16 9 L4 16 Z";
    private static final String PAUSE = "M3 2 H7 V16 H3 Z M11 2 H15 V16 H11 Z";

    private final MainViewModel vm;
    private final ChangeListener<Boolean> playingListener = (o, a, b) -> showPlaying();
    private final ChangeListener<Number> speedListener = (o, a, b) -> showSpeed();
    private boolean syncing;

    @FXML private ResourceBundle resources;
    @FXML private ToggleButton playButton;
    @FXML private SVGPath playIcon;
    @FXML private Tooltip playTooltip;
    @FXML private Slider speedSlider;
    @FXML private Label speedLabel;
    @FXML private ChoiceBox<Granularity> granularityChoice;
    @FXML private ToggleButton rolledButton;

    /** @param vm the window's state: the cursor, playback and its speed, the granularity */
    public StepperController(MainViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        playButton.selectedProperty().bindBidirectional(vm.playingProperty());
        vm.playingProperty().addListener(playingListener);
        showPlaying();
        granularityChoice.getItems().setAll(Granularity.values());
        granularityChoice.setConverter(Controls.displayOnly(
                g -> resources.getString("step.granularity." + g.name().toLowerCase(Locale.ROOT))));
        granularityChoice.valueProperty().bindBidirectional(vm.granularityProperty());
        rolledButton.selectedProperty().bindBidirectional(vm.rolledProperty());
        vm.speedProperty().addListener(speedListener);
        speedSlider.valueProperty().addListener((o, a, b) -> {
            if (!syncing) {
                vm.speedProperty().set(sliderToSpeed(b.doubleValue()));
            }
        });
        showSpeed();
    }

    public void dispose() {
        playButton.selectedProperty().unbindBidirectional(vm.playingProperty());
        granularityChoice.valueProperty().unbindBidirectional(vm.granularityProperty());
        rolledButton.selectedProperty().unbindBidirectional(vm.rolledProperty());
        vm.playingProperty().removeListener(playingListener);
        vm.speedProperty().removeListener(speedListener);
    }

    /** The slider runs 0..1 on a logarithmic scale of events per second. */
    static double sliderToSpeed(double s) {
        return MainViewModel.MIN_SPEED * Math.pow(MainViewModel.MAX_SPEED / MainViewModel.MIN_SPEED, s);
    }

    static double speedToSlider(double v) {
        return Math.log(v / MainViewModel.MIN_SPEED) / Math.log(MainViewModel.MAX_SPEED / MainViewModel.MIN_SPEED);
    }

    private void showSpeed() {
        syncing = true;
        speedSlider.setValue(speedToSlider(vm.speedProperty().get()));
        syncing = false;
        speedLabel.setText(String.format(Locale.ROOT, "%.1f /s", vm.speedProperty().get()));
    }

    private void showPlaying() {
        boolean p = vm.playingProperty().get();
        playIcon.setContent(p ? PAUSE : PLAY);
        playTooltip.setText(resources.getString(p ? "step.pause" : "step.play"));
    }

    @FXML
    private void toForward() {
        vm.toStart();
    }

    @FXML
    private void back() {
        vm.previous();
    }

    @FXML
    private void forward() {
        vm.next();
    }

    @FXML
    private void toBackward() {
        vm.toBackward();
    }

    @FXML
    private void toEnd() {
        vm.toEnd();
    }
}
