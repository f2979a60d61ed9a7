package io.tradehost.app.reload;

/**
 * When a file that keeps changing is worth reading: once it has been quiet for {@code quiet}
 * nanoseconds after its last change. A read that finds the file half-written (not TOML yet) waits
 * one more quiet period for the writer to finish before it counts. Times are caller-given
 * nanoseconds, so the rules are tested without a clock. Not thread-safe: the watcher's thread.
 */
final class Debounce {
    private final long quiet;
    private long lastChange = Long.MIN_VALUE;
    private boolean pending;
    private boolean retried;

    /** @param quietNanos how long the file must not change before it is read */
    Debounce(long quietNanos) {
        this.quiet = quietNanos;
    }

    /** The file changed at {@code now}. */
    void changed(long now) {
        lastChange = now;
        pending = true;
        retried = false;
    }

    /** Whether the file should be read at {@code now}. */
    boolean due(long now) {
        return pending && now - lastChange >= quiet;
    }

    /** How long to wait from {@code now} until {@link #due} could be true; -1 when nothing is pending. */
    long waitNanos(long now) {
        return pending ? Math.max(0, lastChange + quiet - now) : -1;
    }

    /** The file was read and handed on. */
    void read() {
        pending = false;
    }

    /**
     * The read at {@code now} found the file half-written: whether to wait one more quiet period
     * (true, once per change) or hand it on as it is (false).
     */
    boolean halfWritten(long now) {
        if (retried) {
            pending = false;
            return false;
        }
        retried = true;
        lastChange = now;
        return true;
    }
}
