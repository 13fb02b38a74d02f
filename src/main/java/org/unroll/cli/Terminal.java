package org.unroll.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.unroll.engine.ControlChars;

/**
 * Standard output and error while a command runs (ADR 0032): every text printed — a message, a
 * file name, a value quoted from a file — goes out with its control characters as visible escapes
 * (<code>&#92;u001b</code>, {@link ControlChars}), so a case or a deck cannot move the cursor, recolour or
 * clear the terminal, ring its bell or reorder a line. Line breaks and tabs pass, and so does
 * everything written as bytes ({@code run}'s JSON document, which Jackson writes with the control
 * characters escaped; the progress bar's carriage return).
 */
final class Terminal extends PrintStream {

    private final PrintStream inner;

    Terminal(PrintStream inner) {
        super(inner, true);
        this.inner = inner;
    }

    /** {@code s} as printed: unsafe characters escaped, line breaks ({@code \n}, {@code \r\n}) and tabs kept. */
    static String safe(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && !needsEscape(s, i)) {
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder sb = new StringBuilder(n + 16).append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            sb.append(needsEscape(s, i) ? ControlChars.escape(String.valueOf(c)) : String.valueOf(c));
        }
        return sb.toString();
    }

    private static boolean needsEscape(String s, int i) {
        char c = s.charAt(i);
        if (c == '\n' || c == '\t' || (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n')) {
            return false;
        }
        return ControlChars.unsafe(c);
    }

    @Override
    public void print(String s) {
        inner.print(safe(String.valueOf(s)));
    }

    @Override
    public void print(Object o) {
        print(String.valueOf(o));
    }

    @Override
    public void print(char c) {
        print(String.valueOf(c));
    }

    @Override
    public void print(char[] s) {
        print(new String(s));
    }

    @Override
    public void print(boolean b) {
        inner.print(b);
    }

    @Override
    public void print(int i) {
        inner.print(i);
    }

    @Override
    public void print(long l) {
        inner.print(l);
    }

    @Override
    public void print(float f) {
        inner.print(f);
    }

    @Override
    public void print(double d) {
        inner.print(d);
    }

    @Override
    public void println() {
        inner.println();
    }

    @Override
    public void println(String s) {
        inner.println(safe(String.valueOf(s)));
    }

    @Override
    public void println(Object o) {
        println(String.valueOf(o));
    }

    @Override
    public void println(char c) {
        println(String.valueOf(c));
    }

    @Override
    public void println(char[] s) {
        println(new String(s));
    }

    @Override
    public void println(boolean b) {
        inner.println(b);
    }

    @Override
    public void println(int i) {
        inner.println(i);
    }

    @Override
    public void println(long l) {
        inner.println(l);
    }

    @Override
    public void println(float f) {
        inner.println(f);
    }

    @Override
    public void println(double d) {
        inner.println(d);
    }

    @Override
    public PrintStream format(String format, Object... args) {
        print(String.format(format, args));
        return this;
    }

    @Override
    public PrintStream format(Locale l, String format, Object... args) {
        print(String.format(l, format, args));
        return this;
    }

    @Override
    public PrintStream printf(String format, Object... args) {
        return format(format, args);
    }

    @Override
    public PrintStream printf(Locale l, String format, Object... args) {
        return format(l, format, args);
    }

    @Override
    public PrintStream append(CharSequence csq) {
        print(String.valueOf(csq));
        return this;
    }

    @Override
    public PrintStream append(CharSequence csq, int start, int end) {
        print(String.valueOf(csq == null ? "null" : csq).substring(start, end));
        return this;
    }

    @Override
    public PrintStream append(char c) {
        print(c);
        return this;
    }

    @Override
    public void write(int b) {
        inner.write(b);
    }

    @Override
    public void write(byte[] buf, int off, int len) {
        inner.write(buf, off, len);
    }

    @Override
    public void write(byte[] buf) {
        inner.write(buf, 0, buf.length);
    }

    @Override
    public void writeBytes(byte[] buf) {
        inner.write(buf, 0, buf.length);
    }

    @Override
    public void flush() {
        inner.flush();
    }

    @Override
    public void close() {
        // the process's own stream: flushed, never closed by a command
        inner.flush();
    }

    @Override
    public boolean checkError() {
        return inner.checkError();
    }
}
