package io.tradehost.admin.snapshot;

import io.tradehost.api.event.ConfigReloaded;
import io.tradehost.api.event.Event;
import io.tradehost.api.event.IntentRejected;
import io.tradehost.api.event.OperatorActed;
import io.tradehost.api.event.OrderCancelled;
import io.tradehost.api.event.OrderFilled;
import io.tradehost.api.event.OrderRejected;
import io.tradehost.api.event.OrderSubmitted;
import io.tradehost.api.event.StateReasonChanged;
import io.tradehost.api.event.StrategyQuarantined;
import io.tradehost.api.event.TradingStateChanged;
import io.tradehost.api.event.VenueConnectionChanged;
import io.tradehost.api.event.JournalRecovered;
import io.tradehost.api.event.JournalWriteFailed;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.value.Quantity;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Remembers what recently happened (fills, refusals, finished orders, state changes, operator
 * actions; each bounded, oldest dropped first) and passes every event an operator watches to a
 * listener, the live stream. Subscribed to every event; kernel thread only, except that the
 * listener must itself be thread-safe and must not block.
 */
public final class ActivityLog {
    /** How many of each kind are kept. */
    public static final int KEEP = 200;

    private final ArrayDeque<Fill> fills = new ArrayDeque<>();
    private final ArrayDeque<Activity.Rejection> rejections = new ArrayDeque<>();
    private final ArrayDeque<Order> closed = new ArrayDeque<>();
    private final ArrayDeque<TradingStateChanged> transitions = new ArrayDeque<>();
    private final ArrayDeque<OperatorActed> operatorActions = new ArrayDeque<>();
    private final Map<ClientOrderId, Order> working = new HashMap<>();
    private final Consumer<Event> watched;

    /** @param watched hears the events an operator watches, on the kernel thread; must not block */
    public ActivityLog(Consumer<Event> watched) {
        this.watched = Objects.requireNonNull(watched, "watched");
    }

    /** Whether operators watch events of this kind on the live stream. */
    public static boolean isWatched(Event event) {
        return event instanceof OrderFilled || event instanceof IntentRejected || event instanceof OrderRejected
                || event instanceof TradingStateChanged || event instanceof StateReasonChanged
                || event instanceof OperatorActed || event instanceof StrategyQuarantined
                || event instanceof VenueConnectionChanged || event instanceof JournalWriteFailed
                || event instanceof JournalRecovered
                || event instanceof OrderSubmitted || event instanceof OrderCancelled
                || event instanceof ConfigReloaded;
    }

    /** Hears one event. */
    public void onEvent(Event event) {
        switch (event) {
            case OrderSubmitted s -> working.put(s.request().clientOrderId(),
                    new Order(s.request(), OrderStatus.SUBMITTED, Quantity.ZERO, null));
            case OrderFilled f -> filled(f.fill());
            case OrderCancelled c -> finish(c.clientOrderId(), OrderStatus.CANCELLED);
            case OrderRejected r -> {
                finish(r.clientOrderId(), OrderStatus.REJECTED);
                keep(rejections, new Activity.Rejection(r.timestampNanos(), r.symbol().value(), "venue",
                        r.code().value(), r.message(), r.clientOrderId().value()));
            }
            case IntentRejected r -> keep(rejections, new Activity.Rejection(r.intent().timestampNanos(),
                    r.intent().symbol().value(), r.stage(), r.code().value(), r.message(), null));
            case TradingStateChanged t -> keep(transitions, t);
            case OperatorActed a -> keep(operatorActions, a);
            default -> {
                // not remembered; may still be watched
            }
        }
        if (isWatched(event)) {
            watched.accept(event);
        }
    }

    private void filled(Fill fill) {
        keep(fills, fill);
        Order order = working.get(fill.clientOrderId());
        if (order != null) {
            Quantity done = order.filledQuantity().plus(fill.quantity());
            OrderRequest request = order.request();
            if (done.compareTo(request.quantity()) >= 0) {
                working.remove(fill.clientOrderId());
                keep(closed, new Order(request, OrderStatus.FILLED, done, order.venueOrderId()));
            } else {
                working.put(fill.clientOrderId(), new Order(request, OrderStatus.PARTIALLY_FILLED, done,
                        order.venueOrderId()));
            }
        }
    }

    private void finish(ClientOrderId id, OrderStatus status) {
        Order order = working.remove(id);
        if (order != null) {
            keep(closed, new Order(order.request(), status, order.filledQuantity(), order.venueOrderId()));
        }
    }

    private static <T> void keep(ArrayDeque<T> ring, T item) {
        if (ring.size() == KEEP) {
            ring.removeFirst();
        }
        ring.addLast(item);
    }

    /** What is remembered now: a copy. */
    public Activity activity() {
        return new Activity(List.copyOf(fills), List.copyOf(rejections), List.copyOf(closed),
                List.copyOf(transitions), List.copyOf(operatorActions));
    }
}
