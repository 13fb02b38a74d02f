package org.unroll.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.ResourceBundle;
import org.unroll.session.Recovery;
import org.unroll.session.TrainingRun;
import org.unroll.view.Messages;

/** What the offer to restore a session says (ADR 0033): one line per thing it brings back. */
final class RecoveryText {

    private RecoveryText() {
    }

    /** The dialog's text in the bundle's language. */
    static String describe(ResourceBundle b, Recovery r, Locale locale) {
        StringBuilder s = new StringBuilder();
        String at = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", locale).withZone(ZoneId.systemDefault())
                .format(r.savedAt());
        s.append(Messages.format(b, "recovery.savedAt", at)).append('\n');
        String title = r.file() != null && r.file().getFileName() != null ? r.file().getFileName().toString()
                : r.kase().name() != null ? r.kase().name() : r.kase().config().cell().key();
        if (r.deck() != null) {
            s.append("• ").append(Messages.format(b, "recovery.deck", r.deck(), r.scene() + 1)).append('\n');
        }
        s.append("• ").append(r.edited() ? Messages.format(b, "recovery.case.edited", title, r.done().size())
                : Messages.format(b, "recovery.case", title)).append('\n');
        s.append("• ").append(Messages.format(b, "recovery.cursor", r.cursor() + 1));
        if (r.training() != null && r.training() != TrainingRun.State.NEW) {
            String state = b.getString(r.diverged() ? "training.state.diverged"
                    : "training.state." + r.training().name().toLowerCase(Locale.ROOT));
            s.append('\n').append("• ").append(Messages.format(b, "recovery.training", state, r.epoch()));
        }
        return s.toString();
    }
}
