package io.tradehost.plugins.guards;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.guard.Guard;
import io.tradehost.api.guard.GuardFactory;
import io.tradehost.api.guard.GuardVerdict;
import io.tradehost.api.guard.OrderCheck;
import java.util.List;
import io.tradehost.api.value.Money;

/** Rejects an opening order whose notional at the mark exceeds {@code max} ({@code MAX_ORDER_NOTIONAL}); reducing orders pass. Immutable. */
public final class MaxOrderNotionalGuard implements Guard {
    private final Money max;

    public MaxOrderNotionalGuard(Money max) {
        this.max = max;
    }

    @Override
    public GuardVerdict check(OrderCheck check) {
        Money notional = check.orderNotional();
        if (!check.reducesPosition() && notional.isGreaterThan(max)) {
            return GuardVerdict.reject("MAX_ORDER_NOTIONAL", "order notional " + notional + " > max " + max);
        }
        return GuardVerdict.ALLOW;
    }

    /** {@code max-order-notional}: key {@code max} (25000). */
    public static final class Factory implements GuardFactory {
        public Factory() {
            // stateless
        }

        @Override
        public String name() {
            return "max-order-notional";
        }

        @Override
        public String description() {
            return "rejects an opening order whose notional exceeds max";
        }

        @Override
        public List<String> keys() {
            return List.of("max=25000");
        }

        @Override
        public Guard create(PluginConfig config) {
            return new MaxOrderNotionalGuard(config.money("max", "25000", "0", "1000000000"));
        }
    }
}
