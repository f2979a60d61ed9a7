package io.tradehost.simulator;

import static io.tradehost.simulator.Fixture.BTC;
import static io.tradehost.simulator.Fixture.ETH;
import static io.tradehost.simulator.Fixture.NOW;
import static io.tradehost.simulator.Fixture.SOL;
import static io.tradehost.simulator.Fixture.acceptedEvent;
import static io.tradehost.simulator.Fixture.accepted;
import static io.tradehost.simulator.Fixture.cancelled;
import static io.tradehost.simulator.Fixture.engine;
import static io.tradehost.simulator.Fixture.filled;
import static io.tradehost.simulator.Fixture.limit;
import static io.tradehost.simulator.Fixture.m;
import static io.tradehost.simulator.Fixture.market;
import static io.tradehost.simulator.Fixture.p;
import static io.tradehost.simulator.Fixture.q;
import static io.tradehost.simulator.Fixture.reduceOnly;
import static io.tradehost.simulator.Fixture.rejected;
import static io.tradehost.simulator.Fixture.stop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Liquidity;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.order.Position;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import io.tradehost.api.venue.VenueException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Placements against hand-worked figures: each one's events compared whole, then the account. */
class PlacementTest {
    @Test
    void spotMarketOrdersTakeTheTouchAndMoveCashByNotionalAndTakerFee() throws VenueException {
        MatchingEngine engine = engine();
        OrderRequest buy = market("b", SOL, Side.BUY, "10");
        OrderRequest sell = market("s", SOL, Side.SELL, "4");
        // 10 x 100.01 = 1000.1, fee 10 bps 1.0001; 4 x 99.99 = 399.96, fee 0.39996
        assertThat(engine.place(buy, NOW)).containsExactly(acceptedEvent(buy, "V-1"),
                filled(buy, "V-1", "T-1", "100.01", "1.0001", Liquidity.TAKER));
        assertThat(engine.place(sell, NOW)).containsExactly(acceptedEvent(sell, "V-2"),
                filled(sell, "V-2", "T-2", "99.99", "0.39996", Liquidity.TAKER));
        // 10000 - 1000.1 - 1.0001 + 399.96 - 0.39996
        assertThat(engine.cash()).isEqualTo(m("9398.45994"));
        assertThat(engine.position(SOL).quantity()).isEqualTo(q("6"));
        assertThat(engine.equity()).isEqualTo(m("9998.45994"));
        assertThat(engine.account(NOW).cash(MatchingEngine.CURRENCY)).isEqualTo(m("9398.45994"));
        assertThat(engine.account(NOW).positions()).containsExactly(engine.position(SOL));
        assertThat(engine.account(NOW).timestampNanos()).isEqualTo(NOW);
        assertThat(engine.fills(buy.clientOrderId())).extracting(f -> f.tradeId()).containsExactly("T-1");
        assertThat(engine.fills(ClientOrderId.of("none"))).isEmpty();
        assertThat(engine.order(sell.clientOrderId())).map(o -> o.status()).contains(OrderStatus.FILLED);
        assertThat(engine.openOrders()).isEmpty();
        assertThat(engine.tradeSequence()).isEqualTo(2);
        assertThat(engine.orderSequence()).isEqualTo(2);
    }

    @Test
    void aMarketableLimitTakesAtTheTouchAndATouchAtItsLimitIsMarketable() throws VenueException {
        MatchingEngine engine = engine();
        OrderRequest buy = limit("b", SOL, Side.BUY, "1", "101");
        OrderRequest sell = limit("s", SOL, Side.SELL, "1", "99.99");
        assertThat(engine.place(buy, NOW)).containsExactly(acceptedEvent(buy, "V-1"),
                filled(buy, "V-1", "T-1", "100.01", "0.10001", Liquidity.TAKER));
        assertThat(engine.place(sell, NOW)).containsExactly(acceptedEvent(sell, "V-2"),
                filled(sell, "V-2", "T-2", "99.99", "0.09999", Liquidity.TAKER));
    }

