package io.tradehost.kernel;

import io.tradehost.api.event.BookReceived;
import io.tradehost.api.event.FundingPaid;
import io.tradehost.api.event.FundingRateReceived;
import io.tradehost.api.event.MarketDataStale;
import io.tradehost.api.event.OrderAccepted;
import io.tradehost.api.event.OrderAmendRejected;
import io.tradehost.api.event.OrderAmended;
import io.tradehost.api.event.OrderCancelled;
import io.tradehost.api.event.OrderFilled;
import io.tradehost.api.event.OrderRejected;
import io.tradehost.api.event.QuoteReceived;
import io.tradehost.api.event.VenueConnectionChanged;
import io.tradehost.api.host.EventBus;
import io.tradehost.api.event.TradeReceived;
import io.tradehost.api.market.BookDepth;
import io.tradehost.api.market.FundingRate;
import io.tradehost.api.market.Quote;
import io.tradehost.api.market.Trade;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.FundingPayment;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.time.Clock;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.venue.VenueListener;
/**
 * Turns a venue's callbacks into kernel events. Thread-safe, as {@link VenueListener} requires:
 * it only publishes to the bus.
 */
public final class VenueEventAdapter implements VenueListener {
    private final EventBus bus;
    private final Clock clock;

    public VenueEventAdapter(EventBus bus, Clock clock) {
        this.bus = bus;
        this.clock = clock;
    }

    @Override
    public void onQuote(Quote quote) {
        bus.publish(new QuoteReceived(quote));
    }

    @Override
    public void onTrade(Trade trade) {
        bus.publish(new TradeReceived(trade));
    }

    @Override
    public void onBook(BookDepth book) {
        bus.publish(new BookReceived(book));
    }

    @Override
    public void onFundingRate(FundingRate funding) {
        bus.publish(new FundingRateReceived(funding));
    }

    @Override
    public void onOrderAccepted(ClientOrderId clientOrderId, Symbol symbol, String venueOrderId) {
        bus.publish(new OrderAccepted(clientOrderId, symbol, venueOrderId, clock.nanos()));
    }

    @Override
    public void onOrderRejected(ClientOrderId clientOrderId, Symbol symbol, RejectionCode code, String message) {
        bus.publish(new OrderRejected(clientOrderId, symbol, code, message, clock.nanos()));
    }

    @Override
    public void onFill(Fill fill) {
        bus.publish(new OrderFilled(fill));
    }

    @Override
    public void onOrderCancelled(ClientOrderId clientOrderId, Symbol symbol, String reason) {
        bus.publish(new OrderCancelled(clientOrderId, symbol, reason, clock.nanos()));
    }

    @Override
    public void onOrderAmended(ClientOrderId clientOrderId, Symbol symbol, Price limitPrice, Quantity quantity) {
        bus.publish(new OrderAmended(clientOrderId, symbol, limitPrice, quantity, clock.nanos()));
    }

    @Override
    public void onAmendRejected(ClientOrderId clientOrderId, Symbol symbol, RejectionCode code, String message) {
        bus.publish(new OrderAmendRejected(clientOrderId, symbol, code, message, clock.nanos()));
    }

    @Override
    public void onFunding(FundingPayment payment) {
        bus.publish(new FundingPaid(payment));
    }

    @Override
    public void onMarketDataStale(Symbol symbol, String reason) {
        bus.publish(new MarketDataStale(symbol, reason, clock.nanos()));
    }

    @Override
    public void onConnectionChanged(boolean connected, String detail) {
        bus.publish(new VenueConnectionChanged(connected, detail, clock.nanos()));
    }
}
