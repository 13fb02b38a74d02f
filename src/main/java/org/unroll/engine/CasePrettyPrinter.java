package org.unroll.engine;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Pretty-prints a case the way people read matrices: objects indented one key a line, a vector on
 * one line, a matrix one row a line.
 */
final class CasePrettyPrinter implements PrettyPrinter {

    private int depth;
    /** Per open array: whether it has held an array or null row (then it closes on its own line). */
    private final Deque<boolean[]> arrays = new ArrayDeque<>();

    private void newline(JsonGenerator g) throws IOException {
        g.writeRaw('\n');
        for (int i = 0; i < depth; i++) {
            g.writeRaw("  ");
        }
    }

    @Override
    public void writeRootValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw('\n');
    }

    @Override
    public void writeStartObject(JsonGenerator g) throws IOException {
        g.writeRaw('{');
        depth++;
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) throws IOException {
        newline(g);
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
        g.writeRaw(',');
        newline(g);
    }

    @Override
    public void writeEndObject(JsonGenerator g, int nrOfEntries) throws IOException {
        depth--;
        if (nrOfEntries > 0) {
            newline(g);
        }
        g.writeRaw('}');
    }

    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
        g.writeRaw('[');
        depth++;
        arrays.push(new boolean[1]);
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) throws IOException {
        // the first value decides: rows (arrays or null) go on their own lines
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw(arrays.peek()[0] ? "," : ", ");
        if (arrays.peek()[0]) {
            newline(g);
        }
    }

    @Override
    public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
        depth--;
        boolean rows = arrays.pop()[0];
        if (rows) {
            newline(g);
        }
        g.writeRaw(']');
    }

    /** Called by the generator before each row of a matrix: the enclosing array holds rows. */
    void markRows(JsonGenerator g) throws IOException {
        boolean[] top = arrays.peek();
        if (top != null && !top[0]) {
            top[0] = true;
            newline(g);
        }
    }
}
