package io.tradehost.plugins.strategies.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.command.OrderIntent;
import io.tradehost.api.config.ConfigException;
import io.tradehost.api.config.PluginConfig;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BarTrendTest {
    private static final Symbol BTC = Symbol.of("BTC-PERP");

    /** One minute: a quote and a trade at {@code close} ten seconds in, then the clock to the bar's end. */
    private static void minute(EventStrategyHarness h, String close) {
        h.advance(Duration.ofSeconds(10));
        Price c = Price.of(close);
        h.quote(BTC, c.minus(Price.of("0.01")).toString(), c.plus(Price.of("0.01")).toString());
        h.trade(BTC, close, "1", Side.BUY);
        h.advance(Duration.ofSeconds(50));
    }

    private static OrderRequest market(long n, Side side, String quantity, boolean reduceOnly) {
        return new OrderRequest(ClientOrderId.of("h", n), BTC, side, OrderType.MARKET, Quantity.of(quantity), null,
                TimeInForce.GTC, reduceOnly, false);
    }

    @Test
    void entersOnTheCloseAboveItsAverageAndExitsOnTheCrossBackBelow() {
        try (EventStrategyHarness h = EventStrategyHarness.start(new BarTrendFactory(),
                Map.of("interval", "1m", "length", 3L), Fixtures.perpetual("BTC-PERP"))) {
            for (String close : List.of("100", "100", "100")) {
                minute(h, close);
            }
            assertThat(h.sent()).as("no cross while the window fills and the close sits on its average").isEmpty();
            minute(h, "106"); // average (100 + 100 + 106) / 3 = 102: above
            // 5 % of 10 000 equity at the close 106: 4.71698.. rounded down to the lot 0.001
            assertThat(h.sent()).containsExactly(market(1, Side.BUY, "4.716", false));
            assertThat(h.position(BTC).quantity()).isEqualTo(Quantity.of("4.716"));
            minute(h, "104"); // average 103.33: still above, no new cross
            minute(h, "90"); // average (106 + 104 + 90) / 3 = 100: below
            assertThat(h.sent()).containsExactly(market(1, Side.BUY, "4.716", false),
                    market(2, Side.SELL, "4.716", true));
            assertThat(h.position(BTC).isFlat()).isTrue();
            assertThat(h.messages(OrderIntent.class)).extracting(OrderIntent::reason, OrderIntent::strategy)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("entry-long: close above average", "bar-trend"),
                            org.assertj.core.groups.Tuple.tuple("exit-long: close below average", "bar-trend"));
            assertThat(h.health().details()).containsEntry("barsDelivered", "6").containsEntry("failures", "0");
        }
    }

    @Test
    void aMinuteWithoutTradesStillClosesAFlatBarThatCanCrossBack() {
        try (EventStrategyHarness h = EventStrategyHarness.start(new BarTrendFactory(),
                Map.of("interval", "1m", "length", 2L, "allow_shorts", true), Fixtures.perpetual("BTC-PERP"))) {
            minute(h, "100");
            minute(h, "110"); // average 105: above, but the first full window only sets the side
            minute(h, "90"); // average 100: below: a short entry
            assertThat(h.sent()).extracting(OrderRequest::side).containsExactly(Side.SELL);
            h.advance(Duration.ofMinutes(1)); // nothing traded: a flat bar at 90, average 90, not above
            assertThat(h.health().details()).containsEntry("barsDelivered", "4");
            minute(h, "95"); // average 92.5: above: the short is bought back
            assertThat(h.sent()).extracting(OrderRequest::side, OrderRequest::reduceOnly).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(Side.SELL, false),
                    org.assertj.core.groups.Tuple.tuple(Side.BUY, true));
        }
    }

    private static EventStrategyHarness protectedTrend() {
        return EventStrategyHarness.start(new BarTrendFactory(), Map.of("interval", "1m", "length", 3L,
                "take_profit_bps", "25", "stop_loss_bps", "25", "trailing_bps", "10"), Fixtures.perpetual("BTC-PERP"));
    }

    private static OrderRequest exit(long n, OrderType type, String limit, String stop) {
        return new OrderRequest(ClientOrderId.of("h", n), BTC, Side.SELL, type, Quantity.of("4.716"),
                limit == null ? null : Price.of(limit), TimeInForce.GTC, true, false, stop == null ? null : Price.of(stop));
    }

    /**
     * 25 bps of the close 106 on a 0.01 tick: the take-profit at 106.27 (rounded up), the stop-loss at
     * 105.73 (down); the trailing stop activates 10 bps up, at 106.11, and starts 10 bps below that, at
     * 106.00 (down).
     */
    private static final List<OrderRequest> ENTERED = List.of(market(1, Side.BUY, "4.716", false),
            exit(2, OrderType.LIMIT, "106.27", null), exit(3, OrderType.STOP_MARKET, null, "105.73"),
            exit(4, OrderType.STOP_MARKET, null, "106"));

    /** Each entry carries its exits as one list the host holds; the stop-loss filling cancels the other two. */
    @Test
    void anEntryCarriesATakeProfitAStopLossAndATrailingStopAndTheFirstToFillCancelsTheOthers() {
        try (EventStrategyHarness h = protectedTrend()) {
            for (String close : List.of("100", "100", "100", "106")) {
                minute(h, close);
            }
            assertThat(h.sent()).containsExactlyElementsOf(ENTERED);
            h.fill(ClientOrderId.of("h", 3), Quantity.of("4.716"), Price.of("105.7"));
            assertThat(h.position(BTC).isFlat()).isTrue();
            assertThat(h.cancels()).containsExactly(ClientOrderId.of("h", 2), ClientOrderId.of("h", 4));
            assertThat(h.open()).isEmpty();
            minute(h, "104"); // closes 100, 106, 104: above their average, as before: no new cross
            assertThat(h.sent()).hasSize(4);
        }
    }

    /** A cross back below the average exits at the market ("signal") and cancels the protective exits first. */
    @Test
    void aCrossAgainstThePositionCancelsItsExitsAndExitsAtTheMarket() {
        try (EventStrategyHarness h = protectedTrend()) {
            for (String close : List.of("100", "100", "100", "106", "90")) {
                minute(h, close);
            }
            List<OrderRequest> all = new java.util.ArrayList<>(ENTERED);
            all.add(market(5, Side.SELL, "4.716", true));
            assertThat(h.sent()).containsExactlyElementsOf(all);
            assertThat(h.cancels()).containsExactly(ClientOrderId.of("h", 2), ClientOrderId.of("h", 3),
                    ClientOrderId.of("h", 4));
            assertThat(h.position(BTC).isFlat()).isTrue();
            assertThat(h.messages(OrderIntent.class)).extracting(OrderIntent::reason).containsExactly(
                    "entry-long: close above average", "take-profit", "stop-loss", "trailing-stop",
                    "exit-long: close below average");
        }
    }

    @Test
    void aStopLimitBpsMakesTheStopLossAStopLimitThatFarBeyondItsTrigger() {
        try (EventStrategyHarness h = EventStrategyHarness.start(new BarTrendFactory(), Map.of("interval", "1m",
                "length", 3L, "stop_loss_bps", "25", "stop_limit_bps", "10"), Fixtures.perpetual("BTC-PERP"))) {
            for (String close : List.of("100", "100", "100", "106")) {
                minute(h, close);
            }
            // the trigger 105.73 as above; the limit 10 bps below it, 105.624.. rounded down to 105.62
            assertThat(h.sent()).containsExactly(market(1, Side.BUY, "4.716", false),
                    new OrderRequest(ClientOrderId.of("h", 2), BTC, Side.SELL, OrderType.STOP_LIMIT,
                            Quantity.of("4.716"), Price.of("105.62"), TimeInForce.GTC, true, false, Price.of("105.73")));
        }
    }

    @Test
    void aBadIntervalIsAConfigErrorNamingTheKey() {
        assertThatThrownBy(() -> new BarTrendFactory().createEventStrategy(new PluginConfig("strategy.config.bar-trend",
                Map.of("interval", "90 minutes")))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("strategy.config.bar-trend.interval");
        assertThatThrownBy(() -> new BarTrendFactory().createEventStrategy(new PluginConfig("strategy.config.bar-trend",
                Map.of("interval", "2d")))).isInstanceOf(ConfigException.class).hasMessageContaining("1s to 1d");
    }
}
