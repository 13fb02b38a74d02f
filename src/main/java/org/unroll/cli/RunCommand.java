package org.unroll.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.unroll.engine.Case;
import org.unroll.engine.CaseFile;
import org.unroll.engine.Trace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code run CASE.json [-o OUT.json]}: computes a case and writes it back with expected filled. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Compute a case and write it back with its expected block filled completely.")
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CASE.json", description = "The case file, or a built-in case"
            + " (builtin:mini-rnn, builtin:mini-lstm, builtin:mini-gru, builtin:demo, ...).")
    String file;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.json", description = "Write here (atomically) instead of stdout.")
    Path output;

    @Override
    public Integer call() throws IOException {
        Case c = Cases.read(file);
        Trace tr = c.compute();
        Cases.requireFinite(Path.of(file), tr);
        if (output == null) {
            System.out.write(Cases.bytes(file, c, tr));
            System.out.flush();
        } else {
            Cases.write(output, out -> CaseFile.write(c, tr, out));
        }
        return 0;
    }
}
