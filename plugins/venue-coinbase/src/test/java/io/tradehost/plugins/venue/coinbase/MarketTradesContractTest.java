package io.tradehost.plugins.venue.coinbase;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.market.Trade;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import io.tradehost.exchange.auth.KeyType;
import io.tradehost.exchange.engine.ExchangeFill;
import io.tradehost.exchange.fault.Fault;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The venue's public trades against the local exchange over real sockets on 127.0.0.1: every
 * execution there (a fill taken or made, the synthetic market's print of each step) reaches the
 * host once, whole, with the aggressor's side, including the trades a snapshot repeats or recovers
 * after a reconnect or a resubscription. The exchange's market moves only when a test steps it; waits are bounded.
 */
@Timeout(60)
class MarketTradesContractTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Symbol BTC = Symbol.of("BTC-USD");

    @TempDir
    Path dir;
    private ExchangeHarness h;
    private int ids;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    /** A venue connected and subscribed to BTC-USD, its book synced. */
    private CoinbaseVenue subscribed() throws Exception {
        h = new ExchangeHarness(dir, KeyType.ED25519, 100);
        CoinbaseVenue venue = h.connect(Map.of());
        venue.subscribe(Set.of(BTC));
        assertThat(h.listener.await(WAIT, l -> l.quoteCount() >= 1)).isTrue();
        return venue;
    }

    @Test
    void everyExecutionReachesTheHostOnceAsAPublicTradeWithTheAggressorsSide() throws Exception {
        CoinbaseVenue venue = subscribed();
        assertThat(venue.publishesTrades()).isTrue();
        ClientOrderId taken = nextId();
        venue.place(OrderRequest.market(taken, BTC, Side.BUY, Quantity.of(h.bestAskSize("BTC-USD")
                .add(new BigDecimal("0.5")))));
        List<Trade> bought = trades(fillsOf(taken), Side.BUY);
        assertThat(bought).hasSize(2);
        assertThat(h.listener.await(WAIT, l -> l.trades().size() == 2)).isTrue();
        assertThat(h.listener.trades()).containsExactlyElementsOf(bought);

        BigDecimal bid = h.bestBid("BTC-USD");
        ClientOrderId resting = nextId();
        venue.place(new OrderRequest(resting, BTC, Side.BUY, OrderType.LIMIT, Quantity.of("0.01"), Price.of(bid),
                TimeInForce.GTC, false, false));
        int steps = 0;
        while (steps < 2_000 && h.exchange.engine().fills(List.of(venueId(resting)), List.of()).isEmpty()) {
            h.exchange.engine().tick();
            steps++;
        }
        // someone sold into the resting buy: the seller was the aggressor
        List<Trade> made = trades(fillsOf(resting), Side.SELL);
        assertThat(made).isNotEmpty().allSatisfy(t -> assertThat(t.price()).isEqualTo(Price.of(bid)));
        int all = bought.size() + steps + made.size();
        assertThat(h.listener.await(WAIT, l -> l.trades().size() == all)).isTrue();
        List<Trade> heard = h.listener.trades();
        assertThat(heard.subList(heard.size() - made.size(), heard.size())).containsExactlyElementsOf(made);
        // one print a step, as the market moved: an aggressor always, ids never repeated
        List<Trade> prints = heard.subList(bought.size(), bought.size() + steps);
        assertThat(prints).allSatisfy(t -> {
            assertThat(t.tradeId()).startsWith("market-");
            assertThat(t.aggressor()).isNotNull();
            assertThat(t.symbol()).isEqualTo(BTC);
        });
        assertThat(heard.stream().map(Trade::tradeId).distinct().count()).isEqualTo(all);
        assertThat(venue.feedStats()).containsEntry("trades", (long) all).containsEntry("market_bad_messages", 0L);
    }

    @Test
    void aReconnectsSnapshotRecoversTheTradesMissedAndReportsNoneTwice() throws Exception {
        CoinbaseVenue venue = subscribed();
        ClientOrderId[] before = {nextId(), nextId(), nextId()};
        for (ClientOrderId id : before) {
            venue.place(OrderRequest.market(id, BTC, Side.BUY, Quantity.of("0.01")));
        }
        assertThat(h.listener.await(WAIT, l -> l.trades().size() == 3)).isTrue();
        h.exchange.inject(Fault.TCP_CLOSE, 1, 0);
        assertThat(h.listener.await(WAIT, l -> l.count("connection false") >= 1)).isTrue();
        // the market feed is down or coming back: this trade reaches it in the next snapshot (or after it)
        ClientOrderId missed = nextId();
        venue.place(OrderRequest.market(missed, BTC, Side.SELL, Quantity.of("0.01")));
        assertThat(h.listener.await(WAIT, l -> l.trades().size() == 4)).isTrue();
        List<Trade> expected = new ArrayList<>();
        for (ClientOrderId id : before) {
            expected.addAll(trades(fillsOf(id), Side.BUY));
        }
        expected.addAll(trades(fillsOf(missed), Side.SELL));
        assertThat(h.listener.trades()).containsExactlyElementsOf(expected);
        assertThat(venue.feedStats().get("market_reconnects")).isGreaterThanOrEqualTo(1);
        assertThat(venue.feedStats().get("repeated_trades")).as("the snapshot repeated the first three")
                .isGreaterThanOrEqualTo(3);
        assertThat(venue.feedStats().get("trades")).isEqualTo(4);
    }

    @Test
    void aResubscriptionWithMoreSymbolsReportsNoTradeTwice() throws Exception {
        CoinbaseVenue venue = subscribed();
        ClientOrderId first = nextId();
        venue.place(OrderRequest.market(first, BTC, Side.BUY, Quantity.of("0.01")));
        assertThat(h.listener.await(WAIT, l -> l.trades().size() == 1)).isTrue();
        Symbol eth = Symbol.of("ETH-USD");
        // a new market feed, whose BTC-USD snapshot repeats the first trade
        venue.subscribe(Set.of(BTC, eth));
        ClientOrderId second = nextId();
        venue.place(OrderRequest.market(second, eth, Side.BUY, Quantity.of("0.01")));
        assertThat(h.listener.await(WAIT, l -> l.trades().size() == 2)).isTrue();
        // heard after the new feed's BTC-USD snapshot, in it or after it
        ClientOrderId third = nextId();
        venue.place(OrderRequest.market(third, BTC, Side.SELL, Quantity.of("0.01")));
        assertThat(h.listener.await(WAIT, l -> l.trades().size() == 3)).isTrue();
        List<Trade> expected = new ArrayList<>(trades(fillsOf(first), Side.BUY));
        expected.addAll(trades(fillsOf(second), Side.BUY));
        expected.addAll(trades(fillsOf(third), Side.SELL));
        assertThat(h.listener.trades()).containsExactlyElementsOf(expected);
        assertThat(venue.feedStats().get("repeated_trades")).isGreaterThanOrEqualTo(1);
    }

    private ClientOrderId nextId() {
        return ClientOrderId.of("run1", ++ids);
    }

    private String venueId(ClientOrderId id) {
        return h.exchange.engine().orders(false, List.of()).stream().filter(o -> o.clientOrderId.equals(id.value()))
                .findFirst().orElseThrow().orderId;
    }

    /** The exchange's fills of order {@code id}, oldest first. */
    private List<ExchangeFill> fillsOf(ClientOrderId id) {
        return h.exchange.engine().fills(List.of(venueId(id)), List.of()).reversed();
    }

    /** The public trades {@code fills} should be, as the host hears them. */
    private static List<Trade> trades(List<ExchangeFill> fills, Side aggressor) {
        return fills.stream().map(f -> new Trade(Symbol.of(f.productId()), Price.of(f.price()), Quantity.of(f.size()),
                aggressor, f.tradeId(), f.tradeTimeMillis() * 1_000_000L)).toList();
    }
}
