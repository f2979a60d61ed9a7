package io.tradehost.plugins.strategies;

import io.tradehost.api.config.ConfigException;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.strategy.Strategy;
import io.tradehost.api.strategy.StrategyFactory;

/**
 * {@code ma-crossover}: keys {@code short} (5), {@code long} (20), {@code epsilon_bps} (0),
 * {@code confirm_bars} (1), {@code trailing_stop} (0.01), {@code allow_shorts} (false),
 * {@code position_fraction} (0.05), {@code leverage} (1), {@code max_notional} (0 = none).
 */
public final class MovingAverageCrossoverFactory implements StrategyFactory {
    /** The factory ServiceLoader instantiates. */
    public MovingAverageCrossoverFactory() {
        // stateless
    }

    @Override
    public String name() {
        return "ma-crossover";
    }

    @Override
    public String description() {
        return "short/long moving-average crossover with confirmation bars and a trailing stop";
    }

    @Override
    public Strategy create(PluginConfig config) {
        int shortWindow = (int) config.integer("short", 5, 1, 10_000);
        int longWindow = (int) config.integer("long", 20, 2, 10_000);
        if (shortWindow >= longWindow) {
            throw new ConfigException(config.path() + ".short", "must be less than long (" + shortWindow + " >= "
                    + longWindow + ")");
        }
        return new MovingAverageCrossover(shortWindow, longWindow,
                config.ratio("epsilon_bps", "0", "0", "10000").toDouble(),
                (int) config.integer("confirm_bars", 1, 1, 1_000),
                config.ratio("trailing_stop", "0.01", "0", "0.5").toDouble(),
                config.bool("allow_shorts", false), Sizing.from(config));
    }
}