    @Test
    void limitsThatCannotTakeRestOrEndByTheirTimeInForceAndPostOnlyNeverTakes() throws VenueException {
        MatchingEngine engine = engine();
        OrderRequest gtc = limit("gtc", SOL, Side.BUY, "1", "100");
        OrderRequest ioc = limit("ioc", SOL, Side.BUY, "1", "100", TimeInForce.IOC, false, false);
        OrderRequest fok = limit("fok", SOL, Side.SELL, "1", "100", TimeInForce.FOK, false, false);
        OrderRequest taking = limit("po-1", SOL, Side.BUY, "1", "100.01", TimeInForce.GTC, false, true);
        OrderRequest making = limit("po-2", SOL, Side.BUY, "1", "100", TimeInForce.GTC, false, true);
        assertThat(engine.place(gtc, NOW)).containsExactly(acceptedEvent(gtc, "V-1"));
        assertThat(engine.place(ioc, NOW)).containsExactly(acceptedEvent(ioc, "V-2"),
                cancelled(ioc, "V-2", "IOC limit not marketable"));
        // a sell that would rest is judged by the account first: nothing to sell
        assertThat(engine.place(fok, NOW)).containsExactly(rejected(fok, "INSUFFICIENT_BALANCE",
                "selling 1 SOL, holding 0"));
        assertThat(engine.place(taking, NOW)).containsExactly(rejected(taking, "POST_ONLY_WOULD_TAKE",
                "post-only order would cross the book at 100.01"));
        assertThat(engine.place(making, NOW)).containsExactly(acceptedEvent(making, "V-3"));
        assertThat(engine.openOrders()).containsExactly(accepted(gtc, "V-1"), accepted(making, "V-3"));
        assertThat(engine.booked(gtc.clientOrderId())).contains(new BookedOrder(accepted(gtc, "V-1"), true, false));
        assertThat(engine.booked(ClientOrderId.of("none"))).isEmpty();
        assertThat(engine.hasResting()).isTrue();
    }

    @Test
    void anUnmarketableFokEndsAsIocDoes() throws VenueException {
        MatchingEngine engine = engine();
        OrderRequest fok = limit("fok", SOL, Side.BUY, "1", "100", TimeInForce.FOK, false, false);
        assertThat(engine.place(fok, NOW)).containsExactly(acceptedEvent(fok, "V-1"),
                cancelled(fok, "V-1", "FOK limit not marketable"));
        assertThat(engine.hasResting()).isFalse();
    }

    @Test
    void theSpotAccountRefusesWhatItCannotPayOrHoldAndTakesWhatItExactlyCan() throws VenueException {
        MatchingEngine engine = engine();
        OrderRequest tooBig = market("big", SOL, Side.BUY, "100");
        OrderRequest nothing = market("short", SOL, Side.SELL, "1");
        OrderRequest resting = limit("rest", SOL, Side.BUY, "101.01", "99");
        // 100 x 100.01 + 10 bps; 101.01 x 99 = 9999.99 + 2 bps maker = 1.999998
        assertThat(engine.place(tooBig, NOW)).containsExactly(rejected(tooBig, "INSUFFICIENT_FUNDS",
                "need 10011.001 USD, have 10000"));
        assertThat(engine.place(nothing, NOW)).containsExactly(rejected(nothing, "INSUFFICIENT_BALANCE",
                "selling 1 SOL, holding 0"));
        assertThat(engine.place(resting, NOW)).containsExactly(rejected(resting, "INSUFFICIENT_FUNDS",
                "need 10001.989998 USD, have 10000"));
        assertThat(engine.orderSequence()).as("a rejection takes no venue order id").isZero();

        MatchingEngine exact = engine(Fixture.RULES, "1001.1001");
        OrderRequest all = market("all", SOL, Side.BUY, "10");
        OrderRequest back = market("back", SOL, Side.SELL, "10");
        assertThat(exact.place(all, NOW)).containsExactly(acceptedEvent(all, "V-1"),
                filled(all, "V-1", "T-1", "100.01", "1.0001", Liquidity.TAKER));
        assertThat(exact.cash()).isEqualTo(m("0"));
        assertThat(exact.place(back, NOW)).containsExactly(acceptedEvent(back, "V-2"),
                filled(back, "V-2", "T-2", "99.99", "0.9999", Liquidity.TAKER));
        assertThat(exact.position(SOL).isFlat()).isTrue();
        assertThat(exact.equity()).as("a flat position adds nothing").isEqualTo(exact.cash()).isEqualTo(m("998.9001"));
    }

