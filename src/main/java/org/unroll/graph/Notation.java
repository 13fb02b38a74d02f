package org.unroll.graph;

import org.unroll.engine.CellType;

/**
 * The names the app shows, in the notation of 詳解ディープラーニング chapter 5 where the book has
 * one, in one place. Pure functions.
 *
 * <p>Simple RNN (the book's names): {@code Wx = U}, {@code Wh = W}, {@code b}, {@code Wy = V},
 * {@code by = c}; p(t), h(t), q(t), y(t); errors {@code e_h(t) = ∂E/∂p(t)} and
 * {@code e_o(t) = ∂E/∂q(t)}.
 *
 * <p>LSTM and GRU: the parameters keep the roles of the case keys ({@code Wx_i → W_xi},
 * {@code Wh_i → W_hi}, {@code b_i}, {@code Wy → W_y}, {@code by → b_y}, {@code bh_a → b_ha}); the
 * peepholes {@code p_i, p_f, p_o} are shown as {@code w_ci, w_cf, w_co} so that they cannot be
 * mistaken for the pre-activations, which generalise the RNN's p(t) as {@code p_i(t)}, {@code p_f(t)} …
 * Gate activations are {@code i(t), f(t), o(t), a(t)} / {@code r(t), z(t), a(t)}, the cell state
 * {@code c(t)}; errors: {@code e_c(t) = ∂E/∂c(t)} (the book's 5.40) and
 * {@code δ_g(t) = ∂E/∂p_g(t)} for a gate's pre-activation. {@code ∂E/∂h(t)} is written out in full
 * for every cell (the book's {@code e_h} is the RNN's ∂E/∂p). The target is a bold
 * {@code \mathbf{t}(t)}, E_t the loss term of step t.
 *
 * <p>No method modifies its arguments (all are immutable values).
 */
public final class Notation {

    private Notation() {
    }

    /**
     * The plain-text label of a parameter.
     *
     * @param cell the cell type (not modified)
     * @param name the case-file parameter name
     */
    public static String parameterLabel(CellType cell, String name) {
        if (cell == CellType.RNN) {
            return switch (name) {
                case "Wx" -> "U";
                case "Wh" -> "W";
                case "b" -> "b";
                case "Wy" -> "V";
                case "by" -> "c";
                default -> name;
            };
        }
        return switch (name) {
            case "Wy" -> "W_y";
            case "by" -> "b_y";
            case "bh_a" -> "b_ha";
            case "p_i" -> "w_ci";
            case "p_f" -> "w_cf";
            case "p_o" -> "w_co";
            default -> name.startsWith("Wx_") ? "W_x" + name.substring(3)
                    : name.startsWith("Wh_") ? "W_h" + name.substring(3) : name;
        };
    }

    /**
     * The LaTeX symbol of a parameter ({@code U}, {@code W_{hi}}, {@code w_{ci}}, {@code b_{ha}} …).
     *
     * @param cell the cell type
     * @param name the case-file parameter name
     */
    public static String parameterLatex(CellType cell, String name) {
        String l = parameterLabel(cell, name);
        int u = l.indexOf('_');
        if (u < 0) {
            return l;
        }
        String sub = l.substring(u + 1);
        return l.substring(0, u) + "_" + (sub.length() == 1 ? sub : "{" + sub + "}");
    }

    /**
     * The plain-text label of a node at step {@code t}: {@code x(3)}, {@code p(3)}, {@code p_i(3)},
     * {@code i(3)}, {@code h(0)}, {@code E_3}, {@code E}, or a parameter's label.
     *
     * @param cell the cell type
     * @param kind the node kind
     * @param key the node's trace key
     * @param t the step
     */
    public static String label(CellType cell, NodeKind kind, String key, int t) {
        return switch (kind) {
            case PARAMETER -> parameterLabel(cell, key);
            case LOSS -> "E";
            case LOSS_TERM -> "E_" + t;
            default -> base(kind, key) + "(" + t + ")";
        };
    }

    /**
     * The LaTeX symbol of a node's value, its time written as {@code time} ({@code "t"},
     * {@code "t-1"}, {@code "3"}): {@code p_{i}(t)}, {@code h(t-1)}, {@code E_{t}}, {@code W}.
     *
     * @param cell the cell type
     * @param node the node (not modified)
     * @param time how to write its time step (ignored for parameters and E)
     */
    public static String latex(CellType cell, Node node, String time) {
        return switch (node.kind()) {
            case PARAMETER -> parameterLatex(cell, node.key());
            case LOSS -> "E";
            case LOSS_TERM -> "E_{" + time + "}";
            default -> {
                String b = base(node.kind(), node.key());
                int u = b.indexOf('_');
                yield (u < 0 ? b : b.substring(0, u) + "_{" + b.substring(u + 1) + "}") + "(" + time + ")";
            }
        };
    }

    /**
     * The LaTeX symbol of a node's error: {@code e_o(t)} (q), {@code e_h(t)} (the RNN's p),
     * {@code \delta_{i}(t)} (a gate's pre-activation), {@code e_c(t)} (c and c(0)),
     * {@code \frac{\partial E}{\partial h(t)}} (h and h(0)), {@code \frac{\partial E}{\partial W}}
     * (a parameter's gradient), otherwise {@code \frac{\partial E}{\partial …}}.
     *
     * @param cell the cell type
     * @param node the node
     * @param time how to write its time step
     */
    public static String deltaLatex(CellType cell, Node node, String time) {
        String k = node.key();
        if (node.kind() == NodeKind.OUTPUT_PRE) {
            return "e_o(" + time + ")";
        }
        if (node.kind() == NodeKind.PRE) {
            return cell == CellType.RNN ? "e_h(" + time + ")" : "\\delta_{" + k.substring(4) + "}(" + time + ")";
        }
        if (k.equals("c") || k.equals("c0")) {
            return "e_c(" + time + ")";
        }
        return "\\frac{\\partial E}{\\partial " + latex(cell, node, time) + "}";
    }

    private static String base(NodeKind kind, String key) {
        return switch (key) {
            case "h0" -> "h";
            case "c0" -> "c";
            default -> kind == NodeKind.PRE && key.startsWith("pre_") ? "p_" + key.substring(4) : key;
        };
    }
}
