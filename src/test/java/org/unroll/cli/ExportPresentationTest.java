package org.unroll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export --type-size --high-contrast --log-errors}: the graph dressed for a room as the app's
 * View ▸ Presentation dresses it; a bad type size is exit 2 with one error line.
 */
class ExportPresentationTest {

    @TempDir
    Path dir;

    private static CliTest.Run export(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "export";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliTest.run(all);
    }

    private static double labelFontSize(String svg, String label) {
        // the largest font-size of a <text> element with this content
        double best = 0;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "<text[^>]*font-size: ?([0-9.]+)px[^>]*>" + java.util.regex.Pattern.quote(label) + "</text>").matcher(svg);
        while (m.find()) {
            best = Math.max(best, Double.parseDouble(m.group(1)));
        }
        return best;
    }

    @Test
    void theTypeSizeAndTheThemeReachTheFile() throws Exception {
        String rnn = CliTest.resource("rnn-tanh-many-to-one.json").toString();
        Path desk = dir.resolve("desk.svg");
        Path room = dir.resolve("room.svg");
        assertEquals(0, export("--case", rnn, "--at", "20", "-o", desk.toString()).code());
        CliTest.Run r = export("--case", rnn, "--at", "20", "--type-size", "4", "--high-contrast", "--log-errors", "-o",
                room.toString());
        assertEquals(0, r.code(), r.err());
        String a = Files.readString(desk);
        String b = Files.readString(room);
        assertFalse(a.equals(b));
        assertTrue(b.contains("log₁₀"), "the log scale's legend");
        assertFalse(a.contains("log₁₀"));
        // the band's W at the type's band size (2.26 × the slide's chrome) rather than the desktop's
        double small = labelFontSize(a, "W");
        double large = labelFontSize(b, "W");
        assertTrue(small > 0 && large > 2 * small, "W at " + small + " px, then " + large + " px");
    }

    @Test
    void aBadTypeSizeIsOneErrorLine() throws Exception {
        Path png = dir.resolve("x.png");
        CliTest.Run r = export("--case", CliTest.resource("rnn-tanh-many-to-one.json").toString(), "--type-size", "7",
                "-o", png.toString());
        assertEquals(2, r.code(), r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r.err());
        assertEquals("error: --type-size: expected 0 to 4, got 7", lines.get(0));
        assertFalse(Files.exists(png));
    }
}
