package org.unroll.graph;

import java.text.MessageFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ResourceBundle;
import org.unroll.engine.CellType;
import org.unroll.engine.GateActivation;
import org.unroll.engine.ModelConfig;

/**
 * The names the app shows — node labels, parameter labels, the LaTeX of the equations, the errors —
 * in one of four notations, in one place. The case file's keys never change ({@code Wx_i},
 * {@code pre_i} …); only what is shown does. Every method is a pure function of its arguments
 * (all immutable values); the enum is thread-safe.
 *
 * <h2>{@link #BOOK} — 詳解ディープラーニング chapter 5</h2>
 *
 * <p>Simple RNN (the book's own letters): {@code p(t) = U x(t) + W h(t−1) + b}, {@code h(t) = f(p(t))},
 * {@code q(t) = V h(t) + c}, {@code y(t) = g(q(t))}: {@code Wx = U}, {@code Wh = W}, {@code b},
 * {@code Wy = V}, {@code by = c}; errors {@code e_h(t) = ∂E/∂p(t)} and {@code e_o(t) = ∂E/∂q(t)}.
 *
 * <p>LSTM and GRU: the book's letters for their matrices could not be confirmed, so the RNN's
 * convention is extended: input weights {@code U_g} ({@code Wx_g}), recurrent weights {@code W_g}
 * ({@code Wh_g}), biases {@code b_g}, for g ∈ {i, f, o, a} (LSTM, a = the candidate) or {r, z, a}
 * (GRU); the output layer is {@code V} and {@code c} for every cell (the output bias {@code c} has
 * no time argument, the LSTM's cell state {@code c(t)} always has one). The diagonal peepholes
 * {@code p_i, p_f, p_o} are {@code w_ci, w_cf, w_co} (lower-case w: a vector; c: it reads the cell
 * state), so that they cannot be mistaken for the pre-activations; the GRU's reset-after bias
 * {@code bh_a} (inside the reset product, on the h side) is {@code b_ha}. Pre-activations generalise
 * the RNN's p(t) as {@code p_i(t)}, {@code p_f(t)} …; gate activations {@code i(t), f(t), o(t), a(t)}
 * / {@code r(t), z(t), a(t)}; cell state {@code c(t)}. Errors: {@code e_o(t)}, the RNN's
 * {@code e_h(t)}, {@code δ_g(t) = ∂E/∂p_g(t)} for a gate's pre-activation, {@code e_c(t) = ∂E/∂c(t)}
 * (the book's 5.40); {@code ∂E/∂h(t)} is written out in full for every cell (the book's {@code e_h}
 * is the RNN's ∂E/∂p). The target is a bold {@code \mathbf{t}(t)}, {@code E_t} the loss term of step t.
 *
 * <h2>The frameworks</h2>
 *
 * <p>The frameworks store fused matrices ({@link FusedKernel} lists them with their blocks); a case
 * parameter is labelled by the stored variable and, when the variable is fused, the block it is:
 * <ul>
 * <li>{@link #TENSORFLOW} (TF 1.x). Simple RNN: the letters of BasicRNNCell's docstring
 *     {@code output = new_state = act(W·input + U·state + B)}: {@code Wx = W}, {@code Wh = U},
 *     {@code b = B} (stored as one {@code kernel} [I+H, H] and {@code bias}). LSTMCell: one
 *     {@code kernel} [I+H, 4H] whose column blocks are i, j, f, o (j = the candidate, case a):
 *     {@code Wx_g = kernel[x,g]} (the x rows), {@code Wh_g = kernel[h,g]} (the h rows),
 *     {@code b_g = bias[g]}; peepholes {@code w_i_diag, w_f_diag, w_o_diag}. TF adds
 *     {@code forget_bias} (default 1.0) to f at run time without storing it, so the case's
 *     {@code b_f} = stored {@code bias[f]} + forget_bias ({@link #mapping}; in the equations
 *     {@code (bias_f + forget_bias)}). GRUCell:
 *     {@code gates/kernel} [I+H, 2H] with blocks r, u (u = update = case z), {@code gates/bias},
 *     {@code candidate/kernel} [I+H, H] and {@code candidate/bias} (case a: the candidate is c).
 *     GRUCell resets before the product; a reset-after case has no GRUCell equivalent.
 * <li>{@link #KERAS}: {@code kernel} (I, kH), {@code recurrent_kernel} (H, kH), {@code bias};
 *     LSTM blocks i, f, c, o (c = case a), GRU z, r, h (h = case a), the per-gate slices named as
 *     Keras 2's cells name them: {@code kernel_i}, {@code recurrent_kernel_i}, {@code bias_i}
 *     (LSTM), {@code input_bias_z} (GRU). With reset_after the GRU's bias is (2, 3H), row 0 the
 *     input bias, row 1 the recurrent bias: the case's {@code b_a} is {@code input_bias_h} =
 *     bias[0] h-block, {@code bh_a} is {@code recurrent_bias_h} = bias[1] h-block, and
 *     {@code b_z}, {@code b_r} are bias[0] + bias[1] of their blocks (labelled
 *     {@code input_bias_z}, {@code input_bias_r}; in the equations the sum). No peepholes.
 * <li>{@link #PYTORCH}: {@code weight_ih_l0} (kH, I), {@code weight_hh_l0} (kH, H) with row blocks
 *     i, f, g, o (g = case a) or r, z, n (n = case a): {@code Wx_g = weight_ih_l0[g]},
 *     {@code Wh_g = weight_hh_l0[g]}. PyTorch stores two biases {@code bias_ih_l0},
 *     {@code bias_hh_l0}; the case's one is their sum, labelled with the symbols of PyTorch's
 *     documentation ({@code b_ih+b_hh}, {@code b_ii+b_hi} …). Its GRU is always reset-after:
 *     {@code b_a = b_in}, {@code bh_a = b_hn} (inside the reset product); a reset-before case has no
 *     PyTorch equivalent. No peepholes.
 * </ul>
 * The output layer is a dense layer: {@code dense/kernel} (H, O) and {@code dense/bias} in TF and
 * Keras, {@code nn.Linear} {@code l2.weight} (O, H) and {@code l2.bias} in PyTorch (the book's
 * models call the recurrent layer {@code l1} and the output layer {@code l2}). A parameter a
 * framework has no name for keeps its case name.
 *
 * <p>In the equations (column vectors, as in the case format) a matrix the framework stores
 * transposed is written with {@code ^\top}: Keras's {@code x(t)·kernel_i} is
 * {@code \mathrm{kernel}_{i}^\top x(t)}, and where the equation transposes it (the backward pass)
 * the mark cancels. Node labels in the frameworks: {@code x(t)}, {@code h(t)}, {@code c(t)},
 * {@code y(t)} as in the book; a pre-activation is {@code pre_g(t)} with the framework's letter g
 * ({@code pre_h(t)} for the RNN's p, {@code pre_y(t)} for q); gate activations take the framework's
 * letters (TF {@code j(t)}, {@code u(t)}, GRU candidate {@code c(t)}; PyTorch {@code g(t)},
 * {@code n(t)}; Keras {@code c̃(t)} and {@code h̃(t)} for its c and h blocks, whose letters are the
 * cell and hidden state's). Errors are written in full, {@code ∂E/∂pre_j(t)}.
 *
 * <p>Where a framework's parameters do not map one-to-one onto the case, {@link #mapping} gives one
 * line (a bundle key and its arguments) for the inspector.
 */
