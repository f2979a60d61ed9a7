package io.tradehost.coordinator.strategy;

import static io.tradehost.coordinator.strategy.EventRig.BTC;
import static io.tradehost.coordinator.strategy.EventRig.ETH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.event.StateReasonChanged;
import io.tradehost.api.event.TradingStateChanged;
import io.tradehost.api.market.BarInterval;
import io.tradehost.api.market.Quote;
import io.tradehost.api.state.ClearingRule;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.ReasonSource;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.strategy.event.OrderHandle;
import io.tradehost.api.strategy.event.OrderSpec;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Data, bars, timers and trading states as an event-driven strategy hears them, compared whole. */
class EventDataTest {
    private final EventRig rig = new EventRig();

    @Test
    void barsOfTwoIntervalsCloseOnTheClockEachOnceWithFlatBarsForQuietIntervals() {
        rig.venue.publishesTrades(true);
        rig.onStart = h -> {
            h.subscribeBars(BTC, BarInterval.parse("1m"));
            h.subscribeBars(BTC, BarInterval.parse("2m"));
            h.subscribeBars(BTC, BarInterval.parse("1m")); // twice: one series
        };
        rig.started();
        rig.advance(Duration.ofSeconds(5));
        rig.trade(BTC, "100", "1");
        rig.trade(BTC, "103", "2");
        rig.trade(BTC, "99", "0.5");
        rig.advance(Duration.ofSeconds(50));
        rig.trade(BTC, "101", "1");
        rig.trade(ETH, "5", "1"); // not subscribed: no bar
        rig.advance(Duration.ofSeconds(10)); // 1:05
        rig.trade(BTC, "102", "1");
        rig.advance(Duration.ofSeconds(175)); // 4:00: minute 2 and 3 without trades
        assertThat(rig.heard.subList(1, rig.heard.size())).containsExactly(
                "bar BTC-PERP 1m 0s O100 H103 L99 C101 V4.5 n4",
                "bar BTC-PERP 1m 60s O102 H102 L102 C102 V1 n1",
                "bar BTC-PERP 2m 0s O100 H103 L99 C102 V5.5 n5",
                "bar BTC-PERP 1m 120s O102 H102 L102 C102 V0 n0",
                "bar BTC-PERP 1m 180s O102 H102 L102 C102 V0 n0",
                "bar BTC-PERP 2m 120s O102 H102 L102 C102 V0 n0");
        assertThat(rig.health()).containsEntry("barsDelivered", "6");
    }

    @Test
    void withoutATradeFeedBarsAreBuiltFromQuoteMidsAndTradesAreOnlyPassedOn() {
        rig.onStart = h -> {
            h.subscribeBars(BTC, BarInterval.parse("30s"));
            h.subscribeTrades(BTC);
        };
        rig.started();
        rig.quote(BTC, "99", "101");
        rig.trade(BTC, "500", "1");
        rig.advance(Duration.ofSeconds(10));
        rig.quote(BTC, "103", "105");
        rig.advance(Duration.ofSeconds(20));
        assertThat(rig.heard.subList(1, rig.heard.size())).containsExactly("trade BTC-PERP 1@500",
                "bar BTC-PERP 30s 0s O100 H104 L100 C104 V0 n2");
    }

    @Test
    void aTradeOfALaterBarClosesTheOpenOneAtOnceAndAnOlderOneIsLateAndLeftOut() {
        rig.venue.publishesTrades(true);
        rig.onStart = h -> h.subscribeBars(BTC, BarInterval.parse("1m"));
        rig.started();
        rig.trade(BTC, "100", "1");
        rig.clock.advance(Duration.ofSeconds(61)); // the clock jumps without running the bar timer first
        rig.trade(BTC, "110", "1");
        assertThat(rig.heard).containsExactly("start [BTC-PERP, ETH-PERP] Restored[0 open order(s), 0 list(s), 0 byte(s) of state]",
                "bar BTC-PERP 1m 0s O100 H100 L100 C100 V1 n1");
        rig.kernel.publish(new io.tradehost.api.event.TradeReceived(new io.tradehost.api.market.Trade(BTC,
                Price.of("1"), Quantity.of("1"), null, "", rig.start())));
        rig.kernel.runUntilIdle();
        rig.advance(Duration.ofSeconds(60));
        assertThat(rig.heard).endsWith("bar BTC-PERP 1m 60s O110 H110 L110 C110 V1 n1");
        assertThat(rig.health()).containsEntry("lateBarData", "1");
    }

