package io.tradehost.simulator;

import static io.tradehost.simulator.Fixture.SOL;
import static io.tradehost.simulator.Fixture.accepted;
import static io.tradehost.simulator.Fixture.limit;
import static io.tradehost.simulator.Fixture.m;
import static io.tradehost.simulator.Fixture.p;
import static io.tradehost.simulator.Fixture.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.market.Quote;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.Liquidity;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.venue.VenueListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each event tells the host what a venue's listener hears of it; the values refuse nulls. */
class EventTest {
    private final List<String> heard = new ArrayList<>();
    private final VenueListener listener = new VenueListener() {
        @Override
        public void onQuote(Quote quote) {
            heard.add("quote");
        }

        @Override
        public void onOrderAccepted(ClientOrderId id, Symbol symbol, String venueOrderId) {
            heard.add("accepted " + id + " " + symbol + " " + venueOrderId);
        }

        @Override
        public void onOrderRejected(ClientOrderId id, Symbol symbol, RejectionCode code, String message) {
            heard.add("rejected " + id + " " + symbol + " " + code.value() + " " + message);
        }

        @Override
        public void onFill(Fill fill) {
            heard.add("fill " + fill.tradeId());
        }

        @Override
        public void onOrderCancelled(ClientOrderId id, Symbol symbol, String reason) {
            heard.add("cancelled " + id + " " + symbol + " " + reason);
        }

        @Override
        public void onOrderAmended(ClientOrderId id, Symbol symbol, Price limitPrice, Quantity quantity) {
            heard.add("amended " + id + " " + symbol + " " + quantity + "@" + limitPrice);
        }

        @Override
        public void onAmendRejected(ClientOrderId id, Symbol symbol, RejectionCode code, String message) {
            heard.add("amend rejected " + id + " " + symbol + " " + code.value() + " " + message);
        }

        @Override
        public void onConnectionChanged(boolean connected, String detail) {
            heard.add("connection");
        }
    };

    @Test
    void eachEventIsToldAsTheListenerCallOfItsKindAndATriggerAsNothing() {
        OrderRequest r = limit("o", SOL, Side.BUY, "2", "99");
        Order order = accepted(r, "V-1");
        Fill fill = new Fill("T-1", r.clientOrderId(), SOL, Side.BUY, q("2"), p("99"), m("0.04"), Liquidity.MAKER, 1);
        List<EngineEvent> events = List.of(new EngineEvent.Accepted(order),
                new EngineEvent.Rejected(order, RejectionCode.of("X"), "X: no"),
                new EngineEvent.Filled(order, fill),
                new EngineEvent.Cancelled(order, "why"),
                new EngineEvent.Amended(order),
                new EngineEvent.AmendRejected(order, RejectionCode.of("Y"), "Y: no"),
                new EngineEvent.Triggered(order));
        events.forEach(e -> e.tell(listener));
        assertThat(heard).containsExactly("accepted o SOL-USD V-1", "rejected o SOL-USD X X: no", "fill T-1",
                "cancelled o SOL-USD why", "amended o SOL-USD 2@99", "amend rejected o SOL-USD Y Y: no");
        assertThat(events).allSatisfy(e -> assertThat(e.order()).isEqualTo(order));
    }

    @Test
    void theValuesRefuseMissingParts() {
        Order order = accepted(limit("o", SOL, Side.BUY, "2", "99"), "V-1");
        RejectionCode code = RejectionCode.of("X");
        List<Runnable> missing = List.of(
                () -> new EngineEvent.Accepted(null),
                () -> new EngineEvent.Rejected(null, code, "m"),
                () -> new EngineEvent.Rejected(order, null, "m"),
                () -> new EngineEvent.Rejected(order, code, null),
                () -> new EngineEvent.Filled(null, null),
                () -> new EngineEvent.Filled(order, null),
                () -> new EngineEvent.Cancelled(null, "r"),
                () -> new EngineEvent.Cancelled(order, null),
                () -> new EngineEvent.Amended(null),
                () -> new EngineEvent.AmendRejected(null, code, "m"),
                () -> new EngineEvent.AmendRejected(order, null, "m"),
                () -> new EngineEvent.AmendRejected(order, code, null),
                () -> new EngineEvent.Triggered(null),
                () -> new BookedOrder(null, false, false),
                () -> new EngineRules(null, Ratio.ONE, Ratio.ONE, true, "a", "b"),
                () -> new EngineRules(Ratio.ONE, null, Ratio.ONE, true, "a", "b"),
                () -> new EngineRules(Ratio.ONE, Ratio.ONE, null, true, "a", "b"),
                () -> new EngineRules(Ratio.ONE, Ratio.ONE, Ratio.ONE, true, null, "b"),
                () -> new EngineRules(Ratio.ONE, Ratio.ONE, Ratio.ONE, true, "a", null));
        assertThat(missing).allSatisfy(r -> assertThatThrownBy(r::run).isInstanceOf(NullPointerException.class));
    }
}
