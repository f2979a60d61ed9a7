package io.tradehost.plugins.guards;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.guard.Guard;
import io.tradehost.api.guard.GuardFactory;
import io.tradehost.api.guard.GuardVerdict;
import io.tradehost.api.guard.OrderCheck;
import java.util.List;
import io.tradehost.api.value.Ratio;

/**
 * Rejects an opening order that would take account leverage (gross exposure / equity) above
 * {@code max}, or the symbol's own leverage above the product's maximum ({@code LEVERAGE});
 * {@code NO_EQUITY} without positive equity. Reducing orders pass. Immutable.
 */
public final class LeverageGuard extends OpeningOrderGuard {
    private final Ratio max;

    public LeverageGuard(Ratio max) {
        this.max = max;
    }

    @Override
    GuardVerdict checkOpening(OrderCheck check) {
        Ratio account = check.grossExposureAfter().ratioTo(check.equity());
        if (account.isGreaterThan(max)) {
            return GuardVerdict.reject("LEVERAGE", "account leverage would be " + account + "x > max " + max + "x");
        }
        Ratio symbol = check.positionValueAfter().abs().ratioTo(check.equity());
        if (symbol.isGreaterThan(check.product().maxLeverage())) {
            return GuardVerdict.reject("LEVERAGE", check.order().symbol() + " leverage would be " + symbol
                    + "x > the product's max " + check.product().maxLeverage() + "x");
        }
        return GuardVerdict.ALLOW;
    }

    /** {@code leverage}: key {@code max} (3). */
    public static final class Factory implements GuardFactory {
        public Factory() {
            // stateless
        }

        @Override
        public String name() {
            return "leverage";
        }

        @Override
        public String description() {
            return "rejects an order taking account leverage above max or a symbol above its product's maximum";
        }

        @Override
        public List<String> keys() {
            return List.of("max=3");
        }

        @Override
        public Guard create(PluginConfig config) {
            return new LeverageGuard(config.ratio("max", "3", "0", "100"));
        }
    }
}
