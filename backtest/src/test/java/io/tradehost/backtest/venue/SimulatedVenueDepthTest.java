package io.tradehost.backtest.venue;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.market.BookDepth;
import io.tradehost.api.market.BookLevel;
import io.tradehost.api.market.FundingRate;
import io.tradehost.api.market.Quote;
import io.tradehost.api.market.Trade;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.venue.VenueContext;
import io.tradehost.api.venue.VenueException;
import io.tradehost.api.venue.VenueListener;
import io.tradehost.backtest.tape.MarketEvent;
import io.tradehost.backtest.tape.TapeFormat;
import io.tradehost.kernel.Kernel;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The simulated venue's depth: a quote row's touch as one level a side, published when it differs
 * from the last; nothing from trade or bar rows, whose touch the venue made up; no funding rates.
 */
class SimulatedVenueDepthTest {
    private static final Symbol BTC = Symbol.of("BTC-USD");
    private static final Symbol PERP = Symbol.of("BTC-PERP");

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private final Kernel kernel = new Kernel(clock);
    private final List<BookDepth> books = new ArrayList<>();
    private final List<Quote> quotes = new ArrayList<>();
    private final List<Trade> trades = new ArrayList<>();
    private final List<FundingRate> rates = new ArrayList<>();

    private final VenueListener listener = new VenueListener() {
        @Override
        public void onQuote(Quote quote) {
            quotes.add(quote);
        }

        @Override
        public void onTrade(Trade trade) {
            trades.add(trade);
        }

        @Override
        public void onBook(BookDepth book) {
            books.add(book);
        }

        @Override
        public void onFundingRate(FundingRate funding) {
            rates.add(funding);
        }

        @Override
        public void onOrderAccepted(ClientOrderId id, Symbol symbol, String venueOrderId) {
            // no orders here
        }

        @Override
        public void onOrderRejected(ClientOrderId id, Symbol symbol, RejectionCode code, String message) {
            // no orders here
        }

        @Override
        public void onFill(Fill fill) {
            // no orders here
        }

        @Override
        public void onOrderCancelled(ClientOrderId id, Symbol symbol, String reason) {
            // no orders here
        }

        @Override
        public void onConnectionChanged(boolean connected, String detail) {
            // never
        }
    };

    private SimulatedVenue venue(SimulatedVenueFactory factory) throws VenueException {
        SimulatedVenue venue = (SimulatedVenue) factory.create(new PluginConfig("venue.config",
                Map.of("depth_notional", "1000", "half_spread_bps", "5")), new VenueContext(clock, kernel, listener,
                Map.of(), 1));
        venue.connect();
        venue.subscribe(Set.of(BTC, PERP));
        return venue;
    }

    private static MarketEvent quote(Symbol symbol, long second, String bid, String ask, String bidSize,
                                     String askSize) {
        Price b = Price.of(bid);
        Price a = Price.of(ask);
        return new MarketEvent(second * 1_000_000_000L, symbol, TapeFormat.QUOTES, Price.mid(b, a), a, b, b, a,
                Quantity.of(bidSize), Quantity.of(askSize), Quantity.ZERO, second + 1);
    }

    private static MarketEvent trade(Symbol symbol, long second, String price) {
        Price p = Price.of(price);
        return new MarketEvent(second * 1_000_000_000L, symbol, TapeFormat.TRADES, p, p, p, null, null, Quantity.ZERO,
                Quantity.ZERO, Quantity.ofUnits(2), second + 1);
    }

    private static BookDepth book(Symbol symbol, long second, String bid, String bidSize, String ask, String askSize) {
        return new BookDepth(symbol, List.of(new BookLevel(Price.of(bid), Quantity.of(bidSize))),
                List.of(new BookLevel(Price.of(ask), Quantity.of(askSize))), second * 1_000_000_000L);
    }

    @Test
    void eachQuoteRowsTouchIsOneLevelOfDepthPublishedWhenItChanged() throws VenueException {
        SimulatedVenue venue = venue(new SimulatedVenueFactory(Set.of(BTC, PERP), false, true));
        assertThat(venue.publishesDepth()).isTrue();
        assertThat(venue.publishesTrades()).isFalse();
        venue.onMarket(quote(BTC, 0, "100", "101", "2", "3"));
        venue.onMarket(quote(PERP, 0, "99", "100", "1", "1"));
        venue.onMarket(quote(BTC, 1, "100", "101", "2", "3"));
        venue.onMarket(quote(BTC, 2, "100", "101", "2", "4"));
        // sizes not recorded: the quote's stand-in (depth_notional 1000 at the first price 100.5)
        venue.onMarket(quote(BTC, 3, "100.5", "101", "0", "0"));
        // a trade moves the touch the venue's own way: no depth, and the next quote is published again
        venue.onMarket(trade(BTC, 4, "102"));
        venue.onMarket(quote(BTC, 5, "100.5", "101", "0", "0"));
        assertThat(books).containsExactly(
                book(BTC, 0, "100", "2", "101", "3"),
                book(PERP, 0, "99", "1", "100", "1"),
                book(BTC, 2, "100", "2", "101", "4"),
                book(BTC, 3, "100.5", "9.95024875", "101", "9.95024875"),
                book(BTC, 5, "100.5", "9.95024875", "101", "9.95024875"));
        for (BookDepth b : books) {
            Quote q = quotes.stream().filter(x -> x.symbol().equals(b.symbol())
                    && x.timestampNanos() == b.timestampNanos()).findFirst().orElseThrow();
            assertThat(b.bids()).containsExactly(new BookLevel(q.bid(), q.bidSize()));
            assertThat(b.asks()).containsExactly(new BookLevel(q.ask(), q.askSize()));
        }
        assertThat(quotes).hasSize(7);
        assertThat(rates).as("funding is not simulated").isEmpty();
    }

    @Test
    void aTapeOfTradesPublishesTradesAndNoDepth() throws VenueException {
        SimulatedVenue venue = venue(new SimulatedVenueFactory(Set.of(BTC, PERP), true, false));
        assertThat(venue.publishesDepth()).isFalse();
        assertThat(venue.publishesTrades()).isTrue();
        venue.onMarket(trade(BTC, 0, "1000"));
        venue.onMarket(trade(PERP, 1, "1000"));
        venue.onMarket(trade(BTC, 2, "1001"));
        assertThat(books).isEmpty();
        assertThat(rates).isEmpty();
        assertThat(trades).extracting(Trade::tradeId).containsExactly("row-1", "row-2", "row-3");
        assertThat(quotes).extracting(q -> q.bid() + "/" + q.ask())
                .containsExactly("999.5/1000.5", "999.5/1000.5", "1000.4995/1001.5005");
    }

    @Test
    void aVenueToldItsTapeHasNoQuotesPublishesNoDepthFromOne() throws VenueException {
        SimulatedVenue venue = venue(new SimulatedVenueFactory(Set.of(BTC, PERP), false, false));
        assertThat(venue.publishesDepth()).isFalse();
        venue.onMarket(quote(BTC, 0, "100", "101", "2", "3"));
        assertThat(quotes).hasSize(1);
        assertThat(books).isEmpty();
    }
}
