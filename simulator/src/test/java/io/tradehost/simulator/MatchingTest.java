package io.tradehost.simulator;

import static io.tradehost.simulator.Fixture.BTC;
import static io.tradehost.simulator.Fixture.NOW;
import static io.tradehost.simulator.Fixture.SOL;
import static io.tradehost.simulator.Fixture.accepted;
import static io.tradehost.simulator.Fixture.acceptedEvent;
import static io.tradehost.simulator.Fixture.cancelled;
import static io.tradehost.simulator.Fixture.engine;
import static io.tradehost.simulator.Fixture.filled;
import static io.tradehost.simulator.Fixture.limit;
import static io.tradehost.simulator.Fixture.market;
import static io.tradehost.simulator.Fixture.p;
import static io.tradehost.simulator.Fixture.stop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Liquidity;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.TimeInForce;
import io.tradehost.api.venue.VenueException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Resting limits and stops meeting a moving market, events compared whole. */
class MatchingTest {
    @Test
    void aRestingLimitFillsAtItsLimitAsMakerWhenTheTouchReachesIt() throws VenueException {
        MatchingEngine engine = engine();
        OrderRequest buy = limit("b", SOL, Side.BUY, "2", "99.5");
        OrderRequest sell = limit("s", SOL, Side.SELL, "1", "100.5");
        assertThat(engine.place(buy, NOW)).containsExactly(acceptedEvent(buy, "V-1"));
        engine.market(SOL, p("99.4"), p("99.6"), p("99.5"));
        assertThat(engine.match(engine.touchCrossing(), NOW)).isEmpty();
        engine.market(SOL, p("99.3"), p("99.5"), p("99.4"));
        // 2 x 99.5 = 199, maker 2 bps
        assertThat(engine.match(engine.touchCrossing(), NOW)).containsExactly(
                filled(buy, "V-1", "T-1", "99.5", "0.0398", Liquidity.MAKER));
        assertThat(engine.place(sell, NOW)).containsExactly(acceptedEvent(sell, "V-2"));
        engine.market(SOL, p("100.4"), p("100.6"), p("100.5"));
        assertThat(engine.match(engine.touchCrossing(), NOW)).isEmpty();
        engine.market(SOL, p("100.5"), p("100.7"), p("100.6"));
        assertThat(engine.match(engine.touchCrossing(), NOW)).containsExactly(
                filled(sell, "V-2", "T-2", "100.5", "0.0201", Liquidity.MAKER));
        assertThat(engine.openOrders()).isEmpty();
        assertThat(engine.hasResting()).isFalse();
    }

    @Test
    void theFeedsReachDecidesWhatFillsAndIsAskedForEachRestingLimit() throws VenueException {
        MatchingEngine engine = engine();
        OrderRequest low = limit("low", SOL, Side.BUY, "1", "99");
        OrderRequest lower = limit("lower", SOL, Side.BUY, "1", "98");
        engine.place(low, NOW);
        engine.place(lower, NOW);
        List<String> asked = new ArrayList<>();
        Reach onlyAt99 = (symbol, side, limit) -> {
            asked.add(symbol + " " + side + " " + limit);
            return limit.equals(p("99"));
        };
        // the touch 99.99/100.01 never crossed: the reach alone decides
        assertThat(engine.match(onlyAt99, NOW)).containsExactly(
                filled(low, "V-1", "T-1", "99", "0.0198", Liquidity.MAKER));
        assertThat(asked).containsExactly("SOL-USD BUY 99", "SOL-USD BUY 98");
        assertThat(engine.openOrders()).containsExactly(accepted(lower, "V-2"));
    }

    @Test
    void aRestingOrderTheAccountCanNoLongerTakeIsCancelledWhenReached() throws VenueException {
        MatchingEngine engine = engine(Fixture.RULES, "150");
        OrderRequest resting = limit("r", SOL, Side.BUY, "1", "99.5");
        engine.place(resting, NOW);
        engine.place(market("m", SOL, Side.BUY, "1"), NOW);
        engine.market(SOL, p("99.3"), p("99.5"), p("99.4"));
        // 150 - 100.01 - 0.10001 left; 99.5 + 0.0199 needed
        assertThat(engine.match(engine.touchCrossing(), NOW)).containsExactly(cancelled(resting, "V-1",
                "INSUFFICIENT_FUNDS: need 99.5199 USD, have 49.88999 when the book crossed"));
        assertThat(engine.openOrders()).isEmpty();
    }

    @Test
    void limitsAreMatchedFirstThenStopsTheMarkReachedInTheOrderTheyRested() throws VenueException {
        MatchingEngine engine = engine();
        OrderRequest sellStop = stop("stop", BTC, Side.SELL, "0.01", "49500", null);
        OrderRequest buy = limit("buy", BTC, Side.BUY, "0.01", "49000");
        OrderRequest farStop = stop("far", BTC, Side.SELL, "0.01", "40000", null);
        assertThat(engine.place(sellStop, NOW)).containsExactly(acceptedEvent(sellStop, "V-1"));
        engine.place(buy, NOW);
        engine.place(farStop, NOW);
        engine.market(BTC, p("48999.5"), p("49000"), p("48999.75"));
        // 0.01 x 49000 = 490, maker 2 bps; the stop takes the bid: 489.995, taker 10 bps
        assertThat(engine.match(engine.touchCrossing(), NOW)).containsExactly(
                filled(buy, "V-2", "T-1", "49000", "0.098", Liquidity.MAKER),
                new EngineEvent.Triggered(accepted(sellStop, "V-1")),
                filled(sellStop, "V-1", "T-2", "48999.5", "0.489995", Liquidity.TAKER));
        assertThat(engine.openOrders()).containsExactly(accepted(farStop, "V-3"));
    }

