package io.tradehost.simulator;

import static io.tradehost.simulator.Fixture.BTC;
import static io.tradehost.simulator.Fixture.NOW;
import static io.tradehost.simulator.Fixture.SOL;
import static io.tradehost.simulator.Fixture.accepted;
import static io.tradehost.simulator.Fixture.acceptedEvent;
import static io.tradehost.simulator.Fixture.engine;
import static io.tradehost.simulator.Fixture.filled;
import static io.tradehost.simulator.Fixture.limit;
import static io.tradehost.simulator.Fixture.m;
import static io.tradehost.simulator.Fixture.market;
import static io.tradehost.simulator.Fixture.p;
import static io.tradehost.simulator.Fixture.q;
import static io.tradehost.simulator.Fixture.stop;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.order.Fill;
import io.tradehost.api.order.Liquidity;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.order.Position;
import io.tradehost.api.value.Side;
import io.tradehost.api.venue.VenueException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A saved book restored whole, and the account's own operations. */
class BookTest {
    @Test
    void aRestoredBookContinuesItsOrdersFillsSequencesAndAccount() throws VenueException {
        MatchingEngine engine = engine();
        // what the engine held before is replaced whole: a fill, a position, resting, fired and pending orders
        engine.place(market("noise", SOL, Side.BUY, "1"), NOW);
        engine.place(market("btc", BTC, Side.BUY, "0.01"), NOW);
        engine.place(limit("old", SOL, Side.BUY, "1", "90"), NOW);
        engine.place(stop("old-fired", SOL, Side.BUY, "1", "90", "90"), NOW);
        engine.submit(limit("again", SOL, Side.BUY, "1", "95"));
        engine.cancel(limit("again", SOL, Side.BUY, "1", "95").clientOrderId());
        OrderRequest rest = limit("rest", SOL, Side.BUY, "1", "99");
        OrderRequest fired = stop("fired", BTC, Side.SELL, "0.01", "49900", "49950");
        OrderRequest done = market("done", SOL, Side.BUY, "2");
        Fill fill = new Fill("T-7", done.clientOrderId(), SOL, Side.BUY, q("2"), p("100"), m("0.2"), Liquidity.TAKER,
                5);
        Position held = Position.flat(SOL).apply(fill);
        Order filled = new Order(done, OrderStatus.FILLED, q("2"), "V-8");
        engine.restore(m("9799.8"), List.of(held), List.of(new BookedOrder(filled, false, false),
                new BookedOrder(accepted(fired, "V-9"), true, true), new BookedOrder(accepted(rest, "V-10"), true,
                        false)), List.of(fill), 7, 10);

        assertThat(engine.order(market("noise", SOL, Side.BUY, "1").clientOrderId())).as("replaced whole").isEmpty();
        assertThat(engine.fills(market("noise", SOL, Side.BUY, "1").clientOrderId())).isEmpty();
        assertThat(engine.booked(limit("old-fired", SOL, Side.BUY, "1", "90").clientOrderId())).isEmpty();
        assertThat(engine.isPending(limit("again", SOL, Side.BUY, "1", "95").clientOrderId())).isFalse();
        assertThat(engine.cash()).isEqualTo(m("9799.8"));
        assertThat(engine.positions()).containsExactly(Map.entry(SOL, held));
        assertThat(engine.equity()).isEqualTo(m("9999.8"));
        assertThat(engine.openOrders()).containsExactly(accepted(fired, "V-9"), accepted(rest, "V-10"));
        assertThat(engine.booked(fired.clientOrderId())).contains(new BookedOrder(accepted(fired, "V-9"), true, true));
        assertThat(engine.fills(done.clientOrderId())).containsExactly(fill);
        assertThat(engine.tradeSequence()).isEqualTo(7);
        assertThat(engine.orderSequence()).isEqualTo(10);

        // the fired stop-limit works as its limit: the bid at 49950 fills it as maker, no trigger again
        engine.market(BTC, p("49950"), p("49950.5"), p("49950.25"));
        assertThat(engine.match(engine.touchCrossing(), NOW)).containsExactly(
                filled(fired, "V-9", "T-8", "49950", "0.0999", Liquidity.MAKER));
        OrderRequest next = market("next", SOL, Side.SELL, "1");
        assertThat(engine.place(next, NOW)).containsExactly(acceptedEvent(next, "V-11"),
                filled(next, "V-11", "T-9", "99.99", "0.09999", Liquidity.TAKER));
        // an id the restored book does not know is new again, and no cancel from before follows it
        OrderRequest again = limit("again", SOL, Side.BUY, "1", "95");
        engine.submit(again);
        assertThat(engine.arrive(again.clientOrderId(), NOW)).isEmpty();
        assertThat(engine.openOrders()).containsExactly(accepted(rest, "V-10"), accepted(again, "V-12"));
        assertThat(engine.booked(again.clientOrderId())).contains(new BookedOrder(accepted(again, "V-12"), true,
                false));
        OrderRequest armed = stop("old-fired", SOL, Side.BUY, "1", "110", "110");
        engine.place(armed, NOW);
        assertThat(engine.booked(armed.clientOrderId())).contains(new BookedOrder(accepted(armed, "V-13"), true,
                false));
    }

    @Test
    void creditMovesCashAndPositionsAreACopy() throws VenueException {
        MatchingEngine engine = engine();
        engine.place(market("b", BTC, Side.BUY, "0.01"), NOW);
        engine.credit(m("-5.25"));
        // 10000 - 0.500005 fee - 5.25 funding
        assertThat(engine.cash()).isEqualTo(m("9994.249995"));
        engine.positions().clear();
        assertThat(engine.positions()).containsOnlyKeys(BTC);
        assertThat(engine.position(SOL)).isEqualTo(Position.flat(SOL));
    }
}
