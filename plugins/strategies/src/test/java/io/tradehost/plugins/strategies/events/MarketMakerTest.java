package io.tradehost.plugins.strategies.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.tradehost.api.config.ConfigException;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.event.OrderRejected;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.state.TradingState;
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

class MarketMakerTest {
    private static final Symbol BTC = Symbol.of("BTC-PERP");
    private static final Map<String, Object> CONFIG = Map.of("spread_bps", "20", "refresh_bps", "5",
            "order_notional", "100", "max_inventory", "300", "skew_bps", "10");

    private static OrderRequest quote(long n, Side side, String quantity, String price) {
        return new OrderRequest(ClientOrderId.of("h", n), BTC, side, OrderType.LIMIT, Quantity.of(quantity),
                Price.of(price), TimeInForce.GTC, false, true);
    }

    private static ClientOrderId id(long n) {
        return ClientOrderId.of("h", n);
    }

    @Test
    void quotesBothSidesReplacesThemAsTheMidMovesSkewsAfterAFillAndPullsTheGrowingSideUnderReduceOnly() {
        try (EventStrategyHarness h = EventStrategyHarness.start(new MarketMakerFactory(), CONFIG,
                Fixtures.perpetual("BTC-PERP"))) {
            h.quote(BTC, "99.99", "100.01"); // mid 100: 10 bps either side, 100 of notional = 1
            assertThat(h.sent()).containsExactly(quote(1, Side.BUY, "1", "99.90"), quote(2, Side.SELL, "1", "100.10"));

            h.quote(BTC, "100.02", "100.04"); // wanted 99.92 / 100.14: 2 and 4 bps away, within refresh
            assertThat(h.sent()).hasSize(2);

            h.quote(BTC, "100.09", "100.11"); // wanted 99.99 / 100.21: 9 and 11 bps away: both replaced
            assertThat(h.cancels()).containsExactly(id(1), id(2));
            // the replacements are sized at the new mid: 100 / 100.10 = 0.999
            assertThat(h.sent()).containsExactly(quote(1, Side.BUY, "1", "99.90"), quote(2, Side.SELL, "1", "100.10"),
                    quote(3, Side.BUY, "0.999", "99.99"), quote(4, Side.SELL, "0.999", "100.21"));
            assertThat(h.open()).extracting(o -> o.clientOrderId()).containsExactly(id(3), id(4));

            h.fill(id(4), Quantity.of("0.999"), Price.of("100.21")); // short 0.999: quotes shift up by 3.3 bps
            h.quote(BTC, "100.09", "100.11");
            // centre 100.10 x (1 + 99.9999/300 x 10 bps) = 100.1334; the bid 100.03 is 4 bps from 99.99: kept
            assertThat(h.sent()).hasSize(5).last().isEqualTo(quote(5, Side.SELL, "0.999", "100.24"));

            h.tradingState(TradingState.REDUCE_ONLY); // short: the ask would grow it and is pulled, the bid stays
            assertThat(h.cancels()).containsExactly(id(1), id(2), id(5));
            assertThat(h.open()).extracting(o -> o.clientOrderId()).containsExactly(id(3));
        }
    }

    @Test
    void atAVenueThatAmendsTheQuotesMoveInPlaceUnderTheirOwnIds() {
        try (EventStrategyHarness h = EventStrategyHarness.start(new MarketMakerFactory(), CONFIG,
                Fixtures.perpetual("BTC-PERP")).venueAmends(true)) {
            h.quote(BTC, "99.99", "100.01");
            h.quote(BTC, "100.09", "100.11"); // both 9 and 11 bps away: both amended, sized at the new mid
            assertThat(h.amends()).extracting(a -> a.clientOrderId(), a -> a.limitPrice().toString(),
                    a -> a.quantity().toString()).containsExactly(tuple(id(1), "99.99", "0.999"),
                    tuple(id(2), "100.21", "0.999"));
            assertThat(h.cancels()).isEmpty();
            assertThat(h.sent()).hasSize(2);
            assertThat(h.open()).extracting(o -> o.request()).containsExactly(quote(1, Side.BUY, "0.999", "99.99"),
                    quote(2, Side.SELL, "0.999", "100.21"));

            h.fill(id(2), Quantity.of("0.5"), Price.of("100.21")); // short 0.5: the ask shifts up, its rest kept
            h.quote(BTC, "100.15", "100.17");
            assertThat(h.amends()).hasSize(4).last().satisfies(a -> assertThat(a.quantity())
                    .as("a new total: the filled part plus what is wanted").isEqualTo(Quantity.of("1.498")));
            assertThat(h.sent()).hasSize(2);

            h.refuseNext(RejectionCode.of("ORDER_RATE"), "too fast"); // the bid cannot move: it is stale, pulled
            h.quote(BTC, "100.25", "100.27");
            assertThat(h.cancels()).containsExactly(id(1));
        }
    }

