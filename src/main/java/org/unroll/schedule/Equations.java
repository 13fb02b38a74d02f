package org.unroll.schedule;

import static org.unroll.schedule.Expr.delta;
import static org.unroll.schedule.Expr.fn;
import static org.unroll.schedule.Expr.had;
import static org.unroll.schedule.Expr.mat;
import static org.unroll.schedule.Expr.minus;
import static org.unroll.schedule.Expr.oneMinus;
import static org.unroll.schedule.Expr.paren;
import static org.unroll.schedule.Expr.seq;
import static org.unroll.schedule.Expr.sum;
import static org.unroll.schedule.Expr.text;
import static org.unroll.schedule.Expr.val;
import static org.unroll.schedule.Expr.valT;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.unroll.engine.CellType;
import org.unroll.engine.LossKind;
import org.unroll.engine.ModelConfig;
import org.unroll.engine.OutputActivation;
import org.unroll.engine.ParamLayout;
import org.unroll.graph.Edge;
import org.unroll.graph.Node;
import org.unroll.graph.NodeKind;
import org.unroll.graph.UnrolledGraph;

/**
 * The right-hand sides of the equations, built from the graph: a forward value from the node's
 * input edges, an error from its consumer edges (the chain rule: one term per consumer, folding
 * through the nodes whose error the trace does not keep — a gate activation, y(t), and for the
 * RNN h(t) as the activation of p(t), which gives the book's e_h(t) = (W^T e_h(t+1) + V^T e_o(t))
 * ⊙ f'(p(t))), a gradient term from the edges that read the parameter at that step. The local
 * derivative of each kind of edge is written here, once per node kind and cell.
 */
final class Equations {

    private final UnrolledGraph g;
    private final ModelConfig cfg;
    private final CellType cell;
    private final ParamLayout layout;
    /** The gates' function, as the cell's option says (σ or the hard sigmoid). */
    private final String gate;
    private final LossKind loss;
    private final int targets;

    Equations(UnrolledGraph g, LossKind loss, int targets) {
        this.g = g;
        this.cfg = g.config();
        this.cell = cfg.cell();
        this.layout = ParamLayout.of(cfg);
        this.gate = cfg.gateActivation().latex();
        this.loss = loss;
        this.targets = targets;
    }

    // ------------------------------------------------------------------ graph helpers

    /** The node an input edge of {@code n} comes from, by key ("h" matches h0 too). */
    private Node in(Node n, String key) {
        for (Edge e : g.inputsOf(n)) {
            String k = e.from().key();
            if (k.equals(key) || (k.equals(key + "0") && e.from().kind() == NodeKind.INITIAL_STATE)) {
                return e.from();
            }
        }
        throw new IllegalStateException("no input " + key + " into " + n);
    }

    private boolean isVector(Node param) {
        return layout.param(param.key()).vector();
    }

    private boolean gruA(Node n) {
        return cell == CellType.GRU && n.key().equals("pre_a");
    }

    // ------------------------------------------------------------------ forward

    /** The right-hand side of a forward value, or null for a given one (x(t), h(0), c(0)). */
    Expr forward(Node n) {
        return switch (n.kind()) {
            case INPUT, INITIAL_STATE, PARAMETER -> null;
            case PRE, OUTPUT_PRE -> gruA(n) ? gruCandidate(n) : affine(n);
            case GATE -> n.key().equals("a") ? fn("f", val(in(n, "pre_a")), cfg.activation()::apply)
                    : fn(gate, val(in(n, "pre_" + n.key())), cfg.gateActivation()::apply);
            case HIDDEN -> switch (cell) {
                case RNN -> fn("f", val(in(n, "p")), cfg.activation()::apply);
                case LSTM -> had(val(in(n, "o")), fn("f", val(in(n, "c")), cfg.activation()::apply));
                case GRU -> sum(had(val(in(n, "z")), val(in(n, "h"))),
                        had(paren(oneMinus(val(in(n, "z")))), val(in(n, "a"))));
            };
            case CELL -> sum(had(val(in(n, "i")), val(in(n, "a"))), had(val(in(n, "f")), val(in(n, "c"))));
            case OUTPUT -> fn("g", val(in(n, "q")));
            case LOSS_TERM -> lossTerm(n);
            case LOSS -> {
                List<Node> terms = new ArrayList<>();
                for (Edge e : g.inputsOf(n)) {
                    terms.add(e.from());
                }
                yield new Expr.Summation("\\sum_{t \\in S} E_t", terms);
            }
        };
    }

