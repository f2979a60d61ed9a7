package io.tradehost.plugins.guards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.guard.Guard;
import io.tradehost.api.guard.GuardFactory;
import io.tradehost.api.guard.GuardVerdict;
import io.tradehost.api.guard.OrderCheck;
import io.tradehost.api.market.Mark;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.Position;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.TimeInForce;
import io.tradehost.testkit.Fixtures;
import io.tradehost.testkit.ModuleDescriptors;
import java.lang.module.ModuleDescriptor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
class GuardsTest {
    private static final List<GuardFactory> FACTORIES = List.of(new KillSwitchGuard.Factory(),
            new TradingStateGuard.Factory(), new MaxOrderNotionalGuard.Factory(), new SymbolExposureGuard.Factory(),
            new TotalExposureGuard.Factory(), new LeverageGuard.Factory(), new LiquidationBufferGuard.Factory(),
            new QuoteQualityGuard.Factory(), new OrderRateGuard.Factory(), new SessionWindowGuard.Factory());

    /** An order of {@code qty} at a mark of 100 against {@code position} (signed), equity and gross exposure. */
    private static OrderCheck check(Side side, String qty, String position, String equity, String gross,
                                    TradingState state, boolean reduceOnly) {
        return check(side, qty, position, equity, gross, state, reduceOnly, 0);
    }

    private static OrderCheck at(long nowNanos, String qty) {
        return check(Side.BUY, qty, "0", "10000", "0", TradingState.ACTIVE, false, nowNanos);
    }

    private static OrderCheck check(Side side, String qty, String position, String equity, String gross,
                                    TradingState state, boolean reduceOnly, long nowNanos) {
        var product = Fixtures.perpetual("BTC-PERP");
        Position p = Position.flat(product.symbol());
        Quantity pq = Quantity.of(position);
        if (!pq.isZero()) {
            p = p.apply(pq.isNegative() ? Side.SELL : Side.BUY, pq.abs(), Price.of("100"), Money.ZERO);
        }
        OrderRequest order = new OrderRequest(ClientOrderId.of("r-1"), product.symbol(), side, OrderType.MARKET,
                Quantity.of(qty), null, TimeInForce.GTC, reduceOnly, false);
        return new OrderCheck(order, product, Fixtures.mark("BTC-PERP", "100"), p, Money.of(equity), Money.of(gross),
                state, nowNanos);
    }

    private static OrderCheck open(String qty, String equity, String gross) {
        return check(Side.BUY, qty, "0", equity, gross, TradingState.ACTIVE, false);
    }

    private static Guard guard(String name, Map<String, Object> config) {
        GuardFactory factory = FACTORIES.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
        PluginConfig block = new PluginConfig("guards.config." + name, config);
        Guard guard = factory.create(block);
        assertThat(block.unreadKeys()).isEmpty();
        assertThat(factory.description()).isNotBlank();
        return guard;
    }

    private static String code(GuardVerdict verdict) {
        return verdict.allowed() ? "ALLOW" : verdict.code().value();
    }

    @Test
    void theModuleProvidesAllSixFactoriesToServiceLoader() {
        ModuleDescriptor.Provides provides = ModuleDescriptors.of(KillSwitchGuard.class).provides().stream()
                .filter(p -> p.service().equals(GuardFactory.class.getName())).findFirst().orElseThrow();
        assertThat(provides.providers()).containsExactlyInAnyOrderElementsOf(
                FACTORIES.stream().map(f -> f.getClass().getName()).toList());
        assertThat(FACTORIES.stream().map(GuardFactory::name).toList()).containsExactly("kill-switch",
                "trading-state", "max-order-notional", "symbol-exposure", "total-exposure", "leverage",
                "liquidation-buffer", "quote-quality", "order-rate", "session-window");
    }

    @Test
    void killSwitchRejectsEverythingOnlyWhileActive() {
        assertThat(code(guard("kill-switch", Map.of()).check(open("1", "10000", "0")))).isEqualTo("ALLOW");
        GuardVerdict v = guard("kill-switch", Map.of("active", true)).check(check(Side.SELL, "1", "1", "10000", "100",
                TradingState.ACTIVE, true));
        assertThat(code(v)).isEqualTo("KILL_SWITCH");
    }

