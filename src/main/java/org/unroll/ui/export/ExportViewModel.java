package org.unroll.ui.export;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.unroll.charts.PlotData;
import org.unroll.charts.PlotView;
import org.unroll.engine.CellType;
import org.unroll.export.ExportErrors;
import org.unroll.export.ExportRequest;
import org.unroll.export.ExportSource;
import org.unroll.export.ExportView;
import org.unroll.export.Exporter;
import org.unroll.export.Format;
import org.unroll.schedule.Cursor;
import org.unroll.schedule.Event;
import org.unroll.session.Background;
import org.unroll.session.Latest;
import org.unroll.ui.MainViewModel;
import org.unroll.ui.compare.CompareViewModel;
import org.unroll.ui.training.TrainingViewModel;
import org.unroll.view.Session;

/**
 * The Export dialog: what to export (the graph at the cursor, the walk between two events, a plot,
 * the trace or the case), the format, the size (16:9 slide presets, the window's size or custom),
 * the scale, a title and caption, and a preview. Builds one {@link ExportRequest} and hands it with
 * the window's session and plots to {@link Exporter} in the background, exactly as the
 * {@code export} command does, so the same request gives the same file. The choices stay between
 * openings of the dialog.
 */
public final class ExportViewModel {

    /** Sizes offered. */
    public enum SizePreset {
        /** A 16:9 slide, 1280 × 720. */
        SLIDE_720(1280, 720),
        /** A 16:9 slide, 1920 × 1080. */
        SLIDE_1080(1920, 1080),
        /** The size of the view in the window. */
        WINDOW(0, 0),
        /** Width and height as typed. */
        CUSTOM(0, 0);

        private final int width;
        private final int height;

        SizePreset(int width, int height) {
            this.width = width;
            this.height = height;
        }
    }

    private final Background background;
    private final MainViewModel main;
    private final TrainingViewModel training;
    private final CompareViewModel compare;
    private final java.util.concurrent.Executor ui;

    private final ObservableList<ExportView> views = FXCollections.observableArrayList();
    private final ObservableList<Format> formats = FXCollections.observableArrayList();
    private final ObjectProperty<ExportView> view = new SimpleObjectProperty<>(ExportView.GRAPH);
    private final ObjectProperty<Format> format = new SimpleObjectProperty<>(Format.PNG);
    private final ObjectProperty<SizePreset> preset = new SimpleObjectProperty<>(SizePreset.SLIDE_720);
    private final IntegerProperty width = new SimpleIntegerProperty(1280);
    private final IntegerProperty height = new SimpleIntegerProperty(720);
    private final DoubleProperty scale = new SimpleDoubleProperty(1);
    private final StringProperty title = new SimpleStringProperty("");
    private final StringProperty caption = new SimpleStringProperty("");
    private final BooleanProperty equation = new SimpleBooleanProperty(false);
    private final BooleanProperty asShown = new SimpleBooleanProperty(false);
    private final IntegerProperty from = new SimpleIntegerProperty(0);
    private final IntegerProperty to = new SimpleIntegerProperty(0);
    private final IntegerProperty delay = new SimpleIntegerProperty(ExportRequest.DEFAULT_DELAY);
    private final ReadOnlyIntegerWrapper eventCount = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<BufferedImage> preview = new ReadOnlyObjectWrapper<>();
    private final javafx.beans.property.ReadOnlyDoubleWrapper progress =
            new javafx.beans.property.ReadOnlyDoubleWrapper(-1);
    private volatile boolean cancelRequested;
    private final ReadOnlyBooleanWrapper walk = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper picture = new ReadOnlyBooleanWrapper(true);

    private Rectangle2D shownRegion;
    private int windowWidth = 1280;
    private int windowHeight = 720;
    /** The preview being rendered; a newer request cancels it. */
    private final Latest previews;

