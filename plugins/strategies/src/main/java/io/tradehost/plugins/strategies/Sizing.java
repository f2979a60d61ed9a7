package io.tradehost.plugins.strategies;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Ratio;

/**
 * Entry sizing shared by the built-in strategies: equity x position fraction x leverage, capped by
 * an optional maximum notional. Immutable.
 *
 * @param fraction share of equity per entry
 * @param leverage multiplier on that share
 * @param maxNotional cap on an entry; zero for none
 */
record Sizing(Ratio fraction, Ratio leverage, Money maxNotional) {
    static Sizing from(PluginConfig config) {
        return new Sizing(config.ratio("position_fraction", "0.05", "0.0001", "1"),
                config.ratio("leverage", "1", "1", "100"),
                config.money("max_notional", "0", "0", "1000000000"));
    }

    Money entryNotional(Money equity) {
        Money notional = equity.times(fraction).times(leverage);
        return maxNotional.isPositive() && notional.isGreaterThan(maxNotional) ? maxNotional : notional;
    }
}
