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
import java.time.Duration;
import java.util.List;
import java.util.Map;
/**
 * Records equity at the first check of each UTC day; when equity falls more than {@code max_loss}
 * below it, raises {@code daily_loss} (REDUCE_ONLY, cleared at the next UTC day) and cancels open
 * orders. Not thread-safe: the host calls it on the kernel thread.
 */
public final class DailyLossGuard implements RuntimeGuard {
    /** Code of the reason this guard raises. */
    public static final ReasonCode CODE = ReasonCode.of("daily_loss");
    private static final long DAY_NANOS = Duration.ofDays(1).toNanos();
    private static final System.Logger LOG = System.getLogger(DailyLossGuard.class.getName());

    private final Money maxLoss;
    private final Duration interval;
    private final RuntimeGuardContext context;
    private long day = Long.MIN_VALUE;
    private Money startOfDay;

    public DailyLossGuard(Money maxLoss, Duration interval, RuntimeGuardContext context) {
        this.maxLoss = maxLoss;
        this.interval = interval;
        this.context = context;
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public void evaluate() {
        Money equity = Equity.required(context);
        long today = Math.floorDiv(context.clock().nanos(), DAY_NANOS);
        if (today != day) {
            day = today;
            startOfDay = equity;
            LOG.log(System.Logger.Level.INFO, "daily loss limit {0} from start-of-day equity {1}", maxLoss, equity);
            return;
        }
        Money loss = startOfDay.minus(equity);
        if (loss.isGreaterThan(maxLoss) && !context.isActive(CODE)) {
            context.raise(new StateReason(CODE, ReasonSource.DAILY_LOSS, TradingState.REDUCE_ONLY,
                    "daily loss " + loss + " > limit " + maxLoss + " (start of day " + startOfDay + ", equity "
                            + equity + ")",
                    Map.of("loss", loss.toString(), "limit", maxLoss.toString(), "startOfDay", startOfDay.toString()),
                    context.clock().nanos(), null, ClearingRule.NEXT_UTC_DAY));
            context.cancelOpenOrders("daily loss limit breached");
        }
    }

    /**
     * Equity changes only with events; time alone changes the verdict at the end of the day the last
     * check counted in (not the clock's day now: a check just before midnight must not skip the next).
     */
    @Override
    public long sameVerdictUntilNanos() {
        return day == Long.MIN_VALUE ? EVERY_TICK : (day + 1) * DAY_NANOS;
    }

    /** {@code daily-loss}: keys {@code max_loss} (100), {@code check_interval} ("1s"). */
    public static final class Factory implements RuntimeGuardFactory {
        public Factory() {
            // stateless
        }

        @Override
        public String name() {
            return "daily-loss";
        }

        @Override
        public String description() {
            return "equity below start-of-UTC-day equity minus max_loss: REDUCE_ONLY and cancel open orders; "
                    + "clears at the next UTC day";
        }

        @Override
        public List<String> keys() {
            return List.of("max_loss=100", "check_interval=1s");
        }

        @Override
        public RuntimeGuard create(PluginConfig config, RuntimeGuardContext context) {
            return new DailyLossGuard(config.money("max_loss", "100", "0", "1000000000"),
                    config.duration("check_interval", Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofHours(1)),
                    context);
        }
    }
}
