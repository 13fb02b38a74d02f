package org.unroll.schedule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.unroll.engine.ModelConfig;
import org.unroll.graph.Node;
import org.unroll.graph.NodeKind;
import org.unroll.graph.Notation;

/**
 * A tiny expression tree written once and rendered twice: with symbols ({@link Event#equation()})
 * and with the trace's numbers ({@link Event#substituted()}). Its leaves are what an event reads.
 */
abstract class Expr {

    /** How symbols are written: a notation, and the network whose options it may consult. */
    record Sym(Notation notation, ModelConfig config) {
    }

    /** Where the numbers come from when rendering with numbers. */
    interface Values {
        double[] value(Node n);

        double[][] matrix(Node parameter);

        double[] delta(Node n);

        double[] target(int t);

        /** How much of long vectors and large matrices is written. */
        default LatexFormat.Elision elision() {
            return LatexFormat.Elision.NORMAL;
        }
    }

    /** Renders with symbols; {@code te} is the event's step (0: write steps as absolute numbers). */
    abstract void sym(StringBuilder sb, Sym sy, int te);

    abstract void num(StringBuilder sb, Values v);

    /** Adds the leaves' node references, in order. */
    abstract void refs(List<Ref> out);

    /**
     * The expression's value from the numbers given (a vector as a column, a parameter as its
     * matrix): the products, ⊙, sums and local derivatives of the chain rule, nothing else; the
     * loss's terms (constants, targets) have none.
     *
     * @throws UnsupportedOperationException for a part that has no value of its own
     */
    double[][] eval(Values v) {
        throw new UnsupportedOperationException("no value: " + getClass().getSimpleName());
    }

    /** Whether the top level is a matrix product (so that ⊙ after it needs parentheses). */
    boolean isMatrixProduct() {
        return false;
    }

    final String sym(Sym sy, int te) {
        StringBuilder sb = new StringBuilder();
        sym(sb, sy, te);
        return sb.toString();
    }

    final String num(Values v) {
        StringBuilder sb = new StringBuilder();
        num(sb, v);
        return sb.toString();
    }

    static String time(int s, int te) {
        if (te == 0) {
            return Integer.toString(s);
        }
        int off = s - te;
        return off == 0 ? "t" : off < 0 ? "t-" + (-off) : "t+" + off;
    }

    // ------------------------------------------------------------------ leaves

    static final class Text extends Expr {
        final String s;

        Text(String s) {
            this.s = s;
        }

        @Override
        void sym(StringBuilder sb, Sym sy, int te) {
            sb.append(s);
        }

        @Override
        void num(StringBuilder sb, Values v) {
            sb.append(s);
        }

        @Override
        void refs(List<Ref> out) {
        }
    }

    /** A constant whose symbol and value differ, such as 2/N. */
    static final class Const extends Expr {
        final String symbol;
        final String number;

        Const(String symbol, String number) {
            this.symbol = symbol;
            this.number = number;
        }

        @Override
        void sym(StringBuilder sb, Sym sy, int te) {
            sb.append(symbol);
        }

        @Override
        void num(StringBuilder sb, Values v) {
            sb.append(number);
        }

        @Override
        void refs(List<Ref> out) {
        }
    }

    /** A node's forward value (a parameter's matrix), optionally transposed. */
    static final class Val extends Expr {
        final Node node;
        final boolean transpose;

        Val(Node node, boolean transpose) {
            this.node = node;
            this.transpose = transpose;
        }

        @Override
        void sym(StringBuilder sb, Sym sy, int te) {
            if (node.kind() == NodeKind.PARAMETER) {
                sb.append(sy.notation().parameterLatex(sy.config(), node.key(), transpose));
            } else {
                sb.append(sy.notation().latex(sy.config(), node, time(node.step(), te)));
                if (transpose) {
                    sb.append("^\\top");
                }
            }
        }

        @Override
        void num(StringBuilder sb, Values v) {
            if (node.kind() == NodeKind.PARAMETER) {
                double[][] m = v.matrix(node);
                if (m[0].length == 1) {
                    sb.append(LatexFormat.vector(column(m), transpose, v.elision()));
                } else {
                    sb.append(LatexFormat.matrix(m, v.elision()));
                    if (transpose) {
                        sb.append("^\\top");
                    }
                }
            } else if (node.kind() == NodeKind.LOSS_TERM || node.kind() == NodeKind.LOSS) {
                sb.append(LatexFormat.number(v.value(node)[0]));
            } else {
                sb.append(LatexFormat.vector(v.value(node), transpose, v.elision()));
            }
        }

        @Override
        void refs(List<Ref> out) {
            out.add(new Ref(node, false));
        }

        @Override
        double[][] eval(Values v) {
            double[][] m = node.kind() == NodeKind.PARAMETER ? v.matrix(node) : columnOf(v.value(node));
            return transpose ? transposed(m) : m;
        }
    }

    /** A node's error. */
    static final class Delta extends Expr {
        final Node node;