public enum Notation {
    /** 詳解ディープラーニング (the default). */
    BOOK("book"),
    /** TensorFlow 1.x (BasicRNNCell, LSTMCell, GRUCell). */
    TENSORFLOW("tensorflow"),
    /** Keras (SimpleRNN, LSTM, GRU and Dense). */
    KERAS("keras"),
    /** PyTorch (nn.RNN, nn.LSTM, nn.GRU and nn.Linear). */
    PYTORCH("pytorch");

    /**
     * One line of explanation, as a bundle key and its {@link MessageFormat} arguments.
     *
     * @param bundleKey the key in {@code i18n.messages}
     * @param args the arguments ({0}, {1} …), plain text
     */
    public record Mapping(String bundleKey, List<String> args) {

        public Mapping {
            Objects.requireNonNull(bundleKey, "bundleKey");
            args = List.copyOf(args);
        }

        /** The line in a bundle's language. */
        public String format(ResourceBundle bundle) {
            String pattern = bundle.getString(bundleKey);
            return new MessageFormat(pattern, bundle.getLocale()).format(args.toArray());
        }
    }

    private final String key;

    Notation(String key) {
        this.key = key;
    }

    /** The key used on the command line and in settings: book, tensorflow, keras, pytorch. */
    public String key() {
        return key;
    }

