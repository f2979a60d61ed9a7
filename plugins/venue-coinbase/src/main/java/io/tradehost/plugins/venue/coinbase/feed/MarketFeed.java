package io.tradehost.plugins.venue.coinbase.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehost.api.market.BookDepth;
import io.tradehost.api.market.Quote;
import io.tradehost.api.time.Clock;
import io.tradehost.api.time.Scheduler;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.venue.VenueListener;
import io.tradehost.plugins.venue.coinbase.wire.Wire;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Market data: {@code level2} (books from the snapshot and absolute-size updates, every event of a
 * message applied, the mark the mid of best bid and ask) with {@code heartbeats} on the same
 * connection, or {@code ticker} as the fallback (best bid and ask as sent), and the public trades of
 * {@code market_trades} ({@link MarketTrades}: each trade id once). A quote is published only from a
 * synced, uncrossed book and only when its top changed, and so is the book's depth (level2 only,
 * its best {@code depthLevels} levels a side) only when one of those levels changed, not on updates
 * further down; a lost connection resets every book, so nothing is published from a broken one
 * until its fresh snapshot (which is published again even when it shows the same levels). Thread-safe.
 */
public final class MarketFeed extends Feed {
    /** Which channel carries the quotes. */
    public enum Channel {
        LEVEL2,
        TICKER
    }

    private final Channel channel;
    private final int depthLevels;
    private final List<Symbol> symbols;
    private final Supplier<String> jwt;
    private final Map<String, OrderBook> books = new LinkedHashMap<>();
    private final Map<String, String> lastTop = new LinkedHashMap<>();
    private final Map<String, BookDepth> lastBook = new LinkedHashMap<>();
    private final Map<String, Boolean> tickerSeen = new LinkedHashMap<>();
    private final MarketTrades trades;
    private long quotes;
    private long depths;
    private long staleFlags;

    /**
     * @param depthLevels how many levels a side of each level2 book to publish as depth; zero for none
     * @param jwt a token for the subscriptions, or {@code null} to subscribe without one
     * @param trades the venue's memory of the public trades reported, which takes {@code symbols} too
     */
    public MarketFeed(HttpClient http, URI uri, Timing timing, Scheduler scheduler, Clock clock,
                      VenueListener listener, long seed, Channel channel, int depthLevels, List<Symbol> symbols,
                      Supplier<String> jwt, MarketTrades trades) {
        super("market data", http, uri, timing, scheduler, clock, listener, seed);
        this.channel = channel;
        this.depthLevels = channel == Channel.LEVEL2 ? depthLevels : 0;
        this.symbols = List.copyOf(symbols);
        this.jwt = jwt;
        symbols.forEach(s -> books.put(s.value(), new OrderBook()));
        this.trades = trades;
        trades.add(symbols);
    }

    @Override
    protected List<String> subscribeMessages() {
        List<String> out = new ArrayList<>();
        out.add(subscribe("heartbeats", List.of()));
        out.add(subscribe(channel == Channel.LEVEL2 ? "level2" : "ticker", symbols));
        out.add(subscribe("market_trades", symbols));
        return out;
    }

    private String subscribe(String name, List<Symbol> products) {
        ObjectNode m = JSON.createObjectNode();
        m.put("type", "subscribe");
        m.put("channel", name);
        var ids = m.putArray("product_ids");
        products.forEach(p -> ids.add(p.value()));
        if (jwt != null) {
            m.put("jwt", jwt.get());
        }
        return m.toString();
    }

    /** Resets every book and flags the symbols whose data the host had stale (once per loss). */
    @Override
    protected synchronized void onLost(String why) {
        books.forEach((product, book) -> {
            if (book.isSynced() || tickerSeen.containsKey(product)) {
                listener.onMarketDataStale(Symbol.of(product), "market data lost: " + why);
                staleFlags++;
            }
            book.reset();
        });
        lastTop.clear();
        lastBook.clear();
        tickerSeen.clear();
    }

    /** Symbols flagged stale so far (one per symbol per loss). */
    public synchronized long staleFlags() {
        return staleFlags;
    }

    @Override
    protected synchronized boolean isSynced() {
        if (channel == Channel.TICKER) {
            return tickerSeen.size() == books.size();
        }
        return books.values().stream().allMatch(OrderBook::isSynced);
    }

    @Override
    protected void onMessage(String name, JsonNode message) throws BadData {
        JsonNode events = message.path("events");
        if (name.equals("l2_data")) {
            if (!events.isArray()) {
                throw new BadData("l2_no_events", "l2_data without events", true);
            }
            for (JsonNode event : events) {
                level2(event);
            }
        } else if (name.equals("ticker")) {
            for (JsonNode event : events) {
                for (JsonNode t : event.path("tickers")) {
                    ticker(t, message);
                }
            }
        } else if (name.equals("market_trades")) {
            trades.read(message).forEach(listener::onTrade);
        }
    }

