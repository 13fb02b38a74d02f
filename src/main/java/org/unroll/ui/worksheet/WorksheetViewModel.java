package org.unroll.ui.worksheet;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.unroll.export.ExportErrors;
import org.unroll.export.Format;
import org.unroll.export.Worksheet;
import org.unroll.export.WorksheetWriter;
import org.unroll.graph.Notation;
import org.unroll.session.Background;
import org.unroll.ui.MainViewModel;
import org.unroll.view.Session;

/**
 * File ▸ Worksheet…: the choices of the dialog (format, paper, notation, language, rounding digits,
 * where the answer key goes, the file) and the writing, in the background (never on the JavaFX
 * thread). The numbers are the window's case's: its trace and schedule, as {@link Worksheet} takes
 * them. A case too large for a worksheet is refused with {@link Worksheet#refusal}'s line, in the
 * window's language.
 */
public final class WorksheetViewModel {

    /** The formats offered, in the dialog's order. */
    public static final List<Format> FORMATS = List.of(Format.PDF, Format.MD, Format.TEX);

    private final Background background;
    private final MainViewModel main;
    private final ObjectProperty<Format> format = new SimpleObjectProperty<>(Format.PDF);
    private final ObjectProperty<Worksheet.Paper> paper = new SimpleObjectProperty<>(Worksheet.Paper.A4);
    private final ObjectProperty<Notation> notation = new SimpleObjectProperty<>(Notation.BOOK);
    private final ObjectProperty<Locale> language = new SimpleObjectProperty<>(Locale.ENGLISH);
    private final ObjectProperty<Integer> digits = new SimpleObjectProperty<>(Worksheet.DEFAULT_DIGITS);
    private final ObjectProperty<Worksheet.Key> key = new SimpleObjectProperty<>(Worksheet.Key.INCLUDED);
    private final ObjectProperty<Path> file = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper caseLine = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper refusal = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);

    /**
     * @param background where the worksheet is written
     * @param main the window: its case, notation and language
     */
    public WorksheetViewModel(Background background, MainViewModel main) {
        this.background = background;
        this.main = main;
        format.addListener((o, a, f) -> {
            Path p = file.get();
            if (p != null && f != null) {
                String n = p.getFileName().toString();
                int dot = n.lastIndexOf('.');
                file.set(p.resolveSibling((dot > 0 ? n.substring(0, dot) : n) + "." + f.extension()));
            }
        });
    }

    /**
     * Takes the window's case, notation and language (when the dialog opens): the choices
     * otherwise stay as they were left.
     */
    public void prepare() {
        notation.set(main.notationProperty().get());
        language.set(main.localeProperty().get());
        status.set("");
        Session s = main.getSession();
        if (s == null) {
            caseLine.set(main.text("worksheet.dialog.noCase"));
            refusal.set(main.text("worksheet.dialog.noCase"));
            return;
        }
        int t = s.trace().length();
        String no = Worksheet.refusal(s.kase().config(), t, main.localeProperty().get());
        refusal.set(no);
        String name = s.kase().name() == null ? "" : s.kase().name();
        String cell = main.text("worksheet.cell." + s.kase().config().cell().key());
        int h = s.kase().config().hiddenSize();
        // the blanks: one per event of the schedule, and one sum per parameter
        caseLine.set(no == null ? main.text("worksheet.dialog.case", name, cell, t, h,
                s.schedule().size() + s.schedule().graph().parameters().size())
                : main.text("worksheet.dialog.caseOnly", name, cell, t, h));
        if (no != null) {
            status.set(no);
        }
        if (file.get() == null) {
            String fileName = (name.isEmpty() ? "worksheet" : name) + "-worksheet." + format.get().extension();
            file.set(Path.of(System.getProperty("user.home", ".")).resolve(fileName));
        }
    }

    public ObjectProperty<Format> formatProperty() {
        return format;
    }

    public ObjectProperty<Worksheet.Paper> paperProperty() {
        return paper;
    }

    public ObjectProperty<Notation> notationProperty() {
        return notation;
    }

    public ObjectProperty<Locale> languageProperty() {
        return language;
    }

    /** Results are rounded to this many decimals, {@value Worksheet#MIN_DIGITS} … {@value Worksheet#MAX_DIGITS}. */
    public ObjectProperty<Integer> digitsProperty() {
        return digits;
    }

    public ObjectProperty<Worksheet.Key> keyProperty() {
        return key;
    }

    /** Where to save (the key, if separate, beside it: {@code NAME-key.EXT}). */
    public ObjectProperty<Path> fileProperty() {
        return file;
    }

    /** What the dialog says: working, written, or why not. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The case the sheet is of: name, cell, T, H, the number of blanks. */
    public ReadOnlyStringProperty caseLineProperty() {
        return caseLine.getReadOnlyProperty();
    }

    /** Why the window's case cannot be a worksheet (one line naming the limit), or null. */
    public ReadOnlyStringProperty refusalProperty() {
        return refusal.getReadOnlyProperty();
    }

    /** Whether a worksheet is being written. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The strings of the window's language (the dialog is loaded with them). */
    public java.util.ResourceBundle bundle() {
        return main.getBundle();
    }

    /**
     * Writes the worksheet in the background; the status then names the file(s) written, or says
     * why not (a case too large, no file chosen, a folder that cannot be written).
     *
     * @param done called on the UI thread with the files written (may be null)
     */
    public void write(java.util.function.Consumer<List<Path>> done) {
        Session s = main.getSession();
        if (s == null) {
            status.set(main.text("worksheet.dialog.noCase"));
            return;
        }
        String no = Worksheet.refusal(s.kase().config(), s.trace().length(), main.localeProperty().get());
        if (no != null) {
            status.set(no);
            return;
        }
        Path out = file.get();
        if (out == null) {
            status.set(main.text("worksheet.dialog.noFile"));
            return;
        }
        Worksheet.Options options = new Worksheet.Options(format.get(), paper.get(), notation.get(), language.get(),
                digits.get(), key.get());
        busy.set(true);
        status.set(main.text("worksheet.dialog.writing"));
        background.run(() -> WorksheetWriter.write(Worksheet.of(s, options), out), files -> {
            busy.set(false);
            status.set(files.size() == 1 ? main.text("worksheet.dialog.wrote", files.get(0))
                    : main.text("worksheet.dialog.wroteTwo", files.get(0), files.get(1)));
            main.showText(files.size() == 1 ? "worksheet.dialog.wrote" : "worksheet.dialog.wroteTwo",
                    files.stream().map(Path::toString).toArray());
            if (done != null) {
                done.accept(files);
            }
        }, err -> {
            busy.set(false);
            status.set(main.text("worksheet.dialog.failed", ExportErrors.describe(err, out, main.getBundle())));
        });
    }
}