    /** The notation of a key (case-insensitive), or null when the key is unknown. */
    public static Notation fromKey(String key) {
        for (Notation n : values()) {
            if (n.key.equalsIgnoreCase(key == null ? "" : key.trim())) {
                return n;
            }
        }
        return null;
    }

    /** The bundle key of the display name ({@code notation.book} …), for View ▸ Notation. */
    public String bundleKey() {
        return "notation." + key;
    }

    /** The display name in a bundle's language. */
    public String displayName(ResourceBundle bundle) {
        return bundle.getString(bundleKey());
    }

    /** Whether this is one of the frameworks (not the book). */
    public boolean isFramework() {
        return this != BOOK;
    }

    // ------------------------------------------------------------------ gates

    /**
     * The framework's letter for a case gate: {@code a} is TF's {@code j} (LSTM) and {@code c}
     * (GRU candidate), Keras's {@code c} / {@code h}, PyTorch's {@code g} / {@code n}; the GRU's
     * {@code z} is TF's {@code u}. Other gates keep their letters; the book's are the case's.
     *
     * @param config the network
     * @param caseGate a case gate name (i, f, o, a; r, z, a)
     */
    public String gateLetter(ModelConfig config, String caseGate) {
        CellType cell = config.cell();
        return switch (this) {
            case BOOK -> caseGate;
            case TENSORFLOW -> cell == CellType.LSTM ? (caseGate.equals("a") ? "j" : caseGate)
                    : caseGate.equals("a") ? "c" : caseGate.equals("z") ? "u" : caseGate;
            case KERAS -> caseGate.equals("a") ? (cell == CellType.LSTM ? "c" : "h") : caseGate;
            case PYTORCH -> caseGate.equals("a") ? (cell == CellType.LSTM ? "g" : "n") : caseGate;
        };
    }

    /**
     * The case gates in the order of the framework's fused blocks: TF i, j, f, o and r, u (the GRU
     * candidate has its own kernel); Keras i, f, c, o and z, r, h; PyTorch i, f, g, o and r, z, n;
     * the book (and the engine) i, f, o, a and r, z, a. Empty for the RNN.
     *
     * @param config the network
     */
    public List<String> gateOrder(ModelConfig config) {
        return switch (config.cell()) {
            case RNN -> List.of();
            case LSTM -> switch (this) {
                case BOOK -> List.of("i", "f", "o", "a");
                case TENSORFLOW -> List.of("i", "a", "f", "o");
                case KERAS, PYTORCH -> List.of("i", "f", "a", "o");
            };
            case GRU -> this == KERAS ? List.of("z", "r", "a") : List.of("r", "z", "a");
        };
    }

    // ------------------------------------------------------------------ parameters

