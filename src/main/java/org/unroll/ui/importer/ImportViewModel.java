package org.unroll.ui.importer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.unroll.engine.Case;
import org.unroll.engine.CellType;
import org.unroll.engine.ControlChars;
import org.unroll.engine.LossKind;
import org.unroll.engine.Message;
import org.unroll.engine.ModelConfig;
import org.unroll.engine.Sequence;
import org.unroll.interop.ImportOptions;
import org.unroll.interop.ImportSequences;
import org.unroll.interop.Imported;
import org.unroll.interop.Importers;
import org.unroll.session.Background;
import org.unroll.session.BackgroundTask;
import org.unroll.ui.common.LocalText;
import org.unroll.view.Session;
import org.unroll.ui.MainViewModel;

/**
 * File ▸ Import…: reads another framework's file on the worker ({@link Importers}), and says what
 * it found — framework and version, cell, sizes, activations, the mapping it applies and its notes —
 * or the one sentence of a refusal, in the window's language and again after a language switch
 * (ADR 0044); then opens the network as the current case on the input sequence the user chose
 * (zeros of T steps, a CSV, or the current case's sequence when the sizes match), the way File ▸
 * Open does. Every value shown comes from the reader.
 */
public final class ImportViewModel {

    /** The input sequence to open the network on. */
    public enum SequenceKind { ZEROS, CSV, CURRENT, TASK, TYPED }

    private final Background background;
    private final MainViewModel main;
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Imported> found = new ReadOnlyObjectWrapper<>();
    private final LocalText refusal;
    private final ReadOnlyBooleanWrapper reading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper currentFits = new ReadOnlyBooleanWrapper();
    private final ObservableList<String> summary = FXCollections.observableArrayList();
    private final ObservableList<String> mapping = FXCollections.observableArrayList();
    private final ObservableList<String> notes = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Integer> layer = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<SequenceKind> sequenceKind = new ReadOnlyObjectWrapper<>(SequenceKind.ZEROS);
    private final ReadOnlyObjectWrapper<Path> csv = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ImportSequences.Task> bookTask =
            new ReadOnlyObjectWrapper<>(ImportSequences.Task.ADDING);
    private final ReadOnlyBooleanWrapper taskFits = new ReadOnlyBooleanWrapper();
    private String typed = "";
    private int steps = 10;
    private BackgroundTask task;

    public ImportViewModel(Background background, MainViewModel main) {
        this.background = background;
        this.main = main;
        this.refusal = new LocalText(main.bundleProperty());
        main.sessionProperty().addListener((o, a, b) -> updateCurrentFits());
        // what was found, said again in the other language after View ▸ Language (the bundle is
        // set before the locale, so both are the new language's here)
        main.localeProperty().addListener((o, a, b) -> {
            if (found.get() != null) {
                describe(found.get());
            }
        });
    }

    // ---- what the dialog shows (read-only) ----

    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    /** The network read, or null (reading, refused, or nothing chosen). */
    public ReadOnlyObjectProperty<Imported> foundProperty() {
        return found.getReadOnlyProperty();
    }

    /** The refusal's one sentence in the window's language, or "". */
    public ReadOnlyStringProperty refusalProperty() {
        return refusal.property();
    }

    public ReadOnlyBooleanProperty readingProperty() {
        return reading.getReadOnlyProperty();
    }

    /** Whether the current case's sequence fits the network read (same I and O). */
    public ReadOnlyBooleanProperty currentFitsProperty() {
        return currentFits.getReadOnlyProperty();
    }

    /** Framework and version, cell and sizes, activations: a line each. */
    public ObservableList<String> summary() {
        return FXCollections.unmodifiableObservableList(summary);
    }

    public ObservableList<String> mapping() {
        return FXCollections.unmodifiableObservableList(mapping);
    }

    public ObservableList<String> notes() {
        return FXCollections.unmodifiableObservableList(notes);
    }

