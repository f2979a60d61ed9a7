package io.tradehost.exchange.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehost.exchange.auth.JwtVerifier;
import io.tradehost.exchange.engine.EngineListener;
import io.tradehost.exchange.engine.EngineListener.Trade;
import io.tradehost.exchange.engine.ExchangeOrder;
import io.tradehost.exchange.engine.Listing;
import io.tradehost.exchange.engine.MatchingEngine;
import io.tradehost.exchange.fault.Fault;
import io.tradehost.exchange.fault.FaultPlan;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;

/**
 * The exchange's WebSocket side: the market feed ({@code /ws}) and the user feed ({@code /ws/user},
 * the market endpoint serves {@code user} too), Coinbase's channels ({@code heartbeats}, {@code level2}
 * as {@code l2_data}, {@code ticker}, {@code market_trades}, {@code user}), a snapshot on every
 * level2, market_trades and user subscription, heartbeats once a second, and the feed faults. A
 * connection that has not subscribed within five seconds is closed, as Coinbase does, and one that
 * sends a message over 64 KiB is closed with 1009. Thread-safe.
 */
public final class StreamHub implements EngineListener {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> CHANNELS = Set.of("heartbeats", "level2", "ticker", "market_trades", "user", "status");
    private static final Duration SUBSCRIBE_WITHIN = Duration.ofSeconds(5);
    private static final int SNAPSHOT_BATCH = 50;
    /** The trades of each product a market_trades snapshot carries: the most recent ones. */
    static final int RECENT_TRADES = 50;
    /** The most trades in one market_trades message; a longer run of executions is split. */
    static final int TRADES_PER_MESSAGE = 100;

    private final MatchingEngine engine;
    private final JwtVerifier verifier;
    private final FaultPlan faults;
    private final LongSupplier millis;
    private final ScheduledExecutorService timers;
    private final List<FeedConnection> connections = new CopyOnWriteArrayList<>();
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    /**
     * Guards the recent trades and every market_trades message sent: a subscription is registered
     * and snapshotted under it too, so no update reaches a client before its snapshot and none falls
     * between the two.
     */
    private final Object tape = new Object();
    private final Map<String, Deque<Trade>> recentTrades = new HashMap<>();
    private volatile long silentUntil;

    public StreamHub(MatchingEngine engine, JwtVerifier verifier, FaultPlan faults, LongSupplier millis,
                     ScheduledExecutorService timers) {
        this.engine = engine;
        this.verifier = verifier;
        this.faults = faults;
        this.millis = millis;
        this.timers = timers;
        timers.scheduleAtFixedRate(this::heartbeats, 1, 1, TimeUnit.SECONDS);
    }

    /** The upgrade handler serving both feed paths, wrapping {@code next} for everything else. */
    public Handler.Wrapper handler(Handler next) {
        WebSocketUpgradeHandler upgrade = new WebSocketUpgradeHandler();
        // Jetty's own limits: a larger incoming frame is parsed in parts (auto-fragment stays on:
        // with it off Jetty would refuse the frames it sends over the limit too, the 3 MB
        // oversized_snapshot among them), and the message limits bind Jetty's message handlers;
        // FeedConnection, a frame handler, counts whole messages itself
        upgrade.getConfiguration().setMaxFrameSize(FeedConnection.MAX_MESSAGE_BYTES);
        upgrade.getConfiguration().setMaxTextMessageSize(FeedConnection.MAX_MESSAGE_BYTES);
        upgrade.getConfiguration().setMaxBinaryMessageSize(FeedConnection.MAX_MESSAGE_BYTES);
        upgrade.getConfiguration().setIdleTimeout(Duration.ofMinutes(10));
        upgrade.addMapping("/ws", WebSocketNegotiator.from((rq, rs, cb) -> new FeedConnection(this, false),
                (endpoint, rq, rs) -> (FrameHandler) endpoint));
        upgrade.addMapping("/ws/user", WebSocketNegotiator.from((rq, rs, cb) -> new FeedConnection(this, true),
                (endpoint, rq, rs) -> (FrameHandler) endpoint));
        upgrade.setHandler(next);
        return upgrade;
    }

    FaultPlan faults() {
        return faults;
    }

    long millis() {
        return millis.getAsLong();
    }

    boolean isSilent() {
        return millis.getAsLong() < silentUntil;
    }

    boolean lists(String productId) {
        return engine.listing(productId).isPresent();
    }

    /** The lock a market_trades subscription is registered and snapshotted under. */
    Object tape() {
        return tape;
    }

    boolean requiresAuth(String channel) {
        return channel.equals("user");
    }

    /** Null when the token is good, else why not. */
    String authenticate(String jwt) {
        try {
            verifier.verify(jwt, null);
            return null;
        } catch (JwtVerifier.Refused e) {
            return e.getMessage();
        }
    }

    void countSent(int length) {
        messages.incrementAndGet();
        bytes.addAndGet(length);
    }

