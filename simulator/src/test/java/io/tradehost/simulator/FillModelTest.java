package io.tradehost.simulator;

import static io.tradehost.simulator.Fixture.NOW;
import static io.tradehost.simulator.Fixture.SOL;
import static io.tradehost.simulator.Fixture.acceptedEvent;
import static io.tradehost.simulator.Fixture.limit;
import static io.tradehost.simulator.Fixture.m;
import static io.tradehost.simulator.Fixture.market;
import static io.tradehost.simulator.Fixture.p;
import static io.tradehost.simulator.Fixture.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.order.Fill;
import io.tradehost.api.order.Liquidity;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.TimeInForce;
import io.tradehost.api.venue.VenueException;
import org.junit.jupiter.api.Test;

/**
 * The fill model against hand-worked cases, events compared whole: SOL-USD (tick 0.01) shows 5 at
 * the bid 99.99 and 3 at the ask 100.01; levels 10 bps apart; taker 10 bps, maker 2 bps.
 */
class FillModelTest {
    private static final EngineRules QUEUED = new EngineRules(Ratio.of("10"), Ratio.of("2"), Ratio.ZERO, true, "V-",
            "T-", new FillModel(true, Ratio.of("10")));

    private static MatchingEngine engine() {
        MatchingEngine engine = Fixture.engine(QUEUED, "10000");
        engine.market(SOL, p("99.99"), q("5"), p("100.01"), q("3"), p("100"));
        return engine;
    }

    /** The fill {@code tradeId} of {@code quantity} at {@code price}, leaving {@code r} with {@code done} filled. */
    private static EngineEvent.Filled fill(OrderRequest r, String tradeId, String quantity, String price, String fee,
                                           Liquidity liquidity, String done) {
        return fill(r, tradeId, quantity, price, fee, liquidity, done, NOW);
    }

    private static EngineEvent.Filled fill(OrderRequest r, String tradeId, String quantity, String price, String fee,
                                           Liquidity liquidity, String done, long nanos) {
        boolean whole = q(done).equals(r.quantity());
        return new EngineEvent.Filled(new Order(r, whole ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED, q(done),
                "V-1".equals(tradeId) ? "V-1" : venueOf(r)), new Fill(tradeId, r.clientOrderId(), r.symbol(), r.side(),
                q(quantity), p(price), m(fee), liquidity, nanos));
    }

    private static String venueOf(OrderRequest r) {
        return switch (r.clientOrderId().value()) {
            case "a", "b" -> "V-1";
            case "c" -> "V-2";
            case "e" -> "V-4";
            case "s" -> "V-1";
            default -> "V-3";
        };
    }

    /**
     * A market buy of 7 walks the book: 3 at the ask 100.01, then 3 at 100.12 (100.01 + 10 bps =
     * 100.11001, up to the tick), then 1 at 100.23 (100.12 + 0.10012 = 100.22012, up). Fees 10 bps of
     * each: 300.03 -> 0.30003, 300.36 -> 0.30036, 100.23 -> 0.10023.
     */
    @Test
    void aMarketOrderWalksTheLevelsOfTheBook() throws VenueException {
        MatchingEngine engine = engine();
        OrderRequest buy = market("a", SOL, Side.BUY, "7");
        assertThat(engine.place(buy, NOW)).containsExactly(acceptedEvent(buy, "V-1"),
                fill(buy, "T-1", "3", "100.01", "0.30003", Liquidity.TAKER, "3"),
                fill(buy, "T-2", "3", "100.12", "0.30036", Liquidity.TAKER, "6"),
                fill(buy, "T-3", "1", "100.23", "0.10023", Liquidity.TAKER, "7"));
        // cash 10000 - 700.62 - 0.70062 fees
        assertThat(engine.cash()).isEqualTo(m("9298.67938"));
        assertThat(engine.position(SOL).quantity()).isEqualTo(q("7"));
    }

