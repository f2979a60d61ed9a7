package io.tradehost.plugins.guards;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.guard.Guard;
import io.tradehost.api.guard.GuardFactory;
import io.tradehost.api.guard.GuardVerdict;
import io.tradehost.api.guard.OrderCheck;
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
import java.lang.module.ModuleDescriptor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuardsTest {
    private static final List<GuardFactory> FACTORIES = List.of(new KillSwitchGuard.Factory(),
            new TradingStateGuard.Factory(), new MaxOrderNotionalGuard.Factory(), new SymbolExposureGuard.Factory(),
            new TotalExposureGuard.Factory(), new LeverageGuard.Factory());

    /** An order of {@code qty} at a mark of 100 against {@code position} (signed), equity and gross exposure. */
    private static OrderCheck check(Side side, String qty, String position, String equity, String gross,
                                    TradingState state, boolean reduceOnly) {
        var product = Fixtures.perpetual("BTC-PERP");
        Position p = Position.flat(product.symbol());
        Quantity pq = Quantity.of(position);
        if (!pq.isZero()) {
            p = p.apply(pq.isNegative() ? Side.SELL : Side.BUY, pq.abs(), Price.of("100"), Money.ZERO);
        }
        OrderRequest order = new OrderRequest(ClientOrderId.of("r-1"), product.symbol(), side, OrderType.MARKET,
                Quantity.of(qty), null, TimeInForce.GTC, reduceOnly, false);
        return new OrderCheck(order, product, Fixtures.mark("BTC-PERP", "100"), p, Money.of(equity), Money.of(gross),
                state, 0);
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
        return verdict.allowed() ? "ALLOW" : verdict.code();
    }

    @Test
    void theModuleProvidesAllSixFactoriesToServiceLoader() {
        ModuleDescriptor.Provides provides = GuardsTest.class.getModule().getDescriptor().provides().stream()
                .filter(p -> p.service().equals(GuardFactory.class.getName())).findFirst().orElseThrow();
        assertThat(provides.providers()).containsExactlyInAnyOrderElementsOf(
                FACTORIES.stream().map(f -> f.getClass().getName()).toList());
        assertThat(FACTORIES.stream().map(GuardFactory::name).toList()).containsExactly("kill-switch",
                "trading-state", "max-order-notional", "symbol-exposure", "total-exposure", "leverage");
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
    void verdictsCarryCodesOnlyWhenRejecting() {
        assertThat(GuardVerdict.ALLOW.code()).isNull();
        assertThat(List.of(GuardVerdict.reject("X", "m").allowed())).containsExactly(false);
    }
}
