package io.tradehost.plugins.strategies.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.command.OrderIntent;
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
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GridTest {
    static final Symbol BTC = Symbol.of("BTC-PERP");
    /** Three levels a side, 1 % apart, one unit each, around a centre of 100: buys 99, 98, 97, sells 101, 102, 103. */
    static final Map<String, Object> UNITS = Map.of("levels", 3L, "spacing_bps", "100", "order_quantity", "1",
            "centre", "100");

    static OrderRequest limit(long n, Side side, String quantity, String price) {
        return limit(n, BTC, side, quantity, price, false);
    }

    static OrderRequest limit(long n, Symbol symbol, Side side, String quantity, String price, boolean reduceOnly) {
        return new OrderRequest(id(n), symbol, side, OrderType.LIMIT, Quantity.of(quantity), Price.of(price),
                TimeInForce.GTC, reduceOnly, true);
    }

    static ClientOrderId id(long n) {
        return ClientOrderId.of("h", n);
    }

    static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> config = new java.util.HashMap<>(base);
        config.put(key, value);
        return config;
    }

    @Test
    void laysTheLadderWholeOnTheTickAndLotAndReplacesEachFilledLevelOnTheOtherSide() {
        try (EventStrategyHarness h = EventStrategyHarness.start(new GridFactory(), Map.of("levels", 3L,
                "spacing_bps", "50", "order_notional", "100"), Fixtures.perpetual("BTC-PERP"))) {
            h.quote(BTC, "100.00", "100.03"); // the centre is the mid, 100.015
            // buys 100.015 x 0.995 = 99.514925, x 0.99 = 99.01485, x 0.985 = 98.514775, rounded down to the tick;
            // sells x 1.005 = 100.515075, x 1.01 = 101.01515, x 1.015 = 101.515225, rounded up; 100 of notional
            // each, rounded down to the lot: 100 / 99.51 = 1.00492, 100 / 100.52 = 0.99482, ...
            assertThat(h.sent()).containsExactly(limit(1, Side.BUY, "1.004", "99.51"),
                    limit(2, Side.BUY, "1.009", "99.01"), limit(3, Side.BUY, "1.015", "98.51"),
                    limit(4, Side.SELL, "0.994", "100.52"), limit(5, Side.SELL, "0.989", "101.02"),
                    limit(6, Side.SELL, "0.985", "101.52"));
            assertThat(h.messages(OrderIntent.class)).extracting(OrderIntent::reason).containsExactly("grid -1 buy",
                    "grid -2 buy", "grid -3 buy", "grid 1 sell", "grid 2 sell", "grid 3 sell");
            h.quote(BTC, "100.10", "100.12"); // the ladder stays where it is
            assertThat(h.sent()).hasSize(6);

            h.quote(BTC, "99.40", "99.50");
            h.fill(id(1), Quantity.of("1.004"), Price.of("99.51"));
            // the filled buy's quantity sold one level up: 99.51 x 1.005 = 100.00755, rounded up
            assertThat(h.sent()).hasSize(7).last().isEqualTo(limit(7, Side.SELL, "1.004", "100.01"));

            h.quote(BTC, "100.02", "100.04");
            h.fill(id(7), Quantity.of("1.004"), Price.of("100.01"));
            // bought back where the round trip began, 99.51 (100.01 x 0.995 = 99.50995 would drift a tick down)
            assertThat(h.sent()).hasSize(8).last().isEqualTo(limit(8, Side.BUY, "1.004", "99.51"));
            assertThat(h.position(BTC).isFlat()).isTrue();

            h.quote(BTC, "100.50", "100.53");
            h.fill(id(4), Quantity.of("0.994"), Price.of("100.52"));
            // the filled sell's quantity bought one level down: 100.52 x 0.995 = 100.0174, rounded down
            assertThat(h.sent()).hasSize(9).last().isEqualTo(limit(9, Side.BUY, "0.994", "100.01"));
            assertThat(h.messages(OrderIntent.class)).last().extracting(OrderIntent::reason).isEqualTo("grid 0 buy");
            assertThat(h.cancels()).isEmpty();
        }
    }

    @Test
    void aPartialFillWaitsForTheRestAndAnOrderEndedPartFilledIsPlacedAgainForWhatItOwes() {
        try (EventStrategyHarness h = EventStrategyHarness.start(new GridFactory(), with(UNITS, "levels", 2L),
                Fixtures.perpetual("BTC-PERP"))) {
            h.quote(BTC, "99.99", "100.01");
            assertThat(h.sent()).containsExactly(limit(1, Side.BUY, "1", "99"), limit(2, Side.BUY, "1", "98"),
                    limit(3, Side.SELL, "1", "101"), limit(4, Side.SELL, "1", "102"));
            h.quote(BTC, "98.99", "99.01");
            h.fill(id(1), Quantity.of("0.4"), Price.of("99"));
            assertThat(h.sent()).as("a partial fill waits for the rest").hasSize(4);
            h.fill(id(1), Quantity.of("0.6"), Price.of("99"));
            assertThat(h.sent()).hasSize(5).last().isEqualTo(limit(5, Side.SELL, "1", "99.99")); // 99 x 1.01

            h.fill(id(2), Quantity.of("0.25"), Price.of("98"));
            h.cancelAtVenue(id(2), "venue maintenance");
            h.quote(BTC, "98.50", "98.52");
            assertThat(h.sent()).as("the venue ended it: the level waits before it asks again").hasSize(5);
            h.advance(Grid.RETRY);
            h.quote(BTC, "98.50", "98.52");
            assertThat(h.sent()).hasSize(6).last().isEqualTo(limit(6, Side.BUY, "0.75", "98"));
            h.fill(id(6), Quantity.of("0.75"), Price.of("98"));
            // the level traded its whole unit over two orders: a unit sold one level up, 98 x 1.01 = 98.98
            assertThat(h.sent()).hasSize(7).last().isEqualTo(limit(7, Side.SELL, "1", "98.98"));
            assertThat(h.position(BTC).quantity()).isEqualTo(Quantity.of("2"));
        }
    }

    @Test
    void anOrderEndedWithLessThanTheMinimumSizeLeftCountsAsFilled() {
        try (EventStrategyHarness h = EventStrategyHarness.start(new GridFactory(), with(UNITS, "levels", 1L),
                Fixtures.perpetual("BTC-PERP"))) {
            h.quote(BTC, "99.99", "100.01");
            h.quote(BTC, "98.99", "99.01");
            h.fill(id(1), Quantity.of("0.9995"), Price.of("99"));
            h.cancelAtVenue(id(1), "venue maintenance"); // 0.0005 left, below the minimum of 0.001: no retry
            // what traded sold a level up, on the lot: 0.9995 rounded down
            assertThat(h.sent()).hasSize(3).last().isEqualTo(limit(3, Side.SELL, "0.999", "99.99"));
        }
    }

    @Test
    void maxInventoryLeavesOutTheLevelsThatWouldTakeThePositionBeyondIt() {
        try (EventStrategyHarness h = EventStrategyHarness.start(new GridFactory(), with(UNITS, "max_inventory", "250"),
                Fixtures.perpetual("BTC-PERP"))) {
            h.quote(BTC, "99.99", "100.01");
            // buys: 1 x 99, 2 x 98 = 196, 3 x 97 = 291 > 250; sells: 101, 2 x 102 = 204, 3 x 103 = 309 > 250
            assertThat(h.sent()).containsExactly(limit(1, Side.BUY, "1", "99"), limit(2, Side.BUY, "1", "98"),
                    limit(3, Side.SELL, "1", "101"), limit(4, Side.SELL, "1", "102"));
            h.quote(BTC, "98.50", "98.52");
            h.fill(id(1), Quantity.of("1"), Price.of("99"));
            // long 1: the sell 99.99 brings it back to flat; the buy at 97 would still make 3 x 97
            assertThat(h.sent()).hasSize(5).last().isEqualTo(limit(5, Side.SELL, "1", "99.99"));
            h.quote(BTC, "97.50", "97.52");
            h.fill(id(2), Quantity.of("1"), Price.of("98"));
            assertThat(h.sent()).hasSize(6).last().isEqualTo(limit(6, Side.SELL, "1", "98.98"));
            assertThat(h.open()).extracting(o -> o.request().limitPrice().toString())
                    .doesNotContain("97", "103");
            assertThat(h.cancels()).isEmpty();
        }
    }

    @Test
    void underReduceOnlyOnlyTheLevelsThatShrinkThePositionRestAndHaltedPullsEveryOne() {
        try (EventStrategyHarness h = EventStrategyHarness.start(new GridFactory(), with(UNITS, "centre", "mid"),
                Fixtures.perpetual("BTC-PERP"))) {
            h.quote(BTC, "99.99", "100.01");
            h.quote(BTC, "98.99", "99.01");
            h.fill(id(1), Quantity.of("1"), Price.of("99")); // long 1: a sell at 99.99
            assertThat(h.sent()).hasSize(7).last().isEqualTo(limit(7, Side.SELL, "1", "99.99"));

            h.tradingState(TradingState.REDUCE_ONLY); // the buys would grow it; the sell at 99.99 alone brings it to 0
            assertThat(h.cancels()).containsExactly(id(2), id(3), id(4), id(5), id(6));
            assertThat(h.open()).extracting(o -> o.clientOrderId()).containsExactly(id(7));

            h.cancelAtVenue(id(7), "venue maintenance");
            h.advance(Grid.RETRY);
            h.quote(BTC, "99.49", "99.51");
            assertThat(h.sent()).hasSize(8).last().isEqualTo(limit(8, BTC, Side.SELL, "1", "99.99", true));
            h.fill(id(8), Quantity.of("1"), Price.of("99.99"));
            assertThat(h.sent()).as("flat: the buy back at 99 would grow it").hasSize(8);

            h.tradingState(TradingState.ACTIVE); // the ladder again, as at the start
            assertThat(h.sent()).hasSize(14).endsWith(limit(9, Side.BUY, "1", "99"), limit(10, Side.BUY, "1", "98"),
                    limit(11, Side.BUY, "1", "97"), limit(12, Side.SELL, "1", "101"), limit(13, Side.SELL, "1", "102"),
                    limit(14, Side.SELL, "1", "103"));
            h.tradingState(TradingState.HALTED);
            assertThat(h.open()).isEmpty();
            assertThat(h.cancels()).hasSize(11);
        }
    }

    @Test
    void onSpotASellOffersOnlyWhatIsHeld() {
        Symbol sol = Symbol.of("SOL-USD");
        try (EventStrategyHarness h = EventStrategyHarness.start(new GridFactory(), with(UNITS, "levels", 2L),
                Fixtures.spot("SOL-USD"))) {
            h.quote(sol, "99.99", "100.01");
            assertThat(h.sent()).containsExactly(limit(1, sol, Side.BUY, "1", "99", false),
                    limit(2, sol, Side.BUY, "1", "98", false));
            h.quote(sol, "98.99", "99.01");
            h.fill(id(1), Quantity.of("1"), Price.of("99"));
            assertThat(h.sent()).hasSize(3).last().isEqualTo(limit(3, sol, Side.SELL, "1", "99.99", false));
        }
    }

    @Test
    void fillsHeardOutOfOrderStillLeaveOneOrderPerLevel() {
        try (EventStrategyHarness h = EventStrategyHarness.start(new GridFactory(), UNITS,
                Fixtures.perpetual("BTC-PERP"))) {
            h.quote(BTC, "99.99", "100.01");
            h.quote(BTC, "97.50", "97.52"); // the market fell through 99 and 98; the fill at 98 is heard first
            h.fill(id(2), Quantity.of("1"), Price.of("98"));
            assertThat(h.sent()).as("level -1 still holds its buy, about to fill").hasSize(6);
            h.fill(id(1), Quantity.of("1"), Price.of("99"));
            // as if heard in order: sells on -1 (98 x 1.01) and 0 (99 x 1.01), the gap on -2, the buy on -3
            assertThat(h.sent()).hasSize(8).endsWith(limit(7, Side.SELL, "1", "98.98"), limit(8, Side.SELL, "1", "99.99"));
            assertThat(h.open()).extracting(o -> o.request().limitPrice().toString())
                    .containsExactlyInAnyOrder("97", "98.98", "99.99", "101", "102", "103");
        }
    }

    @Test
    void aReplacementThatWouldTakeWaitsAndARefusedLevelIsAskedForAgainAfterTheRetry() {
        try (EventStrategyHarness h = EventStrategyHarness.start(new GridFactory(), with(UNITS, "levels", 1L),
                Fixtures.perpetual("BTC-PERP"))) {
            h.refuseNext(RejectionCode.of("ORDER_RATE"), "too fast");
            h.quote(BTC, "99.99", "100.01");
            // the buy was refused before it had a client order id
            assertThat(h.sent()).containsExactly(limit(1, Side.SELL, "1", "101"));
            h.quote(BTC, "99.99", "100.01");
            assertThat(h.sent()).hasSize(1);
            h.advance(Grid.RETRY);
            h.quote(BTC, "99.99", "100.01");
            assertThat(h.sent()).hasSize(2).last().isEqualTo(limit(2, Side.BUY, "1", "99"));

            h.quote(BTC, "100.20", "100.22"); // back up already when the buy's fill is heard
            h.fill(id(2), Quantity.of("1"), Price.of("99"));
            assertThat(h.sent()).as("a sell at 99.99 would take").hasSize(2);
            h.quote(BTC, "99.70", "99.72");
            assertThat(h.sent()).hasSize(3).last().isEqualTo(limit(3, Side.SELL, "1", "99.99"));
        }
    }

    @Test
    void aFixedCentreAwayFromTheMarketBuysBelowTheMarketAndSellsAbove() {
        try (EventStrategyHarness h = EventStrategyHarness.start(new GridFactory(), with(UNITS, "levels", 2L),
                Fixtures.perpetual("BTC-PERP"))) {
            h.quote(BTC, "98.29", "98.31"); // levels 98 .. 102: the one nearest 98.30, 98, is left free
            assertThat(h.sent()).containsExactly(limit(1, Side.SELL, "1", "98.98"), limit(2, Side.SELL, "1", "99.99"),
                    limit(3, Side.SELL, "1", "101"), limit(4, Side.SELL, "1", "102"));
        }
    }

    @Test
    void aSpacingFinerThanTheTickOrALevelBelowTheMinimumSizeIsNotTradedNorAFailure() {
        try (EventStrategyHarness h = EventStrategyHarness.start(new GridFactory(), Map.of("spacing_bps", "0.5"),
                Fixtures.perpetual("BTC-PERP"))) {
            h.quote(BTC, "0.99", "1.01"); // 1 x 0.99995 and 1 x 0.9999 both round down to 0.99
            assertThat(h.sent()).isEmpty();
        }
        try (EventStrategyHarness h = EventStrategyHarness.start(new GridFactory(), Map.of("order_notional", "0.05",
                "max_inventory", "1"), Fixtures.perpetual("BTC-PERP"))) {
            h.quote(BTC, "99.99", "100.01"); // 0.05 / 102.50 = 0.0004 units, below the lot of 0.001
            assertThat(h.sent()).isEmpty();
            h.tradingState(TradingState.REDUCE_ONLY);
            assertThat(h.cancels()).isEmpty();
            assertThat(h.health().details()).as("said once, in the log; not a failure").containsEntry("failures", "0");
        }
    }
}