    /** A limit within two levels: IOC takes them and ends; GTC rests the rest first at its price; FOK fills nothing. */
    @Test
    void aMarketableLimitTakesTheLevelsWithinItsLimitAndTheRestRestsOrEnds() throws VenueException {
        MatchingEngine engine = engine();
        OrderRequest fok = limit("a", SOL, Side.BUY, "8", "100.12", TimeInForce.FOK, false, false);
        assertThat(engine.place(fok, NOW)).containsExactly(acceptedEvent(fok, "V-1"), new EngineEvent.Cancelled(
                new Order(fok, OrderStatus.CANCELLED, q("0"), "V-1"), "FOK limit cannot fill wholly within its limit"));
        OrderRequest gtc = limit("c", SOL, Side.BUY, "8", "100.12");
        assertThat(engine.place(gtc, NOW)).containsExactly(acceptedEvent(gtc, "V-2"),
                fill(gtc, "T-1", "3", "100.01", "0.30003", Liquidity.TAKER, "3"),
                fill(gtc, "T-2", "3", "100.12", "0.30036", Liquidity.TAKER, "6"));
        assertThat(engine.openOrders()).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
            assertThat(o.remaining()).isEqualTo(q("2"));
        });
        // it stands first at 100.12: the next trade there fills it
        assertThat(engine.trade(SOL, p("100.12"), q("0.5"), NOW)).containsExactly(
                fill(gtc, "T-3", "0.5", "100.12", "0.0100120", Liquidity.MAKER, "6.5"));
        OrderRequest ioc = limit("d", SOL, Side.SELL, "6", "99.89", TimeInForce.IOC, false, false);
        // 5 at 99.99, then 99.99 - 0.09999 = 99.89001 down to 99.89: 1 more; fees 10 bps of 499.95 and 99.89
        assertThat(engine.place(ioc, NOW)).containsExactly(acceptedEvent(ioc, "V-3"),
                fill(ioc, "T-4", "5", "99.99", "0.49995", Liquidity.TAKER, "5"),
                fill(ioc, "T-5", "1", "99.89", "0.09989", Liquidity.TAKER, "6"));
        OrderRequest beyond = limit("e", SOL, Side.SELL, "0.5", "99.99", TimeInForce.IOC, false, false);
        // the 5 shown at the bid is the market's until the next update: taken again at 99.99
        assertThat(engine.place(beyond, NOW)).hasSize(2).last().isInstanceOf(EngineEvent.Filled.class);
    }

    /**
     * The queue: two bids join the touch at 99.99 behind the 5 shown. A trade of 4 there: all of it the
     * queues'. A trade of 2: the first counts its last 1 of queue and fills 1 of its 2; the second counts
     * the 1 the first left against its own queue (1 left). A trade of 2: the first fills its last 1, the
     * second, its queue gone, its 1. A trade of 3 at 99.98, below them, fills nothing more: both are done.
     */
    @Test
    void restingLimitsFillAtTheirPriceOnlyAfterTheQueueAheadOfThemTraded() throws VenueException {
        MatchingEngine engine = engine();
        OrderRequest first = limit("a", SOL, Side.BUY, "2", "99.99");
        OrderRequest second = limit("c", SOL, Side.BUY, "1", "99.99");
        assertThat(engine.place(first, NOW)).containsExactly(acceptedEvent(first, "V-1"));
        assertThat(engine.place(second, NOW)).containsExactly(acceptedEvent(second, "V-2"));
        assertThat(engine.trade(SOL, p("99.99"), q("4"), NOW)).as("all of it the queue's").isEmpty();
        assertThat(engine.trade(SOL, p("99.99"), q("2"), NOW)).as("1 beyond the first's queue of 5")
                .containsExactly(fill(first, "T-1", "1", "99.99", "0.0199980", Liquidity.MAKER, "1"));
        assertThat(engine.trade(SOL, p("99.99"), q("2"), NOW)).containsExactly(
                fill(first, "T-2", "1", "99.99", "0.0199980", Liquidity.MAKER, "2"),
                fill(second, "T-3", "1", "99.99", "0.0199980", Liquidity.MAKER, "1"));
        assertThat(engine.openOrders()).isEmpty();
        assertThat(engine.trade(SOL, p("99.98"), q("3"), NOW)).isEmpty();
    }

    /** A bid inside the spread has nothing ahead; one behind the touch waits behind the touch's size. */
    @Test
    void aBidThatImprovesTheTouchHasNoQueueAndOneTradedThroughFillsWholly() throws VenueException {
        MatchingEngine engine = engine();
        OrderRequest inside = limit("a", SOL, Side.BUY, "2", "100");
        OrderRequest behind = limit("c", SOL, Side.BUY, "3", "99.5");
        engine.place(inside, NOW);
        engine.place(behind, NOW);
        assertThat(engine.trade(SOL, p("100"), q("0.5"), NOW)).containsExactly(
                fill(inside, "T-1", "0.5", "100", "0.0100", Liquidity.MAKER, "0.5"));
        // a trade at 99.5 goes through the bid at 100 (which fills wholly, whatever its size) and counts 4
        // against the 5 ahead of the bid at 99.5
        assertThat(engine.trade(SOL, p("99.5"), q("4"), NOW)).containsExactly(
                fill(inside, "T-2", "1.5", "100", "0.0300", Liquidity.MAKER, "2"));
        assertThat(engine.trade(SOL, p("99.5"), q("1.5"), NOW)).as("1 for the queue, 0.5 for it").containsExactly(
                fill(behind, "T-3", "0.5", "99.5", "0.00995", Liquidity.MAKER, "0.5"));
        assertThat(engine.trade(SOL, p("99.4"), q("0.01"), NOW)).containsExactly(
                fill(behind, "T-4", "2.5", "99.5", "0.04975", Liquidity.MAKER, "3"));
    }

    /** An amend to a lower size keeps the place in the queue; to another price or a larger size, the back of it. */
    @Test
    void anAmendKeepsItsPlaceOnlyWhenItShrinks() throws VenueException {
        MatchingEngine engine = engine();
        OrderRequest bid = limit("a", SOL, Side.BUY, "2", "99.99");
        engine.place(bid, NOW);
        engine.trade(SOL, p("99.99"), q("4"), NOW); // 1 ahead now
        engine.amend(bid.clientOrderId(), p("99.99"), q("1.5"), NOW);
        assertThat(engine.trade(SOL, p("99.99"), q("2"), NOW)).as("1 for the queue, 1 for it")
                .containsExactly(fill(bid.amended(p("99.99"), q("1.5")), "T-1", "1", "99.99", "0.0199980",
                        Liquidity.MAKER, "1"));
        engine.amend(bid.clientOrderId(), p("99.99"), q("3"), NOW); // larger: behind the 5 shown again
        assertThat(engine.trade(SOL, p("99.99"), q("5"), NOW)).isEmpty();
        assertThat(engine.trade(SOL, p("99.99"), q("1"), NOW)).containsExactly(fill(bid.amended(p("99.99"), q("3")),
                "T-2", "1", "99.99", "0.0199980", Liquidity.MAKER, "2"));
    }

    @Test
    void aMarketThatShowsNoSizeHasNoDepthAndNoQueue() throws VenueException {
        MatchingEngine engine = Fixture.engine(QUEUED, "10000");
        OrderRequest buy = market("a", SOL, Side.BUY, "7");
        // one fill at the ask, as without the model
        assertThat(engine.place(buy, NOW)).containsExactly(acceptedEvent(buy, "V-1"),
                fill(buy, "T-1", "7", "100.01", "0.70007", Liquidity.TAKER, "7"));
        OrderRequest bid = limit("c", SOL, Side.BUY, "1", "99.99");
        engine.place(bid, NOW);
        assertThat(engine.trade(SOL, p("99.99"), q("0.25"), NOW)).containsExactly(
                fill(bid, "T-2", "0.25", "99.99", "0.0049995", Liquidity.MAKER, "0.25"));
        assertThatThrownBy(() -> new FillModel(false, Ratio.of("-1"))).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * The rest of a walk stands at its limit, beyond the touch: a later market still inside it makes it
     * take again, as taker, against that market's size (not fill wholly as maker on the next trade).
     */
    @Test
    void theRestOfAWalkTakesAgainAsTakerFromTheNextMarketThatIsStillInsideItsLimit() throws VenueException {
        MatchingEngine engine = engine();
        OrderRequest gtc = limit("a", SOL, Side.BUY, "8", "100.12");
        engine.place(gtc, NOW);
        engine.market(SOL, p("99.99"), q("5"), p("100.01"), q("1"), p("100"));
        // 1 at 100.01, then 100.12 (100.01 + 10 bps, up) within the limit: 1 more; the last 0 stays
        assertThat(engine.trade(SOL, p("100"), q("0.01"), NOW + 1)).containsExactly(
                fill(gtc, "T-3", "1", "100.01", "0.10001", Liquidity.TAKER, "7", NOW + 1),
                fill(gtc, "T-4", "1", "100.12", "0.10012", Liquidity.TAKER, "8", NOW + 1));
        assertThat(engine.openOrders()).isEmpty();
    }

    /** An amend through the touch walks the book as a new order would; what it cannot take rests. */
    @Test
    void anAmendThroughTheTouchWalksTheBook() throws VenueException {
        MatchingEngine engine = engine();
        OrderRequest bid = limit("a", SOL, Side.BUY, "8", "99");
        engine.place(bid, NOW);
        OrderRequest moved = bid.amended(p("100.12"), q("8"));
        assertThat(engine.amend(bid.clientOrderId(), p("100.12"), q("8"), NOW)).containsExactly(
                new EngineEvent.Amended(new Order(moved, OrderStatus.ACCEPTED, q("0"), "V-1")),
                fill(moved, "T-1", "3", "100.01", "0.30003", Liquidity.TAKER, "3"),
                fill(moved, "T-2", "3", "100.12", "0.30036", Liquidity.TAKER, "6"));
        assertThat(engine.openOrders()).singleElement().satisfies(o -> assertThat(o.remaining()).isEqualTo(q("2")));
    }

    /** A stop-limit that fires and walks to its limit rests as the limit it became: it fires once. */
    @Test
    void aStopLimitThatFiresAndWalksRestsTriggered() throws VenueException {
        MatchingEngine engine = engine();
        OrderRequest stop = Fixture.stop("s", SOL, Side.BUY, "8", "100.5", "100.12");
        assertThat(engine.place(stop, NOW)).containsExactly(acceptedEvent(stop, "V-1"));
        engine.market(SOL, p("99.99"), q("5"), p("100.01"), q("3"), p("100.5"));
        assertThat(engine.match((symbol, side, limit) -> false, NOW)).containsExactly(
                new EngineEvent.Triggered(new Order(stop, OrderStatus.ACCEPTED, q("0"), "V-1")),
                fill(stop, "T-1", "3", "100.01", "0.30003", Liquidity.TAKER, "3"),
                fill(stop, "T-2", "3", "100.12", "0.30036", Liquidity.TAKER, "6"));
        assertThat(engine.booked(stop.clientOrderId()).orElseThrow().triggered()).isTrue();
        engine.market(SOL, p("100.2"), q("5"), p("100.3"), q("3"), p("100.25"));
        assertThat(engine.match((symbol, side, limit) -> false, NOW + 1)).as("not fired again").isEmpty();
        assertThat(engine.trade(SOL, p("100.11"), q("1"), NOW + 2)).as("a limit now: filled through it").containsExactly(
                fill(stop, "T-3", "2", "100.12", "0.040048", Liquidity.MAKER, "8", NOW + 2));
    }
}
