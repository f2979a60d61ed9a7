package io.tradehost.exchange.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehost.exchange.engine.EngineListener;
import io.tradehost.exchange.engine.ExchangeFill;
import io.tradehost.exchange.engine.Listing;
import io.tradehost.exchange.engine.MatchingEngine;
import io.tradehost.exchange.engine.PlaceRequest;
import io.tradehost.exchange.engine.PlaceResult;
import io.tradehost.exchange.testing.RawWebSocket;
import io.tradehost.exchange.testing.TestExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code market_trades} channel over a real WebSocket on 127.0.0.1: a snapshot of the most recent
 * trades right after the acknowledgement, then every execution as an update (the account's fills,
 * taken or resting, and the synthetic market's print of each step) with the maker's side, only for
 * the subscribed products, never more than {@link StreamHub#TRADES_PER_MESSAGE} trades a message.
 * Messages are compared whole, bar the envelope's send time (checked to lie within the test). The
 * market moves only when a test steps it; reads are bounded by the socket's timeout.
 */
@Timeout(60)
class MarketTradesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BTC = "BTC-USD";
    private static final String PERP = "BTC-PERP-INTX";

    @TempDir
    Path dir;
    private TestExchange x;
    private MatchingEngine engine;
    private final Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private int ids;

    @BeforeEach
    void start() {
        x = new TestExchange(dir);
        engine = x.exchange.engine();
    }

    @AfterEach
    void stop() {
        x.close();
    }

    @Test
    void aSnapshotFollowsTheAcknowledgementThenEveryFillOfAnOrderComesInOneUpdateWithTheMakersSide() throws Exception {
        try (RawWebSocket ws = subscribed(PERP)) {
            List<ExchangeFill> fills = fills(place(PERP, "BUY", "market_market_ioc", bestSize(PERP, false)
                    .add(new BigDecimal("0.1")), null));
            assertThat(fills).hasSize(2);
            // a buyer took the offers: the makers sold
            assertThat(next(ws)).isEqualTo(message(2, "update", trades(fills, "SELL")));
            try (RawWebSocket late = new RawWebSocket(x.port(), "/ws")) {
                subscribe(late, "subscribe", PERP);
                assertThat(next(late)).isEqualTo(ack(PERP));
                assertThat(next(late)).isEqualTo(message(1, "snapshot", trades(fills, "SELL")));
            }
            List<ExchangeFill> sold = fills(place(PERP, "SELL", "market_market_ioc", new BigDecimal("0.5"), null));
            assertThat(next(ws)).isEqualTo(message(3, "update", trades(sold, "BUY")));
        }
    }

    @Test
    void aSnapshotCarriesTheFiftyMostRecentTradesOldestFirst() throws Exception {
        List<ExchangeFill> all = new ArrayList<>();
        for (int i = 0; i < StreamHub.RECENT_TRADES + 10; i++) {
            all.addAll(fills(place(BTC, "BUY", "market_market_ioc", new BigDecimal("0.001"), null)));
        }
        try (RawWebSocket ws = new RawWebSocket(x.port(), "/ws")) {
            subscribe(ws, "subscribe", BTC);
            assertThat(next(ws)).isEqualTo(ack(BTC));
            assertThat(next(ws)).isEqualTo(message(1, "snapshot", trades(all.subList(10, all.size()), "SELL")));
        }
    }

    @Test
    void eachMarketStepPrintsOneTradeAtTheTouchTheMidMovedTowardsAndARestingFillFollowsItAsMaker() throws Exception {
        BigDecimal limit = best(BTC, true);
        String order = place(BTC, "BUY", "limit_limit_gtc", new BigDecimal("0.01"), limit).order().orderId;
        try (RawWebSocket ws = subscribed(BTC)) {
            String prefix = null;
            long sequence = 2;
            for (int step = 1; step <= 2_000 && engine.fills(List.of(order), List.of()).isEmpty(); step++) {
                BigDecimal before = engine.mid(BTC);
                long from = System.currentTimeMillis();
                engine.tick();
                long to = System.currentTimeMillis();
                boolean up = engine.mid(BTC).compareTo(before) > 0;
                ObjectNode got = next(ws);
                ArrayNode trades = (ArrayNode) got.path("events").path(0).path("trades");
                ObjectNode print = (ObjectNode) trades.get(0);
                prefix = prefix != null ? prefix : print.path("trade_id").asText().replaceAll("\\d+$", "");
                long time = Instant.parse(print.path("time").asText()).toEpochMilli();
                assertThat(time).isBetween(from, to);
                // every listing prints once a step, BTC-USD first; sizes cycle through 1 to 7 minimum sizes
                long n = (step - 1L) * Listing.DEFAULTS.size() + 1;
                ObjectNode expectedPrint = trade("market", BTC, best(BTC, !up), new BigDecimal("0.00001")
                        .multiply(BigDecimal.valueOf(1 + (n - 1) % 7)).toPlainString(), up ? "SELL" : "BUY", time);
                expectedPrint.put("trade_id", prefix + n);
                List<ObjectNode> expected = new ArrayList<>(List.of(expectedPrint));
                // the market traded through the resting buy: it filled at its own price, a buy as maker
                expected.addAll(trades(fills(order), "BUY"));
                assertThat(got).isEqualTo(message(sequence++, "update", expected));
            }
            assertThat(prefix).startsWith("market-");
            assertThat(fills(order)).isNotEmpty().allSatisfy(f -> assertThat(f.price()).isEqualByComparingTo(limit));
        }
    }

    @Test
    void onlyTheSubscribedProductsGetTradesAndAnUnsubscribedConnectionNone() throws Exception {
        try (RawWebSocket ws = subscribed("ETH-USD")) {
            place(BTC, "BUY", "market_market_ioc", new BigDecimal("0.001"), null);
            List<ExchangeFill> eth = fills(place("ETH-USD", "BUY", "market_market_ioc", new BigDecimal("0.01"), null));
            // messages on a connection keep their order: a BTC-USD trade would have come first
            assertThat(next(ws)).isEqualTo(message(2, "update", trades(eth, "SELL")));
            // a channel that sends nothing keeps the connection subscribed (else it is closed at 5 s)
            ws.sendText("{\"type\":\"subscribe\",\"channel\":\"status\",\"product_ids\":[\"ETH-USD\"]}");
            assertThat(next(ws).path("sequence_num").asLong()).isEqualTo(3);
            subscribe(ws, "unsubscribe", "ETH-USD");
            ObjectNode statusOnly = JSON.createObjectNode();
            statusOnly.put("channel", "subscriptions").put("client_id", "").put("sequence_num", 4);
            statusOnly.putArray("events").addObject().putObject("subscriptions").putArray("status").add("ETH-USD");
            assertThat(next(ws)).isEqualTo(reparsed(statusOnly));
            subscribe(ws, "subscribe", "DOGE-USD");
            assertThat(next(ws).toString()).isEqualTo("{\"type\":\"error\",\"message\":\"Failed to subscribe:"
                    + " unknown product 'DOGE-USD'\"}");
            place("ETH-USD", "BUY", "market_market_ioc", new BigDecimal("0.01"), null);
            ws.sendText("{\"type\":\"subscribe\",\"channel\":\"heartbeats\",\"product_ids\":[]}");
            assertThat(next(ws).path("sequence_num").asLong()).as("the acknowledgement, no trade before it")
                    .isEqualTo(5);
        }
    }

    @Test
    void aLongRunOfExecutionsIsSplitIntoMessagesOfAtMostTheCap() throws Exception {
        BigDecimal limit = best(BTC, false).subtract(new BigDecimal("0.01"));
        Set<String> orders = new HashSet<>();
        for (int i = 0; i < StreamHub.TRADES_PER_MESSAGE + 1; i++) {
            orders.add(place(BTC, "BUY", "limit_limit_gtc", new BigDecimal("0.001"), limit).order().orderId);
        }
        try (RawWebSocket ws = subscribed(BTC)) {
            for (int step = 0; step < 2_000 && engine.orders(true, List.of()).size() == orders.size(); step++) {
                engine.tick();
            }
            assertThat(engine.orders(true, List.of())).as("every resting buy filled in one step").isEmpty();
            Set<String> expected = new HashSet<>();
            engine.fills(List.copyOf(orders), List.of()).forEach(f -> expected.add(f.tradeId()));
            Set<String> seen = new HashSet<>();
            List<Integer> sizes = new ArrayList<>();
            while (!seen.containsAll(expected)) {
                JsonNode trades = next(ws).path("events").path(0).path("trades");
                sizes.add(trades.size());
                trades.forEach(t -> seen.add(t.path("trade_id").asText()));
            }
            // the step's print and 99 fills, then the last 2 fills
            assertThat(sizes.subList(sizes.size() - 2, sizes.size())).containsExactly(StreamHub.TRADES_PER_MESSAGE, 2);
        }
    }

    /** A connection subscribed to {@code product}'s trades, its acknowledgement and empty snapshot read. */
    private RawWebSocket subscribed(String product) throws IOException {
        RawWebSocket ws = new RawWebSocket(x.port(), "/ws");
        subscribe(ws, "subscribe", product);
        assertThat(next(ws)).isEqualTo(ack(product));
        assertThat(next(ws)).isEqualTo(message(1, "snapshot", List.of()));
        return ws;
    }

    private static void subscribe(RawWebSocket ws, String type, String product) throws IOException {
        ws.sendText("{\"type\":\"" + type + "\",\"product_ids\":[\"" + product + "\"],\"channel\":\"market_trades\"}");
    }

    /** The next message, its envelope's send time checked and taken out. */
    private ObjectNode next(RawWebSocket ws) throws IOException {
        ObjectNode m = (ObjectNode) JSON.readTree(ws.read().text());
        JsonNode sent = m.remove("timestamp");
        if (sent != null) {
            assertThat(Instant.parse(sent.asText())).isBetween(started, Instant.now());
        }
        return m;
    }

    private PlaceResult place(String product, String side, String configuration, BigDecimal size, BigDecimal limit) {
        PlaceResult r = engine.place(new PlaceRequest("c-" + ++ids, product, side, configuration, size, null, limit,
                null, null, false, 0, null, null));
        assertThat(r.error()).isNull();
        return r;
    }

    /** The order's fills, oldest first. */
    private List<ExchangeFill> fills(PlaceResult placed) {
        return fills(placed.order().orderId);
    }

    private List<ExchangeFill> fills(String orderId) {
        return engine.fills(List.of(orderId), List.of()).reversed();
    }

    private BigDecimal best(String product, boolean bid) {
        return engine.snapshot(product).stream().filter(l -> l.bid() == bid).map(l -> new BigDecimal(l.price()))
                .reduce(bid ? BigDecimal::max : BigDecimal::min).orElseThrow();
    }

    private BigDecimal bestSize(String product, boolean bid) {
        BigDecimal best = best(product, bid);
        return engine.snapshot(product).stream().filter(l -> l.bid() == bid && new BigDecimal(l.price())
                .compareTo(best) == 0).map(EngineListener.Level::size).map(BigDecimal::new).findFirst().orElseThrow();
    }

    private static ObjectNode ack(String product) {
        ObjectNode m = JSON.createObjectNode();
        m.put("channel", "subscriptions").put("client_id", "").put("sequence_num", 0);
        m.putArray("events").addObject().putObject("subscriptions").putArray("market_trades").add(product);
        return reparsed(m);
    }

    private static ObjectNode message(long sequence, String type, List<ObjectNode> trades) {
        ObjectNode m = JSON.createObjectNode();
        m.put("channel", "market_trades").put("client_id", "").put("sequence_num", sequence);
        ObjectNode event = m.putArray("events").addObject();
        event.put("type", type);
        event.putArray("trades").addAll(trades);
        return reparsed(m);
    }

    /** {@code m} as parsed from its text, so its numbers are the node types a read message has. */
    private static ObjectNode reparsed(ObjectNode m) {
        try {
            return (ObjectNode) JSON.readTree(m.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<ObjectNode> trades(List<ExchangeFill> fills, String makerSide) {
        return fills.stream().map(f -> trade(f.tradeId(), f.productId(), f.price(), f.size().toPlainString(), makerSide,
                f.tradeTimeMillis())).toList();
    }

    private static ObjectNode trade(String id, String product, BigDecimal price, String size, String side,
                                    long millis) {
        ObjectNode t = JSON.createObjectNode();
        t.put("trade_id", id).put("product_id", product).put("price", price.toPlainString()).put("size", size)
                .put("side", side).put("time", Instant.ofEpochMilli(millis).toString());
        return t;
    }
}
