package io.tradehost.plugins.venue.coinbase.feed;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradehost.api.market.Trade;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.plugins.venue.coinbase.wire.Wire;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code market_trades} channel read into the host's trades. Every trade of a message is checked
 * (a subscribed product, a trade id of at most {@value #MAX_ID_CHARS} characters, a positive price
 * and size, an RFC 3339 time) and a message with any bad one is dropped whole; the good ones are
 * reported oldest first, each trade id once per product however often the feed repeats it (the
 * snapshot after every subscription repeats recent trades): the last {@value #REMEMBERED} ids of
 * each product are remembered, across reconnects and across the market feeds a venue replaces when
 * its symbols change, so a venue keeps one. Thread-safe.
 */
public final class MarketTrades {
    /** Trade ids remembered per product: far more than a snapshot repeats. */
    static final int REMEMBERED = 1_000;
    static final int MAX_ID_CHARS = 128;
    /**
     * Coinbase does not say in which order a message lists its trades: by time, then by trade id
     * where both are numbers (Coinbase's are, and rise), else as sent.
     */
    private static final Comparator<Trade> OLDEST_FIRST = Comparator.comparingLong(Trade::timestampNanos)
            .thenComparingInt(t -> numericId(t) < 0 ? 1 : 0).thenComparingLong(MarketTrades::numericId);

    private final Map<String, Set<String>> seen = new HashMap<>();
    private long reported;
    private long repeated;

    /** A memory of no trades, taking none until a feed adds its symbols. */
    public MarketTrades() {
        // symbols come with each market feed
    }

    /** Takes trades of {@code symbols} too (of none before this). */
    synchronized void add(List<Symbol> symbols) {
        symbols.forEach(s -> seen.putIfAbsent(s.value(), new LinkedHashSet<>()));
    }

    /**
     * The trades of one {@code market_trades} message not reported before, oldest first.
     *
     * @throws Feed.BadData if the message or any of its trades is unusable; then nothing is remembered
     */
    synchronized List<Trade> read(JsonNode message) throws Feed.BadData {
        JsonNode events = message.path("events");
        if (!events.isArray()) {
            throw new Feed.BadData("trades_no_events", "market_trades without events", false);
        }
        List<Trade> trades = new ArrayList<>();
        for (JsonNode event : events) {
            String type = event.path("type").asText("");
            if (!type.equals("snapshot") && !type.equals("update")) {
                throw new Feed.BadData("trades_unknown_type", "market_trades event type '" + shown(type) + "'", false);
            }
            JsonNode list = event.path("trades");
            if (!list.isArray()) {
                throw new Feed.BadData("trades_no_trades", "market_trades event without trades", false);
            }
            for (JsonNode t : list) {
                trades.add(trade(t));
            }
        }
        trades.sort(OLDEST_FIRST);
        List<Trade> fresh = new ArrayList<>();
        for (Trade t : trades) {
            if (remember(t)) {
                fresh.add(t);
            } else {
                repeated++;
            }
        }
        reported += fresh.size();
        return fresh;
    }

    private Trade trade(JsonNode t) throws Feed.BadData {
        String product = t.path("product_id").asText("");
        if (!seen.containsKey(product)) {
            throw new Feed.BadData("trades_unknown_product", "a trade of unsubscribed product '" + shown(product) + "'",
                    false);
        }
        JsonNode id = t.get("trade_id");
        if (id == null || !(id.isTextual() || id.isIntegralNumber()) || id.asText().isEmpty()
                || id.asText().length() > MAX_ID_CHARS) {
            throw new Feed.BadData("trades_bad_id", "a trade without a usable trade_id", false);
        }
        long time = Wire.nanos(t.path("time").asText(""));
        if (time <= 0) {
            throw new Feed.BadData("trades_bad_time", "a trade without a readable time", false);
        }
        try {
            return new Trade(Symbol.of(product), Price.of(Wire.text(t, "price")), Quantity.of(Wire.text(t, "size")),
                    aggressor(t.path("side").asText("")), id.asText(), time);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new Feed.BadData("trades_bad_number", "a trade's price or size is not a positive decimal", false);
        }
    }

    /**
     * The side that took liquidity. Coinbase's {@code side} on market_trades is the maker's, the
     * resting order's (a buyer lifting the offer prints SELL), as its Exchange feed documents for
     * matches and as NautilusTrader's adapter and captures checked against the live book read it;
     * its Advanced Trade reference does not settle it. Anything but BUY or SELL: unknown.
     */
    static Side aggressor(String makerSide) {
        return switch (makerSide.toUpperCase(Locale.ROOT)) {
            case "BUY" -> Side.SELL;
            case "SELL" -> Side.BUY;
            default -> null;
        };
    }

    /** Whether {@code t}'s id is new for its product; remembers it, forgetting the oldest past the cap. */
    private boolean remember(Trade t) {
        Set<String> ids = seen.get(t.symbol().value());
        if (!ids.add(t.tradeId())) {
            return false;
        }
        if (ids.size() > REMEMBERED) {
            Iterator<String> oldest = ids.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    /** The id as a number, or -1 when it is not a plain one. */
    private static long numericId(Trade t) {
        String id = t.tradeId();
        if (id.isEmpty() || id.length() > 18 || !id.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(id);
    }

    /** At most 40 characters of what a feed sent, for a log line. */
    private static String shown(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    /** Trades reported so far. */
    public synchronized long reported() {
        return reported;
    }

    /** Trades dropped as already reported. */
    public synchronized long repeated() {
        return repeated;
    }
}
