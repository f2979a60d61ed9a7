package io.tradehost.kernel;

import io.tradehost.api.time.Clock;
import java.time.Instant;

/**
 * The wall clock, UTC, for live runs. Thread-safe. Kept monotonic: a wall-clock step backwards
 * (NTP) holds the time still instead of reversing it.
 */
public final class SystemClock implements Clock {
    private long last;

    /** A clock on the system's time. */
    public SystemClock() {
        this.last = 0;
    }

    @Override
    public synchronized long nanos() {
        Instant now = Instant.now();
        long n = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        last = Math.max(last, n);
        return last;
    }
}