    /**
     * @param background where exports and previews run
     * @param main the window (session, cursor, language, problems)
     * @param training the Training tab (its plots, log axis and marked step)
     * @param compare the Compare tab (its two plots), or null
     * @param ui runs code on the UI thread (a walk's progress is handed over through it)
     */
    public ExportViewModel(Background background, MainViewModel main, TrainingViewModel training,
                           CompareViewModel compare, java.util.concurrent.Executor ui) {
        this.background = background;
        this.previews = new Latest(background);
        this.ui = ui;
        this.main = main;
        this.training = training;
        this.compare = compare;
        view.addListener((o, a, v) -> updateFormats());
        format.addListener((o, a, f) -> {
            walk.set(f == Format.GIF || f == Format.FRAMES);
            picture.set(f != Format.CSV && f != Format.JSON);
        });
        preset.addListener((o, a, p) -> applyPreset());
        updateViews();
        updateFormats();
    }

    // ---- properties ----

    /** The views offered for the open case and the plots there are. */
    public ObservableList<ExportView> views() {
        return views;
    }

    /** The formats of the chosen view. */
    public ObservableList<Format> formats() {
        return formats;
    }

    public ObjectProperty<ExportView> viewProperty() {
        return view;
    }

    public ObjectProperty<Format> formatProperty() {
        return format;
    }

    public ObjectProperty<SizePreset> presetProperty() {
        return preset;
    }

    public IntegerProperty widthProperty() {
        return width;
    }

    public IntegerProperty heightProperty() {
        return height;
    }

    /** PNG/GIF pixels per unit, 1 to 4. */
    public DoubleProperty scaleProperty() {
        return scale;
    }

    public StringProperty titleProperty() {
        return title;
    }

    public StringProperty captionProperty() {
        return caption;
    }

    /** Whether the graph's caption is the current event's equation. */
    public BooleanProperty equationProperty() {
        return equation;
    }

    /** Whether the graph shows the part the window shows (else the whole graph when readable). */
    public BooleanProperty asShownProperty() {
        return asShown;
    }

    /** The first event of a walk, numbered as in the status bar (0: the start). */
    public IntegerProperty fromProperty() {
        return from;
    }

    /** The last event of a walk (or the event of a picture), numbered as in the status bar. */
    public IntegerProperty toProperty() {
        return to;
    }

    /** Milliseconds per GIF frame. */
    public IntegerProperty delayProperty() {
        return delay;
    }

