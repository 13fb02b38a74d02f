package org.unroll.charts;

import java.util.Locale;
import java.util.ResourceBundle;
import org.unroll.engine.CellType;
import org.unroll.engine.Dataset;
import org.unroll.engine.Datasets;
import org.unroll.engine.ModelConfig;
import org.unroll.engine.TrainingConfig;

/** Tiny training runs and the app's bundles for the chart tests. */
final class TinyRuns {

    static final ResourceBundle EN = bundle(Locale.ENGLISH);
    static final ResourceBundle JA = bundle(Locale.JAPANESE);
    private static PlotData lstm;

    private TinyRuns() {
    }

    static ResourceBundle bundle(Locale l) {
        return ResourceBundle.getBundle("i18n.messages", l,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The Training tab's configuration (its form's defaults) with another cell, H and epochs. */
    static TrainingConfig config(Dataset data, CellType cell, int hidden, int epochs) {
        ModelConfig model = ModelConfig.of(cell, data.inputSize(), hidden, data.outputSize());
        return TrainingConfig.builder(model).epochs(epochs).build();
    }

    /** An LSTM with H = 3 after 3 epochs on the noisy sine, units 0 and 2 (shared; do not modify). */
    static synchronized PlotData lstm() {
        if (lstm == null) {
            Dataset data = Datasets.noisySine(1);
            lstm = HeadlessTraining.train(config(data, CellType.LSTM, 3, 3), data, 0,
                    PlotOptions.DEFAULTS.withUnits(0, 2));
        }
        return lstm;
    }
}
