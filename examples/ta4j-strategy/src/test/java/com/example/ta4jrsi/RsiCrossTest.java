package com.example.ta4jrsi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.command.OrderIntent;
import io.tradehost.api.config.ConfigException;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import io.tradehost.strategy.testkit.EventStrategyHarness;
import io.tradehost.testkit.Fixtures;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code ta4j-rsi} in the host's real strategy coordinator: 5-minute bars built from trades, orders
 * compared whole with what a second computation of the RSI, here in plain doubles and without ta4j,
 * says the rule must send.
 */
class RsiCrossTest {
    private static final Symbol BTC = Symbol.of("BTC-PERP");
    private static final long FIVE_MINUTES = Duration.ofMinutes(5).toNanos();
    private static final long START = Fixtures.EPOCH.getEpochSecond() * 1_000_000_000L;

    /**
     * The RSI as ta4j defines it, computed independently: gains and losses of each close over the one
     * before (0 for the first), each smoothed by Wilder's average {@code a += (x - a) / length} from the
     * first bar on; RSI = 100 - 100 / (1 + gain / loss), 100 without losses (0 when both are 0).
     */
    static double[] rsi(List<Double> closes, int length) {
        double gain = 0;
        double loss = 0;
        double[] rsi = new double[closes.size()];
        for (int i = 0; i < closes.size(); i++) {
            double change = i == 0 ? 0 : closes.get(i) - closes.get(i - 1);
            gain += (Math.max(change, 0) - gain) / length;
            loss += (Math.max(-change, 0) - loss) / length;
            rsi[i] = loss == 0 ? (gain == 0 ? 0 : 100) : 100 - 100 / (1 + gain / loss);
        }
        return rsi;
    }

    /** A trade decision of the rule at bar {@code bar}: a buy of {@code quantity}, or the sale of the position. */
    record Cross(int bar, Side side) {
    }

    /**
     * What the rule does over {@code closes}, from the independent RSI: from bar {@code length} on, a
     * cross below {@code low} while flat buys, a cross above {@code high} while long sells. The
     * harness fills market orders at once, so the position changes before the next bar.
     */
    static List<Cross> crosses(List<Double> closes, int length, double low, double high) {
        double[] rsi = rsi(closes, length);
        List<Cross> out = new ArrayList<>();
        boolean flat = true;
        for (int i = length + 1; i < closes.size(); i++) {
            if (flat && rsi[i - 1] >= low && rsi[i] < low) {
                out.add(new Cross(i, Side.BUY));
                flat = false;
            } else if (!flat && rsi[i - 1] <= high && rsi[i] > high) {
                out.add(new Cross(i, Side.SELL));
                flat = true;
            }
        }
        return out;
    }

    /** Bar {@code k} (from the epoch, 5 minutes each): a quote and a trade at {@code close}, then the bar closes. */
    private static void bar(EventStrategyHarness h, int k, double close) {
        h.advance(Duration.ofNanos(START + k * FIVE_MINUTES + Duration.ofMinutes(1).toNanos() - h.nanos()));
        BigDecimal c = BigDecimal.valueOf(close);
        h.quote(BTC, c.subtract(new BigDecimal("0.01")).toPlainString(), c.add(new BigDecimal("0.01")).toPlainString());
        h.trade(BTC, c.toPlainString(), "1", Side.BUY);
        // past the bar's end and the host's bar_close_delay (250 ms): the bar is delivered, any order filled
        h.advance(Duration.ofNanos(START + (k + 1) * FIVE_MINUTES + Duration.ofSeconds(1).toNanos() - h.nanos()));
    }

    private static OrderRequest market(long n, Side side, String quantity, boolean reduceOnly) {
        return new OrderRequest(ClientOrderId.of("h", n), BTC, side, OrderType.MARKET, Quantity.of(quantity), null,
                TimeInForce.GTC, reduceOnly, false);
    }