    /**
     * The plain-text label of a parameter: the book's {@code U}, {@code W_f}, {@code w_ci}; TF's
     * {@code U}, {@code kernel[h,j]}, {@code gates/bias[u]}; Keras's {@code recurrent_kernel},
     * {@code kernel_c}; PyTorch's {@code weight_hh_l0}, {@code weight_ih_l0[g]}, {@code b_ii+b_hi}
     * (see the class comment).
     *
     * @param config the network
     * @param name the case-file parameter name
     */
    public String parameterLabel(ModelConfig config, String name) {
        return switch (this) {
            case BOOK -> bookLabel(config.cell(), name);
            case TENSORFLOW -> tfLabel(config, name);
            case KERAS -> kerasLabel(config, name);
            case PYTORCH -> torchLabel(config, name);
        };
    }

    /**
     * The LaTeX symbol of a parameter as it appears in the column-vector equations: {@code U},
     * {@code W_{f}}, {@code w_{ci}}; {@code \mathrm{kernel}_{x,j}^\top} (a matrix the framework
     * stores transposed); {@code \mathrm{weight\_hh\_l0}}; {@code \left(b_{ii} + b_{hi}\right)}.
     *
     * @param config the network
     * @param name the case-file parameter name
     */
    public String parameterLatex(ModelConfig config, String name) {
        return parameterLatex(config, name, false);
    }

    /**
     * Like {@link #parameterLatex(ModelConfig, String)}, of the parameter or of its transpose: the
     * book's {@code W^\top}, Keras's {@code \mathrm{recurrent\_kernel}} (its stored form is already
     * the case's transpose).
     *
     * @param config the network
     * @param name the case-file parameter name
     * @param transposed the symbol of the transposed matrix
     */
    public String parameterLatex(ModelConfig config, String name, boolean transposed) {
        String base;
        boolean storedTransposed = false;
        if (this == TENSORFLOW && config.cell() == CellType.LSTM && name.equals("b_f")) {
            base = "\\left(\\mathrm{bias}_{f} + \\mathrm{forget\\_bias}\\right)"; // added at run time
        } else if (this == KERAS && config.resetAfter() && (name.equals("b_z") || name.equals("b_r"))) {
            String g = name.substring(2);
            base = "\\left(\\mathrm{input\\_bias}_{" + g + "} + \\mathrm{recurrent\\_bias}_{" + g + "}\\right)";
        } else if (this == BOOK) {
            base = subscripted(bookLabel(config.cell(), name));
        } else {
            String label = parameterLabel(config, name);
            if (config.cell() == CellType.RNN && this == TENSORFLOW && !name.startsWith("Wy") && !name.equals("by")) {
                base = label; // W, U, B of the docstring, acting on column vectors
            } else if (label.contains("+")) {
                String[] parts = label.split("\\+");
                base = "\\left(" + subscripted(parts[0]) + " + " + subscripted(parts[1]) + "\\right)";
            } else if (label.equals(name)) {
                base = subscripted(label); // no framework name: the case's
            } else {
                base = frameworkLatex(label);
                storedTransposed = isMatrix(name) && this != PYTORCH;
            }
        }
        boolean top = storedTransposed != transposed;
        return base + (top ? "^\\top" : "");
    }

    private static boolean isMatrix(String name) {
        return name.startsWith("Wx") || name.startsWith("Wh") || name.equals("Wy");
    }

    /** {@code kernel[x,j]} → {@code \mathrm{kernel}_{x,j}}; {@code kernel_i} → {@code \mathrm{kernel}_{i}}. */
    private static String frameworkLatex(String label) {
        String stem = label;
        String sub = null;
        int br = label.indexOf('[');
        if (br >= 0) {
            stem = label.substring(0, br);
            sub = label.substring(br + 1, label.length() - 1);
        } else if (label.matches(".*_[a-z]$") && !label.endsWith("_l0")) {
            stem = label.substring(0, label.length() - 2);
            sub = label.substring(label.length() - 1);
        }
        String s = "\\mathrm{" + stem.replace("_", "\\_") + "}";
        return sub == null ? s : s + "_{" + sub + "}";
    }

