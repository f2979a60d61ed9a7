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
 * Rejects an opening order that would take gross exposure (sum of |position values|) above
 * {@code max_fraction} of equity ({@code TOTAL_EXPOSURE}); {@code NO_EQUITY} without positive
 * equity. Reducing orders pass. Immutable.
 */
public final class TotalExposureGuard extends OpeningOrderGuard {
    private final Ratio maxFraction;

    public TotalExposureGuard(Ratio maxFraction) {
        this.maxFraction = maxFraction;
    }

    @Override
    GuardVerdict checkOpening(OrderCheck check) {
        Money after = check.grossExposureAfter();
        Ratio share = after.ratioTo(check.equity());
        if (share.isGreaterThan(maxFraction)) {
            return GuardVerdict.reject("TOTAL_EXPOSURE", "gross exposure " + after + " would be " + share
                    + " of equity " + check.equity() + " > max_fraction " + maxFraction);
        }
        return GuardVerdict.ALLOW;
    }

    /** {@code total-exposure}: key {@code max_fraction} (0.80). */
    public static final class Factory implements GuardFactory {
        public Factory() {
            // stateless
        }

        @Override
        public String name() {
            return "total-exposure";
        }

        @Override
        public String description() {
            return "rejects an order taking gross exposure above max_fraction of equity";
        }

        @Override
        public List<String> keys() {
            return List.of("max_fraction=0.80");
        }

        @Override
        public Guard create(PluginConfig config) {
            return new TotalExposureGuard(config.ratio("max_fraction", "0.80", "0", "100"));
        }
    }
}