    public ReadOnlyObjectProperty<Integer> layerProperty() {
        return layer.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<SequenceKind> sequenceKindProperty() {
        return sequenceKind.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> csvProperty() {
        return csv.getReadOnlyProperty();
    }

    public int steps() {
        return steps;
    }

    public String text(String key, Object... args) {
        return main.text(key, args);
    }

    public java.util.ResourceBundle bundle() {
        return main.bundleProperty().get();
    }

    // ---- what the user does ----

    /** Reads a file in the background (a read under way is dropped); the layer chosen is kept. */
    public void read(Path f) {
        file.set(f);
        reread();
    }

    /** For a stacked model: the recurrent layer to import (0-based), or null; reads the file again. */
    public void chooseLayer(Integer l) {
        layer.set(l);
        if (file.get() != null) {
            reread();
        }
    }

    public void chooseSequence(SequenceKind k) {
        sequenceKind.set(k);
    }

    public void chooseSteps(int t) {
        steps = t;
    }

    /** The book's task a sequence is drawn from (for {@link SequenceKind#TASK}). */
    public ReadOnlyObjectProperty<ImportSequences.Task> taskProperty() {
        return bookTask.getReadOnlyProperty();
    }

    /** Whether the network read takes the task's sequences (the sine: I = 1; the adding problem: I = 2; O = 1). */
    public ReadOnlyBooleanProperty taskFitsProperty() {
        return taskFits.getReadOnlyProperty();
    }

    /** A task's name in the window's language. */
    public String taskName(ImportSequences.Task t) {
        return main.text(t == ImportSequences.Task.SINE ? "import.sequence.task.sine" : "import.sequence.task.adding");
    }

    public void chooseTask(ImportSequences.Task t) {
        bookTask.set(t);
        updateCurrentFits();
    }

    /** The numbers typed (for {@link SequenceKind#TYPED}): a line per step, inputs then targets. */
    public void chooseTyped(String text) {
        typed = text == null ? "" : text;
    }

    public void chooseCsv(Path p) {
        csv.set(p);
        sequenceKind.set(SequenceKind.CSV);
    }

    /**
     * Opens the network read as the current case on the sequence chosen (built on the worker, shown
     * like File ▸ Open); a problem (a bad CSV) is reported in the window's problem dialog.
     */
    public void open(Runnable onShown) {
        Imported im = found.get();
        if (im == null) {
            return;
        }
        SequenceKind kind = sequenceKind.get();
        Path csvFile = csv.get();
        int t = steps;
        ImportSequences.Task chosenTask = bookTask.get();
        String typedText = typed;
        Session current = main.getSession();
        main.build(() -> {
            ModelConfig c = im.config();
            // a sequence refused (an ImportException) goes to the problem dialog as it is, which says
            // it in the window's language (ADR 0044)
            Sequence s = switch (kind) {
                case ZEROS -> ImportSequences.zeros(t, c.inputSize(), c.outputSize(), c.hiddenSize());
                case CSV -> {
                    if (csvFile == null) {
                        throw new IllegalArgumentException(main.text("import.csv.none"));
                    }
                    yield ImportSequences.csv(csvFile, c.inputSize(), c.outputSize(), c.hiddenSize());
                }
                case CURRENT -> {
                    Sequence cs = current.kase().sequence();
                    yield Sequence.of(cs.inputs(), cs.targets(), c.hiddenSize());
                }
                case TASK -> ImportSequences.task(chosenTask, t, c.inputSize(), c.outputSize(), c.hiddenSize());
                case TYPED -> ImportSequences.typed(typedText, c.inputSize(), c.outputSize(), c.hiddenSize());
            };
            String name = stem(im.source());
            Case k = im.toCase(name, s, LossKind.MSE);
            return k;
        }, onShown);
    }

    private void reread() {
        if (task != null) {
            task.cancel();
        }
        Path f = file.get();
        ImportOptions options = ImportOptions.defaults().withLayer(layer.get());
        reading.set(true);
        found.set(null);
        refusal.setPlain("");
        summary.clear();
        mapping.clear();
        notes.clear();
        task = background.submit(() -> Importers.read(f, options), im -> {
            reading.set(false);
            show(im);
        }, err -> {
            reading.set(false);
            if (err instanceof Message.Localized l) {
                // the file's problem in the window's language, said again after a language switch
                refusal.setMessage(l.message());
            } else {
                refusal.setPlain(err instanceof IOException
                        ? (err.getMessage() == null ? err.toString() : err.getMessage()) : err.toString());
            }
            updateCurrentFits();
        });
    }

    private void show(Imported im) {
        describe(im);
        found.set(im);
        updateCurrentFits();
    }

    /** The summary, the mapping and the notes in the window's language. */
    private void describe(Imported im) {
        ModelConfig c = im.config();
        List<String> s = new ArrayList<>();
        s.add(main.text("import.found.framework", im.version() == null ? im.framework()
                : im.framework() + " " + im.version(), im.format(), im.source()));
        String cell = switch (c.cell()) {
            case RNN -> main.text("import.cell.rnn");
            case LSTM -> main.text("import.cell.lstm");
            case GRU -> main.text(c.resetAfter() ? "import.cell.gru.after" : "import.cell.gru.before");
        };
        s.add(main.text("import.found.cell", cell, c.inputSize(), c.hiddenSize(), c.outputSize()));
        s.add(main.text("import.found.activations", c.activation().key(),
                c.cell() == CellType.RNN ? "—" : c.gateActivation().key(), c.outputActivation().key()));
        summary.setAll(s);
        Locale l = main.localeProperty().get();
        mapping.setAll(said(im.mapping(), l));
        notes.setAll(said(im.notes(), l));
    }

    /**
     * The reader's lines in a language, the control characters of the file's names (layers,
     * arrays, modules) shown as escapes (ADR 0032): the list cells would act on them.
     */
    private static List<String> said(List<Message> lines, Locale l) {
        List<String> out = new ArrayList<>(lines.size());
        for (Message m : lines) {
            out.add(ControlChars.escape(m.text(l)));
        }
        return out;
    }

    private void updateCurrentFits() {
        Imported im = found.get();
        Session s = main.getSession();
        boolean fits = im != null && s != null && s.kase().config().inputSize() == im.config().inputSize()
                && s.kase().config().outputSize() == im.config().outputSize();
        currentFits.set(fits);
        if (!fits && sequenceKind.get() == SequenceKind.CURRENT) {
            sequenceKind.set(SequenceKind.ZEROS);
        }
        boolean taskOk = im != null && bookTask.get().fits(im.config().inputSize(), im.config().outputSize());
        taskFits.set(taskOk);
        if (!taskOk && sequenceKind.get() == SequenceKind.TASK) {
            sequenceKind.set(SequenceKind.ZEROS);
        }
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Cancels a read under way (the dialog closed). */
    public void cancel() {
        if (task != null) {
            task.cancel();
            task = null;
        }
        reading.set(false);
    }
}