    private Expr affine(Node n) {
        List<Expr> terms = new ArrayList<>();
        for (Edge e : g.inputsOf(n)) {
            Node p = e.parameter();
            if (p == null) {
                terms.add(val(e.from()));
            } else if (isVector(p)) {
                terms.add(had(val(p), val(e.from())));
            } else {
                terms.add(mat(val(p), val(e.from())));
            }
        }
        return sum(terms);
    }

    private Expr gruCandidate(Node n) {
        Node x = in(n, "x");
        Node hp = in(n, "h");
        Node r = in(n, "r");
        Node wx = g.parameter("Wx_a");
        Node wh = g.parameter("Wh_a");
        Node b = g.parameter("b_a");
        if (!cfg.resetAfter()) {
            return sum(mat(val(wx), val(x)), mat(val(wh), paren(had(val(r), val(hp)))), val(b));
        }
        return sum(mat(val(wx), val(x)), val(b),
                had(val(r), paren(sum(mat(val(wh), val(hp)), val(g.parameter("bh_a"))))));
    }

    private Expr coefficient(boolean half) {
        int out = cfg.outputSize();
        long n = (long) targets * out;
        return switch (loss) {
            case MSE -> new Expr.Const(half ? "\\frac{1}{N}" : "\\frac{2}{N}",
                    (half ? "\\frac{1}{" : "\\frac{2}{") + n + "}");
            case SSE -> half ? new Expr.Const("\\frac{1}{2}", "\\frac{1}{2}") : null;
            case XENT -> cfg.outputActivation() == OutputActivation.SOFTMAX
                    ? new Expr.Const("\\frac{1}{|S|}", "\\frac{1}{" + targets + "}")
                    : new Expr.Const("\\frac{1}{N}", "\\frac{1}{" + n + "}");
        };
    }

    private Expr lossTerm(Node et) {
        Node y = in(et, "y");
        int t = et.step();
        Expr c = coefficient(true);
        if (loss != LossKind.XENT) {
            return seq(c, text(" \\left\\lVert "), val(y), text(" - "), new Expr.Target(t, false),
                    text(" \\right\\rVert^2"));
        }
        if (cfg.outputActivation() == OutputActivation.SOFTMAX) {
            return seq(text("-"), c, text(" "), new Expr.Target(t, true), text(" \\log "), val(y));
        }
        return seq(text("-"), c, text(" \\left("), new Expr.Target(t, true), text(" \\log "), val(y),
                text(" + \\left(1 - "), new Expr.Target(t, false), text("\\right)^\\top \\log\\left(1 - "),
                val(y), text("\\right)\\right)"));
    }

    // ------------------------------------------------------------------ backward

    /**
     * The right-hand side of a node's error.
     *
     * @param n a node with a delta key
     * @param allowed which consumers' errors take part (all, or those of one truncated window)
     */
    Expr error(Node n, Predicate<Node> allowed) {
        return switch (n.kind()) {
            case OUTPUT_PRE -> outputError(n, allowed);
            case PRE -> {
                Node act = activationOf(n);
                List<Expr> terms = exprs(activationTerms(act, allowed));
                if (terms.isEmpty()) {
                    yield text("0");
                }
                Expr inner = sum(terms);
                if (terms.size() > 1 || inner.isMatrixProduct()) {
                    inner = paren(inner);
                }
                yield seq(inner, text(" \\odot "), localDerivative(n, act));
            }
            case HIDDEN, CELL, INITIAL_STATE -> sum(exprs(stateTerms(n, allowed)));
            default -> throw new IllegalArgumentException("no error equation for " + n);
        };
    }

    /** One term of an error's chain rule: the edge it comes back along, and what it is. */
    record Term(Edge edge, Expr expr) {
    }

