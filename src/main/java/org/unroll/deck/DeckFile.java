package org.unroll.deck;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.unroll.engine.Case;
import org.unroll.engine.CaseException;
import org.unroll.engine.CaseFile;
import org.unroll.engine.CellType;
import org.unroll.engine.Limits;
import org.unroll.engine.Message;
import org.unroll.graph.Notation;
import org.unroll.session.TrainingSetup;
import org.unroll.view.Presentation;

/**
 * Reads and writes decks ({@code "format": "unroll-deck"}) and scenes ({@code "format":
 * "unroll-scene"}), versions {@value #VERSION} and {@value #PREDICT_VERSION} (version 2 adds a
 * scene's optional {@code "predict"}; a file is written as version 1 unless a scene uses it, so
 * older apps still read it), with Jackson. Every field is checked; the first
 * problem is reported as a {@link DeckException} naming its JSON path, in one line. A scene file
 * reads as a deck of one scene. The built-in deck is {@value #BUILTIN_CHAPTER5}.
 */
public final class DeckFile {

    public static final String DECK_FORMAT = "unroll-deck";
    public static final String SCENE_FORMAT = "unroll-scene";
    /** The first version, what every file without a version-2 field is written as. */
    public static final int VERSION = 1;
    /** The version that adds a scene's {@code "predict"} (predict, then reveal); read and written when used. */
    public static final int PREDICT_VERSION = 2;
    /** The deck that follows chapter 5, shipped in the app. */
    public static final String BUILTIN_CHAPTER5 = "builtin:chapter5";

    private static final ObjectMapper MAPPER = CaseFile.strictJson().enable(SerializationFeature.INDENT_OUTPUT).build();

    private static final Set<String> DECK_KEYS = Set.of("format", "version", "title", "scenes");
    private static final Set<String> SCENE_KEYS = Set.of("title", "notes", "case", "cursor", "selected", "region",
            "tab", "notation", "language", "presentation", "rolled", "walk", "predict");
    private static final Set<String> SCENE_FILE_KEYS;

    static {
        java.util.HashSet<String> s = new java.util.HashSet<>(SCENE_KEYS);
        s.add("format");
        s.add("version");
        SCENE_FILE_KEYS = Set.copyOf(s);
    }

    private DeckFile() {
    }

    /**
     * Reads a deck by name: {@value #BUILTIN_CHAPTER5}, or a deck or scene file.
     *
     * @throws DeckException if the deck is not valid (or names no built-in deck)
     * @throws IOException if the file cannot be read
     */
    public static Deck read(String spec) throws DeckException, IOException {
        if (spec.startsWith("builtin:")) {
            return builtin(spec);
        }
        Path file;
        try {
            file = Path.of(spec);
        } catch (java.nio.file.InvalidPathException e) {
            throw new DeckException("", Message.of("problem.deck.notValidFileName"));
        }
        return read(file);
    }