    @Test
    void aTriggeredStopLimitThatCannotTakeRestsAsItsLimitAndFillsAsMakerLater() throws VenueException {
        MatchingEngine engine = engine();
        OrderRequest stopLimit = stop("sl", BTC, Side.SELL, "0.01", "49900", "49950");
        engine.place(stopLimit, NOW);
        engine.market(BTC, p("49950"), p("49950.5"), p("49950.25"));
        assertThat(engine.match(engine.touchCrossing(), NOW)).as("not triggered: the limit is not worked").isEmpty();
        engine.market(BTC, p("49899.5"), p("49900"), p("49899.75"));
        assertThat(engine.match(engine.touchCrossing(), NOW)).containsExactly(
                new EngineEvent.Triggered(accepted(stopLimit, "V-1")));
        assertThat(engine.booked(stopLimit.clientOrderId())).contains(new BookedOrder(accepted(stopLimit, "V-1"),
                true, true));
        assertThatThrownBy(() -> engine.amend(stopLimit.clientOrderId(), p("49940"), stopLimit.quantity(), NOW))
                .isInstanceOfSatisfying(VenueException.class, e -> assertThat(e.code())
                        .isEqualTo(RejectionCode.of("ONLY_LIMIT_ORDER_EDITS_SUPPORTED")));
        engine.market(BTC, p("49950"), p("49950.5"), p("49950.25"));
        // 0.01 x 49950 = 499.5, maker 2 bps
        assertThat(engine.match(engine.touchCrossing(), NOW)).containsExactly(
                filled(stopLimit, "V-1", "T-1", "49950", "0.0999", Liquidity.MAKER));
    }

    @Test
    void aTriggeredStopLimitThatCanTakeTakesTheTouch() throws VenueException {
        MatchingEngine engine = engine();
        OrderRequest stopLimit = stop("sl", BTC, Side.BUY, "0.01", "50100", "50200");
        engine.place(stopLimit, NOW);
        engine.market(BTC, p("50099.5"), p("50100.5"), p("50100"));
        assertThat(engine.match(engine.touchCrossing(), NOW)).containsExactly(
                new EngineEvent.Triggered(accepted(stopLimit, "V-1")),
                filled(stopLimit, "V-1", "T-1", "50100.5", "0.501005", Liquidity.TAKER));
    }

    @Test
    void aStopPlacedPastItsTriggerActsAtOnceAsTheOrderItBecomes() throws VenueException {
        MatchingEngine engine = engine();
        OrderRequest stopMarket = stop("sm", BTC, Side.BUY, "0.01", "49000", null);
        OrderRequest resting = stop("rest", BTC, Side.BUY, "0.01", "49000", "49000");
        OrderRequest ioc = new OrderRequest(ClientOrderId.of("ioc"), BTC, Side.BUY, resting.type(),
                resting.quantity(), p("49000"), TimeInForce.IOC, false, false, p("49000"));
        assertThat(engine.place(stopMarket, NOW)).containsExactly(acceptedEvent(stopMarket, "V-1"),
                filled(stopMarket, "V-1", "T-1", "50000.5", "0.500005", Liquidity.TAKER));
        assertThat(engine.place(resting, NOW)).containsExactly(acceptedEvent(resting, "V-2"));
        assertThat(engine.booked(resting.clientOrderId())).contains(new BookedOrder(accepted(resting, "V-2"), true,
                true));
        assertThat(engine.place(ioc, NOW)).containsExactly(acceptedEvent(ioc, "V-3"),
                cancelled(ioc, "V-3", "IOC limit not marketable"));
    }

    @Test
    void aStopTheAccountCanNoLongerTakeWhenItTriggersIsCancelled() throws VenueException {
        MatchingEngine engine = engine();
        engine.place(market("open", BTC, Side.BUY, "0.01"), NOW);
        OrderRequest protect = new OrderRequest(ClientOrderId.of("protect"), BTC, Side.SELL, OrderType.STOP_MARKET,
                Fixture.q("0.01"), null, TimeInForce.GTC, true, false, p("49900"));
        assertThat(engine.place(protect, NOW)).containsExactly(acceptedEvent(protect, "V-2"));
        engine.place(market("close", BTC, Side.SELL, "0.01"), NOW);
        engine.market(BTC, p("49899.5"), p("49900"), p("49900"));
        assertThat(engine.match(engine.touchCrossing(), NOW)).containsExactly(
                new EngineEvent.Triggered(accepted(protect, "V-2")),
                cancelled(protect, "V-2", "REDUCE_ONLY: order would not shrink position 0 when the stop triggered"));
    }

    @Test
    void aStopIsArmedOnItsSideOfTheTriggerOnly() throws VenueException {
        MatchingEngine engine = engine();
        OrderRequest buyStop = stop("up", BTC, Side.BUY, "0.01", "50001", null);
        engine.place(buyStop, NOW);
        engine.market(BTC, p("50000"), p("50001"), p("50000.5"));
        assertThat(engine.match(engine.touchCrossing(), NOW)).isEmpty();
        engine.market(BTC, p("50000.5"), p("50001.5"), p("50001"));
        assertThat(engine.match(engine.touchCrossing(), NOW)).containsExactly(
                new EngineEvent.Triggered(accepted(buyStop, "V-1")),
                filled(buyStop, "V-1", "T-1", "50001.5", "0.500015", Liquidity.TAKER));
    }
}
