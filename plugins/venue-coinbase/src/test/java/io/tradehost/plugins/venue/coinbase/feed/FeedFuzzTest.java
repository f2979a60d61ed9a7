package io.tradehost.plugins.venue.coinbase.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.market.BookDepth;
import io.tradehost.api.market.Quote;
import io.tradehost.api.market.Trade;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.time.ScheduledTask;
import io.tradehost.api.time.Scheduler;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.venue.VenueListener;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A million mutated and random messages through the market and user feed parsers (everything after
 * the socket): nothing escapes, every unusable message is counted by kind, no quote published from
 * the fuzzed books is crossed or zero, and every trade reported has a bounded id. Seeded, so a failure repeats.
 */
class FeedFuzzTest {
    private static final int MESSAGES = 1_000_000;
    private static final String ENVELOPE = "{\"channel\":\"%s\",\"client_id\":\"\",\"timestamp\":\"2026-01-01T00:00:00Z\","
            + "\"sequence_num\":%%d,\"events\":[%s]}";
    private static final String[] TEMPLATES = {
        String.format(ENVELOPE, "l2_data", "{\"type\":\"snapshot\",\"product_id\":\"BTC-USD\",\"updates\":["
                + "{\"side\":\"bid\",\"event_time\":\"t\",\"price_level\":\"100.00\",\"new_quantity\":\"1.5\"},"
                + "{\"side\":\"offer\",\"event_time\":\"t\",\"price_level\":\"100.02\",\"new_quantity\":\"2\"}]}"),
        String.format(ENVELOPE, "l2_data", "{\"type\":\"update\",\"product_id\":\"BTC-USD\",\"updates\":["
                + "{\"side\":\"bid\",\"event_time\":\"t\",\"price_level\":\"100.01\",\"new_quantity\":\"0.5\"},"
                + "{\"side\":\"offer\",\"event_time\":\"t\",\"price_level\":\"100.02\",\"new_quantity\":\"0\"}]}"),
        String.format(ENVELOPE, "heartbeats", "{\"current_time\":\"2026-01-01 00:00:00 +0000 UTC\","
                + "\"heartbeat_counter\":\"7\"}"),
        String.format(ENVELOPE, "subscriptions", "{\"subscriptions\":{\"level2\":[\"BTC-USD\"]}}"),
        String.format(ENVELOPE, "ticker", "{\"type\":\"update\",\"tickers\":[{\"type\":\"ticker\","
                + "\"product_id\":\"BTC-USD\",\"price\":\"100.01\",\"best_bid\":\"100.00\",\"best_bid_quantity\":\"1\","
                + "\"best_ask\":\"100.02\",\"best_ask_quantity\":\"2\"}]}"),
        String.format(ENVELOPE, "user", "{\"type\":\"update\",\"orders\":[{\"order_id\":\"o-1\","
                + "\"client_order_id\":\"run-1\",\"product_id\":\"BTC-USD\",\"order_side\":\"BUY\",\"status\":\"OPEN\","
                + "\"cumulative_quantity\":\"0.5\",\"leaves_quantity\":\"0.5\",\"avg_price\":\"100\","
                + "\"total_fees\":\"0.3\"}]}"),
        String.format(ENVELOPE, "user", "{\"type\":\"snapshot\",\"orders\":[],\"positions\":{}}"),
        String.format(ENVELOPE, "market_trades", "{\"type\":\"snapshot\",\"trades\":[{\"trade_id\":\"11\","
                + "\"product_id\":\"BTC-USD\",\"price\":\"100.01\",\"size\":\"0.5\",\"side\":\"BUY\","
                + "\"time\":\"2026-01-01T00:00:00Z\"}]}"),
        String.format(ENVELOPE, "market_trades", "{\"type\":\"update\",\"trades\":[{\"trade_id\":\"12\","
                + "\"product_id\":\"BTC-USD\",\"price\":\"100.02\",\"size\":\"1\",\"side\":\"SELL\","
                + "\"time\":\"2026-01-01T00:00:01Z\"},{\"trade_id\":\"13\",\"product_id\":\"BTC-USD\","
                + "\"price\":\"100.00\",\"size\":\"2\",\"side\":\"BUY\",\"time\":\"2026-01-01T00:00:02Z\"}]}"),
        "{\"type\":\"error\",\"message\":\"boom\"}%.0s",
    };
    private static final String[] REPLACEMENTS = {"null", "\"\"", "-1", "1e400", "[]", "{}", "\"abc\"", "true",
        "\"-5\"", "\"0\"", "99999999999999999999999999999999", "\"NaN\"", "\"ask\"", "\"snapshot\""};
    private static final ScheduledTask NONE = new ScheduledTask() {
        @Override
        public void cancel() {
            // never scheduled
        }

        @Override
        public boolean isCancelled() {
            return true;
        }
    };

