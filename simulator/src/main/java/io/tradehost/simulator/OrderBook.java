package io.tradehost.simulator;

import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.value.Quantity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The engine's orders: every order it heard of by client order id, what rests (in the order it came
 * to rest), the stops that fired, the orders on their way to the book, every fill, and the id
 * sequences. Each change of an order's state goes through here and adds its event. Not thread-safe.
 */
final class OrderBook {
    private final Map<ClientOrderId, Order> orders = new LinkedHashMap<>();
    private final Map<ClientOrderId, List<Fill>> fills = new HashMap<>();
    /** Resting orders, in the order they came to rest; the engine's matching walks it. */
    final List<ClientOrderId> resting = new ArrayList<>();
    /** Stops whose trigger fired: they rest as the limit they became. */
    final Set<ClientOrderId> triggered = new HashSet<>();
    /** Orders taken that have not reached the book yet. */
    final Set<ClientOrderId> pending = new LinkedHashSet<>();
    /** Pending orders cancelled on their way: the cancel follows them to the book. */
    final Set<ClientOrderId> cancelOnArrival = new HashSet<>();
    /** Amends asked while their order was on its way (its new request, the last asked): applied when it arrives. */
    final Map<ClientOrderId, OrderRequest> amendOnArrival = new HashMap<>();
    /** The size ahead of each resting limit in its price's queue ({@link FillModel}); none is nothing ahead. */
    final Map<ClientOrderId, Quantity> ahead = new HashMap<>();
    /** Resting rests of takers that walked to their limit: they take again on their symbol's next market. */
    final Map<ClientOrderId, Long> leftovers = new LinkedHashMap<>();
    private long tradeSequence;
    private long orderSequence;

    /** The order {@code id}, or null. */
    Order get(ClientOrderId id) {
        return orders.get(id);
    }

    Order accept(OrderRequest request, String idPrefix, List<EngineEvent> out) {
        Order accepted = new Order(request, OrderStatus.ACCEPTED, Quantity.ZERO, idPrefix + (++orderSequence));
        orders.put(request.clientOrderId(), accepted);
        out.add(new EngineEvent.Accepted(accepted));
        return accepted;
    }

    void reject(OrderRequest request, Refusal refusal, List<EngineEvent> out) {
        Order rejected = new Order(request, OrderStatus.REJECTED, Quantity.ZERO, null);
        orders.put(request.clientOrderId(), rejected);
        out.add(new EngineEvent.Rejected(rejected, refusal.rejectionCode(), refusal.text()));
    }

    void cancel(Order order, String reason, List<EngineEvent> out) {
        ahead.remove(order.clientOrderId());
        leftovers.remove(order.clientOrderId());
        Order cancelled = new Order(order.request(), OrderStatus.CANCELLED, order.filledQuantity(),
                order.venueOrderId());
        orders.put(order.clientOrderId(), cancelled);
        out.add(new EngineEvent.Cancelled(cancelled, reason));
    }

    /** Order {@code changed} replaces its former terms in place. */
    void amend(Order changed, List<EngineEvent> out) {
        orders.put(changed.clientOrderId(), changed);
        out.add(new EngineEvent.Amended(changed));
    }

    /** The next trade id. */
    String nextTradeId(String prefix) {
        return prefix + (++tradeSequence);
    }

    /** {@code fill} took part or all of what remained of {@code order}; returns the order after it. */
    Order filled(Order order, Fill fill, List<EngineEvent> out) {
        fills.computeIfAbsent(fill.clientOrderId(), k -> new ArrayList<>()).add(fill);
        Quantity done = order.filledQuantity().plus(fill.quantity());
        boolean whole = !done.isLessThan(order.request().quantity());
        Order after = new Order(order.request(), whole ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED,
                whole ? order.request().quantity() : done, order.venueOrderId());
        orders.put(order.clientOrderId(), after);
        if (whole) {
            ahead.remove(order.clientOrderId());
            leftovers.remove(order.clientOrderId());
        }
        out.add(new EngineEvent.Filled(after, fill));
        return after;
    }

    Optional<BookedOrder> booked(ClientOrderId id) {
        return Optional.ofNullable(orders.get(id))
                .map(o -> new BookedOrder(o, resting.contains(id), triggered.contains(id)));
    }

    List<Fill> fills(ClientOrderId id) {
        return List.copyOf(fills.getOrDefault(id, List.of()));
    }

    List<Order> openOrders() {
        return resting.stream().map(orders::get).toList();
    }

    /** Replaces everything with a saved book: resting orders rest again in the order given. */
    void restore(List<BookedOrder> saved, List<Fill> savedFills, long savedTradeSequence, long savedOrderSequence) {
        orders.clear();
        fills.clear();
        resting.clear();
        triggered.clear();
        pending.clear();
        cancelOnArrival.clear();
        amendOnArrival.clear();
        ahead.clear();
        leftovers.clear();
        for (BookedOrder o : saved) {
            ClientOrderId id = o.order().clientOrderId();
            orders.put(id, o.order());
            if (o.resting()) {
                resting.add(id);
            }
            if (o.triggered()) {
                triggered.add(id);
            }
        }
        savedFills.forEach(f -> fills.computeIfAbsent(f.clientOrderId(), k -> new ArrayList<>()).add(f));
        tradeSequence = savedTradeSequence;
        orderSequence = savedOrderSequence;
    }

    long tradeSequence() {
        return tradeSequence;
    }

    long orderSequence() {
        return orderSequence;
    }
}