        Delta(Node node) {
            this.node = node;
        }

        @Override
        void sym(StringBuilder sb, Sym sy, int te) {
            sb.append(sy.notation().deltaLatex(sy.config(), node, time(node.step(), te)));
        }

        @Override
        void num(StringBuilder sb, Values v) {
            double[] d = v.delta(node);
            sb.append(d == null ? "?" : LatexFormat.vector(d, false, v.elision()));
        }

        @Override
        void refs(List<Ref> out) {
            out.add(new Ref(node, true));
        }

        @Override
        double[][] eval(Values v) {
            double[] d = v.delta(node);
            if (d == null) {
                throw new UnsupportedOperationException("no error of " + node);
            }
            return columnOf(d);
        }
    }

    /** The target of a step (not a node). */
    static final class Target extends Expr {
        final int step;
        final boolean transpose;

        Target(int step, boolean transpose) {
            this.step = step;
            this.transpose = transpose;
        }

        @Override
        void sym(StringBuilder sb, Sym sy, int te) {
            sb.append("\\mathbf{t}(").append(time(step, te)).append(')');
            if (transpose) {
                sb.append("^\\top");
            }
        }

        @Override
        void num(StringBuilder sb, Values v) {
            sb.append(LatexFormat.vector(v.target(step), transpose, v.elision()));
        }

        @Override
        void refs(List<Ref> out) {
        }
    }

    /** Parts written one after the other. */
    static class Seq extends Expr {
        final List<Expr> parts;
        final boolean product;

        Seq(List<Expr> parts, boolean product) {
            this.parts = parts;
            this.product = product;
        }

        @Override
        void sym(StringBuilder sb, Sym sy, int te) {
            for (Expr e : parts) {
                e.sym(sb, sy, te);
            }
        }

        @Override
        void num(StringBuilder sb, Values v) {
            for (Expr e : parts) {
                e.num(sb, v);
            }
        }

        @Override
        void refs(List<Ref> out) {
            for (Expr e : parts) {
                e.refs(out);
            }
        }

        @Override
        boolean isMatrixProduct() {
            return product;
        }
    }

    /**
     * A sum of many scalar leaves, written with a Σ symbol but with every number (shortened when
     * long).
     */
    static final class Summation extends Expr {
        final String symbol;
        final List<Node> terms;

        Summation(String symbol, List<Node> terms) {
            this.symbol = symbol;
            this.terms = terms;
        }

        @Override
        void sym(StringBuilder sb, Sym sy, int te) {
            sb.append(symbol);
        }

        @Override
        void num(StringBuilder sb, Values v) {
            int n = terms.size();
            LatexFormat.Elision el = v.elision();
            boolean cut = n > el.vector();
            for (int i = 0; i < n; i++) {
                if (cut && i == el.head()) {
                    sb.append(" + \\ldots");
                    i = n - el.tail() - 1;
                    continue;
                }
                if (i > 0) {
                    sb.append(" + ");
                }
                sb.append(LatexFormat.number(v.value(terms.get(i))[0]));
            }
            if (n == 0) {
                sb.append('0');
            }
        }

        @Override
        void refs(List<Ref> out) {
            for (Node n : terms) {
                out.add(new Ref(n, false));
            }
        }
    }

    // ------------------------------------------------------------------ builders

    static Expr text(String s) {
        return new Text(s);
    }

    static Expr val(Node n) {
        return new Val(n, false);
    }

    static Expr valT(Node n) {
        return new Val(n, true);
    }

    static Expr delta(Node n) {
        return new Delta(n);
    }

    static Expr seq(Expr... parts) {
        return new Seq(List.of(parts), false);
    }

    /** A matrix (or outer) product {@code a b}. */
    static Expr mat(Expr a, Expr b) {
        return new Product(a, b);
    }

    static Expr had(Expr a, Expr b) {
        return new Entrywise(wrapProduct(a), " \\odot ", wrapProduct(b), (x, y) -> x * y);
    }

    static Expr paren(Expr e) {
        return new Paren(e);
    }

    /** {@code name\left(arg\right)}: f(p(t)), σ'(p_i(t)) …, without a value of its own. */
    static Expr fn(String name, Expr arg) {
        return new Fn(name, arg, null);
    }

    /** {@code name\left(arg\right)} whose value is {@code op} applied to each entry of arg's. */
    static Expr fn(String name, Expr arg, java.util.function.DoubleUnaryOperator op) {
        return new Fn(name, arg, op);
    }

    /** {@code 1 - e}. */
    static Expr oneMinus(Expr e) {
        return new OneMinus(e);
    }

    /** {@code a - b}. */
    static Expr minus(Expr a, Expr b) {
        return new Entrywise(a, " - ", b, (x, y) -> x - y);
    }

    static Expr sum(List<Expr> terms) {
        if (terms.isEmpty()) {
            return text("0");
        }
        if (terms.size() == 1) {
            return terms.get(0);
        }
        return new Sum(terms);
    }