    @Test
    void aSkewThatWouldCrossIsRefusedPostOnlyAndRequotedAndAStopCancelsWhatRests() {
        EventStrategyHarness h = EventStrategyHarness.start(new MarketMakerFactory(), Map.of("spread_bps", "0.1",
                "skew_bps", "50", "max_inventory", "300"), Fixtures.perpetual("BTC-PERP"));
        h.quote(BTC, "99.90", "100.10"); // 0.1 bps around 100: the bid 99.99 and the ask 100.01 inside the spread
        assertThat(h.sent()).containsExactly(quote(1, Side.BUY, "1", "99.99"), quote(2, Side.SELL, "1", "100.01"));
        h.fill(id(1), Quantity.of("1"), Price.of("99.99")); // long 1: a third of the inventory, 16.7 bps of skew
        h.quote(BTC, "99.90", "100.10");
        // centre 100 x (1 - 100/300 x 50 bps) = 99.8333: the bid 99.83 is new, the ask moves to 99.84, under the
        // market's bid 99.90: a post-only order that would take, refused
        h.quote(BTC, "99.90", "100.10"); // the refused ask is asked for again, and refused again
        assertThat(h.sent()).containsExactly(quote(1, Side.BUY, "1", "99.99"), quote(2, Side.SELL, "1", "100.01"),
                quote(3, Side.BUY, "1", "99.83"), quote(4, Side.SELL, "1", "99.84"),
                quote(5, Side.SELL, "1", "99.84"));
        assertThat(h.messages(OrderRejected.class)).extracting(r -> r.clientOrderId(), r -> r.code().value())
                .containsExactly(tuple(id(4), "POST_ONLY_WOULD_TAKE"), tuple(id(5), "POST_ONLY_WOULD_TAKE"));
        h.close();
        assertThat(h.cancels()).containsExactly(id(2), id(3));
        assertThat(h.open()).isEmpty();
    }

    @Test
    void maxInventoryBelowOneOrderIsAConfigError() {
        assertThatThrownBy(() -> new MarketMakerFactory().createEventStrategy(new PluginConfig(
                "strategy.config.market-maker", Map.of("order_notional", "500", "max_inventory", "100"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("max_inventory");
    }

    /**
     * Hanging orders: the bid fills wholly, so the ask stays at 100.10 and a new ask is quoted for the
     * skewed centre; the hanging ask is cancelled once the mid is more than 30 bps from it.
     */
    @Test
    void withHangingOrdersTheOtherSideOfAFillStaysAtItsPriceUntilTheMidLeavesIt() {
        Map<String, Object> config = new java.util.HashMap<>(CONFIG);
        config.put("hanging_cancel_bps", "30");
        config.put("refresh_bps", "50"); // quotes stay put: what moves is the hanging order alone
        try (EventStrategyHarness h = EventStrategyHarness.start(new MarketMakerFactory(), config,
                Fixtures.perpetual("BTC-PERP"))) {
            h.quote(BTC, "99.99", "100.01");
            h.fill(id(1), Quantity.of("1"), Price.of("99.90")); // long 1: the ask hangs
            h.quote(BTC, "99.99", "100.01");
            // centre 100 x (1 - 100/300 x 10 bps) = 99.9667, 0.10 either side: a new bid 99.86 (down), ask 100.07 (up)
            assertThat(h.sent()).containsExactly(quote(1, Side.BUY, "1", "99.90"), quote(2, Side.SELL, "1", "100.10"),
                    quote(3, Side.BUY, "1", "99.86"), quote(4, Side.SELL, "1", "100.07"));
            assertThat(h.open()).extracting(o -> o.clientOrderId()).containsExactly(id(2), id(3), id(4));
            h.quote(BTC, "99.78", "99.80"); // mid 99.79: 31.5 bps below the hanging ask
            assertThat(h.cancels()).containsExactly(id(2));
        }
    }
}
