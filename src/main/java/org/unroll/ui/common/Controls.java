package org.unroll.ui.common;

import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.util.StringConverter;

/** Small bindings the feature controllers share: display names for choices, spinners bound to a view-model. */
public final class Controls {

    private Controls() {
    }

    /** A converter that only displays (choices are never typed in). */
    public static <T> StringConverter<T> displayOnly(Function<T, String> name) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : name.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }

    /** Shows a combo box's items, in the list and the button, by their display names, and the chosen one's whole name as its tooltip. */
    public static <T> void named(ComboBox<T> box, Function<T, String> name) {
        box.setConverter(displayOnly(name));
        // a name cut short in a narrow form ("Adding probl…") is shown whole when the pointer rests on it
        javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();
        Runnable shown = () -> {
            T v = box.getValue();
            String text = v == null ? "" : name.apply(v);
            tip.setText(text);
            box.setTooltip(text.isEmpty() ? null : tip);
        };
        box.valueProperty().addListener((o, a, b) -> shown.run());
        shown.run();
        box.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(T t, boolean empty) {
                super.updateItem(t, empty);
                setText(empty || t == null ? "" : name.apply(t));
            }
        });
    }

    /**
     * Binds an integer spinner to a property both ways (typed text commits when focus leaves).
     * Bidirectional bindings hold their ends weakly: the caller keeps {@code p} alive.
     *
     * @return what undoes the binding
     */
    public static Runnable bindInts(Spinner<Integer> s, int min, int max, ObjectProperty<Integer> p) {
        SpinnerValueFactory.IntegerSpinnerValueFactory f =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, p.get());
        return bind(s, f, p);
    }

    /** As {@link #bindInts}, for a double spinner; text that is not a number keeps the value. */
    public static Runnable bindDoubles(Spinner<Double> s, double min, double max, double step, ObjectProperty<Double> p) {
        SpinnerValueFactory.DoubleSpinnerValueFactory f =
                new SpinnerValueFactory.DoubleSpinnerValueFactory(min, max, p.get(), step);
        f.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double v) {
                return v == null ? "" : String.valueOf(v);
            }

            @Override
            public Double fromString(String text) {
                try {
                    return Double.parseDouble(text.trim());
                } catch (NumberFormatException e) {
                    return f.getValue();
                }
            }
        });
        return bind(s, f, p);
    }

    private static <T> Runnable bind(Spinner<T> s, SpinnerValueFactory<T> f, ObjectProperty<T> p) {
        s.setValueFactory(f);
        f.valueProperty().bindBidirectional(p);
        s.focusedProperty().addListener((o, a, focused) -> {
            if (!focused) {
                s.increment(0);
            }
        });
        return () -> f.valueProperty().unbindBidirectional(p);
    }

    /**
     * Stops a scroll pane caching its viewport as a bitmap. The skin caches it (for smooth
     * scrolling), so content that changes at every event, such as the inspector's, was drawn
     * twice a frame: into the cache, then the cache onto the window, and once more for each
     * scroll pane around it (the pulse logger's "CacheFilter rebuilding: 3", about half the
     * software pipeline's frame at 1280 × 720).
     */
    public static void uncachedViewport(javafx.scene.control.ScrollPane pane) {
        Runnable off = () -> {
            for (javafx.scene.Node n : pane.getChildrenUnmodifiable()) {
                if (n.getStyleClass().contains("viewport")) {
                    n.setCache(false);
                }
            }
        };
        pane.skinProperty().addListener((o, a, b) -> off.run());
        pane.getChildrenUnmodifiable().addListener((javafx.collections.ListChangeListener<javafx.scene.Node>) c -> off.run());
        off.run();
    }
}