    @Test
    void aMillionBadMessagesCrashNothingAndAreCounted() {
        Recording listener = new Recording();
        Scheduler inert = new Scheduler() {
            @Override
            public ScheduledTask schedule(Duration delay, Runnable task) {
                return NONE;
            }

            @Override
            public ScheduledTask scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
                return NONE;
            }
        };
        AtomicLong clock = new AtomicLong(1);
        Feed.Timing timing = new Feed.Timing(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMillis(10),
                Duration.ofMillis(20));
        HttpClient http = HttpClient.newHttpClient();
        List<Symbol> btc = List.of(Symbol.of("BTC-USD"));
        MarketFeed market = new MarketFeed(http, URI.create("ws://127.0.0.1:1/ws"), timing, inert,
                clock::incrementAndGet, listener, 1, MarketFeed.Channel.LEVEL2, 10, btc, null, new MarketTrades());
        MarketFeed ticker = new MarketFeed(http, URI.create("ws://127.0.0.1:1/ws"), timing, inert,
                clock::incrementAndGet, listener, 2, MarketFeed.Channel.TICKER, 10, btc, null, new MarketTrades());
        UserFeed user = new UserFeed(http, URI.create("ws://127.0.0.1:1/ws/user"), timing, inert,
                clock::incrementAndGet, listener, 3, () -> "jwt", (orderId, id) -> List.of());
        List<Feed> feeds = List.of(market, ticker, user);
        SplittableRandom random = new SplittableRandom(20261202);
        for (int i = 0; i < MESSAGES; i++) {
            feeds.get(i % 3).inject(message(random, i / 3));
        }
        Map<String, Long> kinds = new TreeMap<>();
        long bad = 0;
        long received = 0;
        for (Feed f : feeds) {
            f.badMessages().counts().forEach((k, v) -> kinds.merge(k, v, Long::sum));
            bad += f.badMessages().total();
            received += f.messages();
        }
        assertThat(received).isEqualTo(MESSAGES);
        assertThat(bad).isGreaterThan(MESSAGES / 4);
        assertThat(kinds).containsKeys("malformed_json", "no_envelope", "l2_bad_number", "l2_bad_side",
                "user_bad_order", "ticker_bad_number", "trades_bad_number", "trades_bad_time", "trades_bad_id");
        assertThat(market.quotes()).isPositive();
        assertThat(listener.quotes).isNotEmpty().allSatisfy(q -> assertThat(q.defect()).isNull());
        // depth only from the level2 feed's usable books: never crossed, never more than the levels asked
        assertThat(market.depths()).isEqualTo(listener.books.size()).isPositive();
        assertThat(ticker.depths()).isZero();
        assertThat(listener.books).allSatisfy(b -> {
            assertThat(b.bids()).isNotEmpty().hasSizeLessThanOrEqualTo(10);
            assertThat(b.asks()).isNotEmpty().hasSizeLessThanOrEqualTo(10);
            assertThat(b.bids().getFirst().price()).isLessThan(b.asks().getFirst().price());
        });
        assertThat(listener.trades).isNotEmpty().allSatisfy(t -> assertThat(t.tradeId()).isNotEmpty()
                .hasSizeLessThanOrEqualTo(MarketTrades.MAX_ID_CHARS));
        System.getLogger("fuzz").log(System.Logger.Level.INFO, "fuzz: " + MESSAGES + " messages, " + bad
                + " bad, kinds " + kinds + ", quotes " + listener.quotes.size() + ", sequence gaps "
                + (market.gaps() + ticker.gaps() + user.gaps()));
    }

    private static String message(SplittableRandom random, long sequence) {
        int kind = random.nextInt(100);
        if (kind < 5) {
            return randomText(random);
        }
        String valid = String.format(TEMPLATES[random.nextInt(TEMPLATES.length)], sequence);
        if (kind < 35) {
            return valid;
        }
        if (kind < 50) {
            return valid.substring(0, random.nextInt(valid.length()));
        }
        if (kind < 65) {
            char[] chars = valid.toCharArray();
            for (int n = random.nextInt(1, 4); n > 0; n--) {
                chars[random.nextInt(chars.length)] = (char) random.nextInt(32, 127);
            }
            return new String(chars);
        }
        List<int[]> values = new ArrayList<>();
        for (int i = 0; i < valid.length(); i++) {
            if (valid.charAt(i) == ':') {
                int end = i + 1;
                int depth = 0;
                while (end < valid.length() && (depth > 0 || valid.charAt(end) != ',' && valid.charAt(end) != '}')) {
                    char c = valid.charAt(end);
                    depth += c == '[' || c == '{' ? 1 : c == ']' || c == '}' ? -1 : 0;
                    end++;
                }
                values.add(new int[] {i + 1, end});
            }
        }
        int[] v = values.get(random.nextInt(values.size()));
        return valid.substring(0, v[0]) + REPLACEMENTS[random.nextInt(REPLACEMENTS.length)] + valid.substring(v[1]);
    }

    private static String randomText(SplittableRandom random) {
        char[] chars = new char[random.nextInt(0, 200)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) random.nextInt(1, 0x3000);
        }
        return new String(chars);
    }

    private static final class Recording implements VenueListener {
        final List<Quote> quotes = new ArrayList<>();
        final List<Trade> trades = new ArrayList<>();
        final List<BookDepth> books = new ArrayList<>();

        @Override
        public void onQuote(Quote quote) {
            quotes.add(quote);
        }

        @Override
        public void onBook(BookDepth book) {
            books.add(book);
        }

        @Override
        public void onTrade(Trade trade) {
            trades.add(trade);
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
            // the fill source is empty
        }

        @Override
        public void onOrderCancelled(ClientOrderId id, Symbol symbol, String reason) {
            // not under test
        }

        @Override
        public void onConnectionChanged(boolean connected, String detail) {
            // lost connections reconnect through the inert scheduler: never
        }
    }
}