    /** Reads a deck or scene file; relative case files are read from its folder. */
    public static Deck read(Path file) throws DeckException, IOException {
        byte[] json;
        try {
            json = org.unroll.engine.InputFile.readAllBytes(file, Limits.MAX_FILE_BYTES);
        } catch (org.unroll.engine.InputFile.Refused e) {
            throw new DeckException("", e.message());
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(json, base, file.toString());
    }

    /** The built-in deck of a name ({@value #BUILTIN_CHAPTER5}). */
    public static Deck builtin(String spec) throws DeckException {
        if (!BUILTIN_CHAPTER5.equals(spec)) {
            throw new DeckException("", Message.of("problem.deck.noBuiltin", spec, BUILTIN_CHAPTER5));
        }
        try (InputStream in = DeckFile.class.getResourceAsStream("/decks/chapter5.json")) {
            if (in == null) {
                throw new DeckException("", Message.of("problem.deck.builtinMissing"));
            }
            return parse(in.readAllBytes(), null, spec);
        } catch (IOException e) {
            throw new DeckException("", Message.of("problem.deck.builtinUnreadable", e.getMessage()));
        }
    }

    /**
     * Parses a deck or a scene from UTF-8 bytes.
     *
     * @param json the document
     * @param base the folder relative case files are read from (null: only built-in and embedded cases)
     * @param source what to call it
     */
    public static Deck parse(byte[] json, Path base, String source) throws DeckException {
        Message enc = org.unroll.engine.CaseFile.documentProblem(json);
        if (enc != null) {
            throw new DeckException("", enc);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (StreamConstraintsException e) {
            throw new DeckException("", Message.of("problem.json.beyondLimits", org.unroll.engine.JsonErrors.limit(e.getOriginalMessage())));
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage();
            if (msg != null && msg.startsWith("Duplicate field")) {
                String key = msg.substring(msg.indexOf('\'') + 1, msg.lastIndexOf('\''));
                String at = containerPath(e);
                throw new DeckException(at.isEmpty() ? key : at + "." + key, Message.of("problem.json.duplicateKey", key));
            }
            // one line in the reader's words, as for case files (engine.JsonErrors)
            org.unroll.engine.CaseException ce = org.unroll.engine.JsonErrors.describe(e);
            throw new DeckException(ce.path(), ce.problemMessage());
        } catch (IOException e) {
            throw new DeckException("", Message.of("problem.json.cannotRead", e.getMessage()));
        }
        if (root == null || root.isMissingNode()) {
            throw new DeckException("", Message.of("problem.json.empty"));
        }
        if (!root.isObject()) {
            throw new DeckException("", Message.of("problem.expected.jsonObject", org.unroll.engine.JsonErrors.kindOf(root)));
        }
        JsonNode fmt = root.get("format");
        if (fmt == null) {
            throw new DeckException("format", Message.of("problem.deck.format.missing", DECK_FORMAT, SCENE_FORMAT));
        }
        boolean scene = SCENE_FORMAT.equals(fmt.asText());
        if (!fmt.isTextual() || !(scene || DECK_FORMAT.equals(fmt.asText()))) {
            throw new DeckException("format", Message.of("problem.deck.format.wrong", DECK_FORMAT, SCENE_FORMAT,
                    org.unroll.engine.JsonErrors.shown(fmt)));
        }
        JsonNode version = root.get("version");
        if (version == null) {
            throw new DeckException("version", Message.of("problem.missing.expected", VERSION));
        }
        if (!version.isIntegralNumber() || version.asInt() != VERSION && version.asInt() != PREDICT_VERSION) {
            throw new DeckException("version", Message.of("problem.deck.version", org.unroll.engine.JsonErrors.shown(version),
                    VERSION, PREDICT_VERSION));
        }
        int v = version.asInt();
        if (scene) {
            keys(root, "", SCENE_FILE_KEYS);
            Scene s = scene(root, "", v);
            return new Deck(s.title(), List.of(s), base, source, true);
        }
        keys(root, "", DECK_KEYS);
        Text title = text(root, "title", "title", false);
        JsonNode scenes = root.get("scenes");
        if (scenes == null) {
            throw new DeckException("scenes", Message.of("problem.deck.scenes.missing"));
        }
        if (!scenes.isArray() || scenes.isEmpty()) {
            throw new DeckException("scenes", Message.of("problem.deck.scenes.empty", org.unroll.engine.JsonErrors.shown(scenes)));
        }
        List<Scene> list = new ArrayList<>();
        for (int i = 0; i < scenes.size(); i++) {
            String p = "scenes[" + i + "]";
            JsonNode s = scenes.get(i);
            if (!s.isObject()) {
                throw new DeckException(p, Message.of("problem.deck.scene.notObject", org.unroll.engine.JsonErrors.kindOf(s)));
            }
            keys(s, p, SCENE_KEYS);
            list.add(scene(s, p, v));
        }
        return new Deck(title, list, base, source, false);
    }

    private static Scene scene(JsonNode s, String p, int version) throws DeckException {
        Text title = text(s, "title", at(p, "title"), true);
        Text notes = text(s, "notes", at(p, "notes"), false);
        CaseRef kase = caseRef(s.get("case"), at(p, "case"));
        String cursor = eventRef(s.get("cursor"), at(p, "cursor"));
        String selected = optText(s, "selected", at(p, "selected"));
        if (selected != null && !selected.matches("[^@\\s]+(@\\d+)?")) {
            throw new DeckException(at(p, "selected"), Message.of("problem.deck.selected", selected));
        }
        Rectangle2D region = region(s.get("region"), at(p, "region"));
        String tab = optText(s, "tab", at(p, "tab"));
        if (tab != null && !Scene.TABS.contains(tab)) {
            throw new DeckException(at(p, "tab"), Message.of("problem.expected.oneOfList", String.join(", ", Scene.TABS),
                    "\"" + tab + "\""));
        }
        String nk = optText(s, "notation", at(p, "notation"));
        Notation notation = nk == null ? null : Notation.fromKey(nk);
        if (nk != null && notation == null) {
            throw new DeckException(at(p, "notation"), Message.of("problem.expected.got",
                    Message.of("problem.or4", "book", "tensorflow", "keras", "pytorch"), "\"" + nk + "\""));
        }
        String lang = optText(s, "language", at(p, "language"));
        if (lang != null && !lang.equals("en") && !lang.equals("ja")) {
            throw new DeckException(at(p, "language"), Message.of("problem.expected.got", Message.of("problem.or2", "en", "ja"),
                    "\"" + lang + "\""));
        }
        Dress pres = presentation(s.get("presentation"), at(p, "presentation"));
        JsonNode r = s.get("rolled");
        if (r != null && !r.isBoolean()) {
            throw new DeckException(at(p, "rolled"), Message.of("problem.expected.boolean", org.unroll.engine.JsonErrors.shown(r)));
        }
        Walk walk = walk(s.get("walk"), at(p, "walk"));
        JsonNode pr = s.get("predict");
        if (pr != null && version < PREDICT_VERSION) {
            throw new DeckException(at(p, "predict"), Message.of("problem.deck.predictVersion", PREDICT_VERSION, version));
        }
        if (pr != null && !pr.isBoolean()) {
            throw new DeckException(at(p, "predict"), Message.of("problem.expected.boolean", org.unroll.engine.JsonErrors.shown(pr)));
        }
        return new Scene(title, notes, kase, cursor, selected, region, tab, notation,
                lang == null ? null : Locale.forLanguageTag(lang), pres, r == null ? null : r.asBoolean(), walk,
                pr == null ? null : pr.asBoolean());
    }

    private static CaseRef caseRef(JsonNode c, String p) throws DeckException {
        if (c == null) {
            throw new DeckException(p, Message.of("problem.deck.case.missing", "{\"train\": …}"));
        }
        if (c.isTextual()) {
            return CaseRef.of(caseName(c.asText(), p));
        }
        if (!c.isObject()) {
            throw new DeckException(p, Message.of("problem.deck.case.wrongKind", org.unroll.engine.JsonErrors.kindOf(c)));
        }
        if (c.has("format")) {
            try {
                return CaseRef.embedded(CaseFile.parse(MAPPER.writeValueAsBytes(c)));
            } catch (CaseException e) {
                throw new DeckException(e.path().isEmpty() ? p : p + "." + e.path(), e.problemMessage());
            } catch (JsonProcessingException e) {
                throw new DeckException(p, Message.of("problem.deck.case.unreadable", e.getOriginalMessage()));
            }
        }
        if (c.has("train")) {
            keys(c, p, Set.of("train"));
            return new CaseRef(null, null, null, train(c.get("train"), p + ".train"));
        }
        if (c.has("ref")) {
            keys(c, p, Set.of("ref", "truncate"));
            String ref = optText(c, "ref", p + ".ref");
            Integer k = null;
            JsonNode t = c.get("truncate");
            if (t != null && !t.isNull()) {
                if (!t.isIntegralNumber() || t.asLong() < 1 || t.asLong() > Limits.MAX_STEPS) {
                    throw new DeckException(p + ".truncate", Message.of("problem.expected.got", Message.of("problem.what.wholeNumberK1"),
                            org.unroll.engine.JsonErrors.shown(t)));
                }
                k = t.asInt();
            }
            return new CaseRef(caseName(ref, p + ".ref"), k, null, null);
        }
        throw new DeckException(p, Message.of("problem.deck.case.unknown", "\"format\": \"" + CaseFile.FORMAT + "\"",
                "{\"ref\": …}", "{\"train\": …}"));
    }

    private static String caseName(String name, String p) throws DeckException {
        if (name.isBlank()) {
            throw new DeckException(p, Message.of("problem.deck.case.empty"));
        }
        if (name.startsWith("builtin:") && !name.substring(8).matches("[a-z0-9-]+")) {
            throw new DeckException(p, Message.of("problem.deck.case.builtinName", name));
        }
        return name;
    }

    private static final Set<String> TRAIN_KEYS = Set.of("task", "cell", "hidden", "epochs", "seed", "lr", "batch",
            "steps", "samples", "clip", "truncate");

    private static TrainingSetup train(JsonNode t, String p) throws DeckException {
        if (t == null || !t.isObject()) {
            throw new DeckException(p, Message.of("problem.deck.train.notObject",
                    t == null ? Message.of("problem.got.nothing") : org.unroll.engine.JsonErrors.kindOf(t)));
        }
        keys(t, p, TRAIN_KEYS);
        TrainingSetup.Builder b = TrainingSetup.defaults().toBuilder();
        String task = optText(t, "task", p + ".task");
        if (task != null) {
            switch (task) {
                case "sine" -> b.task(TrainingSetup.Task.SINE);
                case "adding" -> b.task(TrainingSetup.Task.ADDING);
                default -> throw new DeckException(p + ".task", Message.of("problem.expected.got",
                        Message.of("problem.or2", "sine", "adding"), "\"" + task + "\""));
            }
        }
        String cell = optText(t, "cell", p + ".cell");
        if (cell != null) {
            CellType ct;
            try {
                ct = CellType.fromKey(cell);
            } catch (IllegalArgumentException e) {
                ct = null;
            }
            if (ct == null) {
                throw new DeckException(p + ".cell", Message.of("problem.expected.got",
                        Message.of("problem.or3", "rnn", "lstm", "gru"), "\"" + cell + "\""));
            }
            b.cell(ct);
        }
        Integer v;
        if ((v = whole(t, "hidden", p, 1, 256)) != null) {
            b.hidden(v);
        }
        if ((v = whole(t, "epochs", p, 0, 100_000)) != null) {
            b.epochs(v);
        }
        if ((v = whole(t, "batch", p, 1, 100_000)) != null) {
            b.batch(v);
        }
        if ((v = whole(t, "steps", p, 2, 1000)) != null) {
            b.addingLength(v);
        }
        if ((v = whole(t, "samples", p, 2, 100_000)) != null) {
            b.addingCount(v);
        }
        if ((v = whole(t, "truncate", p, 0, Limits.MAX_STEPS)) != null) {
            b.truncation(v);
        }
        JsonNode seed = t.get("seed");
        if (seed != null) {
            if (!seed.isIntegralNumber()) {
                throw new DeckException(p + ".seed", Message.of("problem.expected.got", Message.of("problem.what.wholeNumber"),
                        org.unroll.engine.JsonErrors.shown(seed)));
            }
            b.seed(seed.asLong());
        }
        Double d;
        if ((d = positive(t, "lr", p)) != null) {
            b.learningRate(d);
        }
        JsonNode clip = t.get("clip");
        if (clip != null) {
            if (!clip.isNumber() || clip.asDouble() < 0) {
                throw new DeckException(p + ".clip", Message.of("problem.expected.got", Message.of("problem.what.numberAtLeast0"),
                        org.unroll.engine.JsonErrors.shown(clip)));
            }
            b.clip(clip.asDouble());
        }
        return b.build();
    }

    private static Integer whole(JsonNode o, String key, String p, int lo, int hi) throws DeckException {
        JsonNode n = o.get(key);
        if (n == null) {
            return null;
        }
        if (!n.isIntegralNumber() || n.asLong() < lo || n.asLong() > hi) {
            throw new DeckException(p + "." + key, Message.of("problem.expected.got", Message.of("problem.what.wholeNumberRange", lo, hi),
                    org.unroll.engine.JsonErrors.shown(n)));
        }
        return n.asInt();
    }

    private static Double positive(JsonNode o, String key, String p) throws DeckException {
        JsonNode n = o.get(key);
        if (n == null) {
            return null;
        }
        if (!n.isNumber() || !(n.asDouble() > 0) || Double.isInfinite(n.asDouble())) {
            throw new DeckException(p + "." + key, Message.of("problem.expected.got", Message.of("problem.what.positive"),
                    org.unroll.engine.JsonErrors.shown(n)));
        }
        return n.asDouble();
    }

    private static String eventRef(JsonNode c, String p) throws DeckException {
        if (c == null || c.isNull()) {
            return null;
        }
        if (c.isIntegralNumber() && c.asLong() >= 0 && c.asLong() <= Integer.MAX_VALUE) {
            return Long.toString(c.asLong());
        }
        if (c.isTextual() && EventRef.wellFormed(c.asText())) {
            return c.asText().strip();
        }
        throw new DeckException(p, Message.of("problem.deck.event", org.unroll.engine.JsonErrors.shown(c)));
    }

    private static Rectangle2D region(JsonNode r, String p) throws DeckException {
        if (r == null || r.isNull()) {
            return null;
        }
        if (!r.isArray() || r.size() != 4) {
            throw new DeckException(p, Message.of("problem.deck.region", org.unroll.engine.JsonErrors.shown(r)));
        }
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            JsonNode n = r.get(i);
            if (!n.isNumber() || !Double.isFinite(n.asDouble()) || (i >= 2 && !(n.asDouble() > 0))) {
                throw new DeckException(p + "[" + i + "]", i >= 2
                        ? Message.of("problem.expected.got", Message.of("problem.what.positive"), org.unroll.engine.JsonErrors.shown(n))
                        : Message.of("problem.expected.number", org.unroll.engine.JsonErrors.shown(n)));
            }
            v[i] = n.asDouble();
        }
        return new Rectangle2D.Double(v[0], v[1], v[2], v[3]);
    }

    private static Dress presentation(JsonNode n, String p) throws DeckException {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            throw new DeckException(p, Message.of("problem.expected.got", "{\"typeSize\": 0.." + Presentation.MAX_TYPE_SIZE
                    + ", \"highContrast\": …, \"logErrors\": …}", org.unroll.engine.JsonErrors.kindOf(n)));
        }
        keys(n, p, Set.of("typeSize", "highContrast", "logErrors"));
        Integer size = whole(n, "typeSize", p, 0, Presentation.MAX_TYPE_SIZE);
        return new Dress(size, bool(n, "highContrast", p), bool(n, "logErrors", p));
    }

