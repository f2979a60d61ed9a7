package io.tradehost.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.event.OrderRejected;
import io.tradehost.api.event.IntentRecorded;
import io.tradehost.api.event.PositionChanged;
import io.tradehost.api.journal.OrderOwner;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.event.TradingStateChanged;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.Liquidity;
import io.tradehost.api.order.Position;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.state.ClearingRule;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.ReasonSource;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReportCollectorTest {
    private static final Symbol BTC = Symbol.of("BTC-USD");
    private static final long S = 1_000_000_000L;

    private final ReportCollector collector = new ReportCollector(0, 20 * S, Set.of(BTC));
    private Position position = Position.flat(BTC);
    private int trades;

    private void fill(long second, Side side, String quantity, String price, String fee) {
        Fill fill = new Fill("T" + (++trades), ClientOrderId.of("c-" + trades), BTC, side, Quantity.of(quantity),
                Price.of(price), Money.of(fee), Liquidity.TAKER, second * S);
        collector.accept(new IntentRecorded(OrderRequest.market(fill.clientOrderId(), BTC, side, fill.quantity()),
                trades, second * S, new OrderOwner("s", "tag-" + trades, false)));
        position = position.apply(fill);
        collector.accept(new PositionChanged(position, fill, Money.ZERO));
    }

    @Test
    void theReplaysSpeedIsItsRowsOverItsWallTimeAndNothingWhenNotMeasured() {
        assertThat(collector.replayEventsPerSecond()).isZero();
        collector.replayTiming(1_000_000, 4_000_000_000L);
        assertThat(collector.replayEventsPerSecond()).isEqualTo(250_000);
        collector.replayTiming(3, 2_000_000_000L);
        assertThat(collector.replayEventsPerSecond()).isEqualTo(2); // 1.5 rounds half up
    }

    @Test
    void fillsBecomeRoundTripsWithTheirFeesAndAFlipClosesOneAndOpensTheNext() {
        collector.begin(Money.of("1000"));
        fill(10, Side.BUY, "1", "100", "1");
        fill(20, Side.BUY, "1", "110", "1");
        fill(30, Side.SELL, "2", "120", "2");
        fill(40, Side.SELL, "1", "100", "1");
        fill(50, Side.BUY, "2", "90", "2");
        collector.finish(60 * S, Money.of("1000"));
        // long: bought 1 @100 and 1 @110, sold 2 @120: realised 30, fees 4, PnL 26
        // short: sold 1 @100, the flip buys it back @90: realised 10, fees 1 + the flip's 2, PnL 7
        assertThat(collector.trades()).containsExactly(
                new Trade(BTC, "long", 10 * S, 30 * S, Quantity.of("2"), Price.of("100"), Price.of("120"),
                        Money.of("26"), Money.of("4"), "tag-1", "tag-3", ExitKind.SIGNAL),
                new Trade(BTC, "short", 40 * S, 50 * S, Quantity.of("1"), Price.of("100"), Price.of("90"),
                        Money.of("7"), Money.of("3"), "tag-4", "tag-5", ExitKind.SIGNAL));
        assertThat(collector.markers()).extracting(Marker::entry).containsExactly(true, true, false, true, false);
        assertThat(collector.fees()).isEqualTo(Money.of("7"));
        assertThat(collector.fills()).isEqualTo(5);
        // open 10 s to 30 s, then 40 s to the end at 60 s (the flip leaves a long open)
        assertThat(collector.exposureNanos()).isEqualTo(40 * S);
    }

    @Test
    void equityIsSampledAtTheEndOfEachPeriodAsOfTheLastRowBeforeIt() {
        collector.begin(Money.of("1000"));
        collector.observe(5 * S, BTC, Price.of("10"), Money.of("1000"));
        collector.observe(20 * S, BTC, Price.of("11"), Money.of("1020"));
        collector.observe(25 * S, BTC, Price.of("12"), Money.of("1010"));
        collector.observe(45 * S, BTC, Price.of("9"), Money.of("990"));
        collector.finish(60 * S, Money.of("1005"));
        assertThat(collector.sampleNanos()).containsExactly(0L, 20 * S, 40 * S, 60 * S);
        assertThat(collector.periodEquity()).containsExactly(Money.of("1000"), Money.of("1020"), Money.of("1010"),
                Money.of("1005"));
        assertThat(collector.samplePrices().get(BTC)).containsExactly(null, Price.of("11"), Price.of("12"),
                Price.of("9"));
        assertThat(collector.sampleDrawdown().get(2)).isEqualTo((1020.0 - 1010) / 1020);
        assertThat(collector.drawdown().max()).isEqualTo((1020.0 - 990) / 1020);
    }

    @Test
    void rejectionsAreCountedByCodeAndTransitionsKeptWithTheirReasons() {
        collector.begin(Money.of("1000"));
        collector.accept(new OrderRejected(ClientOrderId.of("c-1"), BTC, RejectionCode.of("INSUFFICIENT_FUNDS"), "x", 0));
        collector.accept(new OrderRejected(ClientOrderId.of("c-2"), BTC, RejectionCode.of("INSUFFICIENT_FUNDS"), "x", 0));
        collector.accept(new OrderRejected(ClientOrderId.of("c-3"), BTC, RejectionCode.GUARD_FAILURE, "x", 0));
        StateReason reason = new StateReason(ReasonCode.of("daily_loss"), ReasonSource.DAILY_LOSS,
                TradingState.REDUCE_ONLY, "today", Map.of(), 5, null, ClearingRule.NEXT_UTC_DAY);
        collector.accept(new TradingStateChanged(TradingState.ACTIVE, TradingState.REDUCE_ONLY, List.of(reason), 7 * S));
        collector.accept(new io.tradehost.api.event.IntentRejected(new io.tradehost.api.command.OrderIntent(1, BTC,
                Side.BUY, false, Quantity.of("1"), null, io.tradehost.api.value.OrderType.MARKET, null, null, false, false,
                "s", "", Price.of("100"), 0), "quote-quality", RejectionCode.of("SLIPPAGE"), "too big for the touch"));
        assertThat(collector.rejections()).hasToString("{GUARD_FAILURE=1, INSUFFICIENT_FUNDS=2, SLIPPAGE=1}");
        assertThat(collector.refusedBy()).hasToString("{quote-quality={SLIPPAGE=1}, venue={GUARD_FAILURE=1, "
                + "INSUFFICIENT_FUNDS=2}}");
        assertThat(collector.transitions()).containsExactly(new ReportCollector.Transition(7 * S, "ACTIVE",
                "REDUCE_ONLY", Arrays.asList("daily_loss")));
    }

    @Test
    void anExitsKindIsReadFromTheOrderThatClosedTheTrip() {
        ClientOrderId id = ClientOrderId.of("c-1");
        OrderOwner strategy = new OrderOwner("s", "", true);
        OrderOwner inList = new OrderOwner("s", "", true, 0, false, null, new io.tradehost.api.order.ListLink(1, 1));
        OrderRequest limit = new OrderRequest(id, BTC, Side.SELL, io.tradehost.api.value.OrderType.LIMIT,
                Quantity.of("1"), Price.of("110"), io.tradehost.api.value.TimeInForce.GTC, true, false, null);
        OrderRequest stop = new OrderRequest(id, BTC, Side.SELL, io.tradehost.api.value.OrderType.STOP_MARKET,
                Quantity.of("1"), null, io.tradehost.api.value.TimeInForce.GTC, true, false, Price.of("95"));
        assertThat(ExitKind.of(limit, inList)).isEqualTo(ExitKind.TAKE_PROFIT);
        assertThat(ExitKind.of(limit, strategy)).as("a limit of no list: the strategy's own").isEqualTo(ExitKind.SIGNAL);
        assertThat(ExitKind.of(stop, strategy)).isEqualTo(ExitKind.STOP);
        assertThat(ExitKind.of(stop, strategy.withTrail(io.tradehost.api.order.Trail.byOffset(Price.of("1")))))
                .isEqualTo(ExitKind.TRAILING);
        // an exit the host held until its trigger goes as a market order: its role in the list names it
        OrderRequest fired = OrderRequest.market(id, BTC, Side.SELL, Quantity.of("1"));
        assertThat(ExitKind.of(fired, new OrderOwner("s", "", true, 0, false, null,
                new io.tradehost.api.order.ListLink(1, 2, io.tradehost.api.order.ListLink.Role.STOP))))
                .isEqualTo(ExitKind.STOP);
        assertThat(ExitKind.of(fired, new OrderOwner("s", "", true, 0, false, null,
                new io.tradehost.api.order.ListLink(1, 3, io.tradehost.api.order.ListLink.Role.TRAILING_STOP))))
                .isEqualTo(ExitKind.TRAILING);
        assertThat(ExitKind.of(fired, new OrderOwner("s", "", true, 0, false, null,
                new io.tradehost.api.order.ListLink(1, 0, io.tradehost.api.order.ListLink.Role.ENTRY))))
                .as("an entry that closed a position (a flip) is the strategy's").isEqualTo(ExitKind.SIGNAL);
        assertThat(ExitKind.of(OrderRequest.market(id, BTC, Side.SELL, Quantity.of("1")), OrderOwner.NONE))
                .isEqualTo(ExitKind.OTHER);
        assertThat(ExitKind.TAKE_PROFIT.label()).isEqualTo("take-profit");
    }
}