    @Test
    void tradingStateLetsOnlyShrinkingOrdersThroughReduceOnlyAndNothingThroughHalted() {
        Guard g = guard("trading-state", Map.of());
        assertThat(code(g.check(open("1", "10000", "0")))).isEqualTo("ALLOW");
        assertThat(code(g.check(check(Side.BUY, "1", "0", "10000", "0", TradingState.REDUCE_ONLY, false))))
                .isEqualTo("REDUCE_ONLY");
        assertThat(code(g.check(check(Side.SELL, "2", "2", "10000", "200", TradingState.REDUCE_ONLY, true))))
                .as("a full close always passes").isEqualTo("ALLOW");
        assertThat(code(g.check(check(Side.SELL, "2.001", "2", "10000", "200", TradingState.REDUCE_ONLY, false))))
                .as("a flip is not a reduction").isEqualTo("REDUCE_ONLY");
        assertThat(code(g.check(check(Side.BUY, "1", "-1", "10000", "100", TradingState.REDUCE_ONLY, true))))
                .isEqualTo("ALLOW");
        assertThat(code(g.check(check(Side.SELL, "1", "1", "10000", "100", TradingState.HALTED, true))))
                .isEqualTo("HALTED");
        assertThat(code(g.check(check(Side.BUY, "1", "1", "10000", "100", TradingState.ACTIVE, true))))
                .isEqualTo("REDUCE_ONLY_ORDER_GROWS");
    }

    @Test
    void maxOrderNotionalRejectsJustPastTheLimit() {
        Guard g = guard("max-order-notional", Map.of("max", "1000"));
        assertThat(code(g.check(open("10", "10000", "0")))).isEqualTo("ALLOW");
        GuardVerdict past = g.check(open("10.001", "10000", "0"));
        assertThat(code(past)).isEqualTo("MAX_ORDER_NOTIONAL");
        assertThat(past.message()).isEqualTo("order notional 1000.1 > max 1000");
        assertThat(code(g.check(check(Side.SELL, "20", "20", "10000", "2000", TradingState.ACTIVE, false))))
                .as("reducing orders pass").isEqualTo("ALLOW");
    }

    @Test
    void symbolExposureChecksTheShareOfEquityAndTheNotionalCap() {
        Guard g = guard("symbol-exposure", Map.of("max_fraction", "0.2"));
        assertThat(code(g.check(open("20", "10000", "0")))).isEqualTo("ALLOW");
        GuardVerdict past = g.check(open("20.001", "10000", "0"));
        assertThat(code(past)).isEqualTo("SYMBOL_EXPOSURE");
        assertThat(past.message()).contains("2000.1").contains("0.20001").contains("max_fraction 0.2");
        Guard capped = guard("symbol-exposure", Map.of("max_fraction", "1", "max_notional", "500"));
        assertThat(code(capped.check(open("5", "10000", "0")))).isEqualTo("ALLOW");
        assertThat(code(capped.check(open("5.001", "10000", "0")))).isEqualTo("SYMBOL_EXPOSURE");
        assertThat(code(g.check(open("1", "0", "0")))).isEqualTo("NO_EQUITY");
        assertThat(code(g.check(check(Side.SELL, "20", "30", "10000", "3000", TradingState.ACTIVE, false))))
                .isEqualTo("ALLOW");
    }

    @Test
    void totalExposureCountsEveryPositionAfterTheOrder() {
        Guard g = guard("total-exposure", Map.of("max_fraction", "0.8"));
        assertThat(code(g.check(open("20", "10000", "6000")))).isEqualTo("ALLOW");
        assertThat(code(g.check(open("20.001", "10000", "6000")))).isEqualTo("TOTAL_EXPOSURE");
        assertThat(code(g.check(open("1", "-5", "0")))).isEqualTo("NO_EQUITY");
        assertThat(code(g.check(check(Side.SELL, "1", "90", "10000", "9000", TradingState.ACTIVE, false))))
                .isEqualTo("ALLOW");
    }

    @Test
    void leverageChecksTheAccountAndTheProductMaximum() {
        Guard g = guard("leverage", Map.of("max", "3"));
        assertThat(code(g.check(open("100", "10000", "20000")))).isEqualTo("ALLOW");
        GuardVerdict past = g.check(open("100.001", "10000", "20000"));
        assertThat(code(past)).isEqualTo("LEVERAGE");
        assertThat(past.message()).isEqualTo("account leverage would be 3.00001x > max 3x");
        Guard loose = guard("leverage", Map.of("max", "50"));
        assertThat(code(loose.check(open("1000", "10000", "0")))).isEqualTo("ALLOW");
        GuardVerdict product = loose.check(open("1000.001", "10000", "0"));
        assertThat(product.message()).contains("the product's max 10x");
        assertThat(code(g.check(open("1", "0", "0")))).isEqualTo("NO_EQUITY");
        assertThat(code(g.check(check(Side.BUY, "1", "-500", "10000", "50000", TradingState.ACTIVE, false))))
                .isEqualTo("ALLOW");
    }