    private static Boolean bool(JsonNode o, String key, String p) throws DeckException {
        JsonNode n = o.get(key);
        if (n == null) {
            return null;
        }
        if (!n.isBoolean()) {
            throw new DeckException(p + "." + key, Message.of("problem.expected.boolean", org.unroll.engine.JsonErrors.shown(n)));
        }
        return n.asBoolean();
    }

    /** The walk's rules, as the messages list them. */
    private static final Message EVENTS = Message.of("problem.or4", "all", "only", "skip-zero-errors", "none");
    /** What "only" takes, as the messages say it. */
    private static final Message ONLY = Message.of("problem.deck.only.what", "forward, loss, backward, gradients",
            "PHASE:KEY", "backward:p");

    private static Walk walk(JsonNode w, String p) throws DeckException {
        if (w == null || w.isNull()) {
            return Walk.NONE;
        }
        if (!w.isObject()) {
            throw new DeckException(p, Message.of("problem.expected.got", "{\"events\": all | only | skip-zero-errors, …}",
                    org.unroll.engine.JsonErrors.kindOf(w)));
        }
        keys(w, p, Set.of("events", "only", "to"));
        String ev = optText(w, "events", p + ".events");
        if (ev == null) {
            throw new DeckException(p + ".events", Message.of("problem.missing.expected", EVENTS));
        }
        Walk.Rule rule = Walk.Rule.fromKey(ev);
        if (rule == null) {
            throw new DeckException(p + ".events", Message.of("problem.expected.got", EVENTS, "\"" + ev + "\""));
        }
        String to = eventRef(w.get("to"), p + ".to");
        String only = optText(w, "only", p + ".only");
        if (rule == Walk.Rule.ONLY) {
            if (only == null) {
                throw new DeckException(p + ".only", Message.of("problem.missing.expected", ONLY));
            }
            Walk x = Walk.only(only, to);
            if (x == null) {
                throw new DeckException(p + ".only", Message.of("problem.expected.got", ONLY, "\"" + only + "\""));
            }
            return x;
        }
        if (only != null) {
            throw new DeckException(p + ".only", Message.of("problem.deck.only.notOnly", ev));
        }
        return new Walk(rule, null, null, to);
    }

