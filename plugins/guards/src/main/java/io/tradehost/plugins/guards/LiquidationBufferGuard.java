package io.tradehost.plugins.guards;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.guard.Guard;
import io.tradehost.api.guard.GuardFactory;
import io.tradehost.api.guard.GuardVerdict;
import io.tradehost.api.guard.OrderCheck;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Symbol;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps a buffer above liquidation on perpetuals ({@code LIQUIDATION_BUFFER}): now,
 * {@code (equity - order notional / product max leverage) / equity}, and projected after the trade,
 * {@code (equity - gross exposure after x maintenance_margin_rate) / equity}, must each stay at or
 * above {@code min_buffer}; and where the venue reports the position's liquidation price, the mark
 * must stay at least {@code min_buffer} of itself away from it. Spot orders and reducing orders pass.
 * Immutable.
 */
public final class LiquidationBufferGuard extends OpeningOrderGuard {
    private final Ratio minBuffer;
    private final Ratio maintenanceMarginRate;
    private final Map<Symbol, Ratio> symbolRates;

    /**
     * @param maintenanceMarginRate the rate for products without their own
     * @param symbolRates maintenance margin rates per symbol
     */
    public LiquidationBufferGuard(Ratio minBuffer, Ratio maintenanceMarginRate, Map<Symbol, Ratio> symbolRates) {
        this.minBuffer = minBuffer;
        this.maintenanceMarginRate = maintenanceMarginRate;
        this.symbolRates = Map.copyOf(symbolRates);
    }

    @Override
    GuardVerdict checkOpening(OrderCheck check) {
        if (!check.product().isPerpetual()) {
            return GuardVerdict.ALLOW;
        }
        Price liquidation = check.liquidationPrice();
        if (liquidation != null) {
            Price mark = check.mark().price();
            Money one = mark.times(Quantity.ofUnits(1));
            Ratio distance = mark.minus(liquidation).times(Quantity.ofUnits(1)).abs().ratioTo(one);
            if (distance.compareTo(minBuffer) < 0) {
                return GuardVerdict.reject("LIQUIDATION_BUFFER", "mark " + mark + " is " + distance
                        + " from the venue's liquidation price " + liquidation + " (min " + minBuffer + ")");
            }
        }
        Money equity = check.equity();
        Money initialMargin = check.orderNotional().divide(check.product().maxLeverage(), RoundingMode.HALF_EVEN);
        Ratio now = equity.minus(initialMargin).ratioTo(equity);
        if (now.compareTo(minBuffer) < 0) {
            return GuardVerdict.reject("LIQUIDATION_BUFFER", "buffer now " + now + " (equity " + equity
                    + " less initial margin " + initialMargin + ") < min " + minBuffer);
        }
        // this symbol at its own rate, the rest of the book at the default rate
        Money own = check.positionValueAfter().abs();
        Money maintenance = check.grossExposureAfter().minus(own).times(maintenanceMarginRate)
                .plus(own.times(symbolRates.getOrDefault(check.order().symbol(), maintenanceMarginRate)));
        Ratio projected = equity.minus(maintenance).ratioTo(equity);
        if (projected.compareTo(minBuffer) < 0) {
            return GuardVerdict.reject("LIQUIDATION_BUFFER", "projected buffer " + projected + " (equity " + equity
                    + " less maintenance margin " + maintenance + ") < min " + minBuffer);
        }
        return GuardVerdict.ALLOW;
    }

    /**
     * {@code liquidation-buffer}: keys {@code min_buffer} (0.15), {@code maintenance_margin_rate} (0.005),
     * {@code symbols.<SYMBOL>.maintenance_margin_rate}.
     */
    public static final class Factory implements GuardFactory {
        public Factory() {
            // stateless
        }

        @Override
        public String name() {
            return "liquidation-buffer";
        }

        @Override
        public String description() {
            return "rejects perpetual orders leaving less than min_buffer of equity above initial margin now or "
                    + "maintenance margin after the trade";
        }

        @Override
        public List<String> keys() {
            return List.of("min_buffer=0.15", "maintenance_margin_rate=0.005", "symbols.<SYMBOL>.maintenance_margin_rate");
        }

        @Override
        public Guard create(PluginConfig config) {
            Map<Symbol, Ratio> rates = new LinkedHashMap<>();
            PluginConfig symbols = config.section("symbols");
            for (String key : symbols.keys()) {
                rates.put(Symbol.of(key), symbols.section(key).ratio("maintenance_margin_rate", "0.005", "0", "1"));
            }
            return new LiquidationBufferGuard(config.ratio("min_buffer", "0.15", "0", "1"),
                    config.ratio("maintenance_margin_rate", "0.005", "0", "1"), rates);
        }
    }
}
