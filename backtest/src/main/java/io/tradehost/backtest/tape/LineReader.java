package io.tradehost.backtest.tape;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of a byte stream, as UTF-8 (bytes that are not become U+FFFD), ended by LF, CR LF or
 * CR. A line longer than {@link #MAX_LINE_BYTES} is read to its end but not kept: {@link #next}
 * gives an empty line and {@link #tooLong} says so, so that a file without line breaks costs a
 * buffer, not its size in memory. Not thread-safe.
 */
final class LineReader implements Closeable {
    /** The longest line kept, in bytes (64 KiB): far more than any row of market data. */
    static final int MAX_LINE_BYTES = 64 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int start;
    private int end;
    /** The line being read, at most {@link #MAX_LINE_BYTES} of it. */
    private byte[] line = new byte[256];
    private int held;
    private long number;
    private boolean tooLong;
    /** The last line ended with CR: a LF right after it belongs to that end. */
    private boolean afterCr;

    LineReader(InputStream in) {
        this.in = in;
    }

    /**
     * The next line without its end, empty when it was {@link #tooLong}, or null after the last.
     *
     * @throws IOException if the stream cannot be read
     */
    String next() throws IOException {
        long length = 0;
        held = 0;
        while (true) {
            if (start == end) {
                int n = in.read(buffer);
                if (n < 0) {
                    if (length == 0) {
                        return null;
                    }
                    break;
                }
                start = 0;
                end = n;
                continue;
            }
            if (afterCr) {
                afterCr = false;
                if (buffer[start] == '\n') {
                    start++;
                    continue;
                }
            }
            int stop = start;
            while (stop < end && buffer[stop] != '\n' && buffer[stop] != '\r') {
                stop++;
            }
            hold(stop - start);
            length += stop - start;
            if (stop < end) {
                afterCr = buffer[stop] == '\r';
                start = stop + 1;
                break;
            }
            start = end;
        }
        number++;
        tooLong = length > MAX_LINE_BYTES;
        return tooLong ? "" : new String(line, 0, held, StandardCharsets.UTF_8);
    }

    /** Keeps {@code count} bytes from {@code start}, as far as the line's limit allows. */
    private void hold(int count) {
        int kept = Math.min(count, MAX_LINE_BYTES - held);
        if (kept <= 0) {
            return;
        }
        if (held + kept > line.length) {
            line = Arrays.copyOf(line, Math.min(Math.max(line.length * 2, held + kept), MAX_LINE_BYTES));
        }
        System.arraycopy(buffer, start, line, held, kept);
        held += kept;
    }

    /** Whether the line {@link #next} gave last was longer than {@link #MAX_LINE_BYTES} (and not kept). */
    boolean tooLong() {
        return tooLong;
    }

    /** The bytes it keeps for a line now: never more than {@link #MAX_LINE_BYTES}, however long the lines. */
    int capacity() {
        return line.length;
    }

    /** The 1-based number of the line {@link #next} gave last; 0 before the first. */
    long number() {
        return number;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
