package io.tradehost.plugins.venue.coinbase.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.time.Clock;
import io.tradehost.api.time.Scheduler;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.venue.VenueException;
import io.tradehost.api.venue.VenueListener;
import io.tradehost.plugins.venue.coinbase.net.Interrupts;
import io.tradehost.plugins.venue.coinbase.wire.Wire;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authenticated {@code user} channel (with heartbeats): order updates carry cumulative
 * quantities and no trade ids, so a rise of an order's {@code cumulative_quantity} is the cue to
 * read its fills from the fills endpoint, and only fills whose trade id has not been reported go to
 * the host. A snapshot (at every subscription) is never read as fills by itself: it only triggers
 * the same lookup, so fills missed while disconnected are found and repeated ones are not.
 * Cancellations, expiries and failures are reported after the fills that preceded them; a
 * duplicated update changes nothing. Thread-safe.
 */
public final class UserFeed extends Feed {
    private static final Logger LOG = LoggerFactory.getLogger(UserFeed.class);

    /** Where the fills of an order are read. */
    public interface FillSource {
        /** Every fill of venue order {@code orderId}, any order. */
        List<Fill> fills(String orderId, ClientOrderId clientOrderId) throws VenueException;
    }

    private final Supplier<String> jwt;
    private final FillSource fills;
    private final Map<String, BigDecimal> cumulative = new HashMap<>();
    private final Set<String> finished = new HashSet<>();
    private final Set<String> reportedTrades = new HashSet<>();
    private final Map<String, ClientOrderId> clientIds = new HashMap<>();
    private final Set<ClientOrderId> placing = new HashSet<>();
    /** Orders whose fills endpoint lagged their cumulative quantity (warned once each). */
    private final Set<String> lagging = new HashSet<>();
    private boolean snapshotSeen;

    public UserFeed(HttpClient http, URI uri, Timing timing, Scheduler scheduler, Clock clock, VenueListener listener,
                    long seed, Supplier<String> jwt, FillSource fills) {
        super("user", http, uri, timing, scheduler, clock, listener, seed);
        this.jwt = jwt;
        this.fills = fills;
    }

    @Override
    protected List<String> subscribeMessages() {
        return List.of(subscribe("heartbeats"), subscribe("user"));
    }

    private String subscribe(String channel) {
        ObjectNode m = JSON.createObjectNode();
        m.put("type", "subscribe");
        m.put("channel", channel);
        m.putArray("product_ids");
        m.put("jwt", jwt.get());
        return m.toString();
    }

    @Override
    protected synchronized void onLost(String why) {
        snapshotSeen = false;
    }

    @Override
    protected synchronized boolean isSynced() {
        return snapshotSeen;
    }

    /**
     * An order POST for {@code clientOrderId} is under way: its updates wait until {@link #placed}
     * (at most {@link #PLACING_WAIT_MILLIS}), so the host hears the acceptance before the fills.
     */
    public synchronized void placing(ClientOrderId clientOrderId) {
        placing.add(clientOrderId);
    }

    /** The POST for {@code clientOrderId} is over; {@code orderId} is its venue id, or null if unknown. */
    public synchronized void placed(ClientOrderId clientOrderId, String orderId) {
        if (orderId != null) {
            clientIds.put(orderId, clientOrderId);
        }
        placing.remove(clientOrderId);
        notifyAll();
    }

    /** How long an update waits for its order's POST to finish. */
    static final long PLACING_WAIT_MILLIS = 5_000;

    private synchronized void awaitPlacement(ClientOrderId clientOrderId) {
        long deadline = clock.nanos() + PLACING_WAIT_MILLIS * 1_000_000;
        try {
            while (placing.contains(clientOrderId)) {
                long left = deadline - clock.nanos();
                if (left <= 0) {
                    return;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Interrupts.restore();
        }
    }

    /** Marks trade ids as already reported (fills the host got another way). */
    public synchronized boolean markReported(String tradeId) {
        return reportedTrades.add(tradeId);
    }

    @Override
    protected void onMessage(String channel, JsonNode message) throws BadData {
        if (!channel.equals("user")) {
            return;
        }
        for (JsonNode event : message.path("events")) {
            String type = event.path("type").asText("");
            if (!type.equals("snapshot") && !type.equals("update")) {
                throw new BadData("user_unknown_type", "user event type '" + type + "'", false);
            }
            for (JsonNode order : event.path("orders")) {
                update(order);
            }
            if (type.equals("snapshot")) {
                synchronized (this) {
                    snapshotSeen = true;
                }
            }
        }
    }

    private void update(JsonNode o) throws BadData {
        String orderId;
        ClientOrderId clientId;
        Symbol symbol;
        String status;
        BigDecimal total;
        try {
            orderId = Wire.text(o, "order_id");
            clientId = ClientOrderId.of(Wire.text(o, "client_order_id"));
            symbol = Symbol.of(Wire.text(o, "product_id"));
            status = Wire.text(o, "status");
            total = new BigDecimal(o.path("cumulative_quantity").asText("0"));
        } catch (IllegalArgumentException e) {
            throw new BadData("user_bad_order", e.getMessage(), false);
        }
        awaitPlacement(clientId);
        boolean more;
        synchronized (this) {
            clientIds.putIfAbsent(orderId, clientId);
            BigDecimal seen = cumulative.getOrDefault(orderId, BigDecimal.ZERO);
            more = total.compareTo(seen) > 0;
            if (finished.contains(orderId) && !more) {
                return;
            }
        }
        if (more) {
            readFills(orderId, clientId, total);
        }
        if (Wire.isTerminal(status)) {
            boolean first;
            synchronized (this) {
                first = finished.add(orderId);
            }
            if (!first) {
                return;
            }
            switch (status) {
                case "CANCELLED" -> listener.onOrderCancelled(clientId, symbol, reason(o, "cancel_reason", "cancelled"));
                case "EXPIRED" -> listener.onOrderCancelled(clientId, symbol, "expired");
                case "FAILED" -> listener.onOrderRejected(clientId, symbol,
                        Wire.rejection(o.path("reject_reason").asText("")), reason(o, "reject_reason", "failed"));
                default -> {
                    // FILLED: the fills said it all
                }
            }
        }
    }

    private static String reason(JsonNode o, String field, String otherwise) {
        String text = o.path(field).asText("");
        return text.isBlank() ? otherwise : text;
    }

    private void readFills(String orderId, ClientOrderId clientId, BigDecimal total) {
        List<Fill> all;
        try {
            all = fills.fills(orderId, clientId);
        } catch (VenueException e) {
            LOG.warn("cannot read the fills of order {} ({}: {}); reconciliation will find them", clientId, e.code(),
                    e.getMessage());
            return;
        }
        BigDecimal sum = BigDecimal.ZERO;
        List<Fill> fresh = new java.util.ArrayList<>();
        synchronized (this) {
            for (Fill f : all) {
                sum = sum.add(f.quantity().toBigDecimal());
                if (reportedTrades.add(f.tradeId())) {
                    fresh.add(f);
                }
            }
            cumulative.merge(orderId, sum.min(total), BigDecimal::max);
        }
        boolean first;
        synchronized (this) {
            first = sum.compareTo(total) < 0 && lagging.add(orderId);
        }
        if (first) {
            LOG.warn("order {}: the fills endpoint lists {} of the {} filled so far; reconciliation will find the rest",
                    clientId, Quantity.of(sum), Quantity.of(total));
        }
        fresh.forEach(listener::onFill);
    }
}
