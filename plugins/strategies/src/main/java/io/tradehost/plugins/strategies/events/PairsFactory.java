package io.tradehost.plugins.strategies.events;

import io.tradehost.api.config.ConfigException;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.market.BarInterval;
import io.tradehost.api.strategy.event.EventStrategy;
import io.tradehost.api.strategy.event.EventStrategyFactory;
import io.tradehost.api.value.Ratio;

/**
 * {@code pairs}: trades the two symbols assigned to it. Keys {@code interval} ("1m"), {@code length}
 * (60 bars of spread history), {@code entry_z} (2), {@code exit_z} (0.5), {@code hedge_ratio} (1),
 * {@code position_fraction} (0.05 of equity per leg).
 */
public final class PairsFactory implements EventStrategyFactory {
    /** The factory ServiceLoader instantiates. */
    public PairsFactory() {
        // stateless
    }

    @Override
    public String name() {
        return "pairs";
    }

    @Override
    public String description() {
        return "two symbols: trades the z-score of their log-price spread on bars, back to the mean";
    }

    @Override
    public EventStrategy createEventStrategy(PluginConfig config) {
        BarInterval interval = config.barInterval("interval", "1m");
        Ratio entry = config.ratio("entry_z", "2", "0.1", "20");
        Ratio exit = config.ratio("exit_z", "0.5", "0", "20");
        if (!exit.isLessThan(entry)) {
            throw new ConfigException(config.path() + ".exit_z", "must be less than entry_z (" + exit + " >= "
                    + entry + ")");
        }
        return new Pairs(interval, (int) config.integer("length", 60, 3, 100_000), entry.toDouble(), exit.toDouble(),
                config.ratio("hedge_ratio", "1", "0.01", "100").toDouble(),
                config.ratio("position_fraction", "0.05", "0.0001", "1"));
    }
}
