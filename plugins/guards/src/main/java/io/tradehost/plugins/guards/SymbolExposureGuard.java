package io.tradehost.plugins.guards;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.guard.Guard;
import io.tradehost.api.guard.GuardFactory;
import io.tradehost.api.guard.GuardVerdict;
import io.tradehost.api.guard.OrderCheck;
import java.util.List;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Ratio;

/**
 * Rejects an opening order that would take the symbol's |position value| above
 * {@code max_fraction} of equity or above {@code max_notional} ({@code SYMBOL_EXPOSURE}); with no
 * positive equity every opening order is rejected ({@code NO_EQUITY}). Reducing orders pass. Immutable.
 */
public final class SymbolExposureGuard extends OpeningOrderGuard {
    private final Ratio maxFraction;
    private final Money maxNotional;

    public SymbolExposureGuard(Ratio maxFraction, Money maxNotional) {
        this.maxFraction = maxFraction;
        this.maxNotional = maxNotional;
    }

    @Override
    GuardVerdict checkOpening(OrderCheck check) {
        Money after = check.positionValueAfter().abs();
        if (maxNotional.isPositive() && after.isGreaterThan(maxNotional)) {
            return GuardVerdict.reject("SYMBOL_EXPOSURE", check.order().symbol() + " exposure " + after
                    + " > max_notional " + maxNotional);
        }
        Ratio share = after.ratioTo(check.equity());
        if (share.isGreaterThan(maxFraction)) {
            return GuardVerdict.reject("SYMBOL_EXPOSURE", check.order().symbol() + " exposure " + after + " is " + share
                    + " of equity " + check.equity() + " > max_fraction " + maxFraction);
        }
        return GuardVerdict.ALLOW;
    }

    /** {@code symbol-exposure}: keys {@code max_fraction} (0.20), {@code max_notional} (0 = none). */
    public static final class Factory implements GuardFactory {
        public Factory() {
            // stateless
        }

        @Override
        public String name() {
            return "symbol-exposure";
        }

        @Override
        public String description() {
            return "rejects an order taking one symbol's exposure above max_fraction of equity or max_notional";
        }

        @Override
        public List<String> keys() {
            return List.of("max_fraction=0.20", "max_notional=0 (none)");
        }

        @Override
        public Guard create(PluginConfig config) {
            return new SymbolExposureGuard(config.ratio("max_fraction", "0.20", "0", "100"),
                    config.money("max_notional", "0", "0", "1000000000"));
        }
    }
}
