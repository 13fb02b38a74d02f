package org.unroll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Standard output that fails (as {@code > /dev/full} does) is not success (issue 14). */
class StdoutFailureTest {

    @Test
    void aFailingStandardOutputExitsOneWithOneLine() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        int code;
        try {
            System.setOut(new PrintStream(full, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            code = UnrollCommand.execute("train", "--preset", "list");
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        String text = errBytes.toString(StandardCharsets.UTF_8).strip();
        assertEquals(1, code);
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.startsWith("error: cannot write to standard output"), text);
    }
}