    /**
     * The factors of a node's error, each on the edge of the graph it comes back along: for a
     * pre-activation, the local derivative on the edge to its activation ({@code f'(p(t))} on
     * p(t) → h(t)) and one term per consumer of the activation on that consumer's edge
     * ({@code W^T e_h(t+1)} on h(t) → p(t+1), {@code V^T e_o(t)} on h(t) → q(t)); for a state
     * (h, c, their initial values), one term per consumer; for an output pre-activation, the
     * loss's derivative on q(t) → y(t). The same terms {@link #error} sums, in its order.
     *
     * @param n a node with a delta key
     * @param allowed which consumers' errors take part
     * @return the terms, the local derivative (if any) first
     */
    List<Term> factors(Node n, Predicate<Node> allowed) {
        List<Term> out = new ArrayList<>();
        switch (n.kind()) {
            case OUTPUT_PRE -> {
                for (Edge e : g.consumersOf(n)) {
                    out.add(new Term(e, outputError(n, allowed)));
                }
            }
            case PRE -> {
                Node act = activationOf(n);
                for (Edge e : g.consumersOf(n)) {
                    if (e.to().equals(act)) {
                        out.add(new Term(e, localDerivative(n, act)));
                    }
                }
                out.addAll(activationTerms(act, allowed));
            }
            case HIDDEN, CELL, INITIAL_STATE -> out.addAll(stateTerms(n, allowed));
            default -> throw new IllegalArgumentException("no error equation for " + n);
        }
        return out;
    }

    /** The activation a pre-activation feeds (a gate, or the RNN's h). */
    private Node activationOf(Node n) {
        Node act = null;
        for (Edge e : g.consumersOf(n)) {
            if (e.to().kind() == NodeKind.GATE || e.to().kind() == NodeKind.HIDDEN) {
                act = e.to();
            }
        }
        return act;
    }

    /** f'(p(t)) or σ'(p_i(t)): the engine's derivative of the activation at the pre-activation. */
    private Expr localDerivative(Node n, Node act) {
        if (cell == CellType.RNN || act.key().equals("a")) {
            org.unroll.engine.Activation f = cfg.activation();
            return fn("f'", val(n), x -> f.derivative(x, f.apply(x)));
        }
        org.unroll.engine.GateActivation s = cfg.gateActivation();
        return fn(gate + "'", val(n), x -> s.derivative(x, s.apply(x)));
    }

    private static List<Expr> exprs(List<Term> terms) {
        List<Expr> l = new ArrayList<>();
        for (Term t : terms) {
            l.add(t.expr());
        }
        return l;
    }

    private Expr outputError(Node q, Predicate<Node> allowed) {
        Node et = null;
        Node y = null;
        for (Edge e : g.consumersOf(q)) {
            y = e.to();
            for (Edge e2 : g.consumersOf(y)) {
                et = e2.to();
            }
        }
        if (et == null || !allowed.test(q)) {
            return text("0");
        }
        int t = q.step();
        Expr diff = paren(seq(val(y), text(" - "), new Expr.Target(t, false)));
        Expr c = coefficient(false);
        Expr scaled = c == null ? diff : seq(c, diff);
        if (loss == LossKind.XENT) {
            return scaled;
        }
        return switch (cfg.outputActivation()) {
            case LINEAR -> scaled;
            case SIGMOID -> had(had(scaled, val(y)), paren(seq(text("1 - "), val(y))));
            case SOFTMAX -> new Expr.Seq(List.of(paren(seq(text("\\mathrm{diag}\\left("), val(y), text("\\right) - "),
                    val(y), text(" "), valT(y))), text(" "), scaled), true);
        };
    }

