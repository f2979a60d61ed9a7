package io.tradehost.api.venue;

import io.tradehost.api.time.Clock;
import io.tradehost.api.time.Scheduler;
import io.tradehost.api.value.Symbol;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the host gives a venue it creates. Immutable.
 *
 * @param clock the host's clock; a simulated venue must take its time from here
 * @param scheduler timers on the kernel thread; a simulated venue drives its market data with them
 * @param listener where to report market data and order outcomes
 * @param credentials the credentials named by {@link VenueFactory#requiredCredentials()}, by name
 * @param seed the run's seed, for simulated venues that need randomness
 * @param dataDirectory a directory the venue may keep state in across restarts (a simulated venue
 *     stores its book there, as a real exchange outlives the host); {@code null} when the host runs
 *     without one, e.g. in tests
 * @param symbols the symbols the host will trade, in configuration order (empty when not known): a
 *     simulated venue may list markets for them
 */
public record VenueContext(Clock clock, Scheduler scheduler, VenueListener listener,
                           Map<String, String> credentials, long seed, Path dataDirectory, List<Symbol> symbols) {
    public VenueContext {
        credentials = Map.copyOf(credentials);
        symbols = List.copyOf(symbols);
    }

    /** A context that does not say which symbols the host trades. */
    public VenueContext(Clock clock, Scheduler scheduler, VenueListener listener, Map<String, String> credentials,
                        long seed, Path dataDirectory) {
        this(clock, scheduler, listener, credentials, seed, dataDirectory, List.of());
    }

    /** A context without a data directory. */
    public VenueContext(Clock clock, Scheduler scheduler, VenueListener listener, Map<String, String> credentials,
                        long seed) {
        this(clock, scheduler, listener, credentials, seed, null);
    }

    /** The data directory, if the host gave one. */
    public Optional<Path> dataDirectoryIfAny() {
        return Optional.ofNullable(dataDirectory);
    }
}
