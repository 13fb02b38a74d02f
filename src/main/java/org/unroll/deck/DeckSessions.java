package org.unroll.deck;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.unroll.engine.Case;
import org.unroll.engine.CaseException;
import org.unroll.engine.CaseFile;
import org.unroll.engine.Dataset;
import org.unroll.engine.Message;
import org.unroll.engine.Sequence;
import org.unroll.engine.Trainer;
import org.unroll.engine.TrainingConfig;
import org.unroll.graph.Node;
import org.unroll.session.BuiltinCases;
import org.unroll.session.DemoCase;
import org.unroll.session.TrainingSetup;
import org.unroll.view.Session;

/**
 * The scenes of one deck made ready, each case computed once: scenes on the same case share its
 * session. Thread-safe; {@link #resolve} computes, so call it off the JavaFX thread.
 */
public final class DeckSessions {

    private final Deck deck;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    public DeckSessions(Deck deck) {
        this.deck = deck;
    }

    public Deck deck() {
        return deck;
    }

    /**
     * Scene i made ready: its case computed (or taken from an earlier scene on the same case), its
     * cursor, selection and walk found.
     *
     * @throws DeckException naming the scene's JSON path when its case cannot be read or its cursor,
     *     walk or selection names nothing in the case
     */
    public Resolved resolve(int i) throws DeckException {
        Scene scene = deck.scene(i);
        String p = deck.pathOf(i);
        Session s = session(scene.kase(), at(p, "case"));
        int start;
        try {
            start = EventRef.resolve(scene.cursor(), s.schedule());
        } catch (IllegalArgumentException e) {
            throw new DeckException(at(p, "cursor"), Message.from(e));
        }
        int to = Integer.MIN_VALUE;
        if (scene.walk().to() != null) {
            try {
                to = EventRef.resolve(scene.walk().to(), s.schedule());
            } catch (IllegalArgumentException e) {
                throw new DeckException(at(p, "walk.to"), Message.from(e));
            }
            if (to < start) {
                throw new DeckException(at(p, "walk.to"), Message.of("problem.deck.walkBeforeCursor", to + 1, start + 1));
            }
        }
        int[] stops = Walks.stops(s.schedule(), start, scene.walk(), to);
        Node selected = null;
        if (scene.selected() != null) {
            selected = node(s, scene.selected());
            if (selected == null) {
                throw new DeckException(at(p, "selected"), Message.of("problem.deck.noNode", scene.selected(),
                        s.graph().config().cell().key(), s.graph().length()));
            }
        }
        return new Resolved(i, scene, s, stops, selected);
    }

    /** A node by {@code KEY@STEP}, or a parameter by its key; null if the graph has none. */
    public static Node node(Session s, String ref) {
        int at = ref.lastIndexOf('@');
        String key = at < 0 ? ref : ref.substring(0, at);
        int step = at < 0 ? 0 : Integer.parseInt(ref.substring(at + 1));
        for (Node n : s.graph().nodes()) {
            if (n.key().equals(key) && n.step() == step && (at >= 0 || n.isParameter())) {
                return n;
            }
        }
        return null;
    }

    /** How a scene file names a node: {@code h@3}, or a parameter's key. */
    public static String nodeRef(Node n) {
        return n.isParameter() ? n.key() : n.key() + "@" + n.step();
    }

    private Session session(CaseRef ref, String p) throws DeckException {
        String key = ref.cacheKey();
        Session s = sessions.get(key);
        if (s != null) {
            return s;
        }
        Case c = load(ref, p);
        Path file = ref.ref() != null && !ref.isBuiltin() && deck.base() != null ? deck.base().resolve(ref.ref()) : null;
        try {
            s = Session.compute(c, file);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new DeckException(p, Message.from(e));
        }
        Session had = sessions.putIfAbsent(key, s);
        return had != null ? had : s;
    }

    private Case load(CaseRef ref, String p) throws DeckException {
        Case c;
        if (ref.embedded() != null) {
            c = ref.embedded();
        } else if (ref.train() != null) {
            c = trained(ref.train(), p);
        } else if (ref.ref().equals(CaseRef.DEMO)) {
            c = DemoCase.create();
        } else if (ref.isBuiltin()) {
            c = builtinCase(ref.ref().substring("builtin:".length()), p);
        } else {
            c = fileCase(ref.ref(), p);
        }
        if (ref.truncate() != null) {
            c = new Case(c.name(), c.description(), c.config(), c.weights(), c.sequence(), c.loss(), ref.truncate(), null);
        }
        return c;
    }

    private static Case builtinCase(String name, String p) throws DeckException {
        try {
            return BuiltinCases.load(BuiltinCases.PREFIX + name);
        } catch (CaseException e) {
            throw new DeckException(p, e.path().isEmpty() ? e.message() : Message.of("problem.at", "builtin:" + name, e.message()));
        } catch (IOException e) {
            throw new DeckException(p, Message.of("problem.deck.builtinCaseUnreadable", "builtin:" + name, e.getMessage()));
        }
    }

    /** The cases the app ships ({@code builtin:NAME}), besides {@code builtin:demo}. */
    public static final java.util.List<String> BUILTIN_CASES = java.util.stream.Stream.concat(
            BuiltinCases.MINI.stream(), BuiltinCases.DECK.stream()).toList();

    private Case fileCase(String name, String p) throws DeckException {
        Path f;
        try {
            f = Path.of(name);
        } catch (java.nio.file.InvalidPathException e) {
            // a NUL in the name (found by the fuzzing, ADR 0032): no file can have it
            throw new DeckException(p, Message.of("problem.deck.caseFile.invalidName", name));
        }
        if (!f.isAbsolute()) {
            if (deck.base() == null) {
                throw new DeckException(p, Message.of("problem.deck.caseFile.relative", name));
            }
            f = deck.base().resolve(f);
        }
        try {
            return CaseFile.read(f);
        } catch (CaseException e) {
            throw new DeckException(p, Message.of("problem.at", name, e.message()));
        } catch (NoSuchFileException e) {
            throw new DeckException(p, Message.of("problem.deck.caseFile.none", name, f));
        } catch (IOException e) {
            throw new DeckException(p, Message.of("problem.deck.caseFile.unreadable", name, e.getMessage()));
        }
    }

    /** Trains as the settings say (deterministic: the seed decides all) and takes the first validation sequence. */
    static Case trained(TrainingSetup t, String p) throws DeckException {
        try {
            Dataset data = t.dataset();
            TrainingConfig cfg = t.config(data);
            Trainer trainer = new Trainer(cfg, data);
            if (t.epochs() > 0) {
                trainer.runEpochs(t.epochs(), null);
            }
            Sequence[] val = trainer.dataset().validation();
            Sequence sample = val.length > 0 ? val[0] : trainer.dataset().train()[0];
            return new Case(t.cell().key() + "-" + t.task().name().toLowerCase(java.util.Locale.ROOT),
                    "Trained for a deck: " + t.epochs() + " epochs, seed " + t.seed() + ".", cfg.model(),
                    trainer.weights().copy(), sample, cfg.loss(), cfg.truncate(), null);
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new DeckException(p, Message.of("problem.deck.cannotTrain", String.valueOf(e.getMessage())));
        }
    }

    private static String at(String p, String key) {
        return p.isEmpty() ? key : p + "." + key;
    }
}