    @Test
    void perpetualsNeedMarginAtTheMarkAndMoveCashOnlyByFeeAndRealisedPnl() throws VenueException {
        MatchingEngine engine = engine();
        OrderRequest over = market("over", BTC, Side.BUY, "0.999");
        OrderRequest open = market("open", BTC, Side.BUY, "0.99");
        // 0.999 x 50000 = 49950 on 10000 - 49.9504995 (fee at the ask): 5.02x > 5x
        assertThat(engine.place(over, NOW)).containsExactly(rejected(over, "INSUFFICIENT_MARGIN",
                "perpetual exposure 49950 on equity 9950.0495005 exceeds 5x"));
        // 0.99 x 50000 = 49500 on 10000 - 49.500495: 4.97x
        assertThat(engine.place(open, NOW)).containsExactly(acceptedEvent(open, "V-1"),
                filled(open, "V-1", "T-1", "50000.5", "49.500495", Liquidity.TAKER));
        assertThat(engine.cash()).isEqualTo(m("9950.499505"));
        // unrealised at the mark: 49500 - 49500.495
        assertThat(engine.equity()).isEqualTo(m("9950.004505"));

        OrderRequest reduce = reduceOnly("reduce", BTC, Side.SELL, "0.5");
        OrderRequest grow = reduceOnly("grow", BTC, Side.BUY, "0.1");
        OrderRequest flip = reduceOnly("flip", BTC, Side.SELL, "1");
        // closes half the cost basis 49500.495 (25000.25) for 24999.75: -0.5 realised; fee 24.99975
        assertThat(engine.place(reduce, NOW)).containsExactly(acceptedEvent(reduce, "V-2"),
                filled(reduce, "V-2", "T-2", "49999.5", "24.99975", Liquidity.TAKER));
        assertThat(engine.cash()).isEqualTo(m("9924.999755"));
        assertThat(engine.place(grow, NOW)).containsExactly(rejected(grow, "REDUCE_ONLY",
                "order would not shrink position 0.49"));
        assertThat(engine.place(flip, NOW)).containsExactly(rejected(flip, "REDUCE_ONLY",
                "order would not shrink position 0.49"));
    }

    @Test
    void exposureExactlyAtMaxLeverageIsTakenAndAReducingOrderNeedsNoMarginEvenUnderwater() throws VenueException {
        MatchingEngine engine = engine(new EngineRules(Ratio.ZERO, Ratio.ZERO, Ratio.ZERO, true, "V-", "T-"),
                "10000");
        OrderRequest fiveX = market("5x", BTC, Side.BUY, "1");
        OrderRequest more = market("more", BTC, Side.BUY, "0.001");
        OrderRequest reduce = market("reduce", BTC, Side.SELL, "0.5");
        assertThat(engine.place(fiveX, NOW)).containsExactly(acceptedEvent(fiveX, "V-1"),
                filled(fiveX, "V-1", "T-1", "50000.5", "0", Liquidity.TAKER));
        engine.market(BTC, p("39000"), p("39001"), p("39000"));
        // unrealised 39000 - 50000.5: equity below zero, so nothing may grow the position
        assertThat(engine.equity()).isEqualTo(m("-1000.5"));
        assertThat(engine.place(more, NOW)).containsExactly(rejected(more, "INSUFFICIENT_MARGIN",
                "perpetual exposure 39039 on equity -1000.5 exceeds 5x"));
        assertThat(engine.place(reduce, NOW)).containsExactly(acceptedEvent(reduce, "V-2"),
                filled(reduce, "V-2", "T-2", "39000", "0", Liquidity.TAKER));
        assertThat(engine.position(BTC)).isEqualTo(Position.flat(BTC).apply(engine.fills(fiveX.clientOrderId())
                .getFirst()).apply(engine.fills(reduce.clientOrderId()).getFirst()));
    }

