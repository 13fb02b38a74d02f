package org.unroll.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.unroll.engine.AtomicFile;

/**
 * A small CSV writer after RFC 4180: fields separated by commas, a field quoted (with inner quotes
 * doubled) when it holds a comma, a quote or a line break; UTF-8 without a byte-order mark; lines end
 * in {@code \n}. Every row must have as many fields as the header. Numbers go through
 * {@link #number(double)}, so that reading them back with {@link Double#parseDouble} gives the same
 * double bit for bit.
 */
public final class Csv {

    /** Takes the rows of a CSV file one at a time, as they are produced. */
    public interface RowSink {

        /**
         * Appends one row.
         *
         * @param fields the fields, as many as the header has (not modified)
         * @throws IllegalArgumentException if the number of fields differs from the header's or a
         *     field is null
         * @throws UncheckedIOException if writing fails
         */
        void row(List<String> fields);

        /** Appends one row of text fields (see {@link #row(List)}). */
        default void row(String... fields) {
            row(Arrays.asList(fields));
        }

        /** Appends one row of numbers, each written by {@link Csv#number(double)}. */
        default void numbers(double... values) {
            String[] fields = new String[values.length];
            for (int i = 0; i < values.length; i++) {
                fields[i] = number(values[i]);
            }
            row(fields);
        }
    }

    private Csv() {
    }

    /**
     * A number as CSV text: {@link Double#toString}, which reads back to the same double (also
     * "NaN", "Infinity", "-Infinity", "-0.0").
     */
    public static String number(double value) {
        return Double.toString(value);
    }

    /** One field, quoted if it holds a comma, a quote, a carriage return or a line feed. */
    public static String field(String value) {
        Objects.requireNonNull(value, "a CSV field is null");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return '"' + value.replace("\"", "\"\"") + '"';
            }
        }
        return value;
    }

    /** One line of fields joined by commas, without the line end. */
    public static String line(List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String f = fields.get(i);
            if (f == null) {
                throw new IllegalArgumentException("field " + (i + 1) + " is null");
            }
            sb.append(field(f));
        }
        return sb.toString();
    }

    /**
     * Writes a header and rows, atomically: on failure {@code out} is unchanged and no temporary
     * file is left.
     *
     * @param out the file to create or replace
     * @param header the column names, at least one (not modified)
     * @param rows the rows, each as long as the header (not modified; iterated once)
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException if a row has the wrong number of fields or a field is null
     */
    public static void write(Path out, List<String> header, Iterable<List<String>> rows) throws IOException {
        Objects.requireNonNull(rows, "rows");
        writeStreaming(out, header, sink -> {
            for (List<String> row : rows) {
                sink.row(row);
            }
        });
    }

    /**
     * Writes a header and then whatever rows {@code body} hands to the sink, as they come (a long
     * trace need not be held in memory), atomically: on failure, including an exception thrown by
     * {@code body}, {@code out} is unchanged and no temporary file is left.
     *
     * @param out the file to create or replace
     * @param header the column names, at least one (not modified)
     * @param body called once with the sink; must not keep it
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException if a row has the wrong number of fields or a field is null
     */
    public static void writeStreaming(Path out, List<String> header, Consumer<RowSink> body) throws IOException {
        Objects.requireNonNull(body, "body");
        if (header == null || header.isEmpty()) {
            throw new IllegalArgumentException("a CSV file needs at least one column");
        }
        Checks.fileTarget(out);
        List<String> head = List.copyOf(header);
        AtomicFile.write(out, stream -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
            try {
                w.write(line(head));
                w.write('\n');
                body.accept(new Sink(w, head.size()));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            w.flush();
        });
    }

    private static final class Sink implements RowSink {
        private final Writer out;
        private final int columns;
        private long rows;

        Sink(Writer out, int columns) {
            this.out = out;
            this.columns = columns;
        }

        @Override
        public void row(List<String> fields) {
            rows++;
            if (fields == null || fields.size() != columns) {
                throw new IllegalArgumentException("row " + rows + " has " + (fields == null ? 0 : fields.size())
                        + " fields, the header has " + columns);
            }
            String text;
            try {
                text = line(fields);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("row " + rows + ": " + e.getMessage(), e);
            }
            try {
                out.write(text);
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