    void opened(FeedConnection c) {
        connections.add(c);
        opened.incrementAndGet();
        timers.schedule(() -> {
            if (!c.hasSubscribed()) {
                c.closeFrame(1008, "subscribe within 5 seconds");
            }
        }, SUBSCRIBE_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
    }

    void closed(FeedConnection c) {
        connections.remove(c);
    }

    /** Applies a fault that acts at once on every open connection; false if {@code fault} is not one. */
    public boolean applyNow(Fault fault, long durationMillis) {
        switch (fault) {
            case TCP_CLOSE -> connections.forEach(FeedConnection::disconnect);
            case CLOSE_FRAME -> connections.forEach(c -> c.closeFrame(1001, "going away"));
            case WS_ERROR -> connections.forEach(c -> c.error("internal error, please reconnect"));
            case SILENCE -> silentUntil = millis.getAsLong() + durationMillis;
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Feed statistics for the admin endpoint. */
    public Map<String, Long> stats() {
        return Map.of("feed_connections_opened", opened.get(), "feed_connections_open", (long) connections.size(),
                "feed_messages_sent", messages.get(), "feed_bytes_sent", bytes.get());
    }

    void subscribed(FeedConnection c, String channel, Set<String> products) {
        if (channel.equals("level2")) {
            for (String p : products) {
                sendSnapshot(c, p);
            }
        } else if (channel.equals("user")) {
            List<ExchangeOrder> open = engine.orders(true, List.copyOf(products));
            for (int i = 0; i == 0 || i < open.size(); i += SNAPSHOT_BATCH) {
                ObjectNode event = JSON.createObjectNode();
                event.put("type", "snapshot");
                ArrayNode orders = event.putArray("orders");
                open.subList(i, Math.min(open.size(), i + SNAPSHOT_BATCH)).forEach(o -> orders.add(userOrder(o)));
                event.putObject("positions").putArray("perpetual_futures_positions");
                c.send("user", event);
            }
        } else if (channel.equals("market_trades")) {
            synchronized (tape) {
                for (String p : products.isEmpty() ? engine.listings().stream().map(Listing::productId).toList()
                        : products) {
                    sendTrades(c, "snapshot", p, List.copyOf(recentTrades.getOrDefault(p, new ArrayDeque<>())));
                }
            }
        }
    }

    @Override
    public void traded(String productId, List<Trade> trades) {
        synchronized (tape) {
            Deque<Trade> recent = recentTrades.computeIfAbsent(productId, p -> new ArrayDeque<>());
            for (Trade t : trades) {
                recent.addLast(t);
                if (recent.size() > RECENT_TRADES) {
                    recent.removeFirst();
                }
            }
            for (FeedConnection c : connections) {
                if (c.wants("market_trades", productId)) {
                    sendTrades(c, "update", productId, trades);
                }
            }
        }
    }

    /** One or more market_trades messages of {@code type} with {@code trades}, oldest first; one even if none. */
    private static void sendTrades(FeedConnection c, String type, String productId, List<Trade> trades) {
        for (int i = 0; i == 0 || i < trades.size(); i += TRADES_PER_MESSAGE) {
            ObjectNode event = JSON.createObjectNode();
            event.put("type", type);
            ArrayNode list = event.putArray("trades");
            for (Trade t : trades.subList(i, Math.min(trades.size(), i + TRADES_PER_MESSAGE))) {
                list.add(trade(productId, t));
            }
            c.send("market_trades", event);
        }
    }

    private static ObjectNode trade(String productId, Trade t) {
        ObjectNode n = JSON.createObjectNode();
        n.put("trade_id", t.tradeId());
        n.put("product_id", productId);
        n.put("price", t.price());
        n.put("size", t.size());
        // side is the maker's (the resting order's), not the aggressor's: a buyer lifting the offer
        // prints SELL. Nothing authoritative we found settles it for market_trades: Coinbase's
        // Exchange feed documents the maker side for its matches, and NautilusTrader's adapter and
        // a capture checked against the live book read market_trades as maker too (a third-party
        // schema says taker); the Coinbase plugin maps it in one place, MarketTrades
        n.put("side", t.takerSide().equals("BUY") ? "SELL" : "BUY");
        n.put("time", Instant.ofEpochMilli(t.timeMillis()).toString());
        return n;
    }

    private void sendSnapshot(FeedConnection c, String productId) {
        ObjectNode event = JSON.createObjectNode();
        event.put("type", "snapshot");
        event.put("product_id", productId);
        ArrayNode updates = event.putArray("updates");
        String time = Instant.ofEpochMilli(millis.getAsLong()).toString();
        List<Level> book = engine.snapshot(productId);
        book.forEach(l -> updates.add(level(l, time)));
        if (faults.take(Fault.OVERSIZED_SNAPSHOT) && !book.isEmpty()) {
            pad(updates, book, time);
        }
        c.send("l2_data", event);
    }

    /** Far-away levels (below the bids, above the asks) until the snapshot passes about 3 MB. */
    private static void pad(ArrayNode updates, List<Level> book, String time) {
        BigDecimal lowestBid = book.stream().filter(Level::bid).map(l -> new BigDecimal(l.price()))
                .min(BigDecimal::compareTo).orElse(BigDecimal.ONE);
        BigDecimal highestAsk = book.stream().filter(l -> !l.bid()).map(l -> new BigDecimal(l.price()))
                .max(BigDecimal::compareTo).orElse(BigDecimal.TEN);
        BigDecimal step = lowestBid.divide(BigDecimal.valueOf(100_000), 8, RoundingMode.DOWN).max(new BigDecimal("0.00000001"));
        for (int i = 1; i <= 20_000; i++) {
            BigDecimal bid = lowestBid.subtract(step.multiply(BigDecimal.valueOf(i)));
            if (bid.signum() > 0) {
                updates.add(level(new Level(true, bid.toPlainString(), "0.001"), time));
            }
            updates.add(level(new Level(false, highestAsk.add(step.multiply(BigDecimal.valueOf(i))).toPlainString(),
                    "0.001"), time));
        }
    }

    private static ObjectNode level(Level l, String time) {
        ObjectNode u = JSON.createObjectNode();
        u.put("side", l.bid() ? "bid" : "offer");
        u.put("event_time", time);
        u.put("price_level", l.price());
        u.put("new_quantity", l.size());
        return u;
    }

    private void heartbeats() {
        String time = Instant.ofEpochMilli(millis.getAsLong()).toString();
        for (FeedConnection c : connections) {
            if (c.wants("heartbeats", null)) {
                ObjectNode event = JSON.createObjectNode();
                event.put("current_time", time);
                event.put("heartbeat_counter", c.nextHeartbeat());
                c.send("heartbeats", event);
            }
        }
    }

    @Override
    public void bookChanged(String productId, List<Level> updates) {
        String time = Instant.ofEpochMilli(millis.getAsLong()).toString();
        for (FeedConnection c : connections) {
            if (c.wants("level2", productId)) {
                ObjectNode event = JSON.createObjectNode();
                event.put("type", "update");
                event.put("product_id", productId);
                ArrayNode list = event.putArray("updates");
                updates.forEach(l -> list.add(level(l, time)));
                c.send("l2_data", event);
            }
        }
    }

    @Override
    public void touch(String productId, Level bestBid, Level bestAsk) {
        for (FeedConnection c : connections) {
            if (c.wants("ticker", productId)) {
                ObjectNode event = JSON.createObjectNode();
                event.put("type", "update");
                ObjectNode t = event.putArray("tickers").addObject();
                t.put("type", "ticker");
                t.put("product_id", productId);
                t.put("price", engine.mid(productId).toPlainString());
                t.put("best_bid", bestBid.price());
                t.put("best_bid_quantity", bestBid.size());
                t.put("best_ask", bestAsk.price());
                t.put("best_ask_quantity", bestAsk.size());
                c.send("ticker", event);
            }
        }
    }

    @Override
    public void orderChanged(ExchangeOrder order) {
        boolean twice = false;
        for (FeedConnection c : connections) {
            if (c.wants("user", order.productId)) {
                ObjectNode event = JSON.createObjectNode();
                event.put("type", "update");
                event.putArray("orders").add(userOrder(order));
                event.putObject("positions").putArray("perpetual_futures_positions");
                c.send("user", event);
                if (twice || faults.take(Fault.DUPLICATE_USER_UPDATE)) {
                    twice = true;
                    c.send("user", event);
                }
            }
        }
    }

    /** An order as the user channel shows it: cumulative fields, no trade ids. */
    static ObjectNode userOrder(ExchangeOrder o) {
        ObjectNode n = JSON.createObjectNode();
        n.put("order_id", o.orderId);
        n.put("client_order_id", o.clientOrderId);
        n.put("product_id", o.productId);
        n.put("order_side", o.side);
        n.put("order_type", switch (o.orderType()) {
            case "MARKET" -> "Market";
            case "STOP_LIMIT" -> "Stop Limit";
            default -> "Limit";
        });
        n.put("time_in_force", o.timeInForce());
        n.put("status", o.status);
        n.put("cumulative_quantity", o.filledSize.toPlainString());
        n.put("leaves_quantity", o.isOpen() ? o.remaining().toPlainString() : "0");
        n.put("avg_price", o.filledSize.signum() == 0 ? "0"
                : o.filledValue.divide(o.filledSize, 10, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString());
        n.put("total_fees", o.totalFees.toPlainString());
        n.put("filled_value", o.filledValue.toPlainString());
        n.put("number_of_fills", String.valueOf(o.numberOfFills));
        n.put("limit_price", o.limitPrice == null ? "0" : o.limitPrice.toPlainString());
        n.put("stop_price", o.stopPrice == null ? "0" : o.stopPrice.toPlainString());
        n.put("creation_time", Instant.ofEpochMilli(o.createdMillis).toString());
        n.put("cancel_reason", o.cancelMessage);
        n.put("reject_reason", o.rejectReason);
        n.put("completion_percentage", o.baseSize.signum() == 0 ? "0"
                : o.filledSize.multiply(BigDecimal.valueOf(100)).divide(o.baseSize, 2, RoundingMode.DOWN).toPlainString());
        return n;
    }
}
