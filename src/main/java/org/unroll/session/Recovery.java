package org.unroll.session;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.unroll.engine.Case;
import org.unroll.engine.CaseException;
import org.unroll.engine.CaseFile;
import org.unroll.engine.JsonErrors;
import org.unroll.engine.Limits;
import org.unroll.engine.Message;
import org.unroll.engine.Trace;

/**
 * The app's session as the recovery file keeps it (ADR 0033): the case shown, with its unsaved
 * edits and trained weights (the case holds the weights the stepper shows), the edit history, the
 * cursor, the tab, the Training tab's settings and where its run was, and the deck and scene open.
 * Immutable: the window takes it on the JavaFX thread and a background thread writes it.
 *
 * @param savedAt when it was taken
 * @param kase the case shown (not modified by anyone)
 * @param trace its trace, for the case's {@code expected} block (null: the case's own)
 * @param file the file the case came from, or null
 * @param done the edits applied, oldest first
 * @param undone the edits undone (redo's), newest undone last
 * @param clean the edits applied when the case was last opened or saved ({@code done} equal to it: not edited)
 * @param savedAs the name the edited case was saved under, or null
 * @param cursor the cursor's event index (−1: before the first)
 * @param tab the tab shown ({@code inspector}, {@code training} …), or null
 * @param setup the Training tab's settings, or null
 * @param training the training run's state when taken ({@code PAUSED} …), or null without a run
 * @param epoch the run's last epoch (0 without one)
 * @param deck the deck open ({@code builtin:chapter5} or its file's absolute path), or null
 * @param scene the deck's scene, from 0 (−1 without a deck)
 * @param diverged whether the run ({@code FAILED}) failed by diverging, its last good weights kept
 */
