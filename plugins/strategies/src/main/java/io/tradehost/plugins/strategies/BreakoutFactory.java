package io.tradehost.plugins.strategies;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.strategy.Strategy;
import io.tradehost.api.strategy.StrategyFactory;

/**
 * {@code breakout}: keys {@code entry_lookback} (20), {@code exit_lookback} (10),
 * {@code allow_shorts} (false), {@code position_fraction} (0.05), {@code leverage} (1),
 * {@code max_notional} (0 = none).
 */
public final class BreakoutFactory implements StrategyFactory {
    /** The factory ServiceLoader instantiates. */
    public BreakoutFactory() {
        // stateless
    }

    @Override
    public String name() {
        return "breakout";
    }

    @Override
    public String description() {
        return "channel breakout: enter on a new N-mark high (low), exit on an M-mark low (high)";
    }

    @Override
    public Strategy create(PluginConfig config) {
        return new Breakout((int) config.integer("entry_lookback", 20, 2, 10_000),
                (int) config.integer("exit_lookback", 10, 2, 10_000), config.bool("allow_shorts", false),
                Sizing.from(config));
    }
}
