package io.tradehost.coordinator.strategy;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.value.Symbol;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The strategy coordinator's configuration. Immutable.
 *
 * @param strategy name of the strategy plugin for symbols without an assignment
 * @param assignments strategy name per symbol, overriding {@code strategy}
 * @param configFor the configuration block of a strategy, by name
 * @param mode when cycles run
 * @param interval the cycle interval in {@link CycleMode#INTERVAL} mode
 */
public record StrategySettings(String strategy, Map<Symbol, String> assignments,
                               Function<String, PluginConfig> configFor, CycleMode mode, Duration interval) {
    public StrategySettings {
        Objects.requireNonNull(strategy, "strategy");
        assignments = Map.copyOf(assignments);
        Objects.requireNonNull(configFor, "configFor");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(interval, "interval");
    }

    /** One strategy for every symbol, configured by {@code config}. */
    public static StrategySettings single(String strategy, PluginConfig config, CycleMode mode, Duration interval) {
        return new StrategySettings(strategy, Map.of(), name -> config, mode, interval);
    }

    /** The strategy name for {@code symbol}. */
    public String strategyFor(Symbol symbol) {
        return assignments.getOrDefault(symbol, strategy);
    }
}