    // ---- helpers ----

    /** The JSON path of the object the parser was in ("" at the top level). */
    private static String containerPath(JsonProcessingException e) {
        if (!(e.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser p) || p.getParsingContext() == null) {
            return "";
        }
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        for (com.fasterxml.jackson.core.JsonStreamContext c = p.getParsingContext().getParent(); c != null && !c.inRoot();
                c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + c.getCurrentIndex() + "]");
            } else if (c.getCurrentName() != null) {
                parts.push("." + c.getCurrentName());
            }
        }
        String s = String.join("", parts);
        return s.startsWith(".") ? s.substring(1) : s;
    }

    private static String at(String p, String key) {
        return p.isEmpty() ? key : p + "." + key;
    }

    private static void keys(JsonNode o, String p, Set<String> known) throws DeckException {
        for (Iterator<String> it = o.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!known.contains(k)) {
                throw new DeckException(at(p, k), Message.of("problem.unknownKey.oneOf",
                        String.join(", ", known.stream().sorted().toList())));
            }
        }
    }

    private static Text text(JsonNode o, String key, String p, boolean required) throws DeckException {
        JsonNode n = o.get(key);
        if (n == null || n.isNull()) {
            if (required) {
                throw new DeckException(p, Message.of("problem.deck.text.missing", "{\"en\": …, \"ja\": …}"));
            }
            return Text.EMPTY;
        }
        if (n.isTextual()) {
            return new Text(n.asText(), null);
        }
        if (!n.isObject()) {
            throw new DeckException(p, Message.of("problem.deck.text.wrong", "{\"en\": …, \"ja\": …}",
                    org.unroll.engine.JsonErrors.kindOf(n)));
        }
        keys(n, p, Set.of("en", "ja"));
        String en = optText(n, "en", p + ".en");
        if (en == null) {
            throw new DeckException(p + ".en", Message.of("problem.deck.text.noEnglish"));
        }
        return new Text(en, optText(n, "ja", p + ".ja"));
    }

    private static String optText(JsonNode o, String key, String p) throws DeckException {
        JsonNode n = o.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new DeckException(p, Message.of("problem.expected.string", org.unroll.engine.JsonErrors.shown(n)));
        }
        return n.asText();
    }

    // ---- writing ----

    /**
     * Writes one scene as an {@code unroll-scene} file: the case embedded (weights and sequence,
     * without the expected block), so the file stands alone.
     *
     * @param scene the scene (its case must be embedded, or a reference, not training settings)
     * @param out the stream (not closed)
     */
    public static void writeScene(Scene scene, OutputStream out) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", SCENE_FORMAT);
        root.put("version", scene.predict() != null ? PREDICT_VERSION : VERSION);
        fill(root, scene);
        write(root, out);
    }

    /** Writes a deck as an {@code unroll-deck} file (embedded cases stay embedded). */
    public static void writeDeck(Deck deck, OutputStream out) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", DECK_FORMAT);
        root.put("version", deck.scenes().stream().anyMatch(x -> x.predict() != null) ? PREDICT_VERSION : VERSION);
        root.set("title", text(deck.title()));
        ArrayNode scenes = root.putArray("scenes");
        for (Scene s : deck.scenes()) {
            fill(scenes.addObject(), s);
        }
        write(root, out);
    }

    private static void write(ObjectNode root, OutputStream out) throws IOException {
        JsonGenerator g = MAPPER.getFactory().createGenerator(out);
        g.useDefaultPrettyPrinter();
        MAPPER.writeTree(g, root);
        g.flush();
        out.write('\n');
        out.flush();
    }

    private static void fill(ObjectNode o, Scene s) throws IOException {
        o.set("title", text(s.title()));
        o.set("notes", text(s.notes()));
        CaseRef c = s.kase();
        if (c.embedded() != null) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Case k = c.embedded().withExpected(null);
            CaseFile.write(k, null, bytes);
            o.set("case", MAPPER.readTree(bytes.toByteArray()));
        } else if (c.ref() != null && c.truncate() == null) {
            o.put("case", c.ref());
        } else if (c.ref() != null) {
            ObjectNode r = o.putObject("case");
            r.put("ref", c.ref());
            r.put("truncate", c.truncate());
        } else {
            throw new IOException("a scene trained from settings is written with its case embedded");
        }
        o.put("cursor", s.cursor());
        if (s.selected() != null) {
            o.put("selected", s.selected());
        }
        if (s.region() != null) {
            Rectangle2D r = s.region();
            o.putArray("region").add(r.getX()).add(r.getY()).add(r.getWidth()).add(r.getHeight());
        }
        if (s.tab() != null) {
            o.put("tab", s.tab());
        }
        if (s.notation() != null) {
            o.put("notation", s.notation().key());
        }
        if (s.language() != null) {
            o.put("language", s.language().getLanguage());
        }
        if (s.presentation() != null) {
            ObjectNode p = o.putObject("presentation");
            Dress d = s.presentation();
            if (d.typeSize() != null) {
                p.put("typeSize", d.typeSize());
            }
            if (d.highContrast() != null) {
                p.put("highContrast", d.highContrast());
            }
            if (d.logErrors() != null) {
                p.put("logErrors", d.logErrors());
            }
        }
        if (s.rolled() != null) {
            o.put("rolled", s.rolled());
        }
        if (s.predict() != null) {
            o.put("predict", s.predict());
        }
        Walk w = s.walk();
        if (w.rule() != Walk.Rule.NONE) {
            ObjectNode wn = o.putObject("walk");
            wn.put("events", w.rule().key());
            if (w.rule() == Walk.Rule.ONLY) {
                wn.put("only", w.onlyText());
            }
            if (w.to() != null) {
                wn.put("to", w.to());
            }
        }
    }

    private static JsonNode text(Text t) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("en", t.en());
        if (t.ja() != null) {
            n.put("ja", t.ja());
        }
        return n;
    }
}
