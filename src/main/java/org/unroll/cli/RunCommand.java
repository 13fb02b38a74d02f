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
            // streamed: the document was held whole in memory before, as much again as the trace (ADR 0032)
            java.io.OutputStream stdout = new java.io.BufferedOutputStream(new java.io.FilterOutputStream(System.out) {
                @Override
                public void write(byte[] b, int off, int len) {
                    System.out.write(b, off, len);
                }

                @Override
                public void close() {
                    System.out.flush(); // standard output stays open
                }
            }, 1 << 16);
            CaseFile.write(c, tr, stdout);
            stdout.flush();
            System.out.flush();
        } else {
            Cases.write(output, out -> CaseFile.write(c, tr, out));
        }
        return 0;
    }
}
