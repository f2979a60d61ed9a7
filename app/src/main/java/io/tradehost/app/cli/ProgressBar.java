package io.tradehost.app.cli;

import io.tradehost.app.backtest.Progress;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A replay's progress on a terminal: a bar, events, simulated time, events per second and the time
 * left, redrawn at most twice a second of wall time on stderr. Off when stderr is not a terminal.
 * Not thread-safe.
 */
final class ProgressBar implements Progress {
    private static final long REDRAW_NANOS = 500_000_000L;

    private final PrintStream out;
    private final long total;
    /** Wall time of the first event: the rate shown is the replay's own, not the wiring's. */
    private long startedAt = -1;
    private long lastDraw;
    private boolean drawn;

    private ProgressBar(PrintStream out, long total) {
        this.out = out;
        this.total = total;
    }

    /** Progress over {@code total} events on stderr if it is a terminal, else none. */
    static Progress onTerminal(long total) {
        return System.console() != null ? new ProgressBar(System.err, total) : NONE;
    }

    @Override
    public void update(long events, long nanos) {
        if (startedAt < 0) {
            startedAt = System.nanoTime();
            lastDraw = startedAt;
        }
        if ((events & 0x3FF) != 0) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        out.print("\r" + line(events, nanos, now - startedAt, total));
        out.flush();
        drawn = true;
    }

    /** The line after {@code events} of {@code total} rows in {@code elapsedNanos} of wall time. */
    static String line(long events, long nanos, long elapsedNanos, long total) {
        double rate = events / Math.max(elapsedNanos / 1e9, 1e-9);
        long left = rate > 0 ? (long) ((total - events) / rate) : 0;
        int percent = total > 0 ? (int) (100 * events / total) : 0;
        return String.format(Locale.ROOT, "[%-20s] %3d%% %,d/%,d events  %s  %,.0f ev/s  ETA %s ",
                "#".repeat(percent / 5), percent, events, total, Instant.ofEpochSecond(0, nanos), rate,
                Duration.ofSeconds(left));
    }

    @Override
    public void done() {
        if (drawn) {
            out.print("\r" + " ".repeat(110) + "\r");
            out.flush();
        }
    }
}
