package io.tradehost.coordinator.runtime;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.value.Symbol;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the runtime coordinator is told at start. Immutable.
 *
 * @param venue name of the venue plugin to bootstrap
 * @param venueConfig the venue's configuration block
 * @param symbols the symbols to trade, in order
 * @param reduceOnly whether configuration holds the host in reduce-only
 * @param halted whether configuration holds the host halted
 * @param seed the run's seed, handed to the venue
 * @param reconcileInterval how often journal and venue are compared while trading
 * @param refuseOnMismatch whether start-up fails (rather than holding the host in reduce-only) when
 *     reconciliation finds differences it cannot explain
 * @param derivatives whether derivatives (perpetuals) may be traded; when not, start-up refuses a
 *     symbol the venue lists as one
 */
public record RuntimeSettings(String venue, PluginConfig venueConfig, List<Symbol> symbols, boolean reduceOnly,
                              boolean halted, long seed, Duration reconcileInterval, boolean refuseOnMismatch,
                              boolean derivatives) {
    /** Settings that allow derivatives. */
    public RuntimeSettings(String venue, PluginConfig venueConfig, List<Symbol> symbols, boolean reduceOnly,
                           boolean halted, long seed, Duration reconcileInterval, boolean refuseOnMismatch) {
        this(venue, venueConfig, symbols, reduceOnly, halted, seed, reconcileInterval, refuseOnMismatch, true);
    }

    /** Settings that reconcile every minute and hold the host in reduce-only on a mismatch. */
    public RuntimeSettings(String venue, PluginConfig venueConfig, List<Symbol> symbols, boolean reduceOnly,
                           boolean halted, long seed) {
        this(venue, venueConfig, symbols, reduceOnly, halted, seed, Duration.ofMinutes(1), false);
    }

    public RuntimeSettings {
        Objects.requireNonNull(reconcileInterval, "reconcileInterval");
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(venueConfig, "venueConfig");
        symbols = List.copyOf(symbols);
        if (symbols.isEmpty()) {
            throw new IllegalArgumentException("no symbols to trade");
        }
    }
}
