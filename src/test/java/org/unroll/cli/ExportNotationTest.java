package org.unroll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export --notation}: the graph in a framework's names; a bad value is exit 2 with one error line. */
class ExportNotationTest {

    @TempDir
    Path dir;

    private static CliTest.Run export(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "export";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliTest.run(all);
    }

    @Test
    void kerasAndPytorchNames() throws Exception {
        String rnn = CliTest.resource("rnn-tanh-many-to-one.json").toString();
        Path keras = dir.resolve("keras.svg");
        CliTest.Run r = export("--case", rnn, "--notation", "keras", "-o", keras.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(keras).contains(">recurrent_kernel<"));
        Path torch = dir.resolve("torch.svg");
        assertEquals(0, export("--case", rnn, "--notation", "PyTorch", "-o", torch.toString()).code());
        assertTrue(Files.readString(torch).contains(">weight_hh_l0<"));
        Path book = dir.resolve("book.svg");
        assertEquals(0, export("--case", rnn, "-o", book.toString()).code());
        assertFalse(Files.readString(book).contains("recurrent_kernel"), "the book by default");
        assertTrue(Files.readString(book).contains(">W<"));
    }

    @Test
    void badNotationIsOneErrorLine() throws Exception {
        Path png = dir.resolve("x.png");
        CliTest.Run r = export("--case", CliTest.resource("rnn-tanh-many-to-one.json").toString(), "--notation", "caffe",
                "-o", png.toString());
        assertEquals(2, r.code(), r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("error: --notation: expected book, tensorflow, keras or pytorch, got caffe"),
                r.err());
        assertFalse(Files.exists(png));
    }
}
