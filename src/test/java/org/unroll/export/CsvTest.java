package org.unroll.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 4180 quoting, \n line ends, and numbers that read back bit for bit. */
class CsvTest {

    @TempDir
    Path dir;

    /** A strict RFC 4180 reader, for the round trip. */
    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' && field.length() == 0) {
                i++;
                while (true) {
                    char d = text.charAt(i++);
                    if (d == '"') {
                        if (i < text.length() && text.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(d);
                    }
                }
                continue;
            }
            i++;
            if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        return rows;
    }

    @Test
    void quotesOnlyWhatNeedsIt() {
        assertEquals("plain", Csv.field("plain"));
        assertEquals("\"a,b\"", Csv.field("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.field("say \"hi\""));
        assertEquals("\"two\nlines\"", Csv.field("two\nlines"));
        assertEquals("\"cr\r\"", Csv.field("cr\r"));
        assertEquals("順伝播", Csv.field("順伝播"));
        assertEquals("a,\"b,c\",,d", Csv.line(List.of("a", "b,c", "", "d")));
    }

    @Test
    void fileRoundTrip() throws Exception {
        Path out = dir.resolve("t.csv");
        List<List<String>> rows = List.of(List.of("1", "x, y", "\"q\""), List.of("2", "順伝播\n逆伝播", ""));
        Csv.write(out, List.of("t", "label", "note"), rows);

        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertFalse(text.contains("\r"), "\\n line ends");
        List<List<String>> back = parse(text);
        assertEquals(List.of("t", "label", "note"), back.get(0));
        assertEquals(rows, back.subList(1, back.size()));
    }

    @Test
    void doublesRoundTripExactly() throws Exception {
        Random rnd = new Random(42);
        double[] values = new double[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = Double.longBitsToDouble(rnd.nextLong());
        }
        double[] special = {0.1, 1.0 / 3, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-300, 123456789.123456789};
        Path out = dir.resolve("n.csv");
        Csv.writeStreaming(out, List.of("i", "v"), sink -> {
            for (int i = 0; i < values.length; i++) {
                sink.numbers(i, values[i]);
            }
            for (double d : special) {
                sink.numbers(-1, d);
            }
        });

        List<List<String>> back = parse(Files.readString(out));
        assertEquals(1 + values.length + special.length, back.size());
        for (int i = 0; i < values.length + special.length; i++) {
            double expected = i < values.length ? values[i] : special[i - values.length];
            double actual = Double.parseDouble(back.get(i + 1).get(1));
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                    "row " + (i + 1) + ": " + expected + " vs " + actual);
        }
    }

    @Test
    void wrongRowLengthFailsAndLeavesNoFile() {
        Path out = dir.resolve("bad.csv");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Csv.write(out, List.of("a", "b"), List.of(List.of("1", "2"), List.of("3"))));
        assertEquals("row 2 has 1 fields, the header has 2", e.getMessage());
        assertFalse(Files.exists(out));
        assertThrows(IllegalArgumentException.class, () -> Csv.write(out, List.of(), List.of()));
    }
}
