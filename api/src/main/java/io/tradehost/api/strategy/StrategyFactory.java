package io.tradehost.api.strategy;

import io.tradehost.api.config.PluginConfig;

/**
 * A strategy plugin, found with {@link java.util.ServiceLoader}: declare it with
 * {@code provides io.tradehost.api.strategy.StrategyFactory with ...} in the plugin's module-info.
 * The factory must have a public no-argument constructor and be cheap to construct.
 */
public interface StrategyFactory {
    /** A unique, stable name used in configuration, e.g. {@code ma-crossover}. */
    String name();

    /** One line saying what the strategy does. */
    String description();

    /**
     * A new strategy instance for one symbol, configured from {@code config}.
     *
     * @throws io.tradehost.api.config.ConfigException if the configuration is invalid
     */
    Strategy create(PluginConfig config);
}