    /** {@code W_f} → {@code W_f}; {@code w_ci} → {@code w_{ci}}; {@code U} → {@code U}. */
    private static String subscripted(String l) {
        int u = l.indexOf('_');
        if (u < 0) {
            return l;
        }
        String sub = l.substring(u + 1);
        return l.substring(0, u) + "_" + (sub.length() == 1 ? sub : "{" + sub + "}");
    }

    /** The case gate of a per-gate parameter name ({@code Wx_i → i}), or null. */
    private static String gateOf(String name) {
        int u = name.indexOf('_');
        return u < 0 || name.startsWith("bh_") ? (name.equals("bh_a") ? "a" : null) : name.substring(u + 1);
    }

    private static String bookLabel(CellType cell, String name) {
        return switch (name) {
            case "Wx" -> "U";
            case "Wh" -> "W";
            case "b" -> "b";
            case "Wy" -> "V";
            case "by" -> "c";
            case "bh_a" -> "b_ha";
            case "p_i" -> "w_ci";
            case "p_f" -> "w_cf";
            case "p_o" -> "w_co";
            default -> name.startsWith("Wx_") ? "U_" + name.substring(3)
                    : name.startsWith("Wh_") ? "W_" + name.substring(3) : name;
        };
    }

    private String tfLabel(ModelConfig cfg, String name) {
        switch (name) {
            case "Wy":
                return "dense/kernel";
            case "by":
                return "dense/bias";
            case "Wx":
                return "W";
            case "Wh":
                return "U";
            case "b":
                return "B";
            case "p_i":
                return "w_i_diag";
            case "p_f":
                return "w_f_diag";
            case "p_o":
                return "w_o_diag";
            case "bh_a":
                return name;
            default:
                break;
        }
        String g = gateOf(name);
        String letter = gateLetter(cfg, g);
        if (cfg.cell() == CellType.GRU && g.equals("a")) {
            return name.startsWith("Wx") ? "candidate/kernel[x]" : name.startsWith("Wh") ? "candidate/kernel[h]"
                    : "candidate/bias";
        }
        String scope = cfg.cell() == CellType.GRU ? "gates/" : "";
        return name.startsWith("Wx") ? scope + "kernel[x," + letter + "]"
                : name.startsWith("Wh") ? scope + "kernel[h," + letter + "]" : scope + "bias[" + letter + "]";
    }

    private String kerasLabel(ModelConfig cfg, String name) {
        switch (name) {
            case "Wy":
                return "dense/kernel";
            case "by":
                return "dense/bias";
            case "Wx":
                return "kernel";
            case "Wh":
                return "recurrent_kernel";
            case "b":
                return "bias";
            case "p_i", "p_f", "p_o":
                return name;
            case "bh_a":
                return "recurrent_bias_" + gateLetter(cfg, "a");
            default:
                break;
        }
        String g = gateOf(name);
        String letter = gateLetter(cfg, g);
        if (name.startsWith("Wx")) {
            return "kernel_" + letter;
        }
        if (name.startsWith("Wh")) {
            return "recurrent_kernel_" + letter;
        }
        return cfg.cell() == CellType.GRU ? "input_bias_" + letter : "bias_" + letter;
    }

    private String torchLabel(ModelConfig cfg, String name) {
        switch (name) {
            case "Wy":
                return "l2.weight";
            case "by":
                return "l2.bias";
            case "Wx":
                return "weight_ih_l0";
            case "Wh":
                return "weight_hh_l0";
            case "b":
                return "b_ih+b_hh";
            case "p_i", "p_f", "p_o":
                return name;
            case "bh_a":
                return "b_hn";
            default:
                break;
        }
        String g = gateOf(name);
        String letter = gateLetter(cfg, g);
        if (name.startsWith("Wx")) {
            return "weight_ih_l0[" + letter + "]";
        }
        if (name.startsWith("Wh")) {
            return "weight_hh_l0[" + letter + "]";
        }
        if (cfg.cell() == CellType.GRU && g.equals("a")) {
            return "b_in";
        }
        return "b_i" + letter + "+b_h" + letter;
    }

