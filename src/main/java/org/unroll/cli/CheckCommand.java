package org.unroll.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.unroll.engine.Case;
import org.unroll.engine.CaseCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code check CASE.json…}: recomputes each case and compares with its expected block. */
@Command(name = "check", mixinStandardHelpOptions = true, description = {"Recompute each case and compare with its expected block at the spec's tolerance.",
        "Exit 0 when all agree, 1 when any differs, 2 when a file is invalid."})
final class CheckCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "CASE.json", description = "Case files, or built-in cases"
            + " (builtin:mini-rnn, builtin:mini-lstm, builtin:mini-gru).")
    List<String> files;

    @Override
    public Integer call() {
        int code = 0;
        for (String f : files) {
            Case c;
            try {
                c = Cases.read(f);
            } catch (UserError e) {
                System.err.println("error: " + e.getMessage());
                code = 2;
                continue;
            }
            CaseCheck.Result r = CaseCheck.compare(c.expected(), c.compute());
            String line;
            if (r.compared() == 0 && r.problem() == null) {
                line = "NOTHING TO COMPARE (no expected block)";
            } else {
                line = r.summary();
            }
            System.out.println(f + ": " + line);
            if (!r.agrees() || r.compared() == 0) {
                code = Math.max(code, 1);
            }
        }
        return code;
    }
}
