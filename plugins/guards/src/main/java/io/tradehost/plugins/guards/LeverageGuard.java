package io.tradehost.plugins.guards;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.guard.Guard;
import io.tradehost.api.guard.GuardFactory;
import io.tradehost.api.guard.GuardVerdict;
import io.tradehost.api.guard.OrderCheck;
import java.util.List;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Symbol;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rejects an opening order that would take account leverage (gross exposure / equity) above
 * {@code max} ({@code night_max} inside the UTC night window), or the symbol's own leverage above
 * its cap ({@code symbols.<SYMBOL>.max}) or the product's maximum ({@code LEVERAGE});
 * {@code NO_EQUITY} without positive equity. Reducing orders pass. Immutable.
 */
public final class LeverageGuard extends OpeningOrderGuard {
    private final Ratio max;
    private final Ratio nightMax;
    private final SessionWindowGuard night;
    private final Map<Symbol, Ratio> symbolCaps;

    public LeverageGuard(Ratio max) {
        this(max, max, null, Map.of());
    }

    /**
     * @param night the UTC window in which {@code nightMax} applies, or null for none
     * @param symbolCaps leverage caps per symbol, below the product's maximum
     */
    public LeverageGuard(Ratio max, Ratio nightMax, SessionWindowGuard night, Map<Symbol, Ratio> symbolCaps) {
        this.max = max;
        this.nightMax = nightMax;
        this.night = night;
        this.symbolCaps = Map.copyOf(symbolCaps);
    }

    @Override
    GuardVerdict checkOpening(OrderCheck check) {
        boolean atNight = night != null && night.inSession(check.nowNanos());
        Ratio cap = atNight ? nightMax : max;
        Ratio account = check.grossExposureAfter().ratioTo(check.equity());
        if (account.isGreaterThan(cap)) {
            return GuardVerdict.reject("LEVERAGE", "account leverage would be " + account + "x > "
                    + (atNight ? "night " : "") + "max " + cap + "x");
        }
        Ratio symbol = check.positionValueAfter().abs().ratioTo(check.equity());
        Ratio symbolCap = symbolCaps.get(check.order().symbol());
        if (symbolCap != null && symbol.isGreaterThan(symbolCap)) {
            return GuardVerdict.reject("LEVERAGE", check.order().symbol() + " leverage would be " + symbol
                    + "x > its cap " + symbolCap + "x");
        }
        if (symbol.isGreaterThan(check.product().maxLeverage())) {
            return GuardVerdict.reject("LEVERAGE", check.order().symbol() + " leverage would be " + symbol
                    + "x > the product's max " + check.product().maxLeverage() + "x");
        }
        return GuardVerdict.ALLOW;
    }

    /**
     * {@code leverage}: keys {@code max} (3), {@code night_max} (same as max), {@code night_start}
     * ("22:00"), {@code night_end} ("06:00"), {@code symbols.<SYMBOL>.max} (none).
     */
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
            return List.of("max=3", "night_max=max", "night_start=22:00", "night_end=06:00", "symbols.<SYMBOL>.max");
        }

        @Override
        public Guard create(PluginConfig config) {
            Ratio max = config.ratio("max", "3", "0", "100");
            Ratio nightMax = config.ratio("night_max", max.toString(), "0", "100");
            String start = config.string("night_start", "22:00");
            String end = config.string("night_end", "06:00");
            SessionWindowGuard night = nightMax.equals(max) ? null : (SessionWindowGuard) new SessionWindowGuard
                    .Factory().create(new PluginConfig(config.path(), Map.of("start", start, "end", end)));
            Map<Symbol, Ratio> caps = new LinkedHashMap<>();
            PluginConfig symbols = config.section("symbols");
            for (String key : symbols.keys()) {
                caps.put(Symbol.of(key), symbols.section(key).ratio("max", "100", "0", "100"));
            }
            return new LeverageGuard(max, nightMax, night, caps);
        }
    }
}
