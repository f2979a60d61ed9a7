package io.tradehost.coordinator.strategy;

import io.tradehost.api.config.PluginConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * The strategy coordinator's configuration. Immutable.
 *
 * @param strategy name of the strategy plugin every symbol uses
 * @param strategyConfig its configuration block
 * @param mode when cycles run
 * @param interval the cycle interval in {@link CycleMode#INTERVAL} mode
 */
public record StrategySettings(String strategy, PluginConfig strategyConfig, CycleMode mode, Duration interval) {
    public StrategySettings {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(strategyConfig, "strategyConfig");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(interval, "interval");
    }
}