    @Test
    void buysWhenRsi14OfFiveMinuteBarsCrossesBelow30AndSellsWhenItCrossesAbove70() {
        List<Double> closes = new ArrayList<>(List.of(100.0));
        for (int i = 0; i < 14; i++) {
            closes.add(closes.getLast() + (i % 2 == 0 ? 1 : -1)); // seeds the averages: RSI 48 to 55
        }
        for (int i = 0; i < 4; i++) {
            closes.add(closes.getLast() - 3); // 97, 94, 91, 88
        }
        for (int i = 0; i < 8; i++) {
            closes.add(closes.getLast() + 3); // 91 ... 112
        }
        // worked out: RSI 48.15 at bar 14, 35.47 at 15, 27.63 at 16 (the cross below 30, close 94);
        // 69.04 at bar 25, 72.30 at 26 (the cross above 70, close 112)
        assertThat(crosses(closes, 14, 30, 70)).containsExactly(new Cross(16, Side.BUY), new Cross(26, Side.SELL));

        // 1000 / 94 = 10.638297..., down to the lot 0.001
        OrderRequest buy = market(1, Side.BUY, "10.638", false);
        OrderRequest sell = market(2, Side.SELL, "10.638", true);
        try (EventStrategyHarness h = EventStrategyHarness.start(new RsiCrossFactory(), Map.of(),
                Fixtures.perpetual("BTC-PERP"))) {
            for (int k = 0; k < closes.size(); k++) {
                bar(h, k, closes.get(k));
                List<OrderRequest> expected = k < 16 ? List.of() : k < 26 ? List.of(buy) : List.of(buy, sell);
                assertThat(h.sent()).as("after bar %d", k).isEqualTo(expected);
            }
            assertThat(h.position(BTC).isFlat()).isTrue();
            assertThat(h.messages(OrderIntent.class)).extracting(OrderIntent::reason, OrderIntent::strategy)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("rsi-entry: crossed below 30", "ta4j-rsi"),
                            org.assertj.core.groups.Tuple.tuple("rsi-exit: crossed above 70", "ta4j-rsi"));
            assertThat(h.health().details()).containsEntry("barsDelivered", String.valueOf(closes.size()))
                    .containsEntry("failures", "0");
        }
    }

    @Test
    void aFixedQuantityTradesEveryCrossOfALongRunBeyondTheBarsTa4jKeeps() {
        // 120 bars of a wave; the strategy keeps max(50, 10 x 3) bars in ta4j, so the oldest are dropped
        List<Double> closes = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            closes.add(100.0 + Math.round(7 * Math.sin(i * 0.35)) + i % 2);
        }
        double[] independent = rsi(closes, 3);
        for (int i = 3; i < closes.size(); i++) {
            // no RSI near a level: a rounding difference between the two computations cannot move a cross
            assertThat(Math.min(Math.abs(independent[i] - 30), Math.abs(independent[i] - 70))).isGreaterThan(5);
        }
        List<Cross> crosses = crosses(closes, 3, 30, 70);
        assertThat(crosses).hasSizeGreaterThan(10).last().extracting(Cross::bar).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.INTEGER).isGreaterThan(60);

        List<OrderRequest> expected = new ArrayList<>();
        for (Cross c : crosses) {
            expected.add(market(expected.size() + 1, c.side(), "0.5", c.side() == Side.SELL));
        }
        try (EventStrategyHarness h = EventStrategyHarness.start(new RsiCrossFactory(), Map.of("length", 3L,
                "interval", "5m", "order_quantity", "0.5"), Fixtures.perpetual("BTC-PERP"))) {
            for (int k = 0; k < closes.size(); k++) {
                bar(h, k, closes.get(k));
            }
            assertThat(h.sent()).isEqualTo(expected);
        }
    }

    @Test
    void aCrossAboveOverboughtWhileFlatAndACrossBelowOversoldWhileLongSendNothing() {
        // length 2, worked out: RSI 33.33 at bar 2; 86.67 at 103 (above 70, but flat); 20.22 at 97 (a buy);
        // 13.26 at 94 (long: nothing); 75.38 at 105 (the sale); 25.53 at 90 (a buy again)
        List<Double> closes = List.of(100.0, 101.0, 100.0, 103.0, 106.0, 97.0, 94.0, 105.0, 90.0);
        List<Cross> crosses = crosses(closes, 2, 30, 70);
        assertThat(crosses).containsExactly(new Cross(5, Side.BUY), new Cross(7, Side.SELL), new Cross(8, Side.BUY));
        try (EventStrategyHarness h = EventStrategyHarness.start(new RsiCrossFactory(), Map.of("length", 2L,
                "order_notional", "970"), Fixtures.perpetual("BTC-PERP"))) {
            for (int k = 0; k < 7; k++) {
                bar(h, k, closes.get(k));
            }
            assertThat(h.sent()).as("one buy at 97 (970 / 97 = 10), none at 94 while long")
                    .containsExactly(market(1, Side.BUY, "10", false));
            bar(h, 7, closes.get(7));
            bar(h, 8, closes.get(8));
            // 970 / 90 = 10.777..., down to the lot 0.001
            assertThat(h.sent()).containsExactly(market(1, Side.BUY, "10", false), market(2, Side.SELL, "10", true),
                    market(3, Side.BUY, "10.777", false));
        }
    }

    @Test
    void aRefusedBuyLeavesTheSymbolFlatSoTheNextCrossAboveSellsNothing() {
        List<Double> closes = List.of(100.0, 101.0, 100.0, 103.0, 106.0, 97.0, 94.0, 105.0);
        try (EventStrategyHarness h = EventStrategyHarness.start(new RsiCrossFactory(), Map.of("length", 2L,
                "order_notional", "970"), Fixtures.perpetual("BTC-PERP"))) {
            h.refuseNext(io.tradehost.api.order.RejectionCode.of("ORDER_RATE"), "too fast");
            for (int k = 0; k < closes.size(); k++) {
                bar(h, k, closes.get(k));
            }
            // the buy at bar 5 was refused: flat, so the cross above 70 at bar 7 sells nothing
            assertThat(h.sent()).isEmpty();
            assertThat(h.position(BTC).isFlat()).isTrue();
        }
    }

    private static PluginConfig config(Map<String, ?> values) {
        return new PluginConfig("strategy.config.ta4j-rsi", values);
    }

    @Test
    void defaultsAreRsi14On5MinuteBarsBetween30And70WithANotionalOf1000() {
        PluginConfig config = config(Map.of());
        new RsiCrossFactory().createEventStrategy(config);
        assertThat(config.defaultsUsed()).containsEntry("strategy.config.ta4j-rsi.interval", "5m")
                .containsEntry("strategy.config.ta4j-rsi.length", 14L)
                .containsEntry("strategy.config.ta4j-rsi.oversold", new BigDecimal("30"))
                .containsEntry("strategy.config.ta4j-rsi.overbought", new BigDecimal("70"))
                .containsEntry("strategy.config.ta4j-rsi.order_notional", new BigDecimal("1000"));
        assertThat(config.unreadKeys()).isEmpty();
    }

    @Test
    void aBadValueIsAConfigErrorNamingItsKey() {
        RsiCrossFactory factory = new RsiCrossFactory();
        assertThatThrownBy(() -> factory.createEventStrategy(config(Map.of("length", 1L))))
                .isInstanceOf(ConfigException.class).hasMessage("strategy.config.ta4j-rsi.length: must be between 2"
                        + " and 1000 (was 1)");
        assertThatThrownBy(() -> factory.createEventStrategy(config(Map.of("interval", "90 minutes"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("strategy.config.ta4j-rsi.interval: ");
        assertThatThrownBy(() -> factory.createEventStrategy(config(Map.of("oversold", "0"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("strategy.config.ta4j-rsi.oversold: ");
        assertThatThrownBy(() -> factory.createEventStrategy(config(Map.of("oversold", "60", "overbought", "55"))))
                .isInstanceOf(ConfigException.class).hasMessage("strategy.config.ta4j-rsi.overbought: must be above"
                        + " oversold (60), was 55");
        assertThatThrownBy(() -> factory.createEventStrategy(config(Map.of("order_notional", "500",
                "order_quantity", "1")))).isInstanceOf(ConfigException.class).hasMessage(
                        "strategy.config.ta4j-rsi.order_quantity: set either order_quantity or order_notional, not both");
        assertThatThrownBy(() -> factory.createEventStrategy(config(Map.of("order_quantity", "-1"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("strategy.config.ta4j-rsi.order_quantity: ");
        assertThatThrownBy(() -> factory.createEventStrategy(config(Map.of("order_notional", "lots"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("strategy.config.ta4j-rsi.order_notional: ");
        assertThat(factory.name()).isEqualTo("ta4j-rsi");
        assertThat(factory.description()).contains("RSI");
    }
}