    static Expr sum(Expr... terms) {
        return sum(Arrays.asList(terms));
    }

    // ------------------------------------------------------------------ the parts with a value

    /** {@code a b}. */
    static final class Product extends Seq {
        private final Expr a;
        private final Expr b;

        Product(Expr a, Expr b) {
            super(List.of(a, text(" "), b), true);
            this.a = a;
            this.b = b;
        }

        @Override
        double[][] eval(Values v) {
            double[][] x = a.eval(v);
            double[][] y = b.eval(v);
            if (x[0].length != y.length) {
                throw new IllegalStateException("shapes " + x.length + "x" + x[0].length + " and " + y.length + "x"
                        + y[0].length);
            }
            double[][] r = new double[x.length][y[0].length];
            for (int i = 0; i < x.length; i++) {
                for (int k = 0; k < y.length; k++) {
                    double xik = x[i][k];
                    for (int j = 0; j < y[0].length; j++) {
                        r[i][j] += xik * y[k][j];
                    }
                }
            }
            return r;
        }
    }

    /** {@code a ⊙ b} or {@code a - b}: entry by entry. */
    static final class Entrywise extends Seq {
        private final Expr a;
        private final Expr b;
        private final java.util.function.DoubleBinaryOperator op;

        Entrywise(Expr a, String symbol, Expr b, java.util.function.DoubleBinaryOperator op) {
            super(List.of(a, text(symbol), b), false);
            this.a = a;
            this.b = b;
            this.op = op;
        }

        @Override
        double[][] eval(Values v) {
            return elementwise(a.eval(v), b.eval(v), op);
        }
    }

    /** {@code (e)}. */
    static final class Paren extends Seq {
        private final Expr e;

        Paren(Expr e) {
            super(List.of(text("\\left("), e, text("\\right)")), false);
            this.e = e;
        }

        @Override
        double[][] eval(Values v) {
            return e.eval(v);
        }
    }

    /** {@code name(arg)}: its value the engine's function of each entry, when it has one. */
    static final class Fn extends Seq {
        private final Expr arg;
        private final java.util.function.DoubleUnaryOperator op;

        Fn(String name, Expr arg, java.util.function.DoubleUnaryOperator op) {
            super(List.of(text(name + "\\left("), arg, text("\\right)")), false);
            this.arg = arg;
            this.op = op;
        }

        @Override
        double[][] eval(Values v) {
            if (op == null) {
                return super.eval(v);
            }
            double[][] m = arg.eval(v);
            double[][] r = new double[m.length][];
            for (int i = 0; i < m.length; i++) {
                r[i] = new double[m[i].length];
                for (int j = 0; j < m[i].length; j++) {
                    r[i][j] = op.applyAsDouble(m[i][j]);
                }
            }
            return r;
        }
    }

    /** {@code 1 - e}. */
    static final class OneMinus extends Seq {
        private final Expr e;

        OneMinus(Expr e) {
            super(List.of(text("1 - "), e), false);
            this.e = e;
        }

        @Override
        double[][] eval(Values v) {
            double[][] m = e.eval(v);
            return elementwise(m, m, (x, y) -> 1 - x);
        }
    }

    /** {@code a + b + …}. */
    static final class Sum extends Seq {
        private final List<Expr> terms;

        Sum(List<Expr> terms) {
            super(plus(terms), false);
            this.terms = List.copyOf(terms);
        }

        private static List<Expr> plus(List<Expr> terms) {
            List<Expr> p = new ArrayList<>();
            for (int i = 0; i < terms.size(); i++) {
                if (i > 0) {
                    p.add(text(" + "));
                }
                p.add(terms.get(i));
            }
            return p;
        }

        @Override
        double[][] eval(Values v) {
            double[][] r = terms.get(0).eval(v);
            for (int i = 1; i < terms.size(); i++) {
                r = elementwise(r, terms.get(i).eval(v), Double::sum);
            }
            return r;
        }
    }

    private static double[][] elementwise(double[][] a, double[][] b, java.util.function.DoubleBinaryOperator op) {
        if (a.length != b.length || a[0].length != b[0].length) {
            throw new IllegalStateException("shapes " + a.length + "x" + a[0].length + " and " + b.length + "x"
                    + b[0].length);
        }
        double[][] r = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                r[i][j] = op.applyAsDouble(a[i][j], b[i][j]);
            }
        }
        return r;
    }

    private static double[][] columnOf(double[] v) {
        double[][] m = new double[v.length][1];
        for (int i = 0; i < v.length; i++) {
            m[i][0] = v[i];
        }
        return m;
    }

    private static double[][] transposed(double[][] m) {
        double[][] r = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                r[j][i] = m[i][j];
            }
        }
        return r;
    }

    private static Expr wrapProduct(Expr e) {
        return e.isMatrixProduct() ? paren(e) : e;
    }

    static double[] column(double[][] m) {
        double[] v = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            v[i] = m[i][0];
        }
        return v;
    }
}