    @Test
    void leverageHasNightAndPerSymbolCaps() {
        Guard g = guard("leverage", Map.of("max", "3", "night_max", "1", "night_start", "22:00", "night_end", "06:00",
                "symbols", Map.of("BTC-PERP", Map.of("max", "0.5"))));
        long noon = Fixtures.nanos(Fixtures.EPOCH.plusSeconds(12 * 3600));
        long night = Fixtures.nanos(Fixtures.EPOCH.plusSeconds(23 * 3600));
        assertThat(code(g.check(check(Side.BUY, "50", "0", "10000", "20000", TradingState.ACTIVE, false, noon))))
                .isEqualTo("ALLOW");
        GuardVerdict atNight = g.check(check(Side.BUY, "1", "0", "10000", "10000", TradingState.ACTIVE, false, night));
        assertThat(atNight.message()).isEqualTo("account leverage would be 1.01x > night max 1x");
        GuardVerdict capped = g.check(check(Side.BUY, "50.001", "0", "10000", "0", TradingState.ACTIVE, false, noon));
        assertThat(capped.message()).isEqualTo("BTC-PERP leverage would be 0.50001x > its cap 0.5x");
    }

    @Test
    void liquidationBufferChecksInitialMarginNowAndMaintenanceAfter() {
        Guard g = guard("liquidation-buffer", Map.of("min_buffer", "0.5", "maintenance_margin_rate", "0.1"));
        assertThat(code(g.check(open("500", "10000", "0")))).as("initial margin 5000 leaves exactly 0.5")
                .isEqualTo("ALLOW");
        assertThat(g.check(open("500.1", "10000", "0")).message()).startsWith("buffer now 0.4999");
        GuardVerdict projected = g.check(open("10", "10000", "50000"));
        assertThat(projected.message()).startsWith("projected buffer 0.49 (equity 10000 less maintenance margin 5100)");
        assertThat(code(g.check(open("1", "0", "0")))).isEqualTo("NO_EQUITY");
        Guard perSymbol = guard("liquidation-buffer", Map.of("min_buffer", "0.5", "maintenance_margin_rate", "0.1",
                "symbols", Map.of("BTC-PERP", Map.of("maintenance_margin_rate", "0.5"))));
        assertThat(code(g.check(open("10", "10000", "46000")))).as("at the default rate 4700 leaves 0.53").isEqualTo("ALLOW");
        assertThat(perSymbol.check(open("10", "10000", "46000")).message())
                .startsWith("projected buffer 0.49 (equity 10000 less maintenance margin 5100)");
    }

    @Test
    void liquidationBufferUsesTheVenuesLiquidationPriceWhenItReportsOne() {
        Guard g = guard("liquidation-buffer", Map.of("min_buffer", "0.15"));
        OrderCheck base = check(Side.BUY, "1", "2", "100000", "200", TradingState.ACTIVE, false);
        OrderCheck near = new OrderCheck(base.order(), base.product(), base.mark(), base.position(), base.equity(),
                base.grossExposure(), base.tradingState(), 0, Price.of("86"));
        assertThat(code(g.check(near))).isEqualTo("LIQUIDATION_BUFFER");
        assertThat(g.check(near).message()).isEqualTo("mark 100 is 0.14 from the venue's liquidation price 86 (min 0.15)");
        OrderCheck far = new OrderCheck(base.order(), base.product(), base.mark(), base.position(), base.equity(),
                base.grossExposure(), base.tradingState(), 0, Price.of("85"));
        assertThat(code(g.check(far))).isEqualTo("ALLOW");
        assertThat(code(g.check(base))).as("no venue figure: the margin-rate checks alone").isEqualTo("ALLOW");
        OrderCheck closing = check(Side.SELL, "1", "2", "100000", "200", TradingState.ACTIVE, false);
        assertThat(code(g.check(new OrderCheck(closing.order(), closing.product(), closing.mark(), closing.position(),
                closing.equity(), closing.grossExposure(), closing.tradingState(), 0, Price.of("99")))))
                .as("a reducing order always passes").isEqualTo("ALLOW");
    }