    @Test
    void quotesGoOnlyToSubscribersAndTimersFireOnTheHostClockOnceOrRepeatedly() {
        rig.onStart = h -> {
            h.subscribeQuotes(ETH);
            h.setTimer("once", Duration.ofSeconds(3));
            h.setTimer("replaced", Duration.ofSeconds(1));
            h.setTimer("replaced", Duration.ofSeconds(4));
            h.setRepeatingTimer("every", Duration.ofSeconds(2));
            h.setTimer("never", Duration.ofSeconds(1));
            h.cancelTimer("never");
            h.cancelTimer("unknown");
        };
        rig.onEvent = (h, e) -> {
            if ("every".equals(e) && h.nowNanos() - rig.start() >= 4_000_000_000L) {
                h.cancelTimer("every");
            }
        };
        rig.started();
        assertThat(rig.host.timers()).containsExactlyInAnyOrder("once", "replaced", "every");
        rig.quote(BTC, "1", "2");
        rig.quote(ETH, "3", "4");
        rig.advance(Duration.ofSeconds(10));
        // at 4 s "replaced" fires first: it was set at the start, "every" set its 4 s deadline at 2 s
        assertThat(rig.heard.subList(1, rig.heard.size())).containsExactly("quote ETH-PERP 3/4", "timer every 2s",
                "timer once 3s", "timer replaced 4s", "timer every 4s");
        assertThat(rig.host.timers()).isEmpty();
    }

    @Test
    void theStrategyHearsEachOfItsSymbolsWhoseTradingStateChangedOnce() {
        rig.started();
        rig.tradingState.raise(new StateReason(ReasonCode.of("strategy_quarantine.ETH-PERP"), ReasonSource.STRATEGY_FAILURE,
                TradingState.REDUCE_ONLY, "q", Map.of(), 0, ETH, ClearingRule.OPERATOR));
        rig.publish(new StateReasonChanged(rig.tradingState.reasons().getFirst(), true, "test", 0));
        rig.tradingState.raise(new StateReason(ReasonCode.OPERATOR_HALT, ReasonSource.OPERATOR, TradingState.HALTED, "h",
                Map.of(), 0, null, ClearingRule.OPERATOR));
        rig.publish(new TradingStateChanged(TradingState.ACTIVE, TradingState.HALTED, rig.tradingState.reasons(), 0));
        rig.publish(new TradingStateChanged(TradingState.ACTIVE, TradingState.HALTED, rig.tradingState.reasons(), 0));
        assertThat(rig.heard.subList(1, rig.heard.size())).containsExactly("state ETH-PERP REDUCE_ONLY",
                "state BTC-PERP HALTED", "state ETH-PERP HALTED");
        assertThat(rig.host.tradingState(BTC)).isEqualTo(TradingState.HALTED);
    }