    /** The terms of ∂E/∂(activation) through the activation's consumers. */
    private List<Term> activationTerms(Node act, Predicate<Node> allowed) {
        if (cell == CellType.RNN) {
            return stateTerms(act, allowed);
        }
        List<Term> terms = new ArrayList<>();
        for (Edge e : g.consumersOf(act)) {
            Node c = e.to();
            if (!allowed.test(c)) {
                continue;
            }
            String k = act.key();
            if (c.kind() == NodeKind.CELL) {
                Node partner = in(c, k.equals("i") ? "a" : k.equals("a") ? "i" : "c");
                terms.add(new Term(e, had(delta(c), val(partner))));
            } else if (c.kind() == NodeKind.HIDDEN && cell == CellType.LSTM) {
                terms.add(new Term(e, had(delta(c), fn("f", val(in(c, "c")), cfg.activation()::apply))));
            } else if (c.kind() == NodeKind.HIDDEN && k.equals("z")) {
                terms.add(new Term(e, had(delta(c), paren(minus(val(in(c, "h")), val(in(c, "a")))))));
            } else if (c.kind() == NodeKind.HIDDEN) {
                terms.add(new Term(e, had(delta(c), paren(oneMinus(val(in(c, "z")))))));
            } else if (c.key().equals("pre_a")) {
                Node hp = in(c, "h");
                Node wh = g.parameter("Wh_a");
                if (!cfg.resetAfter()) {
                    terms.add(new Term(e, had(mat(valT(wh), delta(c)), val(hp))));
                } else {
                    terms.add(new Term(e, had(delta(c), paren(sum(mat(val(wh), val(hp)), val(g.parameter("bh_a")))))));
                }
            } else {
                throw new IllegalStateException("unexpected consumer " + c + " of " + act);
            }
        }
        return terms;
    }

    /** The terms of ∂E/∂h or ∂E/∂c through its consumers, later steps first. */
    private List<Term> stateTerms(Node n, Predicate<Node> allowed) {
        List<Edge> out = new ArrayList<>(g.consumersOf(n));
        out.sort(Comparator.comparingInt((Edge e) -> -e.to().step()));
        List<Term> terms = new ArrayList<>();
        for (Edge e : out) {
            Node c = e.to();
            if (!allowed.test(c)) {
                continue;
            }
            Node p = e.parameter();
            switch (c.kind()) {
                case OUTPUT_PRE -> terms.add(new Term(e, mat(valT(p), delta(c))));
                case PRE -> {
                    if (isVector(p)) {
                        terms.add(new Term(e, had(val(p), delta(c))));
                    } else if (gruA(c) && !cfg.resetAfter()) {
                        terms.add(new Term(e, had(mat(valT(p), delta(c)), val(in(c, "r")))));
                    } else if (gruA(c)) {
                        terms.add(new Term(e, mat(valT(p), paren(had(delta(c), val(in(c, "r")))))));
                    } else {
                        terms.add(new Term(e, mat(valT(p), delta(c))));
                    }
                }
                case CELL -> terms.add(new Term(e, had(delta(c), val(in(c, "f")))));
                case HIDDEN -> {
                    if (cell == CellType.LSTM) {
                        terms.add(new Term(e, had(had(delta(c), val(in(c, "o"))), fn("f'", val(n),
                                x -> cfg.activation().derivative(x, cfg.activation().apply(x))))));
                    } else {
                        terms.add(new Term(e, had(delta(c), val(in(c, "z")))));
                    }
                }
                default -> throw new IllegalStateException("unexpected consumer " + c + " of " + n);
            }
        }
        return terms;
    }

    // ------------------------------------------------------------------ gradients

    /** The term step t adds to a parameter's gradient, from the edges that read it at step t. */
    Expr gradientTerm(Node param, int t) {
        List<Edge> es = new ArrayList<>();
        for (Edge e : g.edgesUsing(param)) {
            if (e.to().step() == t) {
                es.add(e);
            }
        }
        if (es.isEmpty()) {
            return text("0");
        }
        Node to = es.get(0).to();
        String k = param.key();
        if (cell == CellType.GRU && k.equals("Wh_a")) {
            Node r = in(to, "r");
            Node hp = in(to, "h");
            if (!cfg.resetAfter()) {
                return new Expr.Seq(List.of(delta(to), text(" "), paren(had(val(r), val(hp))), text("^\\top")), true);
            }
            return mat(paren(had(delta(to), val(r))), valT(hp));
        }
        if (k.equals("bh_a")) {
            return had(delta(to), val(in(to, "r")));
        }
        if (es.size() != 1) {
            throw new IllegalStateException(param + " is read " + es.size() + " times at step " + t);
        }
        Edge e = es.get(0);
        if (e.parameter() == null) {
            return delta(to);
        }
        if (isVector(param)) {
            return had(delta(to), val(e.from()));
        }
        return mat(delta(to), valT(e.from()));
    }
}
