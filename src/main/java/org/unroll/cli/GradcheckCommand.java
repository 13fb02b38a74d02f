package org.unroll.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.unroll.engine.Case;
import org.unroll.engine.GradCheck;
import org.unroll.engine.Limits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gradcheck CASE.json}: BPTT's gradient against central differences, per parameter. */
@Command(name = "gradcheck", mixinStandardHelpOptions = true, description = {"Compare BPTT's analytic gradient with central differences, per parameter.",
        "A parameter passes when its largest absolute error is at most 1e-6 or its largest relative error at most 1e-5."})
final class GradcheckCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CASE.json")
    Path file;

    @Option(names = "--eps", defaultValue = "1e-6", description = "Central-difference step (default ${DEFAULT-VALUE}).")
    double eps;

    @Override
    public Integer call() {
        Case c = Cases.read(file);
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new UserError("--eps: expected a positive number, got " + eps);
        }
        if (c.truncate() != null && c.truncate() < c.sequence().length()) {
            System.out.println("note: the case asks for truncated BPTT (k=" + c.truncate()
                    + "); its gradient is not dE/dθ, so full BPTT is checked");
        }
        double work = GradCheck.work(c);
        if (work > Limits.MAX_GRADCHECK_WORK) {
            // up front, in one line: at H = 2048 the check would run for days without a word (ADR 0031)
            throw new UserError(file + ": a gradient check of this case takes about "
                    + String.format(Locale.ROOT, "%.1e", work) + " multiply-adds (two forward passes for each of its "
                    + GradCheck.size(c) + " parameters), more than the limit of "
                    + String.format(Locale.ROOT, "%.0e", Limits.MAX_GRADCHECK_WORK)
                    + "; check a smaller case (H = " + c.config().hiddenSize() + ", T = " + c.sequence().length() + ")");
        }
        Cases.requireFinite(file, c.compute());
        List<GradCheck.Entry> entries = GradCheck.check(c, eps, progress(GradCheck.size(c)));
        System.out.printf("%-8s %14s %14s  %s%n", "param", "max abs err", "max rel err", "verdict");
        boolean ok = true;
        for (GradCheck.Entry e : entries) {
            boolean pass = e.passes();
            ok &= pass;
            System.out.printf("%-8s %14.3e %14.3e  %s%n", e.name(), e.maxAbsError(), e.maxRelError(), pass ? "ok" : "FAILS");
        }
        System.out.println(ok ? "gradcheck: all parameters agree" : "gradcheck: some parameters differ");
        return ok ? 0 : 1;
    }

    /**
     * On a terminal, a progress line on stderr (entries done, in whole percent), rewritten in place
     * and cleared at the end; elsewhere nothing, so that the output stays the table alone.
     */
    private static GradCheck.Progress progress(long total) {
        if (System.console() == null || total < 1000) {
            return GradCheck.Progress.NONE;
        }
        int[] last = {-1};
        return (done, all) -> {
            int pct = (int) (100 * done / Math.max(1, all));
            if (pct != last[0]) {
                last[0] = pct;
                System.err.print(done == all ? "\r\033[K" : "\rgradcheck: " + done + " of " + all + " parameters (" + pct + " %)");
                System.err.flush();
            }
            return true;
        };
    }
}
