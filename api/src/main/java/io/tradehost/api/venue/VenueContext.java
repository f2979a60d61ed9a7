package io.tradehost.api.venue;

import io.tradehost.api.time.Clock;
import io.tradehost.api.time.Scheduler;
import java.util.Map;

/**
 * What the host gives a venue it creates. Immutable.
 *
 * @param clock the host's clock; a simulated venue must take its time from here
 * @param scheduler timers on the kernel thread; a simulated venue drives its market data with them
 * @param listener where to report market data and order outcomes
 * @param credentials the credentials named by {@link VenueFactory#requiredCredentials()}, by name
 * @param seed the run's seed, for simulated venues that need randomness
 */
public record VenueContext(Clock clock, Scheduler scheduler, VenueListener listener,
                           Map<String, String> credentials, long seed) {
    public VenueContext {
        credentials = Map.copyOf(credentials);
    }
}
