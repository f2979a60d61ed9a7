package io.tradehost.coordinator.strategy;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.value.Ratio;
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
 * @param quarantineAfterFailures consecutive failures of a symbol's strategy that quarantine the symbol
 * @param decisionBudget how long one decision may take before it counts as slow
 * @param quarantineAfterSlow consecutive slow, late or busy decisions that quarantine the symbol
 * @param maxDecisionLeverage a decision to buy or sell more than this many times equity (in notional)
 *     is not one a sound strategy makes: it is refused and counts as a failure of the strategy (an
 *     event-driven strategy's order too)
 * @param cancelOnStop whether an event-driven strategy's open orders are cancelled when it stops (an
 *     orderly stop of the host, or a reload that replaces it); halting never cancels them
 * @param barCloseDelay how long after a bar's end (on the host clock) the host closes it: trades stamped
 *     before the end that arrive within it still count (zero or positive, at most a minute)
 */
public record StrategySettings(String strategy, Map<Symbol, String> assignments,
                               Function<String, PluginConfig> configFor, CycleMode mode, Duration interval,
                               int quarantineAfterFailures, Duration decisionBudget, int quarantineAfterSlow,
                               Ratio maxDecisionLeverage, boolean cancelOnStop, Duration barCloseDelay) {
    /** Defaults: quarantine after 5 failures in a row, or 5 decisions in a row slower than 5 ms. */
    public static final int DEFAULT_QUARANTINE_AFTER = 5;
    /** Default decision budget. */
    public static final Duration DEFAULT_DECISION_BUDGET = Duration.ofMillis(5);
    /** Default ceiling of a decision's notional, in multiples of equity. */
    public static final Ratio DEFAULT_MAX_DECISION_LEVERAGE = Ratio.ofUnits(100);

    public StrategySettings {
        Objects.requireNonNull(strategy, "strategy");
        assignments = Map.copyOf(assignments);
        Objects.requireNonNull(configFor, "configFor");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(decisionBudget, "decisionBudget");
        Objects.requireNonNull(maxDecisionLeverage, "maxDecisionLeverage");
        if (quarantineAfterFailures < 1 || quarantineAfterSlow < 1) {
            throw new IllegalArgumentException("quarantine thresholds must be at least 1");
        }
        if (barCloseDelay.isNegative() || barCloseDelay.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("the bar close delay must be between 0 and 1 minute, not "
                    + barCloseDelay);
        }
    }

    /** Settings that close bars at their end (no delay). */
    public StrategySettings(String strategy, Map<Symbol, String> assignments, Function<String, PluginConfig> configFor,
                            CycleMode mode, Duration interval, int quarantineAfterFailures, Duration decisionBudget,
                            int quarantineAfterSlow, Ratio maxDecisionLeverage, boolean cancelOnStop) {
        this(strategy, assignments, configFor, mode, interval, quarantineAfterFailures, decisionBudget,
                quarantineAfterSlow, maxDecisionLeverage, cancelOnStop, Duration.ZERO);
    }

    /** Settings whose event-driven strategies cancel their open orders when they stop. */
    public StrategySettings(String strategy, Map<Symbol, String> assignments, Function<String, PluginConfig> configFor,
                            CycleMode mode, Duration interval, int quarantineAfterFailures, Duration decisionBudget,
                            int quarantineAfterSlow, Ratio maxDecisionLeverage) {
        this(strategy, assignments, configFor, mode, interval, quarantineAfterFailures, decisionBudget,
                quarantineAfterSlow, maxDecisionLeverage, true);
    }

    /** One strategy for every symbol, configured by {@code config}. */
    public static StrategySettings single(String strategy, PluginConfig config, CycleMode mode, Duration interval) {
        return new StrategySettings(strategy, Map.of(), name -> config, mode, interval, DEFAULT_QUARANTINE_AFTER,
                DEFAULT_DECISION_BUDGET, DEFAULT_QUARANTINE_AFTER, DEFAULT_MAX_DECISION_LEVERAGE);
    }

    /** The strategy name for {@code symbol}. */
    public String strategyFor(Symbol symbol) {
        return assignments.getOrDefault(symbol, strategy);
    }
}
