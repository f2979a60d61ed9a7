package io.tradehost.plugins.venue.coinbase.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.market.BookDepth;
import io.tradehost.api.market.BookLevel;
import io.tradehost.api.market.Quote;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.time.ScheduledTask;
import io.tradehost.api.time.Scheduler;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.venue.VenueListener;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Depth from level2, everything after the socket: the book's best levels a side, best first; the
 * feed publishes them from a synced, uncrossed book when one of those levels changed and not for
 * updates further down, again after a lost connection's fresh snapshot, and never from the ticker.
 */
class BookDepthFeedTest {
    private static final Symbol BTC = Symbol.of("BTC-USD");

    private final List<BookDepth> books = new ArrayList<>();
    private final List<Quote> quotes = new ArrayList<>();
    private final List<String> stale = new ArrayList<>();
    private long sequence;

    private static BookLevel level(String price, String size) {
        return new BookLevel(Price.of(price), Quantity.of(size));
    }

    private static BookDepth book(List<BookLevel> bids, List<BookLevel> asks) {
        return new BookDepth(BTC, bids, asks, 1L);
    }

    @Test
    void theBooksTopIsItsBestLevelsASideBestFirst() {
        OrderBook book = new OrderBook();
        book.beginSnapshot();
        for (String p : List.of("99.5", "100", "98", "99")) {
            book.set(true, new BigDecimal(p), BigDecimal.ONE);
        }
        book.set(false, new BigDecimal("101"), new BigDecimal("2"));
        book.set(false, new BigDecimal("100.5"), new BigDecimal("0.5"));
        book.set(true, new BigDecimal("99.5"), BigDecimal.ZERO);
        assertThat(book.top(true, 2)).containsExactly(level("100", "1"), level("99", "1"));
        assertThat(book.top(true, 10)).containsExactly(level("100", "1"), level("99", "1"), level("98", "1"));
        assertThat(book.top(false, 10)).containsExactly(level("100.5", "0.5"), level("101", "2"));
        book.reset();
        assertThat(book.top(true, 3)).isEmpty();
        book.set(true, new BigDecimal("1.00000000001"), BigDecimal.ONE);
        assertThatThrownBy(() -> book.top(true, 1)).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void aLevelTheHostCannotHoldCostsTheDepthNotTheQuote() {
        MarketFeed feed = feed(MarketFeed.Channel.LEVEL2, 3);
        send(feed, "snapshot", bid("100", "1") + "," + bid("99.000000000001", "2") + "," + ask("101", "1"));
        assertThat(books).isEmpty();
        assertThat(quotes).extracting(Quote::bid, Quote::ask).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Price.of("100"), Price.of("101")));
        assertThat(stale).isEmpty();
        send(feed, "update", bid("99.000000000001", "0"));
        assertThat(books).singleElement().satisfies(b -> assertThat(b.bids()).containsExactly(level("100", "1")));
    }

    @Test
    void depthIsPublishedWhenOneOfTheTopLevelsChangesAndNotForLevelsFurtherDown() {
        MarketFeed feed = feed(MarketFeed.Channel.LEVEL2, 3);
        send(feed, "snapshot", bid("100", "1") + "," + bid("99", "2") + "," + bid("98", "3") + "," + bid("97", "4") + ","
                + ask("101", "1") + "," + ask("102", "2") + "," + ask("103", "3") + "," + ask("104", "4"));
        List<BookLevel> bids = List.of(level("100", "1"), level("99", "2"), level("98", "3"));
        List<BookLevel> asks = List.of(level("101", "1"), level("102", "2"), level("103", "3"));
        assertThat(books).containsExactly(book(bids, asks));
        // the fourth levels and a new fifth: below the three published
        send(feed, "update", bid("97", "9") + "," + ask("104", "0") + "," + ask("105", "1"));
        assertThat(books).hasSize(1);
        // the second ask: depth, not a quote (the touch did not move)
        send(feed, "update", ask("102", "2.5"));
        List<BookLevel> asks2 = List.of(level("101", "1"), level("102", "2.5"), level("103", "3"));
        // the best bid leaves: the fourth level moves up into the three
        send(feed, "update", bid("100", "0"));
        List<BookLevel> bids2 = List.of(level("99", "2"), level("98", "3"), level("97", "9"));
        assertThat(books).containsExactly(book(bids, asks), book(bids, asks2), book(bids2, asks2));
        assertThat(quotes).extracting(q -> q.bid() + "/" + q.ask()).containsExactly("100/101", "99/101");
        // crossed: nothing from it; uncrossed again as last published: nothing either
        send(feed, "update", bid("101.5", "1"));
        send(feed, "update", bid("101.5", "0"));
        assertThat(books).hasSize(3);
        assertThat(feed.depths()).isEqualTo(3);

        // a sequence gap loses the book; its fresh snapshot is published again though the levels are the same
        feed.inject(envelope(sequence + 5, "{\"type\":\"update\",\"product_id\":\"BTC-USD\",\"updates\":[]}"));
        assertThat(stale).containsExactly("BTC-USD");
        sequence = 0;
        send(feed, "snapshot", bid("99", "2") + "," + bid("98", "3") + "," + bid("97", "9") + "," + ask("101", "1")
                + "," + ask("102", "2.5") + "," + ask("103", "3"));
        assertThat(books).hasSize(4).last().isEqualTo(book(bids2, asks2));
    }

    @Test
    void zeroLevelsOrTheTickerChannelPublishNoDepth() {
        // a feed on the ticker channel keeps no depth even from a level2 message that reaches it
        for (MarketFeed feed : List.of(feed(MarketFeed.Channel.LEVEL2, 0), feed(MarketFeed.Channel.TICKER, 10))) {
            sequence = 0;
            send(feed, "snapshot", bid("100", "1") + "," + ask("101", "1"));
            assertThat(feed.depths()).isZero();
        }
        assertThat(books).isEmpty();
        assertThat(quotes).hasSize(2);
    }

    private static String bid(String price, String size) {
        return level("bid", price, size);
    }

    private static String ask(String price, String size) {
        return level("offer", price, size);
    }

    private static String level(String side, String price, String size) {
        return "{\"side\":\"" + side + "\",\"event_time\":\"t\",\"price_level\":\"" + price + "\",\"new_quantity\":\""
                + size + "\"}";
    }

    private void send(MarketFeed feed, String type, String updates) {
        feed.inject(envelope(sequence++, "{\"type\":\"" + type + "\",\"product_id\":\"BTC-USD\",\"updates\":["
                + updates + "]}"));
    }

    private static String envelope(long number, String event) {
        return "{\"channel\":\"l2_data\",\"client_id\":\"\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"sequence_num\":"
                + number + ",\"events\":[" + event + "]}";
    }

    private MarketFeed feed(MarketFeed.Channel channel, int levels) {
        ScheduledTask none = new ScheduledTask() {
            @Override
            public void cancel() {
                // never scheduled
            }

            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        Scheduler inert = new Scheduler() {
            @Override
            public ScheduledTask schedule(Duration delay, Runnable task) {
                return none;
            }

            @Override
            public ScheduledTask scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
                return none;
            }
        };
        Feed.Timing timing = new Feed.Timing(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMillis(10),
                Duration.ofMillis(20));
        return new MarketFeed(HttpClient.newHttpClient(), URI.create("ws://127.0.0.1:1/ws"), timing, inert,
                () -> 1L, new Hearing(), 1, channel, levels, List.of(BTC), null, new MarketTrades());
    }

    /** Keeps the market data; the rest is not under test. */
    private final class Hearing implements VenueListener {
        @Override
        public void onBook(BookDepth book) {
            books.add(book);
        }

        @Override
        public void onQuote(Quote quote) {
            quotes.add(quote);
        }

        @Override
        public void onMarketDataStale(Symbol symbol, String reason) {
            stale.add(symbol.value());
        }

        @Override
        public void onOrderAccepted(ClientOrderId id, Symbol symbol, String venueOrderId) {
            // not under test
        }

        @Override
        public void onOrderRejected(ClientOrderId id, Symbol symbol, RejectionCode code, String message) {
            // not under test
        }

        @Override
        public void onFill(Fill fill) {
            // not under test
        }

        @Override
        public void onOrderCancelled(ClientOrderId id, Symbol symbol, String reason) {
            // not under test
        }

        @Override
        public void onConnectionChanged(boolean connected, String detail) {
            // not under test
        }
    }
}
