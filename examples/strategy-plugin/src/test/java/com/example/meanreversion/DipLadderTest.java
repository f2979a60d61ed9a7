package com.example.meanreversion;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Map;
import org.junit.jupiter.api.Test;

class DipLadderTest {
    private static final Symbol BTC = Symbol.of("BTC-PERP");

    private static OrderRequest limit(long n, Side side, String quantity, String price, boolean postOnly,
                                      boolean reduceOnly) {
        return new OrderRequest(ClientOrderId.of("h", n), BTC, side, OrderType.LIMIT, Quantity.of(quantity),
                Price.of(price), TimeInForce.GTC, reduceOnly, postOnly);
    }

    @Test
    void restsABidBelowTheMidMovesItWithTheMarketAndRestsATakeProfitForEachFill() {
        try (EventStrategyHarness h = EventStrategyHarness.start(new DipLadderFactory(), Map.of(),
                Fixtures.perpetual("BTC-PERP"))) {
            h.quote(BTC, "99.99", "100.01"); // 30 bps under 100: 99.70; 200 / 99.70 = 2.006
            h.quote(BTC, "100.04", "100.06"); // wanted 99.75: 5 bps away, kept
            h.quote(BTC, "100.19", "100.21"); // wanted 99.89: 19 bps away: moved
            h.fill(ClientOrderId.of("h", 2), Quantity.of("1"), Price.of("99.89")); // take 20 bps above: 100.09
            assertThat(h.sent()).containsExactly(limit(1, Side.BUY, "2.006", "99.7", true, false),
                    limit(2, Side.BUY, "2.006", "99.89", true, false),
                    limit(3, Side.SELL, "1", "100.09", false, true));
            // the market (bid 100.19) is above the take: it fills at once, and the bought 1 is sold again
            assertThat(h.open()).extracting(o -> o.clientOrderId().value()).containsExactly("h-2");
            assertThat(h.position(BTC).isFlat()).isTrue();
        }
    }

    @Test
    void aRefusedBidWaitsASecondBeforeTheNext() {
        try (EventStrategyHarness h = EventStrategyHarness.start(new DipLadderFactory(), Map.of(),
                Fixtures.perpetual("BTC-PERP"))) {
            h.refuseNext(io.tradehost.api.order.RejectionCode.of("ORDER_RATE"), "too fast");
            h.quote(BTC, "99.99", "100.01");
            h.quote(BTC, "99.99", "100.01");
            assertThat(h.sent()).isEmpty();
            h.advance(java.time.Duration.ofSeconds(1));
            h.quote(BTC, "99.99", "100.01");
            assertThat(h.sent()).containsExactly(limit(1, Side.BUY, "2.006", "99.7", true, false));
        }
    }
}