    /**
     * The one line that explains how a framework's stored parameters give a case parameter, when
     * they do not map one-to-one: PyTorch's two biases ({@code mapping.pytorch.bias}), its GRU's
     * candidate biases ({@code mapping.pytorch.gruCandidate}) and reset-before cases
     * ({@code mapping.pytorch.resetBefore}); TF's run-time forget bias
     * ({@code mapping.tensorflow.forgetBias}) and reset-after cases
     * ({@code mapping.tensorflow.resetAfter}); Keras's reset_after bias rows
     * ({@code mapping.keras.biasSum}, {@code mapping.keras.biasRow}); peepholes Keras and PyTorch do
     * not have ({@code mapping.none}). Empty for the book and for parameters that map one-to-one.
     *
     * @param config the network
     * @param name the case-file parameter name
     */
    public Optional<Mapping> mapping(ModelConfig config, String name) {
        String label = parameterLabel(config, name);
        CellType cell = config.cell();
        boolean bias = name.equals("b") || name.startsWith("b_");
        if ((this == TENSORFLOW || this == PYTORCH) && config.gateActivation() != GateActivation.SIGMOID
                && name.startsWith("Wx_") && !name.equals("Wx_a")) {
            // TF 1.x's LSTMCell/GRUCell and PyTorch's nn.LSTM/nn.GRU squash their gates with the sigmoid only
            return Optional.of(new Mapping("mapping.hardSigmoid",
                    List.of(name, this == TENSORFLOW ? "TensorFlow 1.x" : "PyTorch")));
        }
        switch (this) {
            case BOOK:
                return Optional.empty();
            case TENSORFLOW:
                if (cell == CellType.LSTM && name.equals("b_f")) {
                    return Optional.of(new Mapping("mapping.tensorflow.forgetBias", List.of(name, label)));
                }
                if (cell == CellType.GRU && config.resetAfter() && (name.equals("Wh_a") || name.equals("bh_a"))) {
                    return Optional.of(new Mapping("mapping.tensorflow.resetAfter", List.of(name, label)));
                }
                return Optional.empty();
            case KERAS:
                if (name.startsWith("p_")) {
                    return Optional.of(new Mapping("mapping.none", List.of(name, "Keras")));
                }
                if (cell == CellType.GRU && config.resetAfter() && bias) {
                    String letter = gateLetter(config, gateOf(name));
                    return Optional.of(name.equals("b_a")
                            ? new Mapping("mapping.keras.biasRow", List.of(name, label, "0", letter))
                            : new Mapping("mapping.keras.biasSum", List.of(name, label, letter)));
                }
                if (name.equals("bh_a")) {
                    return Optional.of(new Mapping("mapping.keras.biasRow",
                            List.of(name, label, "1", gateLetter(config, "a"))));
                }
                return Optional.empty();
            case PYTORCH:
                if (name.startsWith("p_")) {
                    return Optional.of(new Mapping("mapping.none", List.of(name, "PyTorch")));
                }
                if (cell == CellType.GRU && !config.resetAfter() && (name.equals("Wh_a") || name.equals("b_a"))) {
                    return Optional.of(new Mapping("mapping.pytorch.resetBefore", List.of(name, label)));
                }
                if (cell == CellType.GRU && (name.equals("b_a") || name.equals("bh_a"))) {
                    return Optional.of(new Mapping("mapping.pytorch.gruCandidate",
                            List.of(name, label, name.equals("b_a") ? "bias_ih_l0" : "bias_hh_l0")));
                }
                if (bias) {
                    String block = cell == CellType.RNN ? "" : "[" + gateLetter(config, gateOf(name)) + "]";
                    return Optional.of(new Mapping("mapping.pytorch.bias",
                            List.of(name, "bias_ih_l0" + block, "bias_hh_l0" + block)));
                }
                return Optional.empty();
            default:
                throw new IllegalStateException();
        }
    }

