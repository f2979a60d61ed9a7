package io.tradehost.plugins.guards;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.guard.Guard;
import io.tradehost.api.guard.GuardFactory;
import io.tradehost.api.guard.GuardVerdict;
import io.tradehost.api.guard.OrderCheck;
import io.tradehost.api.order.OrderRequest;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Rejects an opening order when {@code per_second} orders and cancels went to the venue in the last
 * second, or {@code per_minute} in the last minute ({@code ORDER_RATE}). Cancels count in both windows
 * ({@link #onCancelSent}; a cancel-replace modification is a cancel and a new order, so it counts
 * twice, an amend in place is judged like an order and counts once) but are
 * never refused, and neither are closes and reductions, which count too: a strategy that cancels and
 * replaces fast is stopped from opening more orders, never from getting out. The defaults (5 a second,
 * 60 a minute) let a market maker replace its two quotes together (four requests) about 15 times a
 * minute. Counts by clock time. Not thread-safe.
 */
public final class OrderRateGuard implements Guard {
    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;

    private final int perSecond;
    private final int perMinute;
    /** When each order the guard allowed and each cancel went, oldest first, at most a minute old. */
    private final ArrayDeque<Long> sent = new ArrayDeque<>();

    public OrderRateGuard(int perSecond, int perMinute) {
        this.perSecond = perSecond;
        this.perMinute = perMinute;
    }

    @Override
    public GuardVerdict check(OrderCheck check) {
        long now = check.nowNanos();
        forgetBefore(now);
        long lastSecond = sent.stream().filter(t -> t > now - SECOND).count();
        if (!check.reducesPosition()) {
            if (lastSecond >= perSecond) {
                return GuardVerdict.reject("ORDER_RATE", lastSecond + " orders and cancels in the last second, limit "
                        + perSecond);
            }
            if (sent.size() >= perMinute) {
                return GuardVerdict.reject("ORDER_RATE", sent.size() + " orders and cancels in the last minute, limit "
                        + perMinute);
            }
        }
        sent.addLast(now);
        return GuardVerdict.ALLOW;
    }

    /** Counts the cancel in both windows; it is never refused. */
    @Override
    public void onCancelSent(OrderRequest order, long nowNanos) {
        forgetBefore(nowNanos);
        sent.addLast(nowNanos);
    }

    /** Forgets what is a minute old or older at {@code now}. */
    private void forgetBefore(long now) {
        while (!sent.isEmpty() && sent.peekFirst() <= now - MINUTE) {
            sent.pollFirst();
        }
    }

    /** {@code order-rate}: keys {@code per_second} (5), {@code per_minute} (60); orders and cancels count. */
    public static final class Factory implements GuardFactory {
        public Factory() {
            // stateless
        }

        @Override
        public String name() {
            return "order-rate";
        }

        @Override
        public String description() {
            return "rejects opening orders beyond per_second orders and cancels in the last second or per_minute in "
                    + "the last minute (cancels, closes and reductions count but always go)";
        }

        @Override
        public List<String> keys() {
            return List.of("per_second=5", "per_minute=60");
        }

        @Override
        public Guard create(PluginConfig config) {
            return new OrderRateGuard((int) config.integer("per_second", 5, 1, 100_000),
                    (int) config.integer("per_minute", 60, 1, 1_000_000));
        }
    }
}