    @Test
    void theHostViewAnswersForTheInstanceAndRefusesWhatIsNotItsOwn() {
        rig.started();
        var h = rig.host;
        assertThat(h.name()).isEqualTo("probe");
        assertThat(h.symbols()).containsExactly(BTC, ETH);
        assertThat(h.product(ETH).symbol()).isEqualTo(ETH);
        assertThat(h.nowNanos()).isEqualTo(rig.start());
        assertThat(h.mark(BTC)).isNull();
        assertThat(h.equity()).isEqualTo(rig.portfolio.equity());
        assertThat(h.grossExposure()).isEqualTo(rig.portfolio.grossExposure());
        assertThat(h.position(BTC).isFlat()).isTrue();
        Symbol sol = Symbol.of("SOL-USD");
        assertThatThrownBy(() -> h.product(sol)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("strategy 'probe' does not trade SOL-USD (it trades [BTC-PERP, ETH-PERP])");
        assertThatThrownBy(() -> h.submit(OrderSpec.market(BTC, Side.BUY, Quantity.of("1"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("submit only from inside a callback of strategy 'probe'");
        List<Runnable> outside = List.of(() -> h.subscribeQuotes(BTC), () -> h.subscribeTrades(BTC),
                () -> h.subscribeBars(BTC, BarInterval.parse("1m")), () -> h.cancelAll(BTC),
                () -> h.setTimer("t", Duration.ofSeconds(1)), () -> h.setRepeatingTimer("t", Duration.ofSeconds(1)),
                () -> h.cancelTimer("t"));
        outside.forEach(r -> assertThatThrownBy(r::run).isInstanceOf(IllegalStateException.class));
        rig.onEvent = (host, e) -> {
            if (e instanceof Quote) {
                assertThatThrownBy(() -> host.submit(OrderSpec.market(sol, Side.BUY, Quantity.of("1"))))
                        .isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> host.setTimer("t", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> host.modify(null, null, Quantity.ZERO))
                        .isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> host.modify(null, Price.ZERO, null)).isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> host.cancel(null)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("is not an order of strategy 'probe'");
                rig.heard.add("checked");
            }
        };
        rig.quote(BTC, "1", "2");
        assertThat(rig.heard).endsWith("checked");
        assertThat(rig.health()).containsEntry("failures", "0");
        assertThat(h.mark(BTC)).isNotNull().isEqualTo(rig.market.lastMark(BTC));
    }

    @Test
    void theOpenOrdersAskedInACallbackIncludeThoseItSubmittedOfThatSymbol() {
        List<OrderHandle> mine = new ArrayList<>();
        List<List<OrderHandle>> seen = new ArrayList<>();
        rig.onEvent = (h, e) -> {
            if (e instanceof Quote && mine.isEmpty()) {
                mine.add(h.submit(OrderSpec.limit(BTC, Side.BUY, Quantity.of("1"), Price.of("99"))));
                h.submit(OrderSpec.limit(ETH, Side.BUY, Quantity.of("1"), Price.of("9")));
                seen.add(h.openOrders(BTC));
            }
        };
        rig.started();
        rig.quote(BTC, "99.99", "100.01");
        assertThat(seen).singleElement().satisfies(s -> assertThat(s).containsExactly(mine.getFirst()));
        assertThat(rig.host.openOrders(BTC)).as("once carried out").containsExactly(mine.getFirst());
    }

    @Test
    void aStopCancelsTheOpenOrdersUnlessConfiguredNotToAndStopsTheTimers() {
        for (boolean cancel : List.of(true, false)) {
            EventRig r = new EventRig();
            r.onStart = h -> {
                h.subscribeQuotes(BTC);
                h.setRepeatingTimer("tick", Duration.ofSeconds(1));
            };
            r.onEvent = (h, e) -> {
                if (e instanceof Quote) {
                    h.submit(OrderSpec.limit(BTC, Side.BUY, Quantity.of("1"), Price.of("1")));
                    h.submit(OrderSpec.limit(BTC, Side.BUY, Quantity.of("1"), Price.of("2")));
                }
            };
            r.started(new StrategySettings("probe", Map.of(), n -> PluginConfig.empty("s"), CycleMode.ON_MARK,
                    Duration.ofSeconds(5), 5, Duration.ofMillis(5), 5, StrategySettings.DEFAULT_MAX_DECISION_LEVERAGE,
                    cancel));
            r.quote(BTC, "1", "3");
            r.record(1);
            r.record(2);
            r.coordinator.stop();
            r.kernel.runUntilIdle();
            r.advance(Duration.ofSeconds(3));
            assertThat(r.cancels).hasSize(cancel ? 2 : 0);
            assertThat(r.heard).endsWith("quote BTC-PERP 1/3", "stop");
            assertThat(r.coordinator.settled()).as("settled once the cancels are answered, or when none are sent")
                    .isEqualTo(!cancel);
            r.cancelled(1, "cancelled");
            r.cancelled(2, "cancelled");
            assertThat(r.coordinator.settled()).isTrue();
        }
    }

    @Test
    void aReloadKeepsAnUnchangedInstanceAndReplacesOneWhoseBlockChangedCancellingItsOrders() {
        rig.onEvent = (h, e) -> {
            if (e instanceof Quote) {
                h.submit(OrderSpec.limit(BTC, Side.BUY, Quantity.of("1"), Price.of("1")));
            }
        };
        rig.started();
        rig.quote(BTC, "1", "3");
        rig.record(1);
        StrategySettings same = StrategySettings.single("probe", PluginConfig.empty("strategy.config.probe"),
                CycleMode.ON_MARK, Duration.ofSeconds(5));
        assertThat(rig.coordinator.reconfigure(same, java.util.Set.of())).isEmpty();
        assertThat(rig.heard).doesNotContain("stop");
        assertThat(rig.coordinator.reconfigure(same, java.util.Set.of("probe"))).containsExactly(BTC, ETH);
        rig.kernel.runUntilIdle();
        assertThat(rig.cancels).extracting(c -> c.clientOrderId()).containsExactly(EventRig.id(1));
        assertThat(rig.heard).containsExactly(
                "start [BTC-PERP, ETH-PERP] Restored[0 open order(s), 0 list(s), 0 byte(s) of state]", "quote BTC-PERP 1/3",
                "stop", "start [BTC-PERP, ETH-PERP] Restored[0 open order(s), 0 list(s), 0 byte(s) of state]");
        rig.quote(BTC, "1", "3");
        assertThat(rig.intents).as("the new instance trades").hasSize(2);
    }

    private static io.tradehost.api.market.BookLevel level(String price, String size) {
        return new io.tradehost.api.market.BookLevel(Price.of(price), Quantity.of(size));
    }

    @Test
    void bookDepthGoesToSubscribersCutToTheirLevelsAndFundingRatesToTheirs() {
        rig.onStart = h -> {
            h.subscribeBook(BTC, 2);
            h.subscribeFundingRate(ETH);
        };
        rig.started();
        var book = new io.tradehost.api.market.BookDepth(BTC, List.of(level("99", "1"), level("98", "2"),
                level("97", "3")), List.of(level("101", "4")), rig.clock.nanos());
        rig.publish(new io.tradehost.api.event.BookReceived(book));
        rig.publish(new io.tradehost.api.event.BookReceived(new io.tradehost.api.market.BookDepth(ETH, List.of(),
                List.of(), 0)));
        rig.publish(new io.tradehost.api.event.FundingRateReceived(new io.tradehost.api.market.FundingRate(BTC,
                io.tradehost.api.value.Ratio.of("0.0001"), 5, 0)));
        rig.publish(new io.tradehost.api.event.FundingRateReceived(new io.tradehost.api.market.FundingRate(ETH,
                io.tradehost.api.value.Ratio.of("-0.0002"), 7, 0)));
        assertThat(rig.heard).containsExactly(
                "start [BTC-PERP, ETH-PERP] Restored[0 open order(s), 0 list(s), 0 byte(s) of state]",
                "book BTC-PERP [1@99, 2@98] [4@101]", "funding ETH-PERP -0.0002 next 7");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> new io.tradehost.api.market.BookDepth(BTC,
                List.of(level("98", "1"), level("99", "1")), List.of(), 0))).hasMessage(
                "bids out of order at level 1: 98 then 99");
    }

    @Test
    void aBookSubscriptionOutsideOneToFiftyLevelsFailsTheCallback() {
        rig.onStart = h -> h.subscribeBook(BTC, 51);
        rig.started();
        assertThat(rig.events.of(io.tradehost.api.event.StrategyFailed.class)).first().satisfies(f -> assertThat(
                f.error()).isEqualTo("onStart: IllegalArgumentException: a book subscription takes 1 to 50 levels, "
                + "not 51"));
    }

    @Test
    void withACloseDelayATradeStampedBeforeTheEndThatArrivesAfterItStillCounts() {
        rig.venue.publishesTrades(true);
        rig.onStart = h -> h.subscribeBars(BTC, BarInterval.parse("1m"));
        rig.started(new StrategySettings("probe", java.util.Map.of(), n -> io.tradehost.api.config.PluginConfig.empty(
                "strategy.config.probe"), CycleMode.ON_MARK, Duration.ofSeconds(5), 5, Duration.ofMillis(5), 5,
                io.tradehost.api.value.Ratio.of("100"), true, Duration.ofMillis(250)));
        long t0 = rig.start();
        rig.trade(BTC, "100", "1");
        rig.advance(Duration.ofMillis(60_100));
        rig.kernel.publish(new io.tradehost.api.event.TradeReceived(new io.tradehost.api.market.Trade(BTC,
                Price.of("105"), Quantity.of("1"), null, "in-flight", t0 + 59_900_000_000L)));
        rig.advance(Duration.ofMillis(149));
        assertThat(rig.heard).hasSize(1);
        rig.advance(Duration.ofMillis(1));
        assertThat(rig.heard).endsWith("bar BTC-PERP 1m 0s O100 H105 L100 C105 V2 n2");
        assertThat(rig.health()).containsEntry("lateBarData", "0");
    }
}
