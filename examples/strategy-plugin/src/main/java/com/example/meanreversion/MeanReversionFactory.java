package com.example.meanreversion;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.strategy.Strategy;
import io.tradehost.api.strategy.StrategyFactory;

/**
 * {@code mean-reversion}: keys {@code lookback} (20 marks), {@code entry_bps} (10),
 * {@code position_fraction} (0.05). Configure it under {@code [strategy.config.mean-reversion]}.
 */
public final class MeanReversionFactory implements StrategyFactory {
    /** ServiceLoader needs a public no-argument constructor. */
    public MeanReversionFactory() {
        // stateless
    }

    @Override
    public String name() {
        return "mean-reversion";
    }

    @Override
    public String description() {
        return "buys a dip below the moving average, sells when the mark is back at it";
    }

    @Override
    public Strategy create(PluginConfig config) {
        return new MeanReversion((int) config.integer("lookback", 20, 2, 10_000),
                config.ratio("entry_bps", "10", "0", "10000").toDouble(),
                config.ratio("position_fraction", "0.05", "0.0001", "1"));
    }
}
