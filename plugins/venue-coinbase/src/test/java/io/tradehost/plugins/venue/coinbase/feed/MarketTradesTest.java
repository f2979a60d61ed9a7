package io.tradehost.plugins.venue.coinbase.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.market.Quote;
import io.tradehost.api.market.Trade;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.time.ScheduledTask;
import io.tradehost.api.time.Scheduler;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.venue.VenueListener;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The market feed's {@code market_trades} parsing, everything after the socket: trades reported
 * oldest first with the aggressor opposite Coinbase's maker side (null when unknown), each trade id
 * once across a snapshot and updates, with a bounded memory of ids; a message with any bad trade
 * counted by kind and dropped whole, the feed carrying on in sync.
 */
class MarketTradesTest {
    private static final Symbol BTC = Symbol.of("BTC-USD");
    private static final String T1 = "2026-01-01T00:00:01.000001Z";
    private static final String T2 = "2026-01-01T00:00:02Z";

    private final List<Trade> heard = new ArrayList<>();
    private final MarketTrades tape = new MarketTrades();
    private final MarketFeed feed = feed(MarketFeed.Channel.LEVEL2);
    private long sequence;

    @Test
    void aSnapshotThenUpdatesAreReportedOldestFirstEachTradeIdOnce() {
        send("snapshot", trade("101", "BUY", "100.5", "0.25", T2) + "," + trade("100", "SELL", "100.4", "1", T1));
        assertThat(heard).containsExactly(
                new Trade(BTC, Price.of("100.4"), Quantity.of("1"), Side.BUY, "100", nanos(T1)),
                new Trade(BTC, Price.of("100.5"), Quantity.of("0.25"), Side.SELL, "101", nanos(T2)));
        send("update", trade("101", "BUY", "100.5", "0.25", T2) + "," + trade("102", "UNKNOWN_SIDE", "100.6", "2", T2));
        assertThat(heard).hasSize(3).last().isEqualTo(new Trade(BTC, Price.of("100.6"), Quantity.of("2"), null, "102",
                nanos(T2)));
        assertThat(tape.reported()).isEqualTo(3);
        assertThat(tape.repeated()).isEqualTo(1);
        assertThat(feed.badMessages().total()).isZero();
    }

    @Test
    void tradesOfOneTimeAreOrderedByNumericIdElseKeptAsSent() {
        send("update", trade("10", "BUY", "1", "1", T1) + "," + trade("9", "BUY", "1", "1", T1) + ","
                + trade("b", "BUY", "1", "1", T1) + "," + trade("a", "BUY", "1", "1", T1));
        assertThat(heard).extracting(Trade::tradeId).containsExactly("9", "10", "b", "a");
    }

    @Test
    void aMessageWithAnyBadTradeIsCountedByKindAndDroppedWhole() {
        String good = trade("1", "BUY", "100", "1", T1);
        // numbered as built, so sent in that order
        List<Map.Entry<String, String>> bad = List.of(
                Map.entry("trades_no_events", envelope("{}").replace("\"events\":[{}]", "\"events\":{}")),
                Map.entry("trades_unknown_type", envelope("{\"type\":\"delta\",\"trades\":[]}")),
                Map.entry("trades_no_trades", envelope("{\"type\":\"update\",\"trades\":{}}")),
                Map.entry("trades_unknown_product", event(good + "," + trade("2", "BUY", "1", "1", T1)
                        .replace("BTC-USD", "ETH-USD"))),
                Map.entry("trades_bad_id", event(good + "," + trade("x".repeat(MarketTrades.MAX_ID_CHARS + 1), "BUY",
                        "1", "1", T1))),
                Map.entry("trades_bad_time", event(good + "," + trade("3", "BUY", "1", "1", "yesterday"))),
                Map.entry("trades_bad_number", event(good + "," + trade("4", "BUY", "1", "0", T1))));
        bad.forEach(e -> feed.inject(e.getValue()));
        feed.inject(event(trade("5", "BUY", "-1", "1", T1)));
        feed.inject(event(trade("6", "BUY", "1e400", "1", T1)));
        feed.inject(event("{\"trade_id\":{},\"product_id\":\"BTC-USD\",\"price\":\"1\",\"size\":\"1\",\"time\":\"" + T1
                + "\"}"));
        assertThat(heard).isEmpty();
        assertThat(feed.badMessages().counts()).containsOnlyKeys(bad.stream().map(Map.Entry::getKey).toList())
                .containsEntry("trades_bad_number", 3L)
                .containsEntry("trades_bad_id", 2L);
        // nothing of a dropped message was remembered: its good trade is reported when it comes again
        feed.inject(event(good));
        assertThat(heard).extracting(Trade::tradeId).containsExactly("1");
        assertThat(feed.gaps()).isZero();
    }

