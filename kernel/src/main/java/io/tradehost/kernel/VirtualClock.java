package io.tradehost.kernel;

import io.tradehost.api.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A clock that moves only when told: tests and replays step it by hand, usually through
 * {@link Kernel#advanceBy(Duration)}. Thread-safe; never goes backwards.
 */
public final class VirtualClock implements Clock {
    private volatile long nanos;

    /** A clock standing at {@code start}. */
    public VirtualClock(Instant start) {
        this.nanos = start.getEpochSecond() * 1_000_000_000L + start.getNano();
    }

    @Override
    public long nanos() {
        return nanos;
    }

    /**
     * Moves the clock to {@code epochNanos}.
     *
     * @throws IllegalArgumentException if that is earlier than now
     */
    public synchronized void setTo(long epochNanos) {
        if (epochNanos < nanos) {
            throw new IllegalArgumentException("virtual time cannot go backwards: " + epochNanos + " < " + nanos);
        }
        nanos = epochNanos;
    }

    /** Moves the clock forward by {@code step}. */
    public void advance(Duration step) {
        setTo(Math.addExact(nanos, step.toNanos()));
    }
}
