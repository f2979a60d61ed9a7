package io.tradehost.backtest.tape;

import java.nio.file.Path;

/**
 * Recorded data that cannot be replayed: the message names the file and, where there is one, the
 * line and the column, e.g. {@code trades.csv:17: price 'abc' is not a decimal}. It is one line
 * whatever the data holds: control characters in it are escaped (see {@link Excerpt}).
 */
public final class TapeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A problem with the whole file (missing, unreadable, no symbol). */
    public TapeException(Path file, String message) {
        super(Excerpt.oneLine(file + ": " + message));
    }

    /** A problem with one line. */
    public TapeException(Path file, long line, String message) {
        super(Excerpt.oneLine(file + ":" + line + ": " + message));
    }
}