    /**
     * The legend's line on the notation, from the bundle: its display name and the book's names of
     * the errors (for the RNN "δ on p(t) is e_h(t), on q(t) e_o(t)"), or for a framework that an
     * error is written ∂E/∂v ({@code notation.legend.book.rnn}, {@code notation.legend.book},
     * {@code notation.legend.framework}).
     *
     * @param config the network
     * @param bundle the bundle whose display name is used
     */
    public String legendLine(ModelConfig config, ResourceBundle bundle) {
        String k = this == BOOK ? (config.cell() == CellType.RNN ? "notation.legend.book.rnn" : "notation.legend.book")
                : "notation.legend.framework";
        return new Mapping(k, List.of(displayName(bundle))).format(bundle);
    }

    // ------------------------------------------------------------------ nodes

    /**
     * A node's symbol without its time: {@code x}, {@code h}, {@code p}, {@code p_i}, {@code pre_j},
     * {@code j}, {@code c̃}, {@code q}, {@code pre_y}, {@code E} …, or a parameter's label.
     *
     * @param config the network
     * @param kind the node kind
     * @param key the node's trace key ({@code h0} and {@code c0} are {@code h} and {@code c})
     */
    public String symbol(ModelConfig config, NodeKind kind, String key) {
        switch (kind) {
            case PARAMETER:
                return parameterLabel(config, key);
            case LOSS:
                return "E";
            case LOSS_TERM:
                return "E";
            case INITIAL_STATE:
                return key.equals("c0") ? "c" : "h";
            case PRE:
                if (this == BOOK) {
                    return key.startsWith("pre_") ? "p_" + key.substring(4) : key;
                }
                return key.startsWith("pre_") ? "pre_" + gateLetter(config, key.substring(4)) : "pre_h";
            case GATE:
                return gateSymbol(config, key);
            case OUTPUT_PRE:
                return this == BOOK ? key : "pre_y";
            default:
                return key;
        }
    }

    /**
     * The symbol of a trace key as plotted (a gate, {@code c}, {@code h}, {@code y} …): the gate's
     * activation symbol in this notation ({@code u} for TF's GRU z, {@code c̃} for Keras's LSTM a),
     * other keys as they are.
     *
     * @param config the network
     * @param key a forward key of the trace
     */
    public String traceSymbol(ModelConfig config, String key) {
        return config.cell().gateNames().contains(key) ? gateSymbol(config, key) : key;
    }

    private String gateSymbol(ModelConfig config, String key) {
        String l = gateLetter(config, key);
        if (this == KERAS && key.equals("a")) {
            return l + "\u0303"; // c̃, h̃: Keras's c and h blocks, not the cell or hidden state
        }
        return l;
    }

    /**
     * The plain-text label of a node at step {@code t}: {@code x(3)}, {@code p(3)}, {@code p_i(3)},
     * {@code pre_j(3)}, {@code i(3)}, {@code h(0)}, {@code E_3}, {@code E}, or a parameter's label.
     *
     * @param config the network
     * @param kind the node kind
     * @param key the node's trace key
     * @param t the step
     */
    public String label(ModelConfig config, NodeKind kind, String key, int t) {
        return switch (kind) {
            case PARAMETER -> parameterLabel(config, key);
            case LOSS -> "E";
            case LOSS_TERM -> "E_" + t;
            default -> symbol(config, kind, key) + "(" + t + ")";
        };
    }

    /**
     * A node's label in this notation (its {@link Node#label()} is the book's).
     *
     * @param config the network of the node's graph
     * @param node the node
     */
    public String label(ModelConfig config, Node node) {
        return label(config, node.kind(), node.key(), node.step());
    }