    /** The number of events of the open case. */
    public ReadOnlyIntegerProperty eventCountProperty() {
        return eventCount.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** How far a walk's export is, 0..1 (−1: indeterminate, or none under way). */
    public javafx.beans.property.ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** Stops the export under way, if any, at its next frame (nothing is written). */
    public void cancel() {
        if (busy.get()) {
            cancelRequested = true;
        }
    }

    /** What the last export did, or why the request cannot be made. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The preview of the request (null until made, or when the request has no picture). */
    public ReadOnlyObjectProperty<BufferedImage> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** Whether the format is an animation (the range applies). */
    public ReadOnlyBooleanProperty walkProperty() {
        return walk.getReadOnlyProperty();
    }

    /** Whether the format is a picture (size, title and caption apply). */
    public ReadOnlyBooleanProperty pictureProperty() {
        return picture.getReadOnlyProperty();
    }

    // ---- set-up from the window ----

    /**
     * Makes the dialog ready for the window's current state: the views there are, the cursor's event
     * as the picture's event and the end of a walk, the first event of its phase as the walk's start.
     *
     * @param initial the view to show first (null: keep the last one)
     * @param region the part of the graph the window shows (world coordinates), or null
     * @param viewWidth the width of the view in the window
     * @param viewHeight the height of the view in the window
     */
    public void prepare(ExportView initial, Rectangle2D region, int viewWidth, int viewHeight) {
        shownRegion = region;
        windowWidth = Math.max(16, viewWidth);
        windowHeight = Math.max(16, viewHeight);
        updateViews();
        if (initial != null && views.contains(initial)) {
            view.set(initial);
        } else if (!views.contains(view.get())) {
            view.set(ExportView.GRAPH);
        }
        Cursor c = main.getCursor();
        int n = c == null ? 0 : c.schedule().size();
        eventCount.set(n);
        int at = c == null ? 0 : c.position() + 1;
        Event e = c == null ? null : c.current().orElse(null);
        int phaseStart = e == null ? 0 : c.schedule().firstIndexOf(e.phase()) + 1;
        to.set(at);
        from.set(Math.min(phaseStart, at));
        applyPreset();
        status.set("");
    }

    private void updateViews() {
        Session s = main.getSession();
        List<ExportView> v = new ArrayList<>();
        v.add(ExportView.GRAPH);
        boolean trained = trainingPlotted();
        boolean gated = trained || s != null && s.kase().config().cell() != CellType.RNN;
        for (ExportView x : ExportView.values()) {
            if (!x.isPlot() || x == ExportView.LOSS && !trained || x.isComparison() && !compared()
                    || (x == ExportView.GATES || x == ExportView.HEAT) && !gated) {
                continue;
            }
            v.add(x);
        }
        v.add(ExportView.CASE);
        views.setAll(v);
    }

    /** Whether the Training tab has plots (then the loss and the other training plots are offered). */
    public boolean trainingPlotted() {
        return training != null && training.plotsProperty().get() != null;
    }

    /** The strings of the window's language (the dialog is loaded with them). */
    public java.util.ResourceBundle bundle() {
        return main.getBundle();
    }

    private boolean compared() {
        return compare != null && compare.lossProperty().get() != null && compare.lossProperty().get().getSeriesCount() > 0;
    }

    private void updateFormats() {
        ExportView v = view.get() == null ? ExportView.GRAPH : view.get();
        List<Format> fs = new ArrayList<>();
        for (Format f : Format.values()) {
            if (v.formats().contains(f)) {
                fs.add(f);
            }
        }
        Format keep = format.get();
        formats.setAll(fs);
        format.set(fs.contains(keep) ? keep : fs.get(0));
    }

    private void applyPreset() {
        SizePreset p = preset.get();
        if (p == SizePreset.WINDOW) {
            width.set(Math.min(8192, windowWidth));
            height.set(Math.min(8192, windowHeight));
        } else if (p != SizePreset.CUSTOM && p != null) {
            width.set(p.width);
            height.set(p.height);
        }
    }

    // ---- actions ----

    /** The notation of the export: the window's (View ▸ Notation), so that exports match it. */
    public javafx.beans.property.ReadOnlyObjectProperty<org.unroll.graph.Notation> notationProperty() {
        return main.notationProperty();
    }

    /**
     * The request the dialog describes.
     *
     * @throws IllegalArgumentException naming what does not fit (the message is for the user)
     */
    public ExportRequest request() {
        Locale l = main.localeProperty().get();
        int last = to.get() - 1;
        int first = walk.get() ? from.get() - 1 : last;
        return new ExportRequest(view.get(), format.get(), width.get(), height.get(), scale.get(), l, title.get(),
                caption.get(), equation.get(), first, last, delay.get(),
                asShown.get() && view.get() == ExportView.GRAPH ? shownRegion : null)
                .withNotation(main.getNotation()).withPresentation(main.getPresentation());
    }

    /** What the export draws from: the open session, the Training tab's plots if it has any. */
    public ExportSource source() {
        Session s = main.getSession();
        PlotData plots = training == null ? null : training.plotsProperty().get();
        PlotView pv = training == null ? PlotView.DEFAULT
                : new PlotView(training.logLossProperty().get(), training.markedStepProperty().get());
        java.util.Map<String, org.jfree.data.xy.XYDataset> cmp = new java.util.HashMap<>();
        if (compared()) {
            cmp.put(org.unroll.charts.Plots.COMPARE_LOSS, compare.lossProperty().get());
            cmp.put(org.unroll.charts.Plots.COMPARE_GRADIENT, compare.gradientProperty().get());
        }
        return new ExportSource(s, plots, pv, cmp);
    }

    /** A file name for the request: {@code graph-event-93.png}, {@code walk-1-93.gif}, {@code gates.svg}. */
    public String suggestedFileName() {
        Format f = format.get();
        String base = switch (view.get()) {
            case GRAPH -> walk.get() ? "walk-" + from.get() + "-" + to.get()
                    : f == Format.CSV ? "trace" : "graph-event-" + to.get();
            case CASE -> main.getSession() == null ? "case" : main.getSession().title().replaceAll("\\.json$", "");
            default -> view.get().id();
        };
        return f == Format.FRAMES ? base + "-frames" : base + "." + f.extension();
    }

    /**
     * Writes the export in the background; the status then says what was written, and a problem
     * dialog says why not (the previous file, if any, untouched).
     *
     * @param out the file (a folder for frames)
     * @param done called on the UI thread after a successful export (may be null)
     */
    public void export(Path out, Runnable done) {
        Job job = job(false);
        if (job == null) {
            return;
        }
        ExportRequest r = job.request();
        ExportSource s = job.source();
        busy.set(true);
        cancelRequested = false;
        progress.set(-1);
        status.set(main.text("export.working"));
        Exporter.Progress follow = new Exporter.Progress() {
            @Override
            public void frame(int index, int count) {
                ui.execute(() -> {
                    progress.set(index / (double) count);
                    status.set(main.text("export.frame", index + 1, count));
                });
            }

            @Override
            public boolean cancelled() {
                return cancelRequested;
            }
        };
        background.run(() -> Exporter.write(r, s, out, follow), files -> {
            busy.set(false);
            progress.set(-1);
            status.set(files.size() == 1 ? main.text("export.wrote", out)
                    : main.text("export.wroteFrames", files.size(), out));
            // the status bar's copy follows the language (the dialog's own line closes with the dialog)
            if (files.size() == 1) {
                main.showText("export.wrote", out);
            } else {
                main.showText("export.wroteFrames", files.size(), out);
            }
            if (done != null) {
                done.run();
            }
        }, err -> {
            busy.set(false);
            progress.set(-1);
            if (err instanceof java.util.concurrent.CancellationException) {
                status.set(main.text("export.cancelled", out.getFileName()));
                main.showText("export.cancelled", out.getFileName());
                return;
            }
            String why = ExportErrors.describe(err, out, main.getBundle());
            status.set(why);
            main.report(new MainViewModel.Problem(main.text("export.error.title"), out.toString(), why));
        });
    }

    /**
     * Renders the request's picture in the background and hands it over on the UI thread (the
     * clipboard).
     *
     * @param into receives the image
     */
    public void renderImage(Consumer<BufferedImage> into) {
        Job job = job(true);
        if (job == null) {
            return;
        }
        busy.set(true);
        background.run(() -> Exporter.image(job.request(), job.source()), img -> {
            busy.set(false);
            status.set(main.text("export.copied", img.getWidth(), img.getHeight()));
            into.accept(img);
        }, err -> {
            busy.set(false);
            status.set(ExportErrors.describe(err, Path.of(main.text("export.clipboard")), main.getBundle()));
        });
    }

    /** Renders the preview in the background (a newer request cancels an older one: its picture never arrives). */
    public void refreshPreview() {
        Job job = job(true);
        if (job == null) {
            previews.cancel();
            preview.set(null);
            return;
        }
        ExportRequest r = job.request();
        previews.submit(() -> Exporter.image(r.withSize(r.width(), r.height(), 1), job.source()), preview::set, err -> {
            preview.set(null);
            status.set(ExportErrors.describe(err, Path.of("preview"), main.getBundle()));
        });
    }

    /** A request and its source, made on the UI thread and handed to the background. */
    private record Job(ExportRequest request, ExportSource source) {
    }

    /** The dialog's request (or its picture) with the source; null, with the reason shown, if it cannot be made. */
    private Job job(boolean picture) {
        try {
            return new Job(picture ? pictureRequest() : request(), source());
        } catch (IllegalArgumentException e) {
            status.set(e.getMessage());
            return null;
        }
    }

    /** The request as a picture: a PNG of the view (the case and the trace as the graph's picture). */
    private ExportRequest pictureRequest() {
        ExportRequest r = request();
        ExportView v = r.view() == ExportView.CASE ? ExportView.GRAPH : r.view();
        int at = r.to();
        return new ExportRequest(v, Format.PNG, r.width(), r.height(), r.scale(), r.locale(), r.title(), r.caption(),
                r.equation(), at, at, r.delayMillis(), r.region()).withNotation(r.notation())
                .withPresentation(r.presentation());
    }
}
