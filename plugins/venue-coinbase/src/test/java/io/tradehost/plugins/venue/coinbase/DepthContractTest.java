package io.tradehost.plugins.venue.coinbase;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.market.BookDepth;
import io.tradehost.api.market.BookLevel;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.venue.VenueContext;
import io.tradehost.exchange.auth.KeyType;
import io.tradehost.exchange.engine.EngineListener;
import io.tradehost.exchange.fault.Fault;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The venue's depth against the local exchange over real sockets on 127.0.0.1: the best levels of
 * the exchange's level2 book reach the host whole after the snapshot, after a fill took from the
 * touch, after each market step, and again after a dropped connection's fresh snapshot. The
 * exchange's market moves only when a test steps it; waits are bounded.
 */
@Timeout(60)
class DepthContractTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Symbol BTC = Symbol.of("BTC-USD");
    private static final int LEVELS = 5;

    @TempDir
    Path dir;
    private ExchangeHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    /** The exchange's best {@link #LEVELS} levels a side of BTC-USD now, as the venue should report them. */
    private BookDepth exchangeBook() {
        List<EngineListener.Level> all = h.exchange.engine().snapshot("BTC-USD");
        Comparator<BookLevel> byPrice = Comparator.comparing(BookLevel::price);
        List<BookLevel> bids = all.stream().filter(EngineListener.Level::bid).map(DepthContractTest::level)
                .sorted(byPrice.reversed()).limit(LEVELS).toList();
        List<BookLevel> asks = all.stream().filter(l -> !l.bid()).map(DepthContractTest::level).sorted(byPrice)
                .limit(LEVELS).toList();
        return new BookDepth(BTC, bids, asks, 0);
    }

    private static BookLevel level(EngineListener.Level l) {
        return new BookLevel(Price.of(l.price()), Quantity.of(l.size()));
    }

    /** The levels of {@code book}, without its time (the venue's clock, not the exchange's). */
    private static BookDepth levels(BookDepth book) {
        return new BookDepth(book.symbol(), book.bids(), book.asks(), 0);
    }

    private List<BookDepth> heard() {
        return h.listener.books().stream().map(DepthContractTest::levels).toList();
    }

    @Test
    void theExchangesBestLevelsReachTheHostWheneverTheyChangeAndAgainAfterAReconnect() throws Exception {
        h = new ExchangeHarness(dir, KeyType.ED25519, 100);
        CoinbaseVenue venue = h.connect(Map.of("depth_levels", LEVELS));
        assertThat(venue.publishesDepth()).isTrue();
        venue.subscribe(Set.of(BTC));
        assertThat(h.listener.await(WAIT, l -> l.books().size() == 1)).isTrue();
        BookDepth snapshot = exchangeBook();
        assertThat(snapshot.bids()).hasSize(LEVELS);
        assertThat(snapshot.asks()).hasSize(LEVELS);
        assertThat(heard()).containsExactly(snapshot);

        // a buy takes part of the best ask: the host hears the rest of it, the other levels as they were
        BigDecimal bestAskSize = h.bestAskSize("BTC-USD");
        venue.place(OrderRequest.market(ClientOrderId.of("run1", 1), BTC, Side.BUY, Quantity.of("0.01")));
        assertThat(h.listener.await(WAIT, l -> l.books().size() == 2)).isTrue();
        BookDepth taken = exchangeBook();
        assertThat(taken.asks().getFirst().size()).isEqualTo(Quantity.of(bestAskSize.subtract(new BigDecimal("0.01"))));
        assertThat(taken.asks().subList(1, LEVELS)).isEqualTo(snapshot.asks().subList(1, LEVELS));
        assertThat(heard()).containsExactly(snapshot, taken);

        // each market step re-ladders the exchange's book: one report a step, the last the book as it is now
        for (int i = 0; i < 3; i++) {
            h.exchange.engine().tick();
        }
        assertThat(h.listener.await(WAIT, l -> l.books().size() == 5)).isTrue();
        BookDepth stepped = exchangeBook();
        assertThat(heard().getLast()).isEqualTo(stepped);

        // a dropped connection: the data goes stale, and the fresh snapshot is reported though nothing moved
        h.exchange.inject(Fault.TCP_CLOSE, 1, 0);
        assertThat(h.listener.await(WAIT, l -> l.books().size() == 6 && l.count("stale BTC-USD") == 1)).isTrue();
        assertThat(heard().getLast()).isEqualTo(stepped);
        assertThat(exchangeBook()).isEqualTo(stepped);
        assertThat(venue.feedStats()).containsEntry("depths", 6L).containsEntry("market_bad_messages", 0L);
    }

    @Test
    void noDepthWithZeroLevelsOrOnTheTickerChannel() throws Exception {
        h = new ExchangeHarness(dir, KeyType.ED25519, 100);
        CoinbaseVenue venue = h.connect(Map.of("depth_levels", 0));
        assertThat(venue.publishesDepth()).isFalse();
        venue.subscribe(Set.of(BTC));
        assertThat(h.listener.await(WAIT, l -> l.quoteCount() >= 1)).isTrue();
        h.exchange.engine().tick();
        assertThat(h.listener.await(WAIT, l -> l.quoteCount() >= 2)).isTrue();
        assertThat(h.listener.books()).isEmpty();
        assertThat(venue.feedStats()).containsEntry("depths", 0L);

        CoinbaseVenue ticker = (CoinbaseVenue) new CoinbaseVenueFactory().create(new PluginConfig("venue.config",
                h.config(Map.of("market_channel", "ticker"))), new VenueContext(ExchangeHarness.WALL, h.scheduler,
                h.listener, h.credentials(), 11));
        assertThat(ticker.publishesDepth()).isFalse();
        ticker.close();
    }
}
