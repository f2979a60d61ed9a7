package io.tradehost.plugins.venue.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehost.api.host.Throwables;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.venue.VenueException;
import io.tradehost.api.venue.VenueListener;
import io.tradehost.plugins.venue.coinbase.feed.UserFeed;
import io.tradehost.plugins.venue.coinbase.net.RestClient;
import io.tradehost.plugins.venue.coinbase.wire.Wire;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coinbase's in-place edit of a resting limit order ({@code POST /orders/edit}, {@code order_id},
 * {@code price}, {@code size}) behind {@link CoinbaseVenue#amend}. What needs no network is checked
 * at once and thrown: an order the venue has not placed or listed ({@link #ORDER_NOT_FOUND}), one
 * that is no limit order ({@link #ONLY_LIMIT}), terms that are not positive. The rest runs on the
 * HTTP client's virtual threads, the edits of one order one at a time in the order asked, through
 * the same REST client as every call (JWT, rate gate, error codes), and each outcome reaches the
 * listener exactly once: {@code onOrderAmended} with the terms asked, or {@code onAmendRejected}
 * with Coinbase's {@code edit_failure_reason} as the code (its {@code preview_failure_reason} where
 * that is the only one), the transport's code ({@code RATE_LIMITED}, {@code AUTH_REFUSED},
 * {@code BAD_REQUEST}, ...), or {@link #EDIT_FAILED}. An answer that is lost, late, over
 * {@value #MAX_ANSWER_BYTES} bytes or unreadable leaves the outcome unknown: the order is read back
 * and reported amended only if it shows the new terms, else rejected with the transport's code
 * (reconciliation compares the order should it change later). While an edit is under way the user
 * feed holds the order's updates, so the host hears the new terms before a fill they caused.
 * Thread-safe.
 */
final class OrderEdits {
    private static final Logger LOG = LoggerFactory.getLogger(OrderEdits.class);
    /** The largest edit answer read: Coinbase's is well under a kilobyte. */
    static final int MAX_ANSWER_BYTES = 64 * 1024;
    /** The order is not one this venue placed or listed, or Coinbase does not know it. */
    static final RejectionCode ORDER_NOT_FOUND = RejectionCode.of("ORDER_NOT_FOUND");
    /** Only limit orders are edited (not stops, not market orders). */
    static final RejectionCode ONLY_LIMIT = RejectionCode.of("ONLY_LIMIT_ORDER_EDITS_SUPPORTED");
    static final RejectionCode INVALID_EDITED_PRICE = RejectionCode.of("INVALID_EDITED_PRICE");
    static final RejectionCode INVALID_EDITED_SIZE = RejectionCode.of("INVALID_EDITED_SIZE");
    /** Coinbase refused without a reason the plugin can read. */
    static final RejectionCode UNKNOWN_REASON = RejectionCode.of("UNKNOWN_EDIT_ORDER_FAILURE_REASON");
    /** The plugin itself failed to carry the edit out (a bug, not the venue's answer). */
    static final RejectionCode EDIT_FAILED = RejectionCode.of("EDIT_FAILED");
    static final int MAX_REASON_CHARS = 64;
    static final int MAX_TEXT_CHARS = 300;
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final CompletableFuture<Void> IDLE = CompletableFuture.completedFuture(null);

    private final RestClient rest;
    private final Executor io;
    private final VenueListener listener;
    /** Each order's terms as last placed, listed or edited: its symbol and type decide what may be edited. */
    private final Map<ClientOrderId, OrderRequest> terms = new ConcurrentHashMap<>();
    /** The last edit asked of each order with one under way; the next runs after it. */
    private final Map<ClientOrderId, CompletableFuture<Void>> queues = new ConcurrentHashMap<>();

    OrderEdits(RestClient rest, Executor io, VenueListener listener) {
        this.rest = rest;
        this.io = io;
        this.listener = listener;
    }

    /** The venue placed, listed or read {@code request}'s order: its terms, for the edits to come. */
    void remember(OrderRequest request) {
        terms.put(request.clientOrderId(), request);
    }

    /**
     * Sends the edit of {@code id} (venue order {@code orderId}, null when unknown) once any edit of
     * it still under way is over. {@code feed}, when there is one, holds the order's updates meanwhile.
     *
     * @throws VenueException refused at once, without the network, as the class says
     */
    void submit(ClientOrderId id, String orderId, Price price, Quantity total, UserFeed feed) throws VenueException {
        Objects.requireNonNull(id, "clientOrderId");
        Objects.requireNonNull(price, "limitPrice");
        Objects.requireNonNull(total, "quantity");
        OrderRequest placed = terms.get(id);
        if (placed == null || orderId == null) {
            throw VenueException.refused(ORDER_NOT_FOUND, "coinbase: no order " + id + " is known here (the venue"
                    + " learns an order by placing it or listing the open orders)");
        }
        if (placed.type() != OrderType.LIMIT) {
            throw VenueException.refused(ONLY_LIMIT, "coinbase edits limit orders only; " + id + " is "
                    + placed.type());
        }
        if (!price.isPositive()) {
            throw VenueException.refused(INVALID_EDITED_PRICE, "the edited price of " + id + " must be positive");
        }
        if (!total.isPositive()) {
            throw VenueException.refused(INVALID_EDITED_SIZE, "the edited size of " + id + " must be positive");
        }
        Edit edit = new Edit(placed, orderId, price, total);
        CompletableFuture<Void> next = queues.compute(id, (k, tail) -> (tail == null ? IDLE
                : tail.exceptionally(e -> null)).thenRunAsync(() -> run(edit, feed), io));
        next.whenComplete((done, failure) -> {
            queues.remove(id, next);
            if (failure != null) {
                LOG.warn("coinbase: the edit of {} did not run: {}", id, failure.toString());
                edit.rejected(EDIT_FAILED, "the edit could not run: " + failure.getClass().getSimpleName());
            }
        });
    }

    private void run(Edit edit, UserFeed feed) {
        ClientOrderId id = edit.request.clientOrderId();
        if (feed != null) {
            feed.placing(id);
        }
        try {
            send(edit);
        } catch (Throwable e) {
            // whatever fails here the host must still hear an answer; only the JVM's own failures go on
            Throwables.rethrowIfFatal(e);
            LOG.warn("coinbase: the edit of {} failed in the plugin", id, e);
            edit.rejected(EDIT_FAILED, "the plugin failed to edit " + id + ": " + e.getClass().getSimpleName());
        } finally {
            if (feed != null) {
                feed.placed(id, edit.orderId);
            }
        }
    }

    private void send(Edit edit) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("order_id", edit.orderId);
        body.put("price", edit.price.toString());
        body.put("size", edit.total.toString());
        JsonNode answer;
        try {
            answer = rest.post("/orders/edit", body, MAX_ANSWER_BYTES);
        } catch (VenueException e) {
            if (e.isOutcomeUnknown()) {
                readBack(edit, e.code(), e.getMessage());
            } else {
                edit.rejected(e.code(), "coinbase did not edit " + edit.request.clientOrderId() + ": "
                        + cut(e.getMessage()) + e.retryAfter().map(d -> " (retry after " + d.toMillis() + " ms)")
                        .orElse(""));
            }
            return;
        }
        JsonNode success = answer.get("success");
        if (success == null || !success.isBoolean()) {
            readBack(edit, RestClient.BAD_ANSWER, "the edit answer carries no success flag");
        } else if (success.booleanValue()) {
            edit.amended();
        } else {
            refused(edit, answer.path("errors").path(0));
        }
    }

    /** Coinbase answered {@code success: false}; {@code error} is the first entry of its errors, if any. */
    private static void refused(Edit edit, JsonNode error) {
        String reason = text(error.get("edit_failure_reason"));
        String preview = text(error.get("preview_failure_reason"));
        boolean vague = reason.isEmpty() || reason.equals(UNKNOWN_REASON.value());
        boolean previewSays = !preview.isEmpty() && !preview.equals("UNKNOWN_PREVIEW_FAILURE_REASON");
        RejectionCode code = code(vague && previewSays ? preview : reason);
        String message = text(error.get("message"));
        edit.rejected(code, "coinbase refused to edit " + edit.request.clientOrderId() + ": "
                + (reason.isEmpty() ? "no reason given" : reason) + (previewSays ? " (" + preview + ")" : "")
                + (message.isEmpty() ? "" : ": " + message));
    }

    /**
     * The edit may or may not have happened ({@code code}, {@code why}): the order as Coinbase shows it
     * now decides, and an order that cannot be read leaves the edit rejected with {@code code}.
     */
    private void readBack(Edit edit, RejectionCode code, String why) {
        ClientOrderId id = edit.request.clientOrderId();
        String shows;
        try {
            Order now = Wire.order(rest.get("/orders/historical/" + edit.orderId, List.of()).path("order"));
            if (edit.price.equals(now.request().limitPrice()) && edit.total.equals(now.request().quantity())) {
                LOG.info("coinbase: the answer to the edit of {} was lost or unreadable ({}); the order shows the new"
                        + " terms", id, code);
                edit.amended();
                return;
            }
            shows = "the order still shows " + now.request().quantity() + " at " + now.request().limitPrice();
        } catch (VenueException | RuntimeException e) {
            shows = "reading the order back failed too (" + e.getClass().getSimpleName() + ": " + cut(e.getMessage())
                    + ")";
        }
        LOG.warn("coinbase: the outcome of the edit of {} is unknown ({}: {}); {}", id, code, cut(why), shows);
        edit.rejected(code, "the outcome of the edit of " + id + " is unknown (" + cut(why) + "); " + shows);
    }

    /**
     * Coinbase's reason as a code, in upper case: its reasons are upper snake case, so anything else
     * (other characters, more than {@value #MAX_REASON_CHARS} of them, none) is {@link #UNKNOWN_REASON}
     * and only the message carries it.
     */
    static RejectionCode code(String reason) {
        if (reason == null || reason.length() > MAX_REASON_CHARS) {
            return UNKNOWN_REASON;
        }
        String upper = reason.strip().toUpperCase(Locale.ROOT);
        return CODE.matcher(upper).matches() ? RejectionCode.of(upper) : UNKNOWN_REASON;
    }

    /** A text field's value, at most {@value #MAX_TEXT_CHARS} characters; empty for anything else. */
    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? cut(node.asText()) : "";
    }

    private static String cut(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= MAX_TEXT_CHARS ? text : text.substring(0, MAX_TEXT_CHARS) + "...";
    }

    /** One edit asked: reports its outcome once, whatever happens after. */
    private final class Edit {
        final OrderRequest request;
        final String orderId;
        final Price price;
        final Quantity total;
        private final AtomicBoolean reported = new AtomicBoolean();

        Edit(OrderRequest request, String orderId, Price price, Quantity total) {
            this.request = request;
            this.orderId = orderId;
            this.price = price;
            this.total = total;
        }

        void amended() {
            if (reported.compareAndSet(false, true)) {
                terms.computeIfPresent(request.clientOrderId(), (k, r) -> r.amended(price, total));
                try {
                    listener.onOrderAmended(request.clientOrderId(), request.symbol(), price, total);
                } catch (RuntimeException e) {
                    LOG.warn("coinbase: the listener failed on the amendment of {}", request.clientOrderId(), e);
                }
            }
        }

        void rejected(RejectionCode code, String message) {
            if (reported.compareAndSet(false, true)) {
                try {
                    listener.onAmendRejected(request.clientOrderId(), request.symbol(), code, message);
                } catch (RuntimeException e) {
                    LOG.warn("coinbase: the listener failed on the refused amendment of {}", request.clientOrderId(), e);
                }
            }
        }
    }
}