    @Test
    void quoteQualityRefusesStaleMarksAndThinBooks() {
        Guard g = guard("quote-quality", Map.of("max_mark_age", "1s", "max_slippage_bps", "502"));
        assertThat(code(g.check(at(1_000_000_000L, "1")))).isEqualTo("ALLOW");
        GuardVerdict stale = g.check(at(1_001_000_000L, "1"));
        assertThat(stale.code().value()).isEqualTo("STALE_MARK");
        assertThat(stale.message()).isEqualTo("BTC-PERP mark is 1001 ms old, max 1000 ms");
        GuardVerdict thin = g.check(at(0, "1.002"));
        assertThat(thin.code().value()).isEqualTo("SLIPPAGE");
        assertThat(thin.message()).startsWith("expected slippage 503.00 bps (spread 2.00 bps, size 1.002 against 10");
        assertThat(code(g.check(check(Side.SELL, "5", "5", "10000", "500", TradingState.ACTIVE, false,
                Long.MAX_VALUE)))).isEqualTo("ALLOW");
    }

    @Test
    void orderRateCountsOrdersPerSecondAndPerMinute() {
        Guard g = guard("order-rate", Map.of("per_second", 2L, "per_minute", 3L));
        long t = 1_000_000_000L;
        assertThat(code(g.check(at(t, "1")))).isEqualTo("ALLOW");
        assertThat(code(g.check(at(t + 1, "1")))).isEqualTo("ALLOW");
        assertThat(g.check(at(t + 2, "1")).message()).isEqualTo("2 orders and cancels in the last second, limit 2");
        assertThat(code(g.check(check(Side.SELL, "1", "1", "10000", "100", TradingState.ACTIVE, false, t + 3))))
                .as("a close is never refused").isEqualTo("ALLOW");
        assertThat(g.check(at(t + 2_000_000_000L, "1")).message()).isEqualTo("3 orders and cancels in the last minute, limit 3");
        assertThat(code(g.check(at(t + 61_000_000_000L, "1")))).isEqualTo("ALLOW");
    }

    @Test
    void orderRateCountsCancelsInBothWindowsButNeverRefusesThem() {
        Guard g = guard("order-rate", Map.of("per_second", 3L, "per_minute", 5L));
        long t = 1_000_000_000L;
        OrderRequest quote = at(t, "1").order();
        assertThat(code(g.check(at(t, "1")))).isEqualTo("ALLOW");
        g.onCancelSent(quote, t + 1); // a modification: the cancel, then its replacement
        assertThat(code(g.check(at(t + 2, "1")))).isEqualTo("ALLOW");
        g.onCancelSent(quote, t + 3);
        g.onCancelSent(quote, t + 4); // cancels go whatever the count: the windows hold more than the limit
        assertThat(g.check(at(t + 5, "1")).message()).as("the replacement of a fast cancel-replace")
                .isEqualTo("5 orders and cancels in the last second, limit 3");
        assertThat(code(g.check(check(Side.SELL, "1", "1", "10000", "100", TradingState.ACTIVE, false, t + 6))))
                .as("getting out is never refused").isEqualTo("ALLOW");
        assertThat(g.check(at(t + 1_000_000_006L, "1")).message()).as("a second later the minute is full")
                .isEqualTo("6 orders and cancels in the last minute, limit 5");
        g.onCancelSent(quote, t + 59_000_000_000L);
        assertThat(g.check(at(t + 60_000_000_000L, "1")).message()).as("the first order is a minute old")
                .isEqualTo("6 orders and cancels in the last minute, limit 5");
        assertThat(code(g.check(at(t + 60_000_000_002L, "1")))).as("its first cancel and replacement too")
                .isEqualTo("ALLOW");
    }