    @Test
    void everyPerpetualCountsToTheExposureAtItsMarkAndNoSpotHoldingDoes() throws VenueException {
        MatchingEngine engine = engine();
        engine.market(ETH, p("2999.9"), p("3000.1"), p("3000"));
        OrderRequest sol = market("sol", SOL, Side.BUY, "10");
        OrderRequest eth = market("eth", ETH, Side.BUY, "10");
        OrderRequest over = market("over", BTC, Side.BUY, "0.4");
        OrderRequest under = market("under", BTC, Side.BUY, "0.39");
        engine.place(sol, NOW);
        assertThat(engine.place(eth, NOW)).containsExactly(acceptedEvent(eth, "V-2"),
                filled(eth, "V-2", "T-2", "3000.1", "30.001", Liquidity.TAKER));
        // cash 10000 - 1001.1001 - 30.001; SOL 10 x 100 and ETH 30000 - 30001 at the marks
        assertThat(engine.equity()).isEqualTo(m("9967.8989"));
        // ETH 30000 + BTC 0.4 x 50000 (SOL's 1000 not counted) on 9967.8989 - 20.0002
        assertThat(engine.place(over, NOW)).containsExactly(rejected(over, "INSUFFICIENT_MARGIN",
                "perpetual exposure 50000 on equity 9947.8987 exceeds 5x"));
        assertThat(engine.place(under, NOW)).containsExactly(acceptedEvent(under, "V-3"),
                filled(under, "V-3", "T-3", "50000.5", "19.500195", Liquidity.TAKER));
    }

