package org.unroll.ui.common;

import java.util.Objects;
import java.util.ResourceBundle;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import org.unroll.engine.Message;
import org.unroll.view.Messages;

/**
 * A text a view-model shows that follows the language: it keeps the bundle key and arguments
 * (or a function of the bundle) and formats them again whenever the bundle changes, so a status
 * line written once in English reads in Japanese after View ▸ 日本語, and back; so does an engine
 * {@link Message} given as an argument or {@linkplain #setMessage shown}. Plain text (a path, another
 * library's words) is shown as it is. Use it on the JavaFX thread.
 */
public final class LocalText {

    private final ObservableValue<ResourceBundle> bundle;
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private Function<ResourceBundle, String> source = b -> "";

    /** @param bundle the bundle of the language shown (the main view-model's) */
    public LocalText(ObservableValue<ResourceBundle> bundle) {
        this.bundle = Objects.requireNonNull(bundle);
        bundle.addListener((o, a, b) -> refresh());
    }

    /** Shows a bundle text, its arguments formatted into it ({@link Messages#format}). */
    public void set(String key, Object... args) {
        Object[] copy = args.clone();
        show(b -> Messages.format(b, key, copy));
    }

    /** Shows a text made from the bundle (several bundle texts joined, say). */
    public void show(Function<ResourceBundle, String> f) {
        source = Objects.requireNonNull(f);
        refresh();
    }

    /**
     * Shows an engine message (a case, checkpoint or deck that cannot be read, ADR 0044) in the
     * language shown, again in the other language when it changes.
     */
    public void setMessage(Message m) {
        Objects.requireNonNull(m);
        show(b -> m.text(b.getLocale()));
    }

    /** Shows a text that is not from the bundle (it stays as it is when the language changes). */
    public void setPlain(String s) {
        String t = s == null ? "" : s;
        show(b -> t);
    }

    public ReadOnlyStringProperty property() {
        return text.getReadOnlyProperty();
    }

    public String get() {
        return text.get();
    }

    private void refresh() {
        ResourceBundle b = bundle.getValue();
        text.set(b == null ? "" : source.apply(b));
    }
}