    @Test
    void theDefaultOrderRateLetsAMarketMakerReplaceBothQuotesAFewTimesAMinuteButNotEverySecond() {
        Guard g = guard("order-rate", Map.of());
        long second = 1_000_000_000L;
        long t = second;
        assertThat(code(g.check(at(t, "1")))).as("the bid").isEqualTo("ALLOW");
        assertThat(code(g.check(at(t + 1, "1")))).as("the ask").isEqualTo("ALLOW");
        OrderRequest quote = at(t, "1").order();
        List<String> verdicts = new ArrayList<>();
        for (int round = 1; round <= 60; round++) { // both quotes replaced every 5 s (12 a minute) for 5 minutes
            long now = t + round * 5 * second;
            for (int side = 0; side < 2; side++) {
                g.onCancelSent(quote, now + 2 * side);
                verdicts.add(code(g.check(at(now + 2 * side + 1, "1"))));
            }
        }
        assertThat(verdicts).as("48 requests a minute (limit 60), 4 in a second (limit 5)").containsOnly("ALLOW");
        verdicts.clear();
        long fast = t + 400 * second;
        for (int round = 0; round < 20; round++) { // every second: 4 a second, 240 a minute
            long now = fast + round * second;
            for (int side = 0; side < 2; side++) {
                g.onCancelSent(quote, now + 2 * side);
                verdicts.add(code(g.check(at(now + 2 * side + 1, "1"))));
            }
        }
        assertThat(verdicts.indexOf("ORDER_RATE")).as("15 rounds of 4 requests fill the minute's 60; the 16th"
                + " round's replacements are refused").isEqualTo(30);
        assertThat(verdicts.subList(verdicts.indexOf("ORDER_RATE"), verdicts.size())).containsOnly("ORDER_RATE");
    }

    @Test
    void sessionWindowsMayRunOvernightAndCloseAlwaysPasses() {
        Guard day = guard("session-window", Map.of("days", List.of("MON", "TUE"), "start", "09:00", "end", "17:00"));
        long monday = Fixtures.nanos(Fixtures.EPOCH);
        assertThat(code(day.check(at(monday + 9 * 3_600_000_000_000L, "1")))).isEqualTo("ALLOW");
        assertThat(code(day.check(at(monday + 17 * 3_600_000_000_000L, "1")))).isEqualTo("OUTSIDE_SESSION");
        assertThat(code(day.check(at(monday + 3 * 86_400_000_000_000L + 10 * 3_600_000_000_000L, "1"))))
                .as("thursday").isEqualTo("OUTSIDE_SESSION");
        Guard overnight = guard("session-window", Map.of("days", List.of("MON"), "start", "22:00", "end", "02:00"));
        assertThat(code(overnight.check(at(monday + 23 * 3_600_000_000_000L, "1")))).isEqualTo("ALLOW");
        assertThat(code(overnight.check(at(monday + 25 * 3_600_000_000_000L, "1")))).as("tuesday 01:00, monday's night")
                .isEqualTo("ALLOW");
        assertThat(code(overnight.check(at(monday + 3_600_000_000_000L, "1")))).as("monday 01:00 belongs to sunday")
                .isEqualTo("OUTSIDE_SESSION");
        assertThat(code(overnight.check(check(Side.SELL, "1", "1", "10000", "100", TradingState.ACTIVE, false, 0))))
                .isEqualTo("ALLOW");
        assertThat(code(guard("session-window", Map.of()).check(at(monday + 5, "1")))).isEqualTo("ALLOW");
        assertThatThrownBy(() -> new SessionWindowGuard.Factory().create(new PluginConfig("g", Map.of("days",
                List.of("Funday"))))).hasMessage("g.days: not a day: \"Funday\" (MON..SUN)");
        assertThatThrownBy(() -> new SessionWindowGuard.Factory().create(new PluginConfig("g", Map.of("start",
                "9am")))).hasMessage("g.start: not a time of day HH:MM: \"9am\"");
    }

    @Test
    void eachFactoryDocumentsTheKeysItReads() {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        FACTORIES.forEach(f -> keys.put(f.name(), f.keys().stream().map(k -> k.split("=")[0]).toList()));
        assertThat(keys).containsExactly(
                Map.entry("kill-switch", List.of("active")),
                Map.entry("trading-state", List.of()),
                Map.entry("max-order-notional", List.of("max")),
                Map.entry("symbol-exposure", List.of("max_fraction", "max_notional")),
                Map.entry("total-exposure", List.of("max_fraction")),
                Map.entry("leverage", List.of("max", "night_max", "night_start", "night_end", "symbols.<SYMBOL>.max")),
                Map.entry("liquidation-buffer", List.of("min_buffer", "maintenance_margin_rate",
                        "symbols.<SYMBOL>.maintenance_margin_rate")),
                Map.entry("quote-quality", List.of("max_mark_age", "max_slippage_bps")),
                Map.entry("order-rate", List.of("per_second", "per_minute")),
                Map.entry("session-window", List.of("days", "start", "end")));
    }