public record Recovery(Instant savedAt, Case kase, Trace trace, Path file, List<CaseEdit> done, List<CaseEdit> undone,
                       List<CaseEdit> clean, String savedAs, int cursor, String tab, TrainingSetup setup,
                       TrainingRun.State training, int epoch, String deck, int scene, boolean diverged) {

    /** A session whose run, if any, did not diverge. */
    public Recovery(Instant savedAt, Case kase, Trace trace, Path file, List<CaseEdit> done, List<CaseEdit> undone,
                    List<CaseEdit> clean, String savedAs, int cursor, String tab, TrainingSetup setup,
                    TrainingRun.State training, int epoch, String deck, int scene) {
        this(savedAt, kase, trace, file, done, undone, clean, savedAs, cursor, tab, setup, training, epoch, deck, scene,
                false);
    }

    /** The value of the file's {@code format}. */
    public static final String FORMAT = "unroll-recovery";
    /** The version this Unroll writes and reads. */
    public static final int VERSION = 1;
    /** The largest recovery file read: a case at the case files' limit and the rest. */
    public static final long MAX_BYTES = Limits.MAX_FILE_BYTES + (4L << 20);

    private static final ObjectMapper MAPPER = CaseFile.strictJson().build();

    public Recovery {
        Objects.requireNonNull(savedAt, "savedAt");
        Objects.requireNonNull(kase, "kase");
        done = List.copyOf(done);
        undone = List.copyOf(undone);
        clean = List.copyOf(clean);
    }

    /** Whether the case differs from the one opened or last saved. */
    public boolean edited() {
        return !done.equals(clean);
    }

    // ---- writing ----

    /** Writes the recovery as JSON to a stream (not closed). Call it off the JavaFX thread. */
    public void writeTo(OutputStream out) throws IOException {
        ByteArrayOutputStream caseJson = new ByteArrayOutputStream();
        CaseFile.write(kase, trace, caseJson);
        JsonGenerator g = MAPPER.getFactory().createGenerator(out);
        g.setPrettyPrinter(new DefaultPrettyPrinter());
        g.writeStartObject();
        g.writeStringField("format", FORMAT);
        g.writeNumberField("version", VERSION);
        g.writeStringField("savedAt", savedAt.toString());
        if (file != null) {
            g.writeStringField("file", file.toAbsolutePath().toString());
        }
        g.writeNumberField("cursor", cursor);
        if (tab != null) {
            g.writeStringField("tab", tab);
        }
        g.writeObjectFieldStart("edits");
        writeEdits(g, "done", done);
        writeEdits(g, "undone", undone);
        writeEdits(g, "clean", clean);
        if (savedAs != null) {
            g.writeStringField("savedAs", savedAs);
        }
        g.writeEndObject();
        if (setup != null) {
            Checkpoint.writeSetup(g, setup);
        }
        if (training != null) {
            g.writeObjectFieldStart("training");
            g.writeStringField("state", training.name().toLowerCase(java.util.Locale.ROOT));
            g.writeNumberField("epoch", epoch);
            if (diverged && training == TrainingRun.State.FAILED) {
                g.writeBooleanField("diverged", true);
            }
            g.writeEndObject();
        }
        if (deck != null) {
            g.writeObjectFieldStart("deck");
            g.writeStringField("source", deck);
            g.writeNumberField("scene", scene);
            g.writeEndObject();
        }
        g.writeFieldName("case");
        g.writeTree(MAPPER.readTree(caseJson.toByteArray()));
        g.writeEndObject();
        g.flush();
    }

    private static void writeEdits(JsonGenerator g, String name, List<CaseEdit> edits) throws IOException {
        g.writeArrayFieldStart(name);
        for (CaseEdit e : edits) {
            g.writeStartObject();
            g.writeStringField("what", e.what().name().toLowerCase(java.util.Locale.ROOT));
            if (e.name() != null) {
                g.writeStringField("name", e.name());
            }
            g.writeNumberField("step", e.step());
            g.writeNumberField("row", e.row());
            g.writeNumberField("col", e.col());
            g.writeNumberField("before", e.before());
            g.writeNumberField("after", e.after());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    // ---- reading ----

    /** What a message says was found where nothing was. */
    private static final Message NOTHING = Message.of("problem.got.nothing");

    /**
     * Parses and validates a recovery file's bytes.
     *
     * @throws CheckpointException naming the JSON path of the first problem, in one line
     */
    public static Recovery parse(byte[] json) throws CheckpointException {
        if (json.length > MAX_BYTES) {
            throw new CheckpointException("", Message.of("problem.file.tooLarge", json.length, MAX_BYTES));
        }
        Message enc = CaseFile.documentProblem(json);
        if (enc != null) {
            throw new CheckpointException("", enc);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            CaseException c = JsonErrors.describe(e);
            throw new CheckpointException(c.path(), c.problemMessage());
        } catch (IOException e) {
            throw new CheckpointException("", Message.of("problem.json.cannotRead", e.getMessage()));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new CheckpointException("", Message.of("problem.json.empty"));
        }
        if (!root.isObject()) {
            throw new CheckpointException("", Message.of("problem.expected.object", JsonErrors.kindOf(root)));
        }
        JsonNode format = root.get("format");
        if (format == null || !format.isTextual() || !format.asText().equals(FORMAT)) {
            throw new CheckpointException("format", Message.of("problem.recovery.format", FORMAT,
                    format == null ? NOTHING : JsonErrors.shown(format)));
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isIntegralNumber() || !version.canConvertToInt() || version.asInt() != VERSION) {
            throw new CheckpointException("version", Message.of("problem.recovery.version", VERSION,
                    version == null ? NOTHING : JsonErrors.shown(version)));
        }
        keys(root, "", Set.of("format", "version", "savedAt", "file", "cursor", "tab", "edits", "setup", "training",
                "deck", "case"));
        Instant at;
        try {
            at = Instant.parse(text(root, "savedAt", "savedAt"));
        } catch (DateTimeParseException e) {
            throw new CheckpointException("savedAt", Message.of("problem.recovery.savedAt", "2026-12-02T13:30:00Z"));
        }
        Path file = null;
        if (root.has("file")) {
            try {
                file = Path.of(text(root, "file", "file"));
            } catch (InvalidPathException e) {
                throw new CheckpointException("file", Message.of("problem.notFileName"));
            }
        }
        int cursor = integer(root, "cursor", "cursor", -1, Integer.MAX_VALUE);
        String tab = root.has("tab") ? text(root, "tab", "tab") : null;
        JsonNode edits = object(root, "edits", "edits");
        keys(edits, "edits", Set.of("done", "undone", "clean", "savedAs"));
        List<CaseEdit> done = edits(edits, "done");
        List<CaseEdit> undone = edits(edits, "undone");
        List<CaseEdit> clean = edits(edits, "clean");
        String savedAs = edits.has("savedAs") ? text(edits, "savedAs", "edits.savedAs") : null;
        TrainingSetup setup = root.has("setup") ? Checkpoint.readSetup(root.get("setup")) : null;
        TrainingRun.State training = null;
        int epoch = 0;
        boolean diverged = false;
        if (root.has("training")) {
            JsonNode t = object(root, "training", "training");
            keys(t, "training", Set.of("state", "epoch", "diverged"));
            String s = text(t, "state", "training.state");
            try {
                training = TrainingRun.State.valueOf(s.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CheckpointException("training.state", Message.of("problem.recovery.trainingState", s));
            }
            epoch = integer(t, "epoch", "training.epoch", 0, Integer.MAX_VALUE);
            if (t.has("diverged")) {
                if (!t.get("diverged").isBoolean()) {
                    throw new CheckpointException("training.diverged", Message.of("problem.expected", Message.of("problem.or2", "true",
                            "false")));
                }
                diverged = t.get("diverged").booleanValue() && training == TrainingRun.State.FAILED;
            }
        }
        String deck = null;
        int scene = -1;
        if (root.has("deck")) {
            JsonNode d = object(root, "deck", "deck");
            keys(d, "deck", Set.of("source", "scene"));
            deck = text(d, "source", "deck.source");
            scene = integer(d, "scene", "deck.scene", 0, Integer.MAX_VALUE);
        }
        Case kase;
        try {
            kase = CaseFile.parse(MAPPER.writeValueAsBytes(object(root, "case", "case")));
        } catch (CaseException e) {
            throw new CheckpointException(e.path().isEmpty() ? "case" : "case." + e.path(), e.problemMessage());
        } catch (JsonProcessingException e) {
            throw new CheckpointException("case", Message.of("problem.json.cannotRead", e.getOriginalMessage()));
        }
        return new Recovery(at, kase, null, file, done, undone, clean, savedAs, cursor, tab, setup, training, epoch,
                deck, scene, diverged);
    }

    private static List<CaseEdit> edits(JsonNode parent, String key) throws CheckpointException {
        String path = "edits." + key;
        JsonNode a = parent.get(key);
        if (a == null || !a.isArray()) {
            throw new CheckpointException(path, Message.of("problem.expected.array", a == null ? NOTHING : JsonErrors.kindOf(a)));
        }
        List<CaseEdit> l = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            String p = path + "[" + i + "]";
            JsonNode e = a.get(i);
            if (!e.isObject()) {
                throw new CheckpointException(p, Message.of("problem.expected.object", JsonErrors.kindOf(e)));
            }
            keys(e, p, Set.of("what", "name", "step", "row", "col", "before", "after"));
            String w = text(e, "what", p + ".what");
            CaseEdit.What what = switch (w) {
                case "parameter" -> CaseEdit.What.PARAMETER;
                case "input" -> CaseEdit.What.INPUT;
                case "target" -> CaseEdit.What.TARGET;
                default -> throw new CheckpointException(p + ".what", Message.of("problem.expected.got",
                        Message.of("problem.or3", "parameter", "input", "target"), "\"" + w + "\""));
            };
            String name = e.has("name") ? text(e, "name", p + ".name") : null;
            l.add(new CaseEdit(what, name, integer(e, "step", p + ".step", 0, Integer.MAX_VALUE),
                    integer(e, "row", p + ".row", 0, Integer.MAX_VALUE), integer(e, "col", p + ".col", 0, Integer.MAX_VALUE),
                    number(e, "before", p + ".before"), number(e, "after", p + ".after")));
        }
        return l;
    }

    private static void keys(JsonNode n, String path, Set<String> allowed) throws CheckpointException {
        var it = n.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new CheckpointException(path.isEmpty() ? k : path + "." + k, Message.of("problem.unknownKey"));
            }
        }
    }

    private static JsonNode object(JsonNode parent, String key, String path) throws CheckpointException {
        JsonNode n = parent.get(key);
        if (n == null || !n.isObject()) {
            throw new CheckpointException(path, Message.of("problem.expected.object", n == null ? NOTHING : JsonErrors.kindOf(n)));
        }
        return n;
    }

    private static String text(JsonNode parent, String key, String path) throws CheckpointException {
        JsonNode n = parent.get(key);
        if (n == null || !n.isTextual()) {
            throw new CheckpointException(path, Message.of("problem.expected.string", n == null ? NOTHING : JsonErrors.kindOf(n)));
        }
        return n.asText();
    }

    private static int integer(JsonNode parent, String key, String path, int min, int max) throws CheckpointException {
        JsonNode n = parent.get(key);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < min || n.asInt() > max) {
            throw new CheckpointException(path, Message.of("problem.expected.got", Message.of("problem.what.wholeNumberFrom", min),
                    n == null ? NOTHING : JsonErrors.shown(n)));
        }
        return n.asInt();
    }

    private static double number(JsonNode parent, String key, String path) throws CheckpointException {
        JsonNode n = parent.get(key);
        if (n == null || !n.isNumber() || !Double.isFinite(n.asDouble())) {
            throw new CheckpointException(path, Message.of("problem.expected.finite", n == null ? NOTHING : JsonErrors.shown(n)));
        }
        return n.asDouble();
    }
}
