package io.tradehost.plugins.strategies.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.command.OrderIntent;
import io.tradehost.api.config.ConfigException;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.event.StrategyFailed;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import io.tradehost.strategy.testkit.EventStrategyHarness;
import io.tradehost.testkit.Fixtures;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PairsTest {
    private static final Symbol A = Symbol.of("ETH-PERP");
    private static final Symbol B = Symbol.of("BTC-PERP");

    private static void minute(EventStrategyHarness h, String a, String b) {
        h.advance(Duration.ofSeconds(10));
        for (var leg : Map.of(A, a, B, b).entrySet()) {
            Price p = Price.of(leg.getValue());
            h.quote(leg.getKey(), p.minus(Price.of("0.01")).toString(), p.plus(Price.of("0.01")).toString());
            h.trade(leg.getKey(), leg.getValue(), "1", Side.BUY);
        }
        h.advance(Duration.ofSeconds(50));
    }

    private static OrderRequest market(long n, Symbol symbol, Side side, String quantity, boolean reduceOnly) {
        return new OrderRequest(ClientOrderId.of("h", n), symbol, side, OrderType.MARKET, Quantity.of(quantity), null,
                TimeInForce.GTC, reduceOnly, false);
    }

    @Test
    void sellsTheRichLegAndBuysTheCheapOneAtTheEntryZAndClosesBothBackAtTheMean() {
        try (EventStrategyHarness h = EventStrategyHarness.start(new PairsFactory(), Map.of("length", 5L,
                "entry_z", "1.5", "exit_z", "0.5"), Fixtures.perpetual("ETH-PERP"), Fixtures.perpetual("BTC-PERP"))) {
            for (int i = 0; i < 4; i++) {
                minute(h, "100", "100");
            }
            assertThat(h.sent()).isEmpty();
            // spreads 0, 0, 0, 0, ln 1.1 = 0.0953: mean 0.0191, sample deviation 0.0426, z = 1.79 > 1.5
            minute(h, "110", "100");
            assertThat(h.sent()).containsExactly(market(1, A, Side.SELL, "4.545", false),
                    market(2, B, Side.BUY, "5", false)); // 5 % of 10 000 per leg: 500 / 110, 500 / 100
            assertThat(h.messages(OrderIntent.class)).extracting(OrderIntent::reason).containsOnly("pairs-entry z=1.79");
            // back to 0: window 0, 0, 0, 0.0953, 0: z = -0.45, within 0.5: both legs closed, reduce-only
            minute(h, "100", "100");
            assertThat(h.sent()).hasSize(4).endsWith(market(3, A, Side.BUY, "4.545", true),
                    market(4, B, Side.SELL, "5", true));
            assertThat(h.position(A).isFlat()).isTrue();
            assertThat(h.position(B).isFlat()).isTrue();
        }
    }

    @Test
    void oneSymbolIsAFailureThatSaysWhyAndTradesNothing() {
        try (EventStrategyHarness h = EventStrategyHarness.start(new PairsFactory(), Map.of(),
                Fixtures.perpetual("ETH-PERP"))) {
            assertThat(h.messages(StrategyFailed.class)).singleElement().satisfies(f -> assertThat(f.error())
                    .contains("pairs trades exactly two symbols"));
            minute(h, "100", "100");
            assertThat(h.sent()).isEmpty();
        }
    }

    @Test
    void anExitAboveTheEntryIsAConfigError() {
        assertThatThrownBy(() -> new PairsFactory().createEventStrategy(new PluginConfig("strategy.config.pairs",
                Map.of("entry_z", "1", "exit_z", "1")))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("strategy.config.pairs.exit_z");
    }
}
