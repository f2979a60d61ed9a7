package io.tradehost.plugins.strategies.events;

import io.tradehost.api.config.ConfigException;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.strategy.event.EventStrategy;
import io.tradehost.api.strategy.event.EventStrategyFactory;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Ratio;

/**
 * {@code market-maker}: keys {@code spread_bps} (20, the distance between bid and ask), {@code refresh_bps}
 * (5, how far the wanted price may move before an order is replaced), {@code order_notional} (100, quote
 * currency per order), {@code max_inventory} (1000, the position's notional at which the side that would
 * grow it is pulled), {@code skew_bps} (10, how far both quotes shift against a full inventory),
 * {@code hanging_cancel_bps} (0: no hanging orders; else a quote left hanging when the other side filled
 * is cancelled once the mid is that far from it).
 */
public final class MarketMakerFactory implements EventStrategyFactory {
    /** The factory ServiceLoader instantiates. */
    public MarketMakerFactory() {
        // stateless
    }

    @Override
    public String name() {
        return "market-maker";
    }

    @Override
    public String description() {
        return "a post-only bid and ask around the mid, skewed by inventory, replaced as the mid moves";
    }

    @Override
    public EventStrategy createEventStrategy(PluginConfig config) {
        Ratio spread = config.ratio("spread_bps", "20", "0.1", "5000");
        Ratio refresh = config.ratio("refresh_bps", "5", "0", "5000");
        Money notional = config.money("order_notional", "100", "0.01", "1000000000");
        Money maxInventory = config.money("max_inventory", "1000", "0.01", "1000000000");
        Ratio skew = config.ratio("skew_bps", "10", "0", "5000");
        if (maxInventory.isLessThan(notional)) {
            throw new ConfigException(config.path() + ".max_inventory", "must be at least order_notional ("
                    + maxInventory + " < " + notional + ")");
        }
        Ratio hangingCancel = config.ratio("hanging_cancel_bps", "0", "0", "5000");
        return new MarketMaker(spread.toDouble(), refresh.toDouble(), notional, maxInventory, skew.toDouble(),
                hangingCancel.toDouble());
    }
}
