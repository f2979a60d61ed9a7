package io.tradehost.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.event.Event;
import io.tradehost.api.event.OrderAccepted;
import io.tradehost.api.event.OrderCancelled;
import io.tradehost.api.event.OrderFilled;
import io.tradehost.api.event.OrderRejected;
import io.tradehost.api.event.QuoteReceived;
import io.tradehost.api.event.VenueConnectionChanged;
import io.tradehost.api.market.Quote;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.Liquidity;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
class VenueEventAdapterTest {
    @Test
    void everyCallbackBecomesItsEventStampedWithTheClock() {
        VirtualClock clock = new VirtualClock(Instant.ofEpochSecond(10));
        List<Event> events = new ArrayList<>();
        VenueEventAdapter adapter = new VenueEventAdapter(events::add, clock);
        Symbol s = Symbol.of("BTC-PERP");
        ClientOrderId id = ClientOrderId.of("r-1");
        Quote quote = new Quote(s, Price.of("1"), Quantity.of("1"), Price.of("2"), Quantity.of("1"), 5);
        Fill fill = new Fill("t1", id, s, Side.BUY, Quantity.of("1"), Price.of("2"), Money.ZERO, Liquidity.TAKER, 5);
        long now = 10_000_000_000L;

        adapter.onQuote(quote);
        adapter.onOrderAccepted(id, s, "v1");
        adapter.onOrderRejected(id, s, RejectionCode.of("CODE"), "words");
        adapter.onFills(List.of(fill));
        adapter.onOrderCancelled(id, s, "gone");
        adapter.onConnectionChanged(false, "socket closed");

        assertThat(events).containsExactly(new QuoteReceived(quote), new OrderAccepted(id, s, "v1", now),
                new OrderRejected(id, s, RejectionCode.of("CODE"), "words", now), new OrderFilled(fill),
                new OrderCancelled(id, s, "gone", now), new VenueConnectionChanged(false, "socket closed", now));
    }
}
