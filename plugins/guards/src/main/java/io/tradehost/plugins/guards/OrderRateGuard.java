package io.tradehost.plugins.guards;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.guard.Guard;
import io.tradehost.api.guard.GuardFactory;
import io.tradehost.api.guard.GuardVerdict;
import io.tradehost.api.guard.OrderCheck;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Rejects an order that would exceed {@code per_second} orders in the last second or
 * {@code per_minute} in the last minute ({@code ORDER_RATE}); closes count but are never refused.
 * Counts the orders it allowed, by clock time. Not thread-safe.
 */
public final class OrderRateGuard implements Guard {
    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;

    private final int perSecond;
    private final int perMinute;
    private final ArrayDeque<Long> allowed = new ArrayDeque<>();

    public OrderRateGuard(int perSecond, int perMinute) {
        this.perSecond = perSecond;
        this.perMinute = perMinute;
    }

    @Override
    public GuardVerdict check(OrderCheck check) {
        long now = check.nowNanos();
        while (!allowed.isEmpty() && allowed.peekFirst() <= now - MINUTE) {
            allowed.pollFirst();
        }
        long lastSecond = allowed.stream().filter(t -> t > now - SECOND).count();
        if (!check.reducesPosition()) {
            if (lastSecond >= perSecond) {
                return GuardVerdict.reject("ORDER_RATE", lastSecond + " orders in the last second, limit " + perSecond);
            }
            if (allowed.size() >= perMinute) {
                return GuardVerdict.reject("ORDER_RATE", allowed.size() + " orders in the last minute, limit "
                        + perMinute);
            }
        }
        allowed.addLast(now);
        return GuardVerdict.ALLOW;
    }

    /** {@code order-rate}: keys {@code per_second} (5), {@code per_minute} (60). */
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
            return "rejects opening orders beyond per_second in the last second or per_minute in the last minute";
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
