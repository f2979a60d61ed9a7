package com.example.meanreversion;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.strategy.event.EventStrategy;
import io.tradehost.api.strategy.event.EventStrategyFactory;

/**
 * {@code dip-ladder}, an event-driven example: keys {@code depth_bps} (30), {@code take_bps} (20),
 * {@code refresh_bps} (10), {@code order_notional} (200).
 */
public final class DipLadderFactory implements EventStrategyFactory {
    /** The factory ServiceLoader instantiates. */
    public DipLadderFactory() {
        // stateless
    }

    @Override
    public String name() {
        return "dip-ladder";
    }

    @Override
    public String description() {
        return "rests a post-only bid below the mid; each fill rests a take-profit ask above its price";
    }

    @Override
    public EventStrategy createEventStrategy(PluginConfig config) {
        return new DipLadder(config.ratio("depth_bps", "30", "1", "5000").toDouble(),
                config.ratio("take_bps", "20", "1", "5000").toDouble(),
                config.ratio("refresh_bps", "10", "0", "5000").toDouble(),
                config.money("order_notional", "200", "1", "1000000"));
    }
}
