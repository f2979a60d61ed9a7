package io.tradehost.plugins.strategies.events;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.market.BarInterval;
import io.tradehost.api.strategy.event.EventStrategy;
import io.tradehost.api.strategy.event.EventStrategyFactory;

/**
 * {@code bar-trend}: keys {@code interval} ("1m", from 1s to 1d), {@code length} (20 bars),
 * {@code position_fraction} (0.05 of equity per entry), {@code allow_shorts} (false), and the exits each
 * entry carries, in basis points of the bar's close (0, the default, for none; see {@link EntryExits}):
 * {@code take_profit_bps}, {@code stop_loss_bps}, {@code trailing_bps}; {@code stop_limit_bps} (0: the stop-loss is a
 * stop-market) makes the stop-loss a stop-limit that far beyond its trigger.
 */
public final class BarTrendFactory implements EventStrategyFactory {
    /** The factory ServiceLoader instantiates. */
    public BarTrendFactory() {
        // stateless
    }

    @Override
    public String name() {
        return "bar-trend";
    }

    @Override
    public String description() {
        return "on each closed bar, enters when the close crosses its moving average, exits on the opposite cross";
    }

    @Override
    public EventStrategy createEventStrategy(PluginConfig config) {
        BarInterval interval = config.barInterval("interval", "1m");
        return new BarTrend(interval, (int) config.integer("length", 20, 2, 10_000),
                config.ratio("position_fraction", "0.05", "0.0001", "1"), config.bool("allow_shorts", false),
                new EntryExits(config.ratio("take_profit_bps", "0", "0", "5000"),
                        config.ratio("stop_loss_bps", "0", "0", "5000"), config.ratio("trailing_bps", "0", "0", "5000"),
                        config.ratio("stop_limit_bps", "0", "0", "5000")));
    }
}
