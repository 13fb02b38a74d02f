package org.unroll.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import org.unroll.session.TrainingRun;

/**
 * What closing the window would lose (ADR 0028): unsaved edits of the case, a running training job,
 * trained weights not yet saved. Nothing: the window closes without a question.
 */
public final class CloseGuard {

    private CloseGuard() {
    }

    /**
     * The bundle keys of what would be lost, in the order the dialog lists them (empty: nothing).
     *
     * @param edited the case differs from the one opened or saved
     * @param training the training run's state (null: no run)
     */
    public static List<String> losses(boolean edited, TrainingRun.State training) {
        List<String> l = new ArrayList<>();
        if (edited) {
            l.add("close.lose.edits");
        }
        if (training == TrainingRun.State.RUNNING) {
            l.add("close.lose.running");
        } else if (training == TrainingRun.State.PAUSED || training == TrainingRun.State.DONE
                || training == TrainingRun.State.STOPPED) {
            l.add("close.lose.weights");
        }
        return l;
    }

    /** The dialog's text: one line per loss, in the bundle's language. */
    public static String text(ResourceBundle b, List<String> losses) {
        StringBuilder s = new StringBuilder();
        for (String k : losses) {
            s.append("• ").append(b.getString(k)).append('\n');
        }
        return s.toString().strip();
    }
}