    @Test
    void refusalsBeforeTheMarketIsLookedAtCarryTheirCodes() throws VenueException {
        MatchingEngine engine = engine();
        OrderRequest unknown = market("x", Symbol.of("XRP-USD"), Side.BUY, "1");
        OrderRequest offLot = market("lot", SOL, Side.BUY, "0.005");
        OrderRequest offBtcLot = market("lot-2", BTC, Side.BUY, "0.0015");
        OrderRequest noMarket = market("eth", ETH, Side.BUY, "1");
        OrderRequest smallest = market("min", SOL, Side.BUY, "0.01");
        assertThat(engine.place(unknown, NOW)).containsExactly(rejected(unknown, "UNKNOWN_SYMBOL",
                "XRP-USD is not listed"));
        assertThat(engine.place(offLot, NOW)).containsExactly(rejected(offLot, "INVALID_SIZE",
                "quantity 0.005 is not a multiple of 0.01 at least 0.01"));
        assertThat(engine.place(offBtcLot, NOW)).containsExactly(rejected(offBtcLot, "INVALID_SIZE",
                "quantity 0.0015 is not a multiple of 0.001 at least 0.001"));
        assertThat(engine.place(noMarket, NOW)).containsExactly(rejected(noMarket, "NO_MARKET",
                "no price for ETH-PERP yet"));
        assertThat(engine.place(smallest, NOW)).containsExactly(acceptedEvent(smallest, "V-1"),
                filled(smallest, "V-1", "T-1", "100.01", "0.0010001", Liquidity.TAKER));
        assertThat(engine.mark(ETH)).isNull();
        assertThat(engine.mark(SOL)).isEqualTo(p("100"));
        assertThat(engine.product(SOL)).isEqualTo(Fixture.SOL_USD);
        assertThat(engine.product(Symbol.of("XRP-USD"))).isNull();
        assertThatThrownBy(() -> engine.market(Symbol.of("XRP-USD"), p("1"), p("2"), p("1.5")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the engine does not list XRP-USD");
    }

    @Test
    void aClientOrderIdIsTakenOnceRejectedOrNotAndDuplicatesAreCounted() throws VenueException {
        MatchingEngine engine = engine();
        OrderRequest first = market("o-1", SOL, Side.BUY, "1");
        OrderRequest refused = market("o-2", SOL, Side.SELL, "5");
        engine.place(first, NOW);
        engine.place(refused, NOW);
        for (OrderRequest again : List.of(first, refused)) {
            assertThatThrownBy(() -> engine.place(again, NOW)).isInstanceOfSatisfying(VenueException.class, e -> {
                assertThat(e.code()).isEqualTo(RejectionCode.DUPLICATE_ORDER);
                assertThat(e.getMessage()).isEqualTo("client order id " + again.clientOrderId()
                        + " was already used");
                assertThat(e.isTransient()).isFalse();
            });
        }
        assertThatThrownBy(() -> engine.submit(first)).isInstanceOf(VenueException.class);
        assertThat(engine.duplicatePlacements()).isEqualTo(3);
    }

    @Test
    void withoutNativeStopsAStopIsRefusedForTheHostToHold() throws VenueException {
        MatchingEngine engine = engine(new EngineRules(Ratio.of("10"), Ratio.of("2"), Ratio.ZERO, false, "BT-",
                "BT-T-"), "10000");
        OrderRequest stop = stop("s", BTC, Side.BUY, "0.1", "51000", null);
        OrderRequest stopLimit = stop("sl", BTC, Side.BUY, "0.1", "51000", "51100");
        assertThat(engine.place(stop, NOW)).containsExactly(rejected(stop, "UNSUPPORTED_ORDER_TYPE",
                "this venue leaves stops to the host"));
        assertThat(engine.submit(stopLimit)).containsExactly(rejected(stopLimit, "UNSUPPORTED_ORDER_TYPE",
                "this venue leaves stops to the host"));
        assertThat(engine.takes(OrderType.STOP_MARKET)).isFalse();
        assertThat(engine.takes(OrderType.STOP_LIMIT)).isFalse();
        assertThat(engine.takes(OrderType.MARKET)).isTrue();
        assertThat(engine.takes(OrderType.LIMIT)).isTrue();
        assertThat(engine().takes(OrderType.STOP_LIMIT)).isTrue();
    }

    @Test
    void aRestingOrderIsCancelledOnRequestOnceAndAnUnknownIdIsRefused() throws VenueException {
        MatchingEngine engine = engine();
        OrderRequest resting = limit("r", SOL, Side.BUY, "1", "99");
        OrderRequest done = market("m", SOL, Side.BUY, "1");
        engine.place(resting, NOW);
        engine.place(done, NOW);
        assertThat(engine.cancel(resting.clientOrderId())).containsExactly(cancelled(resting, "V-1",
                "cancelled on request"));
        assertThat(engine.cancel(resting.clientOrderId())).isEmpty();
        assertThat(engine.cancel(done.clientOrderId())).isEmpty();
        assertThat(engine.order(done.clientOrderId())).map(o -> o.status()).contains(OrderStatus.FILLED);
        assertThatThrownBy(() -> engine.cancel(ClientOrderId.of("nope"))).isInstanceOfSatisfying(
                VenueException.class, e -> {
                    assertThat(e.code()).isEqualTo(RejectionCode.of("UNKNOWN_ORDER"));
                    assertThat(e.getMessage()).isEqualTo("no order nope");
                });
        assertThat(engine.openOrders()).isEmpty();
    }

    @Test
    void aTakerFillIsSlippedAgainstTheOrderOnTheTickGrid() throws VenueException {
        MatchingEngine engine = engine(new EngineRules(Ratio.of("10"), Ratio.of("2"), Ratio.of("10"), true, "V-",
                "T-"), "10000");
        OrderRequest buy = market("b", SOL, Side.BUY, "1");
        OrderRequest sell = market("s", SOL, Side.SELL, "1");
        OrderRequest resting = limit("r", SOL, Side.BUY, "1", "99");
        // 100.01 + 0.10001 up to the tick; 99.99 - 0.09999 down to it
        assertThat(engine.place(buy, NOW)).containsExactly(acceptedEvent(buy, "V-1"),
                filled(buy, "V-1", "T-1", "100.12", "0.10012", Liquidity.TAKER));
        assertThat(engine.place(sell, NOW)).containsExactly(acceptedEvent(sell, "V-2"),
                filled(sell, "V-2", "T-2", "99.89", "0.09989", Liquidity.TAKER));
        engine.place(resting, NOW);
        engine.market(SOL, p("98.9"), p("99"), p("98.95"));
        assertThat(engine.match(engine.touchCrossing(), NOW)).as("a maker fill is not slipped").containsExactly(
                filled(resting, "V-3", "T-3", "99", "0.0198", Liquidity.MAKER));
    }
}