    /**
     * The LaTeX symbol of a node's value, its time written as {@code time} ({@code "t"},
     * {@code "t-1"}, {@code "3"}): {@code p_{i}(t)}, {@code \mathrm{pre}_{j}(t)}, {@code \tilde{c}(t)},
     * {@code h(t-1)}, {@code E_{t}}, a parameter's {@link #parameterLatex(ModelConfig, String)}.
     *
     * @param config the network
     * @param node the node (not modified)
     * @param time how to write its time step (ignored for parameters and E)
     */
    public String latex(ModelConfig config, Node node, String time) {
        return switch (node.kind()) {
            case PARAMETER -> parameterLatex(config, node.key());
            case LOSS -> "E";
            case LOSS_TERM -> "E_{" + time + "}";
            default -> {
                String b = symbol(config, node.kind(), node.key());
                String s;
                if (b.endsWith("\u0303")) {
                    s = "\\tilde{" + b.substring(0, b.length() - 1) + "}";
                } else if (b.startsWith("pre_")) {
                    s = "\\mathrm{pre}_{" + b.substring(4) + "}";
                } else {
                    int u = b.indexOf('_');
                    s = u < 0 ? b : b.substring(0, u) + "_{" + b.substring(u + 1) + "}";
                }
                yield s + "(" + time + ")";
            }
        };
    }

    /**
     * The LaTeX symbol of a node's error. The book: {@code e_o(t)} (q), {@code e_h(t)} (the RNN's p),
     * {@code \delta_{i}(t)} (a gate's pre-activation), {@code e_c(t)} (c and c(0)), otherwise
     * {@code \frac{\partial E}{\partial …}} (h, h(0), a parameter's gradient). The frameworks:
     * always {@code \frac{\partial E}{\partial …}} of the node's {@link #latex}.
     *
     * @param config the network
     * @param node the node
     * @param time how to write its time step
     */
    public String deltaLatex(ModelConfig config, Node node, String time) {
        if (this == BOOK) {
            String k = node.key();
            if (node.kind() == NodeKind.OUTPUT_PRE) {
                return "e_o(" + time + ")";
            }
            if (node.kind() == NodeKind.PRE) {
                return config.cell() == CellType.RNN ? "e_h(" + time + ")"
                        : "\\delta_{" + k.substring(4) + "}(" + time + ")";
            }
            if (k.equals("c") || k.equals("c0")) {
                return "e_c(" + time + ")";
            }
        }
        return "\\frac{\\partial E}{\\partial " + latex(config, node, time) + "}";
    }

    // ------------------------------------------------------------------ the book, by cell only

    private static ModelConfig anyOf(CellType cell) {
        return ModelConfig.of(cell, 1, 1, 1);
    }

    /**
     * The book's label of a parameter, for callers that know only the cell (the book's labels do
     * not depend on the options).
     *
     * @param cell the cell type
     * @param name the case-file parameter name
     */
    public static String parameterLabel(CellType cell, String name) {
        return bookLabel(cell, name);
    }

    /**
     * The book's LaTeX symbol of a parameter ({@code U}, {@code W_{i}}, {@code w_{ci}}, {@code b_{ha}} …).
     *
     * @param cell the cell type
     * @param name the case-file parameter name
     */
    public static String parameterLatex(CellType cell, String name) {
        return subscripted(bookLabel(cell, name));
    }

    /**
     * The book's label of a node ({@link #label(ModelConfig, NodeKind, String, int)} of {@link #BOOK}).
     *
     * @param cell the cell type
     * @param kind the node kind
     * @param key the node's trace key
     * @param t the step
     */
    public static String label(CellType cell, NodeKind kind, String key, int t) {
        return BOOK.label(anyOf(cell), kind, key, t);
    }

    /**
     * The book's LaTeX symbol of a node's value.
     *
     * @param cell the cell type
     * @param node the node
     * @param time how to write its time step
     */
    public static String latex(CellType cell, Node node, String time) {
        return BOOK.latex(anyOf(cell), node, time);
    }

    /**
     * The book's LaTeX symbol of a node's error.
     *
     * @param cell the cell type
     * @param node the node
     * @param time how to write its time step
     */
    public static String deltaLatex(CellType cell, Node node, String time) {
        return BOOK.deltaLatex(anyOf(cell), node, time);
    }
}
