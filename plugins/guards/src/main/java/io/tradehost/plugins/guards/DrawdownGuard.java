package io.tradehost.plugins.guards;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.guard.RuntimeGuard;
import io.tradehost.api.guard.RuntimeGuardContext;
import io.tradehost.api.guard.RuntimeGuardFactory;
import io.tradehost.api.state.ClearingRule;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.ReasonSource;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Ratio;
import java.time.Duration;
import java.util.List;
import java.util.Map;
/**
 * Tracks the equity peak; when equity falls more than {@code max_drawdown} (a fraction) below it,
 * raises {@code max_drawdown} (REDUCE_ONLY, an operator clears). Not thread-safe.
 */
public final class DrawdownGuard implements RuntimeGuard {
    /** Code of the reason this guard raises. */
    public static final ReasonCode CODE = ReasonCode.of("max_drawdown");

    private final Ratio maxDrawdown;
    private final Duration interval;
    private final RuntimeGuardContext context;
    private Money peak;

    public DrawdownGuard(Ratio maxDrawdown, Duration interval, RuntimeGuardContext context) {
        this.maxDrawdown = maxDrawdown;
        this.interval = interval;
        this.context = context;
    }

    @Override
    public Duration interval() {
        return interval;
    }

    /** Equity, positions and marks change only with events: nothing to check again while none came. */
    @Override
    public long sameVerdictUntilNanos() {
        return UNTIL_AN_EVENT;
    }

    @Override
    public void evaluate() {
        Money equity = Equity.required(context);
        if (peak == null || equity.isGreaterThan(peak)) {
            peak = equity;
            return;
        }
        Ratio drawdown = peak.minus(equity).ratioTo(peak);
        if (drawdown.isGreaterThan(maxDrawdown) && !context.isActive(CODE)) {
            context.raise(new StateReason(CODE, ReasonSource.DRAWDOWN, TradingState.REDUCE_ONLY,
                    "drawdown " + drawdown + " from equity peak " + peak + " (equity " + equity + ") > max "
                            + maxDrawdown, Map.of("drawdown", drawdown.toString(), "peak", peak.toString()),
                    context.clock().nanos(), null, ClearingRule.OPERATOR));
        }
    }

    /** {@code drawdown}: keys {@code max_drawdown} (0.10), {@code check_interval} ("1s"). */
    public static final class Factory implements RuntimeGuardFactory {
        public Factory() {
            // stateless
        }

        @Override
        public String name() {
            return "drawdown";
        }

        @Override
        public String description() {
            return "equity more than max_drawdown below its peak: REDUCE_ONLY until an operator clears it";
        }

        @Override
        public List<String> keys() {
            return List.of("max_drawdown=0.10", "check_interval=1s");
        }

        @Override
        public RuntimeGuard create(PluginConfig config, RuntimeGuardContext context) {
            return new DrawdownGuard(config.ratio("max_drawdown", "0.10", "0", "1"),
                    config.duration("check_interval", Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofHours(1)),
                    context);
        }
    }
}