    @Test
    void theIdsRememberedPerProductAreBounded() {
        StringBuilder many = new StringBuilder();
        for (int i = 1; i <= MarketTrades.REMEMBERED + 1; i++) {
            many.append(i == 1 ? "" : ",").append(trade(String.valueOf(i), "SELL", "1", "1", T1));
        }
        send("update", many.toString());
        send("snapshot", trade("1", "SELL", "1", "1", T1) + "," + trade(String.valueOf(MarketTrades.REMEMBERED + 1),
                "SELL", "1", "1", T1));
        assertThat(heard).hasSize(MarketTrades.REMEMBERED + 2).last().extracting(Trade::tradeId).isEqualTo("1");
        assertThat(tape.repeated()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(MarketFeed.Channel.class)
    void marketTradesIsSubscribedForTheSymbolsWhicheverChannelCarriesQuotes(MarketFeed.Channel channel) {
        assertThat(feed(channel).subscribeMessages()).contains(
                "{\"type\":\"subscribe\",\"channel\":\"market_trades\",\"product_ids\":[\"BTC-USD\"]}");
    }

    @Test
    void aggressorIsTheOtherSideOfTheMakersAndUnknownOtherwise() {
        assertThat(MarketTrades.aggressor("BUY")).isEqualTo(Side.SELL);
        assertThat(MarketTrades.aggressor("sell")).isEqualTo(Side.BUY);
        assertThat(MarketTrades.aggressor("")).isNull();
        assertThat(MarketTrades.aggressor("UNKNOWN_ORDER_SIDE")).isNull();
    }

    private void send(String type, String trades) {
        feed.inject(envelope("{\"type\":\"" + type + "\",\"trades\":[" + trades + "]}"));
    }

    /** An update with {@code trades}, numbered next. */
    private String event(String trades) {
        return envelope("{\"type\":\"update\",\"trades\":[" + trades + "]}");
    }

    private String envelope(String event) {
        return "{\"channel\":\"market_trades\",\"client_id\":\"\",\"timestamp\":\"" + T2 + "\",\"sequence_num\":"
                + sequence++ + ",\"events\":[" + event + "]}";
    }

    private static String trade(String id, String side, String price, String size, String time) {
        return "{\"trade_id\":\"" + id + "\",\"product_id\":\"BTC-USD\",\"price\":\"" + price + "\",\"size\":\"" + size
                + "\",\"side\":\"" + side + "\",\"time\":\"" + time + "\"}";
    }

    private static long nanos(String time) {
        Instant t = Instant.parse(time);
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private MarketFeed feed(MarketFeed.Channel channel) {
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
                () -> 1L, new Hearing(), 1, channel, 0, List.of(BTC), null, tape);
    }

    /** Keeps the trades; the rest is not under test. */
    private final class Hearing implements VenueListener {
        @Override
        public void onTrade(Trade trade) {
            heard.add(trade);
        }

        @Override
        public void onQuote(Quote quote) {
            // not under test
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
