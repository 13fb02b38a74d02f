package org.unroll.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A child process for {@link InterruptedWriteTest}: with the journal in {@code args[0]}, it writes
 * {@code args[1]} through {@link AtomicFile}, 1 MiB at a time, prints "writing" once the first
 * MiB is in the temporary file, and then waits for ever (its standard input, then a latch
 * nothing releases): the parent kills it mid-write. With a third argument, a task at exit first writes that file
 * ("saved"), as the training command's checkpoint on Ctrl+C does.
 */
public final class SlowWriterMain {

    private SlowWriterMain() {
    }

    public static void main(String[] args) throws IOException {
        Temporaries.useJournal(Path.of(args[0]));
        if (args.length > 2) {
            Path last = Path.of(args[2]);
            Temporaries.atExit(() -> {
                try {
                    AtomicFile.write(last, out -> out.write("saved".getBytes(StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        byte[] mib = new byte[1 << 20];
        java.util.Arrays.fill(mib, (byte) 'n');
        AtomicFile.write(Path.of(args[1]), out -> {
            out.write(mib);
            out.flush();
            System.out.println("writing");
            System.out.flush();
            while (System.in.read() >= 0) {
                out.write(mib);
            }
            // the parent's kill closes the pipe too: stay mid-write, so only the exit hook can clean up
            try {
                new java.util.concurrent.CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("interrupted: not finished");
        });
    }
}
