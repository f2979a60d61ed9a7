package io.tradehost.app.wiring;

import io.tradehost.app.config.HostConfig;
import io.tradehost.coordinator.execution.ExecutionSettings;
import io.tradehost.coordinator.strategy.StrategySettings;
import io.tradehost.coordinator.telemetry.TelemetrySettings;

/**
 * Each coordinator's settings as a host configuration gives them: one place for start-up and for
 * a reload, so both read a key the same way. Stateless.
 */
public final class CoordinatorSettings {
    private CoordinatorSettings() {
    }

    /** The strategy coordinator's settings. */
    public static StrategySettings strategy(HostConfig config) {
        return new StrategySettings(config.strategy(), config.strategyAssignments(), config::strategyConfig,
                config.cycle(), config.cycleInterval(), config.quarantineAfterFailures(), config.decisionBudget(),
                config.quarantineAfterSlow(), config.maxDecisionLeverage(), config.cancelOnStop(),
                config.barCloseDelay());
    }

    /** Execution's settings; {@code seed} seeds the retry jitter. */
    public static ExecutionSettings execution(HostConfig config, long seed) {
        return new ExecutionSettings(config.timeInForce(), config.retries(), seed);
    }

    /** Telemetry's settings. */
    public static TelemetrySettings telemetry(HostConfig config) {
        return new TelemetrySettings(config.markWindow(), config.statusInterval(), config.staleAfter());
    }
}