    private void level2(JsonNode event) throws BadData {
        String product = event.path("product_id").asText("");
        String type = event.path("type").asText("");
        List<Quote> out = new ArrayList<>();
        BookDepth depth;
        synchronized (this) {
            OrderBook book = books.get(product);
            if (book == null) {
                throw new BadData("l2_unknown_product", "level2 for unsubscribed product '" + product + "'", false);
            }
            if (type.equals("snapshot")) {
                book.beginSnapshot();
            } else if (!type.equals("update")) {
                throw new BadData("l2_unknown_type", "level2 event type '" + type + "'", true);
            } else if (!book.isSynced()) {
                throw new BadData("l2_update_before_snapshot", "level2 update before its snapshot", true);
            }
            JsonNode updates = event.path("updates");
            if (!updates.isArray()) {
                throw new BadData("l2_no_updates", "level2 event without updates", true);
            }
            try {
                for (JsonNode u : updates) {
                    String side = u.path("side").asText("");
                    boolean bid = side.equals("bid");
                    if (!bid && !side.equals("offer") && !side.equals("ask")) {
                        throw new BadData("l2_bad_side", "level side '" + side + "'", true);
                    }
                    book.set(bid, new BigDecimal(Wire.text(u, "price_level")), new BigDecimal(Wire.text(u, "new_quantity")));
                }
            } catch (NumberFormatException e) {
                book.reset();
                throw new BadData("l2_bad_number", "level price or size is not a decimal", true);
            } catch (IllegalArgumentException e) {
                book.reset();
                throw new BadData("l2_bad_level", e.getMessage(), true);
            } catch (BadData e) {
                book.reset();
                throw e;
            }
            Quote q = quoteOf(product, book);
            if (q != null) {
                out.add(q);
            }
            try {
                depth = depthOf(product, book);
            } catch (IllegalArgumentException | ArithmeticException e) {
                // a level the host cannot hold (more decimals than it keeps): no depth, the quote still goes
                depth = null;
                lastBook.remove(product);
            }
        }
        out.forEach(listener::onQuote);
        if (depth != null) {
            listener.onBook(depth);
        }
    }

    /** The book's best levels, or null when depth is off, the book unusable, or those levels as last published. */
    private BookDepth depthOf(String product, OrderBook book) {
        if (depthLevels == 0 || !book.isUsable()) {
            return null;
        }
        BookDepth depth = new BookDepth(Symbol.of(product), book.top(true, depthLevels), book.top(false, depthLevels),
                clock.nanos());
        BookDepth last = lastBook.put(product, depth);
        if (last != null && last.bids().equals(depth.bids()) && last.asks().equals(depth.asks())) {
            return null;
        }
        depths++;
        return depth;
    }

    private Quote quoteOf(String product, OrderBook book) {
        if (!book.isUsable()) {
            return null;
        }
        var bid = book.bestBid();
        var ask = book.bestAsk();
        String top = bid.getKey() + "x" + bid.getValue() + "/" + ask.getKey() + "x" + ask.getValue();
        if (top.equals(lastTop.put(product, top))) {
            return null;
        }
        quotes++;
        return new Quote(Symbol.of(product), Price.of(bid.getKey()), Quantity.of(bid.getValue()),
                Price.of(ask.getKey()), Quantity.of(ask.getValue()), clock.nanos());
    }

    private void ticker(JsonNode t, JsonNode message) throws BadData {
        String product = t.path("product_id").asText("");
        Quote q;
        synchronized (this) {
            if (!books.containsKey(product)) {
                throw new BadData("ticker_unknown_product", "ticker for unsubscribed product '" + product + "'", false);
            }
            try {
                q = new Quote(Symbol.of(product), Price.of(Wire.text(t, "best_bid")),
                        Quantity.of(t.path("best_bid_quantity").asText("0")), Price.of(Wire.text(t, "best_ask")),
                        Quantity.of(t.path("best_ask_quantity").asText("0")), clock.nanos());
            } catch (IllegalArgumentException e) {
                throw new BadData("ticker_bad_number", "ticker best bid or ask unreadable", false);
            }
            if (q.defect() != null) {
                throw new BadData("ticker_bad_quote", q.defect(), false);
            }
            tickerSeen.put(product, true);
            quotes++;
        }
        listener.onQuote(q);
    }

    /** Quotes published so far. */
    public synchronized long quotes() {
        return quotes;
    }

    /** Depth reports published so far. */
    public synchronized long depths() {
        return depths;
    }

    /** Levels in the book of {@code product} (0 when not synced). */
    public synchronized int depth(String product) {
        OrderBook b = books.get(product);
        return b == null || !b.isSynced() ? 0 : b.depth();
    }
}
