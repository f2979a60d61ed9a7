package io.tradehost.simulator;

import static io.tradehost.simulator.Fixture.ETH;
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
import static io.tradehost.simulator.Fixture.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.order.Liquidity;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import io.tradehost.api.venue.VenueException;
import org.junit.jupiter.api.Test;

/** Orders taken now and brought to the book later ({@link MatchingEngine#submit}, {@link MatchingEngine#arrive}). */
class LatencyTest {
    @Test
    void aSubmittedOrderIsTakenNowAndFillsAtTheTouchItMeetsWhenItArrives() throws VenueException {
        MatchingEngine engine = engine();
        OrderRequest buy = market("b", SOL, Side.BUY, "1");
        assertThat(engine.submit(buy)).containsExactly(acceptedEvent(buy, "V-1"));
        assertThat(engine.isPending(buy.clientOrderId())).isTrue();
        assertThat(engine.openOrders()).isEmpty();
        engine.market(SOL, p("100.99"), p("101.01"), p("101"));
        assertThat(engine.arrive(buy.clientOrderId(), NOW)).containsExactly(
                filled(buy, "V-1", "T-1", "101.01", "0.10101", Liquidity.TAKER));
        assertThat(engine.isPending(buy.clientOrderId())).isFalse();
        assertThat(engine.arrive(buy.clientOrderId(), NOW)).as("it arrives once").isEmpty();
    }

    @Test
    void whatCanBeJudgedWithoutAMarketIsRejectedAtOnceTheRestCancelsOnArrival() throws VenueException {
        MatchingEngine engine = engine();
        OrderRequest offLot = market("lot", SOL, Side.BUY, "0.001");
        OrderRequest unknown = market("x", Symbol.of("XRP-USD"), Side.BUY, "1");
        OrderRequest tooBig = market("big", SOL, Side.BUY, "100");
        OrderRequest postOnly = limit("po", SOL, Side.BUY, "1", "100.01", TimeInForce.GTC, false, true);
        OrderRequest noMarket = market("eth", ETH, Side.BUY, "1");
        assertThat(engine.submit(offLot)).containsExactly(rejected(offLot, "INVALID_SIZE",
                "quantity 0.001 is not a multiple of 0.01 at least 0.01"));
        assertThat(engine.submit(unknown)).containsExactly(rejected(unknown, "UNKNOWN_SYMBOL",
                "XRP-USD is not listed"));
        assertThat(engine.isPending(offLot.clientOrderId())).isFalse();
        assertThat(engine.submit(tooBig)).containsExactly(acceptedEvent(tooBig, "V-1"));
        assertThat(engine.submit(postOnly)).containsExactly(acceptedEvent(postOnly, "V-2"));
        assertThat(engine.submit(noMarket)).containsExactly(acceptedEvent(noMarket, "V-3"));
        assertThat(engine.arrive(tooBig.clientOrderId(), NOW)).containsExactly(cancelled(tooBig, "V-1",
                "INSUFFICIENT_FUNDS: need 10011.001 USD, have 10000"));
        assertThat(engine.arrive(postOnly.clientOrderId(), NOW)).containsExactly(cancelled(postOnly, "V-2",
                "POST_ONLY_WOULD_TAKE: post-only order would cross the book at 100.01"));
        assertThat(engine.arrive(noMarket.clientOrderId(), NOW)).containsExactly(cancelled(noMarket, "V-3",
                "NO_MARKET: no price for ETH-PERP yet"));
    }

    @Test
    void aCancelOnTheWayFollowsTheOrderAndCancelsWhatWouldRest() throws VenueException {
        MatchingEngine engine = engine();
        OrderRequest resting = limit("r", SOL, Side.BUY, "1", "99");
        OrderRequest taking = market("m", SOL, Side.BUY, "1");
        OrderRequest kept = limit("k", SOL, Side.BUY, "1", "98");
        engine.submit(resting);
        engine.submit(taking);
        engine.submit(kept);
        assertThat(engine.cancel(resting.clientOrderId())).isEmpty();
        assertThat(engine.cancel(taking.clientOrderId())).isEmpty();
        assertThat(engine.arrive(resting.clientOrderId(), NOW)).containsExactly(cancelled(resting, "V-1",
                "cancelled on request"));
        assertThat(engine.arrive(taking.clientOrderId(), NOW)).as("it filled before the cancel came").containsExactly(
                filled(taking, "V-2", "T-1", "100.01", "0.10001", Liquidity.TAKER));
        assertThat(engine.arrive(kept.clientOrderId(), NOW)).isEmpty();
        assertThat(engine.openOrders()).containsExactly(accepted(kept, "V-3"));
    }
}