    @Test
    void liquidationBufferLeavesSpotOrdersAlone() {
        Guard g = guard("liquidation-buffer", Map.of("min_buffer", "0.99"));
        var spot = Fixtures.spot("BTC-USD");
        OrderRequest order = OrderRequest.market(ClientOrderId.of("r-1"), spot.symbol(), Side.BUY, Quantity.of("50"));
        OrderCheck check = new OrderCheck(order, spot, Fixtures.mark("BTC-USD", "100"), Position.flat(spot.symbol()),
                Money.of("10000"), Money.ZERO, TradingState.ACTIVE, 0);
        assertThat(g.check(check)).isEqualTo(GuardVerdict.ALLOW);
        assertThat(code(g.check(open("50", "10000", "0")))).as("the same order on a perpetual")
                .isEqualTo("LIQUIDATION_BUFFER");
    }

    @Test
    void quoteQualityMeasuresTheMarksAgeFromItsOwnTimestamp() {
        Guard g = guard("quote-quality", Map.of("max_mark_age", "1s", "max_slippage_bps", "1000"));
        var product = Fixtures.perpetual("BTC-PERP");
        long markedAt = 5_000_000_000L;
        OrderRequest order = OrderRequest.market(ClientOrderId.of("r-1"), product.symbol(), Side.BUY, Quantity.of("1"));
        OrderCheck fresh = new OrderCheck(order, product, Fixtures.mark("BTC-PERP", "99.99", "100.01", markedAt),
                Position.flat(product.symbol()), Money.of("10000"), Money.ZERO, TradingState.ACTIVE,
                markedAt + 1_000_000_000L);
        assertThat(g.check(fresh)).as("exactly the maximum age").isEqualTo(GuardVerdict.ALLOW);
        OrderCheck stale = new OrderCheck(order, product, fresh.mark(), fresh.position(), fresh.equity(),
                fresh.grossExposure(), TradingState.ACTIVE, markedAt + 1_250_000_000L);
        assertThat(g.check(stale).message()).isEqualTo("BTC-PERP mark is 1250 ms old, max 1000 ms");
        OrderCheck emptyBook = new OrderCheck(order, product, new Mark(product.symbol(),
                Price.of("100"), Price.of("99.99"), Price.of("100.01"), Quantity.of("3"), Quantity.ZERO, markedAt),
                fresh.position(), fresh.equity(), fresh.grossExposure(), TradingState.ACTIVE, markedAt);
        assertThat(g.check(emptyBook)).isEqualTo(GuardVerdict.reject("SLIPPAGE", "no size at the touch for BTC-PERP"));
    }

    @Test
    void orderRateForgetsAnOrderExactlyASecondAndAMinuteLater() {
        Guard g = guard("order-rate", Map.of("per_second", 1L, "per_minute", 2L));
        long t = 1_000_000_000L;
        assertThat(code(g.check(at(t, "1")))).isEqualTo("ALLOW");
        assertThat(code(g.check(at(t + 999_999_999L, "1")))).isEqualTo("ORDER_RATE");
        assertThat(code(g.check(at(t + 1_000_000_000L, "1")))).as("a second later").isEqualTo("ALLOW");
        assertThat(g.check(at(t + 59_999_999_999L, "1")).message()).isEqualTo("2 orders and cancels in the last minute, limit 2");
        assertThat(code(g.check(at(t + 60_000_000_000L, "1")))).as("the first is a minute old").isEqualTo("ALLOW");
    }

    @Test
    void anOvernightSessionIsClosedOnTheEveningsOfOtherDays() {
        Guard overnight = guard("session-window", Map.of("days", List.of("MON"), "start", "22:00", "end", "02:00"));
        long monday = Fixtures.nanos(Fixtures.EPOCH);
        long hour = 3_600_000_000_000L;
        assertThat(code(overnight.check(at(monday + 24 * hour + 23 * hour, "1")))).as("tuesday 23:00")
                .isEqualTo("OUTSIDE_SESSION");
        assertThat(code(overnight.check(at(monday + 24 * hour + 2 * hour, "1")))).as("tuesday 02:00, the end")
                .isEqualTo("OUTSIDE_SESSION");
        assertThat(code(overnight.check(at(monday + 22 * hour, "1")))).as("monday 22:00, the start").isEqualTo("ALLOW");
    }

    @Test
    void verdictsCarryCodesOnlyWhenRejecting() {
        assertThat(GuardVerdict.ALLOW.code()).isNull();
        assertThat(List.of(GuardVerdict.reject("X", "m").allowed())).containsExactly(false);
    }
}
