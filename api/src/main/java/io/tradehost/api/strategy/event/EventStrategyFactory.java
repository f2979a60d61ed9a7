package io.tradehost.api.strategy.event;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.strategy.Strategy;
import io.tradehost.api.strategy.StrategyFactory;

/**
 * A strategy plugin of the event-driven form. Declared like every strategy, with
 * {@code provides io.tradehost.api.strategy.StrategyFactory with ...}; the host sees that the factory
 * is an {@code EventStrategyFactory} and calls {@link #createEventStrategy}, never {@link #create}.
 * Its name shares the namespace of every strategy.
 */
public interface EventStrategyFactory extends StrategyFactory {
    /**
     * A new instance for the symbols assigned to this strategy (the host tells it which at start),
     * configured from {@code config}.
     *
     * @throws io.tradehost.api.config.ConfigException if the configuration is invalid
     */
    EventStrategy createEventStrategy(PluginConfig config);

    /**
     * An event-driven strategy has no decide form: the host never calls this.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    default Strategy create(PluginConfig config) {
        throw new UnsupportedOperationException(name() + " is an event-driven strategy: use createEventStrategy");
    }
}
