package io.tradehost.plugins.guards;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.guard.Guard;
import io.tradehost.api.guard.GuardFactory;
import io.tradehost.api.guard.GuardVerdict;
import io.tradehost.api.guard.OrderCheck;
import io.tradehost.api.market.Mark;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import java.time.Duration;
import java.util.List;

/**
 * Checks the book an opening order would meet: the mark must be younger than {@code max_mark_age}
 * ({@code STALE_MARK}), and the expected slippage {@code spread_bps + 5000 x order size / size at the
 * touch} must not exceed {@code max_slippage_bps} ({@code SLIPPAGE}). Closing orders pass. Immutable.
 */
public final class QuoteQualityGuard implements Guard {
    private final Duration maxMarkAge;
    private final double maxSlippageBps;

    public QuoteQualityGuard(Duration maxMarkAge, double maxSlippageBps) {
        this.maxMarkAge = maxMarkAge;
        this.maxSlippageBps = maxSlippageBps;
    }

    @Override
    public GuardVerdict check(OrderCheck check) {
        if (check.reducesPosition()) {
            return GuardVerdict.ALLOW;
        }
        Mark mark = check.mark();
        long age = check.nowNanos() - mark.timestampNanos();
        if (age > maxMarkAge.toNanos()) {
            return GuardVerdict.reject("STALE_MARK", check.order().symbol() + " mark is " + age / 1_000_000 + " ms old, max "
                    + maxMarkAge.toMillis() + " ms");
        }
        Quantity depth = check.order().side() == Side.BUY ? mark.askSize() : mark.bidSize();
        if (!depth.isPositive()) {
            return GuardVerdict.reject("SLIPPAGE", "no size at the touch for " + check.order().symbol());
        }
        double slippage = mark.spreadBps() + 5000.0 * check.order().quantity().ratioTo(depth).toDouble();
        if (slippage > maxSlippageBps) {
            return GuardVerdict.reject("SLIPPAGE", String.format("expected slippage %.2f bps (spread %.2f bps, size %s"
                    + " against %s at the touch) > max %.2f bps", slippage, mark.spreadBps(), check.order().quantity(),
                    depth, maxSlippageBps));
        }
        return GuardVerdict.ALLOW;
    }

    /** {@code quote-quality}: keys {@code max_mark_age} ("30s"), {@code max_slippage_bps} (50). */
    public static final class Factory implements GuardFactory {
        public Factory() {
            // stateless
        }

        @Override
        public String name() {
            return "quote-quality";
        }

        @Override
        public String description() {
            return "rejects opening orders on a mark older than max_mark_age or with spread + depth slippage above "
                    + "max_slippage_bps";
        }

        @Override
        public List<String> keys() {
            return List.of("max_mark_age=30s", "max_slippage_bps=50");
        }

        @Override
        public Guard create(PluginConfig config) {
            return new QuoteQualityGuard(config.duration("max_mark_age", Duration.ofSeconds(30), Duration.ofMillis(1),
                    Duration.ofHours(1)), config.ratio("max_slippage_bps", "50", "0", "10000").toDouble());
        }
    }
}
