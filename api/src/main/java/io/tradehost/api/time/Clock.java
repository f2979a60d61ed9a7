package io.tradehost.api.time;

import java.time.Instant;

/**
 * The only source of time for coordinators and plugins: the system clock when live, a virtual clock
 * in tests and replay. Implementations are thread-safe; the time never goes backwards.
 */
@FunctionalInterface
public interface Clock {
    /** Current time in nanoseconds since the epoch (UTC). */
    long nanos();

    /** Current time as an instant. */
    default Instant instant() {
        long nanos = nanos();
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
